"""What a digest says. One builder per digest, shared by the e-mail and the web page.

Rules (DESIGN.md section 8): no count or score ever describes a person; counts describe schools,
themes and practices, and in cross-school sections a count under 3 reads "fewer than 3".
Stories appear only as their authors allowed: district digests show stories shared with the
district, named only when the author chose to show their name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from forums.models import (Commitment, Cycle, Insight, Session, SessionState, TryOutcome,
                           TryReport)
from schools.models import District, Membership
from successes.models import GradeBand, SuccessStory, Theme, Visibility

SMALL = 3


def shown(count: int) -> str:
    """A count as a cross-school section shows it."""
    return _("fewer than 3") if 0 < count < SMALL else str(count)


def cross_school_byline(story: SuccessStory) -> str:
    """Name only if the author agreed; else "a Grades 6-8 Science teacher at Heritage"."""
    if story.show_name:
        return str(story.author)
    band = GradeBand(story.grade_band).label if story.grade_band else ""
    who = " ".join(part for part in (str(band), story.subject, _("teacher")) if part)
    school = story.school.name if story.school_id else ""
    return _("a %(who)s at %(school)s") % {"who": who, "school": school} if school else (
        _("a %(who)s") % {"who": who})


# --- Cycle digest ------------------------------------------------------------------------

@dataclass
class CycleDigest:
    cycle: Cycle
    stories: list[SuccessStory]  # featured stories (filter per reader before showing)
    insights: list[Insight]
    commitments: int
    tries: int
    new_stories: list[SuccessStory]
    next_cycle: Cycle | None

    @property
    def is_empty(self) -> bool:
        return not (self.insights or self.commitments or self.tries)


def cycle_digest(cycle: Cycle, *, reader=None) -> CycleDigest:
    """What the forum learned in one cycle; stories limited to what `reader` may see."""
    sessions = Session.objects.filter(cycle=cycle, state=SessionState.CLOSED)
    insights = list(Insight.objects.filter(session__in=sessions).prefetch_related("themes"))
    commitments = Commitment.objects.filter(session__in=sessions)
    reports = TryReport.objects.filter(commitment__in=commitments).exclude(
        outcome=TryOutcome.NOT_YET)
    visible = (SuccessStory.objects.visible_to(reader) if reader is not None
               else SuccessStory.objects.filter(visibility=Visibility.DISTRICT))
    featured = list(visible.filter(featured_in__in=sessions).distinct().select_related(
        "author", "school"))
    grown = list(visible.filter(pk__in=reports.filter(new_story__isnull=False).values(
        "new_story")).select_related("author", "school"))
    following = (Cycle.objects.filter(forum=cycle.forum_id, starts_on__gt=cycle.starts_on)
                 .order_by("starts_on").first())
    return CycleDigest(cycle, featured, insights, commitments.count(), reports.count(), grown,
                       following)


# --- District digest ---------------------------------------------------------------------

@dataclass
class ThemeGroup:
    theme: Theme | None
    insights: list[Insight] = field(default_factory=list)


@dataclass
class Spread:
    story: SuccessStory
    schools: list[str]  # where it was tried, other than its own school
    tries: str  # a school-level count, "fewer than 3" when small
    new_stories: list[SuccessStory]


@dataclass
class SchoolActivity:
    name: str
    sessions: str
    tries: str


@dataclass
class DistrictDigest:
    district: District
    start: date
    end: date
    insight_groups: list[ThemeGroup]
    stories: list[SuccessStory]
    spreading: list[Spread]
    activity: list[SchoolActivity]
    rising: list[tuple[str, int, int]]  # (theme or tag, this period, previous period)
    upcoming_collectives: list[Session]

    @property
    def is_empty(self) -> bool:
        return not (self.insight_groups or self.stories or self.spreading)


def district_digest(district: District, start: date, end: date, *, theme: Theme | None = None,
                    school=None, limit: int = 12) -> DistrictDigest:
    """What the district's schools learned between `start` and `end` (inclusive)."""
    in_period = Q(created_at__date__gte=start, created_at__date__lte=end)
    shared = SuccessStory.objects.alive().filter(district=district,
                                                 visibility=Visibility.DISTRICT)
    insights = Insight.objects.filter(in_period, district=district)
    stories = shared.filter(in_period)
    if theme is not None:
        insights, stories = insights.filter(themes=theme), stories.filter(themes=theme)
    if school is not None:
        insights = insights.filter(session__cycle__forum__school=school)
        stories = stories.filter(school=school)
    insight_list = list(insights.select_related("story").prefetch_related("themes")
                        .order_by("-created_at")[:50])
    shared_ids = set(shared.filter(pk__in={i.story_id for i in insight_list if i.story_id})
                     .values_list("pk", flat=True))
    groups: dict[int | None, ThemeGroup] = {}
    for insight in insight_list:
        if insight.story_id not in shared_ids:
            insight.story = None  # its story is not shared with the district: not named
        for item in list(insight.themes.all()) or [None]:
            key = item.pk if item else None
            groups.setdefault(key, ThemeGroup(item)).insights.append(insight)
    story_list = list(stories.select_related("author", "school").prefetch_related("themes")
                      .order_by("-created_at")[:limit])
    for story in story_list:
        story.byline = cross_school_byline(story)
    return DistrictDigest(
        district=district, start=start, end=end,
        insight_groups=sorted(groups.values(), key=lambda g: g.theme.name if g.theme else "~"),
        stories=story_list,
        spreading=_spreading(district, start, end, shared, school),
        activity=_activity(district, start, end),
        rising=rising_themes(district, start, end),
        upcoming_collectives=list(Session.objects.filter(
            cycle__forum__district=district, cycle__forum__school__isnull=True,
            state=SessionState.SCHEDULED, starts_at__date__gt=end).select_related(
            "cycle__forum").order_by("starts_at")[:5]),
    )


def _school_of_people(district: District, user_ids) -> dict[int, tuple[int, str]]:
    schools = {}
    for user_id, school_id, name in (Membership.objects.active().filter(
            district=district, user_id__in=user_ids, school__isnull=False)
            .order_by("id").values_list("user_id", "school_id", "school__name")):
        schools.setdefault(user_id, (school_id, name))
    return schools


def _spreading(district, start, end, shared, school=None) -> list[Spread]:
    """Shared stories tried in this period at schools other than their own."""
    reports = list(TryReport.objects.filter(
        created_at__date__gte=start, created_at__date__lte=end,
        commitment__story__in=shared).exclude(outcome=TryOutcome.NOT_YET).select_related(
        "commitment__story__school", "commitment__story__author", "new_story"))
    where = _school_of_people(district, {r.commitment.user_id for r in reports})
    by_story: dict[int, list[TryReport]] = defaultdict(list)
    for report in reports:
        tried_at = where.get(report.commitment.user_id)
        if tried_at and tried_at[0] != report.commitment.story.school_id:
            by_story[report.commitment.story_id].append(report)
    spreads = []
    for story_reports in by_story.values():
        story = story_reports[0].commitment.story
        if school is not None and story.school_id != school.pk:
            continue
        schools = sorted({where[r.commitment.user_id][1] for r in story_reports})
        new = [r.new_story for r in story_reports
               if r.new_story is not None and r.new_story.visibility == Visibility.DISTRICT]
        spreads.append(Spread(story, schools, shown(len(story_reports)), new))
    return sorted(spreads, key=lambda s: -len(s.schools))[:10]


def _activity(district, start, end) -> list[SchoolActivity]:
    sessions = Counter(dict(Session.objects.filter(
        cycle__forum__district=district, state=SessionState.CLOSED,
        closed_at__date__gte=start, closed_at__date__lte=end).values(
        "cycle__forum__school__name").annotate(n=Count("id")).values_list(
        "cycle__forum__school__name", "n")))
    reports = list(TryReport.objects.filter(
        created_at__date__gte=start, created_at__date__lte=end,
        commitment__session__cycle__forum__district=district).values_list(
        "commitment__user_id", flat=True))
    where = _school_of_people(district, set(reports))
    tries = Counter(where[user_id][1] for user_id in reports if user_id in where)
    names = sorted({name or _("Collectives") for name in sessions} | set(tries))
    return [SchoolActivity(name, shown(sessions.get(None if name == _("Collectives") else name,
                                                    0)), shown(tries.get(name, 0)))
            for name in names]


def rising_themes(district, start, end, top: int = 5) -> list[tuple[str, int, int]]:
    """Themes and free tags used in more new stories this period than in the one before it
    (of the same length). Every story counts, whatever its visibility: only totals show."""
    length = (end - start).days + 1
    before_start = start - timedelta(days=length)

    def counts(first, last) -> Counter:
        stories = SuccessStory.objects.alive().filter(
            district=district, created_at__date__gte=first, created_at__date__lte=last)
        result = Counter(dict(stories.values("themes__name").annotate(n=Count("id"))
                              .filter(themes__name__isnull=False).values_list("themes__name",
                                                                              "n")))
        for tags in stories.exclude(free_tags=[]).values_list("free_tags", flat=True):
            result.update(f"#{tag}" for tag in tags)
        return result

    now, before = counts(start, end), counts(before_start, start - timedelta(days=1))
    rising = [(name, n, before.get(name, 0)) for name, n in now.items()
              if n > before.get(name, 0) and n >= SMALL]
    return sorted(rising, key=lambda r: (r[2] - r[1], r[0]))[:top]


@lru_cache(maxsize=32)
def _cached_district_digest(district_id: int, start: date, end: date) -> DistrictDigest | None:
    district = District.objects.filter(pk=district_id).first()
    return district_digest(district, start, end) if district else None


def district_digest_for_email(district_id: int, start: date, end: date):
    """Everyone of a district gets the same digest for a period: built once per worker."""
    return _cached_district_digest(district_id, start, end)

