"""Answering a session's invitation: going, maybe or not going - in the app, or from a
calendar (an iTIP REPLY the mail provider posts to us; forums.calendar_replies reads it)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forums.access import may_rsvp, takes_answers
from forums.calendar_replies import CalendarAnswer, session_of_uid
from forums.models import Rsvp, RsvpAnswer, Session, SessionState
from schools.access import act_in
from schools.addresses import verified_owners
from schools.models import User


@transaction.atomic
def answer_invitation(*, session: Session, user: User, answer: str) -> Rsvp:
    """An invited person (callers check forums.access.may_rsvp) answers a session still to
    come; answering again replaces the answer."""
    if answer not in RsvpAnswer.values:
        raise ValidationError(_("Choose going, maybe or not going."))
    if session.state != SessionState.SCHEDULED:
        raise ValidationError(_("This session is %(state)s: it no longer takes answers.")
                              % {"state": session.get_state_display().lower()})
    if not takes_answers(session):
        raise ValidationError(_("This session is over: it no longer takes answers."))
    rsvp, _created = Rsvp.objects.update_or_create(session=session, user=user,
                                                   defaults={"answer": answer})
    return rsvp


@transaction.atomic
def record_calendar_answer(answer: CalendarAnswer) -> Rsvp | None:
    """A calendar's reply counts when it names one of our sessions (by UID) in its current
    version (a reply to an invitation since moved is stale) and comes from a verified address
    of a person invited to it, judged in the session's district. Anything else is ignored."""
    session = session_of_uid(answer.uid)
    if session is None or not takes_answers(session) or answer.sequence < session.sequence:
        return None
    district_id = session.cycle.forum.district_id
    for person in verified_owners(answer.email):
        act_in(person, district_id)
        if may_rsvp(person, session):
            return answer_invitation(session=session, user=person, answer=answer.answer)
    return None
