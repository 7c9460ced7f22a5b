"""Building the story list and search: filters, full-text ranking, highlighted snippets."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, Func, Prefetch, QuerySet, TextField, Value
from django.db.models.functions import Left

from lib.pagination import Window, page_number, window
from schools.access import roles_for
from schools.models import User
from successes.models import SEARCH_CONFIG, SuccessStory, Theme, Visibility

# What a story card shows (successes/_story_card.html), wherever stories are listed.
LIST_FIELDS = ("id", "title", "happened_on", "grade_band", "subject", "visibility",
               "show_name", "created_at", "author_id", "school_id", "author__name",
               "author__email", "author__departed_at", "school__name")
# Marks are control characters, swapped for <mark> only after the text is escaped
# (the `highlight` template filter), so typed HTML can never ride along in a snippet.
MARK_START, MARK_STOP = "\x02", "\x03"
HEADLINE_OPTIONS = {"start_sel": MARK_START, "stop_sel": MARK_STOP, "max_words": 30,
                    "min_words": 12, "max_fragments": 2, "fragment_delimiter": " … "}


def _for_display(stories: QuerySet[SuccessStory]) -> QuerySet[SuccessStory]:
    return stories.select_related("author", "school").only(*LIST_FIELDS).prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("id", "name")))


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
        return [school_shared, shared.filter(visibility=Visibility.DISTRICT,
                                             school_id__in=roles.school_ids),
                mine.filter(school_id__in=roles.school_ids)]
    return [shared.filter(visibility=Visibility.DISTRICT), school_shared, mine]


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
    stories = {s.pk: s for s in _for_display(SuccessStory.objects.filter(pk__in=ids)).annotate(
        excerpt=Left("what_went_right", 240))}
    return Window([stories[i] for i in ids if i in stories], number, len(rows) > per_page)


def search_page(user: User, filters: dict, page: str | None, per_page: int) -> Window:
    """Best match first, over what the person may see; snippets for the page's rows only."""
    query = SearchQuery(filters["q"].strip(), search_type="websearch", config=SEARCH_CONFIG)
    stories = SuccessStory.objects.visible_to(user).matching(filters)
    scope = filters.get("scope") or "district"
    if scope == "mine":
        stories = stories.filter(author=user)
    elif scope == "school":
        stories = stories.filter(school_id__in=roles_for(user).school_ids)
    ranked = (
        _for_display(stories.filter(search_vector=query))
        .annotate(
            rank=SearchRank(F("search_vector"), query),
            headline=SearchHeadline(_unmarked("what_went_right"), query, config=SEARCH_CONFIG,
                                    **HEADLINE_OPTIONS),
            title_headline=SearchHeadline(_unmarked("title"), query, config=SEARCH_CONFIG,
                                          start_sel=MARK_START, stop_sel=MARK_STOP,
                                          highlight_all=True),
        )
        .order_by("-rank", "-created_at", "-id")
    )
    return window(ranked, page, per_page)


def _unmarked(field: str) -> Func:
    """The text without the marks' characters: typed ones are dropped on saving
    (lib.text), but a story kept before that may still hold some."""
    return Func(F(field), Value(MARK_START + MARK_STOP), Value(""), function="translate",
                output_field=TextField())


def story_page(user: User, filters: dict, page: str | None, per_page: int = 25) -> Window:
    if (filters.get("q") or "").strip():
        return search_page(user, filters, page, per_page)
    return newest_page(user, filters, page, per_page)
