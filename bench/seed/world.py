"""What the scale forums are generated from: the district's people by role and school, its
themes, the shipped session protocols, and pools of stories a session can feature."""

from __future__ import annotations

import bisect
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from forums.models import ProtocolKind
from forums.protocols import shipped_protocol
from schools.models import District, Membership, Role
from successes.models import SuccessStory, Visibility


@dataclass
class Pool:
    """Stories to feature, oldest first, so one written before a date can be picked."""

    created: list[float] = field(default_factory=list)
    stories: list[tuple[int, int, int]] = field(default_factory=list)  # id, author, school

    def pick(self, rng: random.Random, before: datetime, exclude=()) -> tuple | None:
        end = bisect.bisect_left(self.created, before.timestamp())
        for _attempt in range(8):
            if end == 0:
                return None
            story = self.stories[end - 1 - rng.randrange(min(end, 300))]
            if story[1] not in exclude:
                return story
        return None


@dataclass
class World:
    """The district as the forum generator needs it, loaded once."""

    district: District
    tz: ZoneInfo
    now: datetime
    themes: dict[str, int]
    schools: list[int]
    leaders: dict[int, int]  # school -> leader
    teachers: dict[int, list[int]]  # school -> teachers
    school_of: dict[int, int]  # person -> school
    district_leader: int
    by_school_theme: dict[tuple[int, int], Pool]
    by_school: dict[int, Pool]
    shared_by_theme: dict[int, Pool]
    analysis: tuple[int, list]  # shipped template id, steps
    review: tuple[int, list]


def load_world(district: District, now: datetime) -> World:
    """Its people by role and school, its themes, and every shared story that grew from no
    other, in pools by school, by school and theme, and (shared with the district) by theme."""
    tz = ZoneInfo(district.time_zone)
    memberships = Membership.objects.active().filter(district=district).order_by("user_id")
    leaders, teachers, school_of, district_leader = {}, defaultdict(list), {}, None
    for user_id, school_id, role in memberships.values_list("user_id", "school_id", "role"):
        if role == Role.SCHOOL_LEADER:
            leaders.setdefault(school_id, user_id)
        elif role == Role.TEACHER:
            teachers[school_id].append(user_id)
        elif role == Role.DISTRICT_LEADER and district_leader is None:
            district_leader = user_id
        if school_id is not None:
            school_of.setdefault(user_id, school_id)
    if district_leader is None:
        raise SystemExit("The scale district has no district leader: "
                         "python -m bench.seed --reset.")
    themes = dict(district.themes.values_list("name", "id"))
    story_themes = defaultdict(list)
    through = SuccessStory.themes.through
    for story_id, theme_id in through.objects.filter(
            successstory__district=district).values_list("successstory_id", "theme_id"):
        story_themes[story_id].append(theme_id)
    by_school_theme, by_school, shared = defaultdict(Pool), defaultdict(Pool), defaultdict(Pool)
    stories = (SuccessStory.objects.alive().filter(district=district, grew_from__isnull=True)
               .exclude(visibility=Visibility.PRIVATE).order_by("created_at", "id")
               .values_list("id", "author_id", "school_id", "visibility", "created_at"))
    for story_id, author_id, school_id, visibility, created_at in stories.iterator(10_000):
        entry, stamp = (story_id, author_id, school_id), created_at.timestamp()
        pools = [by_school[school_id]]
        for theme_id in story_themes.get(story_id, []):
            pools.append(by_school_theme[(school_id, theme_id)])
            if visibility == Visibility.DISTRICT:
                pools.append(shared[theme_id])
        for pool in pools:
            pool.created.append(stamp)
            pool.stories.append(entry)
    analysis, review = shipped_protocol(ProtocolKind.ANALYSIS), shipped_protocol(
        ProtocolKind.REVIEW)
    return World(district, tz, now, themes, sorted(leaders), leaders, dict(teachers), school_of,
                 district_leader, by_school_theme, by_school, shared,
                 (analysis.pk, list(analysis.steps)), (review.pk, list(review.steps)))
