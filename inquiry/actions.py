"""What members do with a collective's inquiry plan. Callers fetch through inquiry.access
first; each verb still checks its own rules (a view may be wrong): the person writes in the
forum, kinds are known, dates are real, texts are not empty."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import FACILITATING_ROLES, Cycle, ForumMember
from inquiry.access import WRITING_CIRCLES
from inquiry.files import check_upload
from inquiry.models import EvidenceEntry, Indicator, InquiryPlan, Timing
from lib.text import without_control_characters
from schools.models import User
from successes.models import EvidenceKind

MAX_INDICATORS = 6  # of each kind of evidence, leading and lagging each
MAX_ENTRIES = 200
MAX_FILES = 50
EARLIEST_DAYS = 365  # evidence may go back a year before the cycle began (a baseline)
PLAN_PARTS = ("problem_of_practice", "if_we", "then")
REFLECTION_PARTS = ("went_well", "did_not_go_well", "changes")


def _clean(text: str) -> str:
    return without_control_characters((text or "").strip())


def _check_writer(cycle: Cycle, by: User) -> None:
    writes = ForumMember.objects.filter(forum=cycle.forum_id, user=by).filter(
        Q(circle__in=WRITING_CIRCLES) | Q(role__in=FACILITATING_ROLES)).exists()
    if cycle.forum.school_id is not None or not writes:
        raise ValidationError(_("Only members of the collective who take part write its "
                                "inquiry plan."))


def _plan_for_writing(cycle: Cycle, by: User) -> InquiryPlan:
    """The cycle's plan, made on the first save (one per cycle, whoever saves first)."""
    _check_writer(cycle, by)
    try:
        with transaction.atomic():
            plan, _created = InquiryPlan.objects.get_or_create(cycle=cycle,
                                                               defaults={"created_by": by})
    except IntegrityError:  # two first saves at once: the other one made it
        plan = InquiryPlan.objects.get(cycle=cycle)
    return plan


@transaction.atomic
def save_plan(*, cycle: Cycle, by: User, problem_of_practice: str, if_we: str,
              then: str) -> InquiryPlan:
    """The problem of practice and the theory of action ("if we ..., then ..."). Both halves
    of the theory go together: one without the other is no theory."""
    texts = {"problem_of_practice": _clean(problem_of_practice), "if_we": _clean(if_we),
             "then": _clean(then)}
    if not any(texts.values()):
        raise ValidationError(_("Write the problem of practice or the theory of action."))
    if bool(texts["if_we"]) != bool(texts["then"]):
        missing = "then" if texts["if_we"] else "if_we"
        raise ValidationError({missing: _("A theory of action says both what we will do "
                                          "(if we ...) and what we expect (then ...).")})
    plan = _plan_for_writing(cycle, by)
    # Only these parts are written: two members saving different parts at once keep both.
    InquiryPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now(), **texts)
    plan.refresh_from_db()
    return plan


@transaction.atomic
def save_reflection(*, cycle: Cycle, by: User, went_well: str, did_not_go_well: str,
                    changes: str) -> InquiryPlan:
    """The closing reflection: what went well, what did not, what changes."""
    texts = {"went_well": _clean(went_well), "did_not_go_well": _clean(did_not_go_well),
             "changes": _clean(changes)}
    if not any(texts.values()):
        raise ValidationError(_("Write at least one part of the reflection."))
    plan = _plan_for_writing(cycle, by)
    InquiryPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now(), **texts)
    plan.refresh_from_db()
    return plan


@transaction.atomic
def add_indicator(*, cycle: Cycle, by: User, evidence_kind: str, timing: str,
                  text: str) -> Indicator:
    """A leading or lagging indicator for one of the four kinds of evidence; a few of each."""
    if evidence_kind not in EvidenceKind.values:
        raise ValidationError({"evidence_kind": _("Choose one of the four kinds of evidence.")})
    if timing not in Timing.values:
        raise ValidationError({"timing": _("Choose leading or lagging.")})
    text = _clean(text)
    if not text:
        raise ValidationError({"text": _("Write what you will watch.")})
    plan = _plan_for_writing(cycle, by)
    InquiryPlan.objects.select_for_update().filter(pk=plan.pk).first()
    if plan.indicators.filter(evidence_kind=evidence_kind,
                              timing=timing).count() >= MAX_INDICATORS:
        raise ValidationError(_("At most %(n)d indicators of each kind, leading and lagging "
                                "each: keep the few that matter.") % {"n": MAX_INDICATORS})
    return plan.indicators.create(evidence_kind=evidence_kind, timing=timing, text=text,
                                  added_by=by)


@transaction.atomic
def remove_indicator(*, indicator: Indicator) -> None:
    indicator.delete()


def today_of(cycle: Cycle) -> date:
    """Today where the collective meets (the forum's clock)."""
    return timezone.localdate(timezone=ZoneInfo(cycle.forum.time_zone))


def earliest_day(cycle: Cycle) -> date:
    return cycle.starts_on - timedelta(days=EARLIEST_DAYS)


def check_seen_on(cycle: Cycle, seen_on: date) -> None:
    """Evidence was seen by today (the forum's clock), and at most a year before the cycle
    began (a baseline)."""
    if seen_on > today_of(cycle):
        raise ValidationError({"seen_on": _("The date is in the future: log what you have "
                                            "already seen.")})
    if seen_on < earliest_day(cycle):
        raise ValidationError({"seen_on": _("The date is more than a year before the cycle "
                                            "began.")})


@transaction.atomic
def add_entry(*, cycle: Cycle, by: User, seen_on: date, evidence_kind: str,
              what_was_seen: str, upload: UploadedFile | None = None) -> EvidenceEntry:
    """An entry of the evidence log, with an optional PDF or photo (inquiry.files)."""
    if evidence_kind not in EvidenceKind.values:
        raise ValidationError({"evidence_kind": _("Choose one of the four kinds of evidence.")})
    check_seen_on(cycle, seen_on)
    what_was_seen = _clean(what_was_seen)
    if not what_was_seen:
        raise ValidationError({"what_was_seen": _("Write what you saw.")})
    checked = check_upload(upload) if upload is not None else None
    plan = _plan_for_writing(cycle, by)
    InquiryPlan.objects.select_for_update().filter(pk=plan.pk).first()
    if plan.entries.count() >= MAX_ENTRIES:
        raise ValidationError(_("The evidence log is full (%(n)d entries).")
                              % {"n": MAX_ENTRIES})
    if checked is not None and plan.entries.exclude(file="").count() >= MAX_FILES:
        raise ValidationError({"file": _("The evidence log has %(n)d files already: add "
                                         "this entry without one.") % {"n": MAX_FILES}})
    entry = EvidenceEntry(plan=plan, seen_on=seen_on, evidence_kind=evidence_kind,
                          what_was_seen=what_was_seen, added_by=by)
    if checked is None:
        entry.save()
        return entry
    entry.file_kind, entry.content_type = checked.kind, checked.content_type
    entry.original_name, entry.size = checked.original_name, len(checked.content)
    entry.file.save(entry.file_name, ContentFile(checked.content), save=True)
    return entry


@transaction.atomic
def remove_entry(*, entry: EvidenceEntry) -> None:
    """The entry goes, and its file once the removal is committed."""
    file = entry.file
    entry.delete()
    if file:
        transaction.on_commit(lambda: file.delete(save=False))
