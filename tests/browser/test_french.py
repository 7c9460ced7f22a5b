"""In a French browser (fr-CA) a teacher logs a story, a principal runs a live session step and
a district leader reads the digest: the pages they read on the way have no English label left
(text, and the labels read aloud: aria-label, title, placeholder, alt); the date the teacher
typed survives editing."""

import re
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.forum_setup import (
    CYCLE_TITLE,
    FORUM_NAME,
    STORY_TITLE,
    forum_with_featured_story,
    session_starting_now,
)
from tests.factories import PASSWORD
from tests.learning.district_setup import build
from tests.test_translations import entries

# Labels of these pages in English: none may show in French (the story and names are content).
ENGLISH = ["Save", "Stories", "Sign out", "Sign in", "Story", "Edit", "Search", "Home",
           "Themes", "Visible to", "Trash", "Log a success", "What went right", "Who may see",
           "My school", "Draft saved", "When it happened", "Move to trash", "Add file",
           "I want to try", "Filters", "All themes", "Skip to content",
           # ... and parts of sentences with names or numbers in them
           "Step", "Planned for", "in this step", "present", "When", "From", "Built at",
           "tried at", "tries", "new stories", "fewer than", "up from"]
TITLE = "Des billets de sortie à deux questions"


def _catalogue_labels() -> list[str]:
    """The project's own English strings that French changes (placeholders and plurals left
    out): none may show on a French page. The switcher names each language in its own."""
    catalogue = entries(Path(settings.BASE_DIR, "locale", "fr", "LC_MESSAGES", "django.po"))
    languages = {str(name) for _code, name in settings.LANGUAGES}
    return sorted(msgid for (context, msgid), entry in catalogue.items()
                  if not context and "msgid_plural" not in entry and "%" not in msgid
                  and len(re.sub(r"\W", "", msgid)) >= 4 and msgid != entry["msgstr"].get(0)
                  and msgid not in languages)


CATALOGUE = _catalogue_labels()
SHOWN = """() => [document.body.innerText, ...Array.from(
    document.querySelectorAll("[aria-label], [title], [placeholder], [alt]"),
    el => ["aria-label", "title", "placeholder", "alt"].map(a => el.getAttribute(a) || "")
           .join("\\n"))].join("\\n")"""


def english_left(page, content: tuple[str, ...] = ()) -> list[str]:
    """English labels on the page, once the `content` people wrote in English is set aside."""
    text = page.evaluate(SHOWN)
    for written in content:
        text = text.replace(written, " ")
    found = [re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)
             for label in (*ENGLISH, *CATALOGUE)]
    return [text[max(0, at.start() - 30):at.end() + 30] for at in found if at]  # in context


def test_a_teacher_logs_a_story_in_french_and_reads_no_english(new_page, site, teacher, school):
    content = (teacher.name, school.name)
    page = new_page(locale="fr-CA")
    page.goto(f"{site}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert english_left(page, content) == []
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
    assert english_left(page, content) == []
    page.get_by_role("button", name="Enregistrer le récit").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("2 novembre 2026")).to_be_visible()
    assert english_left(page, content) == []

    page.get_by_role("link", name="Modifier").click()  # the date comes back as typed
    expect(page.get_by_label("Quand c’est arrivé")).to_have_value("2026-11-02")
    page.get_by_role("button", name="Enregistrer le récit").click()
    expect(page.get_by_text("2 novembre 2026")).to_be_visible()

    page.get_by_role("link", name="Récits", exact=True).click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert english_left(page, content) == []


def sign_in_in_french(page, site, person) -> None:
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Courriel").fill(person.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_a_principal_runs_a_live_session_step_in_french(new_page, site, principal, teacher,
                                                        colleague):
    setup = forum_with_featured_story(facilitator=principal, presenter=teacher,
                                      members=[colleague])
    session_starting_now(setup, facilitator=principal)
    content = (FORUM_NAME, CYCLE_TITLE, STORY_TITLE, "Library", principal.name, teacher.name)

    page = new_page(locale="fr-CA")
    sign_in_in_french(page, site, principal)
    page.get_by_role("link", name="Forums", exact=True).click()
    page.get_by_role("link", name=FORUM_NAME).click()
    page.get_by_role("region", name="À venir").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Séance d’analyse")
    assert english_left(page, content) == []

    page.get_by_role("link", name="Ouvrir la séance en direct").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "La séance n’a pas encore commencé")
    assert english_left(page, content) == []
    page.get_by_role("button", name="Commencer la séance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ouverture")
    expect(page.get_by_text("Étape 1 sur 8")).to_be_visible()
    assert english_left(page, content) == []

    page.get_by_role("button", name="Étape suivante").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Le récit de réussite")
    expect(page.get_by_text("Étape 2 sur 8")).to_be_visible()
    assert english_left(page, content) == []


def test_a_district_leader_reads_the_digest_in_french(
        new_page, site, district, school, other_school, teacher, colleague, principal,
        teacher_elsewhere, other_principal, district_leader):
    data = build(district=district, school=school, other_school=other_school, teacher=teacher,
                 colleague=colleague, principal=principal, teacher_elsewhere=teacher_elsewhere,
                 other_principal=other_principal, district_leader=district_leader,
                 when=timezone.now() - timedelta(hours=1))
    welcome = data.welcome
    content = (district.name, school.name, other_school.name, data.collective.name,
               "Heritage team", data.shared.title, data.hidden_name.title, data.grown.title,
               welcome.situation, welcome.goal, welcome.action, data.secret.situation,
               data.secret.goal, data.secret.action, principal.name, teacher_elsewhere.name,
               data.attendance.name, data.feedback.name, data.belonging.name,
               "chronic absence")

    page = new_page(locale="fr-CA")
    sign_in_in_french(page, site, district_leader)
    page.get_by_role("link", name="Synthèse", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ce que Riverside a appris")
    expect(page.get_by_text("greet them at the door by name")).to_be_visible()
    expect(page.get_by_role("heading", name="Thèmes en hausse")).to_be_visible()
    assert english_left(page, content) == []

    page.get_by_label("Thème", exact=True).select_option(label=data.attendance.name)
    expect(page.get_by_text(f"Thème : {data.attendance.name}")).to_be_visible()
    assert english_left(page, content) == []
