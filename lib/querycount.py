"""Count the database queries each request makes, for the benchmark (`make bench`).

Active only when the setting or environment variable BENCH_QUERY_COUNT is set; otherwise
Django drops the middleware at startup, so it costs nothing in production.
"""

import os
from contextlib import ExitStack

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections

HEADER = "X-Query-Count"


class QueryCountMiddleware:
    """Sets the `X-Query-Count` response header to the number of queries the request made.

    List it first in MIDDLEWARE so the queries of every other middleware are counted too.
    Queries made while a streaming response is iterated are not counted.
    """

    def __init__(self, get_response):
        if not (getattr(settings, "BENCH_QUERY_COUNT", None)
                or os.environ.get("BENCH_QUERY_COUNT")):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        counter = QueryCounter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
        response[HEADER] = str(counter.count)
        return response


class QueryCounter:
    """An `execute_wrapper` that counts each execute() and executemany() call as one query."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)
