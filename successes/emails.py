"""The e-mail of successes: a colleague spotlighted your class, and invites you to log it."""

from __future__ import annotations

from django.urls import reverse

from mail.models import Delivery, EmailKind
from mail.registry import Content, declare
from schools.signin import create_sign_in_link
from successes.models import Spotlight


def spotlight(delivery: Delivery) -> Content | None:
    """Only while the spotlight is neither dismissed nor already logged as a story."""
    note = Spotlight.objects.select_related("noticed_by").filter(
        pk=delivery.payload["spotlight"], story__isnull=True, dismissed_at__isnull=True).first()
    if note is None:
        return None
    return Content({"spotlight": note, "log_url": create_sign_in_link(
        user=delivery.recipient, next_url=f"{reverse('successes:create')}?spotlight={note.pk}")})


declare(EmailKind.SPOTLIGHT, build=spotlight)
