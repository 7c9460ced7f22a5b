"""Fixtures of the e-mail tests: a forum of the named people (see outbox_setup.py)."""

from tests.mail.outbox_setup import forum  # noqa: F401
