"""Session protocols: the two shipped with the app, the rules a step must follow, and the
verbs that change one (who may see, copy and edit a template: forums.access).

Shipped templates (district null) are read-only for everyone; a district copies one and
edits its copy. Their texts are marked with gettext_noop so they are shown in the reader's
language, and copied in the district's language.
"""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from forums.models import CardKind, ProtocolKind, ProtocolTemplate, Speaker
from schools.models import District

MAX_STEPS = 20
MAX_TITLE = 100
MAX_PURPOSE = 1000
MAX_QUESTIONS = 8
MAX_QUESTION = 300
MIN_MINUTES, MAX_MINUTES = 1, 120
MAX_NAME = 150  # ProtocolTemplate.name


def _step(title, purpose, questions, minutes, speaker, card_kinds=()) -> dict:
    return {"title": title, "purpose": purpose, "questions": list(questions),
            "minutes": minutes, "speaker": speaker.value,
            "card_kinds": [kind.value for kind in card_kinds]}


# DESIGN.md section 4: about 50 minutes.
DEFAULT_ANALYSIS_STEPS = [
    _step(gettext_noop("Opening"),
          gettext_noop("Say why we meet and agree on the norms: we study what worked, and "
                       "we judge no one."),
          [gettext_noop("Why are we here today?"),
           gettext_noop("Which norms will keep this a safe place to learn?")],
          3, Speaker.FACILITATOR),
    _step(gettext_noop("The success story"),
          gettext_noop("The presenter tells the story of a real classroom success while the "
                       "group listens."),
          [gettext_noop("What went right?"),
           gettext_noop("How do we know? What is the evidence?"),
           gettext_noop("What was the situation before?")],
          7, Speaker.PRESENTER),
    _step(gettext_noop("Clarifying questions"),
          gettext_noop("The group asks about facts only, so everyone has the same picture; "
                       "the presenter answers briefly."),
          [gettext_noop("Who was involved, and when?"),
           gettext_noop("How long did it take?"),
           gettext_noop("What exactly happened?")],
          5, Speaker.GROUP_ASKS, [CardKind.QUESTION]),
    _step(gettext_noop("Uncovering the actions"),
          gettext_noop("The group works out what was actually done and what helped; the "
                       "presenter listens without answering."),
          [gettext_noop("What exactly was done?"),
           gettext_noop("What was different from before?"),
           gettext_noop("Which conditions helped?")],
          10, Speaker.GROUP_PRESENTER_SILENT, [CardKind.ACTION, CardKind.CONDITION]),
    _step(gettext_noop("Presenter reflects"),
          gettext_noop("The presenter responds to what the group uncovered."),
          [gettext_noop("What resonated with you?"),
           gettext_noop("What did the group miss?")],
          5, Speaker.PRESENTER),
    _step(gettext_noop("Principles of practice"),
          gettext_noop("Turn what was uncovered into knowledge others can act on."),
          [gettext_noop("When ..., to achieve ..., do ..., because ...")],
          10, Speaker.GROUP, [CardKind.PRINCIPLE]),
    _step(gettext_noop("Taking it home"),
          gettext_noop("Each person decides where the practice could work in their own "
                       "classroom."),
          [gettext_noop("Where could this work for me?"),
           gettext_noop("What one thing will I try, and by when?")],
          7, Speaker.EVERYONE, [CardKind.APPLICATION]),
    _step(gettext_noop("Closing"),
          gettext_noop("End with appreciation and a quick look back at the session."),
          [gettext_noop("One appreciation for the presenter or the group."),
           gettext_noop("How did this session go?")],
          3, Speaker.EVERYONE, [CardKind.REFLECTION]),
]

# The follow-up after the try phase: about 35 minutes.
DEFAULT_REVIEW_STEPS = [
    _step(gettext_noop("Opening"),
          gettext_noop("Recall the practice the group set out to try and the norms."),
          [gettext_noop("What did we decide to try last time?")],
          3, Speaker.FACILITATOR),
    _step(gettext_noop("Reports from our classrooms"),
          gettext_noop("Each member reports their try in turn: as it was, adapted, or not "
                       "yet."),
          [gettext_noop("What did you try, with whom, and when?"),
           gettext_noop("What happened? How do you know?"),
           gettext_noop("If not yet, what got in the way?")],
          15, Speaker.EVERYONE, [CardKind.REFLECTION]),
    _step(gettext_noop("What travelled, what had to change"),
          gettext_noop("Compare the tries: what worked across classrooms and what had to be "
                       "adapted."),
          [gettext_noop("Which parts worked as they were?"),
           gettext_noop("What had to be adapted, and why?"),
           gettext_noop("Does our principle need rewording?")],
          8, Speaker.GROUP, [CardKind.PRINCIPLE]),
    _step(gettext_noop("New successes"),
          gettext_noop("Notice which tries became successes of their own and what comes "
                       "next."),
          [gettext_noop("Which tries became new successes worth logging?"),
           gettext_noop("What will we try next?")],
          6, Speaker.GROUP, [CardKind.APPLICATION]),
    _step(gettext_noop("Closing"),
          gettext_noop("End with appreciation."),
          [gettext_noop("One appreciation."),
           gettext_noop("How did this cycle go for you?")],
          3, Speaker.EVERYONE, [CardKind.REFLECTION]),
]

SHIPPED = {
    ProtocolKind.ANALYSIS.value: (gettext_noop("Learning from success (analysis)"),
                                  DEFAULT_ANALYSIS_STEPS),
    ProtocolKind.REVIEW.value: (gettext_noop("Follow-up review"), DEFAULT_REVIEW_STEPS),
}


def install_shipped_protocols(model=ProtocolTemplate) -> None:
    """Create any missing shipped template. Takes the model so a migration can pass its own."""
    for kind, (name, steps) in SHIPPED.items():
        if not model.objects.filter(district__isnull=True, kind=kind).exists():
            model.objects.create(district=None, kind=kind, name=name,
                                 steps=copy.deepcopy(steps))


# Rules ---------------------------------------------------------------------------------

def step_errors(step: object) -> list[str]:
    """What is wrong with one step, in words a district admin understands."""
    if not isinstance(step, dict):
        return [_("This step is not in a form we understand.")]
    errors = []
    title = step.get("title")
    if not isinstance(title, str) or not title.strip():
        errors.append(_("Give the step a title."))
    elif len(title) > MAX_TITLE:
        errors.append(_("The title can have at most %(max)d characters.") % {"max": MAX_TITLE})
    purpose = step.get("purpose", "")
    if not isinstance(purpose, str):
        errors.append(_("The purpose is not in a form we understand."))
    elif len(purpose) > MAX_PURPOSE:
        errors.append(_("The purpose can have at most %(max)d characters.")
                      % {"max": MAX_PURPOSE})
    minutes = step.get("minutes")
    if (not isinstance(minutes, int) or isinstance(minutes, bool)
            or not MIN_MINUTES <= minutes <= MAX_MINUTES):
        errors.append(minutes_message())
    if step.get("speaker") not in Speaker.values:
        errors.append(_("Choose who speaks from the list."))
    kinds = step.get("card_kinds", [])
    if not isinstance(kinds, list) or any(kind not in CardKind.values for kind in kinds):
        errors.append(_("Choose contribution kinds from the list."))
    questions = step.get("questions", [])
    if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
        errors.append(_("The guiding questions are not in a form we understand."))
    else:
        errors.extend(question_errors(questions))
    return errors


def minutes_message() -> str:
    return _("Give a number of minutes from %(min)d to %(max)d.") % {
        "min": MIN_MINUTES, "max": MAX_MINUTES}


def question_errors(questions: list[str]) -> list[str]:
    errors = []
    if len(questions) > MAX_QUESTIONS:
        errors.append(ngettext("A step can have at most %(max)d guiding question, one per line.",
                               "A step can have at most %(max)d guiding questions, one per line.",
                               MAX_QUESTIONS) % {"max": MAX_QUESTIONS})
    for number, question in enumerate(questions, start=1):
        if len(question) > MAX_QUESTION:
            errors.append(_("Question %(n)d is too long: at most %(max)d characters.")
                          % {"n": number, "max": MAX_QUESTION})
    return errors


def count_errors(count: int) -> list[str]:
    if count < 1:
        return [_("A protocol needs at least one step.")]
    if count > MAX_STEPS:
        return [_("A protocol can have at most %(max)d steps.") % {"max": MAX_STEPS}]
    return []


def validate_steps(steps: object) -> list[str]:
    """Every problem with a list of steps; an empty list means the steps are fine."""
    if not isinstance(steps, list):
        return [_("The steps are not in a form we understand.")]
    errors = count_errors(len(steps))
    for number, step in enumerate(steps, start=1):
        errors.extend(_("Step %(n)d: %(error)s") % {"n": number, "error": error}
                      for error in step_errors(step))
    return errors


def normalized_step(step: dict) -> dict:
    """Only the known keys, trimmed, with blank questions and repeated kinds dropped."""
    questions = [q.strip() for q in step.get("questions", []) if q.strip()]
    kinds = [kind for kind in CardKind.values if kind in step.get("card_kinds", [])]
    return {"title": step["title"].strip(), "purpose": step.get("purpose", "").strip(),
            "questions": questions, "minutes": step["minutes"], "speaker": step["speaker"],
            "card_kinds": kinds}


# Reading -------------------------------------------------------------------------------

def protocols_for(district: District | None) -> QuerySet[ProtocolTemplate]:
    """The shipped templates and the district's own, shipped first within each kind."""
    if district is None:
        return ProtocolTemplate.objects.filter(district__isnull=True)
    return (ProtocolTemplate.objects.filter(Q(district__isnull=True) | Q(district=district))
            .order_by("kind", F("district").asc(nulls_first=True), "name"))


def shipped_protocol(kind: str) -> ProtocolTemplate:
    """The template the app ships for this kind of session (recreated if someone deleted it)."""
    shipped = ProtocolTemplate.objects.filter(district__isnull=True, kind=kind)
    if not shipped.exists():
        install_shipped_protocols()
    return shipped.earliest("pk")


def localized(template: ProtocolTemplate) -> tuple[str, list[dict]]:
    """Name and steps in the active language: shipped texts are translated, a district's
    own are shown as they were written."""
    if template.district_id is not None:
        return template.name, template.steps
    steps = [{**step, "title": _translated(step["title"]),
              "purpose": _translated(step["purpose"]),
              "questions": [_translated(q) for q in step["questions"]]}
             for step in template.steps]
    return _translated(template.name), steps


def _translated(text: str) -> str:
    return _(text) if text else text  # gettext("") would return the catalogue's header


def described_steps(template: ProtocolTemplate) -> list[dict]:
    """Steps with readable labels for who speaks and which cards they collect."""
    speakers, kinds = dict(Speaker.choices), dict(CardKind.choices)
    return [{**step, "speaker_label": speakers.get(step.get("speaker"), step.get("speaker")),
             "card_kind_labels": [kinds.get(k, k) for k in step.get("card_kinds", [])]}
            for step in localized(template)[1]]


# Verbs ---------------------------------------------------------------------------------

@transaction.atomic
def copy_protocol(*, template: ProtocolTemplate, district: District,
                  name: str) -> ProtocolTemplate:
    """A district copies a shipped template or one of its own, never another district's.

    A shipped template is copied in the district's language, so the copy reads as it will
    be edited.
    """
    if template.district_id not in (None, district.id):
        raise ValidationError(_("This protocol belongs to another district."))
    name = name.strip()[:MAX_NAME]
    if not name:
        raise ValidationError(_("Give the protocol a name."))
    with translation.override(district.language):
        steps = copy.deepcopy(localized(template)[1])
    return ProtocolTemplate.objects.create(district=district, kind=template.kind, name=name,
                                           steps=steps)


@transaction.atomic
def update_protocol(*, template: ProtocolTemplate, name: str, steps: list[dict]) -> None:
    """Rename a district's template and replace its steps. Shipped templates are read-only.

    Sessions already scheduled keep the steps they copied.
    """
    if template.district_id is None:
        raise ValidationError(_("Protocols shipped with the app cannot be changed; copy one "
                                "to your district and change the copy."))
    errors = validate_steps(steps)
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        errors.insert(0, _("Give the protocol a name."))
    elif len(name) > MAX_NAME:
        errors.insert(0, _("The name can have at most %(max)d characters.") % {"max": MAX_NAME})
    if errors:
        raise ValidationError(errors)
    template.name = name
    template.steps = [normalized_step(step) for step in steps]
    template.save(update_fields=["name", "steps", "updated_at"])
