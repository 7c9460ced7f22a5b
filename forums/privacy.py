"""What `forums` holds about a person, for their copy of it and for their departure
(the protocol is in schools.privacy)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from forums.models import (
    Attendance,
    Card,
    Commitment,
    ForumMember,
    PresenterRequest,
    Rsvp,
    Session,
    SessionState,
    TryReport,
)
from mail.models import Delivery, DeliveryStatus
from schools.models import User
from schools.privacy import Consequence, Departure, Section
from successes.models import SuccessStory


def export(person: User) -> list[Section]:
    """Their own words and places; of the group, only the forum and session they belong to."""
    cards = Card.objects.filter(author=person).select_related("session__cycle__forum")
    commitments = list(Commitment.objects.filter(user=person)
                       .select_related("session__cycle__forum", "insight").order_by("created_at"))
    readable = dict(SuccessStory.objects.visible_to(person).filter(
        pk__in=[c.story_id for c in commitments if c.story_id]).values_list("id", "title"))
    return [
        Section("forums", [
            {"forum": m.forum.name, "circle": m.circle, "role": m.role, "joined": m.joined_at}
            for m in ForumMember.objects.filter(user=person).select_related("forum")]),
        Section("sessions_attended", [
            {**_session(a.session), "joined": a.joined_at}
            for a in Attendance.objects.filter(user=person)
            .select_related("session__cycle__forum").order_by("joined_at")]),
        Section("session_answers", [
            {**_session(r.session), "answer": r.answer, "answered": r.answered_at}
            for r in Rsvp.objects.filter(user=person)
            .select_related("session__cycle__forum").order_by("answered_at")]),
        Section("cards", [
            {**_session(card.session), "step": _step_title(card.session, card.step),
             "kind": card.kind, "text": card.text, "written": card.created_at}
            for card in cards.order_by("created_at", "id")]),
        Section("commitments", [
            {"id": c.pk, **_session(c.session), "what": c.what, "with_whom": c.with_whom,
             "due_on": c.due_on, "made": c.created_at,
             "story": readable.get(c.story_id, ""),
             "insight": str(c.insight) if c.insight else ""}
            for c in commitments]),
        Section("try_reports", [
            {"commitment": r.commitment_id, "outcome": r.outcome,
             "what_happened": r.what_happened, "evidence": r.evidence_kind,
             "worked": r.worked, "new_story": r.new_story_id, "reported": r.created_at}
            for r in TryReport.objects.filter(commitment__user=person).order_by("created_at")]),
    ]


def _session(session: Session) -> dict:
    return {"forum": session.cycle.forum.name, "cycle": session.cycle.title,
            "session": session.starts_at}


def _step_title(session: Session, step: int) -> str:
    """As the live page shows it: shipped steps in the reader's language (the download runs
    in it), a district's own as written."""
    steps = session.steps or []
    title = steps[step].get("title", "") if 0 <= step < len(steps) else ""
    return gettext(title) if title else ""  # gettext("") is the catalogue's header


# --- Departure -----------------------------------------------------------------------------

def _places(departure: Departure):
    return ForumMember.objects.filter(user=departure.person,
                                      forum__district=departure.district)


def _open_commitments(departure: Departure):
    """Not reported as tried yet ("not yet" keeps a commitment open)."""
    return Commitment.objects.open().filter(
        user=departure.person, session__cycle__forum__district=departure.district)


def departure_plan(departure: Departure) -> list[Consequence]:
    places, commitments = _places(departure).count(), _open_commitments(departure).count()
    return [
        Consequence("forums_left", places, ngettext(
            "They leave %(n)d forum.", "They leave %(n)d forums.", places) % {"n": places}),
        Consequence("commitments_withdrawn", commitments, ngettext(
            "%(n)d open commitment is withdrawn and no longer followed up; tries they "
            "reported stay in the forums' records.",
            "%(n)d open commitments are withdrawn and no longer followed up; tries they "
            "reported stay in the forums' records.", commitments) % {"n": commitments}),
    ]


@transaction.atomic
def depart(departure: Departure) -> None:
    """Leave the district's forums; nothing more is asked of them or sent to them there."""
    person, district, now = departure.person, departure.district, timezone.now()
    PresenterRequest.objects.filter(
        story__author=person, story__district=district,
        status=PresenterRequest.Status.PENDING).update(
        status=PresenterRequest.Status.WITHDRAWN, answered_at=now)
    Session.objects.filter(presenter=person, cycle__forum__district=district,
                           state=SessionState.SCHEDULED).update(presenter=None)
    _open_commitments(departure).delete()
    _places(departure).delete()
    pending = Delivery.objects.filter(recipient=person, status=DeliveryStatus.PENDING)
    if not departure.closes_login:
        pending = pending.filter(district=district)
    pending.update(status=DeliveryStatus.SKIPPED)
