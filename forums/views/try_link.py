"""The follow-up e-mail's one-click answer: opening the link changes nothing (link scanners
open links); its one button records the answer; details may follow on the same page. The
signed link is the permission (forums.try_links), for its commitment only."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from forums.actions import follow_up as follow_up_actions
from forums.follow_up_forms import TryDetailsForm
from forums.models import TryOutcome
from forums.try_links import answered_from_link, read_try_link


@require_http_methods(["GET", "HEAD", "POST"])
def try_link(request: HttpRequest, token: str) -> HttpResponse:
    commitment, outcome, since = read_try_link(token)
    details = request.method == "POST" and request.POST.get("step") == "details"
    form = TryDetailsForm(request.POST if details else None)
    if request.method == "POST" and (not details or form.is_valid()):
        report = follow_up_actions.answer_from_link(commitment=commitment, outcome=outcome,
                                                    since=since)
        if details:
            follow_up_actions.add_try_details(report=report, **form.cleaned_data)
            messages.success(request, _("Thank you: your details are saved."))
        else:
            messages.success(request, _("Recorded. Thank you!"))
        return redirect(request.path)
    report = answered_from_link(commitment, outcome, since)
    if report is not None and not details:
        form = TryDetailsForm(initial={"what_happened": report.what_happened,
                                       "evidence_kind": report.evidence_kind,
                                       "worked": report.worked})
    return render(request, "forums/try_link.html", {
        "commitment": commitment, "outcome": TryOutcome(outcome), "report": report,
        "form": form, "not_yet": outcome == TryOutcome.NOT_YET})
