from celery import shared_task

from forums import actions


@shared_task(ignore_result=True)
def close_stale_sessions() -> int:
    """Every 15 minutes: live sessions 12 hours past their planned end are closed."""
    return actions.close_stale_sessions()
