"""Keeping a district in step with its roster (a bundle read by schools.oneroster).

- Schools: an org of type school is the school holding its sourcedId, else the school of the
  same name (which then keeps the sourcedId), else a new school. A school renamed in the
  roster is renamed here. Schools the roster leaves out stay (closing one is the admin's call).
- People are matched on their sourcedId (kept on their roles and invitations), else on their
  e-mail address. Someone with a role here gets the roster's roles at once; anyone else is
  invited (one e-mail, whatever the number of roles: accepting it gives them all). Roles and
  invitations the roster gave and no longer lists end; a person left with no role is
  deactivated here, their stories kept. Roles given by hand are never ended by a sync.
- In a bulk bundle, people missing from it have left; a delta bundle changes only whom it lists.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from schools import actions, audit, bulk
from schools.imports import Preview, Progress, no_progress, role_and_place
from schools.models import AuditAction, District, Invitation, Membership, School, User
from schools.oneroster import Bundle, Person
from schools.spreadsheets import Problem, fold

Place = tuple[str, str]  # (school key: "org:<sourcedId>", "id:<pk>" or "" for the district, role)


@dataclass
class Held:
    pk: int
    user_id: int
    email: str
    place: Place
    roster_id: str
    active: bool


@dataclass
class Pending:
    pk: int
    email: str
    place: Place
    roster_id: str


@dataclass
class SyncPlan:
    bundle: Bundle
    problems: list[Problem] = field(default_factory=list)
    preview: Preview = field(default_factory=Preview)
    new_schools: list[tuple[str, str]] = field(default_factory=list)  # (sourcedId, name)
    renamed: list[tuple[School, str, str]] = field(default_factory=list)  # (school, id, name)
    grants: list[tuple[int, Place, str]] = field(default_factory=list)  # (person, place, id)
    ended: list[int] = field(default_factory=list)  # membership pks: a role change
    deactivated: list[int] = field(default_factory=list)  # membership pks: nothing left
    linked: dict[int, str] = field(default_factory=dict)  # membership pk -> sourcedId
    invites: list[tuple[Person, Place, bool]] = field(default_factory=list)  # send?
    moved: list[tuple[int, Place]] = field(default_factory=list)  # invitation pk -> place
    withdrawn: list[int] = field(default_factory=list)
    invites_linked: dict[int, str] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.problems


class SyncPlanner:
    """Compares the roster with what the district holds, loaded once, in a few queries."""

    def __init__(self, district: District, bundle: Bundle):
        self.district, self.bundle = district, bundle
        self.plan = SyncPlan(bundle, list(bundle.problems))
        self.preview = self.plan.preview
        self.schools = {s.pk: s for s in School.objects.filter(district=district)}
        self.key_of = {pk: f"id:{pk}" for pk in self.schools}
        self.held: dict[int, list[Held]] = defaultdict(list)
        self.user_by_roster, self.user_by_email = {}, {}
        self.pending_by_roster: dict[str, list[Pending]] = defaultdict(list)
        self.pending_by_email: dict[str, list[Pending]] = defaultdict(list)
        self.notes: list[str] = []

    def run(self) -> SyncPlan:
        self._plan_schools()
        if self.plan.problems:
            return self.plan
        self._load_people()
        handled: set[int] = set()
        for person in self.bundle.people.values():
            user_id = self.user_by_roster.get(person.sourced_id) or self.user_by_email.get(
                person.email)
            if user_id:
                handled.add(user_id)
                self._sync_member(person, user_id, self._desired(person))
            else:
                self._sync_invitee(person, self._desired(person))
        if not self.bundle.delta:
            self._end_the_missing(handled)
        self.preview.add_many("ignored", self.bundle.not_staff)
        self.preview.notes = (self.bundle.notes + self.notes)[:50]
        return self.plan

    # --- Schools ---

    def _plan_schools(self) -> None:
        by_roster = {s.roster_id: s for s in self.schools.values() if s.roster_id}
        by_name = {fold(s.name): s for s in self.schools.values()}
        new_names: dict[str, int] = {}
        for org in self.bundle.orgs.values():
            if org.type != "school" or org.leaving:
                continue
            school = by_roster.get(org.sourced_id)
            same_name = by_name.get(fold(org.name))
            if school is None and same_name is not None and not same_name.roster_id:
                school = same_name
                self.plan.renamed.append((school, org.sourced_id, school.name))  # a link
            if same_name is not None and same_name != school:
                self.plan.problems.append(Problem(
                    _("Another school of your district is already called “%(name)s”.")
                    % {"name": same_name.name}, line=org.line, column="name", file="orgs.csv"))
            elif school is None and fold(org.name) in new_names:
                self.plan.problems.append(Problem(
                    _("The same school name as line %(line)d.") % {
                        "line": new_names[fold(org.name)]}, line=org.line, column="name",
                    file="orgs.csv"))
            elif school is None:
                new_names[fold(org.name)] = org.line
                self.plan.new_schools.append((org.sourced_id, org.name[:200]))
                self.preview.add("schools_added", line=org.line, what=org.name)
            elif school.name != org.name and school.roster_id == org.sourced_id:
                self.plan.renamed.append((school, org.sourced_id, org.name[:200]))
                self.preview.add("schools_renamed", line=org.line,
                                 what=f"{school.name} → {org.name}")
            if school is not None:
                self.key_of[school.pk] = f"org:{org.sourced_id}"

    def _school_name(self, key: str) -> str:
        if key.startswith("org:"):
            return self.bundle.orgs[key[4:]].name
        return self.schools[int(key[3:])].name if key else ""

    def _roles_text(self, places) -> str:
        return ", ".join(sorted(role_and_place(role, self._school_name(key))
                                for key, role in places))

    def _desired(self, person: Person) -> set[Place]:
        """The person's places from the roster, at closed schools too (see `_new_places`)."""
        if person.leaving:
            return set()
        return {(f"org:{org}" if org else "", role) for org, role in person.places}

    def _new_places(self, person: Person, places: set[Place]) -> set[Place]:
        """Places to give: none at a school closed here, which takes nobody new (a note says
        so). A role the person already holds there stays: closing keeps a school's people."""
        closed = {self.key_of[pk] for pk, s in self.schools.items() if s.closed_at}
        for key, role in sorted(places):
            if key in closed:
                self.notes.append(_("users.csv, line %(line)d: %(email)s is not given the role "
                                    "%(role)s: the school is closed here.") % {
                    "line": person.line, "email": person.email,
                    "role": role_and_place(role, self._school_name(key))})
        return {(key, role) for key, role in places if key not in closed}

    # --- People ---

    def _load_people(self) -> None:
        for pk, user_id, email, school_id, role, roster_id, ended, is_active in (
                Membership.objects.filter(district=self.district, user__departed_at__isnull=True)
                .values_list("pk", "user_id", "user__email", "school_id", "role", "roster_id",
                             "deactivated_at", "user__is_active")):
            place = (self.key_of[school_id] if school_id else "", role)
            self.held[user_id].append(Held(pk, user_id, email, place, roster_id,
                                           ended is None and is_active))
            if roster_id:
                self.user_by_roster.setdefault(roster_id, user_id)
            self.user_by_email.setdefault(email.lower(), user_id)
        for pk, email, school_id, role, roster_id in (
                Invitation.objects.usable().filter(district=self.district)
                .values_list("pk", "email", "school_id", "role", "roster_id")):
            pending = Pending(pk, email, (self.key_of[school_id] if school_id else "", role),
                              roster_id)
            if roster_id:
                self.pending_by_roster[roster_id].append(pending)
            else:
                self.pending_by_email[email].append(pending)

    def _sync_member(self, person: Person, user_id: int, desired: set[Place]) -> None:
        active = {h.place: h for h in self.held[user_id] if h.active}
        by_roster = {place: h for place, h in active.items() if h.roster_id}
        added = self._new_places(person, desired - active.keys())
        ended = by_roster.keys() - desired
        for place in desired & active.keys():
            if active[place].roster_id != person.sourced_id:
                self.plan.linked[active[place].pk] = person.sourced_id
        self.plan.grants += [(user_id, place, person.sourced_id) for place in added]
        row = {"line": person.line, "email": person.email or active_email(active),
               "name": person.name}
        if not added and not ended:
            self.preview.add("up_to_date" if desired else "ignored")
        elif not (active.keys() - ended) and not added:
            self.plan.deactivated += [by_roster[place].pk for place in ended]
            self.preview.add("deactivate", **row, what=self._roles_text(ended))
        else:
            self.plan.ended += [by_roster[place].pk for place in ended]
            self.preview.add("role_changes" if active else "reactivate", **row,
                             what=self._change_text(added, ended))

    def _change_text(self, added, ended) -> str:
        parts = []
        if added:
            parts.append(_("Gives: %(roles)s.") % {"roles": self._roles_text(added)})
        if ended:
            parts.append(_("Ends: %(roles)s.") % {"roles": self._roles_text(ended)})
        return " ".join(parts)

    def _sync_invitee(self, person: Person, desired: set[Place]) -> None:
        desired = self._new_places(person, desired)
        mine = self.pending_by_roster.get(person.sourced_id, [])
        by_hand = [p for p in self.pending_by_email.get(person.email, []) if p.place in desired]
        for pending in by_hand:
            self.plan.invites_linked[pending.pk] = person.sourced_id
        current = {p.place: p for p in mine + by_hand}
        row = {"line": person.line, "email": person.email, "name": person.name}
        if not desired:
            self._withdraw(mine, row)
            return
        added, removed = desired - current.keys(), current.keys() - desired
        if not added and not removed:
            self.preview.add("already_invited")
        elif not current:
            self.plan.invites += [(person, place, n == 0)  # one e-mail: the first
                                  for n, place in enumerate(sorted(desired))]
            self.preview.add("invite", **row, what=self._roles_text(desired))
        else:
            self._move_invitations(person, sorted(current.values(), key=lambda p: p.pk),
                                   desired)
            self.preview.add("invitation_changes", **row,
                             what=self._change_text(added, removed))

    def _move_invitations(self, person: Person, rows: list[Pending], desired: set[Place]):
        """Rows are reused for the new places rather than replaced, the first (the one
        e-mailed) always: the link the person holds keeps working, for their new roles."""
        first, spare, todo = rows[0], [], set(desired)
        if first.place not in desired:
            held = {row.place for row in rows}
            target = min(todo - held or todo)
            self.plan.moved.append((first.pk, target))
            todo.discard(target)
        else:
            todo.discard(first.place)
        for row in rows[1:]:
            if row.place in todo:
                todo.discard(row.place)
            else:
                spare.append(row)
        free = sorted(todo)
        self.plan.moved += [(row.pk, place) for row, place in zip(spare, free, strict=False)]
        self.plan.withdrawn += [row.pk for row in spare[len(free):]]
        self.plan.invites += [(person, place, False) for place in free[len(spare):]]

    def _withdraw(self, pending: list[Pending], row: dict) -> None:
        if pending:
            self.plan.withdrawn += [p.pk for p in pending]
            self.preview.add("withdraw", **row, what=self._roles_text(p.place for p in pending))
        else:
            self.preview.add("ignored")

    def _end_the_missing(self, handled: set[int]) -> None:
        listed = self.bundle.people.keys()
        for user_id, held in self.held.items():
            by_roster = [h for h in held if h.active and h.roster_id and h.roster_id not in listed]
            if user_id in handled or not by_roster:
                continue
            row = {"line": None, "email": by_roster[0].email, "name": ""}
            if any(h.active and not h.roster_id for h in held):
                self.plan.ended += [h.pk for h in by_roster]
                self.preview.add("role_changes", **row, what=self._change_text(
                    (), [h.place for h in by_roster]))
            else:
                self.plan.deactivated += [h.pk for h in by_roster]
                self.preview.add("deactivate", **row,
                                 what=self._roles_text(h.place for h in by_roster))
        for roster_id, pending in self.pending_by_roster.items():
            if roster_id not in listed:
                self._withdraw(pending, {"line": None, "email": pending[0].email, "name": ""})


def active_email(active: dict) -> str:
    return next(iter(active.values())).email if active else ""


def plan_sync(*, district: District, bundle: Bundle) -> SyncPlan:
    return SyncPlanner(district, bundle).run()


# --- Importing -------------------------------------------------------------------------------

def apply_sync(*, district: District, plan: SyncPlan, by: User | None, file_name: str,
               progress: Progress = no_progress) -> Preview:
    """Make the checked plan's changes; the caller holds the transaction (all or nothing)."""
    now = timezone.now()
    for school, sourced_id, name in plan.renamed:
        School.objects.filter(pk=school.pk).update(name=name, roster_id=sourced_id)
    for sourced_id, name in plan.new_schools:
        school = actions.add_school(district=district, name=name)
        School.objects.filter(pk=school.pk).update(roster_id=sourced_id)
    schools = {}
    for school in School.objects.filter(district=district):
        schools[f"id:{school.pk}"] = school
        if school.roster_id:
            schools[f"org:{school.roster_id}"] = school
    total = len(plan.grants) + len(plan.invites) + len(plan.ended) + len(plan.deactivated)

    def school_of(key: str) -> School | None:
        return schools[key] if key else None

    bulk.grant_many(district=district, by=by, grants=[
        bulk.Grant(user_id, school_of(key), role, roster_id)
        for user_id, (key, role), roster_id in plan.grants])
    ending = list(Membership.objects.filter(pk__in=plan.ended + plan.deactivated)
                  .select_related("school"))
    role_ends, leaving = set(plan.ended), set(plan.deactivated)
    bulk.revoke_many(district=district, by=by,
                     memberships=[m for m in ending if m.pk in role_ends])
    bulk.revoke_many(district=district, by=by, action=AuditAction.DEACTIVATED,
                     memberships=[m for m in ending if m.pk in leaving])
    for pk, roster_id in plan.linked.items():
        Membership.objects.filter(pk=pk).update(roster_id=roster_id)
    progress(len(plan.grants) + len(plan.ended) + len(plan.deactivated), total)
    bulk.invite_many(district=district, by=by, invitations=[
        bulk.NewInvitation(person.email, person.name, school_of(key), role, person.sourced_id,
                           send=send) for person, (key, role), send in plan.invites])
    for pk, (key, role) in plan.moved:
        Invitation.objects.filter(pk=pk).update(school=school_of(key), role=role)
    for pk, roster_id in plan.invites_linked.items():
        Invitation.objects.filter(pk=pk).update(roster_id=roster_id)
    withdrawn = Invitation.objects.filter(pk__in=plan.withdrawn)
    bulk.audit_many(district=district, actor=by, action=AuditAction.INVITATION_REVOKED,
                    now=now, entries=[(None, {"email": i.email, "role": i.role,
                                              "school": i.school.name if i.school else ""})
                                      for i in withdrawn.select_related("school")])
    withdrawn.update(revoked_at=now)
    counts = plan.preview.counts
    audit.record(district=district, actor=by, action=AuditAction.ROSTER_SYNCED, file=file_name,
                 **{key: counts.get(group, 0) for key, group in AUDITED.items()})
    return plan.preview


AUDITED = {"schools_added": "schools_added", "schools_renamed": "schools_renamed",
           "invitations": "invite", "role_changes": "role_changes",
           "reactivated": "reactivate", "deactivated": "deactivate",
           "invitations_changed": "invitation_changes", "invitations_withdrawn": "withdraw"}
