from django.urls import path

from networks import views

app_name = "networks"

urlpatterns = [
    path("networks/<int:pk>/", views.network_detail, name="detail"),
]
