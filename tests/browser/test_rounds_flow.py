"""A round of Stop, Continue, Start from opening to its published result: the principal
opens it for her school, two teachers add items (one anonymous, one signed), she groups and
merges them, closes the round and publishes; a teacher reads the grouped result."""

from playwright.sync_api import expect

from rounds.models import Round, RoundItem
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD


def add_item(page, site, round, column: str, text: str, *, sign: bool = False) -> None:
    page.goto(f"{site}/rounds/{round.pk}/")
    page.get_by_role("radio", name=column, exact=True).check()
    page.get_by_label("Your item").fill(text)
    if sign:
        page.get_by_label("Sign it with my name").check()
    page.get_by_role("button", name="Add the item").click()
    expect(page.get_by_role("status")).to_have_text("Your item is on the board.")
    expect(page.get_by_role("region", name=column).get_by_text(text)).to_be_visible()


def test_a_round_from_opening_to_its_grouped_result(new_page, site, principal, teacher,
                                                    colleague, school):
    leader = new_page()
    sign_in(leader, site, principal.email, PASSWORD)
    leader.goto(f"{site}/rounds/")
    leader.get_by_role("link", name="Open a round").click()
    leader.get_by_label("Question").fill("How do we make staff meetings worth the time?")
    leader.get_by_role("combobox", name="School").select_option(label=school.name)
    leader.get_by_role("button", name="Open the round").click()
    expect(leader.get_by_role("heading", level=1)).to_have_text(
        "How do we make staff meetings worth the time?")
    round = Round.objects.get()

    maya = new_page(phone=True)
    sign_in(maya, site, teacher.email, PASSWORD)
    maya.goto(f"{site}/rounds/")
    maya.get_by_role("link", name="How do we make staff meetings worth the time?").click()
    add_item(maya, site, round, "Stop", "Reading the memo aloud")
    daniel = new_page()
    sign_in(daniel, site, colleague.email, PASSWORD)
    add_item(daniel, site, round, "Stop", "The memo read out loud", sign=True)
    add_item(daniel, site, round, "Start", "Peer visits")
    signed = RoundItem.objects.filter(signed_by__isnull=False)
    assert list(signed.values_list("text", flat=True)) == ["The memo read out loud"]

    leader.get_by_role("link", name="Group the items").click()
    leader.get_by_role("button", name="Close the round now").click()
    expect(leader.get_by_text("The round is closed")).to_be_visible()
    leader.get_by_label("New group in Stop").fill("Announcements")
    leader.get_by_label("New group in Stop").press("Enter")
    memo = RoundItem.objects.get(text="Reading the memo aloud")
    again = RoundItem.objects.get(text="The memo read out loud")
    kept = leader.locator(f"#item-{memo.pk}")
    kept.get_by_label("Group").select_option(label="Announcements")
    kept.get_by_role("button", name="Save").click()
    duplicate = leader.locator(f"#item-{again.pk}")
    duplicate.get_by_label("Same as").select_option(label="Reading the memo aloud")
    duplicate.get_by_role("button", name="Save").click()
    expect(leader.locator(f"#item-{again.pk}").get_by_text("merged", exact=True)).to_be_visible()
    leader.get_by_role("button", name="Publish the result").click()
    expect(leader.get_by_text("The result is published")).to_be_visible()

    maya.goto(f"{site}/rounds/{round.pk}/")
    result = maya.get_by_role("region", name="The result")
    expect(result.get_by_role("heading", name="Announcements")).to_be_visible()
    expect(result.get_by_text("said 2 times")).to_be_visible()
    expect(result.get_by_text("Daniel Reyes")).to_be_visible()
    expect(result.get_by_text("Peer visits")).to_be_visible()
    expect(maya.get_by_role("heading", name="Add an item")).to_have_count(0)
