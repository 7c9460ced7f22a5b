"""Bad input gets a clear message and keeps what was typed; nothing is saved."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from inquiry import actions, files
from inquiry.models import EvidenceEntry, Indicator, InquiryPlan


def url(name, cycle, *args):
    return reverse(f"inquiry:{name}", args=[cycle.pk, *args])


def entry(**changes):
    yesterday = timezone.localdate() - timedelta(days=1)  # by every clock's reckoning, seen
    return {"seen_on": yesterday.isoformat(), "evidence_kind": "perceptions",
            "what_was_seen": "Typed with care ZQTYPED", **changes}


def photo_with_location() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 30.0, 0.0), 4: (0.0, 7.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def post_entry(client, cycle, data, upload=None):
    if upload is not None:
        data = {**data, "file": upload}
    return client.post(url("entry_add", cycle), data)


@pytest.mark.parametrize(("changes", "message"), [
    ({"seen_on": "tomorrow"}, "Enter a real date."),
    ({"seen_on": "2026-02-30"}, "Enter a real date."),
    ({"evidence_kind": "gossip"}, "Choose one of the four kinds of evidence."),
    ({"evidence_kind": ""}, "This field is required."),
    ({"what_was_seen": "   "}, "This field is required."),
])
def test_a_bad_entry_is_refused_with_a_message(client_for, teacher, cycle, changes, message):
    response = post_entry(client_for(teacher), cycle, entry(**changes))
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert not EvidenceEntry.objects.exists() and not InquiryPlan.objects.exists()
    if "what_was_seen" not in changes:
        assert "ZQTYPED" in page


def test_a_date_in_the_future_is_refused(client_for, teacher, cycle):
    later = (timezone.localdate() + timedelta(days=2)).isoformat()
    page = post_entry(client_for(teacher), cycle, entry(seen_on=later)).content.decode()
    assert "The date is in the future" in page and "ZQTYPED" in page and later in page
    assert not EvidenceEntry.objects.exists()


def test_a_date_long_before_the_cycle_is_refused(client_for, teacher, cycle):
    early = (cycle.starts_on - timedelta(days=400)).isoformat()
    page = post_entry(client_for(teacher), cycle, entry(seen_on=early)).content.decode()
    assert "more than a year before the cycle began" in page and "ZQTYPED" in page
    assert not EvidenceEntry.objects.exists()


def test_a_baseline_from_before_the_cycle_is_kept(client_for, teacher, cycle):
    baseline = (cycle.starts_on - timedelta(days=200)).isoformat()
    assert post_entry(client_for(teacher), cycle, entry(seen_on=baseline)).status_code == 302


def test_a_file_that_is_no_photo_or_pdf_is_refused(client_for, teacher, cycle):
    upload = SimpleUploadedFile("notes.pdf", b"<html>not a pdf</html>", "application/pdf")
    page = post_entry(client_for(teacher), cycle, entry(), upload).content.decode()
    assert "Only JPEG, PNG and WebP photos or PDF files." in page and "ZQTYPED" in page
    assert not EvidenceEntry.objects.exists()


def test_a_file_too_large_is_refused(client_for, teacher, cycle, monkeypatch):
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 20)
    upload = SimpleUploadedFile("tally.pdf", b"%PDF-1.4\n" + b"x" * 40, "application/pdf")
    page = post_entry(client_for(teacher), cycle, entry(), upload).content.decode()
    assert "larger than 10 MB" in page and "ZQTYPED" in page


def test_a_photo_is_kept_without_its_location(client_for, teacher, cycle):
    upload = SimpleUploadedFile("board.jpg", photo_with_location(), "image/jpeg")
    assert post_entry(client_for(teacher), cycle, entry(), upload).status_code == 302
    stored = EvidenceEntry.objects.get()
    assert stored.file_kind == "photo" and stored.content_type == "image/jpeg"
    with stored.file.open("rb") as data, Image.open(data) as image:
        assert not image.getexif()


def test_half_a_theory_of_action_is_refused(client_for, teacher, cycle):
    response = client_for(teacher).post(url("edit", cycle), {
        "problem_of_practice": "ZQPROBLEM", "if_we": "ZQIFWE", "then": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "A theory of action says both" in page
    assert "ZQPROBLEM" in page and "ZQIFWE" in page and not InquiryPlan.objects.exists()


def test_an_empty_plan_or_reflection_is_refused(client_for, teacher, cycle):
    client = client_for(teacher)
    page = client.post(url("edit", cycle), {"problem_of_practice": " ", "if_we": "",
                                            "then": ""}).content.decode()
    assert "Write the problem of practice or the theory of action." in page
    page = client.post(url("reflection", cycle), {"went_well": "", "did_not_go_well": "",
                                                  "changes": ""}).content.decode()
    assert "Write at least one part of the reflection." in page
    assert not InquiryPlan.objects.exists()


@pytest.mark.parametrize(("changes", "message"), [
    ({"timing": "someday"}, "Choose leading or lagging."),
    ({"evidence_kind": "rumours"}, "Choose one of the four kinds of evidence."),
    ({"text": ""}, "This field is required."),
])
def test_a_bad_indicator_is_refused_with_a_message(client_for, teacher, cycle, changes,
                                                   message):
    data = {"evidence_kind": "perceptions", "timing": "leading", "text": "ZQWATCH", **changes}
    page = client_for(teacher).post(url("indicator_add", cycle), data).content.decode()
    assert message in page and not Indicator.objects.exists()
    if changes.get("text") != "":
        assert "ZQWATCH" in page


def test_a_few_indicators_of_each_kind_at_most(teacher, cycle):
    for n in range(actions.MAX_INDICATORS):
        actions.add_indicator(cycle=cycle, by=teacher, evidence_kind="perceptions",
                              timing="leading", text=f"Sign {n}")
    with pytest.raises(ValidationError, match="At most"):
        actions.add_indicator(cycle=cycle, by=teacher, evidence_kind="perceptions",
                              timing="leading", text="One more")
    actions.add_indicator(cycle=cycle, by=teacher, evidence_kind="perceptions",
                          timing="lagging", text="Another timing is fine")


def test_the_actions_refuse_someone_who_does_not_write(teacher_elsewhere, district_leader,
                                                       cycle):
    for person in (teacher_elsewhere, district_leader):  # interested; not a member
        with pytest.raises(ValidationError):
            actions.save_plan(cycle=cycle, by=person, problem_of_practice="No", if_we="",
                              then="")
    assert not InquiryPlan.objects.exists()
