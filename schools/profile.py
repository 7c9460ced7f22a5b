"""A person changes their own profile."""

from __future__ import annotations

from django.db import transaction

from schools.models import User


@transaction.atomic
def update_profile(*, user: User, name: str, time_zone: str, language: str) -> User:
    """Only the person's own name, time zone and language; the e-mail address is changed on
    allauth's address page, where it must be verified."""
    user.name, user.time_zone, user.language = name.strip(), time_zone, language
    user.save(update_fields=["name", "time_zone", "language"])
    return user
