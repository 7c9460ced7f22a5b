"""The ASGI application: every page, and the live sessions' streams (server-sent events),
which hold a connection open per page (forums/stream.py). Served by uvicorn: `make run`, and
gunicorn with uvicorn workers in production (README, "Deploying")."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Under ASGI each request runs its code in a thread of its own, so a connection kept by a
# thread would never be reused: a pool per process lends them instead (config/settings.py),
# at most DB_POOL_SIZE at once (the rest wait their turn).
os.environ.setdefault("DB_POOL_SIZE", "8")
application = get_asgi_application()
