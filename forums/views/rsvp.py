"""Answering a session's invitation (going / maybe / not going) from Home or the session page.
With htmx the answer is swapped in place; without JavaScript the page reloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forums import access
from forums.actions import rsvp as rsvp_actions
from forums.models import RsvpAnswer
from schools.signin import is_local_path


@login_required
@require_POST
def rsvp(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_invited_session(request.user, pk)
    error = ""
    try:
        rsvp_actions.answer_invitation(session=session, user=request.user,
                                       answer=request.POST.get("answer", ""))
    except ValidationError as problem:
        error = " ".join(problem.messages)
    answer = access.answer_of(request.user, session)
    if request.htmx:
        return render(request, "forums/_rsvp.html", {
            "session": session, "answer": answer, "error": error, "saved": not error,
            "next": request.POST.get("next", ""),
            "labelled_by_title": request.POST.get("labelled_by_title") == "1"})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your answer is saved: %(answer)s.")
                         % {"answer": RsvpAnswer(answer).label})
    next_url = request.POST.get("next", "")
    if is_local_path(next_url):  # back where they answered (Home or the session page)
        return redirect(next_url)
    return redirect("forums:session", pk=session.pk)
