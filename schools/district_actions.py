"""State changes of a district's own setup: its settings and its schools. Callers check access
first (access.require_district_admin, access.get_school_for_admin); every change is audited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from schools import audit
from schools.models import AuditAction, District, School, User

DISTRICT_SETTINGS = ("name", "time_zone", "language", "digest_weekday", "digest_hour",
                     "small_count")


@transaction.atomic
def update_district(*, district: District, by: User, **settings) -> list[str]:
    """Save the district's settings (DISTRICT_SETTINGS); the names of those that changed are
    kept in the audit log (none changed: no entry). Returns them."""
    changed = [name for name in DISTRICT_SETTINGS
               if name in settings and getattr(district, name) != settings[name]]
    if not changed:
        return []
    for name in changed:
        setattr(district, name, settings[name])
    district.save(update_fields=changed)
    audit.record(district=district, actor=by, action=AuditAction.DISTRICT_CHANGED,
                 fields=changed)
    return changed


@transaction.atomic
def update_school(*, school: School, name: str, time_zone: str, by: User) -> School:
    """Rename a school or set its own time zone (empty: the district's)."""
    was = school.name
    school.name, school.time_zone = name.strip(), time_zone
    school.save(update_fields=["name", "time_zone"])
    audit.record(district=school.district, actor=by, action=AuditAction.SCHOOL_CHANGED,
                 school=school.name, was=was)
    return school


@transaction.atomic
def set_school_closed(*, school: School, closed: bool, by: User) -> School:
    """Close a school, or open it again. Nothing of it is removed: its people keep their roles
    and their stories stay; a closed school only leaves the lists where a school is chosen for
    something new (School.objects.open())."""
    if closed == (school.closed_at is not None):
        return school
    school.closed_at = timezone.now() if closed else None
    school.save(update_fields=["closed_at"])
    audit.record(district=school.district, actor=by,
                 action=AuditAction.SCHOOL_CLOSED if closed else AuditAction.SCHOOL_REOPENED,
                 school=school.name)
    return school
