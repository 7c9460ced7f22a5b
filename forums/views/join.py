"""Finding forums to join, asking to join, withdrawing, and the facilitator's answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forums import access, queries
from forums.actions import join
from forums.join_forms import JoinAnswerForm, JoinRequestForm
from forums.models import CORE_SOFT_LIMIT, Circle
from lib.pagination import window

PAGE_SIZE = 25


@login_required
def find_forums(request: HttpRequest) -> HttpResponse:
    """My schools' forums and my district's collectives, each with what I can do there."""
    page = window(queries.forums_to_find(request.user), request.GET.get("page"),
                  PAGE_SIZE)
    return render(request, "forums/find.html", {"page": page, "interested": Circle.INTERESTED})


@login_required
def ask_to_join(request: HttpRequest, pk: int) -> HttpResponse:
    forum = access.get_joinable_forum(request.user, pk)
    if not access.may_ask_to_join(request.user, forum):
        messages.info(request, _("You already take part in “%(name)s”.") % {"name": forum.name})
        return redirect("forums:detail", pk=forum.pk)
    waiting = queries.pending_join_request(request.user, forum)
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and waiting is None and form.is_valid():
        try:
            join.ask_to_join(forum=forum, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request to join “%(name)s” was sent to its "
                                        "facilitators.") % {"name": forum.name})
            if forum.is_cross_district:
                return redirect("forums:network_collectives", pk=forum.network_id)
            return redirect("forums:find")
    return render(request, "forums/join_form.html",
                  {"forum": forum, "form": form, "waiting": waiting})


@login_required
@require_POST
def withdraw_join_request(request: HttpRequest, pk: int) -> HttpResponse:
    ask = access.get_own_join_request(request.user, pk)
    try:
        join.withdraw_join_request(request=ask)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You withdrew your request to join “%(name)s”.")
                         % {"name": ask.forum.name})
    return redirect("forums:find")


@login_required
@require_POST
def answer_join_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Only those who manage the forum answer (404 for anyone else)."""
    ask = access.get_answerable_join_request(request.user, pk)
    form = JoinAnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose to accept or decline the request."))
        accept = form.cleaned_data["answer"] == "accept"
        join.answer_join_request(request=ask, by=request.user, accept=accept,
                                 circle=form.cleaned_data["circle"] or Circle.CORE)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, (_("%(name)s joined the forum.") if accept else
                                   _("%(name)s's request was declined.")) % {"name": ask.user})
        core = queries.core_count(ask.forum)
        if accept and core > CORE_SOFT_LIMIT:
            messages.warning(request, _(
                "The core circle now has %(count)d members. Forums work best with 6-10 core "
                "members; observers can join the engaged circle instead.") % {"count": core})
    return redirect(reverse("forums:members", args=[ask.forum_id]) + "#join-requests")
