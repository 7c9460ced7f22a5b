from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schools import access, actions
from schools.forms import (
    AcceptInvitationForm,
    InvitationForm,
    RoleFields,
    SchoolForm,
    StaffFilterForm,
)
from schools.models import Invitation, Role, User
from schools.signin import is_local_path

STAFF_PAGE_SIZE = 25
WAITING_SHOWN = 10  # invitations on the staff page; the rest on the invitations page


@login_required
def home(request: HttpRequest) -> HttpResponse:
    roles = access.roles_for(request.user)
    schools = access.schools_for(request.user)
    context = {
        "my_schools": schools.filter(id__in=roles.school_ids),
        "led_schools": schools.filter(id__in=roles.led_school_ids),
    }
    if roles.reads_district:
        context["district_schools"] = schools
    return render(request, "schools/home.html", context)


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


@login_required
def invite(request: HttpRequest) -> HttpResponse:
    """Someone already on staff gets the role added (once the inviter confirms), not an
    e-mail to set up an account they already have."""
    roles = access.require_inviter(request.user)
    form = InvitationForm(request.POST or None, user=request.user)
    on_staff = offered = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        on_staff = access.staff_with_address(request.user, data["email"])
        if on_staff is None:
            invitation = actions.invite_person(district=roles.district, invited_by=request.user,
                                               **data)
            messages.success(request, _("An invitation was sent to %(email)s.")
                             % {"email": invitation.email})
            return redirect("schools:invite")
        if access.holds_role(on_staff, district=roles.district, role=data["role"],
                             school=data["school"]):
            form.add_error("role", _("%(name)s already has this role.") % {"name": on_staff})
        elif request.POST.get("add_role"):
            actions.grant_role(district=roles.district, user=on_staff, role=data["role"],
                               school=data["school"], by=request.user)
            messages.success(request, _("%(name)s now also has this role.") % {"name": on_staff})
            return redirect("schools:invite")
        else:  # offer it: (the role in words, the school)
            offered = (Role(data["role"]).label, data["school"])
    recent = (Invitation.objects.filter(district=roles.district, invited_by=request.user)
              .select_related("school")[:10])
    return render(request, "schools/invite.html",
                  {"form": form, "recent": recent, "on_staff": on_staff, "offered": offered})


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = actions.find_usable_invitation(token)
    except actions.InvitationUnusable:
        return render(request, "schools/invitation_unusable.html", status=410)
    if actions.may_accept(invitation, request.user):  # the invited address is proven theirs
        if request.method == "POST":
            try:
                user = actions.accept_invitation(token=token, user=request.user)
            except actions.InvitationUnusable:
                return render(request, "schools/invitation_unusable.html", status=410)
            return _accepted(request, user)
        return render(request, "schools/accept_invitation.html",
                      {"invitation": invitation, "may_accept": True})
    has_account = actions.invited_address_has_account(invitation)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email,
                                initial={"name": invitation.name})
    if not has_account and request.method == "POST" and form.is_valid():
        try:
            user = actions.accept_invitation(token=token, name=form.cleaned_data["name"],
                                             password=form.cleaned_data["password1"])
        except actions.InvitationUnusable:
            return render(request, "schools/invitation_unusable.html", status=410)
        return _accepted(request, user)
    return render(request, "schools/accept_invitation.html",
                  {"invitation": invitation, "form": form, "has_account": has_account})


def _accepted(request: HttpRequest, user) -> HttpResponse:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Welcome! Your account is ready."))
    return redirect("home")


def admin_login(request: HttpRequest) -> HttpResponse:
    """The Django admin signs in through the app's login, so one rate limit and lockout
    covers every password guess; the admin's own password form is never shown."""
    next_url = request.GET.get("next", "")
    if not is_local_path(next_url):
        next_url = reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(next_url)
        raise PermissionDenied  # signed in without admin access: no redirect loop
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
