"""A principal takes a self-assessment against the district's framework, by the names a screen
reader hears: a confidence for each competency, one to grow (refused at first with none, and
nothing typed lost), then sees their history as a chart with its table, and shares it with a
colleague who reads it."""

from datetime import date

from playwright.sync_api import expect

from growth.models import SelfAssessment
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD
from tests.growth.factories import assessment_of, framework_of


def test_principal_completes_a_self_assessment_and_sees_the_chart(new_page, site, district,
                                                                  principal, colleague):
    framework = framework_of(district, starting_point="ab_slqs", name="Superintendent LQS")
    assessment_of(principal, framework, values=[5, 5, 4, 6, 3, 7, 5], grow=(2,),
                  taken_on=date(2025, 9, 15))
    page = new_page()
    sign_in(page, site, principal.email, PASSWORD)
    page.goto(f"{site}/growth/")
    expect(page.get_by_role("heading", name="My growth", level=1)).to_be_visible()
    page.get_by_role("link", name="Take a self-assessment").click()
    page.get_by_role("link", name="Superintendent LQS").click()

    names = list(framework.competencies.order_by("position").values_list("name", flat=True))
    for n, name in enumerate(names):
        group = page.get_by_role("group", name=name, exact=True)
        group.get_by_role("radio", name=str(n + 3), exact=True).check()
    visionary = page.get_by_role("group", name="Visionary Leadership", exact=True)
    visionary.get_by_label("Why this number?").fill("We wrote our priorities together.")
    page.get_by_role("button", name="Save my self-assessment").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "Choose one or two competencies to grow this semester.")
    expect(visionary.get_by_label("Why this number?")).to_have_value(
        "We wrote our priorities together.")
    expect(visionary.get_by_role("radio", name="5", exact=True)).to_be_checked()
    visionary.get_by_label("I choose to grow this one this semester").check()
    page.get_by_role("button", name="Save my self-assessment").click()

    expect(page.get_by_text("Your self-assessment is saved. Only you can read it.")
           ).to_be_visible()
    expect(page.get_by_role("heading", name="Your history")).to_be_visible()
    chart = page.get_by_role("img", name="Your confidence in each competency of "
                                          "Superintendent LQS, at each self-assessment")
    expect(chart).to_be_visible()
    table = page.get_by_role("table", name="Your confidence at each self-assessment, "
                                           "from 1 to 10")
    expect(table.get_by_role("row", name="Visionary Leadership")).to_contain_text("5 (to grow)")
    assert SelfAssessment.objects.filter(owner=principal).count() == 2

    page.get_by_role("link", name="Share with colleagues").click()
    page.get_by_role("searchbox", name="Find a colleague by name").fill("Daniel")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("checkbox", name="Daniel Reyes").check()
    page.get_by_role("button", name="Save who may read it").click()
    expect(page.get_by_text("Saved: who may read this self-assessment.")).to_be_visible()

    reader = new_page(phone=True)
    sign_in(reader, site, colleague.email, PASSWORD)
    reader.goto(f"{site}/growth/")
    reader.get_by_role("link", name="Grace Lindqvist: Superintendent LQS").click()
    expect(reader.get_by_text("We wrote our priorities together.")).to_be_visible()
    expect(reader.get_by_role("heading", name="Your history")).to_have_count(0)
