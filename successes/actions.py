"""State changes for success stories. Callers fetch through successes.access first."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from lib.text import without_control_characters
from mail.models import EmailKind
from mail.outbox import plan_now
from mail.registry import Planned
from schools import audit
from schools.access import roles_for
from schools.models import AuditAction, School, User
from successes.models import (
    Attachment,
    Spotlight,
    StoryDraft,
    SuccessStory,
    Theme,
    TryIntent,
    VisibilityChange,
)
from successes.notifications import tell_story_grew, tell_try_intent
from successes.versions import stories_changed

TRASH_DAYS = 30
MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
DRAFT_FIELD_LIMIT = 20_000  # characters kept per field of a draft
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}

STORY_FIELDS = ("title", "before", "what_went_right", "actions", "conditions", "why_it_worked",
                "happened_on", "grade_band", "subject", "free_tags", "evidence_kinds",
                "visibility", "network", "show_name", "grew_from")


def home_school_for(user: User) -> School | None:
    """The school a new story is filed under: the author's first school, if any."""
    school_ids = sorted(roles_for(user).school_ids)
    return School.objects.filter(pk=school_ids[0]).first() if school_ids else None


@transaction.atomic
def save_story(*, author: User, story: SuccessStory | None, data: dict,
               themes: list[Theme], spotlight: Spotlight | None = None,
               form_token: str = "") -> SuccessStory:
    """Create or update a story from validated data; the author's draft is then spent, and
    so is the form page it came from (`form_token`: its late autosaves are refused).

    A story is filed under one of its author's schools (`school` in `data`, else their first
    one; an edited story may keep the school it had). Each change of visibility is recorded
    with its time. Control characters are dropped from every text (they could pose as the
    search highlight's marks).
    """
    if story is None:
        roles = roles_for(author)
        story = SuccessStory(author=author, district=roles.district,
                             school=home_school_for(author))
        old_visibility, old_school_id = None, None
    else:
        # Read from the database: a bound ModelForm has already changed the instance.
        old_visibility, old_school_id = (SuccessStory.objects.filter(pk=story.pk)
                                         .values_list("visibility", "school_id").get())
    school = data.get("school")
    if school is not None:
        if school.pk not in roles_for(author).school_ids and school.pk != old_school_id:
            raise ValidationError(_("A story can be filed only under one of your schools."))
        story.school = school
    for name in STORY_FIELDS:
        if name in data:
            setattr(story, name, _typed(data[name]))
    story.form_token = form_token[:32]
    story.save()
    story.themes.set(themes)
    stories_changed(story.district_id)  # cached district figures are rebuilt at once
    if old_visibility is not None and old_visibility != story.visibility:
        VisibilityChange.objects.create(story=story, old=old_visibility, new=story.visibility)
        audit.record(district=story.district, actor=author, target_user=author,
                     action=AuditAction.VISIBILITY_CHANGED, story=story.pk,
                     old=old_visibility, new=story.visibility)
    StoryDraft.objects.filter(author=author,
                              story=None if old_visibility is None else story).delete()
    if spotlight is not None and spotlight.colleague_id == author.pk:
        Spotlight.objects.filter(pk=spotlight.pk).update(story=story)
    if old_visibility is None:
        tell_story_grew(story)
    return story


def autosave_draft(*, author: User, story: SuccessStory | None, data: dict,
                   form_token: str = "") -> StoryDraft | None:
    """Keep what was typed, as typed: no validation, so nothing is refused mid-sentence
    (only control characters are dropped, as from a saved story).

    Refused (None) when the form page it comes from (`form_token`) was already saved: an
    autosave still on its way then would write the saved text back as a draft, and the
    next "Log a success" would open full instead of empty."""
    if form_token and _form_was_saved(author, story, form_token):
        return None
    kept = {key: [_typed(str(value))[:DRAFT_FIELD_LIMIT] for value in values][:50]
            for key, values in list(data.items())[:40]}
    draft, _created = StoryDraft.objects.update_or_create(
        author=author, story=story, defaults={"data": kept})
    return draft


def _form_was_saved(author: User, story: SuccessStory | None, form_token: str) -> bool:
    saved = SuccessStory.objects.filter(author=author, form_token=form_token)
    return (saved if story is None else saved.filter(pk=story.pk)).exists()


def _typed(value):
    """A typed text (or list of texts, like tags) without control characters."""
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return value


def discard_draft(*, author: User, story: SuccessStory | None) -> None:
    StoryDraft.objects.filter(author=author, story=story).delete()


@transaction.atomic
def delete_story(*, story: SuccessStory) -> None:
    """Move to the author's trash; it can be restored for 30 days, then it is purged."""
    story.deleted_at = timezone.now()
    story.save(update_fields=["deleted_at", "updated_at"])
    stories_changed(story.district_id)


@transaction.atomic
def restore_story(*, story: SuccessStory) -> None:
    story.deleted_at = None
    story.save(update_fields=["deleted_at", "updated_at"])
    stories_changed(story.district_id)


def purge_deleted_stories(*, now=None) -> int:
    """Delete for good the stories that sat in the trash for more than 30 days."""
    cutoff = (now or timezone.now()) - timedelta(days=TRASH_DAYS)
    purged = 0
    for story in SuccessStory.objects.filter(deleted_at__lt=cutoff).iterator():
        with transaction.atomic():
            files = [a.file for a in story.attachments.all()]
            story.delete()
            transaction.on_commit(lambda files=files: [f.delete(save=False) for f in files])
        purged += 1
    return purged


# --- Attachments -----------------------------------------------------------------------

@transaction.atomic
def add_attachment(*, story: SuccessStory, upload: UploadedFile) -> Attachment:
    """Accept a photo (JPEG, PNG, WebP) or a PDF, judged by its content, not its name.

    Photos are re-encoded from their pixels alone, which drops location and every other piece
    of metadata. The file is stored under a slug of its name with the detected type's extension.
    """
    SuccessStory.objects.select_for_update().filter(pk=story.pk).get()
    if story.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(_("A story can have at most %(n)d attachments.")
                              % {"n": MAX_ATTACHMENTS})
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    data = upload.read(MAX_ATTACHMENT_BYTES + 1)
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    original = (upload.name or "file").rsplit("/", 1)[-1][:150]
    if data.startswith(b"%PDF-"):
        content, content_type, kind = data, "application/pdf", Attachment.Kind.PDF
    else:
        content, content_type = _clean_image(data)
        kind = Attachment.Kind.PHOTO
    attachment = Attachment(story=story, kind=kind, original_name=original,
                            content_type=content_type, size=len(content))
    attachment.file.save(attachment.file_name, ContentFile(content), save=True)
    return attachment


def _clean_image(data: bytes) -> tuple[bytes, str]:
    """Re-encode a photo from its pixels alone: the new image has no `info`, so no EXIF, GPS,
    XMP, IPTC, ICC profile, JPEG comment or PNG text chunk can reach the encoder."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            if image_format not in IMAGE_FORMATS:
                raise ValidationError(_("Only JPEG, PNG and WebP photos or PDF files."))
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("The photo is too large (more than 40 megapixels)."))
            pixels = _srgb_pixels(ImageOps.exif_transpose(probe),
                                  keep_alpha=image_format != "JPEG")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("Only JPEG, PNG and WebP photos or PDF files.")) from None
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    out = io.BytesIO()
    clean.save(out, format=image_format, **({"quality": 88} if image_format != "PNG" else {}))
    return out.getvalue(), IMAGE_FORMATS[image_format]


def _srgb_pixels(image: Image.Image, *, keep_alpha: bool) -> Image.Image:
    """RGB(A) pixels in sRGB, so the colour profile (which can name the device) is dropped
    without shifting the colours of, say, a Display P3 phone photo."""
    alpha = keep_alpha and image.has_transparency_data
    mode = "RGBA" if alpha else "RGB"
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert(mode)  # palette and the like; the profile stays in `info`
    if profile := image.info.get("icc_profile"):
        try:
            return ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile or an unusual mode: take the pixels as they are
    return image.convert(mode)


@transaction.atomic
def remove_attachment(*, attachment: Attachment) -> None:
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.delete(save=False))


# --- Colleagues ------------------------------------------------------------------------

def want_to_try(*, story: SuccessStory, user: User) -> TryIntent | None:
    """Add the story to the person's "to try" list. Authors do not try their own story."""
    if story.author_id == user.pk:
        return None
    try:
        with transaction.atomic():
            intent, created = TryIntent.objects.get_or_create(story=story, user=user)
            if created:
                tell_try_intent(story=story, user=user)
    except IntegrityError:
        intent = TryIntent.objects.get(story=story, user=user)
    return intent


def no_longer_want_to_try(*, story: SuccessStory, user: User) -> None:
    TryIntent.objects.filter(story=story, user=user).delete()


@transaction.atomic
def spotlight_colleague(*, noticed_by: User, colleague: User, note: str) -> Spotlight:
    """Note something great seen in a colleague's class; they are invited to log it."""
    shared = sorted(roles_for(noticed_by).school_ids & roles_for(colleague).school_ids)
    if not shared or colleague.pk == noticed_by.pk:
        raise ValidationError(_("You can spotlight colleagues of your own school."))
    spotlight = Spotlight.objects.create(noticed_by=noticed_by, colleague=colleague,
                                         school_id=shared[0], note=note.strip())
    plan_now([Planned(key=f"spotlight:{spotlight.pk}", kind=EmailKind.SPOTLIGHT,
                      email=colleague.email, recipient=colleague,
                      district=roles_for(colleague).district, scheduled_for=timezone.now(),
                      payload={"spotlight": spotlight.pk})])
    return spotlight


def dismiss_spotlight(*, spotlight: Spotlight) -> None:
    spotlight.dismissed_at = timezone.now()
    spotlight.save(update_fields=["dismissed_at"])
