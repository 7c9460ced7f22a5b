"""Who may see and do what with districts, schools, staff and invitations.

Every view in every app asks here; no view filters by role on its own. A person acts in one
district at a time: the one they chose on the district switcher (kept in their session, see
schools.middleware.DistrictMiddleware and `act_in`), else their first active one; nothing of
another district is ever returned.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.http import Http404

from schools.addresses import verified_owners
from schools.models import District, ImportJob, Invitation, Membership, Role, School, User


@dataclass(frozen=True)
class Roles:
    """What one person is, in their district. Loaded once per request (see `roles_for`)."""

    district: District | None
    school_ids: frozenset[int]  # schools they work in, any school role
    led_school_ids: frozenset[int]  # schools they lead
    is_district_leader: bool
    is_district_admin: bool
    districts: tuple[District, ...] = ()  # every district they hold an active role in
    # The networks the district they act in is in now (read with the roles: the network rules
    # in networks.access and forums.access ask no query of their own).
    network_ids: frozenset[int] = frozenset()

    @property
    def is_member(self) -> bool:
        return self.district is not None

    @property
    def is_school_leader(self) -> bool:
        return bool(self.led_school_ids)

    @property
    def reads_district(self) -> bool:
        """District leaders and admins read district-wide records (never private stories)."""
        return self.is_district_leader or self.is_district_admin

    @property
    def can_invite(self) -> bool:
        return self.is_district_admin or self.is_school_leader


NO_ROLES = Roles(None, frozenset(), frozenset(), False, False)


def roles_for(user: User) -> Roles:
    """The person's roles in the district they act in (`act_in`), cached on the user object
    for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_ROLES
    cached = getattr(user, "_roles_cache", None)
    if cached is not None:
        return cached
    roles = roles_from(list(_with_districts(Membership.objects.active().filter(user=user))
                            .order_by("district_id", "id")),
                       district_id=getattr(user, "acting_district_id", None))
    user._roles_cache = roles
    return roles


def load_roles(users: list[User]) -> None:
    """`roles_for` for many people at once (a batch of e-mails): one query, each person's
    roles cached on them exactly as `roles_for` would."""
    waiting = {user.pk: user for user in users if getattr(user, "is_authenticated", False)
               and user.is_active and getattr(user, "_roles_cache", None) is None}
    if not waiting:
        return
    memberships: dict[int, list[Membership]] = {pk: [] for pk in waiting}
    for membership in (_with_districts(Membership.objects.active().filter(user_id__in=waiting))
                       .order_by("user_id", "district_id", "id")):
        memberships[membership.user_id].append(membership)
    for pk, user in waiting.items():
        user._roles_cache = roles_from(memberships[pk],
                                       district_id=getattr(user, "acting_district_id", None))


def act_in(user: User, district_id: int | None) -> None:
    """From now on `roles_for(user)` answers for that district, if the person holds an active
    role there; otherwise for their first district, as if none had been chosen."""
    user.acting_district_id = district_id
    user._roles_cache = None


def _with_districts(memberships: QuerySet[Membership]) -> QuerySet[Membership]:
    """Memberships with their district and the ids of the networks it is in, in one query."""
    return memberships.select_related("district").annotate(network_ids=ArrayAgg(
        "district__network_memberships__network_id",
        filter=Q(district__network_memberships__isnull=False), default=Value([])))


def roles_from(memberships: list[Membership], *, district_id: int | None = None) -> Roles:
    """Roles from one person's active memberships, ordered by district then id (as
    `roles_for` loads them; code that loads many people's memberships at once uses it too),
    in the district `district_id` when they hold a role there, else in their first one."""
    if not memberships:
        return NO_ROLES
    districts = tuple({m.district_id: m.district for m in memberships}.values())
    district = next((d for d in districts if d.id == district_id), districts[0])
    mine = [m for m in memberships if m.district_id == district.id]
    return Roles(
        district=district,
        school_ids=frozenset(m.school_id for m in mine if m.school_id),
        led_school_ids=frozenset(m.school_id for m in mine if m.role == Role.SCHOOL_LEADER),
        is_district_leader=any(m.role == Role.DISTRICT_LEADER for m in mine),
        is_district_admin=any(m.role == Role.DISTRICT_ADMIN for m in mine),
        districts=districts,
        network_ids=frozenset(getattr(mine[0], "network_ids", None) or ()),
    )


def require_district_admin(user: User) -> Roles:
    roles = roles_for(user)
    if not roles.is_district_admin:
        raise Http404
    return roles


def require_inviter(user: User) -> Roles:
    roles = roles_for(user)
    if not roles.can_invite:
        raise Http404
    return roles


def schools_for(user: User) -> QuerySet[School]:
    """Schools of the person's district (names are not secret inside a district)."""
    roles = roles_for(user)
    if roles.district is None:
        return School.objects.none()
    return School.objects.filter(district=roles.district)


def invitable_schools(user: User) -> QuerySet[School]:
    """Admins invite into any open school of their district; school leaders only into their
    own. A closed school takes nobody new."""
    roles = roles_for(user)
    if roles.is_district_admin:
        return schools_for(user).open()
    return schools_for(user).open().filter(id__in=roles.led_school_ids)


def get_school_for_admin(user: User, pk: int) -> School:
    """A school of the admin's district, open or closed; 404 for anyone else."""
    require_district_admin(user)
    try:
        return schools_for(user).get(pk=pk)
    except School.DoesNotExist:
        raise Http404 from None


def invitable_roles(user: User) -> list[tuple[str, str]]:
    if roles_for(user).is_district_admin:
        return list(Role.choices)
    if roles_for(user).is_school_leader:
        return [(Role.TEACHER.value, Role.TEACHER.label)]
    return []


def may_invite(user: User, *, school: School | None, role: str) -> bool:
    roles = roles_for(user)
    if roles.district is None or (school is not None and school.closed_at is not None):
        return False
    if roles.is_district_admin:
        if role in (Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN):
            return school is None
        return school is not None and school.district_id == roles.district.id
    return (role == Role.TEACHER and school is not None
            and school.id in roles.led_school_ids)


def managed_memberships(user: User) -> QuerySet[Membership]:
    """The roles a district admin sees, matches and changes: those of their own district only.

    A person may also work in another district; those roles are never shown, matched by a
    filter, revoked or ended from here. Every staff page and action asks here.
    """
    roles = roles_for(user)
    if not roles.is_district_admin:
        return Membership.objects.none()
    return Membership.objects.filter(district=roles.district)


def staff_visible_to(user: User, *, query: str = "", school: School | None = None,
                     role: str = "") -> QuerySet[User]:
    """District admins see the people with any role (active or not) in their district, matched
    on those roles only; `active_here` tells whether one of them is still active.
    Others see no staff directory here."""
    memberships = managed_memberships(user)
    matching = memberships
    if school is not None:
        matching = matching.filter(school=school)
    if role:
        matching = matching.filter(role=role)
    people = User.objects.filter(Exists(matching.filter(user=OuterRef("pk"))))
    if query:
        people = people.filter(Q(name__icontains=query) | Q(email__icontains=query))
    return people.annotate(active_here=Exists(memberships.active().filter(user=OuterRef("pk"))))


def staff_directory(user: User, *, query: str = "", school: School | None = None,
                    role: str = "") -> QuerySet[User]:
    """The staff page's list (staff_visible_to), by name, each person with the roles they
    still hold in the admin's district (`memberships`), never those of another district."""
    roles_here = managed_memberships(user).active().select_related("school")
    return (staff_visible_to(user, query=query, school=school, role=role)
            .order_by("name", "email")
            .prefetch_related(Prefetch("memberships", queryset=roles_here)))


def get_staff_member_for(user: User, pk: int) -> User:
    try:
        return staff_visible_to(user).get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None


def get_managed_membership(user: User, person: User, pk: int) -> Membership | None:
    """One of the person's roles in the admin's district; None for any other."""
    return managed_memberships(user).filter(user=person, pk=pk).first()


def same_school_colleagues(user: User) -> QuerySet[User]:
    """Active people who share a school with the user (spotlights, forums)."""
    roles = roles_for(user)
    if not roles.school_ids:
        return User.objects.none()
    return User.objects.filter(
        Exists(Membership.objects.active().filter(
            user=OuterRef("pk"), school_id__in=roles.school_ids))
    ).exclude(pk=user.pk)


# --- Invitations ---------------------------------------------------------------------------

def manageable_invitations(user: User) -> QuerySet[Invitation]:
    """Invitations still waiting (neither accepted nor withdrawn, expired or not) that the
    person may send again or withdraw: a district admin, any of their district's; a school
    leader, the teacher invitations to the schools they lead - the ones they may send."""
    roles = roles_for(user)
    if roles.district is None or not roles.can_invite:
        return Invitation.objects.none()
    waiting = Invitation.objects.waiting().filter(district=roles.district)
    if roles.is_district_admin:
        return waiting
    return waiting.filter(role=Role.TEACHER, school_id__in=roles.led_school_ids)


def get_manageable_invitation(user: User, pk: int) -> Invitation:
    try:
        return manageable_invitations(user).select_related("district", "school").get(pk=pk)
    except Invitation.DoesNotExist:
        raise Http404 from None


def staff_with_address(user: User, email: str) -> User | None:
    """The person already on staff of the inviter's district - an active role there - who
    proved they receive mail at `email`: they need a role added, not an account set up."""
    roles = roles_for(user)
    if roles.district is None:
        return None
    return verified_owners(email).filter(Exists(Membership.objects.active().filter(
        user=OuterRef("pk"), district=roles.district))).first()


def holds_role(person: User, *, district: District, role: str, school: School | None) -> bool:
    """Whether the person already holds this role, active, in that district (and school)."""
    return Membership.objects.active().filter(user=person, district=district, role=role,
                                              school=school).exists()


# --- Staff imports -----------------------------------------------------------------------

def import_jobs_for(user: User) -> QuerySet[ImportJob]:
    """A district admin sees their district's imports, whichever of its admins uploaded them;
    nobody else sees any."""
    roles = roles_for(user)
    if not roles.is_district_admin:
        return ImportJob.objects.none()
    return ImportJob.objects.filter(district=roles.district)


def get_import_job_for(user: User, pk: int) -> ImportJob:
    try:
        return import_jobs_for(user).select_related("district").defer("content").get(pk=pk)
    except ImportJob.DoesNotExist:
        raise Http404 from None
