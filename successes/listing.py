"""Building the story list and search: filters, full-text ranking, highlighted snippets.

Rules:
- Lists never count rows (lib.pagination) and cost the same queries whatever the data size.
- What is the same for every reader is worked out once: the ranking of the stories shared
  with the whole district for a search (kept under the district's story token) and each
  card's HTML (successes.cards); what only this reader may see is added for them.
"""

import hashlib

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Left
from redis.exceptions import RedisError

from lib.pagination import Window, page_number
from schools.access import roles_for
from schools.models import User
from successes.models import DISTRICT_WIDE, SEARCH_CONFIG, SuccessStory, Visibility
from successes.versions import stories_version

# What a story card shows (successes/_story_card.html, rendered by successes.cards), wherever
# stories are listed; its texts (excerpt or search snippets) are loaded only for cards not
# rendered before (`with_texts`).
LIST_FIELDS = ("id", "title", "happened_on", "grade_band", "subject", "visibility",
               "show_name", "created_at", "updated_at", "author_id", "school_id",
               "author__name", "author__email", "author__departed_at", "school__name")
# Marks are control characters, swapped for <mark> only after the text is escaped
# (the `highlight` template filter), so typed HTML can never ride along in a snippet.
MARK_START, MARK_STOP = "\x02", "\x03"
HEADLINE_OPTIONS = {"start_sel": MARK_START, "stop_sel": MARK_STOP, "max_words": 30,
                    "min_words": 12, "max_fragments": 2, "fragment_delimiter": " … "}
SEARCH_CACHE_SECONDS = 10 * 60


def for_display(stories: QuerySet[SuccessStory]) -> QuerySet[SuccessStory]:
    """What a card needs but its texts, theme names included: one query, whatever the page."""
    return stories.select_related("author", "school").only(*LIST_FIELDS).annotate(
        theme_names=ArrayAgg("themes__name", filter=Q(themes__isnull=False),
                             order_by="themes__name", default=Value([])))


def with_texts(stories: list[SuccessStory], words: str = "") -> None:
    """Give `stories` the texts their cards show: the start of "what went right", or with
    search words the matching snippets of it and of the title. One query."""
    annotations = {"excerpt": Left("what_went_right", 240)}
    if words:
        query = search_query(words)
        annotations.update(
            headline=SearchHeadline(_unmarked("what_went_right"), query, config=SEARCH_CONFIG,
                                    **HEADLINE_OPTIONS),
            title_headline=SearchHeadline(_unmarked("title"), query, config=SEARCH_CONFIG,
                                          start_sel=MARK_START, stop_sel=MARK_STOP,
                                          highlight_all=True))
    texts = {row["pk"]: row for row in SuccessStory.objects.filter(
        pk__in=[story.pk for story in stories]).annotate(**annotations).values(
        "pk", *annotations)}
    for story in stories:
        for name, value in texts.get(story.pk, {}).items():
            if name != "pk":
                setattr(story, name, value)


def search_query(words: str) -> SearchQuery:
    return SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)


def _audiences(user: User, scope: str) -> list[QuerySet[SuccessStory]]:
    """The parts of what a person may see, each served newest-first by its own index.

    Together they are exactly `SuccessStory.objects.visible_to(user)` (narrowed by scope); kept
    apart so Postgres never sorts the whole district to show the newest 25.
    """
    roles = roles_for(user)
    mine = SuccessStory.objects.alive().filter(author=user, district=roles.district)
    shared = SuccessStory.objects.alive().filter(district=roles.district)
    if scope == "mine":
        return [mine]
    school_shared = shared.filter(visibility=Visibility.SCHOOL, school_id__in=roles.school_ids)
    if scope == "school":
        return [school_shared, *(shared.filter(visibility=level, school_id__in=roles.school_ids)
                                 for level in DISTRICT_WIDE),
                mine.filter(school_id__in=roles.school_ids)]
    return [*(shared.filter(visibility=level) for level in DISTRICT_WIDE), school_shared, mine]


def newest_page(user: User, filters: dict, page: str | None, per_page: int) -> Window:
    """Newest first: the union of the audiences' newest ids, then one fetch of those rows."""
    number = page_number(page)
    wanted = number * per_page + 1
    branches = [branch.matching(filters).order_by("-created_at", "-id")
                .values_list("id", "created_at")
                for branch in _audiences(user, filters.get("scope") or "district")]
    if len(branches) > 1:
        first, *rest = (branch[:wanted] for branch in branches)
        newest = first.union(*rest).order_by("-created_at", "-id")
    else:
        newest = branches[0]
    rows = list(newest[(number - 1) * per_page:wanted])
    ids = [story_id for story_id, _created in rows[:per_page]]
    return Window(_in_order(user, ids), number, len(rows) > per_page)


def newest_district_wide(stories: QuerySet[SuccessStory], district, since, until,
                         limit: int, **filters) -> list[SuccessStory]:
    """The newest `limit` of `stories` (the caller's reader's, e.g. for a digest) among those
    shared with the whole district, created in [since, until) and matching `filters`: the
    ids newest-first from each level's index, merged, then `stories` loaded by those ids (so
    the caller's rule still decides). One query for the ids; asked as one OR of levels,
    Postgres sorted every story of the period (200 ms for a month at 2,000 schools)."""
    first, *rest = (SuccessStory.objects.alive().filter(
        district=district, visibility=level, created_at__gte=since, created_at__lt=until,
        **filters).order_by("-created_at", "-id").values_list("id", "created_at")[:limit]
        for level in DISTRICT_WIDE)
    ids = [pk for pk, _created in first.union(*rest).order_by("-created_at", "-id")[:limit]]
    found = {story.pk: story for story in stories.filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def _in_order(user: User, ids: list[int]) -> list[SuccessStory]:
    """The stories of `ids` in that order, loaded through `visible_to` again: an id ranked
    before a story was hidden (the district's cached ranking, until its token is renewed on
    commit) is dropped, never shown."""
    stories = {s.pk: s for s in for_display(SuccessStory.objects.visible_to(user).filter(
        pk__in=ids))}
    return [stories[i] for i in ids if i in stories]


def search_page(user: User, filters: dict, page: str | None, per_page: int) -> Window:
    """Best match first, over what the person may see (`SuccessStory.visible_to`), in two
    parts merged by rank: the stories shared with the whole district, ranked once for every
    reader of the district (`shared_matches`), and the few only this reader may see (their
    school's, their own), ranked for them."""
    words = filters["q"].strip()
    number = page_number(page)
    wanted = number * per_page + 1
    roles = roles_for(user)
    scope = filters.get("scope") or "district"
    rows = personal_matches(user, roles, filters, words, scope, wanted)
    if scope != "mine":
        rows += shared_matches(roles, filters, words, scope, wanted)
    rows = best_first(rows)[:wanted]
    ids = [story_id for story_id, _rank, _created in rows[(number - 1) * per_page:]]
    return Window(_in_order(user, ids[:per_page]), number, len(rows) > number * per_page)


def best_first(rows: list[tuple]) -> list[tuple]:
    """(id, rank, created_at) rows by rank, then newest; each id once (a story ranked in the
    district's cached part before it became the reader's own is ranked for them too)."""
    seen: set[int] = set()
    return [row for row in sorted(rows, key=lambda row: (row[1], row[2], row[0]), reverse=True)
            if not (row[0] in seen or seen.add(row[0]))]


def _ranked(stories: QuerySet[SuccessStory], words: str, wanted: int) -> list[tuple]:
    query = search_query(words)
    return list(stories.filter(search_vector=query)
                .annotate(rank=SearchRank(F("search_vector"), query))
                .order_by("-rank", "-created_at", "-id")
                .values_list("id", "rank", "created_at")[:wanted])


def personal_matches(user: User, roles, filters: dict, words: str, scope: str,
                      wanted: int) -> list[tuple]:
    """(id, rank, created_at) of the matches only this reader may see: their own stories and,
    unless they asked for theirs only, those shared with their schools (never the district's:
    `shared_matches` ranks those)."""
    stories = SuccessStory.objects.alive().filter(district=roles.district).matching(filters)
    if scope == "mine":
        return _ranked(stories.filter(author=user), words, wanted)
    stories = stories.exclude(visibility__in=DISTRICT_WIDE).filter(
        Q(author=user) | Q(visibility=Visibility.SCHOOL, school_id__in=roles.school_ids))
    if scope == "school":
        stories = stories.filter(school_id__in=roles.school_ids)
    return _ranked(stories, words, wanted)


def shared_matches(roles, filters: dict, words: str, scope: str, wanted: int) -> list[tuple]:
    """(id, rank, created_at) of the matching stories shared with the whole district: the same
    for every reader of the district, so ranked once and kept in Redis under the district's
    story token (successes.versions), which any change of who may see a story renews."""
    stories = SuccessStory.objects.alive().filter(
        district=roles.district, visibility__in=DISTRICT_WIDE).matching(filters)
    schools = sorted(roles.school_ids) if scope == "school" else None
    if schools is not None:
        stories = stories.filter(school_id__in=schools)
    try:
        key = "story-search:v1:{}:{}:{}".format(
            roles.district.pk, stories_version(roles.district.pk), hashlib.blake2b(
                repr((words, _filters_key(filters), schools, wanted)).encode(),
                digest_size=16).hexdigest())
        rows = cache.get(key)
    except RedisError:
        key, rows = None, None
    if rows is None:
        rows = _ranked(stories, words, wanted)
        if key is not None:
            try:
                cache.set(key, rows, SEARCH_CACHE_SECONDS)
            except RedisError:
                pass
    return rows


def _filters_key(filters: dict) -> tuple:
    """The filters `SuccessStory.objects.matching` reads, as plain values."""
    theme, school = filters.get("theme"), filters.get("school")
    return (getattr(theme, "pk", theme), filters.get("grade") or "",
            (filters.get("subject") or "").strip().lower(), getattr(school, "pk", school),
            filters.get("evidence") or "", filters.get("since"), filters.get("until"),
            tuple(filters.get("grade_bands") or ()))


def _unmarked(field: str) -> Func:
    """The text without the marks' characters: typed ones are dropped on saving
    (lib.text), but a story kept before that may still hold some."""
    return Func(F(field), Value(MARK_START + MARK_STOP), Value(""), function="translate",
                output_field=TextField())


def story_page(user: User, filters: dict, page: str | None, per_page: int = 25) -> Window:
    if (filters.get("q") or "").strip():
        return search_page(user, filters, page, per_page)
    return newest_page(user, filters, page, per_page)
