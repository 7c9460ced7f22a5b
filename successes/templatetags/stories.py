from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lib import markdown
from successes.access import byline
from successes.cards import story_cards as cards_for
from successes.listing import MARK_START, MARK_STOP

register = template.Library()


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


@register.simple_tag(takes_context=True)
def story_cards(context, stories, words: str = "") -> list[SafeString]:
    """`{% story_cards stories words=... as cards %}`: each story's card as the reader sees
    it (with search snippets for `words`), rendered once for everyone it looks the same to
    (successes.cards)."""
    return cards_for(stories, reader=context["request"].user, roles=context["my_roles"],
                     words=words or "")


@register.simple_tag
def options(choices, selected) -> SafeString:
    """`{% options choices selected %}`: the <option>s of a filter select, the chosen one
    marked. Joined in Python: a template loop costs a render per option, which dominated
    a list page with 200 schools."""
    chosen = "" if selected is None else str(selected)
    return mark_safe("".join(  # noqa: S308 - every value escaped here
        f'<option value="{escape(value)}"{" selected" if str(value) == chosen else ""}>'
        f"{escape(text)}</option>" for value, text in choices))
