"""After a session: my commitments, reporting a try, and a try that worked becoming a story.
Commitments and tries are their author's alone (forums.access.own_commitments)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forums import access
from forums.actions import follow_up as follow_up_actions
from forums.follow_up_forms import StoryFromTryForm, TryReportForm
from forums.models import TryReport
from successes.access import story_to_grow_from


@login_required
def my_commitments(request: HttpRequest) -> HttpResponse:
    commitments = (access.own_commitments(request.user).with_done()
                   .select_related("session__cycle__forum", "story")
                   .prefetch_related(Prefetch("reports", queryset=TryReport.objects.order_by(
                       "-created_at")))
                   .order_by("done", "due_on"))
    return render(request, "forums/commitments.html", {"commitments": commitments})


@login_required
def report_try(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = access.get_own_commitment(request.user, pk)
    session = None
    if request.GET.get("session", "").isdigit():
        session = access.get_session_for(request.user, int(request.GET["session"]))
    form = TryReportForm(request.POST or None, commitment=commitment, session=session,
                         initial={"outcome": request.GET.get("outcome", "")})
    if request.method == "POST" and form.is_valid():
        try:
            report = follow_up_actions.report_try(commitment=commitment, session=session,
                                                  **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for reporting how it went."))
            if report.worked:
                return redirect("forums:try_story", pk=report.pk)
            return redirect("forums:live", pk=session.pk) if session else redirect(
                "forums:commitments")
    return render(request, "forums/report_try.html",
                  {"form": form, "commitment": commitment, "session": session})


@login_required
def try_to_story(request: HttpRequest, pk: int) -> HttpResponse:
    """A try that worked becomes a new success story, linked to the story it grew from if
    its author may read that one; the page names that story only then."""
    report = access.get_own_worked_try(request.user, pk)
    if report.new_story_id:
        return redirect("successes:edit", pk=report.new_story_id)
    form = StoryFromTryForm(request.POST or None, user=request.user, initial={
        "title": report.commitment.what[:200], "what_went_right": report.what_happened})
    if request.method == "POST" and form.is_valid():
        try:
            story = follow_up_actions.story_from_try(report=report, author=request.user,
                                                     **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your new story is saved. Add the details when you "
                                        "can."))
            return redirect("successes:edit", pk=story.pk)
    return render(request, "forums/try_story.html", {
        "form": form, "report": report,
        "origin": story_to_grow_from(request.user, report.commitment.story_id)})
