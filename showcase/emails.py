"""The connection e-mails, declared to mail (mail.registry) as CONNECTION:

- asked: the showcase's owner hears who asks to connect, and their message (not the sender's
  address); sent only while the request still waits;
- accepted: the sender is introduced to the owner, with both names and addresses and the
  message; sent only while the request is still accepted.

Each goes once (its key names the request and the news), in the recipient's language, at the
first waking hour of their clock (07:00 to 21:00, mail.timing), and only while both districts
still share a network. Templates: templates/emails/connection.subject.txt, .txt and .html.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from mail.messages import absolute_url
from mail.models import Delivery, EmailKind
from mail.outbox import plan, plan_now
from mail.registry import Content, Planned, declare
from mail.timing import next_waking
from showcase.access import still_share_a_network
from showcase.models import ConnectionRequest, RequestStatus

ASKED = "asked"
ACCEPTED = "accepted"


def plan_connection_email(request: ConnectionRequest, news: str) -> None:
    """Plan the e-mail of this news, to the owner (asked) or to the sender (accepted)."""
    if news == ASKED:
        person, district = request.recipient, request.recipient_district
    else:
        person, district = request.sender, request.sender_district
    now = timezone.now()
    when = next_waking(now, person.time_zone or district.time_zone)
    item = Planned(key=f"connection:{request.pk}:{news}", kind=EmailKind.CONNECTION,
                   email=person.email, recipient=person, district=district,
                   scheduled_for=when, payload={"request": request.pk, "news": news})
    if when <= now:
        plan_now([item])
    else:
        plan([item])  # the outbox's tick sends it when it is due


def connection_email(delivery: Delivery) -> Content | None:
    request = (ConnectionRequest.objects
               .select_related("sender", "recipient", "sender_district", "recipient_district")
               .filter(pk=delivery.payload.get("request")).first())
    news = delivery.payload.get("news")
    if request is None:
        return None
    if news == ASKED and not (request.status == RequestStatus.PENDING
                              and request.recipient_id == delivery.recipient_id):
        return None
    if news == ACCEPTED and not (request.status == RequestStatus.ACCEPTED
                                 and request.sender_id == delivery.recipient_id):
        return None
    if not still_share_a_network(request):
        return None
    return Content({"request": request, "accepted": news == ACCEPTED,
                    "requests_url": absolute_url(reverse("showcase:requests"))})


declare(EmailKind.CONNECTION, build=connection_email)
