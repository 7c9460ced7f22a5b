"""A person's self-assessments: choose a framework, rate each competency, read one (the owner
also sees their history in that framework as a chart), share it with chosen colleagues,
delete it. Only the owner and the colleagues they chose ever open one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from growth import access, actions, chart
from growth.forms import PeopleSearchForm, SelfAssessmentForm, ShareForm

SEARCH_LIMIT = 20


@login_required
def assessment_start(request: HttpRequest) -> HttpResponse:
    access.require_member(request.user)
    return render(request, "growth/assessment_start.html", {
        "frameworks": access.frameworks_in_use(request.user).order_by("name")})


@login_required
def assessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    roles = access.require_member(request.user)
    framework = access.get_framework_for(request.user, pk)
    competencies = list(framework.competencies.order_by("position", "id"))
    form = SelfAssessmentForm(request.POST or None, competencies=competencies)
    if request.method == "POST" and competencies and form.is_valid():
        assessment = actions.take_self_assessment(
            owner=request.user, district=roles.district, framework=framework,
            answers=form.answers())
        messages.success(request, _("Your self-assessment is saved. Only you can read it."))
        return redirect("growth:assessment", pk=assessment.pk)
    return render(request, "growth/assessment_form.html", {"framework": framework,
                                                           "form": form})


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access.get_assessment_for(request.user, pk)
    is_owner = assessment.owner_id == request.user.pk
    context = {"assessment": assessment, "is_owner": is_owner,
               "ratings": list(assessment.ratings.all())}
    if is_owner:
        mine = (access.assessments_of(request.user).filter(framework=assessment.framework_id)
                .prefetch_related("ratings").order_by("taken_on", "id"))
        context["history"] = chart.history(list(mine))
        context["shared_with"] = list(assessment.shared_with.order_by("name", "email"))
    return render(request, "growth/assessment_detail.html", context)


@login_required
def assessment_share(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access.get_own_assessment(request.user, pk)
    colleagues = access.colleagues_to_share_with(request.user)
    # Nothing ticked is an answer too: shared with nobody.
    form = ShareForm(request.POST if request.method == "POST" else None, colleagues=colleagues)
    if request.method == "POST" and form.is_valid():
        actions.share_assessment(assessment=assessment,
                                 colleagues=list(form.cleaned_data["people"]))
        messages.success(request, _("Saved: who may read this self-assessment."))
        return redirect("growth:assessment", pk=assessment.pk)
    search = PeopleSearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    chosen = list(assessment.shared_with.order_by("name", "email"))
    found = colleagues.exclude(pk__in=[person.pk for person in chosen]).order_by("name", "email")
    found = found.filter(name__icontains=query) if query else found.none()
    return render(request, "growth/assessment_share.html", {
        "assessment": assessment, "form": form, "search": search, "query": query,
        "chosen": chosen, "found": list(found[:SEARCH_LIMIT])})


@login_required
@require_POST
def assessment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access.get_own_assessment(request.user, pk)
    actions.delete_assessment(assessment=assessment)
    messages.success(request, _("The self-assessment was deleted."))
    return redirect("growth:home")
