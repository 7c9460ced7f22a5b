"""Privacy rights: a person's copy of what the app holds about them, and the removal of a
person who left a district.

Each app describes its own records in `<app>/privacy.py` (found by discovery, as Django's
admin finds `admin.py`), with three functions:

- `export(person) -> list[Section]`: the person's own records, and of other people only what
  is needed to read them (a forum's name; never a colleague's cards or stories);
- `departure_plan(departure) -> list[Consequence]`: what a removal will do, counted;
- `depart(departure) -> None`: do it, inside the removal's transaction.

This module adds the records of `schools` (profile, e-mail settings, roles) and the login.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import import_module
from types import ModuleType
from typing import IO

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.module_loading import import_string, module_has_submodule
from django.utils.translation import gettext as _

from lib.spreadsheet import safe_cell
from mail.models import DigestCadence, EmailKind, NotificationSettings
from mail.preferences import default_cadence
from schools import audit
from schools.models import (
    AuditAction,
    AuditEntry,
    District,
    Invitation,
    Membership,
    Role,
    SignInLink,
    User,
)


@dataclass
class Section:
    """One kind of record: `<name>.json` and `<name>.csv` in the archive, plus its files."""

    name: str
    rows: list[dict]
    files: list[tuple[str, FieldFile]] = field(default_factory=list)  # (path in zip, file)


@dataclass(frozen=True)
class Departure:
    person: User
    district: District
    delete_shared: bool  # the person asked for their shared stories to go too
    closes_login: bool  # no active role is left in another district
    by: User | None = None


@dataclass(frozen=True)
class Consequence:
    key: str  # kept in the audit entry with its count
    count: int
    text: str  # for the admin, before they confirm


def _parts() -> list[ModuleType]:
    """The other apps' privacy modules, in the order of INSTALLED_APPS (lower apps first)."""
    return [import_module(f"{config.name}.privacy") for config in apps.get_app_configs()
            if config.name != "schools" and module_has_submodule(config.module, "privacy")]


# --- Download my data ----------------------------------------------------------------------

def export_sections(person: User) -> list[Section]:
    sections = _own_sections(person)
    for part in _parts():
        sections.extend(part.export(person))
    return sections


def _own_sections(person: User) -> list[Section]:
    choices = NotificationSettings.objects.filter(user=person).first()
    memberships = (Membership.objects.filter(user=person)
                   .select_related("district", "school").order_by("created_at", "id"))
    history = AuditEntry.objects.filter(target_user=person).order_by("created_at", "id")
    return [
        Section("profile", [{
            "name": person.name, "email": person.email, "time_zone": person.time_zone,
            "language": person.language, "joined": person.date_joined}]),
        Section("email_settings", [{
            "district_digest": _label(DigestCadence, choices.digest_cadence if choices
                                      else default_cadence(person)),
            "turned_off": [_label(EmailKind, kind) for kind in
                           (choices.muted_kinds if choices else [])],
            "calendar_feed": choices is not None}]),
        Section("roles", [{
            "district": m.district.name, "school": m.school.name if m.school else "",
            "role": _label(Role, m.role), "since": m.created_at, "ended": m.deactivated_at}
            for m in memberships]),
        # What was done to their account (roles, invitations...), without who did it.
        Section("account_history", [{"what": _label(AuditAction, entry.action),
                                     "when": entry.created_at} for entry in history]),
    ]


def _label(choices, code: str) -> str:
    """A choice in the reader's words ("Teacher", not "teacher"); an unknown code as is."""
    return str(choices(code).label) if code in choices.values else code


def write_archive(person: User, out: IO[bytes]) -> None:
    """A zip of the person's records, each as JSON and CSV, with their attachments' files."""
    sections = export_sections(person)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", _readme(person, sections))
        for section in sections:
            archive.writestr(f"{section.name}.json", json.dumps(
                section.rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
            archive.writestr(f"{section.name}.csv", _csv(section.rows))
            for path, file in section.files:
                try:
                    with file.open("rb") as source, archive.open(path, "w") as target:
                        shutil.copyfileobj(source, target)
                except OSError:  # a file lost from storage: the JSON still lists it
                    continue


def _readme(person: User, sections: list[Section]) -> str:
    lines = [_("Your data in Success Forums, for %(email)s, as of %(when)s.") % {
        "email": person.email, "when": timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")},
        "", _("Each kind of record is in a .json file and a .csv file of the same name:"), ""]
    lines += [f"- {section.name}" for section in sections]
    lines += ["", _("Files you attached to stories are in the attachments folder."), ""]
    return "\n".join(lines)


def _csv(rows: list[dict]) -> str:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()


def _cell(value: object) -> str:
    """Plain text; spreadsheets run cells that start like a formula, so those get a quote."""
    if value is None:
        text = ""
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    elif isinstance(value, (date, datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    return safe_cell(text)


@transaction.atomic
def record_export(*, person: User, districts: set[District]) -> None:
    """Each district the person works in keeps a note that they took a copy of their data."""
    for district in districts or {None}:
        audit.record(district=district, actor=person, action=AuditAction.DATA_EXPORTED,
                     target_user=person)


# --- A departed person ---------------------------------------------------------------------

def departure_for(*, person: User, district: District, delete_shared: bool = False,
                  by: User | None = None) -> Departure:
    others = Membership.objects.active().filter(user=person).exclude(district=district)
    return Departure(person=person, district=district, delete_shared=delete_shared,
                     closes_login=not others.exists(), by=by)


def departure_plan(departure: Departure) -> list[Consequence]:
    """What removing the person will do in the district, counted, for the admin to confirm."""
    plan: list[Consequence] = []
    for part in _parts():
        plan.extend(part.departure_plan(departure))
    return [c for c in plan if c.count]


def login_consequence(departure: Departure) -> str:
    # Whether the person works in another district is not the admin's to know.
    return _("Their roles in %(district)s end and they disappear from its staff. Their "
             "sign-in is closed, unless they still work in another district.") % {
        "district": departure.district.name}


@transaction.atomic
def remove_departed_person(*, departure: Departure) -> AuditEntry:
    """Remove a person who left the district, as the district's privacy officer asks.

    Their private stories, trashed stories and drafts are deleted with their files; stories
    they shared stay, authored by no one ("a former teacher at <school>"), unless the person
    asked for those to go too. Their forum places, open commitments, roles and pending
    invitations in this district end. The login closes only when no role in another district
    remains, so one district never locks a person out of another.
    """
    person = User.objects.select_for_update().get(pk=departure.person.pk)
    departure = departure_for(person=person, district=departure.district,
                              delete_shared=departure.delete_shared, by=departure.by)
    plan = departure_plan(departure)
    # Higher apps first: their rows point at the lower apps' (a presenter request at a story).
    for part in reversed(_parts()):
        part.depart(departure)
    email = person.email
    Membership.objects.filter(user=person, district=departure.district).delete()
    Invitation.objects.usable().filter(district=departure.district, email__iexact=email).update(
        revoked_at=timezone.now())
    if departure.closes_login:
        close_login(person)
    return audit.record(
        district=departure.district, actor=departure.by, action=AuditAction.PERSON_REMOVED,
        target_user=person, name=person.name, email=email,
        login_closed=departure.closes_login, asked_to_delete_shared=departure.delete_shared,
        **{c.key: c.count for c in plan})


def close_login(person: User) -> None:
    """No way back in: no password, no address, no sign-in link, no session.

    The login address is replaced by one that receives no mail, so the person can be invited
    again later as someone new.
    """
    person.is_active = False
    person.departed_at = timezone.now()
    person.email = f"departed-{person.pk}@departed.invalid"
    person.set_unusable_password()  # also invalidates every session's auth hash
    person.save(update_fields=["is_active", "departed_at", "email", "password"])
    SignInLink.objects.filter(user=person).delete()
    EmailAddress.objects.filter(user=person).delete()
    SocialAccount.objects.filter(user=person).delete()
    NotificationSettings.objects.filter(user=person).delete()  # and the calendar feed's secret
    transaction.on_commit(lambda: end_sessions(person.pk))


def end_sessions(user_id: int) -> int:
    """Delete the person's sessions from the database and the cache (cached_db sessions)."""
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user_id):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended
