"""The district's audit log: sensitive acts on people and their data, for the admins to read.

Actions call `record` inside their own transaction, so an entry exists exactly when the act
happened. An entry says who did what to whom and when; its detail holds only what is needed
to read it (a role, a school, a count, a visibility), never the text a person wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from schools.access import roles_for
from schools.models import AuditAction, AuditEntry, District, Role, User

# Stories' visibilities, as an admin reads them (the values are successes.models.Visibility).
AUDIENCES = {"private": gettext_lazy("the author only"), "school": gettext_lazy("their school"),
             "district": gettext_lazy("the district")}


def record(*, district: District | None, actor: User | None, action: str,
           target_user: User | None = None, **detail) -> AuditEntry:
    """Keep one entry. `detail` values must be JSON-serialisable facts, not free text."""
    return AuditEntry.objects.create(district=district, actor=actor, action=action,
                                     target_user=target_user, detail=detail)


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    person_id: int | None = None  # the actor or the person acted upon
    query: str = ""  # part of the actor's or target's name or e-mail
    since: date | None = None
    until: date | None = None


def _start_of(day: date) -> datetime:
    """Midnight of `day` in the reader's time zone (the current one, set per request)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def entries_visible_to(user: User, filters: AuditFilters = AuditFilters()) -> QuerySet[AuditEntry]:
    """A district admin reads their own district's log, newest first; nobody else reads any."""
    roles = roles_for(user)
    if not roles.is_district_admin:
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.filter(district=roles.district)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.person_id is not None:
        entries = entries.filter(Q(actor_id=filters.person_id)
                                 | Q(target_user_id=filters.person_id))
    if filters.query:
        entries = entries.filter(
            Q(actor__name__icontains=filters.query) | Q(actor__email__icontains=filters.query)
            | Q(target_user__name__icontains=filters.query)
            | Q(target_user__email__icontains=filters.query))
    if filters.since:
        entries = entries.filter(created_at__gte=_start_of(filters.since))
    if filters.until:
        entries = entries.filter(created_at__lt=_start_of(filters.until + timedelta(days=1)))
    return entries.select_related("actor", "target_user").order_by("-created_at", "-id")


def describe(entry: AuditEntry) -> str:
    """The entry's detail in words, in the reader's language."""
    detail, action = entry.detail, entry.action
    if action in (AuditAction.ROLE_GRANTED, AuditAction.ROLE_REVOKED,
                  AuditAction.INVITATION_SENT):
        role = Role(detail["role"]).label if detail.get("role") in Role.values else ""
        where = f"{role} - {detail['school']}" if detail.get("school") else str(role)
        return f"{detail['email']}: {where}" if detail.get("email") else where
    if action == AuditAction.STAFF_IMPORTED:
        n = detail.get("invitations", 0)
        return ngettext("%(n)d invitation", "%(n)d invitations", n) % {"n": n}
    if action == AuditAction.VISIBILITY_CHANGED:
        return _("Story %(story)s: from %(old)s to %(new)s") % {
            "story": detail.get("story"), "old": AUDIENCES.get(detail.get("old"), "?"),
            "new": AUDIENCES.get(detail.get("new"), "?")}
    if action == AuditAction.PERSON_REMOVED:
        return _removal(detail)
    return ""


REMOVAL_COUNTS = {  # keys of the counts a removal records (see schools.privacy)
    "stories_deleted": ngettext_lazy("%(n)d story deleted", "%(n)d stories deleted", "n"),
    "stories_kept": ngettext_lazy("%(n)d shared story kept without their name",
                                  "%(n)d shared stories kept without their name", "n"),
    "drafts_deleted": ngettext_lazy("%(n)d draft deleted", "%(n)d drafts deleted", "n"),
    "forums_left": ngettext_lazy("left %(n)d forum", "left %(n)d forums", "n"),
    "commitments_withdrawn": ngettext_lazy("%(n)d commitment withdrawn",
                                           "%(n)d commitments withdrawn", "n"),
}


def _removal(detail: dict) -> str:
    parts = [f"{detail.get('name', '')} <{detail.get('email', '')}>".strip()]
    parts += [str(text % {"n": detail[key]}) for key, text in REMOVAL_COUNTS.items()
              if detail.get(key)]
    if detail.get("asked_to_delete_shared"):
        parts.append(_("shared stories deleted at their request"))
    if detail.get("login_closed"):
        parts.append(_("sign-in closed"))
    return "; ".join(parts)
