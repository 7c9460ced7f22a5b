"""Reading the culture pulse: a closed survey's results (district-wide or one school), their
CSV, and each statement year over year. Who reads what: pulse.access; what is hidden:
pulse.results."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pulse import access, exports, results
from pulse.models import Agreement
from pulse.trends import trends as build_trends


@login_required
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_results_for(request.user, pk)
    school = access.get_readable_school(request.user, request.GET.get("school"))
    figures = results.survey_figures(survey)
    return render(request, "pulse/results.html", {
        "survey": survey, "school": school, "scope": figures.scope(school),
        "schools": access.readable_schools(request.user).order_by("name"),
        "smallest": results.threshold(survey), "agreement_choices": Agreement.choices})


@login_required
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_results_for(request.user, pk)
    figures = results.survey_figures(survey)
    scopes = [figures.scope(None)] + [figures.scope(school) for school in
                                      access.readable_schools(request.user).order_by("name")]
    response = HttpResponse(exports.results_csv(scopes, smallest=results.threshold(survey)),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="culture-pulse-{survey.district.slug}-{survey.opens_on}.csv"')
    return response


@login_required
def trends(request: HttpRequest) -> HttpResponse:
    school = access.get_readable_school(request.user, request.GET.get("school"))
    surveys = access.closed_surveys(request.user)
    figures = results.figures_of(surveys)
    return render(request, "pulse/trends.html", {
        "school": school, "surveys": surveys,
        "trends": build_trends([figures[s.pk] for s in surveys], school),
        "schools": access.readable_schools(request.user).order_by("name"),
        "smallest": results.threshold(surveys[0]) if surveys else results.MIN_ANSWERS})
