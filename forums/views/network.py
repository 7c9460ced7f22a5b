"""Cross-district collectives of a network: the network's list, forming one, adding members by
address, and sharing an insight with a network."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forums import access, queries
from forums.actions import network as network_actions
from forums.collectives import as_the_network_sees, network_theme_names, theme_name_like
from forums.join_forms import JoinAnswerForm
from forums.models import Forum
from forums.network_forms import AddByEmailForm, CollectiveForm, ShareInsightForm
from networks.access import get_network_for


@login_required
def network_collectives(request: HttpRequest, pk: int) -> HttpResponse:
    """The network's collectives as its people may know them; its leaders form new ones."""
    network = get_network_for(request.user, pk)
    return render(request, "forums/network_collectives.html", {
        "network": network,
        "collectives": as_the_network_sees(access.collectives_of_network(request.user, network),
                                           request.user),
        "may_form": access.may_form_collective(request.user, network)})


@login_required
def network_collective_create(request: HttpRequest, pk: int) -> HttpResponse:
    network = access.get_network_to_form_in(request.user, pk)
    names = network_theme_names(network)
    form = CollectiveForm(request.POST or None, theme_names=names, initial={
        "theme": theme_name_like(names, request.GET.get("theme", ""))})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            forum = network_actions.form_collective(
                network=network, by=request.user, name=data["name"],
                description=data["description"], theme_name=data["theme"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(name)s” is formed, with you as its facilitator. "
                                        "Add its members next.") % {"name": forum.name})
            return redirect("forums:detail", pk=forum.pk)
    return render(request, "forums/network_collective_form.html",
                  {"network": network, "form": form})


def collective_members(request: HttpRequest, forum: Forum) -> HttpResponse:
    """Members of a cross-district collective are added by address (forums.views.forums
    .member_invite sends its facilitators here): the same answer whether or not an address
    belongs to someone."""
    form = AddByEmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network_actions.add_members_by_email(forum=forum, emails=data["emails"],
                                                 circle=data["circle"], role=data["role"],
                                                 by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _(
                "People on the staff of a district in the network were added, and told. "
                "Addresses of anyone else were passed over."))
            return redirect("forums:detail", pk=forum.pk)
    return render(request, "forums/collective_members.html", {
        "forum": forum, "form": form, "core_count": queries.core_count(forum),
        "core_limit": access.CORE_LIMIT, "join_requests": queries.pending_join_requests(forum),
        "joining_circles": JoinAnswerForm.base_fields["circle"].choices})


@login_required
@require_POST
def insight_share(request: HttpRequest, pk: int) -> HttpResponse:
    """A cross-district collective's facilitators record that the group agreed to share the
    insight with the network; a district forum's insight is shared by its author."""
    insight = access.get_shareable_insight(request.user, pk)
    form = ShareInsightForm(request.POST, networks=access.share_networks(request.user, insight))
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose one of your networks."))
        network_actions.share_insight_with_network(insight=insight, by=request.user,
                                                   network=form.cleaned_data["network"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The insight is shared with %(network)s.")
                         % {"network": insight.network})
    return redirect(reverse("forums:record", args=[insight.session_id]) + f"#insight-{pk}")


@login_required
@require_POST
def insight_unshare(request: HttpRequest, pk: int) -> HttpResponse:
    insight = access.get_shareable_insight(request.user, pk)
    try:
        network_actions.unshare_insight(insight=insight, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The insight is no longer shared with the network."))
    return redirect(reverse("forums:record", args=[insight.session_id]) + f"#insight-{pk}")
