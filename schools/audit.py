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
from django.utils.translation import gettext_lazy, ngettext_lazy

from mail.models import EmailKind
from schools.access import roles_for
from schools.models import AuditAction, AuditEntry, District, Role, SignOnKind, User

# Stories' visibilities, as an admin reads them (the values are successes.models.Visibility).
AUDIENCES = {"private": gettext_lazy("the author only"), "school": gettext_lazy("their school"),
             "district": gettext_lazy("the district"), "network": gettext_lazy("their network")}


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
                  AuditAction.INVITATION_SENT, AuditAction.INVITATION_RESENT,
                  AuditAction.INVITATION_REVOKED):
        role = Role(detail["role"]).label if detail.get("role") in Role.values else ""
        where = f"{role} - {detail['school']}" if detail.get("school") else str(role)
        return f"{detail['email']}: {where}" if detail.get("email") else where
    if action in (AuditAction.STAFF_IMPORTED, AuditAction.ROSTER_SYNCED):
        return _imported(detail)
    if action == AuditAction.VISIBILITY_CHANGED:
        return _("Story %(story)s: from %(old)s to %(new)s") % {
            "story": detail.get("story"), "old": AUDIENCES.get(detail.get("old"), "?"),
            "new": AUDIENCES.get(detail.get("new"), "?")}
    if action == AuditAction.PERSON_REMOVED:
        return _removal(detail)
    if action in SETUP_ACTIONS:
        return _setup(action, detail)
    if action == AuditAction.EMAIL_SENT_AGAIN:
        kind = EmailKind(detail["kind"]).label if detail.get("kind") in EmailKind.values else ""
        return f"{detail.get('email', '')}: {kind}"
    if action == AuditAction.SIGN_ON_CHANGED:
        return _sign_on(detail)
    if action in NETWORK_ACTIONS:  # the network's name (and the address an invitation used)
        return ": ".join(part for part in (detail.get("email", ""), detail.get("name", ""))
                         if part)
    return ""


NETWORK_ACTIONS = (AuditAction.NETWORK_JOINED, AuditAction.NETWORK_LEFT,
                   AuditAction.NETWORK_INVITED, AuditAction.NETWORK_LEADER_ADDED,
                   AuditAction.NETWORK_LEADER_REMOVED)


def _sign_on(detail: dict) -> str:
    """Single sign-on: the provider, its domains, on or off, and whether the secret changed
    (never the secret itself)."""
    kind = SignOnKind(detail["kind"]).label if detail.get("kind") in SignOnKind.values else ""
    parts = [str(kind), ", ".join(detail.get("domains", [])),
             str(_("turned on") if detail.get("enabled") else _("turned off"))]
    if detail.get("secret_changed"):
        parts.append(str(_("new client secret")))
    return "; ".join(part for part in parts if part)


SETUP_ACTIONS = (AuditAction.DISTRICT_CREATED, AuditAction.DISTRICT_CHANGED,
                 AuditAction.SCHOOL_ADDED, AuditAction.SCHOOL_CHANGED, AuditAction.SCHOOL_CLOSED,
                 AuditAction.SCHOOL_REOPENED, AuditAction.THEME_ADDED, AuditAction.THEME_CHANGED,
                 AuditAction.THEME_RETIRED, AuditAction.THEME_RESTORED, AuditAction.THEMES_MERGED,
                 AuditAction.FRAMEWORK_ADDED, AuditAction.FRAMEWORK_CHANGED,
                 AuditAction.FRAMEWORK_ARCHIVED, AuditAction.FRAMEWORK_RESTORED)


def _setup(action: str, detail: dict) -> str:
    """The district's own setup: which settings changed, or the school or theme concerned."""
    if action == AuditAction.DISTRICT_CHANGED:
        names = [str(District._meta.get_field(name).verbose_name)
                 for name in detail.get("fields", []) if name in DISTRICT_FIELDS]
        return ", ".join(names)
    if action == AuditAction.THEMES_MERGED:
        return _("%(theme)s into %(into)s") % {"theme": detail.get("theme", ""),
                                               "into": detail.get("into", "")}
    name = detail.get("school") or detail.get("theme") or detail.get("name") or ""
    if detail.get("was") and detail["was"] != name:
        return _("%(name)s (was %(was)s)") % {"name": name, "was": detail["was"]}
    return name


DISTRICT_FIELDS = {field.name for field in District._meta.concrete_fields}

IMPORT_COUNTS = {  # keys of the counts an import records (see schools.imports, roster_sync)
    "invitations": ngettext_lazy("%(n)d invitation", "%(n)d invitations", "n"),
    "roles_added": ngettext_lazy("%(n)d role added", "%(n)d roles added", "n"),
    "schools_added": ngettext_lazy("%(n)d school added", "%(n)d schools added", "n"),
    "schools_renamed": ngettext_lazy("%(n)d school renamed", "%(n)d schools renamed", "n"),
    "role_changes": ngettext_lazy("roles changed for %(n)d person",
                                  "roles changed for %(n)d people", "n"),
    "reactivated": ngettext_lazy("%(n)d person reactivated", "%(n)d people reactivated", "n"),
    "deactivated": ngettext_lazy("%(n)d person deactivated", "%(n)d people deactivated", "n"),
    "invitations_changed": ngettext_lazy("%(n)d invitation changed",
                                         "%(n)d invitations changed", "n"),
    "invitations_withdrawn": ngettext_lazy("%(n)d invitation withdrawn",
                                           "%(n)d invitations withdrawn", "n"),
}


def _imported(detail: dict) -> str:
    counts = [str(text % {"n": detail[key]}) for key, text in IMPORT_COUNTS.items()
              if detail.get(key) or (key == "invitations" and key in detail)]
    return "; ".join([detail.get("file", "")] + (counts or [_("nothing changed")])).strip("; ")


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
