"""Who may open the district's reading pages. Anyone else gets 404.

- The digest, its PDF and CSV, and the district spread picture: the district's leaders and
  admins (`Roles.reads_district`), and only for their own district.
- Forming a collective from a theme: district leaders (as for any collective,
  forums.access.may_create_collective).
- The knowledge bank: every member of the district. Teachers learn most from it, and it shows
  nothing beyond what they may already read: insights of forums they may see
  (forums.access.insights_visible_to; for leaders and admins, every forum of the district) and
  stories through `SuccessStory.objects.visible_to`.
- A story's spread trail: whoever may read the story (successes.access.get_story_for).
  An insight's trail: whoever may see the insight (as in the knowledge bank).
"""

from __future__ import annotations

from django.http import Http404

from forums.access import insights_visible_to, may_create_collective
from forums.models import Insight
from schools.access import Roles, roles_for
from schools.models import User


def require_district_reader(user: User) -> Roles:
    """The roles of a leader or admin of a district, who reads all of it; 404 for anyone else."""
    roles = roles_for(user)
    if roles.district is None or not roles.reads_district:
        raise Http404
    return roles


def require_collective_former(user: User) -> Roles:
    """The roles of someone who may form a collective in their district; 404 for anyone else."""
    roles = roles_for(user)
    if roles.district is None or not may_create_collective(user):
        raise Http404
    return roles


def require_member(user: User) -> Roles:
    """The roles of anyone with a role in a district; 404 for anyone else."""
    roles = roles_for(user)
    if roles.district is None:
        raise Http404
    return roles


def get_insight_for(user: User, pk: int) -> Insight:
    """An insight the person may see (forums.access.insights_visible_to), or 404."""
    try:
        return insights_visible_to(user).select_related(
            "session__cycle__forum__school", "story").get(pk=pk)
    except Insight.DoesNotExist:
        raise Http404 from None
