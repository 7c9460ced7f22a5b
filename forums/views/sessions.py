"""Scheduling sessions and choosing their story, with the presenter's consent.

Times are typed and shown in the forum's local time zone; they are stored in UTC.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forums import access, queries
from forums.actions import scheduling, story_choice
from forums.forms import SessionForm, SessionTimeForm, StoryChoiceForm
from forums.models import PresenterRequest, ProtocolKind, SessionState
from lib.pagination import window

STORY_PAGE_SIZE = 20


@login_required
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = access.get_managed_cycle(request.user, pk)
    had_analysis = cycle.sessions.filter(kind=ProtocolKind.ANALYSIS).exclude(
        state=SessionState.CANCELLED).exists()
    form = SessionForm(request.POST or None, cycle=cycle, initial={
        "kind": ProtocolKind.REVIEW if had_analysis else ProtocolKind.ANALYSIS})
    if request.method == "POST" and form.is_valid():
        session = scheduling.schedule_session(cycle=cycle, **form.schedule_kwargs())
        messages.success(request, _("The session is scheduled."))
        return redirect("forums:session", pk=session.pk)
    return render(request, "forums/session_form.html",
                  {"form": form, "cycle": cycle, "forum": cycle.forum})


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_session_for(request.user, pk)
    role = access.session_role(request.user, session)
    may_answer = access.is_invited(role) and access.takes_answers(session)
    return render(request, "forums/session_detail.html", {
        "session": session, "cycle": session.cycle, "forum": session.cycle.forum,
        "role": role, "steps": queries.steps_with_labels(session.steps),
        "may_answer": may_answer,
        "answer": access.answer_of(request.user, session) if may_answer else "",
        "coming": (access.who_is_coming(session, request.user, role)
                   if access.may_see_who_is_coming(role) else None),
        "story_visible": queries.story_visible_to(request.user, session),
        "presenter": access.presenter_naming(session, request.user,
                                             is_member=role.is_member).label,
        "latest_request": queries.latest_request(session) if role.manages else None})


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_managed_session(request.user, pk)
    if session.state != SessionState.SCHEDULED:
        messages.error(request, _("Only a scheduled session can be rescheduled."))
        return redirect("forums:session", pk=session.pk)
    local = timezone.localtime(session.starts_at, queries.forum_zone(session.cycle.forum))
    form = SessionTimeForm(request.POST or None, cycle=session.cycle, initial={
        "day": local.date(), "start": local.time(), "minutes": session.minutes,
        "place": session.place, "online_url": session.online_url})
    if request.method == "POST" and form.is_valid():
        try:
            scheduling.reschedule_session(session=session, by=request.user,
                                          **form.when_and_where())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session was updated."))
            return redirect("forums:session", pk=session.pk)
    return render(request, "forums/session_form.html", {
        "form": form, "session": session, "cycle": session.cycle,
        "forum": session.cycle.forum})


@login_required
@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_managed_session(request.user, pk)
    try:
        scheduling.cancel_session(session=session, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The session was cancelled."))
    return redirect("forums:session", pk=session.pk)


@login_required
def pick_story(request: HttpRequest, pk: int) -> HttpResponse:
    """Managers ask a story's author to present it; the story is featured once they agree."""
    session = access.get_managed_session(request.user, pk)
    forum = session.cycle.forum
    if session.state != SessionState.SCHEDULED:
        messages.error(request, _("The story can be chosen only for a scheduled session."))
        return redirect("forums:session", pk=session.pk)
    form = StoryChoiceForm(request.POST or None, user=request.user, forum=forum)
    if request.method == "POST" and form.is_valid():
        try:
            story_choice.request_presenter(session=session, story=form.cleaned_data["story"],
                                           requested_by=request.user)
        except ValidationError as error:
            form.add_error("story", error)
        else:
            messages.success(request, _("We asked the author to present “%(title)s”. The "
                                        "story is featured once they agree.")
                             % {"title": form.cleaned_data["story"].title})
            return redirect("forums:session", pk=session.pk)
    query = request.GET.get("q", "").strip()[:100]
    page = window(queries.stories_to_feature(request.user, forum, query),
                  request.GET.get("page"), STORY_PAGE_SIZE)
    template = "forums/pick_story.html#results" if request.htmx else "forums/pick_story.html"
    return render(request, template, {"session": session, "forum": forum, "form": form,
                                      "page": page, "query": query})


@login_required
def presenter_request(request: HttpRequest, pk: int) -> HttpResponse:
    """The story's author, and no one else, sees the request and answers it."""
    ask = access.get_request_for_author(request.user, pk)
    if request.method == "POST" and request.POST.get("answer") in ("accept", "decline"):
        accept = request.POST["answer"] == "accept"
        try:
            if ask.session.state != SessionState.SCHEDULED:
                raise ValidationError(_("This session is no longer scheduled."))
            story_choice.answer_presenter_request(request=ask, accept=accept)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you! You will present your story.") if accept
                             else _("Thank you for answering. Your story will not be featured."))
        return redirect("forums:presenter_request", pk=ask.pk)
    forum = ask.session.cycle.forum
    return render(request, "forums/presenter_request.html", {
        "ask": ask, "session": ask.session, "forum": forum,
        "pending": ask.status == PresenterRequest.Status.PENDING
        and ask.session.state == SessionState.SCHEDULED,
        "session_visible": access.forums_open_to(request.user).filter(pk=forum.pk).exists()})
