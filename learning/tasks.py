"""Celery tasks of learning: thin wrappers that call one domain function."""

from celery import shared_task

from learning import figures


@shared_task(ignore_result=True)
def refresh_digest_figures(full: bool = False) -> int:
    """Every 10 minutes (and a full pass each night): the districts' digest figures up to
    yesterday, in each district's time zone (learning.figures.refresh)."""
    return figures.refresh_all(full=full)
