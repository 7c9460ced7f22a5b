"""Redis connections for the whole process.

- `client()`: one shared client for small keys that are not cache entries (heartbeats,
  versions, the broadcast's publishing side).
- `SharedConnectionPool`: the cache's pool (config/settings.py). Django makes a cache object
  per thread and per async context, and each made its own pool: under ASGI every request and
  every live feed round opened a new connection. Every cache object of a process now draws on
  one pool per address and options (redis-py's pools are thread-safe, and start afresh in a
  forked child).
"""

from functools import lru_cache

import redis
from django.conf import settings


@lru_cache(maxsize=1)
def client() -> redis.Redis:
    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)


class SharedConnectionPool(redis.ConnectionPool):
    """`from_url` hands back the process's pool for that address and options."""

    @classmethod
    def from_url(cls, url: str, **options) -> redis.ConnectionPool:
        return _pool(url, tuple(sorted(options.items())))


@lru_cache(maxsize=8)
def _pool(url: str, options: tuple) -> redis.ConnectionPool:
    return redis.ConnectionPool.from_url(url, **dict(options))
