"""Celery tasks: thin wrappers that take ids and call one domain function.

Beat runs `tick` every few minutes; it plans what is due (from the database) and hands due
deliveries to `send_delivery`. Nothing relies on long-delayed tasks.
"""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from forums import actions, outbox, planning
from forums.models import Session

log = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def close_stale_sessions() -> int:
    """Every 15 minutes: live sessions 12 hours past their planned end are closed."""
    return actions.close_stale_sessions()


@shared_task(ignore_result=True)
def send_delivery(delivery_id: int) -> str:
    return outbox.send(delivery_id)


def plan_everything(now=None) -> int:
    """Plan every kind of e-mail that is due around `now`. Safe to run any number of times."""
    now = now or timezone.now()
    planned = 0
    with transaction.atomic():
        invites, sessions = planning.session_invites(now)
        planned += outbox.plan(invites)
        for session_id, sequence in sessions:
            Session.objects.filter(pk=session_id, sequence=sequence).update(
                invited_sequence=sequence)
    for planner in planning.PLANNERS:
        planned += outbox.plan(planner(now))
    return planned


def dispatch(now=None) -> int:
    """Queue a send task for each due delivery. A claim stops any duplicate from sending."""
    queued = 0
    for delivery_id in outbox.due_ids(now):
        try:
            send_delivery.delay(delivery_id)
        except Exception:  # noqa: BLE001 - broker down: the rows stay pending for next tick
            log.warning("Broker unavailable; %s deliveries wait for the next tick",
                        len(outbox.due_ids(now)) - queued)
            break
        queued += 1
    return queued


@shared_task(ignore_result=True, acks_late=False)
def tick() -> dict:
    now = timezone.now()
    swept = outbox.sweep_stuck(now)
    planned = plan_everything(now)
    queued = dispatch(now)
    return {"swept": swept, "planned": planned, "queued": queued}
