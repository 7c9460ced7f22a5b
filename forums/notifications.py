"""The notifications of forums (declared to notifications.registry) and whom each goes to.
Each is shown to its reader only while they may still see its thing (forums.access):

- `presenter_request`: a forum would like you to present your story (your story was chosen;
  the request's own e-mail already goes out, so no second one);
- `presenter_answer`: to whoever asked, the author's answer;
- `try_reported`: a colleague reported how a practice from your story went - nobody named,
  and one unread notice per story however many report (nobody's tries are counted);
- `added_to_forum`: someone added you to a forum;
- `session_changed`, `session_cancelled`: a session of your forum (core and engaged circles,
  as its invitation) moved or was cancelled - its calendar e-mail already tells it;
- `join_request`: to the forum's facilitators, someone asks to join;
- `join_answered`: to the person who asked, the answer.
"""

from __future__ import annotations

import zoneinfo

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forums.access import can_manage, forum_staff, forums_open_to, joinable_forums
from forums.models import (
    FACILITATING_ROLES,
    Circle,
    Commitment,
    Forum,
    JoinRequest,
    PresenterRequest,
    Session,
    SessionState,
    TryOutcome,
)
from mail.models import EmailKind
from notifications.actions import notify
from notifications.registry import Shown, declare
from schools.models import District, User
from schools.timezones import time_zones_for
from successes.models import SuccessStory

PRESENTER_REQUEST = "presenter_request"
PRESENTER_ANSWER = "presenter_answer"
TRY_REPORTED = "try_reported"
ADDED_TO_FORUM = "added_to_forum"
SESSION_CHANGED = "session_changed"
SESSION_CANCELLED = "session_cancelled"
JOIN_REQUEST = "join_request"
JOIN_ANSWERED = "join_answered"


# --- Told from forums.actions --------------------------------------------------------------

def tell_presenter_request(request: PresenterRequest) -> None:
    notify(kind=PRESENTER_REQUEST, recipients=[request.story.author],
           district=request.session.cycle.forum.district, target_id=request.pk,
           actor=request.requested_by)


def tell_presenter_answer(request: PresenterRequest) -> None:
    notify(kind=PRESENTER_ANSWER, recipients=[request.requested_by],
           district=request.session.cycle.forum.district, target_id=request.pk,
           actor=request.story.author)


def tell_try_reported(commitment: Commitment, outcome: str) -> None:
    """A try that counts (not "not yet"), of a commitment to someone else's story."""
    story = commitment.story
    if outcome == TryOutcome.NOT_YET or story is None or story.deleted_at is not None:
        return
    notify(kind=TRY_REPORTED, recipients=[story.author], district=story.district,
           target_id=story.pk, actor=commitment.user)


def _notify_members(forum: Forum, *, kind: str, recipients, target_id: int,
                    actor: User | None) -> None:
    """A forum's notice goes to each person in the district they read it in: the forum's, or
    (a cross-district collective) their own district in its network (a person shown only the
    notices of the district they act in would otherwise never see it)."""
    if not forum.is_cross_district:
        notify(kind=kind, recipients=recipients, district=forum.district, target_id=target_id,
               actor=actor)
        return
    people = {person.pk: person for person in recipients}
    homes: dict[int, int] = {}
    for user_id, district_id in (forum_staff(forum).filter(user__in=list(people))
                                 .order_by("district_id", "id")
                                 .values_list("user_id", "district_id")):
        homes.setdefault(user_id, district_id)
    districts = District.objects.in_bulk(set(homes.values()))
    for district_id, district in districts.items():
        notify(kind=kind, recipients=[people[pk] for pk, home in homes.items()
                                      if home == district_id],
               district=district, target_id=target_id, actor=actor)


def tell_added(forum: Forum, people: list[User], by: User | None) -> None:
    _notify_members(forum, kind=ADDED_TO_FORUM, recipients=people, target_id=forum.pk,
                    actor=by)


def tell_session_changed(session: Session, by: User | None) -> None:
    """Everyone the session's invitation goes to: its forum's core and engaged circles."""
    forum = session.cycle.forum
    kind = SESSION_CANCELLED if session.state == SessionState.CANCELLED else SESSION_CHANGED
    invited = User.objects.filter(forum_memberships__forum=forum,
                                  forum_memberships__circle__in=(Circle.CORE, Circle.ENGAGED))
    _notify_members(forum, kind=kind, recipients=invited, target_id=session.pk, actor=by)


def tell_join_request(request: JoinRequest) -> None:
    """The forum's facilitators who are still on the district's staff (a cross-district
    collective's: of a district in its network)."""
    facilitators = User.objects.filter(
        forum_memberships__forum=request.forum, forum_memberships__role__in=FACILITATING_ROLES,
        memberships__in=forum_staff(request.forum)).distinct()
    _notify_members(request.forum, kind=JOIN_REQUEST, recipients=facilitators,
                    target_id=request.pk, actor=request.user)


def tell_join_answered(request: JoinRequest) -> None:
    _notify_members(request.forum, kind=JOIN_ANSWERED, recipients=[request.user],
                    target_id=request.pk, actor=request.answered_by)


# --- Shown to their reader -----------------------------------------------------------------

def _when(reader: User):
    """Session times in the reader's own time zone, with its name (as in e-mails)."""
    zone = time_zones_for([reader])[reader.pk]

    def when(value) -> str:
        local = timezone.localtime(value, zoneinfo.ZoneInfo(zone))
        return f"{date_format(local, 'l j F Y, H:i')} ({zone})"

    return when


def _readable_titles(reader: User, story_ids) -> dict[int, str]:
    return dict(SuccessStory.objects.readable_by(reader).filter(pk__in=story_ids)
                .values_list("id", "title"))


def show_presenter_requests(notes: list, reader: User) -> dict[int, Shown]:
    requests = {ask.pk: ask for ask in PresenterRequest.objects.filter(
        pk__in={note.target_id for note in notes}, story__author=reader,
        story__deleted_at__isnull=True).select_related("story", "session__cycle__forum")}
    when = _when(reader)
    return {note.pk: Shown(
        _("“%(forum)s” chose your story “%(title)s” for its session of %(when)s: will you "
          "present it?") % {"forum": ask.session.cycle.forum.name, "title": ask.story.title,
                            "when": when(ask.session.starts_at)},
        reverse("forums:presenter_request", args=[ask.pk]))
        for note in notes if (ask := requests.get(note.target_id))}


def show_presenter_answers(notes: list, reader: User) -> dict[int, Shown]:
    requests = {ask.pk: ask for ask in PresenterRequest.objects.filter(
        pk__in={note.target_id for note in notes}, requested_by=reader,
        status__in=(PresenterRequest.Status.ACCEPTED, PresenterRequest.Status.DECLINED),
        session__cycle__forum__in=forums_open_to(reader)).select_related("session")}
    titles = _readable_titles(reader, {ask.story_id for ask in requests.values()})
    when = _when(reader)
    shown = {}
    for note in notes:
        ask = requests.get(note.target_id)
        if ask is None:
            continue
        values = {"title": titles.get(ask.story_id), "when": when(ask.session.starts_at)}
        accepted = ask.status == PresenterRequest.Status.ACCEPTED
        if values["title"] and accepted:
            text = _("“%(title)s” will be presented at the session of %(when)s: its author "
                     "agreed.") % values
        elif values["title"]:
            text = _("The author of “%(title)s” would rather not present it at the session "
                     "of %(when)s. Choose another story.") % values
        elif accepted:
            text = _("The story you chose will be presented at the session of %(when)s: its "
                     "author agreed.") % values
        else:
            text = _("The author of the story you chose would rather not present it at the "
                     "session of %(when)s. Choose another story.") % values
        shown[note.pk] = Shown(text, reverse("forums:session", args=[ask.session_id]))
    return shown


def show_tries_reported(notes: list, reader: User) -> dict[int, Shown]:
    stories = dict(SuccessStory.objects.readable_by(reader).filter(
        pk__in={note.target_id for note in notes}, author=reader).values_list("id", "title"))
    return {note.pk: Shown(
        _("A colleague reported how a practice from your story “%(title)s” went. See where "
          "it travelled.") % {"title": stories[note.target_id]},
        reverse("learning:story_spread", args=[note.target_id]))
        for note in notes if note.target_id in stories}


def show_forums_joined(notes: list, reader: User) -> dict[int, Shown]:
    forums = dict(forums_open_to(reader).filter(
        pk__in={note.target_id for note in notes}).values_list("id", "name"))
    shown = {}
    for note in notes:
        if note.target_id not in forums:
            continue
        values = {"forum": forums[note.target_id], "name": note.actor}
        text = (_("%(name)s added you to “%(forum)s”.") % values if note.actor
                else _("You were added to “%(forum)s”.") % values)
        shown[note.pk] = Shown(text, reverse("forums:detail", args=[note.target_id]))
    return shown


def show_session_changes(notes: list, reader: User) -> dict[int, Shown]:
    sessions = {session.pk: session for session in Session.objects.filter(
        pk__in={note.target_id for note in notes},
        cycle__forum__in=forums_open_to(reader)).select_related("cycle__forum")}
    when = _when(reader)
    shown = {}
    for note in notes:
        session = sessions.get(note.target_id)
        if session is None:
            continue
        values = {"forum": session.cycle.forum.name, "when": when(session.starts_at)}
        if session.state == SessionState.CANCELLED:
            text = _("The session of “%(forum)s” on %(when)s was cancelled.") % values
        else:
            text = _("A session of “%(forum)s” changed: it is now on %(when)s.") % values
        shown[note.pk] = Shown(text, reverse("forums:session", args=[session.pk]))
    return shown


def show_join_requests(notes: list, reader: User) -> dict[int, Shown]:
    requests = {ask.pk: ask for ask in JoinRequest.objects.filter(
        pk__in={note.target_id for note in notes}, forum__in=forums_open_to(reader))
        .select_related("forum", "user")}
    managed = {forum_id: can_manage(reader, ask.forum) for forum_id, ask in
               {ask.forum_id: ask for ask in requests.values()}.items()}
    shown = {}
    for note in notes:
        ask = requests.get(note.target_id)
        if ask is None or not managed[ask.forum_id]:
            continue
        values = {"name": ask.user, "forum": ask.forum.name,
                  "answer": ask.get_status_display().lower()}
        text = (_("%(name)s asks to join “%(forum)s”.") % values
                if ask.status == JoinRequest.Status.PENDING
                else _("%(name)s asked to join “%(forum)s” (%(answer)s).") % values)
        shown[note.pk] = Shown(text, reverse("forums:members", args=[ask.forum_id])
                               + "#join-requests")
    return shown


def show_join_answers(notes: list, reader: User) -> dict[int, Shown]:
    requests = {ask.pk: ask for ask in JoinRequest.objects.filter(
        pk__in={note.target_id for note in notes}, user=reader,
        status__in=(JoinRequest.Status.ACCEPTED, JoinRequest.Status.DECLINED),
        forum__in=forums_open_to(reader) | joinable_forums(reader)).select_related("forum")}
    shown = {}
    for note in notes:
        ask = requests.get(note.target_id)
        if ask is None:
            continue
        values = {"forum": ask.forum.name}
        text = (_("Your request to join “%(forum)s” was accepted. Welcome!") % values
                if ask.status == JoinRequest.Status.ACCEPTED
                else _("Your request to join “%(forum)s” was declined.") % values)
        shown[note.pk] = Shown(text, reverse("forums:detail", args=[ask.forum_id]))
    return shown


declare(PRESENTER_REQUEST, show=show_presenter_requests)
declare(PRESENTER_ANSWER, show=show_presenter_answers)
declare(TRY_REPORTED, show=show_tries_reported, email=EmailKind.STORY_NEWS, coalesce=True)
declare(ADDED_TO_FORUM, show=show_forums_joined, email=EmailKind.FORUM_NEWS)
declare(SESSION_CHANGED, show=show_session_changes, coalesce=True)
declare(SESSION_CANCELLED, show=show_session_changes, coalesce=True)
declare(JOIN_REQUEST, show=show_join_requests, email=EmailKind.JOIN_REQUEST)
declare(JOIN_ANSWERED, show=show_join_answers, email=EmailKind.FORUM_NEWS)
