"""One district digest e-mail for all the readers who would get exactly the same one.

A district digest is built for its reader (learning.digests): only what they may open on the
web. The readers of a whole district - its leaders and admins (`Roles.reads_district`), the
only people the digest is mailed to - may open all of it: `forums_visible_to` gives them every
forum of the district (so `insights_visible_to` every insight, and the activity and upcoming
collectives of every forum), and `shared_stories_for` every story shared with the district,
whatever their schools, forum memberships or own stories. So for one period and language
(bylines and labels are translated as the digest is built) their digest is the same: it is
built for the first of them, through the same access helpers, and shared with the others
(`readers_alike`). Anyone else gets a digest of their own.

A shared digest is kept in the worker process for at most `KEPT_FOR` seconds, and never once
any story of the district changed who may see it (the district's story token,
successes.versions): a story made private or deleted is in no later e-mail. Other changes (an
author who left, an insight removed) reach the e-mails within that minute.

For a batch of digests `prepare` loads every reader's roles and time zone at once.
"""

from __future__ import annotations

import time
from datetime import date

from django.utils import translation
from redis.exceptions import RedisError

from learning.digests import DistrictDigest
from learning.digests import district_digest as digest_for
from mail.models import Delivery
from schools.access import Roles, load_roles
from schools.models import User
from schools.timezones import time_zones_for
from successes.versions import stories_version

KEPT_FOR = 60.0
_kept: dict[tuple, tuple[float, DistrictDigest]] = {}


def readers_alike(roles: Roles) -> str | None:
    """A name shared by everyone whose district digest is the same as this reader's (see the
    module's rule), or None when theirs is their own."""
    if roles.district is None or not roles.reads_district:
        return None
    return f"readers-of-district-{roles.district.pk}"


def digest_of(reader: User, roles: Roles, start: date, end: date, *,
              token: str | None = None) -> tuple[DistrictDigest, str | None]:
    """The reader's digest of `start`-`end`, and the name under which it is shared (None when
    it is theirs alone: mail.registry.Content.shared_as). `token`: the district's story
    token, when the batch read it already."""
    alike = readers_alike(roles)
    if alike is None:
        return digest_for(reader, start, end), None
    try:
        token = token or stories_version(roles.district.pk)
    except RedisError:  # no token, no sharing: built for this reader alone
        return digest_for(reader, start, end), None
    key = (alike, start, end, translation.get_language(), token)
    now = time.monotonic()
    kept = _kept.get(key)
    if kept is None or now - kept[0] > KEPT_FOR:
        for old in [k for k, (built, _digest) in _kept.items() if now - built > KEPT_FOR]:
            del _kept[old]
        kept = _kept[key] = (now, digest_for(reader, start, end))
    return kept[1], ":".join(map(str, (*key, kept[0])))


def forget() -> None:
    """Drop every shared digest of this process (tests)."""
    _kept.clear()


def prepare(deliveries: list[Delivery]) -> None:
    """Every reader's roles (cached on them as roles_for does) and time zone
    (`Delivery.reader_zone`) in two queries for the whole batch, and each district's story
    token (`Delivery.stories_token`) read once."""
    readers = [d.recipient for d in deliveries if d.recipient is not None]
    load_roles(readers)
    zones = time_zones_for(readers)
    tokens = {}
    for district_id in {d.district_id for d in deliveries if d.district_id is not None}:
        try:
            tokens[district_id] = stories_version(district_id)
        except RedisError:
            pass
    for delivery in deliveries:
        delivery.stories_token = tokens.get(delivery.district_id)
        if delivery.recipient is not None:
            delivery.reader_zone = zones[delivery.recipient.pk]
