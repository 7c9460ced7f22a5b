"""E-mail settings, one-click unsubscribe, and the district admin's view of the outbox.

Links in e-mails are opened by mail scanners too, so GET only ever shows a page; a POST acts.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from lib import health
from mail import outbox, preferences
from mail.forms import PreferencesForm
from mail.models import PRIVATE_KINDS, Delivery, DeliveryStatus, EmailKind
from mail.registry import role_rules

RECENT = 50


@login_required
def email_preferences(request: HttpRequest) -> HttpResponse:
    current = preferences.settings_for(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        preferences.update_preferences(user=request.user,
                                       digest_cadence=form.cleaned_data["digest_cadence"],
                                       muted_kinds=form.muted_kinds)
        messages.success(request, _("Your e-mail settings were saved."))
        return redirect("mail:preferences")
    feed_url = preferences.calendar_feed_url(request.user)
    return render(request, "mail/preferences.html", {
        "form": form, "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1]})


@login_required
@require_POST
def reset_calendar_link(request: HttpRequest) -> HttpResponse:
    preferences.reset_calendar_token(user=request.user)
    messages.success(request, _("Your calendar link was reset. The old link no longer works; "
                                "subscribe again with the new one."))
    return redirect("mail:preferences")


@csrf_exempt  # the signed token is the proof; mail clients' one-click POST has no CSRF token
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks, POST stops the e-mails - also the RFC 8058 one-click POST
    ("List-Unsubscribe=One-Click"), which arrives without cookies or sign-in."""
    try:
        person, kind = preferences.read_unsubscribe_link(token)
    except preferences.UnsubscribeLinkInvalid:
        return render(request, "mail/unsubscribe_invalid.html", status=400)
    context = {"person": person, "kind": kind, "kind_label": EmailKind(kind).label,
               "is_digest": kind == EmailKind.DISTRICT_DIGEST}
    if request.method == "POST":
        preferences.unsubscribe(user=person, kind=kind)
        return render(request, "mail/unsubscribe_done.html", context)
    return render(request, "mail/unsubscribe.html", context)


def _administered_district(user):
    """The district whose outbox `user` administers; 404 for anyone else."""
    rules = role_rules()
    district = rules.administered_district(rules.roles_of(user))
    if district is None:
        raise Http404
    return district


def _needing_attention(deliveries, status: str):
    return deliveries.filter(status=status).only(
        "id", "kind", "email", "attempts", "last_error", "scheduled_for", "claimed_at")[:RECENT]


@login_required
def email_status(request: HttpRequest) -> HttpResponse:
    """District admins: what the outbox did lately for their district - failures, e-mails
    the server may or may not have (with "send again"), those dropped as too late - and
    whether the scheduler and worker are alive (warned about after 15 minutes of silence) -
    and how far the e-mails planned in the last day got, kind by kind (a digest to thousands
    of readers: waiting, sending, sent, failed), refreshed every few seconds while sending."""
    district = _administered_district(request.user)
    fan_outs = outbox.progress(district)
    progress = {"fan_outs": fan_outs, "sending_now": any(f.in_progress for f in fan_outs)}
    if request.htmx:
        return render(request, "mail/email_status.html#progress", progress)
    deliveries = Delivery.objects.filter(district=district).exclude(kind__in=PRIVATE_KINDS)
    context = {
        **progress,
        "recent": deliveries.select_related("recipient").only(
            "id", "kind", "email", "status", "attempts", "scheduled_for", "sent_at",
            "last_error", "recipient__name", "recipient__email")[:RECENT],
        "failures": _needing_attention(deliveries, DeliveryStatus.FAILED),
        "uncertain": _needing_attention(deliveries, DeliveryStatus.UNCERTAIN),
        "too_late": _needing_attention(deliveries, DeliveryStatus.TOO_LATE),
        "counts": dict(deliveries.values_list("status").annotate(n=Count("id")).values_list(
            "status", "n")),
        "silent": health.silent_parts(minutes=15),
    }
    return render(request, "mail/email_status.html", context)


@login_required
@require_POST
def send_again(request: HttpRequest, pk: int) -> HttpResponse:
    """An uncertain e-mail of the admin's own district goes out once more (the admin checked
    with the recipient that it did not arrive)."""
    delivery = get_object_or_404(Delivery, pk=pk, district=_administered_district(request.user),
                                 status=DeliveryStatus.UNCERTAIN)
    outbox.send_again(delivery=delivery, by=request.user)
    messages.success(request, _("The e-mail to %(email)s is being sent again.")
                     % {"email": delivery.email})
    return redirect("mail:email_status")
