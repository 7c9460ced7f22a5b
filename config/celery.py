import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("success_forums")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["lib"], related_name="health")


class WorkerHeartbeat(bootsteps.StartStopStep):
    """Records in Redis every few seconds that this worker is alive, for /healthz."""

    requires = {"celery.worker.components:Timer"}

    def start(self, worker):
        from lib.health import record_worker_alive  # noqa: PLC0415 - Django is set up by now

        record_worker_alive()
        self.timer = worker.timer.call_repeatedly(15.0, record_worker_alive, priority=10)

    def stop(self, worker):
        if getattr(self, "timer", None) is not None:
            self.timer.cancel()


app.steps["worker"].add(WorkerHeartbeat)
