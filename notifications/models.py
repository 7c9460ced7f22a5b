"""A notification belongs to one person: what happened (its kind), the thing it is about
(`target_id`, read by the app that declared the kind), who did it, and when it was read.

Its words are not stored: the declaring app renders them from the thing when it is shown
(notifications.registry), for that reader and through its own access rules, so a renamed
forum reads right and a thing the reader may no longer see is not shown at all.
"""

from django.db import models
from django.db.models import Q

from schools.models import District, User


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    # The district the event happened in: a person in several districts sees, in each, only
    # its own (every link leads to a page of that district).
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    target_id = models.BigIntegerField()
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "district", "-created_at"],
                         name="notification_list"),
            models.Index(fields=["recipient", "district"], name="notification_unread",
                         condition=Q(read_at__isnull=True)),
            models.Index(fields=["recipient", "kind", "target_id"], name="notification_target"),
        ]

    def __str__(self) -> str:
        return f"Notification {self.pk} ({self.kind})"
