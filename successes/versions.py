"""A token per district that changes whenever who may see one of its stories may have changed:
a story saved (its visibility, tags or themes), moved to the trash or restored. Caches of
anything drawn from a district's stories put the token in their key (learning.digests), so such a
change shows everywhere at once instead of when the cache expires.

The token lives in Redis and is random: a token lost with Redis (restart, eviction) is replaced
by a new one, which never meets an entry cached under an older one.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.db import transaction
from redis.exceptions import RedisError

from lib.redis import client

log = logging.getLogger(__name__)


def _key(district_id: int) -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX', 'sf')}:stories-version:{district_id}"


def stories_version(district_id: int) -> str:
    """The district's current token. Raises RedisError when Redis is out of reach: then nothing
    can be cached either."""
    key = _key(district_id)
    version = client().get(key)
    if version is None:
        fresh = secrets.token_hex(8)
        client().set(key, fresh, nx=True)
        version = client().get(key) or fresh.encode()
    return version.decode()


def stories_changed(district_id: int) -> None:
    """Give the district a new token once the current transaction commits: an entry built from
    what was read before the commit is then never found again."""

    def renew() -> None:
        try:
            client().set(_key(district_id), secrets.token_hex(8))
        except RedisError:
            log.warning("Redis unavailable: cached district figures may stay up to 5 minutes")

    transaction.on_commit(renew)
