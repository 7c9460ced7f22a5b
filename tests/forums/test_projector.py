"""The room's screen (projector view) and joining a live session by its short code."""

import pytest
from django.urls import reverse

from forums import join_codes
from forums.actions import live as live_actions

STEP_UNCOVERING = 3  # collects action and condition cards


@pytest.fixture
def uncovering(started, colleague, principal):
    session = live_actions.go_to_step(session=started, step=STEP_UNCOVERING)
    live_actions.add_card(session=session, author=colleague, kind="condition",
                          text="Fixed lab groups all term")
    live_actions.add_card(session=session, author=principal, kind="action",
                          text="Sketched the setup first")
    session.refresh_from_db()
    return session


def test_the_projector_shows_the_step_its_questions_and_cards_grouped_by_kind(
        client_for, principal, uncovering):
    page = client_for(principal).get(reverse("forums:projector", args=[uncovering.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Uncovering the actions" in body and "Guiding questions" in body
    action = body.index('id="kind-action"')
    condition = body.index('id="kind-condition"')
    assert action < body.index("Sketched the setup first") < condition
    assert condition < body.index("Fixed lab groups all term")
    assert 'class="site-header"' not in body  # no site menu
    assert join_codes.display(join_codes.code_for(uncovering.pk)) in body
    assert 'src="data:image/svg+xml' in body  # the QR code
    assert "Facilitator shortcuts" in body


def test_only_facilitators_see_the_shortcuts(client_for, colleague, uncovering):
    body = client_for(colleague).get(
        reverse("forums:projector", args=[uncovering.pk])).content.decode()
    assert "Uncovering the actions" in body and "Facilitator shortcuts" not in body


def test_the_projectors_fallback_poll_answers_204_while_nothing_changed(
        client_for, colleague, uncovering):
    url = reverse("forums:projector", args=[uncovering.pk])
    client = client_for(colleague)
    unchanged = client.get(url, {"v": uncovering.version}, HTTP_HX_REQUEST="true")
    assert unchanged.status_code == 204
    changed = client.get(url, {"v": 0}, HTTP_HX_REQUEST="true").content.decode()
    assert '<div id="screen"' in changed and "Uncovering the actions" in changed


def test_a_join_code_survives_how_people_type_it():
    code = join_codes.code_for(1234)
    shown = join_codes.display(code)
    for typed in (code, shown, shown.lower(), f"  {shown[:3]} {shown[3:]} ",
                  code.replace("0", "O").replace("1", "l")):
        assert join_codes.session_id_from(typed) == 1234
    assert join_codes.session_id_from(code[:-1] + ("A" if code[-1] != "A" else "B")) is None
    assert join_codes.session_id_from("") is None
    assert join_codes.session_id_from("!!!") is None


def test_typing_the_code_leads_a_member_to_the_live_session(client_for, colleague,
                                                             uncovering):
    code = join_codes.display(join_codes.code_for(uncovering.pk)).lower()
    response = client_for(colleague).get(reverse("forums:join_live"), {"code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("forums:live", args=[uncovering.pk])


def test_the_qr_codes_link_leads_there_too(client_for, colleague, uncovering):
    code = join_codes.code_for(uncovering.pk)
    response = client_for(colleague).get(reverse("forums:join_live_code", args=[code]))
    assert response["Location"] == reverse("forums:live", args=[uncovering.pk])


def test_a_wrong_code_is_refused_and_kept(client_for, colleague, uncovering):
    response = client_for(colleague).get(reverse("forums:join_live"), {"code": "ZZZ-ZZ"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "No live session you can join has this code." in body
    assert 'value="ZZZ-ZZ"' in body


def test_the_code_of_a_session_one_may_not_open_reads_like_a_wrong_code(
        client_for, leader_elsewhere, uncovering):
    code = join_codes.code_for(uncovering.pk)
    response = client_for(leader_elsewhere).get(reverse("forums:join_live"), {"code": code})
    assert response.status_code == 200
    assert "No live session you can join has this code." in response.content.decode()
