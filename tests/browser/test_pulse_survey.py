"""A district admin opens the culture pulse, staff answer it (one on a phone), the admin
closes it and reads the results and each statement year over year, as a chart and a table."""

from playwright.sync_api import expect

from pulse import actions
from pulse.models import Answered, Survey, Turnout
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, Role, member
from tests.pulse.pulse_setup import add_counts, closed_survey, statements

SHARE = "Staff here share what works with each other."


def answer_all(page, value: str) -> None:
    for statement in page.get_by_role("group").all():
        statement.get_by_role("radio", name=value, exact=True).check()


def test_admin_opens_a_survey_staff_answer_and_admin_reads_the_year_over_year(
        new_page, site, district, school, teacher, colleague, principal, district_admin):
    statements(district)
    last_year = closed_survey(district, title="2025 culture pulse", days_ago=380)
    add_counts(last_year, school, people=6, value=2)

    admin = new_page()
    sign_in(admin, site, district_admin.email, PASSWORD)
    admin.goto(f"{site}/pulse/")
    admin.get_by_role("link", name="Open a survey").click()
    admin.get_by_label("Title").fill("2026 culture pulse")
    admin.get_by_label("Last day to answer").fill(
        admin.get_by_label("Opens on").input_value())  # a one-day survey
    admin.get_by_role("button", name="Open the survey").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("2026 culture pulse")
    expect(admin.get_by_text("0 people have answered")).to_be_visible()
    survey = Survey.objects.get(title="2026 culture pulse")

    phone = new_page(phone=True)
    sign_in(phone, site, teacher.email, PASSWORD)
    phone.goto(f"{site}/pulse/")
    phone.get_by_role("link", name="Answer the survey 2026 culture pulse").click()
    phone.get_by_role("group", name=SHARE).get_by_role("radio", name="Strongly agree").check()
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.get_by_role("alert")).to_contain_text("Some statements have no answer yet")
    expect(phone.get_by_role("group", name=SHARE).get_by_role("radio", name="Strongly agree")
           ).to_be_checked()  # what was chosen stays
    answer_all(phone, "Agree")
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.get_by_text("Thank you: your answers are counted.")).to_be_visible()

    laptop = new_page()
    sign_in(laptop, site, colleague.email, PASSWORD)
    laptop.goto(f"{site}/pulse/surveys/{survey.pk}/answer/")
    answer_all(laptop, "Strongly agree")
    laptop.get_by_role("button", name="Send my answers").click()
    expect(laptop.get_by_text("You answered. Thank you!")).to_be_visible()

    # Three more colleagues answer the same way, without a browser.
    answers = {s.pk: 4 for s in survey.statements.all()}
    for person in [principal] + [member(role=Role.TEACHER, school=school) for _ in range(2)]:
        actions.answer_survey(survey=survey, user=person, school=school, answers=answers)
    assert Answered.objects.filter(survey=survey).count() == 5
    assert Turnout.objects.get(survey=survey).answers == 5

    admin.reload()
    expect(admin.get_by_text("5 people have answered")).to_be_visible()
    admin.get_by_role("button", name="Close the survey").click()
    admin.get_by_role("link", name="See the results").click()
    expect(admin.get_by_role("heading", name="District-wide")).to_be_visible()
    row = admin.get_by_role("row", name=SHARE)
    expect(row).to_contain_text("100 %")  # agree or strongly agree: all five
    admin.get_by_role("link", name="Heritage Middle School").click()
    expect(admin.get_by_text("5 people answered.")).to_be_visible()

    admin.get_by_role("link", name="Each statement year over year").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Culture pulse year over year")
    trend = admin.get_by_role("region", name=SHARE)
    expect(trend.get_by_role("img")).to_be_visible()
    expect(trend.get_by_role("row", name="2025 culture pulse")).to_contain_text("0 %")
    expect(trend.get_by_role("row", name="2026 culture pulse")).to_contain_text("100 %")
