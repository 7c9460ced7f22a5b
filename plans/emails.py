"""The plans' e-mails, declared to mail (mail.registry):

- the check-in reminder (PLAN_CHECKIN): who is due and when is plans.checkins; just before
  sending it is checked again that the plan is still open and still the recipient's, that
  they still work in its district, that the day is still one of its reminder days (the
  cadence may have changed) and that no check-in answered it meanwhile;
- news of plans (GROWTH_NEWS): the e-mail side of the notifications of plans.notifications
  (a colleague shared a plan with you, commented on a plan you read), built from the
  notification as notifications.emails builds the others.

Templates: templates/emails/plan_checkin.subject.txt, .txt and .html (growth_news reuses the
notification layout).
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from mail.models import Delivery, EmailKind
from mail.registry import Content, declare
from notifications.emails import notification_email
from plans import checkins
from plans.access import is_district_member
from plans.models import LearningPlan
from schools.signin import create_sign_in_link


def plan_checkin(delivery: Delivery) -> Content | None:
    plan = (LearningPlan.objects.current().select_related("owner", "district")
            .prefetch_related("competencies")
            .filter(pk=delivery.payload.get("plan"), owner_id=delivery.recipient_id).first())
    if plan is None or not is_district_member(plan.owner, plan.district_id):
        return None
    day = date.fromisoformat(delivery.payload["day"])
    if checkins.is_answered(plan, day):
        return None
    last = plan.checkins.first()
    path = reverse("plans:detail", args=[plan.pk]) + "#check-in"
    return Content({"plan": plan, "day": day, "last_checkin": last,
                    "competencies": [c.name for c in plan.competencies.all()],
                    "plan_url": create_sign_in_link(user=plan.owner, next_url=path)})


declare(EmailKind.PLAN_CHECKIN, build=plan_checkin, plan=checkins.checkin_reminders,
        late_after=checkins.reminder_stale)
declare(EmailKind.GROWTH_NEWS, build=notification_email)
