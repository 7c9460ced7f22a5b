from django.urls import path

from mail import views

app_name = "mail"

urlpatterns = [
    # Reached from e-mails
    path("settings/email/", views.email_preferences, name="preferences"),
    path("settings/email/calendar-link/", views.reset_calendar_link, name="reset_calendar_link"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    # The district admin's view of the outbox
    path("district/email/", views.email_status, name="email_status"),
    path("district/email/<int:pk>/send-again/", views.send_again, name="send_again"),
]
