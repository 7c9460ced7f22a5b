"""A deployment's set-up: its first district through the link printed by `manage.py
setup_link`, and further districts by its operator (a Django superuser)."""

from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from schools import setup
from schools.models import District
from schools.setup_forms import FirstDistrictForm, NewDistrictForm


@require_http_methods(["GET", "HEAD", "POST"])
def first_district(request: HttpRequest, token: str) -> HttpResponse:
    """The first district and its admin; then the admin confirms their address with the code
    sent to it and lands on the district's settings."""
    try:
        setup.check_token(token)
    except setup.SetupClosed:
        return render(request, "schools/setup_closed.html", status=410)
    form = FirstDistrictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            admin = setup.set_up_first_district(
                token=token, name=data["name"], time_zone=data["time_zone"],
                language=data["language"], school_name=data["school_name"],
                admin_name=data["admin_name"], email=data["email"], password=data["password1"])
        except setup.SetupClosed:
            return render(request, "schools/setup_closed.html", status=410)
        return perform_login(request, admin, email_verification="mandatory", signup=True,
                             redirect_url=reverse("schools:district_settings"),
                             email=admin.email)
    return render(request, "schools/setup_first_district.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def districts(request: HttpRequest) -> HttpResponse:
    """The deployment's districts, for its operator, who adds one and invites its first
    admin. Nobody else learns the page exists."""
    if not request.user.is_superuser:
        raise Http404
    form = NewDistrictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        district = setup.create_district_for_operator(
            operator=request.user, name=data["name"], time_zone=data["time_zone"],
            language=data["language"], school_name=data["school_name"],
            admin_name=data["admin_name"], admin_email=data["email"])
        messages.success(request, _("%(district)s was created; an invitation was sent to "
                                    "%(email)s.") % {"district": district.name,
                                                     "email": data["email"]})
        return redirect("schools:districts")
    return render(request, "schools/setup_districts.html", {
        "form": form, "districts": District.objects.order_by("name")})
