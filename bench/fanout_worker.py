"""The project's Celery app (config.celery), plus a query counter for the fan-out benchmark.

    celery -A bench.fanout_worker worker ...   (with BENCH_QUERY_DIR set)

Around every `mail.outbox.send_delivery` task an `execute_wrapper` counts the queries on the
default database connection. Each pool process writes its totals, by the task's result
("sent", "not-claimed", ...), to BENCH_QUERY_DIR/<pid>.json after every task, with a
histogram of queries per task. The worker itself is unchanged: same app, same settings.
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
COUNTED = "mail.outbox.send_delivery"
_running: dict[str, QueryCounter] = {}
_totals = {"tasks": Counter(), "queries": Counter(), "histogram": Counter()}


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@task_prerun.connect
def _start(task_id=None, task=None, **_kwargs):
    if task is not None and task.name == COUNTED:
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
    result = str(retval)
    _totals["tasks"][result] += 1
    _totals["queries"][result] += counter.count
    _totals["histogram"][f"{result}:{counter.count}"] += 1
    path = OUT / f"{os.getpid()}.json"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({key: dict(value) for key, value in _totals.items()}))
    temporary.replace(path)


@worker_ready.connect
def _ready(**_kwargs):
    (OUT / "ready").write_text(str(os.getpid()))
