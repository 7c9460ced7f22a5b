"""The culture pulse's pages for everyone: the overview, a survey's page, answering it; and
for the district's leaders and admins, opening a survey and closing it early."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pulse import access, actions
from pulse.forms import AnswerForm, SurveyForm
from pulse.models import Survey, Turnout, district_today
from schools.access import roles_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    roles = roles_for(request.user)
    if roles.district is None:
        raise Http404
    surveys = list(Survey.objects.visible_to(request.user).select_related("district"))
    current = [s for s in surveys if not s.has_closed()]
    answered = set(Survey.objects.filter(pk__in=[s.pk for s in current],
                                         answered__user=request.user).values_list("pk",
                                                                                  flat=True))
    return render(request, "pulse/home.html", {
        "current": current, "closed": [s for s in surveys if s.has_closed()],
        "answered": answered, "manager": access.is_manager(roles),
        "asked": bool(roles.school_ids)})


@login_required
def survey_create(request: HttpRequest) -> HttpResponse:
    district = access.require_manager(request.user).district
    today = district_today(district)
    form = SurveyForm(request.POST or None, district=district, today=today,
                      initial={"title": _("%(year)s culture pulse") % {"year": today.year},
                               "opens_on": today})
    if request.method == "POST" and form.is_valid():
        survey = actions.open_survey(district=district, by=request.user, **form.cleaned_data)
        messages.success(request, _("The survey is ready. Staff are invited by e-mail on its "
                                    "first day, and reminded once before its last."))
        return redirect("pulse:survey", survey.pk)
    return render(request, "pulse/survey_form.html", {"form": form})


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_for(request.user, pk)
    manager = access.is_manager(roles_for(request.user))
    turnout = None
    if manager and survey.has_opened():
        turnout = Turnout.objects.filter(survey=survey).aggregate(n=Sum("answers"))["n"] or 0
    return render(request, "pulse/survey.html", {
        "survey": survey, "manager": manager, "turnout": turnout,
        "statements": survey.statements.order_by("area", "id"),
        "may_answer": survey.is_open() and access.answering_schools(request.user,
                                                                    survey).exists(),
        "answered": access.has_answered(request.user, survey)})


@login_required
@require_POST
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_survey_for_manager(request.user, pk)
    if not survey.is_open():
        raise Http404
    actions.close_survey(survey=survey)
    messages.success(request, _("The survey is closed: no more answers, and its results "
                                "can be read."))
    return redirect("pulse:survey", survey.pk)


@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey, schools = access.get_survey_to_answer(request.user, pk)
    if access.has_answered(request.user, survey):
        return render(request, "pulse/answer.html", {"survey": survey, "answered": True})
    form = AnswerForm(request.POST or None, schools=schools,
                      statements=list(survey.statements.order_by("area", "id")))
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_survey(survey=survey, user=request.user, school=form.school,
                                  answers=form.answers)
            messages.success(request, _("Thank you: your answers are counted. They cannot be "
                                        "tied to you."))
        except actions.AlreadyAnswered:  # from another tab: the first answers count
            messages.info(request, _("You had already answered: your first answers count."))
        except actions.SurveyNotOpen:
            messages.error(request, _("The survey closed before your answers arrived."))
        return redirect("pulse:survey", survey.pk)
    return render(request, "pulse/answer.html", {"survey": survey, "form": form})
