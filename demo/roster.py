"""The demo district's roster, as its student information system would export it: a OneRoster
1.1 bundle of its schools and staff (and a few students, whom the import ignores).

seed_demo imports it once, as an admin would, so the schools and roles carry their sourcedIds
and District → Import staff lists the import. `python manage.py demo_roster newer.zip` writes
a later export to try a sync with: a new teacher, a teacher who became a school leader, and
one who left.
"""

from __future__ import annotations

import csv
import io
import zipfile

from demo.district import PEOPLE, SCHOOLS
from schools import import_actions, import_runs
from schools.models import District, ImportJob, ImportKind, ImportStatus, Role, User

FILE_NAME = "riverside-sis-export-august.zip"
USER_COLUMNS = ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds",
                "role", "username", "userIds", "givenName", "familyName", "middleName",
                "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password"]
STUDENTS = [("Leo", "Martin", "heritage", "07"), ("Ava", "Singh", "lakeview", "04"),
            ("Noah", "Kim", "northgate", "10")]
# In the later export: Louis Moreau now leads Heritage, Jamal Haddad left, Aiyana Begay joined.
PROMOTED, LEFT = "l.moreau@demo.example", "j.haddad@demo.example"
JOINED = ("a.begay@demo.example", "Aiyana Begay", "cedar-park", Role.TEACHER)
NOT_IN_THE_ROSTER = {"admin@demo.example"}  # the district's own admin is added by hand
STAMP = "2026-08-20T09:00:00.000Z"


def _csv(columns: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({name: row.get(name, "") for name in columns} for row in rows)
    return out.getvalue()


def _user(number: int, email: str, name: str, school: str | None, role: str) -> dict:
    given, _, family = name.partition(" ")
    oneroster_role = "teacher" if role == Role.TEACHER else "administrator"
    return {"sourcedId": f"usr-{number:04d}", "status": "active", "dateLastModified": STAMP,
            "enabledUser": "true", "orgSourcedIds": f"org-{school}" if school else "org-district",
            "role": oneroster_role, "username": email.split("@")[0], "givenName": given,
            "familyName": family, "identifier": str(1000 + number), "email": email}


def bundle(*, newer: bool = False) -> bytes:
    orgs = [{"sourcedId": "org-district", "status": "active", "dateLastModified": STAMP,
             "name": "Riverside Unified School District", "type": "district"}]
    orgs += [{"sourcedId": f"org-{slug}", "status": "active", "dateLastModified": STAMP,
              "name": name, "type": "school", "parentSourcedId": "org-district"}
             for slug, name in SCHOOLS]
    # sourcedIds stay the same from one export to the next: they are how a sync finds people
    staff = [(number, person) for number, person in enumerate(PEOPLE, start=1)
             if person[0] not in NOT_IN_THE_ROSTER]
    if newer:
        staff = [(number, (e, n, s, Role.SCHOOL_LEADER if e == PROMOTED else r))
                 for number, (e, n, s, r) in staff if e != LEFT] + [(100, JOINED)]
    users = [_user(number, *person) for number, person in staff]
    users += [{"sourcedId": f"stu-{n}", "status": "active", "enabledUser": "true",
               "orgSourcedIds": f"org-{school}", "role": "student", "givenName": given,
               "familyName": family, "grades": grade}
              for n, (given, family, school, grade) in enumerate(STUDENTS, start=1)]
    manifest = "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\n" + (
        "file.orgs,bulk\r\nfile.users,bulk\r\nsource.systemName,Riverside SIS\r\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.csv", manifest)
        archive.writestr("orgs.csv", _csv(["sourcedId", "status", "dateLastModified", "name",
                                           "type", "identifier", "parentSourcedId"], orgs))
        archive.writestr("users.csv", _csv(USER_COLUMNS, users))
    return buffer.getvalue()


def load_demo_roster(district: District) -> bool:
    """Import the demo roster once, as the admin: it links the staff to the roster."""
    if ImportJob.objects.filter(district=district, kind=ImportKind.ONEROSTER).exists():
        return False
    admin = User.objects.get(email="admin@demo.example")
    job = import_actions.start_import(district=district, by=admin, file_name=FILE_NAME,
                                      data=bundle())
    ImportJob.objects.filter(pk=job.pk, status=ImportStatus.READY).update(
        status=ImportStatus.IMPORTING, imported_by=admin)
    import_runs.run_job(job.pk)  # as the worker does once the admin confirms
    return True
