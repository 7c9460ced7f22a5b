"""Long staff imports, in a worker: thin tasks that take a job's id (schools.import_runs)."""

from celery import shared_task

from schools import import_runs

LONG = {"soft_time_limit": 3600, "time_limit": 3700}  # a file of many thousand lines


@shared_task(ignore_result=True, **LONG)
def check_import(job_id: int) -> None:
    import_runs.check_job(job_id)


@shared_task(ignore_result=True, **LONG)
def run_import(job_id: int) -> None:
    import_runs.run_job(job_id)


@shared_task(ignore_result=True)
def forget_old_uploads() -> int:
    return import_runs.forget_old_uploads()
