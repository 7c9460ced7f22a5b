"""axe-core finds no violation on the main pages, opened by the person who uses each, on a
laptop and on a phone.

To check another page, add a line to PAGES: who opens it and its address (a function of the
data `world` builds). axe-core is pinned in tests/axe (npm); its rules are WCAG 2.0-2.2 A and
AA plus Deque's best practices (heading order, landmarks...).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.actions import live as live_actions
from forums.actions import scheduling
from forums.models import ProtocolKind
from forums.protocols import shipped_protocol
from tests import axe
from tests.browser.conftest import PHONE, sign_in
from tests.browser.forum_setup import forum_with_featured_story, session_starting_now
from tests.factories import PASSWORD
from tests.growth import pages as growth_pages
from tests.networks import pages as network_pages
from tests.plans import pages as plan_pages
from tests.pulse import pages as pulse_pages
from tests.rounds import pages as round_pages

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@dataclass(frozen=True)
class Page:
    name: str
    who: str  # a person fixture's name
    path: callable  # world -> the page's address


PAGES = [
    Page("home", "teacher", lambda w: reverse("home")),
    Page("story list", "teacher", lambda w: reverse("successes:list")),
    Page("story search", "teacher", lambda w: reverse("successes:list") + "?q=hazard"),
    Page("story detail", "teacher", lambda w: reverse("successes:detail", args=[w.story.pk])),
    Page("story form", "teacher", lambda w: reverse("successes:create")),
    Page("forum list", "teacher", lambda w: reverse("forums:list")),
    Page("forum detail", "principal", lambda w: reverse("forums:detail", args=[w.forum.pk])),
    Page("cycle", "principal", lambda w: reverse("forums:cycle", args=[w.cycle.pk])),
    Page("cycle edit", "principal", lambda w: reverse("forums:cycle_edit", args=[w.cycle.pk])),
    Page("cycle end", "principal", lambda w: reverse("forums:cycle_end", args=[w.cycle.pk])),
    Page("cycle digest", "teacher", lambda w: reverse("forums:cycle_digest",
                                                      args=[w.cycle.pk])),
    Page("session", "teacher", lambda w: reverse("forums:session", args=[w.upcoming.pk])),
    Page("session form", "principal", lambda w: reverse("forums:session_create",
                                                        args=[w.cycle.pk])),
    Page("record", "teacher", lambda w: reverse("forums:record", args=[w.closed.pk])),
    Page("commitments", "teacher", lambda w: reverse("forums:commitments")),
    Page("profile", "teacher", lambda w: reverse("schools:profile")),
    Page("e-mail settings", "teacher", lambda w: reverse("mail:preferences")),
    Page("district digest", "district_leader", lambda w: reverse("learning:district_digest")),
    Page("knowledge bank", "district_leader", lambda w: reverse("learning:knowledge")),
    Page("knowledge search", "district_leader",
         lambda w: reverse("learning:knowledge") + "?q=hazard"),
    Page("spread", "district_leader", lambda w: reverse("learning:district_spread")),
    Page("district", "district_admin", lambda w: reverse("schools:district")),
    Page("notifications", "teacher", lambda w: reverse("notifications:list")),
    Page("find forums", "teacher", lambda w: reverse("forums:find")),
    Page("members and requests", "principal", lambda w: reverse("forums:members",
                                                                args=[w.forum.pk])),
    Page("projector", "principal", lambda w: reverse("forums:projector",
                                                     args=[w.upcoming.pk])),
    Page("join by code", "teacher", lambda w: reverse("forums:join_live")),
    Page("culture pulse", "teacher", pulse_pages.home_path),
    Page("pulse answer", "teacher", pulse_pages.answer_path),
    Page("pulse survey", "district_admin", pulse_pages.survey_path),
    Page("pulse results", "district_admin", pulse_pages.results_path),
    Page("pulse year over year", "district_admin", pulse_pages.trends_path),
    Page("pulse statements", "district_admin", pulse_pages.statements_path),
    Page("my growth", "principal", lambda w: reverse("growth:home")),
    Page("self-assessment form", "principal", growth_pages.assessment_form_path),
    Page("self-assessment", "principal", growth_pages.assessment_path),
    Page("reflection", "teacher", lambda w: reverse("growth:reflection_create")),
    Page("frameworks", "district_admin", lambda w: reverse("growth:frameworks")),
    Page("framework", "district_admin", growth_pages.framework_path),
    Page("learning plan form", "principal", plan_pages.plan_form_path),
    Page("learning plan", "principal", plan_pages.plan_path),
    Page("learning plan sharing", "principal", plan_pages.share_path),
    Page("my learning plans", "principal", plan_pages.home_path),
    Page("rounds", "teacher", lambda w: reverse("rounds:list")),
    Page("round", "teacher", round_pages.round_path),
    Page("round result", "teacher", round_pages.result_path),
    Page("open a round", "principal", lambda w: reverse("rounds:create")),
    Page("round grouping", "principal", round_pages.sort_path),
    Page("round print view", "principal", round_pages.print_path),
    Page("network", "district_admin", network_pages.detail_path),
    Page("district's networks", "district_admin", lambda w: reverse("networks:district")),
    Page("network stories", "teacher", network_pages.stories_path),
    Page("network digest", "district_leader", network_pages.digest_path),
    Page("network knowledge bank", "teacher", network_pages.knowledge_path),
    Page("network collectives", "teacher", network_pages.collectives_path),
    Page("inquiry plan", "teacher", network_pages.inquiry_path),
    Page("find colleagues", "teacher", network_pages.find_path),
    Page("my showcase", "teacher", lambda w: reverse("showcase:mine")),
]


@dataclass
class World:
    forum: object
    cycle: object
    story: object
    closed: object
    upcoming: object


def build_world(principal, teacher, colleague) -> World:
    """A forum with a closed session (an insight and Maya's commitment) and one to come."""
    setup = forum_with_featured_story(facilitator=principal, presenter=teacher,
                                      members=[colleague], cycle_started_days_ago=3)
    closed = session_starting_now(setup, facilitator=principal)
    live_actions.start_session(session=closed)
    live_actions.save_insight(session=closed, by=principal, situation="groups start a lab",
                              goal="work safely", action="name the hazard first")
    live_actions.make_commitment(session=closed, user=teacher, what="Hazard first in chemistry",
                                 with_whom="Grade 7", due_on=timezone.localdate()
                                 + timedelta(days=7))
    live_actions.close_session(session=closed)
    upcoming = scheduling.schedule_session(
        cycle=setup.cycle, kind=ProtocolKind.REVIEW,
        starts_at=timezone.now() + timedelta(days=5), minutes=50,
        protocol=shipped_protocol(ProtocolKind.REVIEW), place="Room 12",
        online_url="https://meet.example.org/a-very-long-meeting-link-that-must-wrap-on-phones")
    return World(setup.forum, setup.cycle, setup.story, closed, upcoming)


def readable(page: Page, violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"{page.name} ({page.who}): {violation['id']} [{violation['impact']}] "
                     f"{violation['help']} - {targets}")
    return lines


@pytest.mark.parametrize("phone", [False, True], ids=["laptop", "phone"])
def test_the_main_pages_have_no_accessibility_violations(
        request, browser, site, phone, principal, teacher, colleague, district_leader,
        district_admin):
    engine = axe.script()
    world = build_world(principal, teacher, colleague)
    problems = []
    for who in dict.fromkeys(page.who for page in PAGES):
        context = browser.new_context(
            viewport=PHONE if phone else {"width": 1280, "height": 900}, has_touch=phone,
            is_mobile=phone, bypass_csp=True)  # the engine is injected as an inline script
        tab = context.new_page()
        sign_in(tab, site, request.getfixturevalue(who).email, PASSWORD)
        for page in (p for p in PAGES if p.who == who):
            tab.goto(site + page.path(world))
            tab.add_script_tag(content=engine)
            result = tab.evaluate("rules => axe.run(document, {runOnly: {type: 'tag', "
                                  "values: rules}, resultTypes: ['violations']})", RULES)
            problems += readable(page, result["violations"])
            overflow = tab.evaluate("document.documentElement.scrollWidth - innerWidth")
            if phone and overflow > 0:
                problems.append(f"{page.name} ({who}): wider than the phone by {overflow}px")
        context.close()
    assert not problems, "\n".join(problems)
