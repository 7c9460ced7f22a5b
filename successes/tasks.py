from celery import shared_task

from successes import actions


@shared_task(ignore_result=True)
def purge_trash() -> int:
    """Daily: stories more than 30 days in their author's trash are deleted for good."""
    return actions.purge_deleted_stories()
