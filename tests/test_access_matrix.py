"""Every URL of the app answers each person as the access matrix says (tests/access_matrix/),
checked against the URL resolver: a URL pattern that no row names fails the test, and so does
a new Django admin or allauth pattern until it is listed there.

Every request runs in a savepoint that is rolled back, so a row never changes what the next
one sees. Every 200 body (PDF text, CSV, .ics, files included) is then searched for the
planted words of access_matrix_setup.PLANTED: a word shown to someone outside its audience is
a leak.
"""

from __future__ import annotations

import io
import re
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfReader

from forums.access import POLL_GRANTS
from schools.middleware import SESSION_KEY, time_zone_of
from schools.models import User
from tests.access_matrix import ADMIN, AL, ALLAUTH, MATRIX, MUST_SHOW, OK, THIRD_PARTY_PEOPLE, L, R
from tests.access_matrix_setup import PLANTED, World, build
from tests.network_matrix import MATRIX as NETWORK_MATRIX
from tests.network_matrix import NETWORK_APPS

# --- Machinery --------------------------------------------------------------------------------

def url_patterns(patterns=None, prefix: str = "", namespace: str = ""):
    """(key, route, pattern) of every pattern: the key is the namespaced name, or the route
    when the pattern has no name."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name or route, route, pattern


PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def path_of(key: str, route: str, kwargs: dict) -> str:
    """Named patterns are reversed; a nameless one has its parameters filled in."""
    if key != route:
        return reverse(key, kwargs=kwargs)
    filled = PARAMETER.sub(lambda m: str(kwargs[m.group(1) or m.group(2)]), route)
    return "/" + filled.replace("^", "").replace("$", "")


def third_party_kwargs(route: str, pattern, user: User) -> dict:
    """Values for the pattern's parameters, and its including patterns' (allauth's
    accounts/oidc/<provider_id>/...)."""
    names = {*pattern.pattern.regex.groupindex,
             *(m.group(1) or m.group(2) for m in PARAMETER.finditer(route))}
    values = {"object_id": user.pk, "id": user.pk, "app_label": "schools",
              "content_type_id": ContentType.objects.get_for_model(User).pk,
              "url": "no-such-page/", "key": "not-a-key", "uidb36": "1z",
              "provider_id": "no-such-provider"}
    return {name: values[name] for name in names}


def signed_in_clients(world: World) -> dict[str, Client]:
    clients = {"anonymous": Client()}
    for name, user in world.people.items():
        client = Client()
        client.force_login(user)
        session = client.session
        session[SESSION_KEY] = time_zone_of(user)
        # As after opening the live page once, so the poll's own access check is what answers.
        session[POLL_GRANTS] = world.live_session_ids
        session.save()
        clients[name] = client
    return clients


def fetch(client: Client, method: str, url: str, data: dict | None = None):
    """The response, or the exception the view raised; the request's changes are undone."""
    try:
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, data or {})
            transaction.set_rollback(True)
    except Exception as error:  # noqa: BLE001 - reported as a mismatch
        return error
    return response


def answer(response):
    if isinstance(response, Exception):
        return f"raised {type(response).__name__}: {response}"
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(reverse("account_login")):
            return L
        if location.startswith(reverse("admin:login")):
            return AL
        return R
    return response.status_code


def matches(got, expected) -> bool:
    return got in expected if isinstance(expected, tuple) else got == expected


def body_text(response) -> str:
    """What a reader can read: text of PDFs, unfolded .ics lines, bytes of files."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    text = data.decode("utf-8", "replace")
    if content_type.startswith("application/pdf"):
        try:
            text += "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        except Exception:  # noqa: BLE001 - an uploaded "PDF" is kept as bytes
            pass
    if content_type.startswith("text/calendar"):
        text = text.replace("\r\n ", "")
    if content_type.startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            text = "\n".join(archive.read(name).decode("utf-8", "replace")
                             for name in archive.namelist())
    return text.lower()


def leaks(text: str, reader: str, owner: str | None = None, planted=PLANTED) -> list[str]:
    """Planted words in `text` that neither the reader nor the owner of the token that opened
    the page may read (a page shows the reader's own menu, and the owner's content)."""
    return [word for word, audience in planted.items()
            if reader not in audience and owner not in audience and word.lower() in text]


def check_rows(rows, targets: dict, clients: dict, patterns, planted: dict,
               must_show: list) -> list[str]:
    """Ask every row's URL as each person; what differs from the row, every planted word
    shown outside its audience, and every word of `must_show` missing where it belongs."""
    problems, bodies = [], {}
    for row in sorted(rows, key=lambda row: row.method != "GET"):  # GETs first
        if row.name not in patterns:
            continue
        kwargs = dict(targets[row.target]) if row.target else {}
        query = kwargs.pop("?", "")
        url = reverse(row.name, kwargs=kwargs) + (f"?{query}" if query else "")
        for person, expected in row.expected.items():
            response = fetch(clients[person], row.method, url, row.data)
            got = answer(response)
            if not matches(got, expected):
                problems.append(f"{row} as {person}: expected {expected}, got {got}")
            if got == OK:
                text = body_text(response)
                bodies[(str(row), person)] = text
                for word in leaks(text, person, row.reads_as, planted):
                    problems.append(f"{row} as {person}: shows {word!r}")
    for row_id, person, word in must_show:
        if word.lower() not in bodies.get((row_id, person), ""):
            problems.append(f"{row_id} as {person}: should show {word!r} (planted-word check)")
    return problems


# --- The test ---------------------------------------------------------------------------------

def test_every_url_answers_each_person_as_the_matrix_says(
        district, other_district, school, other_school, teacher, colleague, teacher_elsewhere,
        principal, district_leader, district_admin, leader_elsewhere, admin_elsewhere):
    world = build(district=district, school=school, other_school=other_school,
                  other_district=other_district, teacher=teacher, colleague=colleague,
                  teacher_elsewhere=teacher_elsewhere, principal=principal,
                  district_leader=district_leader, district_admin=district_admin,
                  leader_elsewhere=leader_elsewhere, admin_elsewhere=admin_elsewhere)
    patterns = {key: (route, pattern) for key, route, pattern in url_patterns()}
    problems = []

    rows_by_name = {row.name for row in MATRIX}
    # The network apps' URLs, and other apps' URLs about networks, have their rows in the
    # network matrix (tests/network_matrix).
    third_party = (ALLAUTH.keys() | ADMIN.keys() | {row.name for row in NETWORK_MATRIX}
                   | {key for key in patterns if key.split(":")[0] in NETWORK_APPS})
    for key in sorted(patterns.keys() - rows_by_name - third_party):
        problems.append(f"{key} ({patterns[key][0]}): not in the access matrix - add its rows")
    for key in sorted(rows_by_name - patterns.keys()):
        problems.append(f"{key}: in the access matrix, but no URL pattern has this name")

    clients = signed_in_clients(world)
    problems += check_rows(MATRIX, world.targets, clients, patterns, PLANTED, MUST_SHOW)

    rules = {**ALLAUTH, **{k: v if isinstance(v, tuple) else (v, v) for k, v in ADMIN.items()}}
    for key, expected in rules.items():
        if key not in patterns:
            continue
        route, pattern = patterns[key]
        url = path_of(key, route, third_party_kwargs(route, pattern, teacher))
        for person in THIRD_PARTY_PEOPLE:
            want = expected[0] if person == "anonymous" else expected[1]
            response = fetch(clients[person], "GET", url)
            got = answer(response)
            if not matches(got, want):
                problems.append(f"GET {key} ({url}) as {person}: expected {want}, got {got}")
            if got == OK:
                for word in leaks(body_text(response), person):
                    problems.append(f"GET {key} as {person}: shows {word!r}")

    assert not problems, f"{len(problems)} answers differ from the access matrix:\n" + "\n".join(
        problems)
