"""Building (or reusing) the whole scale district: people and stories, then forums.

Rules:
- Reuse: when the district already has at least the requested number of stories, its people
  and stories are kept (so `make bench` starts fast). Otherwise the district and its people are
  deleted and built again; `reset` forces that. The forums part is built when the district
  has no forums yet (or was rebuilt); `reset_forums` rebuilds only that part.
- Same input, same data: the random generators have fixed seeds. Dates are spread over the two
  years before the run.
- The tables are vacuumed and analyzed at the end, as autovacuum would in a running system,
  so query plans and index-only scans match a steady state.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from django.db import transaction

from bench.seed.bulk import vacuum_analyze
from bench.seed.forums import LIVE_URL, forums_present, seed_forums
from bench.seed.people import SLUG, create_district, create_schools, create_staff
from bench.seed.removal import delete_scale_district, delete_scale_forums
from bench.seed.stories import create_themes, insert_stories
from forums.models import Session
from schools.models import District, Membership, School, User
from successes.models import SuccessStory, Theme

SEED = 20_240_901
LIVE_SESSIONS = 100  # live_load uses the first 50, live_load_100 all
ANALYZED = [District, School, User, Membership, Theme, SuccessStory,
            SuccessStory.themes.through]


class ScaleSeeder:
    """Builds the district, telling how far it got (`say`) and how long it took."""

    def __init__(self, say: Callable[[str], None] = print):
        self.say = say
        self.started = time.monotonic()

    def seed(self, *, schools: int, staff: int, stories: int, cycles: int, collectives: int,
             reset: bool = False, reset_forums: bool = False) -> None:
        if staff < schools:
            raise SystemExit("--staff must be at least --schools (one leader per school).")
        existing = SuccessStory.objects.filter(district__slug=SLUG).count()
        if existing >= stories and not reset:
            self.say(f"District '{SLUG}' already has {existing} stories (>= {stories}): reused.")
        else:
            self.build_people_and_stories(schools, staff, stories)
            reset_forums = True
        district = District.objects.get(slug=SLUG)
        live = min(LIVE_SESSIONS, schools)
        if forums_present(district) and not reset_forums and live_sessions_present(district,
                                                                                   live):
            self.say(f"District '{SLUG}' already has forums: reused.")
            return
        delete_scale_forums(district.id)
        seed_forums(district, cycles=cycles, collectives=collectives,
                    live=live, say=self.say)
        self.say(f"Done in {self.elapsed():.1f} s.")

    def build_people_and_stories(self, schools: int, staff: int, stories: int) -> None:
        self.say("Deleting the previous scale district...")
        delete_scale_district()
        rng = random.Random(SEED)
        with transaction.atomic():
            district = create_district()
            school_levels = create_schools(district, schools)
            themes = create_themes(district)
            teachers = create_staff(district, school_levels, staff, rng)
            self.progress("schools, staff", schools, staff)
            insert_stories(district, teachers, themes, stories, rng, progress=self.progress)
        self.say("Vacuuming and analyzing...")
        vacuum_analyze(ANALYZED)

    def progress(self, label: str, done: int, total: int) -> None:
        self.say(f"{label} {done}/{total}  ({self.elapsed():.0f} s)")

    def elapsed(self) -> float:
        return time.monotonic() - self.started


def live_sessions_present(district: District, wanted: int) -> bool:
    """Forums seeded before the 100-session live scenario have 50 live sessions: rebuilt."""
    return Session.objects.filter(cycle__forum__district=district,
                                  online_url__startswith=LIVE_URL).count() >= wanted
