from django.urls import path

from showcase import views

app_name = "showcase"

urlpatterns = [
    path("showcase/", views.mine, name="mine"),
    path("showcase/unpublish/", views.unpublish, name="unpublish"),
    path("showcase/find/", views.find, name="find"),
    path("showcase/<int:pk>/", views.detail, name="detail"),
    path("showcase/<int:pk>/connect/", views.connect, name="connect"),
    # Connection requests: the recipient answers, the sender withdraws
    path("showcase/requests/", views.requests, name="requests"),
    path("showcase/requests/<int:pk>/accept/", views.accept, name="accept"),
    path("showcase/requests/<int:pk>/decline/", views.decline, name="decline"),
    path("showcase/requests/<int:pk>/block/", views.block, name="block"),
    path("showcase/requests/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
