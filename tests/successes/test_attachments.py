import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from successes.models import Attachment
from tests.factories import StoryFactory


def photo(fmt="JPEG", with_gps=True) -> bytes:
    image = Image.new("RGB", (64, 48), "orange")
    out = io.BytesIO()
    exif = Image.Exif()
    if with_gps:
        exif[0x8825] = {2: (51.0, 30.0, 0.0), 4: (0.0, 7.0, 0.0)}  # GPSInfo
        exif[0x010F] = "PhoneMaker"  # camera make
    image.save(out, format=fmt, exif=exif.tobytes() if fmt != "PNG" else None)
    return out.getvalue()


@pytest.fixture
def story(teacher):
    return StoryFactory(author=teacher)


def add(client, story, name, data, content_type="application/octet-stream"):
    return client.post(reverse("successes:attachment_add", args=[story.pk]),
                       {"file": SimpleUploadedFile(name, data, content_type)}, follow=True)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_photo_is_stored_without_location_or_other_metadata(client_for, teacher, story, fmt):
    add(client_for(teacher), story, f"class.{fmt.lower()}", photo(fmt))
    attachment = Attachment.objects.get()
    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert image.format == fmt
        assert not image.getexif()
        assert "exif" not in image.info


def test_a_pdf_is_accepted(client_for, teacher, story):
    add(client_for(teacher), story, "work.pdf", b"%PDF-1.4\n%%EOF\n")
    assert Attachment.objects.get().kind == "pdf"


def test_an_exe_renamed_to_jpg_is_refused(client_for, teacher, story):
    response = add(client_for(teacher), story, "cute.jpg", b"MZ\x90\x00" + b"\x00" * 500,
                   "image/jpeg")
    assert "Only JPEG, PNG and WebP photos or PDF files." in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_20_mb_file_is_refused(client_for, teacher, story):
    response = add(client_for(teacher), story, "big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024))
    assert "larger than 10 MB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_at_most_five_files_per_story(client_for, teacher, story):
    client = client_for(teacher)
    for n in range(6):
        response = add(client, story, f"p{n}.pdf", b"%PDF-1.4\n%%EOF\n")
    assert "at most 5 attachments" in response.content.decode()
    assert Attachment.objects.count() == 5


def test_only_the_author_adds_files(client_for, colleague, story):
    assert add(client_for(colleague), story, "x.pdf", b"%PDF-1.4").status_code == 404
    assert not Attachment.objects.exists()
