from django.contrib import admin
from django.urls import include, path

from forums.views.home import home
from lib.health import healthz
from lib.views import ping
from schools.views import admin_login

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("ping", ping, name="ping"),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the language switcher
    path("accounts/", include("allauth.urls")),
    path("", include("mail.urls")),
    path("", include("schools.urls")),
    path("", include("networks.urls")),
    path("", include("notifications.urls")),
    path("", include("successes.urls")),
    path("", include("forums.urls")),
    path("", include("learning.urls")),
    path("", include("inquiry.urls")),
    path("", include("growth.urls")),
    path("", include("plans.urls")),
    path("", include("rounds.urls")),
    path("", include("pulse.urls")),
    path("", include("showcase.urls")),
    path("admin/login/", admin_login),  # the app's rate-limited login, for staff too
    path("admin/", admin.site.urls),
]
