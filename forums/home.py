"""What's next for one person: the lists of the home page, each built through the access
helpers for that reader, in a fixed number of queries whatever the amount of data.

Only the person's own things and what is addressed to them: their sessions and answers,
their commitments, requests to present their stories, the stories they want to try, the
colleagues who want to try theirs (by name: the author sees who, never how many across
people), spotlights for them, and their recent stories.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import (
    BooleanField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils import timezone

from forums import access
from forums.models import Commitment, Rsvp, Session, SessionState
from forums.queries import pending_requests_for
from schools.models import User
from successes.models import Spotlight, SuccessStory, TryIntent

SESSIONS_SHOWN = 8
COMMITMENTS_SHOWN = 10
SHOWN = 5  # requests, spotlights, stories and people in each of the other lists


def upcoming_sessions(user: User) -> list[Session]:
    """Sessions not over yet that the person is invited to or runs, soonest first; each with
    `my_answer` ("" before one), `invited` (they may answer) and `manages` (they run it)."""
    ends_at = ExpressionWrapper(F("starts_at") + F("minutes") * Value(timedelta(minutes=1)),
                                output_field=DateTimeField())
    sessions = (Session.objects
                .annotate(invited=ExpressionWrapper(access.invited_rule(user),
                                                    output_field=BooleanField()),
                          manages=Exists(access.managed_forums(user)
                                         .filter(pk=OuterRef("cycle__forum"))),
                          ends_at=ends_at,
                          my_answer=Subquery(Rsvp.objects.filter(
                              session=OuterRef("pk"), user=user).values("answer")[:1]))
                .filter(Q(invited=True) | Q(manages=True),
                        Q(state=SessionState.LIVE)
                        | Q(state=SessionState.SCHEDULED, ends_at__gte=timezone.now()))
                .select_related("cycle__forum__school__district", "cycle__forum__district")
                .order_by("starts_at", "pk"))
    return list(sessions[:SESSIONS_SHOWN])


def open_commitments(user: User) -> list[Commitment]:
    """The person's commitments not reported as tried yet, soonest due first."""
    return list(access.own_commitments(user).open()
                .select_related("session__cycle__forum").order_by("due_on", "pk")
                [:COMMITMENTS_SHOWN + 1])


def stories_to_try(user: User) -> QuerySet[TryIntent]:
    """What the person wants to try, among the stories they may still read."""
    return (TryIntent.objects.filter(user=user, story__in=SuccessStory.objects.visible_to(user))
            .select_related("story").order_by("-created_at")[:SHOWN])


def colleagues_trying_mine(user: User) -> QuerySet[TryIntent]:
    """Who wants to try the person's stories: names are shown to the author (as on the
    story's page), newest first; never a count."""
    return (TryIntent.objects.filter(story__author=user, story__deleted_at__isnull=True,
                                     user__is_active=True)
            .exclude(user=user).select_related("user", "story")
            .order_by("-created_at")[:SHOWN])


def spotlights_for(user: User) -> QuerySet[Spotlight]:
    """Colleagues' spotlights waiting for the person to log them (or say "not now")."""
    return (Spotlight.objects.filter(colleague=user, dismissed_at__isnull=True,
                                     story__isnull=True)
            .select_related("noticed_by")[:SHOWN])


def recent_stories(user: User) -> QuerySet[SuccessStory]:
    return (SuccessStory.objects.alive().filter(author=user)
            .only("id", "title", "visibility", "created_at").order_by("-created_at")[:SHOWN])


def whats_next(user: User) -> dict:
    commitments = open_commitments(user)
    return {
        "sessions": upcoming_sessions(user),
        "commitments": commitments[:COMMITMENTS_SHOWN],
        "more_commitments": len(commitments) > COMMITMENTS_SHOWN,
        "today": timezone.localdate(),
        "presenter_requests": list(pending_requests_for(user)[:SHOWN]),
        "stories_to_try": list(stories_to_try(user)),
        "colleagues_trying": list(colleagues_trying_mine(user)),
        "spotlights": list(spotlights_for(user)),
        "recent_stories": list(recent_stories(user)),
    }
