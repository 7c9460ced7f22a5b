"""Setting up a district from its pages (its admins): its page, the settings and the schools.
Also the district switcher, for people with roles in several districts."""

from copy import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schools import access, actions, district_actions
from schools.district_forms import DistrictSettingsForm
from schools.forms import SchoolForm
from schools.middleware import LANGUAGES_KEY, SESSION_KEY, choose_district
from schools.models import Invitation


@login_required
def district(request: HttpRequest) -> HttpResponse:
    roles = access.require_district_admin(request.user)
    schools = access.schools_for(request.user).select_related("district").annotate(
        staff=Count("memberships__user", filter=Q(memberships__deactivated_at__isnull=True),
                    distinct=True))
    pending = Invitation.objects.usable().filter(district=roles.district).count()
    return render(request, "schools/district.html",
                  {"schools": schools, "pending_invitations": pending})


@login_required
def add_school(request: HttpRequest) -> HttpResponse:
    roles = access.require_district_admin(request.user)
    form = SchoolForm(request.POST or None, district=roles.district)
    if request.method == "POST" and form.is_valid():
        school = actions.add_school(district=roles.district, by=request.user,
                                    **form.cleaned_data)
        messages.success(request, _("%(school)s was added.") % {"school": school.name})
        return redirect("schools:district")
    return render(request, "schools/school_form.html", {"form": form})


@login_required
def district_settings(request: HttpRequest) -> HttpResponse:
    district = access.require_district_admin(request.user).district
    # The form works on a copy: the page's heading and menu keep the saved values until saved.
    form = DistrictSettingsForm(request.POST or None, instance=copy(district))
    if request.method == "POST" and form.is_valid():
        district_actions.update_district(district=district, by=request.user,
                                         **form.cleaned_data)
        for key in (SESSION_KEY, LANGUAGES_KEY):  # they may follow the district's
            request.session.pop(key, None)
        messages.success(request, _("The district's settings were saved."))
        return redirect("schools:district")
    return render(request, "schools/district_settings.html", {"form": form})


@login_required
def edit_school(request: HttpRequest, pk: int) -> HttpResponse:
    school = access.get_school_for_admin(request.user, pk)
    form = SchoolForm(request.POST or None, district=school.district, school=school,
                      initial={"name": school.name, "time_zone": school.time_zone})
    if request.method == "POST" and form.is_valid():
        district_actions.update_school(school=school, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(school)s was saved.") % {"school": school.name})
        return redirect("schools:district")
    return render(request, "schools/school_edit.html", {"school": school, "form": form})


@login_required
@require_POST
def set_school_closed(request: HttpRequest, pk: int) -> HttpResponse:
    school = access.get_school_for_admin(request.user, pk)
    closed = request.POST.get("closed") == "1"
    district_actions.set_school_closed(school=school, closed=closed, by=request.user)
    if closed:
        messages.success(request, _("%(school)s is closed. Its people and stories stay.")
                         % {"school": school.name})
    else:
        messages.success(request, _("%(school)s is open again.") % {"school": school.name})
    return redirect("schools:edit_school", pk=school.pk)


@login_required
@require_POST
def switch_district(request: HttpRequest, pk: int) -> HttpResponse:
    """Act in another of one's districts (only one where one holds an active role)."""
    if pk not in {district.id for district in access.roles_for(request.user).districts}:
        raise Http404
    choose_district(request, pk)
    district = access.roles_for(request.user).district
    messages.success(request, _("You are now working in %(district)s.")
                     % {"district": district.name})
    return redirect("home")
