"""Invitations: sent (or, for someone already on staff, a role added instead), accepted, and
while still waiting listed, sent again, withdrawn - by those who may send them."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.pagination import window
from schools import access, actions
from schools.forms import AcceptInvitationForm, InvitationForm
from schools.models import Invitation, Role
from schools.signin import is_local_path

INVITATIONS_PAGE_SIZE = 50


@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    access.require_inviter(request.user)
    waiting = access.manageable_invitations(request.user).select_related("school").order_by(
        "-created_at", "-id")
    return render(request, "schools/invitations.html",
                  {"page": window(waiting, request.GET.get("page"), INVITATIONS_PAGE_SIZE)})


@login_required
@require_POST
def resend_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access.get_manageable_invitation(request.user, pk)
    actions.resend_invitation(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation was sent again to %(email)s.")
                     % {"email": invitation.email})
    return _back(request)


@login_required
@require_POST
def revoke_invitation(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access.get_manageable_invitation(request.user, pk)
    actions.revoke_invitation(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation to %(email)s was withdrawn; its link no longer "
                                "works.") % {"email": invitation.email})
    return _back(request)


def _back(request: HttpRequest) -> HttpResponse:
    """To the page the button was on (the staff page, the invite page or the list)."""
    next_url = request.POST.get("next", "")
    return redirect(next_url if is_local_path(next_url) else "schools:invitations")


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
