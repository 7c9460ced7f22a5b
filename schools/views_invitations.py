"""Invitations still waiting: listed, sent again, withdrawn - by those who may send them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.pagination import window
from schools import access, actions
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
