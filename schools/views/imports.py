"""Staff imports: upload a file, read its preview, import it, follow its progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from schools import access, import_actions, import_runs
from schools.forms import ImportForm
from schools.models import ImportStatus

RECENT_IMPORTS = 10
# What each group of a preview is called, before and after the import.
GROUPS = {
    "schools_added": (gettext_lazy("Schools to add"), gettext_lazy("Schools added")),
    "schools_renamed": (gettext_lazy("Schools to rename"), gettext_lazy("Schools renamed")),
    "invite": (gettext_lazy("People to invite"), gettext_lazy("People invited")),
    "add_role": (gettext_lazy("Roles to add"), gettext_lazy("Roles added")),
    "invitation_changes": (gettext_lazy("Invitations to change"),
                           gettext_lazy("Invitations changed")),
    "role_changes": (gettext_lazy("Role changes"), gettext_lazy("Roles changed")),
    "reactivate": (gettext_lazy("People to reactivate"), gettext_lazy("People reactivated")),
    "deactivate": (gettext_lazy("People to deactivate"), gettext_lazy("People deactivated")),
    "withdraw": (gettext_lazy("Invitations to withdraw"), gettext_lazy("Invitations withdrawn")),
    "already_invited": (gettext_lazy("Already invited"), gettext_lazy("Already invited")),
    "already_on_staff": (gettext_lazy("Already on staff"), gettext_lazy("Already on staff")),
    "up_to_date": (gettext_lazy("Already up to date"), gettext_lazy("Already up to date")),
    "ignored": (gettext_lazy("Ignored: not staff, or not active"),
                gettext_lazy("Ignored: not staff, or not active")),
}


@login_required
def import_staff(request: HttpRequest) -> HttpResponse:
    """The upload form and the district's recent imports; an upload goes to its job's page."""
    roles = access.require_district_admin(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = import_actions.start_import(district=roles.district, by=request.user,
                                          file_name=upload.name, data=upload.read())
        return redirect("schools:import_job", pk=job.pk)
    recent = access.import_jobs_for(request.user).defer("content")[:RECENT_IMPORTS]
    return render(request, "schools/import.html", {"form": form, "recent": recent})


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """While a worker checks or imports the file, the page polls its progress (htmx, every
    2 s; a refresh without JavaScript); then the preview, or the result."""
    job = access.get_import_job_for(request.user, pk)
    if request.htmx and not job.is_running:
        return HttpResponseClientRefresh()  # the job moved on: show the whole page
    done, total = import_runs.progress_of(job)
    template = "schools/import_job.html#progress" if request.htmx else "schools/import_job.html"
    return render(request, template, {"job": job, "done": done, "total": total,
                                      "groups": _groups(job)})


def _groups(job) -> list[dict]:
    """The preview's groups (or, once imported, the result's), named for the reader."""
    after = job.status == ImportStatus.DONE
    return [{**group, "label": GROUPS[group["key"]][after],
             "people": not group["key"].startswith("schools_")}
            for group in (job.result if after else job.preview).get("groups", [])]


@login_required
@require_POST
def run_import(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_import_job_for(request.user, pk)
    if not import_actions.confirm_import(job=job, by=request.user):
        messages.error(request, _("This file cannot be imported (any more)."))
    return redirect("schools:import_job", pk=job.pk)


@login_required
@require_POST
def discard_import(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.get_import_job_for(request.user, pk)
    if import_actions.discard_import(job=job):
        messages.success(request, _("The file was discarded; nothing was imported."))
    return redirect("schools:import_staff")
