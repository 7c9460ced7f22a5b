"""The notifications of growth (declared to notifications.registry):

- `assessment_shared`: a colleague shared a self-assessment with you (once per colleague and
  assessment; shown only while it is still shared with you). No e-mail: it is not news that
  needs one, and a self-assessment's existence stays inside the app.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from growth.models import SelfAssessment
from notifications.actions import notify
from notifications.registry import Shown, declare

ASSESSMENT_SHARED = "assessment_shared"


def tell_assessment_shared(*, assessment: SelfAssessment, colleagues: list) -> None:
    if colleagues:
        notify(kind=ASSESSMENT_SHARED, recipients=colleagues, district=assessment.district,
               target_id=assessment.pk, actor=assessment.owner)


def show_shared_assessments(notes: list, reader) -> dict[int, Shown]:
    shared = {assessment.pk: assessment for assessment in SelfAssessment.objects.filter(
        pk__in={note.target_id for note in notes}, shares__colleague=reader,
        district_id__in={note.district_id for note in notes},
    ).select_related("owner", "framework")}
    shown = {}
    for note in notes:
        assessment = shared.get(note.target_id)
        if assessment is not None:
            shown[note.pk] = Shown(
                _("%(name)s shared a self-assessment with you: %(framework)s, %(date)s.")
                % {"name": assessment.owner, "framework": assessment.framework.name,
                   "date": date_format(assessment.taken_on, "DATE_FORMAT")},
                reverse("growth:assessment", args=[assessment.pk]))
    return shown


declare(ASSESSMENT_SHARED, show=show_shared_assessments, once=True)
