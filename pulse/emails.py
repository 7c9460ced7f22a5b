"""The culture pulse's e-mails, declared to mail (mail.registry): the invitation when a survey
opens and one reminder before it closes (who and when: pulse.planning). Both are one kind,
PULSE_SURVEY, that the person may turn off.

Checked again just before sending: the survey is still open, the person is still asked
(pulse.access.is_asked) and has not answered - so the reminder reaches only those who have
not. Templates: templates/emails/pulse_survey.subject.txt, .txt and .html.
"""

from __future__ import annotations

from django.urls import reverse

from mail.messages import absolute_url
from mail.models import Delivery, EmailKind
from mail.registry import Content, declare
from pulse import planning
from pulse.access import has_answered, is_asked
from pulse.models import Survey


def survey_email(delivery: Delivery) -> Content | None:
    survey = Survey.objects.select_related("district").filter(
        pk=delivery.payload.get("survey")).first()
    user = delivery.recipient
    if (survey is None or user is None or not survey.is_open() or not is_asked(user, survey)
            or has_answered(user, survey)):
        return None
    return Content({
        "survey": survey, "reminder": bool(delivery.payload.get("reminder")),
        "statements": survey.statements.count(),
        "answer_url": absolute_url(reverse("pulse:answer", args=[survey.pk]))})


declare(EmailKind.PULSE_SURVEY, build=survey_email, plan=planning.survey_emails,
        late_after=planning.closed)
