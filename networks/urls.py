from django.urls import path

from networks import views

app_name = "networks"

urlpatterns = [
    path("networks/", views.network_list, name="list"),
    path("networks/new/", views.network_create, name="create"),
    path("networks/<int:pk>/", views.network_detail, name="detail"),
    path("networks/<int:pk>/edit/", views.network_edit, name="edit"),
    path("networks/<int:pk>/invite/", views.invite, name="invite"),
    path("networks/<int:pk>/leaders/", views.leader_add, name="leader_add"),
    path("networks/invitations/<int:pk>/withdraw/", views.invitation_withdraw,
         name="invitation_withdraw"),
    path("networks/leaders/<int:pk>/remove/", views.leader_remove, name="leader_remove"),
    # The district admin's: invitations to answer, networks to leave
    path("district/networks/", views.district_networks, name="district"),
    path("district/networks/invitations/<int:pk>/", views.invitation_answer, name="answer"),
    path("district/networks/<int:pk>/leave/", views.leave, name="leave"),
]
