import time

import pytest
import redis

from lib import health
from lib.redis import client as redis_client


@pytest.fixture(autouse=True)
def _no_heartbeats(db):
    redis_client().delete(health.WORKER_KEY, health.BEAT_KEY)


def test_all_parts_ok_gives_200(client):
    health.record_worker_alive()
    health.heartbeat()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "ok", "worker": "ok", "beat": "ok"}


def test_no_worker_seen_gives_503_naming_it(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == "error: never seen"
    assert response.json()["database"] == "ok"


def test_stale_beat_is_named(client):
    health.record_worker_alive()
    redis_client().set(health.BEAT_KEY, time.time() - 600)
    body = client.get("/healthz").json()
    assert body["worker"] == "ok" and body["beat"].startswith("error: last seen")


def test_redis_down_is_named(client, settings, monkeypatch):
    monkeypatch.setattr(health, "client", lambda: redis.Redis(port=1, socket_connect_timeout=0.2))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"].startswith("error")
    assert response.json()["database"] == "ok"


def test_healthz_is_cheap(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        client.get("/healthz")
