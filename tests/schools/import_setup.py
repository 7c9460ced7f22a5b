"""What the staff-import tests share: uploading a file as an admin does, and OneRoster bundles
built from the sample in tests/fixtures/oneroster/ (with rows changed, added or dropped)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schools.models import ImportJob

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "oneroster"
IMPORT = reverse("schools:import_staff")


def upload(client, data: bytes | str, name: str = "staff.csv"):
    """Post the file as the upload form does; the answer the browser ends on (redirects
    followed) and the job it started (None when the upload itself was refused)."""
    data = data.encode() if isinstance(data, str) else data
    response = client.post(IMPORT, {"file": SimpleUploadedFile(name, data)}, follow=True)
    return response, ImportJob.objects.order_by("-id").first()


def confirm(client, job: ImportJob):
    response = client.post(reverse("schools:import_job_run", args=[job.pk]), follow=True)
    job.refresh_from_db()
    return response


def text_of(response) -> str:
    return response.content.decode()


def sample_file(version: str, name: str) -> str:
    return (FIXTURES / version / name).read_text(encoding="utf-8")


def edit_rows(text: str, *, drop: tuple[str, ...] = (), change: dict | None = None,
              add: list[dict] | tuple = ()) -> str:
    """A CSV of the sample with rows dropped (by sourcedId), changed ({id: {column: value}})
    or added (missing columns empty)."""
    reader = csv.DictReader(io.StringIO(text))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames, lineterminator="\r\n")
    writer.writeheader()
    for row in reader:
        if row["sourcedId"] in drop:
            continue
        row.update((change or {}).get(row["sourcedId"], {}))
        writer.writerow(row)
    for row in add:
        writer.writerow({name: row.get(name, "") for name in reader.fieldnames})
    return out.getvalue()


def bundle(version: str = "v1p1", **files: str | None) -> bytes:
    """The sample bundle zipped; `users=...` replaces users.csv, `manifest=None` leaves it out."""
    contents = {path.stem: path.read_text(encoding="utf-8")
                for path in sorted((FIXTURES / version).glob("*.csv"))}
    contents.update(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for stem, text in contents.items():
            if text is not None:
                archive.writestr(f"{stem}.csv", text)
    return buffer.getvalue()
