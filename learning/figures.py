"""The district digest's shared figures: sessions held and tries reported per school, and the
practices spreading between schools, counted ahead per district and day (learning.models) and
added up when a digest is read.

Rules:
- Only what is the same for every reader of a WHOLE district is kept here: the district's
  leaders and admins see every forum of their district (forums.access.forums_visible_to), so
  their activity and spread figures are the district's. A digest built for anyone else is
  counted live for them (learning.digests).
- What may change who sees a story is applied when reading, never kept: spread figures name
  story ids, and only those of `shared_stories_for(reader)` are counted, so a story made
  private or deleted drops out at once.
- Days before the district's `FiguresState.complete_until` come from the tables; later days
  (today, or every day before the first refresh) are counted live with the same code, so a
  digest is always complete. `refresh` (a Celery task every 10 minutes) moves the mark up to
  today and counts again the few days before it (late changes); a nightly full pass counts the
  last year again (a try report edited, a person who moved school). The digest page shows
  when its figures were counted ("as of").
- A person's tries count for their first school in the district (digests.school_of_people),
  as of the count.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from forums.models import Session, SessionState, TryReport
from learning.models import ActivityFigure, FiguresState, SpreadFigure
from schools.models import District, Membership, School
from successes.models import SuccessStory

RECOUNTED_DAYS = 3  # each refresh counts these days before the mark again
FULL_PASS_DAYS = 400  # the nightly pass counts the last year (and a bit) again


def _zone(district: District) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(district.time_zone)


def _bounds(district: District, first: date, last: date) -> tuple[datetime, datetime]:
    zone = _zone(district)
    return (datetime.combine(first, datetime.min.time(), zone),
            datetime.combine(last + timedelta(days=1), datetime.min.time(), zone))


def _first_school(district: District, user_ref: str) -> Subquery:
    """The first school in the district of the person in `user_ref` (digests.school_of_people)."""
    return Subquery(Membership.objects.active().filter(
        user=OuterRef(user_ref), district=district, school__isnull=False)
        .order_by("id").values("school_id")[:1])


# --- Counting (the tables, and the days not in them) ---------------------------------------

def activity_rows(district: District, first: date, last: date) -> list[tuple]:
    """(day, school id, focus theme id, sessions, tries) of the days `first`-`last`."""
    since, until = _bounds(district, first, last)
    zone = _zone(district)
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    sessions = (Session.objects.filter(
        closed_at__gte=since, closed_at__lt=until, state=SessionState.CLOSED,
        cycle__forum__district=district, cycle__forum__network__isnull=True)
        .annotate(day=TruncDate("closed_at", tzinfo=zone))
        .values_list("day", "cycle__forum__school_id", "cycle__focus_theme_id")
        .annotate(n=Count("id")).order_by())
    for day, school_id, theme_id, n in sessions:
        counts[(day, school_id, theme_id)][0] += n
    tries = (TryReport.objects.counted().filter(
        created_at__gte=since, created_at__lt=until,
        commitment__session__cycle__forum__district=district,
        commitment__session__cycle__forum__network__isnull=True)
        .annotate(day=TruncDate("created_at", tzinfo=zone),
                  school=_first_school(district, "commitment__user_id"))
        .values_list("day", "school", "commitment__session__cycle__focus_theme_id")
        .annotate(n=Count("id")).order_by())
    for day, school_id, theme_id, n in tries:
        if school_id is not None:
            counts[(day, school_id, theme_id)][1] += n
    return [(*key, sessions_, tries_) for key, (sessions_, tries_) in counts.items()]


def spread_rows(district: District, first: date, last: date) -> list[tuple]:
    """(day, story id, school id where tried, tries, [new story ids]) of the days `first`-
    `last`: tries of a district's story by people of another school than the story's."""
    since, until = _bounds(district, first, last)
    reports = (TryReport.objects.counted().filter(
        created_at__gte=since, created_at__lt=until, commitment__story__district=district)
        .annotate(day=TruncDate("created_at", tzinfo=_zone(district)),
                  school=_first_school(district, "commitment__user_id"))
        .values_list("day", "commitment__story_id", "commitment__story__school_id", "school",
                     "new_story_id"))
    counts: dict[tuple, list] = {}
    for day, story_id, story_school_id, school_id, new_story_id in reports:
        if school_id is None or school_id == story_school_id:
            continue
        row = counts.setdefault((day, story_id, school_id), [0, []])
        row[0] += 1
        if new_story_id:
            row[1].append(new_story_id)
    return [(*key, tries, new) for key, (tries, new) in counts.items()]


@dataclass(frozen=True)
class Span:
    """A digest's period split: the days the tables hold, the days to count live (either may
    be None), and when the tables were counted."""

    kept: tuple[date, date] | None
    live: tuple[date, date] | None
    as_of: datetime | None


def span(district: District, start: date, end: date) -> Span:
    state = FiguresState.objects.filter(district=district).first()
    mark = state.complete_until if state else start
    kept = (start, min(end, mark - timedelta(days=1))) if start < mark else None
    live = (max(start, mark), end) if end >= mark else None
    return Span(kept, live, state.refreshed_at if state and kept else None)


# --- Reading -------------------------------------------------------------------------------

def activity(district: District, days: Span, *, school=None,
             theme=None) -> dict[int | None, list[int]]:
    """{school id (None: collectives): [sessions, tries]} of the period. A theme narrows both
    to cycles focused on it; a school to its forums' sessions and its people's tries."""
    kept, live = days.kept, days.live
    rows: list[tuple] = []
    if kept:
        figures = ActivityFigure.objects.filter(district=district, day__range=kept)
        if theme is not None:
            figures = figures.filter(theme_id=theme.pk)
        if school is not None:
            figures = figures.filter(school_id=school.pk)
        rows += figures.values_list("school_id", "sessions", "tries")
    if live:
        rows += [(school_id, sessions, tries)
                 for _day, school_id, theme_id, sessions, tries in activity_rows(district, *live)
                 if (theme is None or theme_id == theme.pk)
                 and (school is None or school_id == school.pk)]
    totals: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    for school_id, sessions, tries in rows:
        totals[school_id][0] += sessions
        totals[school_id][1] += tries
    return dict(totals)


def spreading(district: District, days: Span, shared: QuerySet[SuccessStory], *,
              school=None, theme=None) -> dict[int, tuple[dict[int, int], list[int]]]:
    """{story id: ({school id where tried: tries}, [new story ids])} of the period, for the
    stories of `shared` (what the reader may name), narrowed to stories of a theme or of a
    school."""
    kept, live = days.kept, days.live
    stories = shared
    if theme is not None:
        stories = stories.filter(themes=theme)
    if school is not None:
        stories = stories.filter(school=school)
    rows: list[tuple] = []
    if kept:
        rows += SpreadFigure.objects.filter(district=district, day__range=kept).values_list(
            "story_id", "tried_school_id", "tries", "new_story_ids")
    if live:
        rows += [row[1:] for row in spread_rows(district, *live)]
    # The period's tried stories are few: check them against what the reader may name.
    allowed = set(stories.filter(pk__in={row[0] for row in rows}).values_list(
        "pk", flat=True)) if rows else set()
    found: dict[int, tuple[dict[int, int], list[int]]] = {}
    for story_id, school_id, tries, new in rows:
        if story_id not in allowed:
            continue
        schools, grown = found.setdefault(story_id, ({}, []))
        schools[school_id] = schools.get(school_id, 0) + tries
        grown.extend(new)
    return found


def school_names(district: District) -> dict[int, str]:
    return dict(School.objects.filter(district=district).values_list("id", "name"))


# --- Refreshing ----------------------------------------------------------------------------

def refresh(district: District, *, full: bool = False, today: date | None = None) -> None:
    """Count the district's figures again from the day after the last complete one (less
    RECOUNTED_DAYS; the last FULL_PASS_DAYS when `full`, or the first time) up to yesterday,
    in its time zone, and move the mark to today."""
    today = today or timezone.localtime(timezone.now(), _zone(district)).date()
    state = FiguresState.objects.filter(district=district).first()
    first = today - timedelta(days=FULL_PASS_DAYS)
    if state is not None and not full:
        first = max(first, state.complete_until - timedelta(days=RECOUNTED_DAYS))
    last = today - timedelta(days=1)
    activity_ = activity_rows(district, first, last)
    spread_ = spread_rows(district, first, last)
    with transaction.atomic():
        ActivityFigure.objects.filter(district=district, day__gte=first).delete()
        SpreadFigure.objects.filter(district=district, day__gte=first).delete()
        ActivityFigure.objects.bulk_create(
            ActivityFigure(district=district, day=day, school_id=school_id, theme_id=theme_id,
                           sessions=sessions, tries=tries)
            for day, school_id, theme_id, sessions, tries in activity_)
        SpreadFigure.objects.bulk_create(
            SpreadFigure(district=district, day=day, story_id=story_id,
                         tried_school_id=school_id, tries=tries, new_story_ids=new)
            for day, story_id, school_id, tries, new in spread_)
        FiguresState.objects.update_or_create(district=district, defaults={
            "complete_until": today, "refreshed_at": timezone.now()})


def refresh_all(*, full: bool = False) -> int:
    """Every district's figures (see `refresh`); the number of districts."""
    districts = list(District.objects.all())
    for district in districts:
        refresh(district, full=full)
    return len(districts)
