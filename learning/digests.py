"""The district digest: what the schools of a district learned in a period, built for one
reader and shared by the page, its PDF and CSV, and the e-mail. Also the period helpers every
district page uses, and the rising themes.

Rules (DESIGN.md section 8):
- The digest holds only what its reader may open on the web: insights of forums they may see
  (forums.access.insights_visible_to) and, of the stories they may read
  (SuccessStory.visible_to), only those shared with the district (`shared_stories_for`);
  counts, tag and theme names are drawn from nothing else.
- No count describes a person; counts describe schools, themes and practices, and a count
  under the district's threshold (3 unless it chose more) reads "fewer than N"
  (forums.digests.shown).
- Authors are named only as they allowed (successes.access.cross_school_byline).
- Only what is the same for every reader is cached (rising themes, drawn from stories shared
  with the district), keyed by the district's story token (successes.versions), which every
  change of who may see a story renews: the change shows at once.
"""

from __future__ import annotations

import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from forums.access import forums_visible_to, insights_visible_to
from forums.digests import SMALL, shown
from forums.models import Cycle, Insight, Session, SessionState, TryReport
from learning import figures
from schools.access import roles_for
from schools.models import District, Membership, User
from successes.access import cross_school_byline
from successes.listing import newest_district_wide
from successes.models import DISTRICT_WIDE, SuccessStory, Theme
from successes.versions import stories_version


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


@dataclass(frozen=True)
class RisingTheme:
    """A theme (theme_id set) or a free tag (tag set, name "#tag") used in more new stories."""

    name: str
    now: int
    before: int
    theme_id: int | None = None
    tag: str = ""
    small: int = SMALL  # the district's threshold (District.small_count)

    @property
    def now_shown(self) -> str:
        return shown(self.now, self.small)

    @property
    def before_shown(self) -> str:
        return shown(self.before, self.small)


@dataclass
class DistrictDigest:
    district: District
    start: date
    end: date
    insight_groups: list[ThemeGroup]
    stories: list[SuccessStory]
    spreading: list[Spread]
    activity: list[SchoolActivity]
    trends: list[RisingTheme]
    upcoming_collectives: list[Session]
    built_at: datetime = field(default_factory=timezone.now)
    figures_as_of: datetime | None = None  # when the activity and spread figures were counted

    @property
    def rising(self) -> list[tuple[str, str, str]]:
        """(theme or "#tag", this period, previous period), counts as shown."""
        return [(trend.name, trend.now_shown, trend.before_shown) for trend in self.trends]

    @property
    def is_empty(self) -> bool:
        return not (self.insight_groups or self.stories or self.spreading)


def period_bounds(district: District, start: date, end: date) -> tuple[datetime, datetime]:
    """[from, until) in the district's time zone: the same days for every reader, and a range
    an index on a timestamp can serve (a `__date` lookup could not)."""
    zone = zoneinfo.ZoneInfo(district.time_zone)
    return (datetime.combine(start, time.min, zone),
            datetime.combine(end + timedelta(days=1), time.min, zone))


def within(district: District, start: date, end: date, field_name: str = "created_at") -> Q:
    """`field_name` falls on one of the period's days (see `period_bounds`)."""
    since, until = period_bounds(district, start, end)
    return Q(**{f"{field_name}__gte": since, f"{field_name}__lt": until})


def shared_stories_for(reader: User) -> QuerySet[SuccessStory]:
    """The stories a district digest may name or count for `reader`: those they may read
    (SuccessStory.visible_to) that their authors shared with the whole district."""
    return SuccessStory.objects.visible_to(reader).filter(visibility__in=DISTRICT_WIDE)


def district_digest(reader: User, start: date, end: date, *, theme: Theme | None = None,
                    school=None, limit: int = 12) -> DistrictDigest:
    """What the schools of the reader's district learned between `start` and `end`
    (inclusive, in the district's time zone), as `reader` may see it (see the module's rules),
    optionally about one theme and/or at one school; every section follows both filters.
    A constant number of queries, whatever the district's size."""
    roles = roles_for(reader)
    district = roles.district
    if district is None:
        raise ValueError("A district digest is built for a member of a district.")
    in_period = within(district, start, end)
    shared = shared_stories_for(reader)
    insights = insights_visible_to(reader).filter(in_period)
    if theme is not None:
        insights = insights.filter(themes=theme)
    if school is not None:
        insights = insights.filter(session__cycle__forum__school=school)
    insight_list = list(insights.select_related("story__author", "story__school",
                                                "session__cycle__forum__school")
                        .defer("search_vector", "session__steps", *INSIGHT_STORY_TEXT)
                        .prefetch_related("themes").order_by("-created_at")[:50])
    named = set(shared.filter(pk__in={i.story_id for i in insight_list if i.story_id})
                .values_list("pk", flat=True))
    groups: dict[int | None, ThemeGroup] = {}
    for insight in insight_list:
        if insight.story_id not in named:
            insight.story = None  # a story the reader may not read, or not shared: not named
        else:
            insight.story.byline = cross_school_byline(insight.story)
        for item in list(insight.themes.all()) or [None]:
            key = item.pk if item else None
            groups.setdefault(key, ThemeGroup(item)).insights.append(insight)
    story_list = newest_district_wide(shared.select_related("author", "school").defer(
        *STORY_TEXT).prefetch_related("themes"), district, *period_bounds(district, start, end),
        limit, **({"themes": theme} if theme else {}), **({"school": school} if school else {}))
    for story in story_list:
        story.byline = cross_school_byline(story)
    if roles.reads_district:  # the whole district's figures, counted ahead (learning.figures)
        spreading, activity, as_of = _from_figures(district, start, end, shared, school, theme)
    else:
        spreading = _spreading(district, start, end, shared, school, theme)
        activity, as_of = _activity(reader, district, start, end, school, theme), None
    return DistrictDigest(
        district=district, start=start, end=end,
        insight_groups=sorted(groups.values(), key=lambda g: g.theme.name if g.theme else "~"),
        stories=story_list, spreading=spreading, activity=activity, figures_as_of=as_of,
        trends=_cached_trends(district, start, end, theme=theme, school=school),
        upcoming_collectives=list(Session.objects.filter(
            cycle__forum__in=forums_visible_to(reader).filter(school__isnull=True),
            state=SessionState.SCHEDULED, starts_at__gte=period_bounds(district, start, end)[1],
        ).select_related("cycle__forum").defer("steps").order_by("starts_at")[:5]),
    )


CYCLE_FALLBACK = timedelta(weeks=6)
STORY_TEXT = "before what_went_right actions conditions why_it_worked search_vector".split()
INSIGHT_STORY_TEXT = [f"story__{field}" for field in STORY_TEXT]


def current_cycle_span(district: District, today: date) -> tuple[date, date]:
    """"This cycle" across a district's forums: from the earliest start of the cycles running
    today, up to today; else the dates of the cycle that ended last; else the last 6 weeks
    (never over a year). Cross-district collectives are not the district's."""
    cycles = Cycle.objects.filter(forum__district=district, forum__network=None,
                                  starts_on__lte=today)
    running = cycles.filter(ends_on__gte=today).filter(
        Q(ended_early_on__isnull=True) | Q(ended_early_on__gte=today))
    first = running.order_by("starts_on").values_list("starts_on", flat=True).first()
    if first is not None:
        return max(first, today - timedelta(days=365)), today
    last = cycles.order_by("-ends_on").values_list("starts_on", "ends_on",
                                                     "ended_early_on").first()
    if last is not None:
        start, end = last[0], min(last[2] or last[1], last[1])
        return max(start, end - timedelta(days=365)), end
    return today - CYCLE_FALLBACK + timedelta(days=1), today


def school_of_people(district: District, user_ids) -> dict[int, tuple[int, str]]:
    """{user id: (school id, school name)}: each person's first school in the district, the
    school their tries and commitments count for."""
    schools = {}
    for user_id, school_id, name in (Membership.objects.active().filter(
            district=district, user_id__in=user_ids, school__isnull=False)
            .order_by("id").values_list("user_id", "school_id", "school__name")):
        schools.setdefault(user_id, (school_id, name))
    return schools


def _spreading(district, start, end, shared, school=None, theme=None) -> list[Spread]:
    """Stories of `shared` tried in this period at schools other than their own. New stories
    that grew from the tries show only when they are in `shared` too."""
    reports = TryReport.objects.counted().filter(
        within(district, start, end), commitment__story__in=shared)
    if theme is not None:
        reports = reports.filter(commitment__story__themes=theme)
    reports = list(reports.select_related(
        "commitment__story__school", "commitment__story__author", "new_story__author",
        "new_story__school"))
    where = school_of_people(district, {r.commitment.user_id for r in reports})
    grown_ids = {r.new_story_id for r in reports if r.new_story_id}
    shown_grown = set(shared.filter(pk__in=grown_ids).values_list("pk", flat=True))
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
        new = [r.new_story for r in story_reports if r.new_story_id in shown_grown]
        story.byline = cross_school_byline(story)
        for grown in new:
            grown.byline = cross_school_byline(grown)
        spreads.append(Spread(story, schools, shown(len(story_reports), district.small_count),
                              new))
    return sorted(spreads, key=lambda s: -len(s.schools))[:10]


def _from_figures(district, start, end, shared, school, theme):
    """Practices spreading and activity by school for a reader of the whole district, as
    `_spreading` and `_activity` count them, from learning.figures; and their "as of"."""
    names, small = figures.school_names(district), district.small_count
    days = figures.span(district, start, end)
    found = figures.spreading(district, days, shared, school=school, theme=theme)
    top = sorted(found.items(), key=lambda item: -len(item[1][0]))[:10]
    stories = shared.filter(pk__in=[story_id for story_id, _ in top] + [
        new for _, (_schools, grown) in top for new in grown]).select_related(
        "author", "school").defer(*STORY_TEXT)
    stories = {story.pk: story for story in stories}
    spreads = []
    for story_id, (tried, grown) in top:
        if story_id in stories:
            story, new = stories[story_id], [stories[n] for n in grown if n in stories]
            for each in (story, *new):
                each.byline = cross_school_byline(each)
            spreads.append(Spread(story, sorted({names.get(i, "") for i in tried}),
                                  shown(sum(tried.values()), small), new))
    totals = figures.activity(district, days, school=school, theme=theme)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for school_id, (sessions, tries) in totals.items():
        name = names.get(school_id, "") if school_id else _("Collectives")
        counts[name][0] += sessions
        counts[name][1] += tries
    activity = [SchoolActivity(name, shown(n[0], small), shown(n[1], small))
                for name, n in sorted(counts.items())]
    return spreads, activity, days.as_of


def _activity(reader, district, start, end, school=None, theme=None) -> list[SchoolActivity]:
    """Sessions held (per forum's school; collectives together) and tries reported (per the
    school of the person who tried), in forums the reader may see. A theme narrows both to
    cycles focused on it."""
    forums = forums_visible_to(reader)
    sessions = Session.objects.filter(
        within(district, start, end, "closed_at"), cycle__forum__in=forums,
        state=SessionState.CLOSED)
    reports = TryReport.objects.counted().filter(
        within(district, start, end), commitment__session__cycle__forum__in=forums)
    if theme is not None:
        sessions = sessions.filter(cycle__focus_theme=theme)
        reports = reports.filter(commitment__session__cycle__focus_theme=theme)
    if school is not None:
        sessions = sessions.filter(cycle__forum__school=school)
    sessions = Counter(dict(sessions.values("cycle__forum__school__name").annotate(
        n=Count("id")).values_list("cycle__forum__school__name", "n")))
    reports = list(reports.values_list("commitment__user_id", flat=True))
    where = school_of_people(district, set(reports))
    tries = Counter(where[user_id][1] for user_id in reports if user_id in where
                    and (school is None or where[user_id][0] == school.pk))
    names = sorted({name or _("Collectives") for name in sessions} | set(tries))
    small = district.small_count
    return [SchoolActivity(name, shown(sessions.get(None if name == _("Collectives") else name,
                                                    0), small), shown(tries.get(name, 0), small))
            for name in names]


# --- Rising themes -------------------------------------------------------------------------

def _tag_counts(stories, boundary: datetime, small: int) -> list[tuple[str, int, int]]:
    """(tag, stories from `boundary` on, stories before it), for tags used at least `small`
    times from `boundary` on. Counted in SQL: unnesting the arrays in Python costs more than
    the query at scale."""
    inner, params = stories.exclude(free_tags=[]).values("created_at", "free_tags").query \
        .sql_with_params()
    sql = ("SELECT tag, COUNT(*) FILTER (WHERE s.created_at >= %s), "
           "COUNT(*) FILTER (WHERE s.created_at < %s) "
           f"FROM ({inner}) s CROSS JOIN LATERAL unnest(s.free_tags) AS tag "
           "GROUP BY tag HAVING COUNT(*) FILTER (WHERE s.created_at >= %s) >= %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, (boundary, boundary, *params, boundary, small))
        return cursor.fetchall()


def shared_in(district: District) -> QuerySet[SuccessStory]:
    """Stories shared with the whole district. Every member of the district may read them
    (SuccessStory.visible_to), so figures drawn from them alone are the same for every reader
    of the district (see `_cached_trends`)."""
    return SuccessStory.objects.alive().filter(district=district, visibility__in=DISTRICT_WIDE)


def rising_themes(stories: QuerySet[SuccessStory], district: District, start: date, end: date,
                  *, top: int = 5, theme=None, school=None) -> list[RisingTheme]:
    """Themes and free tags used in more new stories this period than in the one before it
    (of the same length), counting only `stories` (what the reader may see). Only totals of
    the district's threshold or more this period show (a smaller one could point at a person,
    District.small_count); the largest growth
    comes first. Filters narrow the stories counted. One pass over both periods for themes
    and one for tags."""
    length = (end - start).days + 1
    since = period_bounds(district, start - timedelta(days=length), end)[0]
    boundary, until = period_bounds(district, start, end)
    stories = stories.filter(district=district, created_at__gte=since, created_at__lt=until)
    if theme is not None:
        stories = stories.filter(themes=theme)
    if school is not None:
        stories = stories.filter(school=school)
    now, before, names = Counter(), Counter(), {}
    for theme_id, name, n_now, n_before in (
            stories.values("themes__id", "themes__name").annotate(
                now=Count("id", filter=Q(created_at__gte=boundary)),
                before=Count("id", filter=Q(created_at__lt=boundary)))
            .values_list("themes__id", "themes__name", "now", "before")):
        if theme_id is not None:
            now[("theme", theme_id)], before[("theme", theme_id)] = n_now, n_before
            names[("theme", theme_id)] = name
    small = max(district.small_count, SMALL)
    for tag, n_now, n_before in _tag_counts(stories, boundary, small):
        now[("tag", tag)], before[("tag", tag)] = n_now, n_before
    rising = []
    for key, n in now.items():
        if n > before.get(key, 0) and n >= small:
            kind, value = key
            if kind == "theme":
                rising.append(RisingTheme(names[key], n, before.get(key, 0), theme_id=value,
                                          small=small))
            else:
                rising.append(RisingTheme(f"#{value}", n, before.get(key, 0), tag=value,
                                          small=small))
    return sorted(rising, key=lambda r: (r.before - r.now, r.name))[:top]


TRENDS_CACHE_SECONDS = 5 * 60


def _cached_trends(district: District, start: date, end: date, *, theme=None,
                   school=None) -> list[RisingTheme]:
    """Rising themes of the stories shared with the district (`shared_in`): the same for every
    reader, so kept in Redis for a few minutes per (district, period, filters) - under the
    district's story token, so a story hidden, deleted or edited drops out at once. Without
    Redis they are simply counted each time."""
    try:
        key = (f"district-trends:v2:{district.pk}:{stories_version(district.pk)}:"
               f"{district.small_count}:"
               f"{start.isoformat()}:{end.isoformat()}:{theme.pk if theme else '-'}:"
               f"{school.pk if school else '-'}")
        trends = cache.get(key)
    except RedisError:
        key, trends = None, None
    if trends is None:
        trends = rising_themes(shared_in(district), district, start, end, theme=theme,
                               school=school)
        if key is not None:
            try:
                cache.set(key, trends, TRENDS_CACHE_SECONDS)
            except RedisError:
                pass
    return trends
