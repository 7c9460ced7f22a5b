"""Every e-mail to the right people, at the right local time, once - over real SMTP."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone
from icalendar import Calendar

from forums.actions import follow_up, membership, scheduling
from forums.actions import live as live_actions
from forums.models import Commitment, ProtocolKind
from forums.protocols import shipped_protocol
from mail.models import Delivery
from mail.outbox import plan_everything
from tests.factories import StoryFactory, member
from tests.mail.outbox_setup import CHICAGO, run_outbox, schedule


def keys(kind):
    return sorted(Delivery.objects.filter(kind=kind).values_list("key", flat=True))


# --- Invitations and calendar -------------------------------------------------------------

def test_members_get_a_calendar_invitation_then_an_update_then_a_cancellation(
        smtp, forum, teacher, colleague, principal):
    session = schedule(forum, datetime(2026, 12, 2, 15, 30, tzinfo=CHICAGO))
    run_outbox()
    invites = smtp.to(teacher.email)
    assert len(invites) == 1 and "Invitation" in invites[0]["Subject"]
    calendar = Calendar.from_ical(_ics(invites[0]))
    event = calendar.walk("VEVENT")[0]
    assert calendar["METHOD"] == "REQUEST" and int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == datetime(2026, 12, 2, 15, 30, tzinfo=CHICAGO)
    assert calendar.walk("VTIMEZONE")

    scheduling.reschedule_session(session=session,
                                  starts_at=datetime(2026, 12, 3, 15, 30, tzinfo=CHICAGO),
                                  minutes=50, place="Room 114", online_url="")
    run_outbox()
    scheduling.cancel_session(session=session)
    run_outbox()
    run_outbox()  # nothing new
    mails = smtp.to(teacher.email)
    assert [m["Subject"].split(":")[0] for m in mails] == ["Invitation", "Updated", "Cancelled"]
    uids, sequences = set(), []
    for mail in mails:
        event = Calendar.from_ical(_ics(mail)).walk("VEVENT")[0]
        uids.add(str(event["UID"]))
        sequences.append(int(event["SEQUENCE"]))
    assert len(uids) == 1 and sequences == [0, 1, 2]
    last = Calendar.from_ical(_ics(mails[-1]))
    assert last["METHOD"] == "CANCEL" and last.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def _ics(message) -> bytes:
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return part.get_payload(decode=True)
    raise AssertionError("no calendar part")


def test_a_session_cancelled_before_any_invitation_sends_nothing(smtp, forum):
    session = schedule(forum, timezone.now() + timedelta(days=5))
    scheduling.cancel_session(session=session)
    run_outbox()
    assert smtp.messages == []


# --- Reminders at the right time ----------------------------------------------------------

def test_core_members_are_reminded_48_and_2_hours_before(smtp, forum, teacher, principal):
    starts = datetime(2026, 12, 10, 15, 30, tzinfo=CHICAGO)
    schedule(forum, starts)
    engaged = member(role="teacher", school=forum.school)
    membership.add_members(forum=forum, users=[engaged], circle="engaged")
    plan_everything(starts - timedelta(hours=60))
    assert not keys("session_reminder")
    with time_machine.travel(starts - timedelta(hours=48, minutes=1), tick=False):
        run_outbox()
    assert not [m for m in smtp.to(teacher.email) if "In 2 days" in m["Subject"]]
    with time_machine.travel(starts - timedelta(hours=47, minutes=58), tick=False):
        run_outbox()
    with time_machine.travel(starts - timedelta(hours=1, minutes=58), tick=False):
        run_outbox()
        run_outbox()
    subjects = [m["Subject"] for m in smtp.to(teacher.email) if "Invitation" not in m["Subject"]]
    assert subjects == ["In 2 days: Grade 6-8 team", "In 2 hours: Grade 6-8 team"]
    assert not [m for m in smtp.to(engaged.email) if "In 2" in m["Subject"]]
    reminder = smtp.to(teacher.email)[-1]
    assert reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/unsubscribe/" in reminder["List-Unsubscribe"]
    assert reminder["Auto-Submitted"] == "auto-generated"
    assert "/go/" in smtp.body(reminder)  # a sign-in link to the live page


def test_a_moved_session_is_reminded_at_its_new_time_only(smtp, forum, teacher):
    starts = datetime(2026, 12, 10, 15, 30, tzinfo=CHICAGO)
    session = schedule(forum, starts)
    plan_everything(starts - timedelta(hours=49))
    scheduling.reschedule_session(session=session, starts_at=starts + timedelta(days=1), minutes=50,
                                  place="Library", online_url="")
    with time_machine.travel(starts - timedelta(hours=1, minutes=59), tick=False):
        run_outbox()
    assert not [m for m in smtp.to(teacher.email) if "In 2" in m["Subject"]]
    assert Delivery.objects.filter(kind="session_reminder", status="skipped").exists()


def test_a_commitment_follow_up_comes_at_9_local_on_the_due_day_across_dst(
        smtp, forum, colleague, settings):
    session = schedule(forum, datetime(2026, 2, 20, 15, 30, tzinfo=CHICAGO))
    live_actions.start_session(session=session)
    commitment = Commitment.objects.create(session=session, user=colleague, what="Try it",
                                           due_on=date(2026, 3, 9), story=session.story)
    plan_everything(datetime(2026, 3, 9, 6, 0, tzinfo=CHICAGO))
    first = Delivery.objects.get(key=f"commitment-followup:{commitment.pk}:1")
    # 9:00 in Chicago on 9 March 2026 is after the spring-forward: UTC-5, not UTC-6.
    assert first.scheduled_for == datetime(2026, 3, 9, 14, 0, tzinfo=ZoneInfo("UTC"))
    with time_machine.travel(datetime(2026, 3, 9, 9, 1, tzinfo=CHICAGO), tick=False):
        run_outbox()
    mail = smtp.to(colleague.email)[-1]
    assert mail["Subject"] == "How did your try go?"
    assert smtp.body(mail).count("/tries/answer/") == 3  # one signed link for each outcome
    with time_machine.travel(datetime(2026, 3, 16, 9, 1, tzinfo=CHICAGO), tick=False):
        run_outbox()
    assert smtp.to(colleague.email)[-1]["Subject"] == "Once more: how did your try go?"


def test_a_reported_commitment_gets_no_second_follow_up(smtp, forum, colleague):
    session = schedule(forum, datetime(2026, 2, 20, 15, 30, tzinfo=CHICAGO))
    commitment = Commitment.objects.create(session=session, user=colleague, what="Try it",
                                           due_on=date(2026, 3, 9))
    with time_machine.travel(datetime(2026, 3, 9, 9, 1, tzinfo=CHICAGO), tick=False):
        run_outbox()
    follow_up.report_try(commitment=commitment, outcome="adapted")
    with time_machine.travel(datetime(2026, 3, 16, 9, 1, tzinfo=CHICAGO), tick=False):
        run_outbox()
    followups = [m for m in smtp.to(colleague.email) if "try go" in m["Subject"]]
    assert len(followups) == 1


def test_people_in_other_time_zones_get_mail_at_their_own_9(smtp, forum, colleague):
    colleague.time_zone = "Europe/Paris"
    colleague.save()
    session = schedule(forum, datetime(2026, 2, 20, 15, 30, tzinfo=CHICAGO))
    commitment = Commitment.objects.create(session=session, user=colleague, what="Try it",
                                           due_on=date(2026, 3, 9))
    plan_everything(datetime(2026, 3, 9, 0, 0, tzinfo=ZoneInfo("Europe/Paris")))
    delivery = Delivery.objects.get(key=f"commitment-followup:{commitment.pk}:1")
    assert delivery.scheduled_for == datetime(2026, 3, 9, 9, 0,
                                              tzinfo=ZoneInfo("Europe/Paris"))


def test_presenter_prep_and_missing_story_nudge(smtp, forum, principal, teacher):
    starts = timezone.now() + timedelta(days=6)
    with_story = schedule(forum, starts)
    with_story.story = StoryFactory(author=teacher, visibility="school")
    with_story.presenter = teacher
    with_story.save()
    schedule(forum, timezone.now() + timedelta(days=2))
    run_outbox()
    assert any("Preparing your story" in m["Subject"] for m in smtp.to(teacher.email))
    assert any("No story chosen yet" in m["Subject"] for m in smtp.to(principal.email))
    assert not any("No story" in m["Subject"] for m in smtp.to(teacher.email))


def test_the_call_for_successes_goes_out_when_a_cycle_opens(smtp, forum, teacher):
    today = timezone.localdate()
    scheduling.plan_cycle(forum=forum, title="Belonging in grade 6", starts_on=today,
                          ends_on=today + timedelta(days=40))
    with time_machine.travel(datetime.combine(today, datetime.min.time(), CHICAGO)
                             + timedelta(hours=8, minutes=1), tick=False):
        run_outbox()
    assert [m["Subject"] for m in smtp.to(teacher.email)] == [
        "What went well with Belonging in grade 6? A new cycle begins"]


# --- Digests ------------------------------------------------------------------------------

def test_the_cycle_digest_reaches_the_circles_without_per_person_counts(
        smtp, forum, principal, teacher, colleague):
    end = timezone.localdate() - timedelta(days=1)
    cycle = scheduling.plan_cycle(forum=forum, title="Exit tickets", starts_on=end - timedelta(
        days=30), ends_on=end)
    session = scheduling.schedule_session(cycle=cycle, kind=ProtocolKind.ANALYSIS,
                                          starts_at=timezone.now() - timedelta(days=20), minutes=50,
                                          protocol=shipped_protocol(ProtocolKind.ANALYSIS))
    live_actions.start_session(session=session)
    live_actions.save_insight(session=session, by=principal, situation="labs", goal="talk",
                              action="ask two questions")
    live_actions.make_commitment(session=session, user=colleague, what="Try",
                                 due_on=timezone.localdate(), with_whom="")
    live_actions.close_session(session=session)
    with time_machine.travel(datetime.combine(end + timedelta(days=1), datetime.min.time(),
                                              CHICAGO) + timedelta(hours=8, minutes=1)):
        run_outbox()
    digest = [m for m in smtp.to(teacher.email) if "What Grade 6-8 team learned" in m["Subject"]]
    assert len(digest) == 1
    text = smtp.body(digest[0])
    assert "When labs, to talk, do ask two questions" in text
    assert "The group made 1 commitments" in text and colleague.name not in text


def test_an_empty_cycle_digest_is_not_sent(smtp, forum, teacher):
    end = timezone.localdate() - timedelta(days=1)
    scheduling.plan_cycle(forum=forum, title="Quiet", starts_on=end - timedelta(days=30),
                          ends_on=end)
    with time_machine.travel(datetime.combine(end + timedelta(days=1), datetime.min.time(),
                                              CHICAGO) + timedelta(hours=8, minutes=1)):
        run_outbox()
    assert not [m for m in smtp.messages if "learned" in m["Subject"]]
    assert Delivery.objects.filter(kind="cycle_digest", status="skipped").exists()


def test_district_leaders_get_the_weekly_digest_on_monday_morning(
        smtp, district, district_leader, teacher, principal, forum):
    shared = StoryFactory(author=teacher, visibility="district", title="Shared widely")
    StoryFactory(author=teacher, visibility="school", title="School only")
    StoryFactory(author=teacher, visibility="private", title="Mine alone")
    hidden = StoryFactory(author=principal, visibility="district", show_name=False,
                          title="Anonymous praise", grade_band="6-8", subject="Science")
    for story in (shared, hidden):
        story.created_at = datetime(2026, 11, 18, 12, 0, tzinfo=CHICAGO)
        story.save()
    SuccessStoryQuerySet = type(shared).objects  # noqa: N806
    SuccessStoryQuerySet.filter(title__in=["School only", "Mine alone"]).update(
        created_at=datetime(2026, 11, 18, 12, 0, tzinfo=CHICAGO))
    monday = datetime(2026, 11, 23, 7, 1, tzinfo=CHICAGO)
    with time_machine.travel(monday, tick=False):
        run_outbox()
        run_outbox()
    mails = [m for m in smtp.to(district_leader.email) if "what schools learned" in m["Subject"]]
    assert len(mails) == 1
    text = smtp.body(mails[0])
    assert "Shared widely" in text and "Anonymous praise" in text
    assert "School only" not in text and "Mine alone" not in text
    assert principal.name not in text and "a Grades 6-8 Science teacher at" in text
    assert not smtp.to(teacher.email) or all("what schools learned" not in m["Subject"]
                                             for m in smtp.to(teacher.email))
