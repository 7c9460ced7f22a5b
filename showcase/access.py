"""Who may find, open and answer what in showcases and connection requests.

- A showcase is found by people of the districts its district shares a network with (its own
  district included), now: only while its owner lets colleagues find them (`findable`), still
  works in that district, and has not blocked the reader. Nobody else is ever listed: there
  is no directory of people who did not opt in. Its owner always opens their own.
- A linked story shows to a reader only if they may read it themselves
  (`SuccessStory.objects.readable_by`).
- A request is seen by its sender and its recipient, nobody else; the recipient answers it.
Anything else is a 404, never a 403.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from networks.access import network_ids_of
from networks.models import NetworkDistrict
from schools.access import roles_for
from schools.models import Membership, User
from showcase.models import ConnectionBlock, ConnectionRequest, RequestStatus, Showcase
from successes.models import SuccessStory, Theme, Visibility


def require_member(user: User) -> None:
    """Showcases belong to people of a district: anyone else has none to see."""
    if not roles_for(user).is_member:
        raise Http404


def in_a_network(user: User) -> bool:
    return bool(network_ids_of(user))


def shares_a_network(district_field: str, network_ids) -> Exists:
    """The district in `district_field` is in one of these networks, now."""
    return Exists(NetworkDistrict.objects.filter(district=OuterRef(district_field),
                                                 network_id__in=network_ids))


def findable_by(user: User) -> QuerySet[Showcase]:
    """Showcases the person may find and open (the rule above), their own left out."""
    network_ids = network_ids_of(user)
    if not network_ids:
        return Showcase.objects.none()
    return (Showcase.objects.filter(findable=True, owner__departed_at__isnull=True)
            .exclude(owner=user)
            .filter(shares_a_network("district", network_ids))
            .filter(Exists(Membership.objects.active().filter(user=OuterRef("owner"),
                                                              district=OuterRef("district"))))
            .exclude(Exists(ConnectionBlock.objects.filter(blocker=OuterRef("owner"),
                                                           blocked=user))))


def get_showcase_for(user: User, pk: int) -> Showcase:
    """The person's own showcase, or one they may find; else 404."""
    require_member(user)
    showcase = (Showcase.objects.filter(pk=pk, owner=user).first()
                or findable_by(user).filter(pk=pk).first())
    if showcase is None:
        raise Http404
    return showcase


def get_connectable_showcase(user: User, pk: int) -> Showcase:
    """A showcase the person may ask to connect through: one they may find (not their own)."""
    try:
        return findable_by(user).select_related("owner", "district").get(pk=pk)
    except Showcase.DoesNotExist:
        raise Http404 from None


def own_showcase(user: User) -> Showcase | None:
    return Showcase.objects.filter(owner=user).first()


def get_own_showcase(user: User) -> Showcase:
    showcase = own_showcase(user)
    if showcase is None:
        raise Http404
    return showcase


def linkable_stories(user: User) -> QuerySet[SuccessStory]:
    """The person's own stories shared with a network: the only ones a showcase may link."""
    return (SuccessStory.objects.alive()
            .filter(author=user, visibility=Visibility.NETWORK, network__isnull=False))


def theme_choices(user: User) -> QuerySet[Theme]:
    """A showcase is tagged with the active themes of the district it is published from."""
    district = roles_for(user).district
    if district is None:
        return Theme.objects.none()
    return Theme.objects.filter(district=district, is_active=True)


def linked_stories_for(showcase: Showcase, reader: User) -> QuerySet[SuccessStory]:
    """The showcase's stories this reader may open themselves, and no other."""
    return SuccessStory.objects.readable_by(reader).filter(showcases=showcase)


def requests_of(user: User) -> QuerySet[ConnectionRequest]:
    """Requests the person sent or received; nobody else's."""
    return ConnectionRequest.objects.filter(Q(sender=user) | Q(recipient=user))


def get_request_to_answer(user: User, pk: int) -> ConnectionRequest:
    """A waiting request sent to this person: only they accept, decline or block."""
    try:
        return (ConnectionRequest.objects.select_related("sender", "recipient")
                .get(pk=pk, recipient=user, status=RequestStatus.PENDING))
    except ConnectionRequest.DoesNotExist:
        raise Http404 from None


def get_request_to_withdraw(user: User, pk: int) -> ConnectionRequest:
    """The sender withdraws a waiting request; either side ends an accepted one."""
    request = (requests_of(user).filter(pk=pk)
               .filter(Q(status=RequestStatus.PENDING, sender=user)
                       | Q(status=RequestStatus.ACCEPTED)).first())
    if request is None:
        raise Http404
    return request


def still_share_a_network(request: ConnectionRequest) -> bool:
    """Both districts are still in one network together (checked again before e-mailing)."""
    return (NetworkDistrict.objects.filter(district=request.recipient_district_id)
            .filter(network__members__district=request.sender_district_id).exists())


def has_blocked(blocker: User, person: User) -> bool:
    return ConnectionBlock.objects.filter(blocker=blocker, blocked=person).exists()


def theme_names_found_by(user: User) -> list[str]:
    """The names of the themes of the showcases the person may find, each once (themes are
    each district's own: a name stands for all of them)."""
    names = (Theme.objects.filter(showcases__in=findable_by(user))
             .values_list("name", flat=True).distinct())
    return sorted({name.casefold(): name for name in names}.values(), key=str.casefold)
