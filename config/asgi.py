"""The ASGI application: every page, and the live sessions' streams (server-sent events),
which hold a connection open per page (forums/stream.py). Served by uvicorn: `make run`, and
gunicorn with uvicorn workers in production (README, "Deploying")."""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Under ASGI each request runs its code in a thread of its own, so a connection kept by a
# thread would never be reused: a pool per process lends them instead (config/settings.py),
# at most DB_POOL_SIZE at once (the rest wait their turn).
os.environ.setdefault("DB_POOL_SIZE", "8")
application = get_asgi_application()

# A process here holds hundreds of open streams (each with its request) and makes garbage
# quickly: with Python's default thresholds the cyclic collector paused it for 250-700 ms
# every few seconds at 1,000 phones (bench/README.md, "Live load"). What loading Django made
# lives as long as the process and is never scanned again (freeze); young objects get far
# more room before a collection, so request garbage dies young and full collections are rare.
gc.freeze()
gc.set_threshold(50_000, 20, 100)
