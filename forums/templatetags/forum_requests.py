"""`{% pending_presenter_requests as requests %}`: requests waiting for the reader's answer,
so any page (the home page) can point an author to them without a change to its view."""

from django import template

from forums.queries import pending_requests_for

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_presenter_requests(context) -> list:
    user = context["request"].user
    if not user.is_authenticated:
        return []
    return list(pending_requests_for(user)[:5])
