"""`{% unread_notifications as count %}`: the reader's unread count for the navigation's
bell (cached: notifications.unread)."""

from django import template

from notifications.unread import unread_count
from schools.access import roles_for

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    district = roles_for(user).district
    return unread_count(user, district.pk if district else None)
