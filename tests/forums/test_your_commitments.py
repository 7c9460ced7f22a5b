"""A person's own commitments meet them where they land: the forum, cycle, session and story
pages each show "your commitment here" with a link to report - to its owner only."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forums.actions.follow_up import report_try
from forums.models import Commitment
from tests.forums.factories import CycleFactory, SessionFactory


@pytest.fixture
def commitment(session, colleague):
    """Daniel committed, in the session on Maya's story, to try it."""
    return Commitment.objects.create(session=session, user=colleague, story=session.story,
                                     what="Exit tickets every Friday",
                                     due_on=timezone.localdate() + timedelta(days=7))


def pages(session):
    return {"forum": reverse("forums:detail", args=[session.cycle.forum_id]),
            "cycle": reverse("forums:cycle", args=[session.cycle_id]),
            "session": reverse("forums:session", args=[session.pk]),
            "story": reverse("successes:detail", args=[session.story_id])}


@pytest.mark.parametrize("page", ["forum", "cycle", "session", "story"])
def test_the_person_who_committed_finds_it_where_they_land(client_for, colleague, session,
                                                          commitment, page):
    html = client_for(colleague).get(pages(session)[page]).content.decode()
    assert "Your commitment here" in html and "Exit tickets every Friday" in html
    assert reverse("forums:report_try", args=[commitment.pk]) in html


@pytest.mark.parametrize("page", ["forum", "cycle", "session", "story"])
@pytest.mark.parametrize("who", ["teacher", "principal", "district_leader"])
def test_nobody_else_sees_it(request, client_for, session, commitment, page, who):
    html = client_for(request.getfixturevalue(who)).get(pages(session)[page]).content.decode()
    assert "Exit tickets every Friday" not in html
    assert reverse("forums:report_try", args=[commitment.pk]) not in html


def test_a_reported_commitment_says_so_instead_of_asking_again(client_for, colleague,
                                                              session, commitment):
    report_try(commitment=commitment, outcome="adapted")
    html = client_for(colleague).get(pages(session)["session"]).content.decode()
    assert "Reported: thank you." in html
    assert reverse("forums:report_try", args=[commitment.pk]) not in html


def test_only_the_commitments_made_there_are_shown(client_for, colleague, forum, session,
                                                   commitment):
    elsewhere = SessionFactory(cycle=CycleFactory(forum=forum, title="Another cycle"))
    html = client_for(colleague).get(reverse("forums:session", args=[elsewhere.pk]))
    assert "Exit tickets every Friday" not in html.content.decode()
    cycle_page = client_for(colleague).get(reverse("forums:cycle", args=[elsewhere.cycle_id]))
    assert "Your commitment here" not in cycle_page.content.decode()
