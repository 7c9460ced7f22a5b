"""In a French browser (fr-CA) a teacher logs a story, and the pages she reads on the way have
no English label left; the date she typed survives editing."""

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD

# Labels of these pages in English: none may show in French (the story and names are content).
ENGLISH = ["Save", "Stories", "Sign out", "Sign in", "Story", "Edit", "Search", "Home",
           "Themes", "Visible to", "Trash", "Log a success", "What went right", "Who may see",
           "My school", "Draft saved", "When it happened", "Move to trash", "Add file",
           "I want to try", "Filters", "All themes", "Skip to content"]
TITLE = "Des billets de sortie à deux questions"


def english_left(page) -> list[str]:
    text = page.locator("body").inner_text()
    return [word for word in ENGLISH if re.search(rf"\b{re.escape(word)}\b", text)]


def test_a_teacher_logs_a_story_in_french_and_reads_no_english(new_page, site, teacher):
    page = new_page(locale="fr-CA")
    page.goto(f"{site}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert english_left(page) == []
    page.get_by_label("Courriel").fill(teacher.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    page.get_by_role("link", name="Consigner une réussite").first.click()
    page.get_by_label("Un titre court").fill(TITLE)
    page.get_by_label("Qu’est-ce qui a bien fonctionné, et comment le savez-vous?").fill(
        "Chaque élève a expliqué son raisonnement par écrit; 24 élèves sur 27 ont atteint "
        "l’objectif.")
    page.get_by_label("Quand c’est arrivé").fill("2026-11-02")
    page.get_by_role("radio", name="Mon école").check()
    assert english_left(page) == []
    page.get_by_role("button", name="Enregistrer le récit").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("2 novembre 2026")).to_be_visible()
    assert english_left(page) == []

    page.get_by_role("link", name="Modifier").click()  # the date comes back as typed
    expect(page.get_by_label("Quand c’est arrivé")).to_have_value("2026-11-02")
    page.get_by_role("button", name="Enregistrer le récit").click()
    expect(page.get_by_text("2 novembre 2026")).to_be_visible()

    page.get_by_role("link", name="Récits", exact=True).click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert english_left(page) == []
