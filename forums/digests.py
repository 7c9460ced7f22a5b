"""The cycle digest: what a forum learned in one cycle, shared by the e-mail and the web page,
and always built for one reader. The district digest is learning.digests.

Rules (DESIGN.md section 8):
- A digest holds only what its reader may open on the web: insights of forums they may see
  (forums.access.insights_open_to), stories they may read (SuccessStory.readable_by), and
  counts drawn from nothing else.
- No count or score ever describes a person; counts describe schools, themes and practices,
  and in cross-school sections (a collective's cycle digest, the district digest) a count
  under the district's threshold (District.small_count: 3 unless the district chose more,
  never less) reads "fewer than N" (`shown`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from forums.access import forums_open_to, insights_open_to
from forums.models import Commitment, Cycle, Insight, Session, SessionState, TryReport
from schools.models import MIN_SMALL_COUNT, User
from successes.models import SuccessStory

SMALL = MIN_SMALL_COUNT


def shown(count: int, small: int = SMALL) -> str:
    """A count as a cross-school section shows it: under `small` (the district's threshold,
    never below 3) it reads "fewer than `small`"."""
    small = max(small, SMALL)
    if not 0 < count < small:
        return str(count)
    if small == SMALL:  # the usual threshold keeps its own wording, translated long ago
        return _("fewer than 3")
    return _("fewer than %(n)d") % {"n": small}


# --- Cycle digest ------------------------------------------------------------------------

@dataclass
class CycleDigest:
    cycle: Cycle
    stories: list[SuccessStory]  # featured stories the reader may read
    insights: list[Insight]
    commitment_count: int
    try_count: int
    new_stories: list[SuccessStory]
    next_cycle: Cycle | None

    @property
    def cross_school(self) -> bool:
        """A collective spans schools: its small counts could point at a person."""
        return self.cycle.forum.school_id is None

    @property
    def commitments(self) -> str:
        return self._count(self.commitment_count)

    @property
    def tries(self) -> str:
        return self._count(self.try_count)

    def _count(self, count: int) -> str:
        if not self.cross_school:
            return str(count)
        return shown(count, self.cycle.forum.district.small_count)

    @property
    def is_empty(self) -> bool:
        return not (self.insights or self.commitment_count or self.try_count)


def cycle_digest(cycle: Cycle, *, reader: User) -> CycleDigest:
    """What the forum learned in one cycle, as `reader` may see it: nothing of a forum they
    may not see, and only stories they may read."""
    sessions = Session.objects.filter(cycle=cycle, state=SessionState.CLOSED,
                                      cycle__forum__in=forums_open_to(reader))
    insights = list(insights_open_to(reader).filter(session__in=sessions)
                    .prefetch_related("themes"))
    commitments = Commitment.objects.filter(session__in=sessions)
    reports = TryReport.objects.counted().filter(commitment__in=commitments)
    visible = SuccessStory.objects.readable_by(reader)
    featured = list(visible.filter(featured_in__in=sessions).distinct().select_related(
        "author", "school"))
    grown = list(visible.filter(pk__in=reports.filter(new_story__isnull=False).values(
        "new_story")).select_related("author", "school"))
    following = (Cycle.objects.filter(forum=cycle.forum_id, starts_on__gt=cycle.starts_on)
                 .order_by("starts_on").first())
    return CycleDigest(cycle, featured, insights, commitments.count(), reports.count(), grown,
                       following)
