"""In-app notifications: who hears of what, the bell's unread count, the list grouped by day,
opening one, marking all read - and never what the reader may no longer see."""

import re
import zoneinfo
from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from forums.actions import follow_up, membership, scheduling, story_choice
from forums.models import Circle, Commitment
from mail import preferences
from mail.models import EmailKind
from notifications.models import Notification
from notifications.unread import unread_count
from schools.models import Membership, Role
from successes import actions as story_actions
from tests.factories import StoryFactory, member
from tests.forums.factories import CycleFactory, ForumFactory, SessionFactory


def texts(client) -> list[str]:
    """The sentences of the reader's notification list, in order."""
    page = client.get(reverse("notifications:list")).content.decode()
    return [re.sub(r"\s+", " ", text).strip() for text in
            re.findall(r'<a href="/notifications/\d+/">(.*?)</a>', page, re.S)]


def bell(client) -> str:
    page = client.get(reverse("notifications:list")).content.decode()
    return re.search(r'class="bell[^"]*"[^>]*aria-label="([^"]*)"', page, re.S).group(1)


@pytest.fixture
def forum(principal, school, teacher, colleague):
    forum = ForumFactory(school=school, creator=principal, name="Grade 6-8 team")
    membership.add_members(forum=forum, users=[teacher, colleague], circle=Circle.CORE)
    return forum


# --- A colleague wants to try your story ---------------------------------------------------

def test_the_author_is_told_when_a_colleague_wants_to_try_their_story(client_for, teacher,
                                                                     colleague):
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets")
    client_for(colleague).post(reverse("successes:try", args=[story.pk]), {"want": "1"})
    client = client_for(teacher)
    assert texts(client) == ["Daniel Reyes wants to try your story “Exit tickets”."]
    assert bell(client) == "Notifications, 1 unread"


def test_nobody_is_told_of_their_own_act(client_for, teacher, principal, school):
    forum = ForumFactory(school=school, creator=principal)
    client_for(principal).post(reverse("forums:members", args=[forum.pk]), {
        "people": [teacher.pk, principal.pk], "circle": Circle.CORE, "role": "member"})
    assert Notification.objects.filter(recipient=principal).count() == 0
    assert Notification.objects.filter(recipient=teacher, kind="added_to_forum").count() == 1


def test_unticking_and_ticking_again_tells_the_author_once(client_for, teacher, colleague):
    story = StoryFactory(author=teacher, visibility="school")
    client = client_for(colleague)
    for want in ("1", "0", "1"):
        client.post(reverse("successes:try", args=[story.pk]), {"want": want})
    assert Notification.objects.filter(recipient=teacher).count() == 1


def test_a_colleague_who_no_longer_wants_to_try_is_no_longer_shown(client_for, teacher,
                                                                   colleague):
    story = StoryFactory(author=teacher, visibility="school")
    client = client_for(colleague)
    client.post(reverse("successes:try", args=[story.pk]), {"want": "1"})
    client.post(reverse("successes:try", args=[story.pk]), {"want": "0"})
    reader = client_for(teacher)
    assert texts(reader) == []
    assert bell(reader) == "Notifications, none unread"  # put aside once listed


# --- Stories chosen, tries and new stories -------------------------------------------------

def test_the_author_hears_their_story_was_chosen_and_the_facilitator_hears_the_answer(
        client_for, principal, teacher, forum):
    session = SessionFactory(cycle=CycleFactory(forum=forum))
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets")
    ask = story_choice.request_presenter(session=session, story=story, requested_by=principal)
    [told] = texts(client_for(teacher))
    assert told.startswith("“Grade 6-8 team” chose your story “Exit tickets” for its session of")
    assert told.endswith("will you present it?")
    story_choice.answer_presenter_request(request=ask, accept=True)
    [answer] = texts(client_for(principal))
    assert answer.startswith("“Exit tickets” will be presented at the session of")


def test_a_reported_try_tells_the_author_without_naming_or_counting_anyone(
        client_for, principal, teacher, colleague, forum):
    session = SessionFactory(cycle=CycleFactory(forum=forum))
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets")
    commitments = [Commitment.objects.create(session=session, user=person, story=story,
                                             what="Try it", due_on=timezone.localdate())
                   for person in (colleague, principal)]
    for commitment in commitments:
        follow_up.report_try(commitment=commitment, outcome="not_yet")
    assert not Notification.objects.filter(kind="try_reported").exists()  # not a try yet
    for commitment in commitments:
        follow_up.report_try(commitment=commitment, outcome="adapted")
    told = texts(client_for(teacher))
    assert told == ["A colleague reported how a practice from your story “Exit tickets” went. "
                    "See where it travelled."]  # one notice, however many tried
    assert colleague.name not in told[0] and principal.name not in told[0]


def test_a_story_that_grew_from_yours_is_told_only_if_you_may_read_it(client_for, teacher,
                                                                      colleague):
    origin = StoryFactory(author=teacher, visibility="school", title="Exit tickets")
    for title, visibility in (("Kept to myself", "private"), ("Tickets, my way", "school")):
        story_actions.save_story(author=colleague, story=None, themes=[], data={
            "title": title, "what_went_right": "It worked.", "visibility": visibility,
            "grew_from": origin})
    assert texts(client_for(teacher)) == [
        "A new story grew from your story “Exit tickets”: “Tickets, my way”."]


# --- Forums and sessions ---------------------------------------------------------------------

def test_members_hear_that_a_session_moved_then_was_cancelled(client_for, principal, teacher,
                                                              forum, district):
    session = SessionFactory(cycle=CycleFactory(forum=forum))
    new_time = session.starts_at + timedelta(days=1)
    scheduling.reschedule_session(session=session, starts_at=new_time, minutes=50,
                                  place="Room 12", online_url="", by=principal)
    [moved] = texts(client_for(teacher))
    assert moved.startswith("A session of “Grade 6-8 team” changed: it is now on")
    scheduling.cancel_session(session=session, by=principal)
    told = texts(client_for(teacher))
    assert [text.split(" on ")[0] for text in told] == [
        "The session of “Grade 6-8 team”", "The session of “Grade 6-8 team”"]
    assert all(text.endswith("was cancelled.") for text in told)  # read as the session is now
    assert not Notification.objects.filter(recipient=principal).exists()


def test_an_interested_follower_is_not_told_of_session_changes(principal, forum, school):
    follower = member(role=Role.TEACHER, school=school)
    membership.add_members(forum=forum, users=[follower], circle=Circle.INTERESTED)
    scheduling.cancel_session(session=SessionFactory(cycle=CycleFactory(forum=forum)),
                              by=principal)
    assert not Notification.objects.filter(recipient=follower).exists()


def test_a_notification_of_a_forum_the_reader_no_longer_sees_is_not_shown(
        client_for, principal, school, teacher_elsewhere):
    """Emily (Lakeview) was added to a Heritage forum, then removed: she may not see it now."""
    forum = ForumFactory(school=school, creator=principal, name="Heritage readers")
    membership.add_members(forum=forum, users=[teacher_elsewhere], circle=Circle.CORE,
                           added_by=principal)
    client = client_for(teacher_elsewhere)
    assert texts(client) == ["Grace Lindqvist added you to “Heritage readers”."]
    note = Notification.objects.get(recipient=teacher_elsewhere)
    membership.leave_forum(member=forum.members.get(user=teacher_elsewhere))
    assert texts(client) == []
    assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404


# --- Reading them ----------------------------------------------------------------------------

def test_opening_a_notification_marks_it_read_and_goes_to_its_thing(client_for, teacher,
                                                                    colleague):
    story = StoryFactory(author=teacher, visibility="school")
    story_actions.want_to_try(story=story, user=colleague)
    note = Notification.objects.get()
    client = client_for(teacher)
    response = client.get(reverse("notifications:open", args=[note.pk]))
    assert response["Location"] == reverse("successes:detail", args=[story.pk])
    note.refresh_from_db()
    assert note.read_at is not None
    assert bell(client) == "Notifications, none unread"


def test_nobody_opens_someone_elses_notification(client_for, teacher, colleague, principal):
    story_actions.want_to_try(story=StoryFactory(author=teacher, visibility="school"),
                              user=colleague)
    note = Notification.objects.get()
    assert client_for(principal).get(
        reverse("notifications:open", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_read(client_for, teacher, colleague, principal):
    for author_of_wish in (colleague, principal):
        story_actions.want_to_try(story=StoryFactory(author=teacher, visibility="school"),
                                  user=author_of_wish)
    client = client_for(teacher)
    assert bell(client) == "Notifications, 2 unread"
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "All your notifications are marked as read." in response.content.decode()
    assert not Notification.objects.unread().exists()
    assert bell(client) == "Notifications, none unread"


def test_the_list_is_grouped_by_day_in_the_readers_time_zone(client_for, teacher, colleague):
    teacher.time_zone = "America/Vancouver"
    teacher.save()
    stories = [StoryFactory(author=teacher, visibility="school") for _ in range(2)]
    # 06:30 UTC on 3 March is still 2 March in Vancouver; 20:00 UTC is 3 March there
    for story, moment in zip(stories, (datetime(2026, 3, 3, 6, 30), datetime(2026, 3, 3, 20)),
                             strict=True):
        with time_machine.travel(moment.replace(tzinfo=zoneinfo.ZoneInfo("UTC")), tick=False):
            story_actions.want_to_try(story=story, user=colleague)
    page = client_for(teacher).get(reverse("notifications:list")).content.decode()
    assert re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">', page) == [
        "2026-03-03", "2026-03-02"]


def test_the_unread_count_is_one_small_query(client_for, teacher, colleague,
                                             django_assert_max_num_queries):
    story_actions.want_to_try(story=StoryFactory(author=teacher, visibility="school"),
                              user=colleague)
    assert 'aria-label="Notifications, 1 unread"' in client_for(teacher).get("/").content.decode()
    district_id = teacher.memberships.get().district_id
    with django_assert_max_num_queries(1):
        assert unread_count(teacher, district_id) == 1


def test_the_unread_count_is_kept_and_forgotten_as_soon_as_it_changes(
        settings, client_for, teacher, colleague, principal, django_assert_num_queries):
    settings.UNREAD_COUNT_SECONDS = 300
    client = client_for(teacher)
    assert bell(client) == "Notifications, none unread"
    district_id = teacher.memberships.get().district_id
    with django_assert_num_queries(0):  # kept in Redis: no query on the next pages
        assert unread_count(teacher, district_id) == 0
    for wisher in (colleague, principal):
        story_actions.want_to_try(story=StoryFactory(author=teacher, visibility="school"),
                                  user=wisher)
    assert bell(client) == "Notifications, 2 unread"
    client.get(reverse("notifications:open", args=[Notification.objects.first().pk]))
    assert bell(client) == "Notifications, 1 unread"
    client.post(reverse("notifications:read_all"))
    assert bell(client) == "Notifications, none unread"


def test_a_person_in_two_districts_reads_each_districts_own(client_for, teacher, colleague,
                                                            other_district):
    """Notifications of the district they act in only: every link leads into it."""
    story_actions.want_to_try(story=StoryFactory(author=teacher, visibility="school"),
                              user=colleague)
    Membership.objects.create(user=teacher, role=Role.DISTRICT_LEADER, district=other_district)
    client = client_for(teacher)
    client.post(reverse("schools:switch_district", args=[other_district.pk]))
    assert texts(client) == []


# --- The same news by e-mail ----------------------------------------------------------------

def test_the_news_is_emailed_once_unless_turned_off(client_for, teacher, colleague, principal,
                                                    mailoutbox):
    story = StoryFactory(author=teacher, visibility="school", title="Exit tickets")
    client_for(colleague).post(reverse("successes:try", args=[story.pk]), {"want": "1"})
    [message] = mailoutbox
    assert message.to == [teacher.email]
    assert message.subject == "Daniel Reyes wants to try your story “Exit tickets”."
    assert f"/stories/{story.pk}/" in message.body and "Stop these e-mails" in message.body
    preferences.unsubscribe(user=teacher, kind=EmailKind.STORY_NEWS)
    client_for(principal).post(reverse("successes:try", args=[story.pk]), {"want": "1"})
    assert len(mailoutbox) == 1
    assert Notification.objects.filter(recipient=teacher).count() == 2  # still in the app


def test_the_email_settings_offer_the_news(client_for, teacher):
    page = client_for(teacher).get(reverse("mail:preferences")).content.decode()
    for kind in (EmailKind.STORY_NEWS, EmailKind.FORUM_NEWS, EmailKind.JOIN_REQUEST):
        assert f'value="{kind}"' in page
