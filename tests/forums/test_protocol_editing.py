"""A district admin edits its copy of a protocol through the real edit page: the test reads
the form as rendered, changes what a person would change, and posts it back."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from forums.models import CardKind, ProtocolTemplate, Speaker


def detail_url(template):
    return reverse("forums:protocol", args=[template.pk])


def edit_url(template):
    return reverse("forums:protocol_edit", args=[template.pk])


class _FormReader(HTMLParser):
    """What a browser would submit: text inputs, checked boxes, selected options, textareas."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            if attrs.get("type") in ("checkbox", "radio"):
                self.values.setdefault(name, [])
                if "checked" in attrs:
                    self.values[name].append(attrs.get("value", "on"))
            else:
                self.values[name] = [attrs.get("value") or ""]
        elif tag == "select":
            self._select = name
            self.values[name] = []
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = [attrs["value"]]
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][0] += data.removeprefix("\n")


def form_values(response) -> dict[str, list[str]]:
    reader = _FormReader()
    reader.feed(response.content.decode())
    return reader.values


def titles(template):
    template.refresh_from_db()
    return [step["title"] for step in template.steps]



@pytest.fixture
def editor(client_for, district_admin, our_copy):
    """The admin's client and the edit form as rendered for the district's copy."""
    client = client_for(district_admin)
    response = client.get(edit_url(our_copy))
    assert response.status_code == 200
    return client, form_values(response)


def test_it_labels_every_field_of_every_step(client_for, district_admin, our_copy):
    body = client_for(district_admin).get(edit_url(our_copy)).content.decode()
    for label, field in [("Order", "ORDER"), ("Title", "title"), ("Minutes", "minutes"),
                         ("Who speaks", "speaker"), ("Guiding questions", "questions"),
                         ("Remove this step", "DELETE")]:
        assert f'<label for="id_steps-7-{field}">{label}' in body
    assert '<label for="id_steps-9-title">Title' in body  # the second empty step
    assert "id_steps-10-title" not in body
    assert "id_steps-8-DELETE" not in body  # nothing to remove in an empty step


def test_admin_renames_a_protocol_and_changes_a_timebox(editor, our_copy):
    client, data = editor
    data["name"] = ["Our Riverside protocol"]
    data["steps-1-minutes"] = ["9"]
    response = client.post(edit_url(our_copy), data)
    assert response.status_code == 302 and response.url == detail_url(our_copy)
    our_copy.refresh_from_db()
    assert our_copy.name == "Our Riverside protocol"
    assert our_copy.steps[1]["minutes"] == 9 and our_copy.total_minutes == 52
    assert len(our_copy.steps) == 8  # the untouched empty steps were left out


def test_admin_adds_a_step(editor, our_copy):
    client, data = editor
    data.update({"steps-8-title": ["Silent gallery walk"],
                 "steps-8-purpose": ["Everyone reads the cards so far."],
                 "steps-8-questions": ["What surprises you?\r\n\r\nWhat is missing?"],
                 "steps-8-minutes": ["4"], "steps-8-speaker": [Speaker.EVERYONE],
                 "steps-8-card_kinds": [CardKind.ACTION, CardKind.CONDITION],
                 "steps-8-ORDER": ["5"]})
    assert client.post(edit_url(our_copy), data).status_code == 302
    assert titles(our_copy)[3:6] == ["Uncovering the actions", "Silent gallery walk",
                                     "Presenter reflects"]
    added = our_copy.steps[4]
    assert added == {"title": "Silent gallery walk",
                     "purpose": "Everyone reads the cards so far.",
                     "questions": ["What surprises you?", "What is missing?"], "minutes": 4,
                     "speaker": "everyone", "card_kinds": ["action", "condition"]}


def test_admin_adds_a_step_at_the_end_without_an_order_number(editor, our_copy):
    client, data = editor
    data.update({"steps-9-title": ["Quiet writing"], "steps-9-minutes": ["2"]})
    assert client.post(edit_url(our_copy), data).status_code == 302
    assert titles(our_copy)[-2:] == ["Closing", "Quiet writing"]


def test_admin_removes_a_step(editor, our_copy):
    client, data = editor
    data["steps-4-DELETE"] = ["on"]
    assert client.post(edit_url(our_copy), data).status_code == 302
    assert "Presenter reflects" not in titles(our_copy)
    assert len(our_copy.steps) == 7 and our_copy.total_minutes == 45


def test_admin_removes_a_step_that_has_bad_input(editor, our_copy):
    client, data = editor
    data["steps-4-minutes"] = ["0"]
    data["steps-4-DELETE"] = ["on"]
    assert client.post(edit_url(our_copy), data).status_code == 302
    assert len(titles(our_copy)) == 7


def test_admin_reorders_steps(editor, our_copy):
    client, data = editor
    data["steps-7-ORDER"] = ["0"]
    data["steps-0-ORDER"] = ["20"]
    assert client.post(edit_url(our_copy), data).status_code == 302
    new_titles = titles(our_copy)
    assert new_titles[0] == "Closing" and new_titles[-1] == "Opening"
    assert new_titles[1:7] == ["The success story", "Clarifying questions",
                               "Uncovering the actions", "Presenter reflects",
                               "Principles of practice", "Taking it home"]


def test_admin_moves_a_step_into_the_place_of_another(editor, our_copy):
    client, data = editor
    data["steps-5-ORDER"] = ["2"]  # "Principles of practice" takes the story's place
    assert client.post(edit_url(our_copy), data).status_code == 302
    assert titles(our_copy)[:3] == ["Opening", "Principles of practice", "The success story"]


@pytest.mark.parametrize("field, typed, message", [
    ("minutes", "0", "Give a number of minutes from 1 to 120."),
    ("minutes", "500", "Give a number of minutes from 1 to 120."),
    ("minutes", "ten", "Give a number of minutes from 1 to 120."),
    ("title", "", "Give the step a title."),
    ("title", "x" * 101, "at most 100 characters"),
    ("speaker", "the loudest", "Choose who speaks from the list."),
    ("card_kinds", "gossip", "Choose contribution kinds from the list."),
    ("questions", "\n".join(f"Question {n}?" for n in range(9)), "at most 8 guiding questions"),
    ("questions", "Why " * 80, "Question 1 is too long"),
])
def test_bad_input_keeps_what_was_typed_and_changes_nothing(editor, our_copy, field, typed,
                                                            message):
    client, data = editor
    before = ProtocolTemplate.objects.get(pk=our_copy.pk).steps
    data["name"] = ["Renamed while typing"]
    data["steps-2-purpose"] = ["A purpose I took care to write"]
    data[f"steps-2-{field}"] = [typed]
    response = client.post(edit_url(our_copy), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "Everything you typed is still here" in body
    assert 'value="Renamed while typing"' in body and "A purpose I took care to write" in body
    assert body.count("(please check this step)") == 1
    our_copy.refresh_from_db()
    assert our_copy.name == "Riverside analysis" and our_copy.steps == before


def test_removing_every_step_is_refused(editor, our_copy):
    client, data = editor
    for n in range(8):
        data[f"steps-{n}-DELETE"] = ["on"]
    body = client.post(edit_url(our_copy), data).content.decode()
    assert "A protocol needs at least one step." in body
    assert len(titles(our_copy)) == 8


def test_an_empty_name_is_refused_and_the_steps_keep_their_errors_too(editor, our_copy):
    client, data = editor
    data["name"] = [""]
    data["steps-0-minutes"] = ["121"]
    body = client.post(edit_url(our_copy), data).content.decode()
    assert "Give the protocol a name." in body
    assert "Give a number of minutes from 1 to 120." in body and 'value="121"' in body
