"""The network digest: what the districts of a network shared with it in a period, built for
one reader, for the page and the e-mail alike.

Rules:
- It holds only what the reader may open on the web: the network's stories and insights as
  learning.network_shares gives them to that reader. Counts, theme and tag names are drawn
  from nothing else, so a story kept to its district never shows, nor counts.
- Per theme (themes are a district's: grouped by name, in any case), the stories and insights
  shared in the period.
- A practice spreads between districts when a theme, or a tag on stories, was shared by two
  or more districts in the period: the districts are named, never people.
- A theme rises when it was shared more in this period than in the one before it (of the same
  length), by at least two districts in this period.
- Counts describe themes and practices, never people; a count under the network's threshold
  (Network.small_count, never under 3) reads "fewer than N".
- Days are the reader's district's (its time zone), as for the district digest. A story counts
  from when it was written, an insight from when it was shared with the network.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import F, Prefetch
from django.db.models.functions import Coalesce
from django.utils import timezone

from forums.access import network_insights_for
from forums.digests import shown
from forums.models import Insight
from learning.digests import period_bounds
from learning.network_shares import network_stories_for, story_names
from networks.models import Network
from schools.access import roles_for
from schools.models import User
from successes.access import byline
from successes.models import SuccessStory, Theme

LISTED = 50  # stories and insights named in one digest, each


@dataclass
class NetworkThemeGroup:
    name: str  # "" for shares without a theme
    stories: list[SuccessStory] = field(default_factory=list)
    insights: list[Insight] = field(default_factory=list)


@dataclass
class SpreadingPractice:
    """A theme (or "#tag") shared by two or more districts in the period."""

    name: str
    districts: list[str]
    shares: int
    small: int

    @property
    def shares_shown(self) -> str:
        return shown(self.shares, self.small)


@dataclass
class NetworkRisingTheme:
    name: str
    now: int
    before: int
    districts: list[str]
    small: int

    @property
    def now_shown(self) -> str:
        return shown(self.now, self.small)

    @property
    def before_shown(self) -> str:
        return shown(self.before, self.small)


@dataclass
class NetworkDigest:
    network: Network
    start: date
    end: date
    groups: list[NetworkThemeGroup]
    spreading: list[SpreadingPractice]
    rising: list[NetworkRisingTheme]
    built_at: datetime = field(default_factory=timezone.now)

    @property
    def is_empty(self) -> bool:
        return not self.groups


@dataclass
class _Tally:
    """Shares of one theme or tag: how many in each period, and by which districts now."""

    name: str
    now: int = 0
    before: int = 0
    districts: set[str] = field(default_factory=set)


def network_digest(reader: User, network: Network, start: date, end: date) -> NetworkDigest:
    """What was shared with `network` from `start` to `end` (inclusive, in the reader's
    district's days), as the reader may see it (see the module's rules). Five queries,
    whatever the network's size."""
    district = roles_for(reader).district
    if district is None:
        raise ValueError("A network digest is built for a member of a district.")
    length = (end - start).days + 1
    since = period_bounds(district, start - timedelta(days=length), end)[0]
    boundary, until = period_bounds(district, start, end)
    small = max(network.small_count, 3)
    stories = network_stories_for(reader, network)
    insights = (network_insights_for(reader, network)
                .annotate(shared_on=Coalesce("shared_with_network_at", "created_at")))
    tallies = _tallies(stories.filter(created_at__gte=since, created_at__lt=until),
                       insights.filter(shared_on__gte=since, shared_on__lt=until), boundary)
    story_list = list(
        stories.filter(created_at__gte=boundary, created_at__lt=until)
        .select_related("author", "school", "district")
        .defer("before", "what_went_right", "actions", "conditions", "why_it_worked",
               "search_vector")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id", "name")))
        .order_by("-created_at", "-id")[:LISTED])
    insight_list = list(
        insights.filter(shared_on__gte=boundary, shared_on__lt=until)
        .select_related("district").defer("search_vector")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id", "name")))
        .order_by("-shared_on", "-id")[:LISTED])
    return NetworkDigest(
        network=network, start=start, end=end,
        groups=_groups(reader, network, story_list, insight_list),
        spreading=[SpreadingPractice(t.name, sorted(t.districts), t.now, small)
                   for t in sorted(tallies.values(), key=lambda t: (-len(t.districts),
                                                                     t.name.lower()))
                   if len(t.districts) >= 2][:10],
        rising=[NetworkRisingTheme(t.name, t.now, t.before, sorted(t.districts), small)
                for t in sorted(tallies.values(), key=lambda t: (t.before - t.now,
                                                                  t.name.lower()))
                if not t.name.startswith("#") and t.now > t.before
                and len(t.districts) >= 2][:5])


def _tallies(stories, insights, boundary: datetime) -> dict[str, _Tally]:
    """{lower name: tally} of the themes and story tags shared in both periods."""
    tallies: dict[str, _Tally] = {}

    def count(name: str, when: datetime, district: str) -> None:
        tally = tallies.setdefault(name.lower(), _Tally(name))
        if when >= boundary:
            tally.now += 1
            tally.districts.add(district)
        else:
            tally.before += 1

    seen_tags: set[int] = set()
    for pk, when, district, name, tags in stories.values_list(
            "pk", "created_at", "district__name", "themes__name", "free_tags"):
        if name:
            count(name, when, district)
        if pk not in seen_tags:  # one row per theme: the tags once per story
            seen_tags.add(pk)
            for tag in tags:
                count(f"#{tag}", when, district)
    for when, district, name in (insights.filter(themes__isnull=False).annotate(
            theme_name=F("themes__name")).values_list("shared_on", "district__name",
                                                      "theme_name")):
        count(name, when, district)
    return tallies


def _groups(reader: User, network: Network, stories: list[SuccessStory],
            insights: list[Insight]) -> list[NetworkThemeGroup]:
    roles = roles_for(reader)
    named = story_names(reader, network, insights)
    groups: dict[str, NetworkThemeGroup] = defaultdict(lambda: NetworkThemeGroup(""))

    def group_of(theme: Theme | None) -> NetworkThemeGroup:
        key = theme.name.lower() if theme else ""
        if key not in groups:
            groups[key] = NetworkThemeGroup(theme.name if theme else "")
        return groups[key]

    for story in stories:
        story.byline = byline(story, roles, reader)
        for theme in list(story.themes.all()) or [None]:
            group_of(theme).stories.append(story)
    for insight in insights:
        insight.named_story = named.get(insight.story_id)
        for theme in list(insight.themes.all()) or [None]:
            group_of(theme).insights.append(insight)
    return sorted(groups.values(), key=lambda g: (not g.name, g.name.lower()))
