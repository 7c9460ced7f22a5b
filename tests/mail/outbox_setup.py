"""A forum with e-mails to send, and one tick of the outbox run by hand (the worker tests use
a real worker)."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from forums.actions import scheduling
from forums.models import ProtocolKind
from forums.protocols import shipped_protocol
from mail import outbox

CHICAGO = ZoneInfo("America/Chicago")


def schedule(forum, starts_at, kind=ProtocolKind.ANALYSIS):
    cycle = forum.cycles.first() or scheduling.plan_cycle(
        forum=forum, title="Feedback that lands", starts_on=starts_at.date() - timedelta(days=30),
        ends_on=starts_at.date() + timedelta(days=30))
    return scheduling.schedule_session(cycle=cycle, kind=kind, starts_at=starts_at, minutes=50,
                                       protocol=shipped_protocol(kind), place="Library")


def run_outbox(now=None):
    """One tick, with the sends done here (the worker tests use a real worker)."""
    outbox.plan_everything(now)
    return [outbox.send(delivery_id) for delivery_id in outbox.due_ids(now)]
