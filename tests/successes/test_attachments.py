import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

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


PLANTED = b"Planted-by-the-camera-4711"


def photo_with_every_kind_of_metadata(fmt: str) -> bytes:
    """A photo carrying EXIF with GPS, XMP, an ICC profile, and comments or text chunks."""
    image = Image.new("RGB", (64, 48), "teal")
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 30.0, 0.0), 4: (0.0, 7.0, 0.0)}  # GPSInfo
    exif[0x010F] = PLANTED.decode()  # camera make
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>' + PLANTED
           + b"</rdf:Description></x:xmpmeta>")
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    params = {"exif": exif.tobytes(), "xmp": xmp, "icc_profile": icc}
    if fmt == "JPEG":
        params["comment"] = PLANTED
    if fmt == "PNG":
        text = PngInfo()
        text.add_text("Comment", PLANTED.decode())  # tEXt
        text.add_text("Author", PLANTED.decode(), zip=True)  # zTXt
        text.add_itxt("Description", PLANTED.decode(), lang="fr")  # iTXt
        text.add_itxt("XML:com.adobe.xmp", xmp.decode())  # PNG carries XMP in iTXt
        params["pnginfo"] = text
    out = io.BytesIO()
    image.save(out, format=fmt, **params)
    planted = out.getvalue()
    with Image.open(io.BytesIO(planted)) as check:  # the test photo really carries it all
        check.load()
        assert {"icc_profile", "exif", "xmp"} <= set(check.info)
    return planted


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_it_strips_every_metadata_segment_from_a_photo(client_for, teacher, story, fmt):
    add(client_for(teacher), story, f"class.{fmt.lower()}", photo_with_every_kind_of_metadata(fmt))
    with Attachment.objects.get().file.open("rb") as stored:
        data = stored.read()
    assert PLANTED not in data
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert image.format == fmt
        assert not image.getexif()
        assert not set(image.info) & {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"}
        assert not getattr(image, "text", {})
        assert image.getpixel((10, 10))[:3] == pytest.approx((0, 128, 128), abs=6)


def test_it_keeps_transparency_of_a_png(client_for, teacher, story):
    out = io.BytesIO()
    Image.new("RGBA", (8, 8), (255, 0, 0, 0)).save(out, format="PNG")
    add(client_for(teacher), story, "logo.png", out.getvalue())
    with Attachment.objects.get().file.open("rb") as stored, Image.open(stored) as image:
        assert image.convert("RGBA").getpixel((1, 1))[3] == 0


@pytest.mark.parametrize(("fmt", "mode"), [("JPEG", "CMYK"), ("JPEG", "L"), ("PNG", "P"),
                                           ("PNG", "LA"), ("WEBP", "RGBA")])
def test_it_accepts_photos_in_other_colour_modes(client_for, teacher, story, fmt, mode):
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "teal").convert(mode).save(out, format=fmt)
    add(client_for(teacher), story, "odd.img", out.getvalue())
    with Attachment.objects.get().file.open("rb") as stored, Image.open(stored) as image:
        assert image.format == fmt
        assert image.mode in ("RGB", "RGBA")


def download(client, attachment):
    return client.get(reverse("successes:attachment", args=[attachment.story_id, attachment.pk]))


def real_pdf() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(out, format="PDF")
    return out.getvalue()


def test_a_pdf_named_html_downloads_as_a_pdf(client_for, teacher, story):
    client = client_for(teacher)
    add(client, story, "invoice.html", real_pdf(), "text/html")
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith("/invoice.pdf")

    response = download(client, attachment)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="invoice.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_photo_is_named_after_its_detected_type(client_for, teacher, story):
    client = client_for(teacher)
    add(client, story, '../"Élèves" en classe.png.html', photo("JPEG"), "text/html")
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith("/élèves-en-classe-png.jpg")

    response = download(client, attachment)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == (
        "inline; filename*=utf-8''%C3%A9l%C3%A8ves-en-classe-png.jpg")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_name_with_nothing_usable_becomes_file(client_for, teacher, story):
    client = client_for(teacher)
    add(client, story, "<%!>.html", real_pdf())
    attachment = Attachment.objects.get()
    assert attachment.file.name.endswith("/file.pdf")
    assert download(client, attachment)["Content-Disposition"] == 'attachment; filename="file.pdf"'
