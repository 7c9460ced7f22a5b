"""Who may see and do what with the culture pulse. Every view asks here; 404, never 403.

- Statements and surveys are kept by the district's leaders and admins (`require_manager`).
- Everyone of a district sees its surveys (`Survey.objects.visible_to`).
- Staff with a school role in an open school answer a survey while it is open, once
  (`answering_schools`): district leaders and admins are not asked, they read the results.
- Results exist only once a survey has closed, for everyone: nobody can compare the results
  before and after a colleague answered. Then every person of the district reads the
  district-wide results; school leaders also their own schools'; district leaders and admins
  every school's (`readable_schools`). Per school, small counts are hidden (pulse.results).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from pulse.models import Answered, Statement, Survey
from schools.access import Roles, roles_for
from schools.models import SCHOOL_ROLES, Membership, School, User


def is_manager(roles: Roles) -> bool:
    return roles.reads_district


def require_manager(user: User) -> Roles:
    """District leaders and admins keep the statements and open surveys."""
    roles = roles_for(user)
    if not is_manager(roles):
        raise Http404
    return roles


def statements_managed_by(user: User) -> QuerySet[Statement]:
    roles = roles_for(user)
    if not is_manager(roles):
        return Statement.objects.none()
    return Statement.objects.filter(district=roles.district)


def get_statement_for_manager(user: User, pk: int) -> Statement:
    try:
        return statements_managed_by(user).get(pk=pk)
    except Statement.DoesNotExist:
        raise Http404 from None


def get_survey_for(user: User, pk: int) -> Survey:
    try:
        return Survey.objects.visible_to(user).select_related("district").get(pk=pk)
    except Survey.DoesNotExist:
        raise Http404 from None


def get_survey_for_manager(user: User, pk: int) -> Survey:
    require_manager(user)
    return get_survey_for(user, pk)


def answering_schools(user: User, survey: Survey) -> QuerySet[School]:
    """The open schools of the survey's district where the person works: where they may
    answer from (none for district leaders and admins without a school role)."""
    roles = roles_for(user)
    if roles.district is None or roles.district.pk != survey.district_id:
        return School.objects.none()
    return School.objects.open().filter(district_id=survey.district_id,
                                        id__in=roles.school_ids)


def is_asked(user: User, survey: Survey) -> bool:
    """Whether the survey asks this person, whichever district they act in now: a school role
    in an open school of its district (the e-mails ask here, pulse.planning plans alike)."""
    return Membership.objects.active().filter(
        user=user, district_id=survey.district_id, role__in=SCHOOL_ROLES,
        school__closed_at__isnull=True).exists()


def has_answered(user: User, survey: Survey) -> bool:
    return Answered.objects.filter(survey=survey, user=user).exists()


def get_survey_to_answer(user: User, pk: int) -> tuple[Survey, list[School]]:
    """An open survey the person may answer, with the schools they may answer for; 404 for
    anyone else (not yet open, closed, or no school role). Having answered already is the
    page's to say."""
    survey = get_survey_for(user, pk)
    schools = list(answering_schools(user, survey))
    if not schools or not survey.is_open():
        raise Http404
    return survey, schools


def readable_schools(user: User) -> QuerySet[School]:
    """The schools whose own results the person may read (still only from five answers up):
    every school of the district for its leaders and admins, the schools they lead for
    school leaders, none for teachers."""
    roles = roles_for(user)
    if roles.district is None:
        return School.objects.none()
    schools = School.objects.filter(district=roles.district)
    if is_manager(roles):
        return schools
    return schools.filter(id__in=roles.led_school_ids)


def get_readable_school(user: User, school_id: str | None) -> School | None:
    """The school a results page is asked for (None: district-wide); 404 if not theirs to
    read or not a number."""
    if not school_id:
        return None
    if not str(school_id).isdigit():
        raise Http404
    try:
        return readable_schools(user).get(pk=school_id)
    except School.DoesNotExist:
        raise Http404 from None


def get_survey_results_for(user: User, pk: int) -> Survey:
    """A survey of the person's district that has closed: its results may be read."""
    survey = get_survey_for(user, pk)
    if not survey.has_closed():
        raise Http404
    return survey


def closed_surveys(user: User) -> list[Survey]:
    """Surveys whose results the person may read - their district's that have closed -
    oldest first (a district runs a few a year at most)."""
    surveys = Survey.objects.visible_to(user).select_related("district").order_by(
        "opens_on", "id")
    return [survey for survey in surveys if survey.has_closed()]
