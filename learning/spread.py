"""Spread: how a practice travelled - story -> sessions -> insights -> commitments -> tries ->
new stories - and, for a district, which schools learned from which.

Rules (DESIGN.md section 8):
- People are never counted: commitments and tries are counted per school (the school of the
  person, as the digest counts them), and a count under 3 reads "fewer than 3".
- Stories show only when the reader may read them (`visible_to`); sessions and insights only
  from forums the reader may see. The district picture counts tries of stories shared with the
  district only, so a story kept to its school or its author leaves no trace in it.
- Pictures are plain SVG drawn by the template from the boxes and lines laid out here; every
  picture has a table beside it that says the same.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forums.access import forums_visible_to, insights_visible_to
from forums.digests import SMALL, shown
from forums.models import Commitment, Insight, Session, SessionState, TryOutcome, TryReport
from learning.digests import school_of_people, shared_stories_for, within
from learning.knowledge import school_of
from schools.access import roles_for
from schools.models import User
from successes.models import SuccessStory

STORY_FIELDS = ("id", "title", "show_name", "grade_band", "subject", "school_id", "author_id",
                "visibility", "author__name", "author__email", "author__departed_at",
                "school__name")


# --- Trails ------------------------------------------------------------------------------

@dataclass
class SchoolTries:
    school: str
    tries: str
    as_is: str
    adapted: str
    worked: str


@dataclass
class Trail:
    story: SuccessStory | None  # None when the reader may not see it
    sessions: list[Session]
    insights: list[Insight]
    commitments: list[tuple[str, str]]  # (school, count as shown)
    tries: list[SchoolTries]
    new_stories: list[SuccessStory]


def story_trail(story: SuccessStory, reader: User) -> Trail:
    """The trail of a story the reader may see (the caller checked, see get_story_for)."""
    sessions = list(Session.objects.filter(
        Q(story=story) | Q(insights__story=story),
        cycle__forum__in=forums_visible_to(reader)).exclude(
        state=SessionState.CANCELLED).distinct()
        .select_related("cycle__forum__school").order_by("starts_at", "id"))
    insights = list(insights_visible_to(reader).filter(story=story)
                    .select_related("session__cycle__forum").order_by("created_at", "id"))
    commitments = Commitment.objects.filter(Q(story=story) | Q(insight__story=story))
    return _trail(reader, story, sessions, insights, commitments, grown=Q(grew_from=story))


def insight_trail(insight: Insight, reader: User) -> Trail:
    """The trail of one insight: its story (if the reader may see it), its session, the
    commitments made on it, their tries and the stories that grew from them."""
    story = (SuccessStory.objects.visible_to(reader).filter(pk=insight.story_id)
             .select_related("author", "school").only(*STORY_FIELDS).first()
             if insight.story_id else None)
    commitments = Commitment.objects.filter(insight=insight)
    return _trail(reader, story, [insight.session], [insight], commitments, grown=None)


def _trail(reader: User, story, sessions, insights, commitments: QuerySet[Commitment],
           grown: Q | None) -> Trail:
    district = roles_for(reader).district
    small = district.small_count
    per_school = (commitments.annotate(school_name=school_of("user_id", district))
                  .values("school_name").annotate(n=Count("id")).order_by("school_name"))
    reports = TryReport.objects.counted().filter(commitment__in=commitments)
    tries = (reports.annotate(school_name=school_of("commitment__user_id", district))
             .values("school_name").annotate(
                 n=Count("id"), as_is=Count("id", filter=Q(outcome=TryOutcome.AS_IS)),
                 adapted=Count("id", filter=Q(outcome=TryOutcome.ADAPTED)),
                 worked=Count("id", filter=Q(worked=True))).order_by("school_name"))
    new = Q(pk__in=reports.filter(new_story__isnull=False).values("new_story"))
    new_stories = list(SuccessStory.objects.visible_to(reader).filter(
        new | grown if grown is not None else new).select_related("author", "school")
        .only(*STORY_FIELDS).order_by("created_at", "id"))
    return Trail(
        story=story, sessions=sessions, insights=insights,
        commitments=[(row["school_name"] or _("District staff"), shown(row["n"], small))
                     for row in per_school],
        tries=[SchoolTries(row["school_name"] or _("District staff"), shown(row["n"], small),
                           shown(row["as_is"], small), shown(row["adapted"], small),
                           shown(row["worked"], small))
               for row in tries],
        new_stories=new_stories)


# --- Drawing -----------------------------------------------------------------------------

# Sized so that on a phone (about 360 px wide) the text is drawn at its own size.
WIDTH, MARGIN, GAP = 360, 8, 8
BOX_W, BOX_H = (WIDTH - 2 * MARGIN - GAP) // 2, 60
LINE_CHARS, LINE_HEIGHT = 21, 16
HEADING, ARROW = 24, 30
MOST_BOXES = 8  # per stage; the table lists everything


@dataclass
class Box:
    x: int
    y: int
    w: int
    h: int
    title: str  # the full text, for <title>
    lines: list[tuple[int, int, str]] = field(default_factory=list)  # (x, y, text)
    href: str = ""
    muted: bool = False


@dataclass
class Stage:
    label: str
    x: int
    y: int
    boxes: list[Box]


@dataclass
class Line:
    x1: int
    y1: int
    x2: int
    y2: int
    title: str = ""
    weight: int = 2


@dataclass
class Picture:
    width: int
    height: int
    stages: list[Stage] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)  # boxes outside stages (district picture)
    lines: list[Line] = field(default_factory=list)
    headings: list[tuple[int, int, str]] = field(default_factory=list)


def _wrap(text: str, width: int = LINE_CHARS, most: int = 2) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][:width - 1].rstrip() + "…"
    return lines


def _box(x: int, y: int, w: int, h: int, text: list[str], title: str, href: str = "",
         muted: bool = False, chars: int = LINE_CHARS) -> Box:
    lines = []
    for part in text:  # the first part may take two lines when there is room
        lines.extend(_wrap(part, chars, 2 if not lines and len(text) < 3 else 1))
    lines = lines[:3]
    first = y + (h - LINE_HEIGHT * len(lines)) // 2 + 12
    return Box(x, y, w, h, title, [(x + 8, first + i * LINE_HEIGHT, line)
                                   for i, line in enumerate(lines)], href, muted)


def _session_day(session: Session) -> str:
    day = date_format(timezone.localtime(session.starts_at), "j M Y")
    return _("%(day)s, planned") % {"day": day} if session.state == SessionState.SCHEDULED \
        else day


def trail_picture(trail: Trail) -> Picture:
    """Stages top to bottom, two boxes a row, an arrow from each stage to the next."""
    story = trail.story
    stages = [
        (_("Story"), [([story.title, story.school.name if story.school_id else ""],
                       story.title, reverse("successes:detail", args=[story.pk]))]
         if story else [([_("A story you cannot see")], _("A story you cannot see"), "")]),
        (_("Sessions"), [([s.cycle.forum.name, _session_day(s)],
                          f"{s.cycle.forum.name}, {_session_day(s)}",
                          reverse("forums:record", args=[s.pk])) for s in trail.sessions]),
        (_("Insights"), [([_("Do: %(action)s") % {"action": i.action}],
                          _("When %(s)s, to %(g)s, do %(a)s") % {
                              "s": i.situation, "g": i.goal, "a": i.action},
                          reverse("learning:insight_spread", args=[i.pk]))
                         for i in trail.insights]),
        (_("Commitments"), [([school, _("commitments:"), n],
                             _("%(school)s: commitments: %(n)s") % {"school": school, "n": n},
                             "") for school, n in trail.commitments]),
        (_("Tries"), [([t.school, _("tried: %(n)s") % {"n": t.tries},
                        _("worked: %(w)s") % {"w": t.worked}],
                       _("%(school)s: tried %(n)s (as is %(a)s, adapted %(d)s), worked "
                         "%(w)s") % {"school": t.school, "n": t.tries, "a": t.as_is,
                                      "d": t.adapted, "w": t.worked}, "")
                      for t in trail.tries]),
        (_("New stories"), [([s.title, s.school.name if s.school_id else ""], s.title,
                             reverse("successes:detail", args=[s.pk]))
                            for s in trail.new_stories]),
    ]
    picture = Picture(WIDTH, 0)
    y = MARGIN
    for n, (label, specs) in enumerate(stages):
        if n:
            picture.lines.append(Line(WIDTH // 2, y, WIDTH // 2, y + ARROW - 4))
            y += ARROW
        boxes = []
        if not specs:
            specs = [([_("None yet")], _("None yet"), "")]
            muted = True
        else:
            muted = False
        if len(specs) > MOST_BOXES:
            more = len(specs) - MOST_BOXES + 1
            specs = specs[:MOST_BOXES - 1] + [(
                [ngettext("and %(n)d more: see the table", "and %(n)d more: see the table",
                          more) % {"n": more}], _("See the table"), "")]
        heading_y = y + 16
        y += HEADING
        for i, (text, title, href) in enumerate(specs):
            col, row = i % 2, i // 2
            x = MARGIN + col * (BOX_W + GAP) if len(specs) > 1 else (WIDTH - BOX_W) // 2
            boxes.append(_box(x, y + row * (BOX_H + GAP), BOX_W, BOX_H, text, title, href,
                              muted))
        rows = (len(specs) + 1) // 2
        picture.stages.append(Stage(label, MARGIN, heading_y, boxes))
        y += rows * (BOX_H + GAP) - GAP
    picture.height = y + MARGIN
    return picture


# --- School to school ----------------------------------------------------------------------

@dataclass
class Edge:
    source: str  # the story's school
    target: str  # where it was tried
    count: int
    small: int = SMALL  # the district's threshold (District.small_count)

    @property
    def tries(self) -> str:
        return shown(self.count, self.small)


EDGES_DRAWN = 30
EDGES_LISTED = 200


def school_edges(reader: User, start: date, end: date) -> list[Edge]:
    """Tries reported in the period of stories the reader may read that are shared with the
    district (digests.shared_stories_for), from the story's school to the school of the
    person who tried it (their own school left out)."""
    district = roles_for(reader).district
    if district is None:
        return []
    shared = shared_stories_for(reader)
    rows = list(TryReport.objects.counted().filter(
        within(district, start, end), commitment__story__in=shared,
        commitment__story__school__isnull=False)
        .values_list("commitment__story__school_id", "commitment__story__school__name",
                     "commitment__user_id"))
    where = school_of_people(district, {user_id for *_rest, user_id in rows})
    counts: Counter[tuple[str, str]] = Counter()
    for school_id, school_name, user_id in rows:
        tried_at = where.get(user_id)
        if tried_at and tried_at[0] != school_id:
            counts[(school_name, tried_at[1])] += 1
    edges = [Edge(source, target, n, district.small_count)
             for (source, target), n in counts.items()]
    return sorted(edges, key=lambda e: (-e.count, e.source, e.target))[:EDGES_LISTED]


NODE_W, NODE_H, NODE_GAP = 130, 34, 10


def _weight(count: int, small: int = SMALL) -> int:
    """Line width; every small count looks the same, so no line points at one person."""
    return 2 if count < max(small, SMALL) else 4 if count < 6 else 6 if count < 12 else 8


def schools_picture(edges: list[Edge]) -> Picture:
    """Schools whose stories travelled on the left, schools that tried them on the right."""
    drawn = edges[:EDGES_DRAWN]
    sources = sorted({e.source for e in drawn})
    targets = sorted({e.target for e in drawn})
    top = MARGIN + HEADING
    picture = Picture(WIDTH, top + max(len(sources), len(targets), 1) * (NODE_H + NODE_GAP)
                      + MARGIN)
    picture.headings = [(MARGIN, MARGIN + 14, _("Story from")),
                        (WIDTH - MARGIN - NODE_W, MARGIN + 14, _("Tried at"))]
    left, right = {}, {}
    for i, name in enumerate(sources):
        box = _box(MARGIN, top + i * (NODE_H + NODE_GAP), NODE_W, NODE_H,
                   _wrap(name, 17, 1), name, chars=17)
        picture.boxes.append(box)
        left[name] = box
    for i, name in enumerate(targets):
        box = _box(WIDTH - MARGIN - NODE_W, top + i * (NODE_H + NODE_GAP), NODE_W, NODE_H,
                   _wrap(name, 17, 1), name, chars=17)
        picture.boxes.append(box)
        right[name] = box
    for edge in drawn:
        a, b = left[edge.source], right[edge.target]
        picture.lines.append(Line(
            a.x + a.w, a.y + a.h // 2, b.x - 6, b.y + b.h // 2,
            _("%(from)s to %(to)s: %(n)s tries") % {"from": edge.source, "to": edge.target,
                                                    "n": edge.tries},
            _weight(edge.count, edge.small)))
    return picture
