"""Building the story list and search: filters, full-text ranking, highlighted snippets."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import Left

from schools.access import roles_for
from schools.models import User
from successes.models import SEARCH_CONFIG, SuccessStory, Theme

LIST_FIELDS = ("id", "title", "happened_on", "grade_band", "subject", "visibility",
               "show_name", "created_at", "author_id", "school_id", "author__name",
               "author__email", "school__name")
# Marks are control characters, swapped for <mark> only after the text is escaped
# (the `highlight` template filter), so typed HTML can never ride along in a snippet.
MARK_START, MARK_STOP = "\x02", "\x03"
HEADLINE_OPTIONS = {"start_sel": MARK_START, "stop_sel": MARK_STOP, "max_words": 30,
                    "min_words": 12, "max_fragments": 2, "fragment_delimiter": " … "}


def stories_for_list(user: User, filters: dict) -> QuerySet[SuccessStory]:
    """What the person may see, narrowed by the filters; newest first, or best match first."""
    roles = roles_for(user)
    stories = SuccessStory.objects.visible_to(user)
    scope = filters.get("scope") or "district"
    if scope == "mine":
        stories = stories.filter(author=user)
    elif scope == "school":
        stories = stories.filter(school_id__in=roles.school_ids)
    if filters.get("theme"):
        stories = stories.filter(themes=filters["theme"])
    if filters.get("grade"):
        stories = stories.filter(grade_band=filters["grade"])
    if filters.get("subject"):
        stories = stories.filter(subject__iexact=filters["subject"])
    if filters.get("school"):
        stories = stories.filter(school=filters["school"])
    if filters.get("evidence"):
        stories = stories.filter(evidence_kinds__contains=[filters["evidence"]])
    if filters.get("since"):
        stories = stories.filter(happened_on__gte=filters["since"])
    if filters.get("until"):
        stories = stories.filter(happened_on__lte=filters["until"])
    stories = stories.select_related("author", "school").only(*LIST_FIELDS).prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("id", "name")))
    query_text = (filters.get("q") or "").strip()
    if not query_text:
        return stories.annotate(excerpt=Left("what_went_right", 240)).order_by(
            "-created_at", "-id")
    query = SearchQuery(query_text, search_type="websearch", config=SEARCH_CONFIG)
    return (
        stories.filter(search_vector=query)
        .annotate(
            rank=SearchRank(F("search_vector"), query),
            headline=SearchHeadline("what_went_right", query, config=SEARCH_CONFIG,
                                    **HEADLINE_OPTIONS),
            title_headline=SearchHeadline("title", query, config=SEARCH_CONFIG,
                                          start_sel=MARK_START, stop_sel=MARK_STOP,
                                          highlight_all=True),
        )
        .order_by("-rank", "-created_at", "-id")
    )


def home_sections(user: User) -> dict:
    """What a person's home page shows of stories: their latest, and spotlights for them."""
    from successes.models import Spotlight  # noqa: PLC0415

    return {
        "my_recent_stories": SuccessStory.objects.alive().filter(author=user)
        .only("id", "title", "visibility", "created_at").order_by("-created_at")[:5],
        "spotlights": Spotlight.objects.filter(colleague=user, dismissed_at__isnull=True,
                                               story__isnull=True)
        .select_related("noticed_by")[:5],
    }
