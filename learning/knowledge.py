"""The knowledge bank: search over insights and the stories a person may read; where each was
tried; the insights CSV; and the stories and authors behind a theme (forming a collective).

Rules:
- Lists start from `forums.access.insights_visible_to` and `SuccessStory.objects.
  visible_to`; filters on a story's fields (grade band, subject, evidence, school) only look at
  stories the reader may see, so a filter cannot reveal anything about a hidden story.
- "Where it was tried" names schools, never people: the school of each person who reported a
  try (not "not yet"), as the digest counts it.
- Pages have no COUNT (lib.pagination): insights and stories are ranked together in one
  UNION query of (kind, id, rank), then the page's rows are loaded with their snippets.
- Search is Postgres full-text ("websearch" syntax). A grade level written in words ("middle
  school", "high school", "elementary", "kindergarten") is read as the grade band filter,
  since stories record grade bands rather than those words.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from forums.access import insights_visible_to
from forums.models import Insight, TryReport
from learning.digests import shared_stories_for, within
from lib.pagination import Window, page_number
from schools.access import roles_for
from schools.models import District, Membership, User
from successes.access import cross_school_byline
from successes.cards import story_cards
from successes.listing import (
    LIST_FIELDS,
    MARK_START,
    MARK_STOP,
    best_first,
    for_display,
    personal_matches,
    shared_matches,
)
from successes.models import SEARCH_CONFIG, GradeBand, SuccessStory, Theme

PER_PAGE = 20
# Insights carry no weights (all "D"); counting D like a story's body text (B) ranks an
# insight and a story that match equally well side by side.
INSIGHT_WEIGHTS = [0.4, 0.2, 0.4, 1.0]
GRADE_WORDS = [
    (r"\bmiddle[ -]schools?\b|\bjunior high\b", [GradeBand.MIDDLE]),
    (r"\bhigh[ -]schools?\b", [GradeBand.HIGH]),
    (r"\belementary(?:[ -]schools?)?\b",
     [GradeBand.EARLY, GradeBand.LOWER, GradeBand.UPPER_ELEMENTARY]),
    (r"\bkindergartens?\b|\bpre-?k\b", [GradeBand.EARLY]),
]


@dataclass
class Understood:
    """What the search box said, as the search uses it."""

    words: str
    grade_bands: list[str]
    phrase: str = ""  # the words read as a grade band, to say so on the page

    @property
    def grade_label(self) -> str:
        return ", ".join(str(GradeBand(band).label) for band in self.grade_bands)


def understand(q: str, grade: str = "") -> Understood:
    """Read grade levels written in words as the grade band filter (unless one is chosen)."""
    q = (q or "").strip()
    if grade:
        return Understood(q, [grade])
    for pattern, bands in GRADE_WORDS:
        match = re.search(pattern, q, flags=re.IGNORECASE)
        if match:
            rest = re.sub(r"\s+", " ", q[:match.start()] + " " + q[match.end():]).strip()
            return Understood(rest, [str(b) for b in bands], phrase=match.group(0))
    return Understood(q, [])


# --- Filters -----------------------------------------------------------------------------

def _stories(user: User, filters: dict, bands: list[str]) -> QuerySet[SuccessStory]:
    """The stories the reader may see that match the filters, grade bands read from words."""
    return SuccessStory.objects.visible_to(user).matching({**filters, "grade_bands": bands})


def _insights(user: User, filters: dict, bands: list[str]) -> QuerySet[Insight]:
    """An insight's theme is its own; grade band, subject and evidence are its story's (when
    the reader may see that story); a school is the forum's or the story's."""
    insights = insights_visible_to(user)
    if filters.get("theme"):
        insights = insights.filter(themes=filters["theme"])
    story_filters = {"subject": filters.get("subject"), "evidence": filters.get("evidence")}
    if bands or any(story_filters.values()):
        insights = insights.filter(story__in=_stories(user, story_filters, bands).values("pk"))
    if filters.get("school"):
        school = filters["school"]
        insights = insights.filter(
            Q(session__cycle__forum__school=school)
            | Q(story__in=_stories(user, {"school": school}, []).values("pk")))
    return insights


# --- The page ----------------------------------------------------------------------------

@dataclass
class Result:
    kind: str  # "insight" | "story"
    item: Insight | SuccessStory


def knowledge_page(user: User, filters: dict, page: str | None,
                   per_page: int = PER_PAGE) -> tuple[Window, Understood]:
    """With words: insights and stories, best match first. Without: the newest insights."""
    understood = understand(filters.get("q", ""), filters.get("grade") or "")
    insights = _insights(user, filters, understood.grade_bands)
    number = page_number(page)
    offset = (number - 1) * per_page
    if not understood.words:
        rows = list(insights.order_by("-created_at", "-id").values_list(
            "id", flat=True)[offset:offset + per_page + 1])
        found = [("insight", pk) for pk in rows]
        query = None
    else:
        query = SearchQuery(understood.words, search_type="websearch", config=SEARCH_CONFIG)
        wanted = offset + per_page + 1
        insight_hits = [("insight", *row) for row in insights.filter(search_vector=query)
                        .annotate(rank=SearchRank(F("search_vector"), query,
                                                  weights=INSIGHT_WEIGHTS))
                        .order_by("-rank", "-created_at", "-id")
                        .values_list("id", "rank", "created_at")[:wanted]]
        # Stories as the story search ranks them: those shared with the district once for
        # every reader, the reader's own and their school's for them (successes.listing).
        story_filters = {**filters, "grade_bands": understood.grade_bands}
        roles = roles_for(user)
        story_hits = [("story", *row) for row in best_first([
            *personal_matches(user, roles, story_filters, understood.words, "district", wanted),
            *shared_matches(roles, story_filters, understood.words, "district", wanted)])]
        ranked = sorted(insight_hits + story_hits, key=lambda hit: (hit[2], hit[3], hit[1]),
                        reverse=True)
        found = [(kind, pk) for kind, pk, _rank, _created in ranked[offset:wanted]]
    shown = found[:per_page]
    results = _load(user, shown, query, understood.words)
    return Window(results, number, len(found) > per_page), understood


def _load(user: User, found: list[tuple[str, int]], query, words: str = "") -> list[Result]:
    insight_ids = [pk for kind, pk in found if kind == "insight"]
    story_ids = [pk for kind, pk in found if kind == "story"]
    insights = {i.pk: i for i in _insight_rows(user, insight_ids, query)} if insight_ids else {}
    # Through visible_to again: an id from the district's cached ranking is checked.
    stories = {s.pk: s for s in for_display(SuccessStory.objects.visible_to(user).filter(
        pk__in=story_ids))} if story_ids else {}
    for story, card in zip(stories.values(), story_cards(
            stories.values(), reader=user, roles=roles_for(user), words=words), strict=True):
        story.card = card
    tried = tried_at(insight_ids=insight_ids, story_ids=story_ids,
                     district=roles_for(user).district) if found else {}
    results = []
    for kind, pk in found:
        item = insights.get(pk) if kind == "insight" else stories.get(pk)
        if item is not None:
            item.tried_at = tried.get((kind, pk), [])
            results.append(Result(kind, item))
    return results


def _insight_rows(user: User, ids: list[int], query) -> list[Insight]:
    insights = (Insight.objects.filter(pk__in=ids)
                .select_related("session__cycle__forum__school")
                .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id", "name"))))
    if query is not None:
        insights = insights.annotate(**{
            f"{name}_headline": SearchHeadline(name, query, config=SEARCH_CONFIG,
                                               start_sel=MARK_START, stop_sel=MARK_STOP,
                                               highlight_all=True)
            for name in ("situation", "goal", "action", "because")})
    insights = list(insights)
    story_ids = {i.story_id for i in insights if i.story_id}
    visible = {s.pk: s for s in SuccessStory.objects.visible_to(user).filter(
        pk__in=story_ids).select_related("author", "school").only(*LIST_FIELDS)}
    for insight in insights:
        insight.visible_story = visible.get(insight.story_id)
    return insights


def school_of(user_ref: str, district: District) -> Subquery:
    """The school of the person in `user_ref` (their first school in the district), as the
    digest counts tries."""
    return Subquery(Membership.objects.active().filter(
        user=OuterRef(user_ref), district=district, school__isnull=False)
        .order_by("id").values("school__name")[:1])


def tried_at(*, insight_ids: list[int], story_ids: list[int],
             district: District) -> dict[tuple[str, int], list[str]]:
    """{("insight"|"story", id): [school names]} where commitments on it reported a try."""
    reports = (TryReport.objects.counted().filter(Q(commitment__insight_id__in=insight_ids)
                                                  | Q(commitment__story_id__in=story_ids))
               .annotate(school_name=school_of("commitment__user_id", district))
               .values_list("commitment__insight_id", "commitment__story_id", "school_name")
               .distinct())
    found: dict[tuple[str, int], set[str]] = {}
    wanted_insights, wanted_stories = set(insight_ids), set(story_ids)
    for insight_id, story_id, school in reports:
        if school is None:
            continue
        if insight_id in wanted_insights:
            found.setdefault(("insight", insight_id), set()).add(school)
        if story_id in wanted_stories:
            found.setdefault(("story", story_id), set()).add(school)
    return {key: sorted(names) for key, names in found.items()}


# --- The insights CSV ----------------------------------------------------------------------

CSV_HEADER = ["situation", "goal", "action", "because", "themes", "story", "school",
              "session date"]
CSV_LIMIT = 5000


def insight_rows(reader: User, start: date, end: date, *, theme=None,
                 school=None) -> list[list[str]]:
    """Insights of the period that `reader` may see (forums.access.insights_visible_to), as
    the CSV lists them. No author column, ever; a story's title only when the reader may read
    the story and it is shared with the district (digests.shared_stories_for); the forum's
    school (or the collective)."""
    district = roles_for(reader).district
    if district is None:
        return []
    insights = insights_visible_to(reader).filter(within(district, start, end))
    if theme is not None:
        insights = insights.filter(themes=theme)
    if school is not None:
        insights = insights.filter(session__cycle__forum__school=school)
    zone = zoneinfo.ZoneInfo(district.time_zone)
    insights = list(insights.select_related("story", "session__cycle__forum__school")
                    .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("name")))
                    .order_by("created_at", "id")[:CSV_LIMIT])
    named = set(shared_stories_for(reader).filter(
        pk__in={i.story_id for i in insights if i.story_id}).values_list("pk", flat=True))
    rows = []
    for insight in insights:
        forum = insight.session.cycle.forum
        rows.append([insight.situation, insight.goal, insight.action, insight.because,
                     "; ".join(t.name for t in insight.themes.all()),
                     insight.story.title if insight.story_id in named else "",
                     forum.school.name if forum.school_id else f"{forum.name} (collective)",
                     insight.session.starts_at.astimezone(zone).date().isoformat()])
    return rows


# --- A theme's stories and authors (forming a collective) -----------------------------------

THEME_STORIES_SHOWN = 40


def theme_stories(reader: User, *, theme: Theme | None = None,
                  tag: str = "") -> QuerySet[SuccessStory]:
    """Stories on a theme or free tag that the reader may read and their authors shared with
    the district (digests.shared_stories_for)."""
    stories = shared_stories_for(reader)
    if theme is not None:
        return stories.filter(themes=theme)
    return stories.filter(free_tags__contains=[tag])


def _newest(stories: QuerySet[SuccessStory]) -> QuerySet[SuccessStory]:
    return stories.order_by("-created_at", "-id")[:THEME_STORIES_SHOWN]


def stories_for_display(stories: QuerySet[SuccessStory]) -> list[SuccessStory]:
    """The newest of `stories`, each with its cross-school byline (a name only if shown)."""
    shown = list(_newest(stories.select_related("author", "school").only(*LIST_FIELDS)))
    for story in shown:
        story.byline = cross_school_byline(story)
    return shown


def named_authors(district: District, stories: QuerySet[SuccessStory],
                  exclude: User | None = None) -> QuerySet[User]:
    """Active people of the district who wrote one of the newest `stories` with their name
    shown. Someone who hid their name is never offered (nor named) here."""
    named = SuccessStory.objects.filter(pk__in=_newest(stories).values("pk"), show_name=True)
    authors = (User.objects.filter(
        Exists(Membership.objects.active().filter(user=OuterRef("pk"), district=district)),
        is_active=True, pk__in=named.values("author_id"))
        .annotate(school_name=school_of("pk", district)).order_by("name", "pk"))
    return authors.exclude(pk=exclude.pk) if exclude is not None else authors
