"""Changing a cycle, ending it early, and reading its digest on the web."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forums import access, digests, queries
from forums.actions import scheduling
from forums.forms import CycleForm


@login_required
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Title, focus and dates, validated as when the cycle was planned; not once it ended."""
    cycle = access.get_managed_cycle(request.user, pk)
    today = queries.forum_today(cycle.forum)
    if scheduling.cycle_has_ended(cycle, today):
        messages.info(request, _("This cycle has ended; it can no longer be changed."))
        return redirect("forums:cycle", pk=cycle.pk)
    form = CycleForm(request.POST or None, forum=cycle.forum, initial={
        "title": cycle.title, "focus_theme": cycle.focus_theme_id,
        "starts_on": cycle.starts_on, "ends_on": cycle.ends_on})
    if request.method == "POST" and form.is_valid():
        try:
            scheduling.edit_cycle(cycle=cycle, today=today, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The cycle was changed."))
            return redirect("forums:cycle", pk=cycle.pk)
    return render(request, "forums/cycle_form.html",
                  {"forum": cycle.forum, "cycle": cycle, "form": form})


@login_required
def cycle_end(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation and says what ending early does; POST ends the cycle."""
    cycle = access.get_managed_cycle(request.user, pk)
    today = queries.forum_today(cycle.forum)
    if scheduling.cycle_has_ended(cycle, today):
        messages.info(request, _("This cycle has already ended."))
        return redirect("forums:cycle", pk=cycle.pk)
    error = None
    if request.method == "POST":
        try:
            cancelled = scheduling.end_cycle_early(cycle=cycle, today=today)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _ended_message(len(cancelled)))
            return redirect("forums:cycle", pk=cycle.pk)
    return render(request, "forums/cycle_end.html", {
        "cycle": cycle, "forum": cycle.forum, "error": error, "today": today,
        "to_cancel": queries.sessions_to_come(cycle)})


def _ended_message(cancelled: int) -> str:
    if not cancelled:
        return _("The cycle has ended. Its digest goes out tomorrow morning.")
    return ngettext(
        "The cycle has ended and %(count)d session still to come was cancelled. Its digest "
        "goes out tomorrow morning.",
        "The cycle has ended and %(count)d sessions still to come were cancelled. Its digest "
        "goes out tomorrow morning.", cancelled) % {"count": cancelled}


@login_required
def cycle_digest(request: HttpRequest, pk: int) -> HttpResponse:
    """The cycle digest the e-mail carries, for whoever may see the forum, built for them."""
    cycle = access.get_cycle_for(request.user, pk)
    today = queries.forum_today(cycle.forum)
    return render(request, "forums/cycle_digest.html", {
        "cycle": cycle, "forum": cycle.forum, "ended": queries.cycle_ended(cycle, today),
        "digest": digests.cycle_digest(cycle, reader=request.user)})
