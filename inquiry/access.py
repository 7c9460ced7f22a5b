"""Who may read and write a collective's inquiry plan - the one place that decides.

- Only collectives (forums with no school: a district's, or a cross-district one) have
  inquiry plans; a school forum's cycle has none (404).
- The cycle is fetched as forums.access allows (get_cycle_for); on top of that, only the
  forum's members read its plan, in any circle. Nobody else: not the district's leaders who
  may see the forum, not the network's other people, not another district (404).
- Members of the core and engaged circles, and facilitators, write; the interested circle
  reads only.
- A log entry is removed by the member who added it or by a facilitator; any writer removes
  an indicator (they are the group's shared list).
- A log entry's file is served to the plan's readers only, through inquiry.views.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from forums.access import get_cycle_for, membership
from forums.models import FACILITATING_ROLES, Circle, Cycle, ForumMember
from inquiry.models import EvidenceEntry, Indicator, InquiryPlan
from schools.models import User

WRITING_CIRCLES = (Circle.CORE, Circle.ENGAGED)


@dataclass(frozen=True)
class InquiryRole:
    """One member's place in one cycle's inquiry."""

    cycle: Cycle
    member: ForumMember

    @property
    def facilitates(self) -> bool:
        return self.member.role in FACILITATING_ROLES

    @property
    def writes(self) -> bool:
        return self.member.circle in WRITING_CIRCLES or self.facilitates

    def may_remove(self, entry: EvidenceEntry) -> bool:
        return self.writes and (entry.added_by_id == self.member.user_id or self.facilitates)


def get_inquiry_for(user: User, cycle_pk: int) -> InquiryRole:
    """A collective's cycle whose forum the person is a member of, or 404."""
    cycle = get_cycle_for(user, cycle_pk)
    if cycle.forum.school_id is not None:
        raise Http404
    member = membership(user, cycle.forum)
    if member is None:
        raise Http404
    return InquiryRole(cycle=cycle, member=member)


def get_writable_inquiry(user: User, cycle_pk: int) -> InquiryRole:
    """As get_inquiry_for, for a member who writes (404 for the interested circle too)."""
    role = get_inquiry_for(user, cycle_pk)
    if not role.writes:
        raise Http404
    return role


def plan_of(cycle: Cycle) -> InquiryPlan | None:
    return InquiryPlan.objects.filter(cycle=cycle).first()


def get_plan_of(cycle: Cycle) -> InquiryPlan:
    plan = plan_of(cycle)
    if plan is None:
        raise Http404
    return plan


def get_indicator_of(plan: InquiryPlan, pk: int) -> Indicator:
    try:
        return plan.indicators.get(pk=pk)
    except Indicator.DoesNotExist:
        raise Http404 from None


def get_entry_of(plan: InquiryPlan, pk: int) -> EvidenceEntry:
    try:
        return plan.entries.get(pk=pk)
    except EvidenceEntry.DoesNotExist:
        raise Http404 from None


def get_removable_entry(role: InquiryRole, plan: InquiryPlan, pk: int) -> EvidenceEntry:
    entry = get_entry_of(plan, pk)
    if not role.may_remove(entry):
        raise Http404
    return entry
