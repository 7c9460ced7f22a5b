"""The scale district's forums, added to its schools, staff and stories: generated in memory
with a fixed random seed, then written with COPY (bench/seed/bulk.py).

- One forum per school (facilitated by the school leader, 6-9 core members, a few engaged and
  interested members) and 10 cross-school collectives (facilitated by the district leader).
- Per forum, back-to-back 8-week cycles over the last two years. Each cycle has an analysis
  session (a featured story - a quarter of school forums pick a story another school shared
  with the district, so practices spread between schools - attendance, cards on every step,
  2-4 insights tagged with themes, commitments) and a review session 4 weeks later where most
  commitments get a try report; some tries that worked became new stories ("grew from").
  Sessions in the past are closed; those ahead are scheduled (their invitations count as
  sent, so a running beat does not mail thousands of synthetic people).
- 100 LIVE sessions (the live-load benchmarks): the first 100 school forums' current analysis
  session is live on step 3 ("Uncovering the actions") with exactly 10 core members present
  (facilitator included); the first carries ~100 cards there (the facilitator-board page),
  the others ~10. Their online link starts with LIVE_URL: `make bench` re-opens them before
  it runs, as the auto-close shuts them 12 hours after their planned end.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.db import transaction
from django.utils import timezone

from bench.seed.bulk import Ref, Table, vacuum_analyze
from bench.seed.forum_texts import (
    ACTION_CARDS,
    APPLICATION_CARDS,
    CONDITION_CARDS,
    HAPPENED,
    PRACTICES,
    PRINCIPLE_CARDS,
    QUESTION_CARDS,
    REFLECTION_CARDS,
    WITH_WHOM,
)
from bench.seed.world import Pool, World, load_world
from forums.models import (
    Attendance,
    Card,
    Circle,
    Commitment,
    Cycle,
    Forum,
    ForumMember,
    ForumRole,
    Insight,
    ProtocolKind,
    Session,
    SessionState,
    TryOutcome,
    TryReport,
)
from schools.models import District
from successes.models import EvidenceKind, SuccessStory, Visibility

SEED = 20_240_902
CYCLE_DAYS = 56
LIVE_URL = "https://meet.scale.example/live/"
LIVE_STEP = 3
BOARD_CARDS = 100
ANALYZED = [Forum, ForumMember, Cycle, Session, Attendance, Card, Insight, Insight.themes.through,
            Insight.source_cards.through, Commitment, TryReport, SuccessStory,
            SuccessStory.themes.through]


class Builder:
    """Generates every row in memory, then reserves ids and COPYs table by table."""

    def __init__(self, world: World, rng: random.Random):
        self.w, self.rng = world, rng
        self.forums = Table(Forum)
        self.members = Table(ForumMember)
        self.cycles = Table(Cycle)
        self.sessions = Table(Session)
        self.attendance = Table(Attendance)
        self.cards = Table(Card)
        self.insights = Table(Insight)
        self.insight_themes = Table(Insight.themes.through)
        self.insight_cards = Table(Insight.source_cards.through)
        self.commitments = Table(Commitment)
        self.stories = Table(SuccessStory)
        self.story_themes = Table(SuccessStory.themes.through)
        self.reports = Table(TryReport)
        self.practices_by_theme = defaultdict(list)
        for practice in PRACTICES:
            for name in practice[1]:
                if name in world.themes:
                    self.practices_by_theme[world.themes[name]].append(practice)

    @property
    def tables(self) -> list[Table]:
        return [self.forums, self.members, self.cycles, self.sessions, self.attendance,
                self.cards, self.insights, self.insight_themes, self.insight_cards,
                self.commitments, self.stories, self.story_themes, self.reports]

    # --- forums and members -----------------------------------------------------------
    def build(self, *, cycles: int, collectives: int, live: int) -> None:
        rng, w = self.rng, self.w
        theme_ids = sorted(w.themes.values())
        for number, school_id in enumerate(w.schools):
            people = list(w.teachers.get(school_id, []))
            rng.shuffle(people)
            live_here = number < live
            core_size = 9 if live_here else rng.randint(5, 8)
            if len(people) < core_size:
                raise SystemExit(f"School {school_id} has too few teachers for a forum.")
            core, rest = people[:core_size], people[core_size:]
            focus = rng.choice(theme_ids)
            forum = self.forums.add(
                district_id=w.district.id, school_id=school_id, focus_theme_id=focus,
                name="Learning forum" if number % 3 else "Grade-level team",
                description="We meet every other week to study one success at a time.",
                created_by_id=w.leaders[school_id], created_at=self._past(cycles))
            members = [(w.leaders[school_id], Circle.CORE, ForumRole.FACILITATOR)]
            members += [(user, Circle.CORE, ForumRole.DOCUMENTER if i == 0 else ForumRole.MEMBER)
                        for i, user in enumerate(core)]
            members += [(user, Circle.ENGAGED, ForumRole.MEMBER) for user in rest[:2]]
            members += [(user, Circle.INTERESTED, ForumRole.MEMBER) for user in rest[2:4]]
            self._members(forum, members)
            self._cycles(forum, school_id, focus, [w.leaders[school_id], *core], cycles,
                         live_index=number if live_here else None)
        for number in range(collectives):
            focus = theme_ids[number % len(theme_ids)]
            schools = rng.sample(w.schools, min(10, len(w.schools)))
            core = [rng.choice(w.teachers[school]) for school in schools]
            co_facilitator = w.leaders[schools[0]]
            forum = self.forums.add(
                district_id=w.district.id, school_id=None, focus_theme_id=focus,
                name=f"{self._theme_name(focus)} collective",
                description="School leaders and teachers from across the district.",
                created_by_id=w.district_leader, created_at=self._past(cycles))
            self._members(forum, [(w.district_leader, Circle.CORE, ForumRole.FACILITATOR),
                                  (co_facilitator, Circle.CORE, ForumRole.CO_FACILITATOR)]
                          + [(user, Circle.CORE, ForumRole.MEMBER) for user in core
                             if user != co_facilitator])
            self._cycles(forum, None, focus, [w.district_leader, co_facilitator, *core], cycles,
                         live_index=None)

    def _theme_name(self, theme_id: int) -> str:
        return next(name for name, pk in self.w.themes.items() if pk == theme_id)

    def _past(self, cycles: int) -> datetime:
        return self.w.now - timedelta(days=cycles * CYCLE_DAYS + 30)

    def _members(self, forum: Ref, members: list[tuple[int, str, str]]) -> None:
        seen = set()
        for user, circle, role in members:
            if user not in seen:
                seen.add(user)
                self.members.add(forum_id=forum, user_id=user, circle=circle, role=role,
                                 joined_at=self._past(12))

    # --- cycles and sessions ------------------------------------------------------------
    def _cycles(self, forum: Ref, school_id: int | None, focus: int, core: list[int],
                cycles: int, live_index: int | None) -> None:
        rng, w = self.rng, self.w
        today = timezone.localtime(w.now, w.tz).date()
        current_start = today - timedelta(days=20 if live_index is not None
                                          else rng.randrange(3, 40))
        theme_ids = sorted(w.themes.values())
        for back in range(cycles - 1, -1, -1):
            starts_on = current_start - timedelta(days=back * CYCLE_DAYS)
            theme = focus if rng.random() < 0.6 else rng.choice(theme_ids)
            practice = rng.choice(self.practices_by_theme.get(theme) or PRACTICES)
            cycle = self.cycles.add(
                forum_id=forum, focus_theme_id=theme, starts_on=starts_on,
                ends_on=starts_on + timedelta(days=CYCLE_DAYS - 1),
                title=f"{self._theme_name(theme)}: what is working",
                created_at=self._at(starts_on - timedelta(days=7), 12))
            analysis_day = starts_on + timedelta(days=14 + rng.randrange(8))
            review_day = analysis_day + timedelta(days=28 + rng.randrange(-3, 4))
            if back == 0 and live_index is not None:
                self._live_session(cycle, school_id, theme, practice, core, live_index)
                self._scheduled(cycle, ProtocolKind.REVIEW, self._at(today + timedelta(days=21),
                                                                      15))
                continue
            commitments = self._analysis(cycle, school_id, theme, practice, core,
                                         self._at(analysis_day, 15, 30))
            self._review(cycle, core, commitments, self._at(review_day, 15, 30))

    def _at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, clock(hour, minute), tzinfo=self.w.tz)

    def _session(self, cycle: Ref, kind: str, starts_at: datetime, **values) -> Ref:
        template_id, steps = self.w.analysis if kind == ProtocolKind.ANALYSIS else self.w.review
        minutes = 50 if kind == ProtocolKind.ANALYSIS else 35
        values = {"state": SessionState.CLOSED, "current_step": len(steps) - 1,
                  "closed_at": starts_at + timedelta(minutes=minutes + 5),
                  "step_started_at": starts_at + timedelta(minutes=minutes - 3), **values}
        return self.sessions.add(
            cycle_id=cycle, kind=kind, starts_at=starts_at, minutes=minutes,
            place=f"Room {self.rng.randrange(100, 320)}", protocol_id=template_id, steps=steps,
            invited_sequence=0, created_at=starts_at - timedelta(days=21), **values)

    def _scheduled(self, cycle: Ref, kind: str, starts_at: datetime) -> None:
        if starts_at <= self.w.now:
            starts_at = self.w.now + timedelta(days=7)
        self._session(cycle, kind, starts_at, state=SessionState.SCHEDULED, current_step=0,
                      closed_at=None, step_started_at=None)

    def _feature(self, school_id: int | None, theme: int, before: datetime,
                 exclude=()) -> tuple | None:
        rng, w = self.rng, self.w
        if school_id is None or rng.random() < 0.25:  # a story another school shared
            return w.shared_by_theme.get(theme, Pool()).pick(rng, before, exclude)
        return (w.by_school_theme.get((school_id, theme), Pool()).pick(rng, before, exclude)
                or w.by_school[school_id].pick(rng, before, exclude))

    def _analysis(self, cycle: Ref, school_id: int | None, theme: int, practice: tuple,
                  core: list[int], starts_at: datetime) -> list[tuple[Ref, int, tuple | None]]:
        """A closed analysis session; returns its commitments (ref, person, story)."""
        rng = self.rng
        if starts_at > self.w.now:
            self._scheduled(cycle, ProtocolKind.ANALYSIS, starts_at)
            return []
        story = self._feature(school_id, theme, starts_at - timedelta(days=3))
        session = self._session(cycle, ProtocolKind.ANALYSIS, starts_at,
                                story_id=story[0] if story else None,
                                presenter_id=story[1] if story else None,
                                version=rng.randrange(30, 90))
        present = [user for user in core if rng.random() < 0.9]
        if story and story[1] not in present:
            present.append(story[1])
        for user in present:
            self.attendance.add(session_id=session, user_id=user,
                                joined_at=starts_at + timedelta(minutes=rng.randrange(3)))
        voices = [user for user in present if not story or user != story[1]] or present
        name = practice[0]
        step_cards = {}
        for step, count, kinds in ((2, rng.randint(3, 6), [("question", QUESTION_CARDS)]),
                                   (3, rng.randint(5, 12), [("action", ACTION_CARDS),
                                                            ("condition", CONDITION_CARDS)]),
                                   (5, rng.randint(2, 5), [("principle", PRINCIPLE_CARDS)]),
                                   (6, rng.randint(0, 3), [("application",
                                                             APPLICATION_CARDS)])):
            step_cards[step] = [self._card(session, step, rng.choice(voices), kinds, name,
                                           starts_at + timedelta(minutes=5 * step + i % 5))
                                for i in range(count)]
        insights = []
        for number in range(rng.randint(2, 4)):
            situation, goal = practice[2], practice[3]
            insight = self.insights.add(
                session_id=session, story_id=story[0] if story else None,
                district_id=self.w.district.id, situation=f"When {situation}",
                goal=goal, action=self._action(name, number),
                because=rng.choice(PRINCIPLE_CARDS) if rng.random() < 0.7 else "",
                created_by_id=core[0], created_at=starts_at + timedelta(minutes=40 + number))
            self.insight_themes.add(insight_id=insight, theme_id=theme)
            for extra in practice[1][1:]:
                if extra in self.w.themes and self.w.themes[extra] != theme and rng.random() < .5:
                    self.insight_themes.add(insight_id=insight, theme_id=self.w.themes[extra])
            for card in rng.sample(step_cards[3] + step_cards[5],
                                   min(2, len(step_cards[3] + step_cards[5]))):
                self.insight_cards.add(insight_id=insight, card_id=card)
            insights.append(insight)
        commitments = []
        for user in voices:
            if rng.random() < 0.8:
                commitment = self.commitments.add(
                    session_id=session, user_id=user, insight_id=rng.choice(insights),
                    story_id=story[0] if story else None,
                    what=f"Try {name} with {rng.choice(WITH_WHOM)}",
                    with_whom=rng.choice(WITH_WHOM),
                    due_on=(starts_at + timedelta(days=rng.randint(14, 26))).date(),
                    created_at=starts_at + timedelta(minutes=47))
                commitments.append((commitment, user, story,
                                    self.commitments.rows[commitment.index]["due_on"], theme))
        return commitments

    def _action(self, practice: str, number: int) -> str:
        return [f"use {practice} every day for six weeks and track who was reached",
                f"start {practice} with a small group, then widen it to the whole class",
                f"pair {practice} with a short message home each Friday",
                f"make {practice} a five-minute routine students can run themselves"][number % 4]

    def _card(self, session: Ref, step: int, author: int, kinds: list, practice: str,
              at: datetime) -> Ref:
        kind, texts = self.rng.choice(kinds)
        return self.cards.add(session_id=session, step=step, author_id=author, kind=kind,
                              text=self.rng.choice(texts).format(practice=practice),
                              created_at=at)

    def _review(self, cycle: Ref, core: list[int], commitments: list, starts_at: datetime) -> None:
        """The review session (closed when past) and the try reports on the commitments."""
        rng, now = self.rng, self.w.now
        review = None
        if starts_at <= now and commitments:
            review = self._session(cycle, ProtocolKind.REVIEW, starts_at,
                                   version=rng.randrange(10, 40))
            for user in core:
                if rng.random() < 0.85:
                    self.attendance.add(session_id=review, user_id=user, joined_at=starts_at)
            for _ in range(rng.randint(2, 6)):
                self._card(review, 1, rng.choice(core), [("reflection", REFLECTION_CARDS)],
                           "it", starts_at + timedelta(minutes=8))
        elif starts_at > now:
            self._scheduled(cycle, ProtocolKind.REVIEW, starts_at)
        for commitment, user, story, due_on, theme in commitments:
            if review is not None and rng.random() < 0.75:
                at, session = starts_at + timedelta(minutes=10 + rng.randrange(15)), review
            elif rng.random() < 0.35:
                at, session = datetime.combine(due_on + timedelta(days=rng.randrange(1, 6)),
                                               clock(17), tzinfo=self.w.tz), None
            else:
                continue
            if at > now:
                continue
            outcome = rng.choices([TryOutcome.AS_IS, TryOutcome.ADAPTED, TryOutcome.NOT_YET],
                                  [45, 35, 20])[0]
            tried = outcome != TryOutcome.NOT_YET
            worked = tried and rng.random() < 0.65
            new_story = None
            if worked and story and rng.random() < 0.25 and at + timedelta(days=5) < now:
                new_story = self._new_story(user, story, theme,
                                            at + timedelta(days=rng.randint(1, 5)))
            self.reports.add(commitment_id=commitment, session_id=session, outcome=outcome,
                             what_happened=rng.choice(HAPPENED) if tried else "",
                             evidence_kind=rng.choice(EvidenceKind.values) if tried else "",
                             worked=worked, new_story_id=new_story, created_at=at)

    def _new_story(self, author: int, grew_from: tuple, theme: int, at: datetime) -> Ref:
        rng = self.rng
        school = self.w.school_of.get(author)
        story = self.stories.add(
            author_id=author, district_id=self.w.district.id, school_id=school,
            title="Tried a colleague's practice and it worked",
            before="Before, my students were where the colleague's class had been.",
            what_went_right="After trying what a colleague shared in our forum, chronic "
                            "absence and missed work dropped in my class within a month.",
            actions="Used the same routine every day\nAdapted it to my timetable",
            happened_on=at.date() - timedelta(days=2), subject="Homeroom",
            visibility=Visibility.DISTRICT if rng.random() < 0.75 else Visibility.SCHOOL,
            show_name=rng.random() < 0.9, grew_from_id=grew_from[0], free_tags=[],
            evidence_kinds=[EvidenceKind.STUDENT_LEARNING], created_at=at, updated_at=at)
        self.story_themes.add(successstory_id=story, theme_id=theme)
        return story

    # --- the live sessions ------------------------------------------------------------
    def _live_session(self, cycle: Ref, school_id: int, theme: int, practice: tuple,
                      core: list[int], number: int) -> None:
        rng, now = self.rng, self.w.now
        story = self._feature(school_id, theme, now - timedelta(days=3), exclude=set(core))
        session = self._session(
            cycle, ProtocolKind.ANALYSIS, now - timedelta(minutes=20),
            state=SessionState.LIVE, current_step=LIVE_STEP, closed_at=None,
            step_started_at=now - timedelta(minutes=2), online_url=f"{LIVE_URL}{number + 1}",
            story_id=story[0] if story else None, presenter_id=story[1] if story else None,
            version=1)
        present = [*core] + ([story[1]] if story else [])
        for user in present:
            self.attendance.add(session_id=session, user_id=user, joined_at=now)
        start = now - timedelta(minutes=15)
        for i in range(4):
            self._card(session, 2, rng.choice(core), [("question", QUESTION_CARDS)],
                       practice[0], start + timedelta(seconds=20 * i))
        on_step = BOARD_CARDS if number == 0 else 10
        for i in range(on_step):
            self._card(session, LIVE_STEP, rng.choice(core),
                       [("action", ACTION_CARDS), ("condition", CONDITION_CARDS)], practice[0],
                       start + timedelta(minutes=5, seconds=5 * i))
        self.sessions.rows[session.index]["version"] = 4 + on_step + len(present)

    def write(self, say) -> dict[str, int]:
        for table in self.tables:
            table.reserve()
        counts = {}
        for table in self.tables:
            counts[table.model._meta.db_table] = table.write()
            say(f"  {table.model._meta.db_table}: {counts[table.model._meta.db_table]}")
        return counts


def forums_present(district: District) -> bool:
    return Forum.objects.filter(district=district).exists()


def seed_forums(district: District, *, cycles: int = 12, collectives: int = 10, live: int = 50,
                say=print) -> dict[str, int]:
    """Build the forums part for `district` (already holding schools, staff and stories)."""
    started = time.monotonic()
    with transaction.atomic():
        world = load_world(district, timezone.now())
        if len(world.schools) < live:
            raise SystemExit(f"{live} live sessions need at least {live} schools.")
        say(f"Forums: loaded {sum(len(p.stories) for p in world.by_school.values())} "
            f"stories to feature ({time.monotonic() - started:.0f} s)")
        builder = Builder(world, random.Random(SEED))
        builder.build(cycles=cycles, collectives=collectives, live=live)
        say(f"Forums: generated ({time.monotonic() - started:.0f} s); writing...")
        counts = builder.write(say)
    vacuum_analyze(ANALYZED)
    say(f"Forums done in {time.monotonic() - started:.1f} s.")
    return counts
