from django.urls import path

from plans import views

app_name = "plans"

urlpatterns = [
    path("growth/plan/", views.home, name="home"),
    path("growth/plan/new/", views.plan_create, name="create"),
    path("growth/plan/<int:pk>/", views.plan_detail, name="detail"),
    path("growth/plan/<int:pk>/edit/", views.plan_edit, name="edit"),
    path("growth/plan/<int:pk>/close/", views.plan_close, name="close"),
    path("growth/plan/<int:pk>/check-ins/", views.check_in, name="checkin"),
    path("growth/plan/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("growth/plan/<int:pk>/evidence/<int:evidence_id>/remove/", views.evidence_remove,
         name="evidence_remove"),
    # The triad: colleagues the owner shares the plan with, and everyone's comments
    path("growth/plan/<int:pk>/share/", views.share, name="share"),
    path("growth/plan/<int:pk>/share/<int:reader_id>/remove/", views.unshare, name="unshare"),
    path("growth/plan/<int:pk>/comments/", views.comment, name="comment"),
]
