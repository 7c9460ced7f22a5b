"""The district's competency frameworks, kept by its admins: the list, a new one from a
starting point or blank, a framework's page (name, description, its competencies in order,
archive or restore), a competency's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from growth import access, frameworks
from growth.forms import CompetencyForm, FrameworkForm, NewFrameworkForm
from schools.access import require_district_admin


@login_required
def framework_list(request: HttpRequest) -> HttpResponse:
    require_district_admin(request.user)
    return render(request, "growth/frameworks.html", {
        "frameworks": access.frameworks_managed_by(request.user)
        .order_by("is_archived", "name").prefetch_related("competencies")})


@login_required
def framework_create(request: HttpRequest) -> HttpResponse:
    district = require_district_admin(request.user).district
    form = NewFrameworkForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        framework = frameworks.create_framework(district=district, by=request.user,
                                                **form.cleaned_data)
        messages.success(request, _("%(name)s was created.") % {"name": framework.name})
        return redirect("growth:framework", pk=framework.pk)
    return render(request, "growth/framework_new.html", {"form": form})


@login_required
def framework_edit(request: HttpRequest, pk: int) -> HttpResponse:
    framework = access.get_framework_for_admin(request.user, pk)
    form = FrameworkForm(request.POST or None, district=framework.district, framework=framework,
                         initial={"name": framework.name, "description": framework.description})
    if request.method == "POST" and form.is_valid():
        frameworks.change_framework(framework=framework, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s was saved.") % {"name": framework.name})
        return redirect("growth:framework", pk=framework.pk)
    return render(request, "growth/framework_edit.html", {
        "framework": framework, "form": form, "add_form": CompetencyForm(),
        "competencies": list(framework.competencies.order_by("position", "id"))})


@login_required
@require_POST
def framework_archive(request: HttpRequest, pk: int) -> HttpResponse:
    framework = access.get_framework_for_admin(request.user, pk)
    archived = request.POST.get("archived") == "1"
    frameworks.set_framework_archived(framework=framework, archived=archived, by=request.user)
    if archived:
        messages.success(request, _("%(name)s was archived: it is no longer offered, and what "
                                    "already uses it keeps it.") % {"name": framework.name})
    else:
        messages.success(request, _("%(name)s is offered again.") % {"name": framework.name})
    return redirect("growth:frameworks")


@login_required
def competency_add(request: HttpRequest, pk: int) -> HttpResponse:
    framework = access.get_framework_for_admin(request.user, pk)
    form = CompetencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        competency = frameworks.add_competency(framework=framework, by=request.user,
                                               **form.cleaned_data)
        messages.success(request, _("%(name)s was added.") % {"name": competency.name})
        return redirect("growth:framework", pk=framework.pk)
    return render(request, "growth/competency_form.html", {"framework": framework,
                                                           "form": form, "competency": None})


@login_required
def competency_edit(request: HttpRequest, pk: int, competency_id: int) -> HttpResponse:
    competency = access.get_competency_for_admin(request.user, pk, competency_id)
    form = CompetencyForm(request.POST or None, initial={
        "name": competency.name, "description": competency.description})
    if request.method == "POST" and form.is_valid():
        frameworks.change_competency(competency=competency, by=request.user,
                                     **form.cleaned_data)
        messages.success(request, _("%(name)s was saved.") % {"name": competency.name})
        return redirect("growth:framework", pk=pk)
    return render(request, "growth/competency_form.html", {
        "framework": competency.framework, "form": form, "competency": competency})


@login_required
@require_POST
def competency_move(request: HttpRequest, pk: int, competency_id: int) -> HttpResponse:
    competency = access.get_competency_for_admin(request.user, pk, competency_id)
    frameworks.move_competency(competency=competency, up=request.POST.get("direction") == "up",
                               by=request.user)
    return redirect(reverse("growth:framework", args=[pk]) + f"#competency-{competency.pk}")


@login_required
@require_POST
def competency_remove(request: HttpRequest, pk: int, competency_id: int) -> HttpResponse:
    competency = access.get_competency_for_admin(request.user, pk, competency_id)
    try:
        frameworks.remove_competency(competency=competency, by=request.user)
    except frameworks.CompetencyInUse:
        messages.error(request, _("%(name)s is used by learning plans: rename it instead.")
                       % {"name": competency.name})
    else:
        messages.success(request, _("%(name)s was removed. Self-assessments that rated it "
                                    "keep it.") % {"name": competency.name})
    return redirect("growth:framework", pk=pk)
