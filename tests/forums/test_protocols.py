"""Protocol templates: the shipped ones, who reads and copies them, and the rules a step
follows (editing through the page: test_protocol_editing.py)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from forums import protocols
from forums.models import CardKind, ProtocolKind, ProtocolTemplate, Speaker

LIST = reverse("forums:protocols")


def detail_url(template):
    return reverse("forums:protocol", args=[template.pk])


def copy_url(template):
    return reverse("forums:protocol_copy", args=[template.pk])


def edit_url(template):
    return reverse("forums:protocol_edit", args=[template.pk])


# The shipped protocols ------------------------------------------------------------------


def test_it_ships_the_analysis_and_review_protocols_with_the_migrations(db):
    analysis = protocols.shipped_protocol(ProtocolKind.ANALYSIS)
    review = protocols.shipped_protocol(ProtocolKind.REVIEW)
    assert analysis.name == "Learning from success (analysis)"
    assert len(analysis.steps) == 8 and analysis.total_minutes == 50
    assert [step["title"] for step in analysis.steps][2:4] == ["Clarifying questions",
                                                               "Uncovering the actions"]
    assert analysis.steps[3]["speaker"] == Speaker.GROUP_PRESENTER_SILENT
    assert analysis.steps[3]["card_kinds"] == [CardKind.ACTION, CardKind.CONDITION]
    assert review.name == "Follow-up review"
    assert len(review.steps) == 5 and 30 <= review.total_minutes <= 40
    assert protocols.validate_steps(analysis.steps) == []
    assert protocols.validate_steps(review.steps) == []
    assert analysis.district is None and review.district is None


def test_nobody_can_edit_a_shipped_protocol(client_for, analysis, district_admin, teacher,
                                            principal, district_leader):
    before = analysis.steps
    for person in (district_admin, teacher, principal, district_leader):
        client = client_for(person)
        assert client.get(edit_url(analysis)).status_code == 404
        assert client.post(edit_url(analysis), {"name": "Mine now"}).status_code == 404
    with pytest.raises(ValidationError, match="cannot be changed"):
        protocols.update_protocol(template=analysis, name="Mine now", steps=before)
    analysis.refresh_from_db()
    assert analysis.name == "Learning from success (analysis)" and analysis.steps == before


# Reading --------------------------------------------------------------------------------


def test_admin_sees_the_shipped_protocols_and_the_districts_own(client_for, district_admin,
                                                                our_copy, their_copy):
    body = client_for(district_admin).get(LIST).content.decode()
    assert "Learning from success (analysis)" in body and "Follow-up review" in body
    assert "Riverside analysis" in body
    assert "Elsewhere analysis" not in body
    assert "Copy to my district" in body


@pytest.mark.parametrize("who", ["teacher", "principal", "district_leader"])
def test_staff_can_read_the_districts_protocols(request, client_for, who, our_copy):
    client = client_for(request.getfixturevalue(who))
    body = client.get(LIST).content.decode()
    assert "Riverside analysis" in body and "Follow-up review" in body
    assert "Copy to my district" not in body
    body = client.get(detail_url(our_copy)).content.decode()
    assert "Uncovering the actions" in body
    assert "Which conditions helped?" in body
    assert "Group; the presenter listens silently" in body
    assert "Action noticed, Condition" in body
    assert edit_url(our_copy) not in body and copy_url(our_copy) not in body


def test_admin_sees_what_each_step_asks_for(client_for, district_admin, analysis):
    body = client_for(district_admin).get(detail_url(analysis)).content.decode()
    assert "about 50 minutes" in body and "8 steps" in body
    assert body.count('<li class="card">') == 8
    assert "Group asks, presenter answers" in body
    assert "Copy to my district" in body
    assert edit_url(analysis) not in body  # read-only


def test_it_lists_protocols_in_a_constant_number_of_queries(client_for, district_admin,
                                                            analysis, district,
                                                            django_assert_max_num_queries):
    client = client_for(district_admin)
    for n in range(5):
        protocols.copy_protocol(template=analysis, district=district, name=f"Variant {n}")
    with django_assert_max_num_queries(6):
        assert client.get(LIST).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, analysis):
    response = client.get(detail_url(analysis))
    assert response.status_code == 302 and "/accounts/login/" in response.url


# Copying --------------------------------------------------------------------------------


def test_admin_copies_a_shipped_protocol_into_the_district(client_for, district_admin,
                                                           district, analysis):
    response = client_for(district_admin).post(copy_url(analysis))
    copied = ProtocolTemplate.objects.get(district=district)
    assert response.status_code == 302 and response.url == edit_url(copied)
    assert copied.name == "Learning from success (analysis) (our copy)"
    assert copied.kind == ProtocolKind.ANALYSIS
    assert copied.steps == analysis.steps


def test_admin_copies_the_districts_own_protocol(client_for, district_admin, district,
                                                 our_copy):
    client_for(district_admin).post(copy_url(our_copy))
    assert ProtocolTemplate.objects.filter(district=district).count() == 2
    assert ProtocolTemplate.objects.filter(name="Riverside analysis (our copy)").exists()


@pytest.mark.parametrize("who", ["teacher", "principal", "district_leader"])
def test_staff_cannot_copy_or_edit_protocols(request, client_for, who, analysis, our_copy):
    client = client_for(request.getfixturevalue(who))
    assert client.post(copy_url(analysis)).status_code == 404
    assert client.post(copy_url(our_copy)).status_code == 404
    assert client.get(edit_url(our_copy)).status_code == 404
    assert client.post(edit_url(our_copy), {"name": "Taken over"}).status_code == 404
    assert ProtocolTemplate.objects.filter(district__isnull=False).count() == 1
    our_copy.refresh_from_db()
    assert our_copy.steps[0]["title"] == "Opening"


def test_admin_elsewhere_cannot_see_copy_or_edit_this_districts_protocol(
        client_for, admin_elsewhere, our_copy, other_district):
    client = client_for(admin_elsewhere)
    assert "Riverside analysis" not in client.get(LIST).content.decode()
    assert client.get(detail_url(our_copy)).status_code == 404
    assert client.post(copy_url(our_copy)).status_code == 404
    assert client.get(edit_url(our_copy)).status_code == 404
    assert client.post(edit_url(our_copy), {"name": "Ours now"}).status_code == 404
    assert not ProtocolTemplate.objects.filter(district=other_district).exists()
    our_copy.refresh_from_db()
    assert our_copy.name == "Riverside analysis"


def test_it_never_copies_another_districts_protocol(their_copy, district):
    with pytest.raises(ValidationError):
        protocols.copy_protocol(template=their_copy, district=district, name="Borrowed")


# The rules, without the page -------------------------------------------------------------


def test_it_explains_every_problem_with_steps():
    good = protocols.DEFAULT_ANALYSIS_STEPS[0]
    assert protocols.validate_steps([]) == ["A protocol needs at least one step."]
    assert protocols.validate_steps([good] * 21) == ["A protocol can have at most 20 steps."]
    assert protocols.validate_steps("steps") == ["The steps are not in a form we understand."]
    errors = protocols.validate_steps([
        good,
        {**good, "title": " ", "minutes": 0, "speaker": "nobody", "card_kinds": ["vote"]},
        {**good, "minutes": True, "questions": ["?" * 301] + ["Why?"] * 8},
        "not a step",
    ])
    assert errors == [
        "Step 2: Give the step a title.",
        "Step 2: Give a number of minutes from 1 to 120.",
        "Step 2: Choose who speaks from the list.",
        "Step 2: Choose contribution kinds from the list.",
        "Step 3: Give a number of minutes from 1 to 120.",
        "Step 3: A step can have at most 8 guiding questions, one per line.",
        "Step 3: Question 1 is too long: at most 300 characters.",
        "Step 4: This step is not in a form we understand.",
    ]


def test_update_refuses_bad_steps_and_changes_nothing(our_copy):
    bad = [{**our_copy.steps[0], "minutes": 500}]
    with pytest.raises(ValidationError) as raised:
        protocols.update_protocol(template=our_copy, name="Shorter", steps=bad)
    assert raised.value.messages == ["Step 1: Give a number of minutes from 1 to 120."]
    our_copy.refresh_from_db()
    assert our_copy.name == "Riverside analysis" and len(our_copy.steps) == 8


def test_update_keeps_only_the_known_parts_of_a_step(our_copy):
    step = {"title": "  Opening  ", "purpose": "", "questions": ["Why?", "  "], "minutes": 2,
            "speaker": Speaker.FACILITATOR, "card_kinds": ["reflection", "question",
                                                           "question"],
            "colour": "red"}
    protocols.update_protocol(template=our_copy, name="Short", steps=[step])
    our_copy.refresh_from_db()
    assert our_copy.steps == [{"title": "Opening", "purpose": "", "questions": ["Why?"],
                               "minutes": 2, "speaker": "facilitator",
                               "card_kinds": ["question", "reflection"]}]


def test_the_shipped_protocols_migration_can_be_undone_and_redone(analysis):
    migration = import_module("forums.migrations.0002_shipped_protocols")
    migration.delete_shipped(apps, None)
    assert not ProtocolTemplate.objects.filter(district__isnull=True).exists()
    migration.create_shipped(apps, None)
    migration.create_shipped(apps, None)  # running twice adds nothing
    assert ProtocolTemplate.objects.filter(district__isnull=True).count() == 2


def test_it_offers_a_district_the_shipped_protocols_and_its_own(analysis, our_copy,
                                                                their_copy, district):
    names = [t.name for t in protocols.protocols_for(district)]
    assert names == ["Learning from success (analysis)", "Riverside analysis",
                     "Follow-up review"]

