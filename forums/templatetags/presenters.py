"""`{{ card.author|named:presenter }}`: a person's name as the reader may see it, where the
session's presenter may be one of them (forums.access.presenter_naming)."""

from django import template

register = template.Library()


@register.filter
def named(person, presenter) -> str:
    return presenter.name_of(person)
