"""A forum with e-mails to send, and one tick of the outbox run by hand (the worker tests use
a real worker)."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from forums import actions
from forums.models import ProtocolKind
from forums.protocols import shipped_protocol
from mail import outbox

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def forum(principal, school, teacher, colleague):
    forum = actions.create_forum(creator=principal, district=school.district, school=school,
                                 name="Grade 6-8 team")
    actions.add_members(forum=forum, users=[teacher, colleague], circle="core")
    return forum


def schedule(forum, starts_at, kind=ProtocolKind.ANALYSIS):
    cycle = forum.cycles.first() or actions.plan_cycle(
        forum=forum, title="Feedback that lands", starts_on=starts_at.date() - timedelta(days=30),
        ends_on=starts_at.date() + timedelta(days=30))
    return actions.schedule_session(cycle=cycle, kind=kind, starts_at=starts_at, minutes=50,
                                    protocol=shipped_protocol(kind), place="Library")


def run_outbox(now=None):
    """One tick, with the sends done here (the worker tests use a real worker)."""
    outbox.plan_everything(now)
    return [outbox.send(delivery_id) for delivery_id in outbox.due_ids(now)]
