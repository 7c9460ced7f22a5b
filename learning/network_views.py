"""Network pages: the stories shared with a network, its knowledge bank and its digest. Only
people of the network's districts open them (networks.access.get_network_for; 404 for anyone
else); what each shows is built for the person reading it (learning.network_shares,
learning.network_digests)."""

from __future__ import annotations

import zoneinfo
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from learning import network_shares
from learning.network_digests import network_digest as build_digest
from learning.network_forms import NetworkPeriodForm, NetworkStoryFilters, NetworkThemeForm
from networks.access import get_network_for, leads
from schools.access import roles_for


def _page(request: HttpRequest, template: str, partial: str, context: dict) -> HttpResponse:
    """The whole page, or (htmx, not boosted) only its named partial."""
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#{partial}"
    return render(request, template, context)


def _today(request: HttpRequest) -> date:
    district = roles_for(request.user).district
    return timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(district.time_zone)).date()


@login_required
def network_stories(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk)
    form = NetworkStoryFilters(request.GET, theme_names=network_shares.theme_names(
        request.user, network))
    filters = form.cleaned_data if form.is_valid() else {}
    page = network_shares.story_page(request.user, network, filters, request.GET.get("page"))
    return _page(request, "learning/network_stories.html", "results", {
        "network": network, "form": form, "page": page,
        "searching": bool((filters.get("q") or "").strip())})


@login_required
def network_knowledge(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk)
    form = NetworkThemeForm(request.GET, theme_names=network_shares.theme_names(
        request.user, network))
    theme = form.cleaned_data["theme"] if form.is_valid() else ""
    groups = network_shares.knowledge(request.user, network, theme=theme)
    return render(request, "learning/network_knowledge.html", {
        "network": network, "form": form, "groups": groups, "theme": theme})


@login_required
def network_digest(request: HttpRequest, pk: int) -> HttpResponse:
    network = get_network_for(request.user, pk)
    form = NetworkPeriodForm(request.GET or None, district=roles_for(request.user).district)
    start, end = form.dates(_today(request))
    digest = build_digest(request.user, network, start, end)
    return _page(request, "learning/network_digest.html", "digest", {
        "network": network, "form": form, "digest": digest,
        "leads_network": leads(request.user, network)})
