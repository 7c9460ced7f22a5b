"""Privacy pages: a person downloads their data; a district admin removes a departed person
and reads the district's audit log."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lib.pagination import window
from schools import access, audit, privacy
from schools.models import Membership
from schools.privacy_forms import AuditFilterForm, DepartureForm

AUDIT_PAGE_SIZE = 50
IN_MEMORY_BYTES = 16 * 1024 * 1024  # larger archives spill to a temporary file


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    """GET explains; the POST builds the person's own archive (and is audit-logged)."""
    if request.method != "POST":
        return render(request, "schools/privacy_my_data.html")
    archive = tempfile.SpooledTemporaryFile(max_size=IN_MEMORY_BYTES)
    privacy.write_archive(request.user, archive)
    archive.seek(0)
    districts = {m.district for m in Membership.objects.active().filter(user=request.user)
                 .select_related("district")}
    privacy.record_export(person=request.user, districts=districts)
    return FileResponse(archive, as_attachment=True, content_type="application/zip",
                        filename=f"my-data-{timezone.localdate():%Y-%m-%d}.zip")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def remove_person(request: HttpRequest, pk: int) -> HttpResponse:
    """GET previews what will happen; the POST does it."""
    roles = access.require_district_admin(request.user)
    person = access.get_staff_member_for(request.user, pk)
    if person == request.user:
        messages.error(request, _("You cannot remove yourself."))
        return redirect("schools:staff_member", pk=person.pk)
    form = DepartureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        privacy.remove_departed_person(departure=privacy.departure_for(
            person=person, district=roles.district, by=request.user,
            delete_shared=form.cleaned_data["delete_shared"]))
        messages.success(request, _("%(name)s was removed.") % {"name": person})
        return redirect("schools:staff")
    departure = privacy.departure_for(person=person, district=roles.district)
    plan = privacy.departure_plan(departure)
    kept = sum(c.count for c in plan if c.key == "stories_kept")
    return render(request, "schools/privacy_remove.html", {
        "person": person, "form": form, "plan": plan, "kept": kept,
        "login": privacy.login_consequence(departure)})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    access.require_district_admin(request.user)
    form = AuditFilterForm(request.GET)
    entries = audit.entries_visible_to(request.user, form.filters())
    page = window(entries, request.GET.get("page"), AUDIT_PAGE_SIZE)
    for entry in page.object_list:
        entry.description = audit.describe(entry)
    template = ("schools/audit_log.html#results" if request.htmx and not request.htmx.boosted
                else "schools/audit_log.html")
    return render(request, template, {"form": form, "page": page})
