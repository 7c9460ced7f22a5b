"""Every URL of the network apps, and every page that could carry something across a district's
edge, answers each person of four districts in two networks as tests/network_matrix says; no
response shows a planted word to anyone outside its audience.

The machinery (rolled-back requests, reading PDFs, CSVs and archives) is the district
matrix's (tests/test_access_matrix.py)."""

from __future__ import annotations

from django.urls import reverse

from schools.middleware import SESSION_KEY, time_zone_of
from tests.network_matrix import MATRIX, MUST_SHOW, NETWORK_APPS
from tests.network_matrix.rows import OK
from tests.network_matrix.setup import PLANTED, build
from tests.test_access_matrix import answer, body_text, fetch, matches, url_patterns


def clients_for(people: dict) -> dict:
    from django.test import Client  # noqa: PLC0415 - as the district matrix's clients

    clients = {"anonymous": Client()}
    for name, user in people.items():
        client = Client()
        client.force_login(user)
        session = client.session
        session[SESSION_KEY] = time_zone_of(user)
        session.save()
        clients[name] = client
    return clients


def leaks(text: str, reader: str, owner: str | None = None) -> list[str]:
    return [word for word, audience in PLANTED.items()
            if reader not in audience and owner not in audience and word.lower() in text]


def test_every_network_url_answers_each_person_as_the_matrix_says(db):
    world = build()
    patterns = {key for key, _route, _pattern in url_patterns()}
    problems = []
    named = {row.name for row in MATRIX}
    for key in sorted(patterns - named):
        if key.split(":")[0] in NETWORK_APPS:
            problems.append(f"{key}: not in the network matrix - add its rows")
    for key in sorted(named - patterns):
        problems.append(f"{key}: in the network matrix, but no URL pattern has this name")

    clients = clients_for(world.people)
    bodies = {}
    for row in sorted(MATRIX, key=lambda row: row.method != "GET"):
        if row.name not in patterns:
            continue
        kwargs = dict(world.targets[row.target]) if row.target else {}
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
                for word in leaks(text, person, row.reads_as):
                    problems.append(f"{row} as {person}: shows {word!r}")

    for row_id, person, word in MUST_SHOW:
        if word.lower() not in bodies.get((row_id, person), ""):
            problems.append(f"{row_id} as {person}: should show {word!r} (planted-word check)")

    assert not problems, f"{len(problems)} answers differ from the network matrix:\n" + "\n".join(
        problems)
