"""After a session: reporting how a commitment went, and a try that worked becoming a story."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forums import live as live_state
from forums.access import may_report_try_in
from forums.models import Commitment, Session, TryOutcome, TryReport
from forums.notifications import tell_try_reported
from forums.try_links import answered_from_link
from schools.models import User
from successes.access import story_to_grow_from
from successes.actions import save_story
from successes.models import SuccessStory, Theme

REPORT_SESSION_REFUSED = gettext_lazy("A try can be reported only in a review session of the "
                                      "forum where it was committed.")


@transaction.atomic
def report_try(*, commitment: Commitment, outcome: str, what_happened: str = "",
               evidence_kind: str = "", worked: bool = False,
               session: Session | None = None) -> TryReport:
    """A report may be made in a review session of the commitment's own forum, or alone."""
    if outcome not in TryOutcome.values:
        raise ValidationError(_("Choose how it went."))
    if session is not None and not may_report_try_in(commitment, session):
        raise ValidationError(REPORT_SESSION_REFUSED)
    report = TryReport.objects.create(
        commitment=commitment, session=session, outcome=outcome,
        what_happened=what_happened.strip(), evidence_kind=evidence_kind,
        worked=worked and outcome != TryOutcome.NOT_YET)
    if session is not None:
        live_state.bump(session)
    tell_try_reported(commitment, outcome)
    return report


@transaction.atomic
def story_from_try(*, report: TryReport, author: User, title: str,
                   what_went_right: str, visibility: str) -> SuccessStory:
    """A try that worked becomes a new story that records which story it grew from - if its
    author may read that story (successes.access.story_to_grow_from); otherwise no link."""
    if report.commitment.user_id != author.pk:
        raise ValidationError(_("Only the person who tried it can tell this story."))
    origin = story_to_grow_from(author, report.commitment.story_id)
    story = save_story(author=author, story=None, themes=themes_of_try(report, origin), data={
        "title": title, "what_went_right": what_went_right, "visibility": visibility,
        "grew_from": origin,
        "evidence_kinds": [report.evidence_kind] if report.evidence_kind else []})
    report.new_story = story
    report.save(update_fields=["new_story"])
    return story


def themes_of_try(report: TryReport, origin: SuccessStory | None) -> list[Theme]:
    """The themes a story grown from a try starts with: those of the insight it tried and of
    the story it grew from (only one its author may read: `origin`), else the cycle's focus;
    only the district's active themes."""
    commitment = report.commitment
    theme_ids = set()
    if commitment.insight_id:
        theme_ids |= set(commitment.insight.themes.values_list("pk", flat=True))
    if origin is not None:
        theme_ids |= set(origin.themes.values_list("pk", flat=True))
    if not theme_ids and commitment.session.cycle.focus_theme_id:
        theme_ids.add(commitment.session.cycle.focus_theme_id)
    return list(Theme.objects.filter(pk__in=theme_ids, is_active=True,
                                     district=commitment.session.cycle.forum.district_id))


@transaction.atomic
def answer_from_link(*, commitment: Commitment, outcome: str, since) -> TryReport:
    """The one-click answer of the follow-up e-mail: answering again from the same link (a
    report of that outcome made since the link was made) returns the same report."""
    Commitment.objects.select_for_update().get(pk=commitment.pk)
    earlier = answered_from_link(commitment, outcome, since)
    return earlier or report_try(commitment=commitment, outcome=outcome)


@transaction.atomic
def add_try_details(*, report: TryReport, what_happened: str, evidence_kind: str,
                    worked: bool) -> TryReport:
    """What happened and its evidence, added after the one-click answer."""
    report.what_happened = what_happened.strip()
    report.evidence_kind = evidence_kind
    report.worked = worked and report.outcome != TryOutcome.NOT_YET
    report.save(update_fields=["what_happened", "evidence_kind", "worked"])
    return report
