"""Sign-in links from e-mails: one click from "your session starts in 2 hours" to the page.
Also the Django admin's sign-in, which is the app's.

Links in e-mails are opened by mail scanners too, so GET only ever shows a page; a POST acts.
"""

from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from schools import signin


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


def admin_login(request: HttpRequest) -> HttpResponse:
    """The Django admin signs in through the app's login, so one rate limit and lockout
    covers every password guess; the admin's own password form is never shown."""
    next_url = request.GET.get("next", "")
    if not signin.is_local_path(next_url):
        next_url = reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(next_url)
        raise PermissionDenied  # signed in without admin access: no redirect loop
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
