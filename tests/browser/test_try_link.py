"""From the follow-up e-mail to "recorded" in two clicks, without signing in."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from forums.models import Commitment, TryReport
from mail import outbox
from mail.models import Delivery, EmailKind
from mail.registry import Planned
from tests.browser.forum_setup import forum_with_featured_story, session_starting_now


def test_teacher_records_a_try_from_the_follow_up_email(new_page, site, smtp, principal,
                                                        teacher, colleague):
    setup = forum_with_featured_story(facilitator=principal, presenter=teacher,
                                      members=[colleague])
    session = session_starting_now(setup, facilitator=principal)
    commitment = Commitment.objects.create(session=session, user=colleague,
                                           what="Exit tickets every Friday",
                                           due_on=timezone.localdate())
    outbox.plan([Planned(key=f"commitment-followup:{commitment.pk}:1",
                         kind=EmailKind.COMMITMENT_FOLLOWUP, email=colleague.email,
                         recipient=colleague, district=principal.memberships.first().district,
                         scheduled_for=timezone.now(),
                         payload={"commitment": commitment.pk, "number": 1})])
    outbox.send(Delivery.objects.get(kind=EmailKind.COMMITMENT_FOLLOWUP).pk)
    [message] = smtp.to(colleague.email)
    body = smtp.body(message)
    adapted = re.search(r"Adapted it: (\S+)", body).group(1)

    page = new_page(phone=True)
    page.goto(adapted)
    expect(page.get_by_text("Exit tickets every Friday")).to_be_visible()
    assert not TryReport.objects.exists()  # opening the link records nothing
    page.get_by_role("button", name='Record "Adapted it"').click()
    expect(page.get_by_text("Your answer is recorded: Adapted it.")).to_be_visible()
    page.screenshot(path="/tmp/i11/try_link_phone.png", full_page=True)
    page.get_by_label("What happened?").fill("Shorter tickets worked better")
    page.get_by_role("button", name="Save the details").click()
    expect(page.get_by_text("your details are saved")).to_be_visible()
    [report] = TryReport.objects.all()
    assert (report.outcome, report.what_happened) == ("adapted", "Shorter tickets worked better")
    page.goto(adapted)  # once more from the e-mail: nothing new
    expect(page.get_by_text("Your answer is recorded: Adapted it.")).to_be_visible()
    assert TryReport.objects.count() == 1
