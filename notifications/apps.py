from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class NotificationsConfig(AppConfig):
    """In-app notifications: a person's list of what happened that concerns them, read and
    unread. The domain apps declare their kinds of notification in their own
    `notifications.py` (found here at start-up, as mail finds `emails.py`) and emit them from
    their actions; this app knows none of them."""

    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        autodiscover_modules("notifications")
