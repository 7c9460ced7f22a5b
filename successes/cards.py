"""Story cards (successes/_story_card.html) rendered once and served to every reader who sees
the same card, wherever stories are listed (the story list and search, the knowledge bank).

Rules:
- A card is cached under what it shows, not under who reads it: the language, the story's id
  and a digest of every value the card prints (title, byline, school, date, badge, theme
  names) plus, for its texts (the excerpt, or the search snippets), the moment the story was
  last saved and the search words. A story saved, a theme renamed, an author who left or hid
  their name gives another key: a card is never stale and nothing needs invalidating;
  unused cards expire. The texts are loaded (and snippets worked out) only for cards not
  cached yet (successes.listing.with_texts).
- The byline is the one part that depends on the reader (successes.access.byline: named or
  described); it is worked out for the reader before the key is made, so two readers share a
  card only when they would see the same text.
- Without Redis the cards are rendered each time.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from redis.exceptions import RedisError

from schools.access import Roles
from schools.models import User
from successes.access import byline
from successes.listing import with_texts
from successes.models import SuccessStory

log = logging.getLogger(__name__)

CARD_TEMPLATE = "successes/_story_card.html"
CARD_SECONDS = 24 * 60 * 60
KEY_VERSION = 1  # raise when _story_card.html changes what a card shows


def _shown(story: SuccessStory, words: str) -> tuple:
    """Every value the card prints (see _story_card.html), its texts by what they come from."""
    return (story.pk, story.updated_at, words, story.title, story.byline,
            story.school.name if story.school_id else "", story.happened_on,
            story.visibility, tuple(story.theme_names))


def card_key(story: SuccessStory, language: str, words: str = "") -> str:
    digest = hashlib.blake2b(repr(_shown(story, words)).encode(), digest_size=12).hexdigest()
    return f"story-card:v{KEY_VERSION}:{language}:{story.pk}:{digest}"


def story_cards(stories: Iterable[SuccessStory], *, reader: User, roles: Roles,
                words: str = "") -> list[SafeString]:
    """The cards of `stories` (loaded by successes.listing.for_display) as `reader` sees
    them, in order, with search snippets for `words` if given: from the cache when rendered
    before, else rendered now (and kept). One cache round trip each way, and one query for
    the texts of the cards not cached."""
    stories = list(stories)
    words = words.strip()
    language = get_language() or ""
    for story in stories:
        story.byline = byline(story, roles, reader)
    keys = [card_key(story, language, words) for story in stories]
    try:
        cached = cache.get_many(keys)
    except RedisError:
        log.warning("Redis unavailable: story cards are rendered for each request")
        cached = None
    cached = cached or {}
    missing = [story for key, story in zip(keys, stories, strict=True) if key not in cached]
    if missing:
        with_texts(missing, words)
    template = get_template(CARD_TEMPLATE)
    cards, fresh = [], {}
    for key, story in zip(keys, stories, strict=True):
        card = cached.get(key)
        if card is None:
            card = fresh[key] = str(template.render({"story": story}))
        cards.append(mark_safe(card))  # noqa: S308 - rendered by our template, escaped there
    if fresh:
        try:
            cache.set_many(fresh, CARD_SECONDS)
        except RedisError:
            pass
    return cards
