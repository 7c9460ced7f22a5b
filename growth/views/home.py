"""My growth: a person's own self-assessments, those colleagues shared with them, their
"know yourself as a learner" reflections, and (when that app is there) their learning plan."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from growth import access


def plans_url() -> str:
    """The learning plan's page, if the plans app serves one (it is a higher layer: named, not
    imported)."""
    try:
        return reverse("plans:home")
    except NoReverseMatch:
        return ""


@login_required
def home(request: HttpRequest) -> HttpResponse:
    roles = access.require_member(request.user)
    return render(request, "growth/home.html", {
        "assessments": access.assessments_of(request.user).select_related("framework"),
        "shared": access.shared_with(request.user).select_related("owner", "framework"),
        "reflections": access.reflections_of(request.user),
        "can_assess": access.frameworks_in_use(request.user).exists(),
        "manages_frameworks": roles.is_district_admin, "plans_url": plans_url()})
