"""Who may see what of growth: the district's frameworks (its people read them, its admins keep
them), and a person's self-assessments and reflections - theirs alone.

A self-assessment is read by its owner and by the colleagues they shared it with, nobody
else: not their school leader, not the district's leaders or admins, not another district.
A reflection is read by its owner only. Everything acts in the district the person acts in
(schools.access.roles_for); anything else is a 404, never a 403.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from growth.models import Competency, Framework, Reflection, SelfAssessment
from schools.access import require_district_admin, roles_for
from schools.models import Membership, User


def require_member(user: User):
    """Growth belongs to a district: people with no role there have none."""
    roles = roles_for(user)
    if not roles.is_member:
        raise Http404
    return roles


# --- Frameworks ------------------------------------------------------------------------------

def frameworks_in_use(user: User) -> QuerySet[Framework]:
    """The frameworks a person may take a self-assessment (or write a plan) against: their
    district's, not archived."""
    roles = roles_for(user)
    if roles.district is None:
        return Framework.objects.none()
    return Framework.objects.filter(district=roles.district, is_archived=False)


def get_framework_for(user: User, pk: int) -> Framework:
    try:
        return frameworks_in_use(user).get(pk=pk)
    except Framework.DoesNotExist:
        raise Http404 from None


def frameworks_managed_by(user: User) -> QuerySet[Framework]:
    """A district admin keeps their district's frameworks, archived or not; nobody else any."""
    roles = roles_for(user)
    if not roles.is_district_admin:
        return Framework.objects.none()
    return Framework.objects.filter(district=roles.district)


def get_framework_for_admin(user: User, pk: int) -> Framework:
    require_district_admin(user)
    try:
        return frameworks_managed_by(user).select_related("district").get(pk=pk)
    except Framework.DoesNotExist:
        raise Http404 from None


def get_competency_for_admin(user: User, framework_pk: int, pk: int) -> Competency:
    framework = get_framework_for_admin(user, framework_pk)
    try:
        return framework.competencies.select_related("framework__district").get(pk=pk)
    except Competency.DoesNotExist:
        raise Http404 from None


# --- Self-assessments --------------------------------------------------------------------------

def assessments_of(user: User) -> QuerySet[SelfAssessment]:
    """The person's own self-assessments, in the district they act in."""
    roles = roles_for(user)
    if roles.district is None:
        return SelfAssessment.objects.none()
    return SelfAssessment.objects.filter(owner=user, district=roles.district)


def assessments_visible_to(user: User) -> QuerySet[SelfAssessment]:
    """Their own, and those a colleague of their district shared with them."""
    roles = roles_for(user)
    if roles.district is None:
        return SelfAssessment.objects.none()
    return SelfAssessment.objects.filter(
        Q(owner=user) | Q(shares__colleague=user), district=roles.district).distinct()


def shared_with(user: User) -> QuerySet[SelfAssessment]:
    return assessments_visible_to(user).exclude(owner=user)


def get_assessment_for(user: User, pk: int) -> SelfAssessment:
    """A self-assessment the person may read (read-only unless it is theirs), or 404."""
    try:
        return assessments_visible_to(user).select_related("owner", "framework").get(pk=pk)
    except SelfAssessment.DoesNotExist:
        raise Http404 from None


def get_own_assessment(user: User, pk: int) -> SelfAssessment:
    """Only the owner shares or deletes a self-assessment."""
    try:
        return assessments_of(user).select_related("framework").get(pk=pk)
    except SelfAssessment.DoesNotExist:
        raise Http404 from None


def colleagues_to_share_with(user: User) -> QuerySet[User]:
    """Active people with a role in the person's district, themselves aside."""
    roles = roles_for(user)
    if roles.district is None:
        return User.objects.none()
    return User.objects.filter(Exists(Membership.objects.active().filter(
        user=OuterRef("pk"), district=roles.district))).exclude(pk=user.pk)


# --- Reflections ----------------------------------------------------------------------------

def reflections_of(user: User) -> QuerySet[Reflection]:
    roles = roles_for(user)
    if roles.district is None:
        return Reflection.objects.none()
    return Reflection.objects.filter(owner=user, district=roles.district)


def get_own_reflection(user: User, pk: int) -> Reflection:
    try:
        return reflections_of(user).get(pk=pk)
    except Reflection.DoesNotExist:
        raise Http404 from None
