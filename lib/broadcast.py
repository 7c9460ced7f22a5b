"""Messages to every web process, through one Redis pub/sub channel.

`publish(topic, text)` (plain code: an action's on-commit callback) sends a short message;
a process that serves streams listens with `listener().add(topic, callback)`: one Redis
connection per event loop, whatever the number of topics and streams, calling the callbacks
registered for the message's topic. Any number of processes on any number of machines get
every message.

Pub/sub keeps nothing: a message sent while a process was not connected is lost. So each
time the listener (re)connects, it calls every callback with None, meaning "you may have
missed something: look again". Callbacks run in the event loop and must not block.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Callable

import redis
import redis.asyncio as aioredis
from django.conf import settings

from lib.redis import client

logger = logging.getLogger(__name__)
Callback = Callable[[str | None], None]
RETRY_MAX_SECONDS = 5.0


def channel() -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX', 'sf')}:broadcast"


def publish(topic: str, text: str) -> None:
    """Best effort: a stream that missed it still catches up on its next resync (and the
    page's polling fallback never depended on it)."""
    try:
        client().publish(channel(), f"{topic} {text}")
    except redis.RedisError:
        logger.warning("Could not publish %s to Redis", topic, exc_info=True)


class Listener:
    """The callbacks of one event loop, and the task reading the channel for them."""

    def __init__(self) -> None:
        self.callbacks: dict[str, set[Callback]] = {}
        self.task: asyncio.Task | None = None
        self.connected = asyncio.Event()

    def add(self, topic: str, callback: Callback) -> None:
        self.callbacks.setdefault(topic, set()).add(callback)
        if self.task is None or self.task.done():
            self.task = asyncio.get_running_loop().create_task(self._listen())

    def remove(self, topic: str, callback: Callback) -> None:
        callbacks = self.callbacks.get(topic, set())
        callbacks.discard(callback)
        if not callbacks:
            self.callbacks.pop(topic, None)
        if not self.callbacks and self.task is not None:
            self.task.cancel()  # nobody listens in this process: free the connection
            self.task = None
            self.connected.clear()

    def _call(self, topic: str | None, text: str | None) -> None:
        topics = [topic] if topic is not None else list(self.callbacks)
        for name in topics:
            for callback in list(self.callbacks.get(name, ())):
                try:
                    callback(text)
                except Exception:  # one broken stream must not stop the others
                    logger.exception("A broadcast callback of %s failed", name)

    async def _listen(self) -> None:
        delay = 0.2
        while True:
            connection = aioredis.Redis.from_url(settings.REDIS_URL, health_check_interval=30)
            try:
                async with connection.pubsub(ignore_subscribe_messages=True) as pubsub:
                    await pubsub.subscribe(channel())
                    self.connected.set()
                    delay = 0.2
                    self._call(None, None)  # whatever was sent while we were away
                    async for message in pubsub.listen():
                        topic, _, text = message["data"].decode().partition(" ")
                        self._call(topic, text)
            except (redis.RedisError, OSError):
                logger.warning("Lost the Redis broadcast channel; retrying in %.1f s", delay)
            except Exception:  # the listener must outlive any surprise
                logger.exception("The Redis broadcast listener failed; retrying in %.1f s", delay)
            finally:
                self.connected.clear()
                await connection.aclose()
            await asyncio.sleep(delay)
            delay = min(delay * 2, RETRY_MAX_SECONDS)


_listeners: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Listener] = (
    weakref.WeakKeyDictionary())


def listener() -> Listener:
    """The running event loop's listener (a Redis connection belongs to one loop)."""
    loop = asyncio.get_running_loop()
    if loop not in _listeners:
        _listeners[loop] = Listener()
    return _listeners[loop]
