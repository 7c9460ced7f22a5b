"""Cross-district collectives: forming one, adding members by address, and sharing an insight
with a network (and taking it back)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.access import forum_staff, share_networks
from forums.actions.membership import add_members, require_room_in_core
from forums.collectives import network_theme_names, theme_name_like
from forums.models import Circle, Forum, ForumMember, ForumRole, Insight
from networks.access import leads
from networks.models import Network
from schools.access import roles_for
from schools.models import User
from successes.models import Theme


@transaction.atomic
def form_collective(*, network: Network, by: User, name: str, description: str = "",
                    theme_name: str = "") -> Forum:
    """A network leader forms a collective from the district they act in (its clock and its
    themes) and becomes its facilitator. The focus theme is chosen by name among the network's
    districts' active themes, and kept as a theme of the forming district (made if it has
    none of that name, in any case)."""
    district = roles_for(by).district
    if district is None or not leads(by, network):
        raise ValidationError(_("Only the network's leaders form its collectives."))
    theme = None
    if theme_name.strip():
        chosen = theme_name_like(network_theme_names(network), theme_name)
        if not chosen:
            raise ValidationError(_("Choose one of the network's themes."))
        theme = (Theme.objects.filter(district=district, name__iexact=chosen).first()
                 or Theme.objects.create(district=district, name=chosen))
    forum = Forum.objects.create(district=district, network=network, name=name.strip(),
                                 description=description.strip(), focus_theme=theme,
                                 created_by=by)
    ForumMember.objects.create(forum=forum, user=by, circle=Circle.CORE,
                               role=ForumRole.FACILITATOR)
    return forum


@transaction.atomic
def add_members_by_email(*, forum: Forum, emails: list[str], circle: str, by: User | None,
                         role: str = ForumRole.MEMBER) -> None:
    """Add the people with these addresses who are active staff of a district in the
    collective's network; other addresses are passed over in silence, so the answer never
    tells whether someone exists. The core circle's limit counts every new address given."""
    wanted = {email.strip().lower() for email in emails if email.strip()}
    if not wanted:
        return
    if circle == Circle.CORE:
        present = {email.lower() for email in forum.members.filter(circle=Circle.CORE)
                   .values_list("user__email", flat=True)}
        require_room_in_core(forum, len(wanted - present))
    matching = Q()
    for email in wanted:
        matching |= Q(email__iexact=email)
    people = list(User.objects.filter(matching, is_active=True)
                  .filter(memberships__in=forum_staff(forum)).distinct())
    add_members(forum=forum, users=people, circle=circle, role=role, added_by=by)


@transaction.atomic
def share_insight_with_network(*, insight: Insight, by: User,
                               network: Network | None = None) -> Insight:
    """A cross-district collective's insight goes to its network when the group agreed (its
    facilitators record it); a district forum's insight, by its author, to a network of its
    district (forums.access.share_networks)."""
    forum = insight.session.cycle.forum
    network = network or forum.network
    if network is None or network not in share_networks(by, insight):
        raise ValidationError(_("This insight cannot be shared with that network."))
    insight.network, insight.shared_with_network_at = network, timezone.now()
    insight.save(update_fields=["network", "shared_with_network_at"])
    return insight


@transaction.atomic
def unshare_insight(*, insight: Insight, by: User) -> Insight:
    """Those who may share it take it back: from now on the network does not read it."""
    if insight.network_id is None:
        return insight
    if insight.network not in share_networks(by, insight):
        raise ValidationError(_("Only those who shared this insight may take it back."))
    insight.network, insight.shared_with_network_at = None, None
    insight.save(update_fields=["network", "shared_with_network_at"])
    return insight
