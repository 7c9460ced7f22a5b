from django.contrib import admin
from django.urls import include, path

from lib.health import healthz
from lib.views import ping
from schools.views import admin_login, home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("ping", ping, name="ping"),
    path("accounts/", include("allauth.urls")),
    path("", include("schools.urls")),
    path("", include("successes.urls")),
    path("", include("forums.urls")),
    path("admin/login/", admin_login),  # the app's rate-limited login, for staff too
    path("admin/", admin.site.urls),
]
