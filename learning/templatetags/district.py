"""The district pages' tags: `{% query_with theme=3 page=None %}`, the page's own query string
with some filters changed (filter links stay bookmarkable and keep the other filters), and
`{% activity_rows %}`, the activity table's rows."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    params = context["request"].GET.copy()
    params.pop("page", None)
    for name, value in changes.items():
        if value in (None, ""):
            params.pop(name, None)
        else:
            params[name] = str(value)
    return f"?{params.urlencode()}"


@register.simple_tag
def activity_rows(rows, sessions_label: str, tries_label: str) -> SafeString:
    """`{% activity_rows digest.activity sessions_label tries_label %}`: a <tr> per school,
    joined in Python (a template loop renders each cell on its own, which took tens of
    milliseconds with 2,000 schools); the labels name the columns on a phone."""
    sessions, tries = escape(sessions_label), escape(tries_label)
    return mark_safe("".join(  # noqa: S308 - every value escaped here
        f'<tr><th scope="row">{escape(row.name)}</th><td data-label="{sessions}">'
        f'{escape(row.sessions)}</td><td data-label="{tries}">{escape(row.tries)}</td></tr>'
        for row in rows))
