from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from forums.models import Delivery, DeliveryStatus
from lib import health
from schools.access import require_district_admin

RECENT = 50


@login_required
def email_status(request: HttpRequest) -> HttpResponse:
    """District admins: what the outbox did lately for their district, and whether the
    scheduler and worker are alive (warned about after 15 minutes of silence)."""
    roles = require_district_admin(request.user)
    deliveries = Delivery.objects.filter(district=roles.district)
    context = {
        "recent": deliveries.select_related("recipient").only(
            "id", "kind", "email", "status", "attempts", "scheduled_for", "sent_at",
            "last_error", "recipient__name", "recipient__email")[:RECENT],
        "failures": deliveries.filter(status=DeliveryStatus.FAILED).only(
            "id", "kind", "email", "attempts", "last_error", "scheduled_for")[:RECENT],
        "counts": dict(deliveries.values_list("status").annotate(n=Count("id")).values_list(
            "status", "n")),
        "silent": health.silent_parts(minutes=15),
    }
    return render(request, "forums/email_status.html", context)
