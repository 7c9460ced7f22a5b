"""A try that became a story carries over its themes and evidence; a session record says the
day it was held, in the forum's time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from forums.actions import follow_up, scheduling
from forums.actions import live as live_actions
from forums.models import ProtocolKind
from forums.protocols import shipped_protocol
from successes.models import SuccessStory
from tests.factories import StoryFactory, ThemeFactory


def test_a_try_that_became_a_story_carries_its_themes_and_evidence(
        client_for, principal, teacher, colleague, started, district):
    feedback = ThemeFactory(district=district, name="Feedback")
    belonging = ThemeFactory(district=district, name="Belonging")
    retired = ThemeFactory(district=district, name="Old theme", is_active=False)
    started.story.themes.set([belonging])
    insight = live_actions.save_insight(session=started, by=principal, situation="quiet groups",
                                        goal="talk", action="give roles",
                                        themes=[feedback, retired])
    commitment = live_actions.make_commitment(session=started, user=colleague,
                                              what="Roles in labs", with_whom="",
                                              due_on=started.starts_at.date(), insight=insight)
    commitment.story = started.story
    commitment.save()
    report = follow_up.report_try(commitment=commitment, outcome="as_is", worked=True,
                                  what_happened="Every group spoke.",
                                  evidence_kind="perceptions")
    client_for(colleague).post(reverse("forums:try_story", args=[report.pk]), {
        "title": "Roles in labs", "what_went_right": "Every group spoke.",
        "visibility": "school"})
    story = SuccessStory.objects.get(title="Roles in labs")
    assert set(story.themes.all()) == {feedback, belonging}
    assert story.evidence_kinds == ["perceptions"]
    assert story.grew_from == started.story


def test_a_try_without_themes_takes_the_cycles_focus(colleague, started, district):
    focus = ThemeFactory(district=district, name="Feedback")
    started.cycle.focus_theme = focus
    started.cycle.save()
    commitment = live_actions.make_commitment(session=started, user=colleague, what="Roles",
                                              with_whom="", due_on=started.starts_at.date())
    report = follow_up.report_try(commitment=commitment, outcome="adapted", worked=True)
    story = follow_up.story_from_try(report=report, author=colleague, title="Roles",
                                     what_went_right="It worked.", visibility="private")
    assert list(story.themes.all()) == [focus]
    assert story.evidence_kinds == []


def test_the_origin_storys_themes_stay_out_when_its_author_may_not_read_it(
        principal, other_principal, forum, district, teacher):
    """A story shared with Heritage only: a Lakeview principal who tried it gets none of its
    themes (they would tell something of a story they may not read)."""
    hidden = ThemeFactory(district=district, name="Only in the hidden story")
    story = StoryFactory(author=teacher, visibility="school")
    story.themes.set([hidden])
    cycle = forum.cycles.create(title="c", starts_on=datetime(2027, 1, 4).date(),
                                ends_on=datetime(2027, 3, 4).date())
    session = scheduling.schedule_session(
        cycle=cycle, kind=ProtocolKind.ANALYSIS, starts_at=datetime.now(ZoneInfo("UTC")),
        minutes=50, protocol=shipped_protocol(ProtocolKind.ANALYSIS), place="Library")
    commitment = session.commitments.create(user=other_principal, what="Try it", story=story,
                                            due_on=datetime(2027, 2, 1).date())
    report = follow_up.report_try(commitment=commitment, outcome="as_is", worked=True)
    new = follow_up.story_from_try(report=report, author=other_principal, title="Mine",
                                   what_went_right="w", visibility="private")
    assert not new.themes.exists() and new.grew_from is None


def test_the_record_says_the_day_it_was_held_in_the_forums_time_zone(client_for, teacher,
                                                                     forum, school):
    """21:30 on 9 March in Vancouver is already 10 March for a reader in UTC."""
    school.time_zone = "America/Vancouver"
    school.save()
    teacher.time_zone = "UTC"
    teacher.save()
    held = datetime(2027, 3, 9, 21, 30, tzinfo=ZoneInfo("America/Vancouver"))
    with time_machine.travel(held, tick=False):
        session = scheduling.schedule_session(
            cycle=scheduling.plan_cycle(forum=forum, title="Evening", starts_on=held.date(),
                                        ends_on=held.date()),
            kind=ProtocolKind.ANALYSIS, starts_at=held, minutes=50,
            protocol=shipped_protocol(ProtocolKind.ANALYSIS), place="Library")
        live_actions.start_session(session=session)
        live_actions.close_session(session=session)
    page = client_for(teacher).get(reverse("forums:record", args=[session.pk])).content.decode()
    assert "Session record, 9 March 2027" in page
    assert "Held on" in page and "Tuesday 9 March 2027" in page
    assert "America/Vancouver" in page
    assert "10 March 2027" not in page
