"""Environment for the test run, loaded as a pytest plugin (`-p tests.environment`) so it is
in place before pytest-django imports config/settings.py."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-that-is-long-enough-to-pass-checks")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("SITE_URL", "http://testserver")
os.environ.setdefault("CACHE_KEY_PREFIX", f"test{os.getpid()}")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Playwright's sync API runs an event loop in the test thread; Django's async guard would
# then refuse the test's own database calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# One test database per run, so two runs on one machine never trip over each other.
os.environ.setdefault("DATABASE_TEST_NAME", f"test_success_forums_{os.getpid()}")
# Celery closes a worker thread's connection after each task only when connections do not
# persist; otherwise a worker thread would hold the test database open at teardown.
os.environ.setdefault("DB_CONN_MAX_AGE", "0")
