"""Changes to many people at once, for imports: the rules of the one-person actions
(schools.actions: invite_person, grant_role, revoke_role, deactivate_person) in a few queries
whatever the number, each change kept in the audit log. Callers hold the transaction.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils import timezone

from mail.models import EmailKind
from mail.outbox import plan_now
from mail.registry import Planned
from schools.actions import INVITATION_LIFETIME
from schools.models import (
    AuditAction,
    AuditEntry,
    District,
    Invitation,
    Membership,
    School,
    User,
    hash_token,
)

BATCH = 2000


@dataclass(frozen=True)
class NewInvitation:
    email: str
    name: str
    school: School | None
    role: str
    roster_id: str = ""
    send: bool = True  # False: a roster person's other roles, accepted with the e-mailed one
    # Accepted with the invitation e-mailed to the same address earlier in the same list (a
    # person a spreadsheet lists on several lines): one e-mail, every role.
    with_first: bool = False


@dataclass(frozen=True)
class Grant:
    user_id: int
    school: School | None
    role: str
    roster_id: str = ""


def copy_in(model, instances: list) -> None:
    """Insert many new rows with COPY (their keys set, or taken from the sequence by COPY):
    several times faster than INSERT for tens of thousands of rows."""
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and not any(
        i.pk for i in instances[:1]))]
    quote = connection.ops.quote_name
    sql = (f"COPY {quote(model._meta.db_table)} "
           f"({', '.join(quote(f.column) for f in fields)}) FROM STDIN")
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for instance in instances:
            copy.write_row([f.get_db_prep_save(f.pre_save(instance, True), connection)
                            for f in fields])


def audit_many(*, district: District, actor: User | None, action: str,
               entries: list[tuple[int | None, dict]], now: datetime | None = None) -> None:
    """One audit entry per (target person id, detail), as schools.audit.record writes it."""
    now = now or timezone.now()
    copy_in(AuditEntry, [AuditEntry(district=district, actor=actor, action=action,
                                    target_user_id=target, detail=detail, created_at=now)
                         for target, detail in entries])


def _where(school: School | None) -> str:
    return school.name if school else ""


def _new_ids(model, count: int) -> list[int]:
    """Primary keys taken from the table's sequence: an invitation's token needs its key."""
    if not count:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                       "FROM generate_series(1, %s)", [model._meta.db_table, count])
        return [row[0] for row in cursor.fetchall()]


def invite_many(*, district: District, by: User | None,
                invitations: list[NewInvitation]) -> list[Invitation]:
    """Invitations as invite_person makes them; those marked `send` are e-mailed after commit."""
    now = timezone.now()
    rows, mailed_to = [], {}
    for pk, new in zip(_new_ids(Invitation, len(invitations)), invitations, strict=True):
        email = new.email.strip().lower()
        invitation = Invitation(
            pk=pk, district=district, school=new.school, email=email,
            name=new.name.strip()[:200], role=new.role, token_salt=secrets.token_hex(16),
            invited_by=by, expires_at=now + INVITATION_LIFETIME, roster_id=new.roster_id,
            accepted_with_id=mailed_to.get(email) if new.with_first else None)
        invitation.token_hash = hash_token(invitation.token)
        if new.send:
            mailed_to.setdefault(email, pk)
        rows.append(invitation)
    copy_in(Invitation, rows)
    audit_many(district=district, actor=by, action=AuditAction.INVITATION_SENT, now=now,
               entries=[(None, {"email": i.email, "role": i.role, "school": _where(i.school)})
                        for i in rows])
    mailed = [i for i, new in zip(rows, invitations, strict=True) if new.send]
    for start in range(0, len(mailed), BATCH):
        plan_now([Planned(key=f"invitation:{i.pk}", kind=EmailKind.INVITATION, email=i.email,
                          district=district, scheduled_for=now, payload={"invitation": i.pk})
                  for i in mailed[start:start + BATCH]])
    return rows


def grant_many(*, district: District, by: User | None, grants: list[Grant]) -> None:
    """Roles given (or given back) as grant_role does, to people who already have an account;
    an account closed because it had no role left opens again."""
    now = timezone.now()
    Membership.objects.bulk_create(
        [Membership(user_id=g.user_id, district=district, school=g.school, role=g.role,
                    roster_id=g.roster_id) for g in grants],
        update_conflicts=True, unique_fields=["user", "district", "school", "role"],
        update_fields=["deactivated_at", "roster_id"], batch_size=BATCH)
    User.objects.filter(pk__in={g.user_id for g in grants}, is_active=False,
                        departed_at__isnull=True).update(is_active=True)
    audit_many(district=district, actor=by, action=AuditAction.ROLE_GRANTED, now=now,
               entries=[(g.user_id, {"role": g.role, "school": _where(g.school)})
                        for g in grants])


def revoke_many(*, district: District, by: User | None, memberships: list[Membership],
                action: str = AuditAction.ROLE_REVOKED) -> None:
    """End these roles (as revoke_role does), then close the accounts left with no active role
    anywhere (as deactivate_person does): their stories stay as they were."""
    now = timezone.now()
    Membership.objects.filter(pk__in=[m.pk for m in memberships]).update(deactivated_at=now)
    people = {m.user_id for m in memberships}
    User.objects.filter(pk__in=people).exclude(
        Exists(Membership.objects.filter(user=OuterRef("pk"), deactivated_at__isnull=True))
    ).update(is_active=False)
    if action == AuditAction.DEACTIVATED:
        entries = [(person, {}) for person in sorted(people)]
    else:
        entries = [(m.user_id, {"role": m.role, "school": _where(m.school)})
                   for m in memberships]
    audit_many(district=district, actor=by, action=action, entries=entries, now=now)
