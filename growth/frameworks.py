"""State changes of a district's competency frameworks, kept by its admins: create one from a
starting point or blank, rename and describe it, add, change, reorder and remove competencies,
archive or restore it. Callers check access first (growth.access.get_framework_for_admin);
every change is kept in the district's audit log (names only, as for themes)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max, ProtectedError, RestrictedError

from growth.models import Competency, Framework
from growth.starting_points import STARTING_POINTS
from schools import audit
from schools.models import AuditAction, District, User

FRAMEWORK_ADDED = AuditAction.FRAMEWORK_ADDED
FRAMEWORK_CHANGED = AuditAction.FRAMEWORK_CHANGED
FRAMEWORK_ARCHIVED = AuditAction.FRAMEWORK_ARCHIVED
FRAMEWORK_RESTORED = AuditAction.FRAMEWORK_RESTORED


class CompetencyInUse(Exception):
    """Something else (a learning plan) still points at the competency: rename it instead."""


@transaction.atomic
def create_framework(*, district: District, starting_point: str, name: str,
                     description: str = "", by: User) -> Framework:
    """A new framework, with the starting point's competencies copied in the active language
    (the creator's): from then on they are the district's own words."""
    point = STARTING_POINTS[starting_point]
    framework = Framework.objects.create(
        district=district, name=name.strip(), description=description.strip(),
        starting_point="" if not point.competencies else point.key)
    Competency.objects.bulk_create([
        Competency(framework=framework, name=str(competency), description=str(text),
                   position=position)
        for position, (competency, text) in enumerate(point.competencies)])
    audit.record(district=district, actor=by, action=FRAMEWORK_ADDED, name=framework.name)
    return framework


@transaction.atomic
def change_framework(*, framework: Framework, name: str, description: str,
                     by: User) -> Framework:
    was = framework.name
    framework.name, framework.description = name.strip(), description.strip()
    framework.save(update_fields=["name", "description"])
    _changed(framework, by, **({"was": was} if was != framework.name else {}))
    return framework


@transaction.atomic
def set_framework_archived(*, framework: Framework, archived: bool, by: User) -> Framework:
    """An archived framework is no longer offered for a new self-assessment or plan; the ones
    that use it keep it."""
    if framework.is_archived == archived:
        return framework
    framework.is_archived = archived
    framework.save(update_fields=["is_archived"])
    audit.record(district=framework.district, actor=by,
                 action=FRAMEWORK_ARCHIVED if archived else FRAMEWORK_RESTORED,
                 name=framework.name)
    return framework


@transaction.atomic
def add_competency(*, framework: Framework, name: str, description: str = "",
                   by: User) -> Competency:
    """Added at the end of the list."""
    last = framework.competencies.aggregate(last=Max("position"))["last"]
    competency = Competency.objects.create(
        framework=framework, name=name.strip(), description=description.strip(),
        position=0 if last is None else last + 1)
    _changed(framework, by, competency=competency.name)
    return competency


@transaction.atomic
def change_competency(*, competency: Competency, name: str, description: str,
                      by: User) -> Competency:
    """Past self-assessments keep the name they were taken with."""
    was = competency.name
    competency.name, competency.description = name.strip(), description.strip()
    competency.save(update_fields=["name", "description"])
    _changed(competency.framework, by, competency=competency.name,
             **({"was": was} if was != competency.name else {}))
    return competency


@transaction.atomic
def move_competency(*, competency: Competency, up: bool, by: User) -> None:
    """Swap places with the competency just before (up) or after it; the list is numbered
    again from 0 so equal positions never stay ambiguous."""
    ordered = list(competency.framework.competencies.order_by("position", "id"))
    index = next(i for i, each in enumerate(ordered) if each.pk == competency.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, each in enumerate(ordered):
        each.position = position
    Competency.objects.bulk_update(ordered, ["position"])
    _changed(competency.framework, by, competency=competency.name)


def remove_competency(*, competency: Competency, by: User) -> None:
    """Self-assessments that rated it keep its name and their rating (growth.models.Rating);
    raises CompetencyInUse when another record may not lose it."""
    try:
        _remove(competency, by)
    except (ProtectedError, RestrictedError) as error:
        raise CompetencyInUse from error


@transaction.atomic
def _remove(competency: Competency, by: User) -> None:
    framework, name = competency.framework, competency.name
    competency.delete()
    _changed(framework, by, removed=name)


def _changed(framework: Framework, by: User, **detail) -> None:
    audit.record(district=framework.district, actor=by, action=FRAMEWORK_CHANGED,
                 name=framework.name, **detail)
