"""The follow-up e-mail's one-click links: each is signed for one commitment and one outcome,
and expires after LINK_LIFETIME. Whoever holds the link may answer for that commitment only,
without signing in (as with an unsubscribe link); it reveals and changes nothing else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core import signing
from django.http import Http404
from django.utils import timezone

from forums.models import Commitment, TryOutcome

LINK_LIFETIME = timedelta(days=30)
SALT = "forums.try-link"


def try_link_token(commitment: Commitment, outcome: str) -> str:
    return signing.dumps({"c": commitment.pk, "o": outcome, "u": commitment.user_id,
                          "at": int(timezone.now().timestamp())}, salt=SALT, compress=True)


def read_try_link(token: str) -> tuple[Commitment, str, datetime]:
    """(commitment, outcome, when the link was made), or 404: a tampered or expired link, an
    unknown outcome, a commitment gone or no longer its owner's, or an owner who left."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_LIFETIME)
        pk, outcome, user_id, at = data["c"], data["o"], data["u"], data["at"]
    except (signing.BadSignature, KeyError, TypeError):
        raise Http404 from None
    commitment = (Commitment.objects.select_related("user", "session__cycle__forum")
                  .filter(pk=pk, user_id=user_id, user__is_active=True).first())
    if commitment is None or outcome not in TryOutcome.values:
        raise Http404
    return commitment, outcome, datetime.fromtimestamp(at, tz=UTC)


def answered_from_link(commitment: Commitment, outcome: str, since: datetime):
    """The report this link already made, if any: that outcome, alone (not in a session),
    since the link was made."""
    return (commitment.reports.filter(outcome=outcome, session=None, created_at__gte=since)
            .order_by("created_at").first())
