"""The network pages: my district's networks, a network's page (leaders keep it: settings,
invitations, leaders), and the district admin's page to answer invitations and leave."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from networks import access, actions
from networks.forms import InviteDistrictForm, LeaderForm, NetworkForm, NetworkSettingsForm
from networks.models import NetworkInvitation
from schools.access import require_district_admin, roles_for


@login_required
def network_list(request: HttpRequest) -> HttpResponse:
    roles = roles_for(request.user)
    if not roles.is_member:
        raise Http404
    return render(request, "networks/list.html", {
        "networks": access.networks_of(request.user).prefetch_related("districts"),
        "may_start": access.may_start_network(request.user)})


@login_required
def network_create(request: HttpRequest) -> HttpResponse:
    district = require_district_admin(request.user).district
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        network = actions.start_network(admin=request.user, district=district,
                                        **form.cleaned_data)
        messages.success(request, _("%(name)s was started: invite other districts to join.")
                         % {"name": network.name})
        return redirect("networks:detail", pk=network.pk)
    return render(request, "networks/form.html", {"form": form})


def _detail(request: HttpRequest, network, *, invite_form=None, leader_form=None,
            status: int = 200) -> HttpResponse:
    leads = access.leads(request.user, network)
    context = {"network": network, "leads": leads,
               "districts": network.districts.order_by("name"),
               "leaders": access.current_leaders(network).select_related("user")
               .order_by("user__name")}
    if leads:
        context.update(
            invite_form=invite_form or InviteDistrictForm(),
            leader_form=leader_form or LeaderForm(),
            invitations=network.invitations.filter(status=NetworkInvitation.Status.PENDING))
    return render(request, "networks/detail.html", context, status=status)


@login_required
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, access.get_network_for(request.user, pk))


@login_required
def network_edit(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.get_led_network(request.user, pk)
    form = NetworkSettingsForm(request.POST or None, initial={
        "name": network.name, "description": network.description,
        "small_count": network.small_count})
    if request.method == "POST" and form.is_valid():
        actions.update_network(network=network, **form.cleaned_data)
        messages.success(request, _("The network was saved."))
        return redirect("networks:detail", pk=network.pk)
    return render(request, "networks/form.html", {"form": form, "network": network})


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.get_led_network(request.user, pk)
    form = InviteDistrictForm(request.POST)
    if not form.is_valid():
        return _detail(request, network, invite_form=form, status=400)
    actions.invite_district(network=network, by=request.user, **form.cleaned_data)
    messages.success(request, _("If %(email)s belongs to a district's admin, and that district "
                                "is not in the network yet, its admins will get the "
                                "invitation.") % {"email": form.cleaned_data["email"]})
    return redirect("networks:detail", pk=network.pk)


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access.get_pending_invitation_of_network(request.user, pk)
    actions.withdraw_invitation(invitation=invitation)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("networks:detail", pk=invitation.network_id)


@login_required
@require_POST
def leader_add(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.get_led_network(request.user, pk)
    form = LeaderForm(request.POST)
    if not form.is_valid():
        return _detail(request, network, leader_form=form, status=400)
    actions.add_leader(network=network, by=request.user, **form.cleaned_data)
    messages.success(request, _("If %(email)s works in one of the network's districts, they "
                                "now lead the network.") % {"email": form.cleaned_data["email"]})
    return redirect("networks:detail", pk=network.pk)


@login_required
@require_POST
def leader_remove(request: HttpRequest, pk: int) -> HttpResponse:
    leader = access.get_leader_of_led_network(request.user, pk)
    if actions.remove_leader(leader=leader, by=request.user):
        messages.success(request, _("%(name)s no longer leads the network.")
                         % {"name": leader.user})
    else:
        messages.error(request, _("A network needs at least one leader: name another first."))
    return redirect("networks:detail", pk=leader.network_id)


@login_required
def district_networks(request: HttpRequest) -> HttpResponse:
    require_district_admin(request.user)
    return render(request, "networks/district.html", {
        "invitations": access.invitations_for_admin(request.user)
        .filter(status=NetworkInvitation.Status.PENDING)
        .select_related("network").prefetch_related("network__districts"),
        "networks": access.networks_of(request.user).prefetch_related("districts")})


@login_required
@require_POST
def invitation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access.get_answerable_invitation(request.user, pk)
    accept = request.POST.get("accept") == "1"
    actions.answer_invitation(invitation=invitation, by=request.user, accept=accept)
    if accept:
        messages.success(request, _("Your district joined %(name)s.")
                         % {"name": invitation.network.name})
    else:
        messages.success(request, _("You declined the invitation to %(name)s.")
                         % {"name": invitation.network.name})
    return redirect("networks:district")


@login_required
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.get_network_of_admin(request.user, pk)
    district = roles_for(request.user).district
    if request.method == "POST":
        actions.leave_network(network=network, district=district, by=request.user)
        messages.success(request, _("Your district left %(name)s.") % {"name": network.name})
        return redirect("networks:district")
    return render(request, "networks/leave.html", {"network": network, "district": district})
