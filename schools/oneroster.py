"""Reading a OneRoster 1.1 or 1.2 CSV bundle: the zip that student-information and rostering
systems export (orgs.csv, users.csv, optionally manifest.csv and, in 1.2, roles.csv).

What is kept: the orgs, and the staff with their roles - each (org, role) resolved to a
school or to the district. Students, parents, guardians and relatives are only counted, never
kept. A person's roles come from roles.csv when the bundle has one, else from users.csv's
`role` and `orgSourcedIds`. Staff disabled (`enabledUser` false) or marked `tobedeleted` are
kept as leaving, so that a re-import ends their roles. A manifest saying `file.users,delta`
makes the bundle a delta: it changes only the people it lists.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from schools.imports import Progress, no_progress
from schools.models import Role
from schools.spreadsheets import Column, Problem, Table, Unreadable, decode, read_table

MAX_UNCOMPRESSED = 300_000_000
REPORT_EVERY = 5000
TEACHING = {"teacher", "aide", "counselor"}
LEADING = {"administrator", "principal", "siteadministrator", "districtadministrator"}


@dataclass
class Org:
    sourced_id: str
    name: str
    type: str
    parent: str
    line: int
    leaving: bool


@dataclass
class Person:
    sourced_id: str
    email: str
    name: str
    line: int
    leaving: bool
    # (school org sourcedId, or "" for the district; Role), of active roles only
    places: set[tuple[str, str]] = field(default_factory=set)


@dataclass
class Bundle:
    orgs: dict[str, Org] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)  # staff, by sourcedId
    not_staff: int = 0  # students, parents, guardians... counted only
    delta: bool = False
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def columns(*names: str) -> list[Column]:
    """OneRoster's own column names, matched whatever their case."""
    return [Column(name, name, (name.casefold(),)) for name in names]


def is_bundle(data: bytes, file_name: str) -> bool:
    return data.startswith(b"PK\x03\x04") or file_name.lower().endswith(".zip")


def read_bundle(data: bytes, progress: Progress = no_progress) -> Bundle:
    bundle = Bundle()
    try:
        files = _files(data)
        manifest = _manifest(files)
        bundle.delta = manifest.get("file.users", "bulk").strip().lower() == "delta"
        _read_orgs(bundle, _table(files, "orgs.csv", columns(
            "sourcedId", "status", "name", "type", "parentSourcedId"),
            ("sourcedId", "name", "type")))
        roles = _table(files, "roles.csv", columns(
            "userSourcedId", "status", "role", "orgSourcedId"),
            ("userSourcedId", "role", "orgSourcedId"))
        users = _table(files, "users.csv", columns(
            "sourcedId", "status", "enabledUser", "orgSourcedIds", "role", "username",
            "givenName", "familyName", "email"),
            ("sourcedId",) if roles else ("sourcedId", "role", "orgSourcedIds"))
        _read_users(bundle, users, roles, files["users.csv"].count(b"\n"), progress)
    except Unreadable as unreadable:
        bundle.problems = unreadable.problems
    return bundle


def _files(data: bytes) -> dict[str, bytes]:
    """The bundle's CSV files by lower-case name (a folder inside the zip is looked through)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Unreadable(Problem(_("This is not a zip file. Upload the OneRoster bundle as "
                                   "exported, or a CSV file."))) from None
    with archive:
        wanted = [info for info in archive.infolist()
                  if PurePosixPath(info.filename).name.lower() in
                  ("manifest.csv", "orgs.csv", "users.csv", "roles.csv")]
        if sum(info.file_size for info in wanted) > MAX_UNCOMPRESSED:
            raise Unreadable(Problem(_("The bundle's files are too large to import at once.")))
        files = {PurePosixPath(i.filename).name.lower(): archive.read(i) for i in wanted}
    for name in ("orgs.csv", "users.csv"):
        if name not in files:
            raise Unreadable(Problem(_("The bundle has no %(file)s.") % {"file": name}))
    return files


def _table(files, name, wanted, required) -> Table | None:
    if name not in files:
        return None
    return read_table(decode(files[name], file=name), wanted, required=required, file=name)


def _manifest(files: dict[str, bytes]) -> dict[str, str]:
    if "manifest.csv" not in files:
        return {}
    table = _table(files, "manifest.csv", columns("propertyName", "value"),
                   ("propertyName", "value"))
    return {cells["propertyName"]: cells["value"] for _line, cells in table.rows()}


def _leaving(cells: dict[str, str]) -> bool:
    return (cells.get("status", "").lower() == "tobedeleted"
            or cells.get("enabledUser", "").lower() == "false")


def _read_orgs(bundle: Bundle, table: Table) -> None:
    for line, cells in table.rows():
        sourced_id = cells["sourcedId"]
        if sourced_id in bundle.orgs:
            bundle.problems.append(Problem(
                _("The same sourcedId as line %(line)d.") % {"line": bundle.orgs[sourced_id].line},
                line=line, column=table.column_name("sourcedId"), file=table.file))
        if cells["type"].lower() == "school" and not cells["name"]:
            bundle.problems.append(Problem(_("A school needs a name."), line=line,
                                           column=table.column_name("name"), file=table.file))
        bundle.orgs[sourced_id] = Org(sourced_id, cells["name"], cells["type"].lower(),
                                      cells.get("parentSourcedId", ""), line, _leaving(cells))


def place_of(bundle: Bundle, org_id: str) -> str | None:
    """The school org an org belongs to ("" for the district), climbing from a department."""
    for _step in range(8):
        org = bundle.orgs.get(org_id)
        if org is None:
            return None
        if org.type == "school":
            return org.sourced_id
        if org.type == "district":
            return ""
        org_id = org.parent
    return None


def role_at(role: str, place: str) -> str | None:
    role = role.casefold()
    if role in LEADING:
        return Role.SCHOOL_LEADER if place else Role.DISTRICT_LEADER
    if role in TEACHING and place:
        return Role.TEACHER
    return None


def _read_users(bundle: Bundle, users: Table, roles: Table | None, total: int,
                progress: Progress) -> None:
    granted = _roles_by_user(bundle, roles) if roles else None
    emails: dict[str, int] = {}
    for count, (line, cells) in enumerate(users.rows(), start=1):
        if count % REPORT_EVERY == 0:
            progress(line, total)
        sourced_id = cells["sourcedId"]
        if granted is None:
            held = [(cells["role"], org.strip(), users, line, "orgSourcedIds")
                    for org in cells["orgSourcedIds"].split(",") if org.strip()]
        else:
            held = granted.pop(sourced_id, [])
        if not any(role.casefold() in TEACHING | LEADING for role, *_rest in held):
            bundle.not_staff += 1  # students, parents, guardians: never kept
            continue
        email = cells.get("email", "").lower() or (
            cells.get("username", "").lower() if "@" in cells.get("username", "") else "")
        name = " ".join(f"{cells.get('givenName', '')} {cells.get('familyName', '')}".split())
        person = Person(sourced_id, email, name[:200], line, _leaving(cells))
        _check_person(bundle, person, users, emails)
        for role, org_id, table, role_line, column in held:
            place = place_of(bundle, org_id)
            if org_id not in bundle.orgs:
                bundle.problems.append(Problem(
                    _("No org “%(org)s” in orgs.csv.") % {"org": org_id}, line=role_line,
                    column=table.column_name(column), file=table.file))
            elif place is None or role_at(role, place) is None:
                bundle.notes.append(_("%(file)s, line %(line)d: a %(role)s role at “%(org)s” "
                                      "gives no role here.") % {
                    "file": table.file, "line": role_line, "role": role,
                    "org": bundle.orgs[org_id].name})
            elif not bundle.orgs[org_id].leaving:
                person.places.add((place, role_at(role, place)))
        bundle.people[sourced_id] = person
    for user_id, held in (granted or {}).items():
        _role, _org, table, line, _column = held[0]
        bundle.problems.append(Problem(_("No user “%(user)s” in users.csv.") % {"user": user_id},
                                       line=line, column=table.column_name("userSourcedId"),
                                       file=table.file))


def _check_person(bundle: Bundle, person: Person, users: Table, emails: dict) -> None:
    def problem(message: str, column: str = "email") -> None:
        bundle.problems.append(Problem(message, line=person.line, file=users.file,
                                       column=users.column_name(column)))

    if person.sourced_id in bundle.people:
        problem(_("The same sourcedId as line %(line)d.")
                % {"line": bundle.people[person.sourced_id].line}, "sourcedId")
    if person.leaving:
        return  # only matched, to end their roles: their address may be gone already
    if not person.email:
        problem(_("No e-mail address (neither email nor username holds one)."))
        return
    try:
        validate_email(person.email)
    except ValidationError:
        problem(_("“%(email)s” is not a valid e-mail address.") % {"email": person.email})
    if person.email in emails:
        problem(_("The same e-mail address as line %(line)d.") % {"line": emails[person.email]})
    emails.setdefault(person.email, person.line)


def _roles_by_user(bundle: Bundle, roles: Table) -> dict[str, list]:
    found: dict[str, list] = {}
    for line, cells in roles.rows():
        if cells.get("status", "").lower() == "tobedeleted":
            continue
        found.setdefault(cells["userSourcedId"], []).append(
            (cells["role"], cells["orgSourcedId"], roles, line, "orgSourcedId"))
    return found
