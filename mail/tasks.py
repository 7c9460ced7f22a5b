"""The periodic work that drives the outbox: thin tasks that call one outbox function each.

Beat runs `tick` every few minutes; it sweeps batches a dead worker left "sending" (mail.sending:
back to the queue, sent, or "uncertain", as the batch's journal tells), plans what is due (from
the database) and starts the batch senders (`mail.outbox.send_due`, kept with the outbox), which
keep going while anything is due: there is no cap per tick. Nothing relies on long-delayed
tasks.
"""

from celery import shared_task
from django.utils import timezone

from mail import outbox


@shared_task(ignore_result=True, acks_late=False)
def tick() -> dict:
    now = timezone.now()
    swept = outbox.sweep_stuck(now)
    planned = outbox.plan_everything(now)
    senders = outbox.start_sending(due_by=now)
    return {"swept": swept, "planned": planned, "senders": senders}
