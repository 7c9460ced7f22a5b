"""Redis connections are the process's, not the request's.

Under ASGI every request, and every round of a live feed, runs in a context of its own, and
Django makes a cache object per context: each opened a new connection to Redis (a connect
per card post and per fan-out round under load).
"""

import asyncio
import contextvars

from asgiref.sync import sync_to_async
from django.core.cache import cache

from lib.redis import client


def _connections_made() -> int:
    return client().info("stats")["total_connections_received"]


def test_cache_reads_in_many_contexts_share_the_process_connections():
    async def read_in_a_context_of_its_own():
        await sync_to_async(cache.get, thread_sensitive=False)("anything")

    async def twenty_requests():
        for _ in range(20):
            await asyncio.get_running_loop().create_task(read_in_a_context_of_its_own())

    before = _connections_made()
    contextvars.Context().run(asyncio.run, twenty_requests())  # as a server's: cache unread
    assert _connections_made() - before <= 1
