"""The rounds' e-mail, declared to mail (mail.registry): ROUND_NEWS, a round of Stop,
Continue, Start opens (with its question and closing date), or its grouped result is ready.
Who and when: rounds.planning.

Checked again just before sending: the round still exists, the recipient is still in its scope
(rounds.access.is_still_asked), and the news still holds - an opening while the round is
open, a result once published. Templates: templates/emails/round_news.subject.txt, .txt and
.html.
"""

from __future__ import annotations

from django.urls import reverse

from mail.messages import absolute_url
from mail.models import Delivery, EmailKind
from mail.registry import Content, declare
from rounds import planning
from rounds.access import is_still_asked
from rounds.models import Round


def round_news(delivery: Delivery) -> Content | None:
    round = (Round.objects.select_related("district", "school", "forum", "opened_by")
             .filter(pk=delivery.payload.get("round")).first())
    news = delivery.payload.get("news")
    if round is None or delivery.recipient is None:
        return None
    if (news == planning.OPENED and not round.is_open()) or (
            news == planning.PUBLISHED and not round.is_published):
        return None
    if not is_still_asked(delivery.recipient, round):
        return None
    return Content({"round": round, "published": news == planning.PUBLISHED,
                    "round_url": absolute_url(reverse("rounds:detail", args=[round.pk]))})


declare(EmailKind.ROUND_NEWS, build=round_news, late_after=planning.too_late)
