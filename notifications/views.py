"""A person's notifications: the list, grouped by day in their time zone; opening one (marks
it read and goes to the thing); marking all read."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.pagination import window
from notifications import access, actions
from schools.access import roles_for

PAGE_SIZE = 30


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = window(access.notifications_for(request.user).select_related("actor"),
                  request.GET.get("page"), PAGE_SIZE)
    items, hidden = access.shown_to(request.user, page.object_list)
    actions.put_aside(notifications=hidden)
    days = [(day, list(group)) for day, group in groupby(
        items, key=lambda item: timezone.localdate(item.notification.created_at))]
    return render(request, "notifications/list.html", {
        "days": days, "page": page, "any_unread": any(item.is_unread for item in items)})


@login_required
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """A link in the list: the notification is read, and the reader goes to its thing."""
    notification = access.get_notification_for(request.user, pk)
    shown = access.shown_one(request.user, notification)
    if shown is None:
        actions.put_aside(notifications=[notification])
        raise Http404
    actions.mark_read(notification=notification)
    return redirect(shown.url)


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    district = roles_for(request.user).district
    if district is not None:
        actions.mark_all_read(user=request.user, district_id=district.pk)
    messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:list")
