from django.urls import path

from inquiry import views

app_name = "inquiry"

urlpatterns = [
    path("cycles/<int:pk>/inquiry/", views.plan, name="plan"),
    path("cycles/<int:pk>/inquiry/edit/", views.plan_edit, name="edit"),
    path("cycles/<int:pk>/inquiry/reflection/", views.reflection, name="reflection"),
    path("cycles/<int:pk>/inquiry/print/", views.print_plan, name="print"),
    path("cycles/<int:pk>/inquiry/indicators/", views.indicator_add, name="indicator_add"),
    path("cycles/<int:pk>/inquiry/indicators/<int:indicator_id>/remove/",
         views.indicator_remove, name="indicator_remove"),
    path("cycles/<int:pk>/inquiry/evidence/", views.entry_add, name="entry_add"),
    path("cycles/<int:pk>/inquiry/evidence/<int:entry_id>/remove/", views.entry_remove,
         name="entry_remove"),
    path("cycles/<int:pk>/inquiry/evidence/<int:entry_id>/file/", views.entry_file,
         name="entry_file"),
]
