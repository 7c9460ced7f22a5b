"""Every e-mail: to the right people, at the right local time, once - over real SMTP."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from forums import actions, outbox
from forums.models import Commitment, Delivery, ProtocolKind
from forums.protocols import shipped_protocol
from forums.tasks import plan_everything
from schools.preferences import update_preferences
from tests.factories import StoryFactory, member

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def forum(principal, school, teacher, colleague):
    forum = actions.create_forum(creator=principal, district=school.district, school=school,
                                 name="Grade 6-8 team")
    actions.add_members(forum=forum, users=[teacher, colleague], circle="core")
    return forum


def schedule(forum, starts_at, kind=ProtocolKind.ANALYSIS):
    cycle = forum.cycles.first() or actions.plan_cycle(
        forum=forum, title="Feedback that lands", starts_on=starts_at.date() - timedelta(days=30),
        ends_on=starts_at.date() + timedelta(days=30))
    return actions.schedule_session(cycle=cycle, kind=kind, starts_at=starts_at, minutes=50,
                                    protocol=shipped_protocol(kind), place="Library")


def run_outbox(now=None):
    """One tick, with the sends done here (the worker tests below use a real worker)."""
    plan_everything(now)
    return [outbox.send(delivery_id) for delivery_id in outbox.due_ids(now)]


def keys(kind):
    return sorted(Delivery.objects.filter(kind=kind).values_list("key", flat=True))


# --- Invitations and calendar ------------------------------------------------------------

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

    actions.reschedule_session(session=session,
                               starts_at=datetime(2026, 12, 3, 15, 30, tzinfo=CHICAGO),
                               minutes=50, place="Room 114", online_url="")
    run_outbox()
    actions.cancel_session(session=session)
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
    actions.cancel_session(session=session)
    run_outbox()
    assert smtp.messages == []


# --- Reminders at the right time ----------------------------------------------------------

def test_core_members_are_reminded_48_and_2_hours_before(smtp, forum, teacher, principal):
    starts = datetime(2026, 12, 10, 15, 30, tzinfo=CHICAGO)
    schedule(forum, starts)
    engaged = member(role="teacher", school=forum.school)
    actions.add_members(forum=forum, users=[engaged], circle="engaged")
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
    actions.reschedule_session(session=session, starts_at=starts + timedelta(days=1), minutes=50,
                               place="Library", online_url="")
    with time_machine.travel(starts - timedelta(hours=1, minutes=59), tick=False):
        run_outbox()
    assert not [m for m in smtp.to(teacher.email) if "In 2" in m["Subject"]]
    assert Delivery.objects.filter(kind="session_reminder", status="skipped").exists()


def test_a_commitment_follow_up_comes_at_9_local_on_the_due_day_across_dst(
        smtp, forum, colleague, settings):
    session = schedule(forum, datetime(2026, 2, 20, 15, 30, tzinfo=CHICAGO))
    actions.start_session(session=session)
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
    assert smtp.body(mail).count("/go/") == 3  # one click for each outcome
    with time_machine.travel(datetime(2026, 3, 16, 9, 1, tzinfo=CHICAGO), tick=False):
        run_outbox()
    assert smtp.to(colleague.email)[-1]["Subject"] == "Once more: how did your try go?"


def test_a_reported_commitment_gets_no_second_follow_up(smtp, forum, colleague):
    session = schedule(forum, datetime(2026, 2, 20, 15, 30, tzinfo=CHICAGO))
    commitment = Commitment.objects.create(session=session, user=colleague, what="Try it",
                                           due_on=date(2026, 3, 9))
    with time_machine.travel(datetime(2026, 3, 9, 9, 1, tzinfo=CHICAGO), tick=False):
        run_outbox()
    actions.report_try(commitment=commitment, outcome="adapted")
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
    actions.plan_cycle(forum=forum, title="Belonging in grade 6", starts_on=today,
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
    cycle = actions.plan_cycle(forum=forum, title="Exit tickets", starts_on=end - timedelta(
        days=30), ends_on=end)
    session = actions.schedule_session(cycle=cycle, kind=ProtocolKind.ANALYSIS,
                                       starts_at=timezone.now() - timedelta(days=20), minutes=50,
                                       protocol=shipped_protocol(ProtocolKind.ANALYSIS))
    actions.start_session(session=session)
    actions.save_insight(session=session, by=principal, situation="labs", goal="talk",
                         action="ask two questions")
    actions.make_commitment(session=session, user=colleague, what="Try",
                            due_on=timezone.localdate(), with_whom="")
    actions.close_session(session=session)
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
    actions.plan_cycle(forum=forum, title="Quiet", starts_on=end - timedelta(days=30),
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


# --- Preferences ---------------------------------------------------------------------------

def test_a_muted_kind_is_not_sent_and_others_still_are(smtp, forum, teacher):
    update_preferences(user=teacher, digest_cadence="never", muted_kinds=["session_reminder"])
    starts = timezone.now() + timedelta(hours=47, minutes=50)
    schedule(forum, starts)
    run_outbox()
    subjects = [m["Subject"] for m in smtp.to(teacher.email)]
    assert any(s.startswith("Invitation") for s in subjects)
    assert not any(s.startswith("In 2") for s in subjects)
    assert Delivery.objects.filter(kind="session_reminder", email=teacher.email,
                                   status="skipped").exists()


# --- Exactly once ---------------------------------------------------------------------------

def test_planning_twice_plans_once(forum, teacher):
    schedule(forum, timezone.now() + timedelta(hours=47))
    first = plan_everything()
    second = plan_everything()
    assert first > 0 and second == 0


def test_two_senders_racing_for_one_delivery_send_it_once(smtp, forum, teacher):
    schedule(forum, timezone.now() + timedelta(days=3))
    plan_everything()
    delivery_id = Delivery.objects.filter(email=teacher.email).values_list("id", flat=True)[0]
    results = [outbox.send(delivery_id), outbox.send(delivery_id)]
    assert results == ["sent", "not-claimed"] and len(smtp.to(teacher.email)) == 1


def test_a_temporary_smtp_refusal_is_retried_later_and_sent_once(smtp, forum, teacher):
    schedule(forum, timezone.now() + timedelta(days=3))
    plan_everything()
    smtp.refuse_next = 2
    delivery = Delivery.objects.filter(email=teacher.email).first()
    assert outbox.send(delivery.pk) == "pending"
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and "451" in delivery.last_error
    assert delivery.scheduled_for > timezone.now()
    run_outbox()
    assert len(smtp.to(teacher.email)) == 0  # not due yet: backoff
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        run_outbox()  # refused once more
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        run_outbox()
    delivery.refresh_from_db()
    assert delivery.status == "sent" and delivery.attempts >= 2
    assert len(smtp.to(teacher.email)) == 1


def test_a_permanent_refusal_stops_and_is_recorded(smtp, forum, teacher):
    schedule(forum, timezone.now() + timedelta(days=3))
    plan_everything()
    smtp.refuse_next, smtp.refuse_with = 1, "550 5.1.1 No such user"
    delivery = Delivery.objects.filter(email=teacher.email).first()
    assert outbox.send(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.status == "failed" and "550" in delivery.last_error


def test_a_delivery_left_sending_by_a_dead_worker_is_sent_later_once(smtp, forum, teacher):
    schedule(forum, timezone.now() + timedelta(days=3))
    plan_everything()
    delivery = Delivery.objects.filter(email=teacher.email).first()
    outbox.claim(delivery.pk)  # ...and the worker dies here
    run_outbox()
    assert smtp.to(teacher.email) == []
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        from forums.tasks import tick

        tick.delay()
        run_outbox()
    assert len(smtp.to(teacher.email)) == 1


def test_redis_down_during_a_tick_loses_nothing(smtp, forum, teacher, monkeypatch):
    from forums import tasks

    schedule(forum, timezone.now() + timedelta(days=3))

    def broker_down(*args, **kwargs):
        raise ConnectionError("redis unavailable")

    monkeypatch.setattr(tasks.send_delivery, "delay", broker_down)
    tasks.tick()
    assert Delivery.objects.filter(status="pending").count() >= 1
    monkeypatch.undo()
    tasks.tick()  # eager in tests: sends now
    tasks.tick()
    assert len(smtp.to(teacher.email)) == 1


# --- Bad content ----------------------------------------------------------------------------

def test_names_and_titles_cannot_break_headers_or_html(smtp, forum, teacher, principal):
    teacher.name = "Zoë <script>alert(1)</script>\r\nBcc: evil@example.org"
    teacher.save()
    story = StoryFactory(author=teacher, visibility="school",
                         title="مرحبا <b>bold</b>\r\nX-Injected: yes " + "long " * 30)
    session = schedule(forum, timezone.now() + timedelta(days=3))
    session.story, session.presenter = story, teacher
    session.save()
    forum.name = "Forum\r\nBcc: evil@example.org <i>x</i>"
    forum.save()
    run_outbox()
    for mail in smtp.messages:
        assert "X-Injected" not in mail and "evil@example.org" not in str(mail["Bcc"] or "")
        assert "\n" not in mail["Subject"]
        html = smtp.body(mail, "html")
        assert "<script>" not in html and "<b>bold</b>" not in html and "<i>x</i>" not in html
    text = smtp.body(smtp.to(teacher.email)[0])
    assert "مرحبا <b>bold</b>" in text  # plain text keeps it as typed


def test_links_in_the_mail_work(client, smtp, forum, teacher):
    starts = timezone.now() + timedelta(hours=47, minutes=50)
    session = schedule(forum, starts)
    run_outbox()
    reminder = next(m for m in smtp.to(teacher.email) if m["Subject"].startswith("In 2"))
    link = next(word for word in smtp.body(reminder).split() if "/go/" in word)
    path = link.split("testserver", 1)[1]
    page = client.get(path)
    assert page.status_code == 200 and "Continue" in page.content.decode()
    response = client.post(path)
    assert response.url == reverse("forums:live", args=[session.pk])
    assert client.get(response.url).status_code == 200


def test_receiving_a_reminder_does_not_subscribe_a_teacher_to_the_district_digest(
        smtp, forum, teacher, district_leader):
    from forums.planning import digest_readers
    from schools.models import NotificationSettings

    schedule(forum, timezone.now() + timedelta(days=3))
    run_outbox()
    assert smtp.to(teacher.email)
    assert NotificationSettings.objects.get(user=teacher).digest_cadence == "never"
    assert {m.user_id for m, _cadence in digest_readers()} == {district_leader.pk}


def test_unsubscribing_from_the_digest_stops_one_already_planned(
        smtp, district, district_leader, teacher):
    from schools.preferences import unsubscribe

    story = StoryFactory(author=teacher, visibility="district")
    type(story).objects.filter(pk=story.pk).update(
        created_at=datetime(2026, 11, 18, 12, 0, tzinfo=CHICAGO))
    monday = datetime(2026, 11, 23, 7, 1, tzinfo=CHICAGO)
    plan_everything(monday)
    assert Delivery.objects.filter(kind="district_digest").exists()
    unsubscribe(user=district_leader, kind="district_digest")
    with time_machine.travel(monday, tick=False):
        run_outbox()
    assert not smtp.to(district_leader.email)
    assert Delivery.objects.get(kind="district_digest").status == "skipped"


# --- At send time, the recipient must still be entitled to the e-mail -----------------------

def plan_change_send(change, now=None):
    """Plan, let something change before the worker gets to it, then send what is due."""
    now = now or timezone.now()
    plan_everything(now)
    change()
    with time_machine.travel(now, tick=False):
        return [outbox.send(delivery_id) for delivery_id in outbox.due_ids(now)]


def leaves(forum, person):
    return lambda: actions.leave_forum(member=forum.members.get(user=person))


def subjects(smtp, person) -> list[str]:
    return [m["Subject"] for m in smtp.to(person.email)]


def test_it_sends_no_invitation_to_someone_who_left_the_forum_since_it_was_planned(
        smtp, forum, teacher, colleague):
    schedule(forum, timezone.now() + timedelta(days=3))
    plan_change_send(leaves(forum, teacher))
    assert subjects(smtp, teacher) == []
    assert any(s.startswith("Invitation") for s in subjects(smtp, colleague))
    assert Delivery.objects.get(kind="session_invite", recipient=teacher).status == "skipped"


def test_it_sends_no_invitation_to_someone_no_longer_on_the_districts_staff(
        smtp, forum, teacher):
    from schools.models import Membership

    schedule(forum, timezone.now() + timedelta(days=3))
    plan_change_send(lambda: Membership.objects.filter(user=teacher).update(
        deactivated_at=timezone.now()))
    assert subjects(smtp, teacher) == []


def test_it_sends_no_reminder_to_someone_who_left_the_core_circle(smtp, forum, teacher,
                                                                  colleague):
    starts = datetime(2026, 12, 10, 15, 30, tzinfo=CHICAGO)
    schedule(forum, starts)
    plan_change_send(lambda: actions.update_member(member=forum.members.get(user=teacher),
                                                   circle="engaged", role="member"),
                     starts - timedelta(hours=47, minutes=58))
    assert not [s for s in subjects(smtp, teacher) if s.startswith("In 2")]
    assert [s for s in subjects(smtp, colleague) if s.startswith("In 2")]


def test_it_sends_no_reminder_to_someone_who_left_the_forum(smtp, forum, teacher):
    starts = datetime(2026, 12, 10, 15, 30, tzinfo=CHICAGO)
    schedule(forum, starts)
    plan_change_send(leaves(forum, teacher), starts - timedelta(hours=47, minutes=58))
    assert subjects(smtp, teacher) == []


def test_it_sends_no_presenter_notes_once_the_story_is_deleted(smtp, forum, teacher):
    from successes.actions import delete_story

    session = schedule(forum, timezone.now() + timedelta(days=6))
    session.story = StoryFactory(author=teacher, visibility="school")
    session.presenter = teacher
    session.save()
    plan_change_send(lambda: delete_story(story=session.story))
    assert not [s for s in subjects(smtp, teacher) if "Preparing your story" in s]
    assert Delivery.objects.get(kind="presenter_preparation").status == "skipped"


def test_it_sends_no_missing_story_nudge_to_someone_no_longer_facilitating(
        smtp, forum, principal, colleague):
    actions.update_member(member=forum.members.get(user=colleague), circle="core",
                          role="co_facilitator")
    schedule(forum, timezone.now() + timedelta(days=2))
    plan_change_send(lambda: actions.update_member(
        member=forum.members.get(user=colleague), circle="core", role="member"))
    assert any("No story chosen yet" in s for s in subjects(smtp, principal))
    assert not any("No story chosen yet" in s for s in subjects(smtp, colleague))


def test_it_sends_no_commitment_follow_up_after_the_person_left_the_forum(
        smtp, forum, colleague):
    session = schedule(forum, datetime(2026, 2, 20, 15, 30, tzinfo=CHICAGO))
    Commitment.objects.create(session=session, user=colleague, what="Try it",
                              due_on=date(2026, 3, 9))
    plan_change_send(leaves(forum, colleague), datetime(2026, 3, 9, 9, 1, tzinfo=CHICAGO))
    assert not [s for s in subjects(smtp, colleague) if "try go" in s]
    assert Delivery.objects.get(kind="commitment_followup").status == "skipped"


def test_it_sends_no_presenter_request_once_the_story_is_made_private(
        smtp, forum, principal, teacher):
    from successes.models import SuccessStory

    session = schedule(forum, timezone.now() + timedelta(days=5))
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets")
    actions.request_presenter(session=session, story=story, requested_by=principal)
    SuccessStory.objects.filter(pk=story.pk).update(visibility="private")
    delivery = Delivery.objects.get(kind="presenter_request")
    assert outbox.send(delivery.pk) == "skipped"
    assert not [s for s in subjects(smtp, teacher) if "Would you present" in s]


def test_it_sends_a_presenter_request_for_a_story_still_shared(smtp, forum, principal,
                                                               teacher):
    session = schedule(forum, timezone.now() + timedelta(days=5))
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets")
    actions.request_presenter(session=session, story=story, requested_by=principal)
    assert outbox.send(Delivery.objects.get(kind="presenter_request").pk) == "sent"
    assert "Exit tickets" in smtp.body(smtp.to(teacher.email)[0])


def test_it_sends_no_call_for_successes_after_the_person_left_the_forum(smtp, forum,
                                                                       teacher):
    today = timezone.localdate()
    actions.plan_cycle(forum=forum, title="Belonging in grade 6", starts_on=today,
                       ends_on=today + timedelta(days=40))
    plan_change_send(leaves(forum, teacher), datetime.combine(
        today, datetime.min.time(), CHICAGO) + timedelta(hours=8, minutes=1))
    assert subjects(smtp, teacher) == []


def test_the_story_title_is_left_out_once_the_story_is_hidden_from_the_recipient(
        smtp, forum, teacher, colleague):
    from successes.models import SuccessStory

    session = schedule(forum, timezone.now() + timedelta(days=3))
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets")
    session.story, session.presenter = story, teacher
    session.save()
    plan_change_send(lambda: SuccessStory.objects.filter(pk=story.pk).update(
        visibility="private"))
    invite = next(m for m in smtp.to(colleague.email) if m["Subject"].startswith("Invitation"))
    assert "Exit tickets" not in smtp.body(invite) + smtp.body(invite, "html")
    mine = next(m for m in smtp.to(teacher.email) if m["Subject"].startswith("Invitation"))
    assert "Exit tickets" in smtp.body(mine)  # the author still reads their own story
