"""Single sign-on pages: the district admin's settings, and "sign in with your district".

A person types their work address (or follows their district's own sign-in link); the
district's page offers one button that starts the OpenID Connect sign-in (a POST to allauth's
openid_connect login URL, which sends the browser to the provider). Deciding who gets in
happens when the provider sends them back (schools.adapters, schools.sso.refusal).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from schools import access, sso
from schools.models import District, DistrictSignOn
from schools.signin import is_local_path
from schools.sso_forms import FindDistrictForm, SignOnForm

LOGIN_HINT_KEY = "sso_login_hint"  # [district slug, the address typed], for the provider


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def sso_settings(request: HttpRequest) -> HttpResponse:
    """District admins set up their own district's sign-on; nobody else sees it."""
    roles = access.require_district_admin(request.user)
    sign_on = DistrictSignOn.objects.filter(district=roles.district).first()
    form = SignOnForm(request.POST or None, district=roles.district, sign_on=sign_on)
    if request.method == "POST" and form.is_valid():
        sso.save_sign_on(district=roles.district, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Single sign-on was saved."))
        return redirect("schools:sso_settings")
    return render(request, "schools/sso_settings.html", {
        "form": form, "sign_on": sign_on,
        "secret_status": sso.secret_status(sign_on) if sign_on else "",
        "redirect_uri": sso.redirect_uri(roles.district),
        "sign_in_link": request.build_absolute_uri(
            reverse("schools:sso_sign_in", args=[roles.district.slug]))})


@require_http_methods(["GET", "HEAD", "POST"])
def sso_find(request: HttpRequest) -> HttpResponse:
    """The address's domain leads to its district's sign-in page."""
    next_url = _next(request)
    form = FindDistrictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        sign_on = sso.sign_on_for_email(email)
        if sign_on is not None:
            request.session[LOGIN_HINT_KEY] = [sign_on.district.slug, email]
            url = reverse("schools:sso_sign_in", args=[sign_on.district.slug])
            return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)
        form.add_error("email", _(
            "No district signs in with addresses at %(domain)s here. Sign in with your "
            "password or a sign-in code instead.") % {"domain": email.rpartition("@")[2]})
    return render(request, "schools/sso_find.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "HEAD"])
def sso_sign_in(request: HttpRequest, slug: str) -> HttpResponse:
    """One button to the district's provider; a district may link here from its intranet."""
    district = get_object_or_404(District, slug=slug)
    sign_on = sso.enabled_sign_on(district)
    if sign_on is None:
        raise Http404
    hinted_slug, hint = request.session.get(LOGIN_HINT_KEY) or ("", "")
    hint = hint if hinted_slug == district.slug else ""
    query = urlencode({"auth_params": urlencode({"login_hint": hint})}) if hint else ""
    response = render(request, "schools/sso_sign_in.html", {
        "district": district, "sign_on": sign_on, "hint": hint, "next": _next(request),
        "action": f"{sso.login_path(sign_on)}?{query}" if query else sso.login_path(sign_on)})
    # The form's POST is answered by a redirect to the provider: the page must allow it.
    response._csp_update = {"form-action": [sso.authorization_origin(sign_on)]}
    return response


def _next(request: HttpRequest) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    return next_url if is_local_path(next_url) else ""
