"""The project's Celery app (config.celery), plus a query counter for the fan-out benchmark.

    celery -A bench.fanout_worker worker ...   (with BENCH_QUERY_DIR set)

Around every send task (`mail.outbox.send_due`, a batch; `send_delivery`, one e-mail) an
`execute_wrapper` counts the queries on the default database connection. Each pool process
writes its totals to BENCH_QUERY_DIR/<pid>.json after every task: tasks by name, messages by
the status they ended in ("sent", "not-claimed", ...), queries, and a histogram of
"messages:queries" per task. The worker itself is unchanged: same app, same settings.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from celery.signals import task_postrun, task_prerun, worker_ready
from django.db import connections

from config.celery import app  # noqa: F401 - what `celery -A` loads

OUT = Path(os.environ.get("BENCH_QUERY_DIR", "."))
COUNTED = {"mail.outbox.send_due", "mail.outbox.send_delivery"}
_running: dict[str, QueryCounter] = {}
_totals = {"tasks": Counter(), "messages": Counter(), "queries": Counter(),
           "histogram": Counter()}


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@task_prerun.connect
def _start(task_id=None, task=None, **_kwargs):
    if task is not None and task.name in COUNTED:
        counter = QueryCounter()
        connections["default"].execute_wrappers.append(counter)
        _running[task_id] = counter


@task_postrun.connect
def _stop(task_id=None, task=None, retval=None, **_kwargs):
    counter = _running.pop(task_id, None)
    if counter is None:
        return
    wrappers = connections["default"].execute_wrappers
    if counter in wrappers:
        wrappers.remove(counter)
    ended = retval if isinstance(retval, dict) else {str(retval): 1}
    _totals["tasks"][task.name.rsplit(".", 1)[-1]] += 1
    _totals["messages"].update(ended)
    _totals["queries"]["all"] += counter.count
    _totals["histogram"][f"{sum(ended.values())}:{counter.count}"] += 1
    path = OUT / f"{os.getpid()}.json"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({key: dict(value) for key, value in _totals.items()}))
    temporary.replace(path)


@worker_ready.connect
def _ready(**_kwargs):
    (OUT / "ready").write_text(str(os.getpid()))
