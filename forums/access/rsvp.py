"""Who is invited to a session (and so answers going / maybe / not going), and who reads the
answers.

- Invited: members of the session's forum in the core or engaged circle (the interested
  circle reads digests only, and gets no invitation), and the session's presenter.
- The answers, by name, are read by those who run the forum (can_manage), on the session
  page; never by other members, never outside the forum.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models import Circle, ForumMember, Rsvp, RsvpAnswer, Session, SessionState
from schools.models import User

from .forums import forums_open_to
from .sessions import SessionRole, get_session_for, presenter_naming, presents_rule

ATTENDING_CIRCLES = (Circle.CORE, Circle.ENGAGED)


def invited_rule(user: User) -> Q:
    """Sessions of forums the person attends (in the district they act in, or a cross-district
    collective of its network), or presents in."""
    attends = ForumMember.objects.filter(forum=OuterRef("cycle__forum"), user=user,
                                         circle__in=ATTENDING_CIRCLES)
    return ((Q(Exists(attends)) & Q(cycle__forum__in=forums_open_to(user)))
            | presents_rule(user))


def invited_sessions(user: User) -> QuerySet[Session]:
    return Session.objects.filter(invited_rule(user))


def is_invited(role: SessionRole) -> bool:
    """The same rule for one session whose role is already known (the session page)."""
    return role.is_presenter or (role.member is not None
                                 and role.member.circle in ATTENDING_CIRCLES)


def takes_answers(session: Session) -> bool:
    """Answers are for a session still scheduled and not over (one never run takes none)."""
    return (session.state == SessionState.SCHEDULED
            and session.starts_at + timedelta(minutes=session.minutes) > timezone.now())


def may_rsvp(user: User, session: Session) -> bool:
    return invited_sessions(user).filter(pk=session.pk).exists()


def get_invited_session(user: User, pk: int) -> Session:
    """A session the person is invited to: 404 for anyone else (even those who may read it)."""
    session = get_session_for(user, pk)
    if not may_rsvp(user, session):
        raise Http404
    return session


def answer_of(user: User, session: Session) -> str:
    """The person's answer ("" before they gave one)."""
    return Rsvp.objects.filter(session=session, user=user).values_list(
        "answer", flat=True).first() or ""


def may_see_who_is_coming(role: SessionRole) -> bool:
    return role.manages


@dataclass(frozen=True)
class AnswerGroup:
    answer: str  # an RsvpAnswer value, or "" for those who did not answer
    label: str
    names: list[str]


def who_is_coming(session: Session, reader: User, role: SessionRole) -> list[AnswerGroup]:
    """Everyone invited, by answer (going, maybe, not going, no answer yet), by name - the
    presenter as the session names them to this reader (presenter_naming). Answers of people
    no longer invited (they left the forum) are not shown."""
    invited = list(User.objects.filter(is_active=True)
                   .filter(Q(Exists(ForumMember.objects.filter(
                       forum_id=session.cycle.forum_id, user=OuterRef("pk"),
                       circle__in=ATTENDING_CIRCLES))) | Q(pk=session.presenter_id))
                   .order_by("name", "email"))
    answers = dict(Rsvp.objects.filter(session=session).values_list("user_id", "answer"))
    naming = presenter_naming(session, reader, is_member=role.is_member)
    groups = [(value, label) for value, label in RsvpAnswer.choices] + [("", _("No answer yet"))]
    return [AnswerGroup(value, label, [naming.name_of(person) for person in invited
                                       if answers.get(person.pk, "") == value])
            for value, label in groups]
