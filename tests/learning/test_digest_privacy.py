"""Every digest - the district digest's page, PDF, CSV and e-mail, and a cycle's digest - is
built for its reader and holds only what that reader may open on the web. Who may receive the
district digest is one rule (schools.emails.receives_district_digest), asked by the
settings page, the planner and again when each e-mail is built.

Planted text makes leaks visible: an insight of a Lakeview forum, tags and a theme used only by
private or school-only stories, and stories shared with the district that are then hidden.
"""

import csv
import io
from datetime import date, datetime, timedelta
from datetime import time as clock

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from forums.actions import follow_up, membership, scheduling
from forums.actions import live as live_actions
from forums.models import ForumMember, ProtocolKind
from forums.protocols import shipped_protocol
from learning import knowledge
from learning.digests import district_digest
from learning.emails import digest_readers
from lib.redis import client as redis_client
from mail import outbox, preferences
from mail.models import Delivery, NotificationSettings
from mail.outbox import plan_everything
from schools.models import Membership, Role
from successes.actions import delete_story, save_story
from successes.versions import _key, stories_version
from tests.factories import StoryFactory, ThemeFactory
from tests.learning.district_setup import CHICAGO, WEDNESDAY, live_session

PAGE = reverse("learning:district_digest")
PDF = reverse("learning:district_digest_pdf")
CSV = reverse("learning:insights_csv")
MONDAY = datetime(2026, 11, 23, 7, 1, tzinfo=CHICAGO)  # the weekly digest of 16-22 November

LAKEVIEW_ONLY = "hold a planted huddle only Lakeview may read"
PRIVATE_TAG, SCHOOL_TAG, SHARED_TAG = "planted-private-tag", "planted-school-tag", "planted-shared"
PRIVATE_THEME = "Planted private theme"
NEVER_SHOWN = (PRIVATE_TAG, SCHOOL_TAG, PRIVATE_THEME, "Planted private", "Planted school")


@pytest.fixture
def planted(crafted, district, other_school, other_principal, teacher, colleague):
    """Three stories shared with the district (and one the week before) with SHARED_TAG;
    three private ones with PRIVATE_TAG and PRIVATE_THEME; three school-only ones with
    SCHOOL_TAG; and an insight of a Lakeview school forum."""
    with time_machine.travel(WEDNESDAY, tick=False):
        lakeview = membership.create_forum(creator=other_principal, district=district,
                                           school=other_school, name="Lakeview circle")
        session = live_session(lakeview, crafted.shared, WEDNESDAY)
        live_actions.save_insight(session=session, by=other_principal, situation="planted case",
                                  goal="planted goal", action=LAKEVIEW_ONLY)
        live_actions.close_session(session=session)
        private_theme = ThemeFactory(district=district, name=PRIVATE_THEME)
        for n in range(3):
            private = StoryFactory(author=teacher, visibility="private",
                                   title=f"Planted private {n}", free_tags=[PRIVATE_TAG])
            private.themes.set([private_theme])
            StoryFactory(author=teacher, visibility="school", title=f"Planted school {n}",
                         free_tags=[SCHOOL_TAG])
        shared = [StoryFactory(author=colleague, title=f"Planted shared {n}",
                               free_tags=[SHARED_TAG]) for n in range(3)]
    with time_machine.travel(WEDNESDAY - timedelta(days=7), tick=False):
        StoryFactory(author=colleague, title="Planted older", free_tags=[SHARED_TAG])
    return shared


def section(html: str, heading: str) -> str:
    start = html.index(f">{heading}</h2>")
    end = html.find("<h2", start)
    return html[start:end if end != -1 else None]


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def run_outbox(now=None):
    plan_everything(now)
    return [outbox.send(delivery_id) for delivery_id in outbox.due_ids(now)]


def district_digests_to(smtp, person) -> list:
    return [m for m in smtp.to(person.email) if "what schools learned" in m["Subject"]]


def both_bodies(smtp, message) -> str:
    return smtp.body(message) + smtp.body(message, "html")


# --- Who receives the district digest: one rule -------------------------------------------

def test_teacher_cannot_choose_a_district_digest_cadence(client_for, teacher):
    client = client_for(teacher)
    page = client.get(reverse("mail:preferences")).content.decode()
    assert 'name="digest_cadence"' not in page
    client.post(reverse("mail:preferences"), {"digest_cadence": "monthly",
                                              "wanted_kinds": list(preferences.MUTABLE_KINDS)})
    assert preferences.settings_for(teacher).digest_cadence == "never"
    with pytest.raises(ValidationError):
        preferences.update_preferences(user=teacher, digest_cadence="weekly", muted_kinds=[])


def test_district_admin_can_choose_a_district_digest_cadence(client_for, district_admin):
    client = client_for(district_admin)
    page = client.get(reverse("mail:preferences")).content.decode()
    assert 'name="digest_cadence"' in page
    client.post(reverse("mail:preferences"), {"digest_cadence": "monthly",
                                              "wanted_kinds": list(preferences.MUTABLE_KINDS)})
    assert preferences.settings_for(district_admin).digest_cadence == "monthly"


def test_the_planner_asks_the_same_rule(district, teacher, district_leader, district_admin,
                                        leader_elsewhere):
    NotificationSettings.objects.create(user=teacher, digest_cadence="weekly")  # chosen before
    preferences.update_preferences(user=district_admin, digest_cadence="monthly", muted_kinds=[])
    readers = {(m.user_id, m.district_id): cadence for m, cadence in digest_readers()}
    assert readers == {(district_leader.pk, district.pk): "weekly",
                       (district_admin.pk, district.pk): "monthly",
                       (leader_elsewhere.pk, leader_elsewhere.memberships.get().district_id):
                           "weekly"}


def test_teacher_who_chose_a_cadence_earlier_gets_no_district_digest(
        smtp, client_for, planted, teacher, district_leader):
    NotificationSettings.objects.create(user=teacher, digest_cadence="weekly")
    with time_machine.travel(MONDAY, tick=False):
        run_outbox()
    assert district_digests_to(smtp, teacher) == []
    assert not Delivery.objects.filter(kind="district_digest", recipient=teacher).exists()
    leaders = district_digests_to(smtp, district_leader)
    assert len(leaders) == 1 and LAKEVIEW_ONLY in both_bodies(smtp, leaders[0])
    client = client_for(teacher)
    for url in (PAGE, PDF, CSV):
        assert client.get(url).status_code == 404


def test_a_digest_is_not_sent_to_someone_no_longer_entitled(smtp, planted, school,
                                                            district_leader):
    preferences.update_preferences(user=district_leader, digest_cadence="weekly", muted_kinds=[])
    plan_everything(MONDAY)
    assert Delivery.objects.filter(kind="district_digest", recipient=district_leader).exists()
    # They now teach at Heritage: still a member, no longer a reader of the district.
    Membership.objects.create(user=district_leader, district=school.district, school=school,
                              role=Role.TEACHER)
    Membership.objects.filter(user=district_leader, role=Role.DISTRICT_LEADER).update(
        deactivated_at=timezone.now())
    with time_machine.travel(MONDAY, tick=False):
        run_outbox()
    assert district_digests_to(smtp, district_leader) == []
    assert Delivery.objects.get(kind="district_digest",
                                recipient=district_leader).status == "skipped"


# --- What each digest holds ------------------------------------------------------------

def test_a_digest_built_for_a_teacher_holds_only_what_they_may_open(planted, teacher):
    digest = district_digest(teacher, date(2026, 11, 16), date(2026, 11, 22))
    insights = [i.action for group in digest.insight_groups for i in group.insights]
    assert "greet them at the door by name" in insights  # a collective: everyone's
    assert "leave notes in the staff room" in insights  # their own school's forum
    assert LAKEVIEW_ONLY not in insights
    rows = knowledge.insight_rows(teacher, date(2026, 11, 16), date(2026, 11, 22))
    assert LAKEVIEW_ONLY not in {row[2] for row in rows}
    names = {trend.name for trend in digest.trends}
    assert f"#{SHARED_TAG}" in names
    assert not names & {f"#{PRIVATE_TAG}", f"#{SCHOOL_TAG}", PRIVATE_THEME}


def test_district_leader_reads_on_the_page_what_they_may_see_and_nothing_private(
        client_for, planted, district_leader, friday):
    html = client_for(district_leader).get(PAGE).content.decode()
    assert LAKEVIEW_ONLY in section(html, "Insights by theme")
    rising = section(html, "Rising themes")
    assert f"#{SHARED_TAG}</strong>: 3 new stories, up from fewer than 3" in rising
    assert "up from 1" not in rising
    digest = html[html.index('<div id="digest"'):]  # themes are named in the filter above
    for secret in NEVER_SHOWN:
        assert secret not in digest


def test_district_leaders_pdf_and_csv_hold_only_what_they_may_see(client_for, planted,
                                                                  district_leader, friday):
    client = client_for(district_leader)
    text = pdf_text(client.get(PDF))
    assert LAKEVIEW_ONLY in text
    assert f"#{SHARED_TAG}: 3 new stories (fewer than 3 in the period before)" in text
    body = client.get(CSV).content.decode()
    assert LAKEVIEW_ONLY in [row[2] for row in csv.reader(io.StringIO(body))]
    for secret in NEVER_SHOWN:
        assert secret not in text and secret not in body


def test_district_leaders_email_holds_only_what_they_may_see(smtp, planted, district_leader):
    with time_machine.travel(MONDAY, tick=False):
        run_outbox()
    [mail] = district_digests_to(smtp, district_leader)
    body = both_bodies(smtp, mail)
    assert LAKEVIEW_ONLY in body and f"#{SHARED_TAG}" in body
    for secret in NEVER_SHOWN:
        assert secret not in body


def test_small_counts_never_show_in_rising_themes(client_for, district, colleague,
                                                  district_leader, friday):
    with time_machine.travel(WEDNESDAY, tick=False):
        for _n in range(3):
            StoryFactory(author=colleague, free_tags=["exit tickets"])
    with time_machine.travel(WEDNESDAY - timedelta(days=7), tick=False):
        for _n in range(2):
            StoryFactory(author=colleague, free_tags=["exit tickets"])
    rising = section(client_for(district_leader).get(PAGE).content.decode(), "Rising themes")
    assert "#exit tickets</strong>: 3 new stories, up from fewer than 3" in rising


# --- A change of visibility takes effect at once -------------------------------------------

def test_a_story_made_private_leaves_the_digest_at_once(client_for, committed, planted,
                                                        colleague, district_leader, friday):
    client = client_for(district_leader)
    html = client.get(PAGE).content.decode()
    assert "Planted shared 0" in html and f"#{SHARED_TAG}" in html
    with committed():
        save_story(author=colleague, story=planted[0], data={"visibility": "private"},
                   themes=[])
    html = client.get(PAGE).content.decode()
    assert "Planted shared 0" not in html
    assert f"#{SHARED_TAG}" not in html  # 2 stories left this week: too few to show


def test_a_deleted_story_leaves_the_digest_at_once(client_for, committed, planted,
                                                   district_leader, friday):
    client = client_for(district_leader)
    assert f"#{SHARED_TAG}" in client.get(PAGE).content.decode()
    with committed():
        delete_story(story=planted[1])
    html = client.get(PAGE).content.decode()
    assert "Planted shared 1" not in html and f"#{SHARED_TAG}" not in html


def test_each_email_is_built_at_send_time_for_its_recipient(smtp, committed, planted,
                                                            colleague, district_leader,
                                                            district_admin):
    preferences.update_preferences(user=district_admin, digest_cadence="weekly", muted_kinds=[])
    plan_everything(MONDAY)
    first, second = (Delivery.objects.get(kind="district_digest", recipient=person).pk
                     for person in (district_leader, district_admin))
    with time_machine.travel(MONDAY, tick=False):
        outbox.send(first)
        with committed():
            save_story(author=colleague, story=planted[2], data={"visibility": "school"},
                       themes=[])
        outbox.send(second)
    [before] = district_digests_to(smtp, district_leader)
    [after] = district_digests_to(smtp, district_admin)
    assert "Planted shared 2" in both_bodies(smtp, before)
    assert "Planted shared 2" not in both_bodies(smtp, after)


# --- A cycle's digest -----------------------------------------------------------------------

@pytest.fixture
def ended_collective(district, district_leader, teacher, teacher_elsewhere):
    """A collective of Heritage and Lakeview whose cycle ended yesterday: one insight, one
    commitment (Emily's) and one try."""
    end = timezone.localdate() - timedelta(days=1)
    collective = membership.create_forum(creator=district_leader, district=district, school=None,
                                         name="Reading collective")
    membership.add_members(forum=collective, users=[teacher, teacher_elsewhere], circle="core")
    cycle = scheduling.plan_cycle(forum=collective, title="Read aloud",
                                  starts_on=end - timedelta(days=30), ends_on=end)
    session = scheduling.schedule_session(cycle=cycle, kind=ProtocolKind.ANALYSIS,
                                          starts_at=timezone.now() - timedelta(days=20),
                                          minutes=50,
                                          protocol=shipped_protocol(ProtocolKind.ANALYSIS))
    live_actions.start_session(session=session)
    live_actions.save_insight(session=session, by=district_leader, situation="quiet readers",
                              goal="speak up", action="pair them")
    commitment = live_actions.make_commitment(session=session, user=teacher_elsewhere,
                                              what="Try pairs", due_on=timezone.localdate(),
                                              with_whom="")
    live_actions.close_session(session=session)
    follow_up.report_try(commitment=commitment, outcome="as_is", worked=True)
    return collective, datetime.combine(end + timedelta(days=1), clock(8, 1), CHICAGO)


def cycle_digests_to(smtp, person) -> list:
    return [m for m in smtp.to(person.email) if "What Reading collective learned" in
            m["Subject"]]


def test_a_collectives_cycle_digest_shows_small_counts_as_fewer_than_3(smtp, ended_collective,
                                                                       teacher):
    _collective, morning = ended_collective
    with time_machine.travel(morning):
        run_outbox()
    [mail] = cycle_digests_to(smtp, teacher)
    for body in (smtp.body(mail), smtp.body(mail, "html")):
        assert "When quiet readers, to speak up, do pair them" in body
        assert "made fewer than 3 commitments; fewer than 3 tries were reported" in body
        assert "made 1 commitments" not in body


def test_someone_who_left_the_forum_gets_no_cycle_digest(smtp, ended_collective, teacher,
                                                         teacher_elsewhere):
    collective, morning = ended_collective
    plan_everything(morning)
    membership.leave_forum(member=ForumMember.objects.get(forum=collective, user=teacher))
    with time_machine.travel(morning):
        run_outbox()
    assert cycle_digests_to(smtp, teacher) == []
    assert len(cycle_digests_to(smtp, teacher_elsewhere)) == 1


def test_a_lost_story_token_is_replaced_by_a_new_one(district):
    first = stories_version(district.pk)
    assert stories_version(district.pk) == first
    redis_client().delete(_key(district.pk))  # Redis restarted or evicted it
    assert stories_version(district.pk) not in ("", first)
