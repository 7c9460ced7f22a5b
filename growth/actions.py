"""State changes of a person's own growth records: self-assessments (take, share, delete) and
"know yourself as a learner" reflections (write, change, delete, turn into a story). Callers
check access first (growth.access); nothing here is done to another person's records."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from growth import notifications
from growth.models import AssessmentShare, Competency, Framework, Rating, Reflection, SelfAssessment
from schools.models import District, User
from successes import actions as story_actions
from successes.models import StoryDraft, SuccessStory

MAX_TO_GROW = 2
# The story form's fields a person writes in (a draft's date or choices alone are not text).
STORY_TEXT_FIELDS = ("title", "what_went_right", "before", "actions", "conditions",
                     "why_it_worked")


@dataclass(frozen=True)
class Answer:
    """What the person said of one competency."""

    competency: Competency
    confidence: int
    note: str = ""
    to_grow: bool = False


@transaction.atomic
def take_self_assessment(*, owner: User, district: District, framework: Framework,
                         answers: list[Answer]) -> SelfAssessment:
    """A new self-assessment, dated today in the person's time zone. Every competency of the
    framework is rated 1 to 10, and one or two are chosen to grow (the form says so first;
    this refuses anything else)."""
    chosen = sum(answer.to_grow for answer in answers)
    if not 1 <= chosen <= MAX_TO_GROW:
        raise ValueError("Choose one or two competencies to grow.")
    if any(not 1 <= answer.confidence <= 10 for answer in answers):
        raise ValueError("Confidence is rated from 1 to 10.")
    assessment = SelfAssessment.objects.create(owner=owner, district=district,
                                               framework=framework,
                                               taken_on=timezone.localdate())
    Rating.objects.bulk_create([
        Rating(assessment=assessment, competency=answer.competency,
               competency_name=answer.competency.name, position=position,
               confidence=answer.confidence, note=answer.note.strip(), to_grow=answer.to_grow)
        for position, answer in enumerate(answers)])
    return assessment


@transaction.atomic
def share_assessment(*, assessment: SelfAssessment, colleagues: list[User]) -> None:
    """Exactly these colleagues read the self-assessment from now on (an empty list: nobody
    but its owner). Those newly added are told, once."""
    wanted = {person.pk: person for person in colleagues if person.pk != assessment.owner_id}
    assessment.shares.exclude(colleague_id__in=wanted).delete()
    already = set(assessment.shares.values_list("colleague_id", flat=True))
    added = [person for pk, person in wanted.items() if pk not in already]
    AssessmentShare.objects.bulk_create([
        AssessmentShare(assessment=assessment, colleague=person) for person in added])
    notifications.tell_assessment_shared(assessment=assessment, colleagues=added)


@transaction.atomic
def delete_assessment(*, assessment: SelfAssessment) -> None:
    assessment.delete()


@transaction.atomic
def save_reflection(*, owner: User, district: District, reflection: Reflection | None,
                    good_at: str, how_i_got_better: str, conditions: str) -> Reflection:
    reflection = reflection or Reflection(owner=owner, district=district)
    reflection.good_at = good_at.strip()
    reflection.how_i_got_better = how_i_got_better.strip()
    reflection.conditions = conditions.strip()
    reflection.save()
    return reflection


@transaction.atomic
def delete_reflection(*, reflection: Reflection) -> None:
    reflection.delete()


def unsaved_story_draft(owner: User) -> bool:
    """Whether the person has a new story they typed and have not saved: starting one from a
    reflection must never write over it."""
    draft = StoryDraft.objects.filter(author=owner, story=None).first()
    return draft is not None and any(
        str(value).strip() for field in STORY_TEXT_FIELDS for value in draft.data.get(field, []))


@transaction.atomic
def start_story_from_reflection(*, reflection: Reflection) -> bool:
    """Open a new success story with the reflection's words: the story form restores them as
    the person's unsaved draft, to finish, choose who sees it and save. Refused (False) while
    another new story is unsaved. The reflection itself stays private and unchanged."""
    owner = reflection.owner
    if unsaved_story_draft(owner):
        return False
    title_limit = SuccessStory._meta.get_field("title").max_length
    title = reflection.good_at.splitlines()[0][:title_limit] if reflection.good_at else ""
    story_actions.autosave_draft(author=owner, story=None, data={
        "title": [title], "what_went_right": [reflection.good_at],
        "actions": [reflection.how_i_got_better], "conditions": [reflection.conditions]})
    return True
