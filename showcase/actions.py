"""Publishing a showcase and connecting through one. Each verb is atomic; its e-mail is planned
in the same transaction (mail.outbox), so it goes once, or not at all."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from schools.models import District, User
from showcase import access, emails
from showcase.models import ConnectionBlock, ConnectionRequest, RequestStatus, Showcase
from successes.models import GradeBand, SuccessStory, Theme

MAX_STORIES = 5
MAX_SUBJECTS = 5
MAX_REQUESTS_A_DAY = 5
MESSAGE_LENGTH = 1000


@transaction.atomic
def publish_showcase(*, owner: User, district: District, offer: str, key_ideas: str = "",
                     themes: Iterable[Theme] = (), grade_bands: Iterable[str] = (),
                     subjects: Iterable[str] = (), stories: Iterable[SuccessStory] = (),
                     findable: bool = False) -> Showcase:
    """Create or update the person's one showcase, published from the district they act in.
    Themes are that district's; linked stories only the owner's own shared with a network.
    Nobody finds it unless `findable` (off by default)."""
    offer = offer.strip()
    if not offer:
        raise ValidationError(_("Say what you can share."))
    themes, stories = list(themes), list(stories)
    if any(theme.district_id != district.pk for theme in themes):
        raise ValidationError(_("Choose themes of your district."))
    linkable = set(access.linkable_stories(owner).filter(pk__in=[s.pk for s in stories])
                   .values_list("pk", flat=True))
    if any(story.pk not in linkable for story in stories):
        raise ValidationError(_("Link only your own stories shared with your network."))
    if len(stories) > MAX_STORIES:
        raise ValidationError(_("Link at most %(n)s stories.") % {"n": MAX_STORIES})
    subjects = list(dict.fromkeys(s.strip() for s in subjects if s.strip()))
    if len(subjects) > MAX_SUBJECTS:
        raise ValidationError(_("Name at most %(n)s subjects.") % {"n": MAX_SUBJECTS})
    showcase, _created = Showcase.objects.update_or_create(owner=owner, defaults={
        "district": district, "offer": offer, "key_ideas": key_ideas.strip(),
        "grade_bands": [band for band in GradeBand.values if band in set(grade_bands)],
        "subjects": subjects, "findable": findable})
    showcase.themes.set(themes)
    showcase.stories.set(stories)
    return showcase


@transaction.atomic
def unpublish_showcase(*, showcase: Showcase) -> None:
    """Delete it: nobody finds it any more. Requests already sent stay, to be answered."""
    showcase.delete()


@transaction.atomic
def send_connection_request(*, sender: User, district: District, showcase: Showcase,
                            message: str) -> ConnectionRequest:
    """Ask a findable showcase's owner to connect. One pending request per pair (either way),
    none once connected, at most MAX_REQUESTS_A_DAY in 24 hours. The owner is e-mailed once,
    at a waking hour of their clock; the sender's address is not shared until they accept."""
    message = message.strip()
    if not message:
        raise ValidationError(_("Write a short message: say who you are and why you would "
                                "like to connect."))
    if len(message) > MESSAGE_LENGTH:
        raise ValidationError(_("Keep the message under %(n)s characters.")
                              % {"n": MESSAGE_LENGTH})
    recipient = showcase.owner
    if recipient.pk == sender.pk or access.has_blocked(recipient, sender):
        raise ValidationError(_("You cannot ask this person to connect."))
    User.objects.select_for_update().get(pk=sender.pk)  # one request at a time per sender
    between = ConnectionRequest.objects.filter(
        Q(sender=sender, recipient=recipient) | Q(sender=recipient, recipient=sender))
    if between.filter(status=RequestStatus.ACCEPTED).exists():
        raise ValidationError(_("You are already connected: see your connections."))
    if between.filter(status=RequestStatus.PENDING, sender=recipient).exists():
        raise ValidationError(_("They already asked to connect with you: answer their "
                                "request under Connection requests."))
    if between.filter(status=RequestStatus.PENDING).exists():
        raise ValidationError(_("You already asked to connect; they have not answered yet."))
    since = timezone.now() - timedelta(days=1)
    if ConnectionRequest.objects.filter(sender=sender, created_at__gte=since).count() >= (
            MAX_REQUESTS_A_DAY):
        raise ValidationError(ngettext(
            "You can send %(n)s connection request a day. Try again tomorrow.",
            "You can send %(n)s connection requests a day. Try again tomorrow.",
            MAX_REQUESTS_A_DAY) % {"n": MAX_REQUESTS_A_DAY})
    try:
        with transaction.atomic():
            request = ConnectionRequest.objects.create(
                sender=sender, recipient=recipient, sender_district=district,
                recipient_district=showcase.district, showcase=showcase,
                offer=showcase.offer, message=message)
    except IntegrityError:
        raise ValidationError(_("You already asked to connect; they have not answered "
                                "yet.")) from None
    emails.plan_connection_email(request, emails.ASKED)
    return request


def _answer(request: ConnectionRequest, status: str) -> ConnectionRequest:
    """Only a waiting request is answered; a second answer changes nothing."""
    answered = ConnectionRequest.objects.filter(pk=request.pk, status=RequestStatus.PENDING
                                                ).update(status=status,
                                                         answered_at=timezone.now())
    request.refresh_from_db()
    if not answered:
        raise ValidationError(_("This request was already answered or withdrawn."))
    return request


@transaction.atomic
def accept_request(*, request: ConnectionRequest) -> ConnectionRequest:
    """Accepting introduces them: the sender gets an e-mail with both names and addresses and
    their message, once, at a waking hour of their clock."""
    request = _answer(request, RequestStatus.ACCEPTED)
    emails.plan_connection_email(request, emails.ACCEPTED)
    return request


@transaction.atomic
def decline_request(*, request: ConnectionRequest) -> ConnectionRequest:
    """The sender sees "declined" in the app; no e-mail."""
    return _answer(request, RequestStatus.DECLINED)


@transaction.atomic
def block_sender(*, request: ConnectionRequest) -> ConnectionRequest:
    """Decline, and receive no more requests from that person: they no longer find the
    recipient's showcase."""
    request = _answer(request, RequestStatus.DECLINED)
    ConnectionBlock.objects.get_or_create(blocker=request.recipient, blocked=request.sender)
    return request


@transaction.atomic
def withdraw_request(*, request: ConnectionRequest, by: User) -> ConnectionRequest:
    """The sender withdraws a waiting request (its e-mail, if not gone yet, is not sent);
    either side ends an accepted connection."""
    request.status = RequestStatus.WITHDRAWN
    request.withdrawn_by = by
    request.answered_at = request.answered_at or timezone.now()
    request.save(update_fields=["status", "withdrawn_by", "answered_at"])
    return request
