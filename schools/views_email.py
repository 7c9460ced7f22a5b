"""Pages reached from e-mails: e-mail settings, one-click unsubscribe, and sign-in links.

Links in e-mails are opened by mail scanners too, so GET only ever shows a page; a POST acts.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from schools import preferences, signin
from schools.models import EmailKind
from schools.preferences_forms import PreferencesForm


@login_required
def email_preferences(request: HttpRequest) -> HttpResponse:
    current = preferences.settings_for(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        preferences.update_preferences(user=request.user,
                                       digest_cadence=form.cleaned_data["digest_cadence"],
                                       muted_kinds=form.muted_kinds)
        messages.success(request, _("Your e-mail settings were saved."))
        return redirect("schools:preferences")
    feed_url = preferences.calendar_feed_url(request.user)
    return render(request, "schools/preferences.html", {
        "form": form, "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1]})


@login_required
@require_POST
def reset_calendar_link(request: HttpRequest) -> HttpResponse:
    preferences.reset_calendar_token(user=request.user)
    messages.success(request, _("Your calendar link was reset. The old link no longer works; "
                                "subscribe again with the new one."))
    return redirect("schools:preferences")


@csrf_exempt  # the signed token is the proof; mail clients' one-click POST has no CSRF token
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks, POST stops the e-mails - also the RFC 8058 one-click POST
    ("List-Unsubscribe=One-Click"), which arrives without cookies or sign-in."""
    try:
        person, kind = preferences.read_unsubscribe_link(token)
    except preferences.UnsubscribeLinkInvalid:
        return render(request, "schools/unsubscribe_invalid.html", status=400)
    context = {"person": person, "kind": kind, "kind_label": EmailKind(kind).label,
               "is_digest": kind == EmailKind.DISTRICT_DIGEST}
    if request.method == "POST":
        preferences.unsubscribe(user=person, kind=kind)
        return render(request, "schools/unsubscribe_done.html", context)
    return render(request, "schools/unsubscribe.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows "Continue as ..." and leaves the link unused; the POST signs in."""
    try:
        link = signin.find_usable_link(token)
        if request.method == "POST":
            link = signin.use_sign_in_link(token)
    except signin.SignInLinkUnusable:
        return render(request, "schools/signin_link_unusable.html", status=410)
    next_url = link.next_url if signin.is_local_path(link.next_url) else "/"
    if request.method == "POST":
        login(request, link.user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(next_url)
    if request.user == link.user:  # already signed in as this person: nothing to confirm
        return redirect(next_url)
    return render(request, "schools/signin_link.html", {"link": link})
