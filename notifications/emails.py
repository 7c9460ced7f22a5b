"""The e-mail side of notifications: kinds declared with an e-mail (notifications.registry)
send the same sentence and link, built when the e-mail goes out - so a notification its
reader may no longer see, or that they already read in the app, is not e-mailed. Whether
the person wants that e-mail is mail's to check (mail.messages.build)."""

from __future__ import annotations

from mail.messages import absolute_url
from mail.models import Delivery, EmailKind
from mail.registry import Content, declare
from notifications.access import shown_one
from notifications.models import Notification
from schools.access import act_in


def notification_email(delivery: Delivery) -> Content | None:
    note = (Notification.objects.filter(pk=delivery.payload.get("notification"),
                                        recipient_id=delivery.recipient_id)
            .select_related("actor").first())
    if note is None or note.read_at is not None:
        return None
    act_in(delivery.recipient, note.district_id)  # judged in the district it happened in
    shown = shown_one(delivery.recipient, note)
    if shown is None:
        return None
    return Content({"text": shown.text, "url": absolute_url(shown.url)})


for _kind in (EmailKind.STORY_NEWS, EmailKind.FORUM_NEWS, EmailKind.JOIN_REQUEST):
    declare(_kind, build=notification_email)
