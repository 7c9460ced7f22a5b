from django.urls import path

from schools import views, views_privacy, views_signin

app_name = "schools"

urlpatterns = [
    path("district/", views.district, name="district"),
    path("district/schools/new/", views.add_school, name="add_school"),
    path("district/staff/", views.staff, name="staff"),
    path("district/staff/<int:pk>/", views.staff_member, name="staff_member"),
    path("district/staff/<int:pk>/active/", views.set_active, name="set_active"),
    path("district/staff/<int:pk>/roles/<int:membership_id>/revoke/", views.revoke_role,
         name="revoke_role"),
    path("district/staff/import/", views.import_staff, name="import_staff"),
    path("district/staff/<int:pk>/remove/", views_privacy.remove_person, name="remove_person"),
    path("district/audit/", views_privacy.audit_log, name="audit_log"),
    path("settings/my-data/", views_privacy.my_data, name="my_data"),
    path("invite/", views.invite, name="invite"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    # Reached from e-mails
    path("go/<str:token>/", views_signin.sign_in_link, name="sign_in_link"),
]
