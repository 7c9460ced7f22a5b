"""`{% query_with theme=3 page=None %}`: the page's own query string with some filters changed,
so filter links stay bookmarkable and keep the other filters."""

from django import template

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
