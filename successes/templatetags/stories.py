from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from lib import markdown
from successes.access import byline
from successes.listing import MARK_START, MARK_STOP
from successes.models import Spotlight, SuccessStory

register = template.Library()
HOME_SHOWN = 5


@register.simple_tag(takes_context=True)
def my_recent_stories(context):
    """`{% my_recent_stories as stories %}`: the reader's newest stories (the home page)."""
    return (SuccessStory.objects.alive().filter(author=context["request"].user)
            .only("id", "title", "visibility", "created_at")
            .order_by("-created_at")[:HOME_SHOWN])


@register.simple_tag(takes_context=True)
def my_spotlights(context):
    """`{% my_spotlights as spotlights %}`: colleagues' spotlights waiting for the reader."""
    return (Spotlight.objects.filter(colleague=context["request"].user,
                                     dismissed_at__isnull=True, story__isnull=True)
            .select_related("noticed_by")[:HOME_SHOWN])


@register.filter(name="markdown")
def markdown_filter(text: str):
    return markdown.render(text)


@register.simple_tag(takes_context=True)
def story_byline(context, story) -> str:
    """Who wrote it, as the reader may see it (see access.byline)."""
    return byline(story, context["my_roles"], context["request"].user)


@register.filter
def highlight(text: str):
    """A search snippet: escaped text, with the matched words in <mark>."""
    html = escape(text or "").replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added
