"""What the pages need from the scale district, read with Django set up: who signs in for each
kind of page, the ids their paths name, and the size of the data for results.json. Also
removes what the measured pages created, so the next run starts from the same data."""

from __future__ import annotations

from django.db import connections
from django.db.models import Max, QuerySet

from bench.live_load import live_sessions
from bench.report import log
from bench.seed.people import LEADER, PASSWORD, SLUG
from forums import live
from forums.models import (
    Card,
    Commitment,
    Forum,
    ForumMember,
    ForumRole,
    Insight,
    ProtocolKind,
    Session,
    SessionState,
    TryReport,
)
from learning import figures
from schools.models import District, Membership, Role, School, User
from successes.models import SuccessStory, Visibility


def scale_facts() -> dict:
    """Who signs in (a teacher, a core member of the first live session, that forum's
    facilitator, the district leader), the ids page paths need, and the size of the data."""
    teacher = (Membership.objects.active()
               .filter(district__slug=SLUG, role=Role.TEACHER)
               .select_related("user").order_by("user__email").first())
    if teacher is None:
        raise SystemExit("The scale district has no teacher: python -m bench.seed --reset.")
    board = live_sessions().select_related("cycle").first()
    if board is None:
        raise SystemExit("The scale district has no live sessions: "
                         "python -m bench.seed --reset-forums.")
    members = ForumMember.objects.filter(forum_id=board.cycle.forum_id).select_related("user")
    facilitator = members.filter(role=ForumRole.FACILITATOR).order_by("id").first()
    participant = members.filter(role=ForumRole.MEMBER, circle="core").order_by("id").first()
    record = (Session.objects.filter(cycle__forum_id=board.cycle.forum_id,
                                     state=SessionState.CLOSED, kind=ProtocolKind.ANALYSIS)
              .order_by("-starts_at").first())
    stories = SuccessStory.objects.filter(district__slug=SLUG)
    in_scale = {"district__slug": SLUG}
    in_scale_sessions = {"cycle__forum__district__slug": SLUG}
    return {
        "users": {"teacher": teacher.user.email, "participant": participant.user.email,
                  "facilitator": facilitator.user.email, "leader": LEADER},
        "password": PASSWORD,
        "user_id": teacher.user_id,
        "last_story_id": SuccessStory.objects.aggregate(last=Max("id"))["last"] or 0,
        "path_values": {**path_values(teacher.user, stories),
                        "live_session_id": board.pk, "record_session_id": record.pk},
        "rows": {
            "schools": School.objects.filter(**in_scale).count(),
            "staff": Membership.objects.filter(**in_scale).count(),
            "stories": stories.count(),
            "forums": Forum.objects.filter(**in_scale).count(),
            "sessions": Session.objects.filter(**in_scale_sessions).count(),
            "live_sessions": live_sessions().count(),
            "cards": Card.objects.filter(
                session__cycle__forum__district__slug=SLUG).count(),
            "insights": Insight.objects.filter(**in_scale).count(),
            "commitments": Commitment.objects.filter(
                session__cycle__forum__district__slug=SLUG).count(),
            "try_reports": TryReport.objects.filter(
                commitment__session__cycle__forum__district__slug=SLUG).count(),
            "board_cards_on_step": Card.objects.filter(session=board,
                                                       step=board.current_step).count(),
        },
    }


def path_values(user: User, stories: QuerySet[SuccessStory]) -> dict[str, int]:
    """Values for the {placeholders} in page paths. Later pages add theirs here; values that
    change while the bench runs are in `current_path_values`."""
    story = (stories.filter(visibility=Visibility.DISTRICT, deleted_at__isnull=True)
             .exclude(author=user).order_by("-created_at", "-id").first())
    return {"story_id": story.id if story else 0}


def current_path_values(facts: dict) -> dict[str, int]:
    """Every {placeholder} value, read just before a page is loaded: `path_values`, and the
    live session's current version (what an up-to-date screen sends when it polls)."""
    return {**facts["path_values"],
            "live_version": live.current_version(facts["path_values"]["live_session_id"])}


def delete_created_stories(facts: dict) -> None:
    """Remove what story_create added, so the next run starts from the same data."""
    try:
        created = SuccessStory.objects.filter(author_id=facts["user_id"],
                                              id__gt=facts["last_story_id"])
        deleted, _ = created.delete()
        if deleted:
            log(f"Deleted {deleted} rows created by the run.")
    except Exception as error:  # noqa: BLE001 - cleanup must not hide the real outcome
        log(f"Could not delete the stories created by the run: {error}")
    finally:
        connections.close_all()


def refresh_digest_figures() -> None:
    """Count the scale district's digest figures up to today, as beat does every 10 minutes
    (learning.figures): the digest page then reads them as it would in production."""
    figures.refresh(District.objects.get(slug=SLUG))
