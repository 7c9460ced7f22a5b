"""Files of the evidence log: a PDF or a photo, judged by its content, not its name.

Photos are re-encoded from their pixels alone (turned upright first), so no location or
other metadata is kept. The rules match story attachments (successes.actions).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    kind: str  # EvidenceEntry.FileKind
    original_name: str


def check_upload(upload: UploadedFile) -> CheckedFile:
    """A PDF kept as sent, or a photo (JPEG, PNG, WebP) re-encoded; anything else, or more
    than 10 MB, is refused with a message saying why."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    data = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    name = (upload.name or "file").replace("\\", "/").rsplit("/", 1)[-1][:150]
    if data.startswith(b"%PDF-"):
        return CheckedFile(data, "application/pdf", "pdf", name)
    content, content_type = _clean_photo(data)
    return CheckedFile(content, content_type, "photo", name)


def _clean_photo(data: bytes) -> tuple[bytes, str]:
    wrong_type = _("Only JPEG, PNG and WebP photos or PDF files.")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            if image_format not in IMAGE_FORMATS:
                raise ValidationError(wrong_type)
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("The photo is too large (more than 40 megapixels)."))
            upright = ImageOps.exif_transpose(probe)
            alpha = image_format != "JPEG" and upright.has_transparency_data
            pixels = upright.convert("RGBA" if alpha else "RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError(wrong_type) from None
    # A new image carries no `info`: no EXIF, GPS, XMP, comment or text chunk is written.
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    out = io.BytesIO()
    clean.save(out, format=image_format, **({"quality": 88} if image_format != "PNG" else {}))
    return out.getvalue(), IMAGE_FORMATS[image_format]
