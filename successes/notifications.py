"""The notifications of successes (declared to notifications.registry), shown to their reader
only while they may still read the story:

- `try_intent`: a colleague wants to try your story (once per colleague and story; hidden
  once they no longer want to);
- `story_grew`: a new story grew from yours (only while you may read the new one).

A try reported on a commitment to your story is told by forums (forums.notifications).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from mail.models import EmailKind
from notifications.actions import notify
from notifications.registry import Shown, declare
from successes.models import SuccessStory, TryIntent

TRY_INTENT = "try_intent"
STORY_GREW = "story_grew"


# --- Told from successes.actions ----------------------------------------------------------

def tell_try_intent(*, story: SuccessStory, user) -> None:
    """The author hears that `user` wants to try their story (never of their own wish)."""
    notify(kind=TRY_INTENT, recipients=[story.author], district=story.district,
           target_id=story.pk, actor=user)


def tell_story_grew(story: SuccessStory) -> None:
    """A new story that grew from another: its author hears of it if they may read it."""
    origin = story.grew_from
    if origin is None or origin.author_id == story.author_id:
        return
    if SuccessStory.objects.visible_to(origin.author).filter(pk=story.pk).exists():
        notify(kind=STORY_GREW, recipients=[origin.author], district=story.district,
               target_id=story.pk, actor=story.author)


# --- Shown to their reader -----------------------------------------------------------------

def show_try_intents(notes: list, reader) -> dict[int, Shown]:
    ids = {note.target_id for note in notes}
    stories = {story.pk: story for story in SuccessStory.objects.visible_to(reader).filter(
        pk__in=ids, author=reader).only("id", "title")}
    wanting = set(TryIntent.objects.filter(story_id__in=stories, user_id__in={
        note.actor_id for note in notes}).values_list("story_id", "user_id"))
    shown = {}
    for note in notes:
        story = stories.get(note.target_id)
        if story is not None and (story.pk, note.actor_id) in wanting:
            shown[note.pk] = Shown(
                _("%(name)s wants to try your story “%(title)s”.")
                % {"name": note.actor, "title": story.title},
                reverse("successes:detail", args=[story.pk]))
    return shown


def show_grown_stories(notes: list, reader) -> dict[int, Shown]:
    grown = SuccessStory.objects.visible_to(reader).filter(
        pk__in={note.target_id for note in notes}, grew_from__author=reader).select_related(
        "grew_from").only("id", "title", "grew_from__title")
    stories = {story.pk: story for story in grown}
    return {note.pk: Shown(
        _("A new story grew from your story “%(title)s”: “%(new)s”.")
        % {"title": stories[note.target_id].grew_from.title,
           "new": stories[note.target_id].title},
        reverse("successes:detail", args=[note.target_id]))
        for note in notes if note.target_id in stories}


declare(TRY_INTENT, show=show_try_intents, email=EmailKind.STORY_NEWS, once=True)
declare(STORY_GREW, show=show_grown_stories, email=EmailKind.STORY_NEWS)
