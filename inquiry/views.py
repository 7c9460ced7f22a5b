"""A collective's inquiry plan for one cycle: the page, its parts, the log's files and the
print. Every page fetches the cycle through inquiry.access (404 for anyone but members)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inquiry import access, actions
from inquiry.contents import indicator_rows, log_of
from inquiry.forms import EntryForm, IndicatorForm, PlanForm, ReflectionForm
from inquiry.models import EvidenceEntry


def _plan_url(role: access.InquiryRole, anchor: str = "") -> str:
    return reverse("inquiry:plan", args=[role.cycle.pk]) + (f"#{anchor}" if anchor else "")


def _page(request: HttpRequest, role: access.InquiryRole, **forms) -> HttpResponse:
    """The plan as a member reads it; writers get the forms, which keep what was typed."""
    plan = access.plan_of(role.cycle)
    entries = log_of(plan)
    for entry in entries:
        entry.removable = role.may_remove(entry)
    context = {"cycle": role.cycle, "forum": role.cycle.forum, "plan": plan, "role": role,
               "rows": indicator_rows(plan), "entries": entries,
               "earliest": actions.earliest_day(role.cycle), "today": actions.today_of(role.cycle)}
    if role.writes:
        context["indicator_form"] = forms.get("indicator_form") or IndicatorForm()
        context["entry_form"] = forms.get("entry_form") or EntryForm(
            initial={"seen_on": context["today"]})
    return render(request, "inquiry/plan.html", context)


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, access.get_inquiry_for(request.user, pk))


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The problem of practice and the theory of action; the first save makes the plan."""
    role = access.get_writable_inquiry(request.user, pk)
    form = PlanForm(request.POST or None, initial=PlanForm.initial_of(access.plan_of(role.cycle)))
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_plan(cycle=role.cycle, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The inquiry plan is saved."))
            return redirect(_plan_url(role))
    return render(request, "inquiry/plan_form.html", {"cycle": role.cycle, "form": form})


@login_required
def reflection(request: HttpRequest, pk: int) -> HttpResponse:
    role = access.get_writable_inquiry(request.user, pk)
    form = ReflectionForm(request.POST or None,
                          initial=ReflectionForm.initial_of(access.plan_of(role.cycle)))
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_reflection(cycle=role.cycle, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The reflection is saved."))
            return redirect(_plan_url(role, "reflection"))
    return render(request, "inquiry/reflection_form.html", {"cycle": role.cycle, "form": form})


@login_required
@require_POST
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    role = access.get_writable_inquiry(request.user, pk)
    form = IndicatorForm(request.POST)
    if form.is_valid():
        try:
            actions.add_indicator(cycle=role.cycle, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The indicator is added."))
            return redirect(_plan_url(role, "indicators"))
    return _page(request, role, indicator_form=form)


@login_required
@require_POST
def indicator_remove(request: HttpRequest, pk: int, indicator_id: int) -> HttpResponse:
    role = access.get_writable_inquiry(request.user, pk)
    indicator = access.get_indicator_of(access.get_plan_of(role.cycle), indicator_id)
    actions.remove_indicator(indicator=indicator)
    messages.success(request, _("The indicator is removed."))
    return redirect(_plan_url(role, "indicators"))


@login_required
@require_POST
def entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    role = access.get_writable_inquiry(request.user, pk)
    form = EntryForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_entry(cycle=role.cycle, by=request.user, seen_on=data["seen_on"],
                              evidence_kind=data["evidence_kind"],
                              what_was_seen=data["what_was_seen"], upload=data["file"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry is added to the evidence log."))
            return redirect(_plan_url(role, "evidence-log"))
    return _page(request, role, entry_form=form)


@login_required
@require_POST
def entry_remove(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    role = access.get_writable_inquiry(request.user, pk)
    entry = access.get_removable_entry(role, access.get_plan_of(role.cycle), entry_id)
    actions.remove_entry(entry=entry)
    messages.success(request, _("The entry is removed from the evidence log."))
    return redirect(_plan_url(role, "evidence-log"))


@login_required
def entry_file(request: HttpRequest, pk: int, entry_id: int) -> FileResponse:
    """A log entry's file, for the plan's readers only. Its type and name come from the
    detected content; only photos show inline, and the browser may not sniff another type."""
    role = access.get_inquiry_for(request.user, pk)
    entry = access.get_entry_of(access.get_plan_of(role.cycle), entry_id)
    if not entry.file:
        raise Http404
    response = FileResponse(entry.file.open("rb"), content_type=entry.content_type,
                            as_attachment=entry.file_kind != EvidenceEntry.FileKind.PHOTO,
                            filename=entry.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def print_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole plan on one page, for paper."""
    role = access.get_inquiry_for(request.user, pk)
    plan = access.plan_of(role.cycle)
    return render(request, "inquiry/plan_print.html", {
        "cycle": role.cycle, "forum": role.cycle.forum, "plan": plan,
        "rows": indicator_rows(plan), "entries": log_of(plan)})
