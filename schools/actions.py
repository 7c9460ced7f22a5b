"""State changes for districts, schools and people. Callers check access first (access.py)."""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mail.models import EmailKind
from mail.outbox import plan_now
from mail.registry import Planned
from schools import audit
from schools.addresses import address_taken, has_verified_address, mark_verified_primary
from schools.models import (
    DISTRICT_ROLES,
    AuditAction,
    District,
    Invitation,
    Membership,
    Role,
    School,
    User,
    hash_token,
)

INVITATION_LIFETIME = timedelta(days=14)
CSV_MAX_BYTES = 1_000_000
CSV_MAX_ROWS = 2000
CSV_COLUMNS = ("email", "first name", "last name", "school", "role")


class InvitationUnusable(Exception):
    """The link was used already, revoked, or has expired."""


@transaction.atomic
def add_school(*, district: District, name: str, time_zone: str = "") -> School:
    base = slugify(name)[:40] or "school"
    slug, n = base, 1
    while School.objects.filter(district=district, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return School.objects.create(district=district, name=name.strip(), slug=slug,
                                 time_zone=time_zone)


@transaction.atomic
def invite_person(*, district: District, email: str, role: str, school: School | None,
                  invited_by: User | None, name: str = "") -> Invitation:
    """Create a single-use invitation and e-mail its link once the transaction commits.

    An earlier unused invitation of the same address to the same place and role is revoked,
    so only the newest link works.
    """
    email = email.strip().lower()
    Invitation.objects.usable().filter(
        district=district, email=email, school=school, role=role
    ).update(revoked_at=timezone.now())
    invitation = Invitation.objects.create(
        district=district, school=school, email=email, name=name.strip(), role=role,
        token_hash=secrets.token_hex(32), token_salt=secrets.token_hex(16),
        invited_by=invited_by, expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    invitation.token_hash = hash_token(invitation.token)  # the token needs the primary key
    invitation.save(update_fields=["token_hash"])
    audit.record(district=district, actor=invited_by, action=AuditAction.INVITATION_SENT,
                 email=email, role=role, school=school.name if school else "")
    plan_now([Planned(key=f"invitation:{invitation.pk}", kind=EmailKind.INVITATION,
                      email=email, district=district, scheduled_for=timezone.now(),
                      payload={"invitation": invitation.pk})])
    return invitation


def find_usable_invitation(token: str, *, lock: bool = False) -> Invitation:
    invitations = Invitation.objects.usable().select_related("district", "school")
    if lock:  # two simultaneous clicks cannot both use it
        invitations = invitations.select_for_update(of=("self",))
    try:
        return invitations.get(token_hash=hash_token(token))
    except Invitation.DoesNotExist:
        raise InvitationUnusable from None


def invited_address_has_account(invitation: Invitation) -> bool:
    """Someone already signs in with the invited address (or proved it): they sign in and
    accept from their account rather than create a second one."""
    return address_taken(invitation.email)


def may_accept(invitation: Invitation, user: User) -> bool:
    """An existing account accepts only if the invited address is a verified one of its own:
    the role goes to whoever proved they receive mail there, never to whoever typed it in."""
    return user.is_authenticated and has_verified_address(user, invitation.email)


@transaction.atomic
def accept_invitation(*, token: str, user: User | None = None, name: str = "",
                      password: str = "") -> User:
    """Use the invitation once: create the account (or take the signed-in one) and the role.

    The link itself proves the address when it creates the account, so that address is
    the new person's verified primary address.
    """
    invitation = find_usable_invitation(token, lock=True)
    if user is None:
        if invited_address_has_account(invitation):
            raise InvitationUnusable  # an existing account must sign in first
        user = User.objects.create_user(invitation.email, password, name=name.strip())
        mark_verified_primary(user)
    elif not may_accept(invitation, user):
        raise InvitationUnusable
    Membership.objects.update_or_create(
        user=user, district=invitation.district, school=invitation.school, role=invitation.role,
        defaults={"deactivated_at": None},
    )
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


@transaction.atomic
def grant_role(*, district: District, user: User, role: str, school: School | None,
               by: User | None = None) -> Membership:
    if (role in DISTRICT_ROLES) != (school is None):
        raise ValidationError(_("District roles have no school; school roles need one."))
    membership, _created = Membership.objects.update_or_create(
        user=user, district=district, school=school, role=role,
        defaults={"deactivated_at": None},
    )
    audit.record(district=district, actor=by, action=AuditAction.ROLE_GRANTED, target_user=user,
                 role=role, school=school.name if school else "")
    return membership


@transaction.atomic
def revoke_role(*, membership: Membership, by: User | None = None) -> None:
    membership.deactivated_at = timezone.now()
    membership.save(update_fields=["deactivated_at"])
    audit.record(district=membership.district, actor=by, action=AuditAction.ROLE_REVOKED,
                 target_user=membership.user, role=membership.role,
                 school=membership.school.name if membership.school else "")


@transaction.atomic
def deactivate_person(*, district: District, user: User, by: User | None = None) -> None:
    """End all of the person's roles in the district; their stories stay as they were.

    The account itself is switched off only when no role in any district remains, so one
    district never locks a person out of another.
    """
    Membership.objects.filter(user=user, district=district, deactivated_at__isnull=True).update(
        deactivated_at=timezone.now())
    if not Membership.objects.filter(user=user, deactivated_at__isnull=True).exists():
        User.objects.filter(pk=user.pk).update(is_active=False)
    audit.record(district=district, actor=by, action=AuditAction.DEACTIVATED, target_user=user)


@transaction.atomic
def reactivate_person(*, district: District, user: User, by: User | None = None) -> None:
    Membership.objects.filter(user=user, district=district).update(deactivated_at=None)
    User.objects.filter(pk=user.pk).update(is_active=True)
    audit.record(district=district, actor=by, action=AuditAction.REACTIVATED, target_user=user)


# --- CSV import ------------------------------------------------------------------------

@dataclass
class ImportRow:
    line: int
    email: str
    name: str
    school_name: str
    role: str
    school: School | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: list[ImportRow]
    errors: list[str]  # problems with the file as a whole

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows) and not any(r.errors for r in self.rows)


ROLE_WORDS = {
    **{value: value for value in Role.values},
    **{str(label).lower(): value for value, label in Role.choices},
    "principal": Role.SCHOOL_LEADER,
    "leader": Role.SCHOOL_LEADER,
}


def plan_staff_import(*, district: District, data: bytes) -> ImportPlan:
    """Read and check a staff CSV; nothing is written. Every row gets its own errors."""
    if len(data) > CSV_MAX_BYTES:
        return ImportPlan([], [_("The file is larger than 1 MB. Split it into smaller files.")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ImportPlan([], [_("The file is not UTF-8 text. Save it as 'CSV UTF-8' and retry.")])
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        return ImportPlan([], [_("Missing columns: %(columns)s. Expected: %(expected)s.") % {
            "columns": ", ".join(missing), "expected": ", ".join(CSV_COLUMNS)}])
    reader.fieldnames = header
    schools = {s.name.strip().lower(): s for s in School.objects.filter(district=district)}
    existing = set(
        Membership.objects.active().filter(district=district)
        .values_list("user__email", "school_id", "role")
    )
    rows: list[ImportRow] = []
    seen: dict[str, int] = {}
    try:
        for number, record in enumerate(reader, start=2):
            if len(rows) >= CSV_MAX_ROWS:
                return ImportPlan([], [_("At most %(n)d rows per file.") % {"n": CSV_MAX_ROWS}])
            if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
                continue
            rows.append(_check_row(number, record, schools, existing, seen))
    except csv.Error as error:
        return ImportPlan([], [_("The file is not valid CSV: %(error)s") % {"error": error}])
    if not rows:
        return ImportPlan([], [_("The file has no rows of people.")])
    return ImportPlan(rows, [])


def _check_row(number, record, schools, existing, seen) -> ImportRow:
    def cell(name: str) -> str:
        return (record.get(name) or "").strip()

    name = f"{cell('first name')} {cell('last name')}".strip()
    row = ImportRow(number, cell("email").lower(), name, cell("school"),
                    ROLE_WORDS.get(cell("role").lower(), ""))
    try:
        validate_email(row.email)
    except ValidationError:
        row.errors.append(_("'%(email)s' is not a valid e-mail address.") % {"email": row.email})
    if not row.role:
        row.errors.append(_("Unknown role '%(role)s'.") % {"role": cell("role")})
    if row.role in DISTRICT_ROLES:
        if row.school_name:
            row.errors.append(_("District roles take no school; leave the school empty."))
    elif row.school_name.lower() in schools:
        row.school = schools[row.school_name.lower()]
    else:
        row.errors.append(_("Unknown school '%(school)s'.") % {"school": row.school_name})
    if row.email in seen:
        row.errors.append(_("Same e-mail as line %(line)d.") % {"line": seen[row.email]})
    else:
        seen[row.email] = number
    if (row.email, row.school.id if row.school else None, row.role) in existing:
        row.errors.append(_("Already on staff with this role."))
    if len(name) > 200:
        row.errors.append(_("The name is longer than 200 characters."))
    return row


@transaction.atomic
def import_staff(*, district: District, plan: ImportPlan, invited_by: User) -> int:
    """Invite everyone in a checked plan, all or nothing."""
    if not plan.is_valid:
        raise ValidationError(_("The file has errors; nothing was imported."))
    try:
        for row in plan.rows:
            invite_person(district=district, email=row.email, role=row.role, school=row.school,
                          invited_by=invited_by, name=row.name)
    except IntegrityError as error:
        raise ValidationError(_("The import could not be saved; nothing was imported.")) from error
    audit.record(district=district, actor=invited_by, action=AuditAction.STAFF_IMPORTED,
                 invitations=len(plan.rows))
    return len(plan.rows)
