"""The district's staff, for its admins: the directory, a person's roles, (de)activation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schools import access, actions
from schools.forms import RoleFields, StaffFilterForm
from schools.models import Role, User

STAFF_PAGE_SIZE = 25
WAITING_SHOWN = 10  # invitations on the staff page; the rest on the invitations page


@login_required
def staff(request: HttpRequest) -> HttpResponse:
    access.require_district_admin(request.user)
    filters = StaffFilterForm(request.GET, user=request.user)
    if filters.is_valid():
        data = filters.cleaned_data
        people = access.staff_directory(request.user, query=data["q"], school=data["school"],
                                        role=data["role"])
    else:  # e.g. a school of another district: it matches nobody here
        people = User.objects.none()
    page = Paginator(people, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    template = "schools/staff.html#results" if request.htmx else "schools/staff.html"
    waiting = list(access.manageable_invitations(request.user).select_related("school")
                   .order_by("-created_at", "-id")[:WAITING_SHOWN + 1])
    return render(request, template, {
        "waiting": waiting[:WAITING_SHOWN], "more_waiting": len(waiting) > WAITING_SHOWN,
        "page": page, "query": filters.cleaned_data.get("q", ""),
        "schools": filters.fields["school"].queryset, "roles": Role.choices,
        "school_id": filters.data.get("school", ""), "role": filters.data.get("role", "")})


@login_required
def staff_member(request: HttpRequest, pk: int) -> HttpResponse:
    roles = access.require_district_admin(request.user)
    person = access.get_staff_member_for(request.user, pk)
    form = RoleFields(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.grant_role(district=roles.district, user=person, role=form.cleaned_data["role"],
                           school=form.cleaned_data["school"], by=request.user)
        messages.success(request, _("Role added."))
        return redirect("schools:staff_member", pk=person.pk)
    memberships = (access.managed_memberships(request.user).filter(user=person)
                   .select_related("school").order_by("deactivated_at", "role"))
    return render(request, "schools/staff_member.html",
                  {"person": person, "memberships": memberships, "form": form})


@login_required
@require_POST
def revoke_role(request: HttpRequest, pk: int, membership_id: int) -> HttpResponse:
    access.require_district_admin(request.user)
    person = access.get_staff_member_for(request.user, pk)
    membership = access.get_managed_membership(request.user, person, membership_id)
    if membership is not None:
        actions.revoke_role(membership=membership, by=request.user)
        messages.success(request, _("Role removed."))
    return redirect("schools:staff_member", pk=person.pk)


@login_required
@require_POST
def set_active(request: HttpRequest, pk: int) -> HttpResponse:
    roles = access.require_district_admin(request.user)
    person = access.get_staff_member_for(request.user, pk)
    if person == request.user:
        messages.error(request, _("You cannot deactivate yourself."))
    elif request.POST.get("active") == "0":
        actions.deactivate_person(district=roles.district, user=person, by=request.user)
        messages.success(request, _("%(name)s was deactivated. Their stories stay.")
                         % {"name": person})
    else:
        actions.reactivate_person(district=roles.district, user=person, by=request.user)
        messages.success(request, _("%(name)s was reactivated.") % {"name": person})
    return redirect("schools:staff_member", pk=person.pk)
