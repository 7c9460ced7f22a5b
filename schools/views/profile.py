"""A person's own profile page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mail.preferences import calendar_feed_url
from schools.middleware import LANGUAGES_KEY, SESSION_KEY, languages_of, time_zone_of
from schools.profile import update_profile
from schools.profile_forms import ProfileForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Everyone edits only their own profile; saving applies the new time zone and language
    at once (the session's copies are refreshed)."""
    user = request.user
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=user)
    if request.method == "POST" and form.is_valid():
        update_profile(user=user, **form.cleaned_data)
        request.session[SESSION_KEY] = time_zone_of(user)
        request.session[LANGUAGES_KEY] = languages = languages_of(user)
        translation.activate(languages[0] or languages[1] or translation.get_language())
        messages.success(request, _("Your profile was saved."))
        return redirect("schools:profile")
    return render(request, "schools/profile.html", {
        "form": form, "feed_url": calendar_feed_url(user)})
