"""The periodic work that drives the outbox: thin tasks that call one outbox function each.

Beat runs `tick` every few minutes; it sweeps rows a dead worker left "sending" (back to the
queue, or "uncertain" if their content had left), plans what is due (from the database) and
hands due deliveries to the send task (`mail.outbox.send_delivery`, kept with the outbox that
queues it). Nothing relies on long-delayed tasks.
"""

from celery import shared_task
from django.utils import timezone

from mail import outbox


def dispatch(now=None) -> int:
    """Queue a send task for each delivery due at `now` (a batch at a time, as a tick does)."""
    return outbox.dispatch(outbox.due_ids(now))


@shared_task(ignore_result=True, acks_late=False)
def tick() -> dict:
    now = timezone.now()
    swept = outbox.sweep_stuck(now)
    planned = outbox.plan_everything(now)
    queued = dispatch(now)
    return {"swept": swept, "planned": planned, "queued": queued}
