"""Every URL of the network apps, and every page that could carry something across a district's
edge, answers each person of four districts in two networks as tests/network_matrix says; no
response shows a planted word to anyone outside its audience.

The machinery (rolled-back requests, reading PDFs, CSVs and archives) is the district
matrix's (tests/test_access_matrix.py)."""

from __future__ import annotations

from django.test import Client

from schools.middleware import SESSION_KEY, time_zone_of
from tests.network_matrix import MATRIX, MUST_SHOW, NETWORK_APPS
from tests.network_matrix.setup import PLANTED, build
from tests.test_access_matrix import check_rows, url_patterns


def clients_for(people: dict) -> dict:
    clients = {"anonymous": Client()}
    for name, user in people.items():
        client = Client()
        client.force_login(user)
        session = client.session
        session[SESSION_KEY] = time_zone_of(user)
        session.save()
        clients[name] = client
    return clients


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

    problems += check_rows(MATRIX, world.targets, clients_for(world.people), patterns,
                           PLANTED, MUST_SHOW)

    assert not problems, f"{len(problems)} answers differ from the network matrix:\n" + "\n".join(
        problems)
