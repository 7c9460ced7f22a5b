"""The staff spreadsheet: one person and role a line, checked against the district, then
imported all or nothing.

A line's person is invited, unless they are already invited to that role or already hold it
(re-uploading the same file changes nothing); someone already on the district's staff gets
the new role at once, with no set-up e-mail. Every problem names its line and column.
Also the Preview both kinds of import show (see roster_sync for the OneRoster bundle).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from schools import audit, bulk
from schools.models import (
    DISTRICT_ROLES,
    AuditAction,
    District,
    Invitation,
    Membership,
    Role,
    School,
    User,
)
from schools.spreadsheets import Column, Problem, Unreadable, decode, fold, read_table

Progress = Callable[[int, int], None]
MAX_ROWS = 100_000
PREVIEW_ROWS = 100  # rows shown per group; the counts cover them all
REPORT_EVERY = 2000

INVITE, ADD_ROLE = "invite", "add_role"
ALREADY_INVITED, ALREADY_ON_STAFF = "already_invited", "already_on_staff"
NO_CHANGE = {ALREADY_INVITED, ALREADY_ON_STAFF, "up_to_date", "ignored"}
GROUPS = ["schools_added", "schools_renamed", INVITE, ADD_ROLE, "invitation_changes",
          "role_changes", "reactivate", "deactivate", "withdraw", ALREADY_INVITED,
          ALREADY_ON_STAFF, "up_to_date", "ignored"]  # the order a preview shows them in


def no_progress(done: int, total: int) -> None:
    pass


@dataclass
class Preview:
    """What an import will do: how many of each kind of change, the first rows of each."""

    counts: dict[str, int] = field(default_factory=dict)
    rows: dict[str, list[dict]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, group: str, **row) -> None:
        self.counts[group] = self.counts.get(group, 0) + 1
        shown = self.rows.setdefault(group, [])
        if row and len(shown) < PREVIEW_ROWS:
            shown.append(row)

    def add_many(self, group: str, count: int) -> None:
        if count:
            self.counts[group] = self.counts.get(group, 0) + count

    def as_dict(self) -> dict:
        groups = sorted(self.counts, key=GROUPS.index)
        return {"counts": {group: self.counts[group] for group in groups},
                "changes": sum(n for group, n in self.counts.items() if group not in NO_CHANGE),
                "groups": [{"key": group, "count": self.counts[group],
                            "rows": self.rows.get(group, [])} for group in groups],
                "notes": self.notes}


def role_and_place(role: str, school_name: str) -> str:
    label = Role(role).label if role in Role.values else role
    return _("%(role)s at %(school)s") % {"role": label, "school": school_name} if (
        school_name) else str(label)


# --- Reading ---------------------------------------------------------------------------------

def staff_columns() -> list[Column]:
    return [
        Column("email", _("e-mail address"), (
            "email", "e mail", "email address", "e mail address", "mail", "courriel",
            "adresse courriel", "adresse de courriel", "adresse electronique", "adresse e mail",
            "adresse email", "courrier electronique")),
        Column("first_name", _("first name"), ("first name", "firstname", "given name", "first",
                                               "prenom")),
        Column("last_name", _("last name"), ("last name", "lastname", "surname", "family name",
                                             "nom de famille")),
        Column("name", _("name"), ("name", "full name", "nom", "nom complet", "nom et prenom",
                                   "prenom et nom")),
        Column("school", _("school"), ("school", "school name", "ecole", "nom de l ecole",
                                       "etablissement", "etablissement scolaire")),
        Column("role", _("role"), ("role", "fonction", "poste")),
    ]


EXTRA_ROLE_NAMES = {
    Role.TEACHER: ("enseignant", "enseignante", "personne enseignante", "professeur",
                   "professeure", "prof", "coach", "counsellor", "counselor", "conseiller",
                   "conseillere", "psychologist", "psychologue"),
    Role.SCHOOL_LEADER: ("principal", "vice principal", "assistant principal", "head teacher",
                         "headteacher", "leader", "direction", "directeur", "directrice",
                         "directeur adjoint", "directrice adjointe", "direction adjointe"),
    Role.DISTRICT_LEADER: ("superintendent", "district leadership"),
    Role.DISTRICT_ADMIN: ("district administrator",),
}


def role_names() -> dict[str, str]:
    """Folded word -> role: the codes, the labels in every language of the app, synonyms."""
    names = {fold(role): role for role in Role.values}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.update({fold(str(label)): role for role, label in Role.choices})
    names.update({word: role for role, words in EXTRA_ROLE_NAMES.items() for word in words})
    return names


# --- Checking --------------------------------------------------------------------------------

@dataclass
class StaffRow:
    line: int
    email: str
    name: str
    school: School | None
    role: str
    status: str = INVITE
    user_id: int | None = None  # for ADD_ROLE


@dataclass
class StaffPlan:
    rows: list[StaffRow]
    problems: list[Problem]

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.rows)

    @property
    def preview(self) -> Preview:
        """A row per line, except that a new person listed on several lines is one person to
        invite, with all their roles (and a note says which lines were merged)."""
        shown: dict[tuple, dict] = {}
        lines: dict[str, list[int]] = {}
        for row in self.rows:
            lines.setdefault(row.email, []).append(row.line)
            what = role_and_place(row.role, row.school.name if row.school else "")
            key = (INVITE, row.email) if row.status == INVITE else (row.status, row.line)
            if key in shown:
                shown[key]["what"].append(what)
            else:
                shown[key] = {"group": row.status, "line": row.line, "email": row.email,
                              "name": row.name, "what": [what]}
        preview = Preview()
        for row in shown.values():
            group, what = row.pop("group"), ", ".join(row.pop("what"))
            preview.add(group, **row, what=what)
        preview.notes = [
            _("Lines %(lines)s list the same person, %(email)s: one person, with every role "
              "those lines give.") % {"lines": ", ".join(map(str, numbers)), "email": email}
            for email, numbers in lines.items() if len(numbers) > 1][:50]
        return preview

    def invitations(self) -> list[list[bulk.NewInvitation]]:
        """The invitations to make, a list per new person: the first is e-mailed, the others
        are accepted with it (one e-mail, every role)."""
        people: dict[str, list[bulk.NewInvitation]] = {}
        for r in self.rows:
            if r.status == INVITE:
                first = r.email not in people
                people.setdefault(r.email, []).append(bulk.NewInvitation(
                    r.email, r.name, r.school, r.role, send=first, with_first=not first))
        return list(people.values())


@dataclass
class DistrictStaff:
    """What the district holds already, loaded once for the whole file."""

    schools: dict[str, School]
    holds: set[tuple[str, int | None, str]]  # (e-mail, school id, role) of active roles
    invited: set[tuple[str, int | None, str]]  # the same, of usable invitations
    active: dict[str, int]  # e-mail -> person id, of people with an active role here

    @classmethod
    def of(cls, district: District) -> DistrictStaff:
        roles = Membership.objects.active().filter(district=district)
        return cls(
            schools={fold(s.name): s for s in School.objects.filter(district=district)},
            holds={(e.lower(), s, r) for e, s, r in roles.values_list(
                "user__email", "school_id", "role")},
            invited=set(Invitation.objects.usable().filter(district=district).values_list(
                "email", "school_id", "role")),
            active=dict(roles.values_list("user__email", "user_id")))


def plan_staff_sheet(*, district: District, data: bytes,
                     progress: Progress = no_progress) -> StaffPlan:
    """Read and check the file against the district; nothing is written."""
    try:
        text = decode(data)
        table = read_table(text, staff_columns(), required=("email", "school", "role"), hint=_(
            "The first line must name the columns: e-mail address, first name, last name (or "
            "name), school, role."))
        if "first_name" in table.index and fold(table.column_name("name")) == "nom":
            table.index["last_name"] = table.index.pop("name")  # "Prénom" beside "Nom"
        total = max(text.count("\n"), text.count("\r"), 1)
        # seen: e-mail -> the person's first row, (e-mail, school id, role) -> its line
        staff, roles, seen = DistrictStaff.of(district), role_names(), {}
        rows, problems = [], []
        for line, cells in table.rows():
            if len(rows) >= MAX_ROWS:
                return StaffPlan([], [Problem(_("At most %(n)d people per file: split it.")
                                              % {"n": MAX_ROWS}, line=line)])
            row, row_problems = _check(line, cells, table, staff, roles, seen)
            rows.append(row)
            problems += row_problems
            if len(rows) % REPORT_EVERY == 0:
                progress(line, total)
    except Unreadable as unreadable:
        return StaffPlan([], unreadable.problems)
    if not rows and not problems:
        problems.append(Problem(_("The file has no lines of people.")))
    return StaffPlan(rows, problems)


def _check(line, cells, table, staff: DistrictStaff, roles, seen) -> tuple[StaffRow, list]:
    problems = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(message, line=line, column=table.column_name(key)))

    email = cells["email"].lower()
    name_column = "name" if "name" in cells else "last_name"
    name = cells.get("name") or f"{cells.get('first_name', '')} {cells.get('last_name', '')}"
    role = roles.get(fold(cells["role"]), "")
    row = StaffRow(line, email, " ".join(name.split()), None, role)
    try:
        validate_email(email)
    except ValidationError:
        problem("email", _("“%(email)s” is not a valid e-mail address.") % {"email": email}
                if email else _("No e-mail address."))
    if len(row.name) > 200:
        problem(name_column, _("The name is longer than 200 characters."))
    if not role:
        problem("role", _("Unknown role “%(role)s”. Use %(roles)s.") % {
            "role": cells["role"], "roles": _("teacher, school leader, district leader or "
                                              "district admin")})
    school_name = cells["school"]
    if role in DISTRICT_ROLES:
        if school_name:
            problem("school", _("District roles take no school: leave the school empty."))
    elif role and not school_name:
        problem("school", _("No school given: school roles need one."))
    elif school_name:
        row.school = staff.schools.get(fold(school_name))
        if row.school is None:
            problem("school", _("No school of your district is called “%(school)s”.")
                    % {"school": school_name})
        elif row.school.closed_at:
            problem("school", _("“%(school)s” is closed: a closed school takes nobody new.")
                    % {"school": row.school.name})
    place = (email, row.school.id if row.school else None, role)
    if email and role and (row.school or role in DISTRICT_ROLES):
        _same_person(row, place, seen, problem, name_column)
    if place in staff.holds:
        row.status = ALREADY_ON_STAFF
    elif place in staff.invited:
        row.status = ALREADY_INVITED
    elif email in staff.active:
        row.status, row.user_id = ADD_ROLE, staff.active[email]
    return row, problems


def _same_person(row: StaffRow, place: tuple, seen: dict, problem, name_column: str) -> None:
    """A person may be listed on several lines (a role in two schools, two roles): they become
    one person with every role. The same role twice, or two names, is a mistake to fix."""
    first = seen.setdefault(row.email, row)
    if place in seen:
        problem("role", _("Line %(line)d already gives %(email)s this role.")
                % {"line": seen[place], "email": row.email})
    seen.setdefault(place, row.line)
    if first is row:
        return
    if row.name and first.name and fold(row.name) != fold(first.name):
        problem(name_column, _("Line %(line)d gives this person another name, “%(name)s”.")
                % {"line": first.line, "name": first.name})
    row.name = row.name or first.name


# --- Importing -------------------------------------------------------------------------------

def apply_staff_sheet(*, district: District, plan: StaffPlan, by: User | None, file_name: str,
                      progress: Progress = no_progress) -> Preview:
    """Invite and give roles as the checked plan says; the caller holds the transaction."""
    people = plan.invitations()
    grants = [bulk.Grant(r.user_id, r.school, r.role) for r in plan.rows if r.status == ADD_ROLE]
    total, done = sum(map(len, people)) + len(grants), 0
    for start in range(0, len(people), bulk.BATCH * 5):  # a person's invitations together
        invites = [each for person in people[start:start + bulk.BATCH * 5] for each in person]
        bulk.invite_many(district=district, by=by, invitations=invites)
        done += len(invites)
        progress(done, total)
    bulk.grant_many(district=district, by=by, grants=grants)
    audit.record(district=district, actor=by, action=AuditAction.STAFF_IMPORTED,
                 file=file_name, invitations=done, roles_added=len(grants))
    return plan.preview
