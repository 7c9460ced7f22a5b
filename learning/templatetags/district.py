"""The district pages' tags: `{% query_with theme=3 page=None %}`, the page's own query string
with some filters changed (filter links stay bookmarkable and keep the other filters), and
`{% activity_rows %}`, the activity table's rows."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

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
    return format_html_join(
        "", '<tr><th scope="row">{}</th><td data-label="{}">{}</td>'
        '<td data-label="{}">{}</td></tr>',
        ((row.name, sessions_label, row.sessions, tries_label, row.tries) for row in rows))
