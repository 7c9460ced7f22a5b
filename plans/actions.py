"""What people do with learning plans. Each verb checks its own rules (a view may be wrong),
and tells people through plans.notifications inside its transaction: the e-mail side goes
out once the change commits (notifications.actions.notify)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.models import Insight, TryReport
from growth.models import Competency
from lib.text import without_control_characters
from plans import access
from plans.models import Evidence, LearningPlan, PlanComment, PlanReader
from plans.notifications import tell_comment, tell_shared
from schools.models import District, User
from successes.models import SuccessStory

MAX_COMPETENCIES = 2
TRIAD_SIZE = 3  # "two or three colleagues"
PARTS = ("area_of_growth", "evidence_of_growth", "enabling_conditions", "strategies",
         "staying_the_course")


def _clean(text: str) -> str:
    return without_control_characters(text.strip())


def _check_competencies(competencies: list[Competency], district: District) -> None:
    if not 1 <= len(competencies) <= MAX_COMPETENCIES:
        raise ValidationError(_("Choose one or two competencies to grow."))
    if any(c.framework.district_id != district.pk or c.framework.is_archived
           for c in competencies):
        raise ValidationError(_("Choose competencies of your district's frameworks."))


@transaction.atomic
def start_plan(*, owner: User, district: District, competencies: list[Competency],
               cadence: str, **parts: str) -> LearningPlan:
    """A person has one open plan per district; earlier ones stay, closed, for them."""
    _check_competencies(competencies, district)
    if not access.is_district_member(owner, district.pk):
        raise ValidationError(_("Only the district's staff keep a learning plan here."))
    try:
        with transaction.atomic():
            plan = LearningPlan.objects.create(
                owner=owner, district=district, cadence=cadence,
                cadence_since=timezone.localdate(),
                **{part: _clean(parts.get(part, "")) for part in PARTS})
    except IntegrityError:
        raise ValidationError(_("You already have a learning plan: close it before you "
                                "start a new one.")) from None
    plan.competencies.set(competencies)
    return plan


@transaction.atomic
def update_plan(*, plan: LearningPlan, competencies: list[Competency], cadence: str,
                **parts: str) -> LearningPlan:
    """Changing the cadence counts the reminders again from today."""
    if not plan.is_current:
        raise ValidationError(_("A closed plan is kept as it was."))
    _check_competencies(competencies, plan.district)
    if cadence != plan.cadence:
        plan.cadence, plan.cadence_since = cadence, timezone.localdate()
    for part in PARTS:
        setattr(plan, part, _clean(parts.get(part, "")))
    plan.save()
    plan.competencies.set(competencies)
    return plan


@transaction.atomic
def close_plan(*, plan: LearningPlan) -> None:
    """A closed plan stays its owner's to read; nobody else reads it any more, and no
    reminder comes."""
    LearningPlan.objects.filter(pk=plan.pk, closed_at__isnull=True).update(
        closed_at=timezone.now())
    plan.readers.all().delete()


@transaction.atomic
def check_in(*, plan: LearningPlan, done_on: date, progress: str, on_track: str = ""):
    if not plan.is_current:
        raise ValidationError(_("A closed plan is kept as it was."))
    progress = _clean(progress)
    if not progress:
        raise ValidationError(_("Write a word about your progress."))
    return plan.checkins.create(done_on=done_on, progress=progress, on_track=on_track)


@transaction.atomic
def add_evidence(*, plan: LearningPlan, story: SuccessStory | None = None,
                 try_report: TryReport | None = None,
                 insight: Insight | None = None) -> Evidence:
    """Only what the owner may read, and of their tries only their own; it stays as visible
    as it was: each reader of the plan sees only what they may read themselves."""
    owner = plan.owner
    allowed = (
        (story is not None and access.stories_to_attach(owner).filter(pk=story.pk).exists())
        or (try_report is not None
            and access.tries_to_attach(owner).filter(pk=try_report.pk).exists())
        or (insight is not None
            and access.insights_to_attach(owner).filter(pk=insight.pk).exists()))
    if not allowed or sum(x is not None for x in (story, try_report, insight)) != 1:
        raise ValidationError(_("Choose one story, try or insight you may read."))
    evidence, _created = Evidence.objects.get_or_create(
        plan=plan, story=story, try_report=try_report, insight=insight)
    return evidence


@transaction.atomic
def remove_evidence(*, evidence: Evidence) -> None:
    evidence.delete()


@transaction.atomic
def share_plan(*, plan: LearningPlan, reader: User) -> PlanReader:
    """With two or three colleagues of the plan's district; each is told."""
    if not plan.is_current:
        raise ValidationError(_("A closed plan is kept as it was."))
    if reader.pk == plan.owner_id or not access.is_district_member(reader, plan.district_id):
        raise ValidationError(_("Share your plan with colleagues of your district."))
    # One at a time per plan: the size of the triad holds under two clicks at once.
    LearningPlan.objects.select_for_update().filter(pk=plan.pk).first()
    if plan.readers.filter(reader=reader).exists():
        raise ValidationError(_("%(name)s already reads your plan.") % {"name": reader})
    if plan.readers.count() >= TRIAD_SIZE:
        raise ValidationError(_("A plan is shared with three colleagues at most."))
    share = PlanReader.objects.create(plan=plan, reader=reader)
    tell_shared(share)
    return share


@transaction.atomic
def unshare_plan(*, share: PlanReader) -> None:
    """Their access ends at once."""
    share.delete()


@transaction.atomic
def comment(*, plan: LearningPlan, author: User, text: str) -> PlanComment:
    """The owner and the plan's readers comment while it is open; the others are told."""
    if not (plan.is_current and (plan.owner_id == author.pk
                                 or plan.readers.filter(reader=author).exists())):
        raise ValidationError(_("Only the plan's owner and the colleagues it is shared with "
                                "comment on it."))
    text = _clean(text)
    if not text:
        raise ValidationError(_("Write your comment."))
    new = PlanComment.objects.create(plan=plan, author=author, text=text)
    tell_comment(new)
    return new

