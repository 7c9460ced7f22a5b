from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from successes import access, actions
from successes.forms import AttachmentForm
from successes.models import Attachment


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    story = access.get_own_story(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to add."))
    else:
        try:
            actions.add_attachment(story=story, upload=form.cleaned_data["file"])
            messages.success(request, _("The file was added."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return redirect("successes:detail", pk=story.pk)


@login_required
def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """Files are served only through this view, so they follow the story's visibility.

    The type and name come from the detected content (never from the upload); only photos
    are shown inline, and the browser may not sniff a different type.
    """
    story = access.get_story_for(request.user, pk)
    attachment = Attachment.objects.filter(pk=attachment_id, story=story).first()
    if attachment is None:
        raise Http404
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type,
                            as_attachment=attachment.kind != Attachment.Kind.PHOTO,
                            filename=attachment.file_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    story = access.get_own_story(request.user, pk)
    attachment = Attachment.objects.filter(pk=attachment_id, story=story).first()
    if attachment is not None:
        actions.remove_attachment(attachment=attachment)
        messages.success(request, _("The file was removed."))
    return redirect("successes:detail", pk=story.pk)
