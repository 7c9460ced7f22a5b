"""Celery tasks of forums: thin wrappers that call one domain function.

E-mail, forums' included, is sent by mail.tasks.
"""

from celery import shared_task

from forums.actions import live as live_actions


@shared_task(ignore_result=True)
def close_stale_sessions() -> int:
    """Every 15 minutes: live sessions 12 hours past their planned end are closed."""
    return live_actions.close_stale_sessions()
