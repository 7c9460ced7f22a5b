from celery import shared_task
from django.urls import reverse

from lib import emails
from schools.models import Invitation


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(invitation_id: int, token: str) -> None:
    """E-mail the invitation link. The token travels only here: the database keeps its hash."""
    invitation = (Invitation.objects.usable().select_related("district", "school", "invited_by")
                  .filter(pk=invitation_id).first())
    if invitation is None:
        return  # used, revoked or expired before the mail went out
    emails.send(
        "invitation",
        to=invitation.email,
        language=invitation.district.language,
        context={
            "invitation": invitation,
            "accept_url": emails.absolute_url(reverse("schools:accept_invitation",
                                                      args=[token])),
        },
    )
