"""A principal writes a learning plan, checks in and shares it with a colleague; the colleague,
told by a notification, reads it and comments from a phone; the principal reads the comment,
then stops sharing and the colleague's access ends."""

import pytest
from playwright.sync_api import expect

from growth.models import Competency, Framework
from plans.models import LearningPlan
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD


@pytest.fixture
def framework(district):
    framework = Framework.objects.create(district=district, name="Leadership Quality Standard")
    for position, name in enumerate(["Fostering Effective Relationships",
                                      "Engaging in Career-Long Learning"]):
        Competency.objects.create(framework=framework, name=name, position=position)
    return framework


def test_principal_writes_a_plan_and_a_triad_member_comments(new_page, site, principal,
                                                            colleague, framework):
    page = new_page()
    sign_in(page, site, principal.email, PASSWORD)
    page.goto(f"{site}/growth/plan/")
    page.get_by_role("link", name="Start my learning plan").click()
    page.get_by_role("button", name="Save my plan").click()  # nothing chosen yet
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    page.get_by_label("Fostering Effective Relationships").check()
    page.get_by_label("Engaging in Career-Long Learning").check()
    page.get_by_label("My area of growth").fill("Be in classrooms every week")
    page.get_by_label("Strategies").fill("Ten-minute visits, one note the same day")
    page.get_by_label("Every two weeks").check()
    page.get_by_role("button", name="Save my plan").click()
    expect(page.get_by_role("heading", name="My learning plan", level=1)).to_be_visible()
    expect(page.get_by_text("Only you can read it.")).to_be_visible()

    page.get_by_label("How is it going?").fill("Three visits so far")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("Three visits so far")).to_be_visible()

    page.get_by_role("link", name="Share with colleagues").click()
    page.get_by_label("Name or e-mail of a colleague").fill("daniel")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("button", name="Share with Daniel Reyes").click()
    expect(page.get_by_text("Daniel Reyes can now read your plan")).to_be_visible()

    reader = new_page(phone=True)
    sign_in(reader, site, colleague.email, PASSWORD)
    reader.goto(f"{site}/notifications/")
    reader.get_by_role("link", name="Grace Lindqvist shared their learning plan with you.").click()
    expect(reader.get_by_role("heading", name="The learning plan of Grace Lindqvist")
           ).to_be_visible()
    expect(reader.get_by_text("Be in classrooms every week")).to_be_visible()
    expect(reader.get_by_text("Three visits so far")).to_be_visible()
    reader.get_by_label("Your comment").fill("Which classes do you start with?")
    reader.get_by_role("button", name="Post my comment").click()
    expect(reader.get_by_text("Which classes do you start with?")).to_be_visible()

    page.goto(f"{site}/notifications/")
    page.get_by_role("link", name="Daniel Reyes commented on your learning plan.").click()
    expect(page.get_by_text("Which classes do you start with?")).to_be_visible()
    page.get_by_role("link", name="Share with colleagues").click()
    page.get_by_role("button", name="Stop sharing with Daniel Reyes").click()
    expect(page.get_by_text("Daniel Reyes no longer reads your plan.")).to_be_visible()

    plan = LearningPlan.objects.get(owner=principal)
    response = reader.goto(f"{site}/growth/plan/{plan.pk}/")
    assert response.status == 404
