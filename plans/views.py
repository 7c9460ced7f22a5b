"""A person's learning plan: writing it, checking in, evidence, sharing it with a triad and
their comments. Every plan is fetched through plans.access (404 for anyone else)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans import access, actions, checkins
from plans.forms import (
    CheckInForm,
    CommentForm,
    EvidenceForm,
    FindColleagueForm,
    PlanForm,
    ShareForm,
)
from plans.models import LearningPlan
from schools.access import roles_for

SEARCH_SHOWN = 10


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """My current plan, my earlier ones, and the plans colleagues shared with me."""
    mine = (access.plans_visible_to(request.user).filter(owner=request.user)
            .prefetch_related("competencies"))
    plans = list(mine)
    return render(request, "plans/home.html", {
        "current": next((p for p in plans if p.is_current), None),
        "earlier": [p for p in plans if not p.is_current],
        "shared": access.shared_with(request.user).select_related("owner"),
        "may_start": roles_for(request.user).district is not None})


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    district = roles_for(request.user).district
    if district is None:
        raise Http404
    current = access.current_plan_of(request.user)
    if current is not None:
        messages.info(request, _("This is your learning plan. Close it to start a new one."))
        return redirect("plans:detail", pk=current.pk)
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = actions.start_plan(owner=request.user, district=district,
                                      **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your learning plan is saved. Only you can read it "
                                        "until you share it."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form})


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_own_plan(request.user, pk)
    form = PlanForm(request.POST or None, user=request.user, initial=PlanForm.initial_of(plan))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_plan(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your learning plan is saved."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan})


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return plan_page(request, access.get_plan_for(request.user, pk))


def plan_page(request: HttpRequest, plan: LearningPlan, **forms) -> HttpResponse:
    """The plan as this reader may see it; forms with errors keep what was typed."""
    is_owner = plan.owner_id == request.user.pk
    editable = is_owner and plan.is_current
    readers = list(plan.readers.select_related("reader"))
    context = {
        "plan": plan, "is_owner": is_owner, "editable": editable,
        "competencies": list(plan.competencies.select_related("framework")),
        "checkins": list(plan.checkins.all()),
        "evidence": access.evidence_for(plan, request.user),
        "readers": readers,
        "other_readers": [str(s.reader) for s in readers if s.reader_id != request.user.pk],
        "comments": list(access.comments_of(plan)),
        "next_reminder": checkins.next_reminder_day(plan, timezone.localdate()),
    }
    if editable:
        context["checkin_form"] = forms.get("checkin_form") or CheckInForm()
        context["evidence_form"] = forms.get("evidence_form") or EvidenceForm(user=request.user)
    if plan.is_current:
        context["comment_form"] = forms.get("comment_form") or CommentForm()
    return render(request, "plans/plan_detail.html", context)


@login_required
@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_own_plan(request.user, pk)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            actions.check_in(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your check-in is saved."))
            return redirect(reverse("plans:detail", args=[plan.pk]) + "#check-ins")
    return plan_page(request, plan, checkin_form=form)


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_own_plan(request.user, pk)
    form = EvidenceForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            for name in ("story", "try_report", "insight"):
                if form.cleaned_data[name]:
                    actions.add_evidence(plan=plan, **{name: form.cleaned_data[name]})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Attached to your plan."))
            return redirect(reverse("plans:detail", args=[plan.pk]) + "#evidence")
    return plan_page(request, plan, evidence_form=form)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    plan = access.get_own_plan(request.user, pk)
    actions.remove_evidence(evidence=access.get_own_evidence(plan, evidence_id))
    messages.success(request, _("Removed from your plan."))
    return redirect(reverse("plans:detail", args=[plan.pk]) + "#evidence")


@login_required
@require_POST
def plan_close(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_own_plan(request.user, pk)
    actions.close_plan(plan=plan)
    messages.success(request, _("Your plan is closed and kept with your earlier plans. Only "
                                "you can read it now."))
    return redirect("plans:home")


@login_required
def share(request: HttpRequest, pk: int) -> HttpResponse:
    """Find a colleague of the district by name or e-mail, and share the plan with them."""
    plan = access.get_own_plan(request.user, pk)
    form = ShareForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.share_plan(plan=plan, reader=form.cleaned_data["person"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s can now read your plan and comment on it.")
                             % {"name": form.cleaned_data["person"]})
            return redirect("plans:share", pk=plan.pk)
    find = FindColleagueForm(request.GET or None)
    found = (access.find_colleagues(request.user, plan, find.cleaned_data["q"])[:SEARCH_SHOWN]
             if find.is_valid() else None)
    return render(request, "plans/share.html", {
        "plan": plan, "form": form, "find": find, "found": found,
        "readers": plan.readers.select_related("reader"),
        "room": plan.readers.count() < actions.TRIAD_SIZE})


@login_required
@require_POST
def unshare(request: HttpRequest, pk: int, reader_id: int) -> HttpResponse:
    plan = access.get_own_plan(request.user, pk)
    reading = access.get_own_share(plan, reader_id)
    actions.unshare_plan(share=reading)
    messages.success(request, _("%(name)s no longer reads your plan.") % {"name": reading.reader})
    return redirect("plans:share", pk=plan.pk)


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_to_comment(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            new = actions.comment(plan=plan, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(reverse("plans:detail", args=[plan.pk]) + f"#comment-{new.pk}")
    return plan_page(request, plan, comment_form=form)
