"""Who an e-mail goes to: only what the person still wants, and - checked again at send
time - only while they are still entitled to it."""

from datetime import date, datetime, timedelta

import time_machine
from django.utils import timezone

from forums.actions import membership, scheduling, story_choice
from forums.models import Commitment
from learning.emails import digest_readers
from mail import outbox
from mail.models import Delivery, NotificationSettings
from mail.outbox import plan_everything
from mail.preferences import unsubscribe, update_preferences
from schools.models import Membership
from successes.actions import delete_story
from successes.models import SuccessStory
from tests.factories import StoryFactory
from tests.mail.outbox_setup import CHICAGO, run_outbox, schedule

# --- Preferences --------------------------------------------------------------------------

@time_machine.travel(datetime(2026, 12, 8, 12, 0, tzinfo=CHICAGO), tick=False)
def test_a_muted_kind_is_not_sent_and_others_still_are(smtp, forum, teacher):
    update_preferences(user=teacher, digest_cadence="never", muted_kinds=["session_reminder"])
    starts = timezone.now() + timedelta(hours=47, minutes=50)  # at noon, a waking hour
    schedule(forum, starts)
    run_outbox()
    subjects = [m["Subject"] for m in smtp.to(teacher.email)]
    assert any(s.startswith("Invitation") for s in subjects)
    assert not any(s.startswith("In 2") for s in subjects)
    assert Delivery.objects.filter(kind="session_reminder", email=teacher.email,
                                   status="skipped").exists()


def test_receiving_a_reminder_does_not_subscribe_a_teacher_to_the_district_digest(
        smtp, forum, teacher, district_leader):
    schedule(forum, timezone.now() + timedelta(days=3))
    run_outbox()
    assert smtp.to(teacher.email)
    assert NotificationSettings.objects.get(user=teacher).digest_cadence == "never"
    assert {m.user_id for m, _cadence in digest_readers()} == {district_leader.pk}


def test_unsubscribing_from_the_digest_stops_one_already_planned(
        smtp, district, district_leader, teacher):
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


# --- At send time, the recipient must still be entitled to the e-mail ---------------------

def plan_change_send(change, now=None):
    """Plan, let something change before the worker gets to it, then send what is due."""
    now = now or timezone.now()
    plan_everything(now)
    change()
    with time_machine.travel(now, tick=False):
        return [outbox.send(delivery_id) for delivery_id in outbox.due_ids(now)]


def leaves(forum, person):
    return lambda: membership.leave_forum(member=forum.members.get(user=person))


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
    schedule(forum, timezone.now() + timedelta(days=3))
    plan_change_send(lambda: Membership.objects.filter(user=teacher).update(
        deactivated_at=timezone.now()))
    assert subjects(smtp, teacher) == []


def test_it_sends_no_reminder_to_someone_who_left_the_core_circle(smtp, forum, teacher,
                                                                  colleague):
    starts = datetime(2026, 12, 10, 15, 30, tzinfo=CHICAGO)
    schedule(forum, starts)
    plan_change_send(lambda: membership.update_member(member=forum.members.get(user=teacher),
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
    session = schedule(forum, timezone.now() + timedelta(days=6))
    session.story = StoryFactory(author=teacher, visibility="school")
    session.presenter = teacher
    session.save()
    plan_change_send(lambda: delete_story(story=session.story))
    assert not [s for s in subjects(smtp, teacher) if "Preparing your story" in s]
    assert Delivery.objects.get(kind="presenter_preparation").status == "skipped"


def test_it_sends_no_missing_story_nudge_to_someone_no_longer_facilitating(
        smtp, forum, principal, colleague):
    membership.update_member(member=forum.members.get(user=colleague), circle="core",
                             role="co_facilitator")
    schedule(forum, timezone.now() + timedelta(days=2))
    plan_change_send(lambda: membership.update_member(
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
    session = schedule(forum, timezone.now() + timedelta(days=5))
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets")
    story_choice.request_presenter(session=session, story=story, requested_by=principal)
    SuccessStory.objects.filter(pk=story.pk).update(visibility="private")
    delivery = Delivery.objects.get(kind="presenter_request")
    assert outbox.send(delivery.pk) == "skipped"
    assert not [s for s in subjects(smtp, teacher) if "Would you present" in s]


def test_it_sends_a_presenter_request_for_a_story_still_shared(smtp, forum, principal,
                                                               teacher):
    session = schedule(forum, timezone.now() + timedelta(days=5))
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets")
    story_choice.request_presenter(session=session, story=story, requested_by=principal)
    assert outbox.send(Delivery.objects.get(kind="presenter_request").pk) == "sent"
    assert "Exit tickets" in smtp.body(smtp.to(teacher.email)[0])


def test_it_sends_no_call_for_successes_after_the_person_left_the_forum(smtp, forum,
                                                                       teacher):
    today = timezone.localdate()
    scheduling.plan_cycle(forum=forum, title="Belonging in grade 6", starts_on=today,
                          ends_on=today + timedelta(days=40))
    plan_change_send(leaves(forum, teacher), datetime.combine(
        today, datetime.min.time(), CHICAGO) + timedelta(hours=8, minutes=1))
    assert subjects(smtp, teacher) == []


def test_the_story_title_is_left_out_once_the_story_is_hidden_from_the_recipient(
        smtp, forum, teacher, colleague):
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
