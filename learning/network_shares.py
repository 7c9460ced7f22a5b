"""What was shared with a network, as one reader may see it: the network's stories (listed,
filtered and searched), its insights, and the network knowledge bank.

Rules:
- A story is the network's when its author shared it "my network" with that network
  (`SuccessStory.network`). The reader sees the other districts' ones through
  `SuccessStory.objects.shared_with_network_of` (while both districts are in the network) and
  their own district's through `visible_to`: together, `readable_by` narrowed to the network.
  A story kept to its district, its school or its author is never here.
- An insight is the network's when it was shared with it and its district is still in it
  (networks.access.in_network); the story behind it is named only when that story is shared
  with the network too (a story kept to its district is in no network view, even for its own
  district's readers).
- Themes belong to districts: across a network they are grouped by name, in any case.
- Lists never count rows (lib.pagination) and cost the same queries whatever the data size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchRank
from django.db.models import F, Q, QuerySet

from forums.access import network_insights_for
from forums.models import Insight
from lib.pagination import Window, page_number
from networks.models import Network
from schools.access import roles_for
from schools.models import User
from successes.access import byline
from successes.cards import story_cards
from successes.listing import for_display, search_query
from successes.models import SuccessStory, Theme, Visibility

PER_PAGE = 20
KNOWLEDGE_LIMIT = 300  # the newest shares a knowledge bank page groups
PER_GROUP = 8


def network_stories_for(reader: User, network: Network) -> QuerySet[SuccessStory]:
    """Stories shared with `network` that the reader may read (see the module's rules)."""
    return SuccessStory.objects.readable_by(reader).filter(visibility=Visibility.NETWORK,
                                                           network=network)


def theme_names(reader: User, network: Network) -> list[str]:
    """The names of the themes on the network's stories the reader may read, each once."""
    names: dict[str, str] = {}
    for name in (Theme.objects.filter(stories__in=network_stories_for(reader, network))
                 .values_list("name", flat=True).distinct().order_by("name")):
        names.setdefault(name.lower(), name)
    return sorted(names.values(), key=str.lower)


def matching(stories: QuerySet[SuccessStory], filters: dict) -> QuerySet[SuccessStory]:
    """The network filters: a theme by name (any district's theme of that name), grade band,
    subject, and search words (Postgres full text, as the district search)."""
    if filters.get("theme"):
        stories = stories.filter(themes__name__iexact=filters["theme"]).distinct()
    stories = stories.matching({"grade": filters.get("grade"), "subject": filters.get("subject")})
    return stories


def story_page(reader: User, network: Network, filters: dict, page: str | None,
               per_page: int = PER_PAGE) -> Window:
    """One page of the network's stories, newest first (or best match first with search
    words), as cards the reader sees (bylines as successes.access.byline says)."""
    stories = matching(network_stories_for(reader, network), filters)
    words = (filters.get("q") or "").strip()
    if words:
        query = search_query(words)
        stories = (stories.filter(search_vector=query)
                   .annotate(rank=SearchRank(F("search_vector"), query))
                   .order_by("-rank", "-created_at", "-id"))
    else:
        stories = stories.order_by("-created_at", "-id")
    number = page_number(page)
    start = (number - 1) * per_page
    ids = list(stories.values_list("id", flat=True)[start:start + per_page + 1])
    shown = ids[:per_page]
    loaded = {s.pk: s for s in for_display(SuccessStory.objects.filter(pk__in=shown))
              .annotate(district_name=F("district__name"))}
    listed = [loaded[pk] for pk in shown if pk in loaded]
    cards = story_cards(listed, reader=reader, roles=roles_for(reader), words=words)
    for story, card in zip(listed, cards, strict=True):
        story.card = card
    return Window(listed, number, len(ids) > per_page)


# --- The network knowledge bank ---------------------------------------------------------

@dataclass
class KnowledgeGroup:
    """What was shared with the network under one theme name (or none)."""

    name: str
    insights: list[Insight] = field(default_factory=list)
    stories: list[SuccessStory] = field(default_factory=list)
    districts: set[str] = field(default_factory=set)
    more_stories: bool = False

    @property
    def district_names(self) -> list[str]:
        return sorted(self.districts)


def knowledge(reader: User, network: Network, *, theme: str = "") -> list[KnowledgeGroup]:
    """Insights and stories shared with the network, newest first, grouped by theme name
    (case-insensitive); a group lists its newest few (the network's story list has the
    rest). Four queries, whatever the network's size."""
    stories = network_stories_for(reader, network)
    insights = network_insights_for(reader, network)
    if theme:
        stories = stories.filter(themes__name__iexact=theme).distinct()
        insights = insights.filter(themes__name__iexact=theme).distinct()
    story_list = list(
        stories.select_related("author", "school", "district")
        .only("id", "title", "show_name", "grade_band", "subject", "school_id", "author_id",
              "district_id", "created_at", "author__name", "author__email",
              "author__departed_at", "school__name", "district__name")
        .annotate(theme_list=ArrayAgg("themes__name", filter=Q(themes__isnull=False),
                                      default=None))
        .order_by("-created_at", "-id")[:KNOWLEDGE_LIMIT])
    insight_list = list(
        insights.select_related("district").defer("search_vector")
        .annotate(theme_list=ArrayAgg("themes__name", filter=Q(themes__isnull=False),
                                      default=None))
        .order_by("-created_at", "-id")[:KNOWLEDGE_LIMIT])
    named = story_names(reader, network, insight_list)
    roles = roles_for(reader)
    groups: dict[str, KnowledgeGroup] = {}

    def group_of(name: str | None) -> KnowledgeGroup:
        key = (name or "").lower()
        return groups.setdefault(key, KnowledgeGroup(name or ""))

    for insight in insight_list:
        insight.named_story = named.get(insight.story_id)
        for name in insight.theme_list or [None]:
            if theme and (name or "").lower() != theme.lower():
                continue
            group = group_of(name)
            group.districts.add(insight.district.name)
            if len(group.insights) < PER_GROUP:
                group.insights.append(insight)
    for story in story_list:
        story.byline = byline(story, roles, reader)
        for name in story.theme_list or [None]:
            if theme and (name or "").lower() != theme.lower():
                continue
            group = group_of(name)
            group.districts.add(story.district.name)
            if len(group.stories) < PER_GROUP:
                group.stories.append(story)
            else:
                group.more_stories = True
    return sorted(groups.values(), key=lambda g: (not g.name, g.name.lower()))


def story_names(reader: User, network: Network,
                insights: list[Insight]) -> dict[int, SuccessStory]:
    """{story id: story} of the stories behind `insights` shared with `network` that the
    reader may read (`network_stories_for`)."""
    ids = {i.story_id for i in insights if i.story_id}
    if not ids:
        return {}
    return {s.pk: s for s in network_stories_for(reader, network).filter(pk__in=ids)
            .only("id", "title")}
