"""The live pages ask "may this person open this session?" of one session in Python
(forums.access.may_open_session); lists ask the same of the database (forums_open_to and
presents_rule). Both answers must agree for everyone, everywhere: here they are compared for
every person and session of the network matrix's four districts and two networks (district
forums, school forums, cross-district collectives, presenters)."""

from __future__ import annotations

from django.db.models import Q

from forums import access
from forums.models import Session
from tests.network_matrix.setup import build


def test_the_python_rule_and_the_query_agree_for_everyone(db):
    world = build()
    sessions = list(Session.objects.select_related("cycle__forum"))
    assert sessions and any(s.cycle.forum.network_id for s in sessions)
    differ = []
    for name, person in world.people.items():
        by_query = set(Session.objects.filter(
            Q(cycle__forum__in=access.forums_open_to(person)) | access.presents_rule(person))
            .values_list("pk", flat=True))
        for session in sessions:
            person._roles_cache = None  # as on a fresh request
            if access.may_open_session(person, session) != (session.pk in by_query):
                differ.append(f"{name} / {session.cycle.forum.name}")
    assert not differ, differ
