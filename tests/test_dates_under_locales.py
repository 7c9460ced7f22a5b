"""No language erases a date: every form with a date or time, opened and saved as it stands
in a French, Spanish or English browser, keeps the stored values.

A browser's date and time inputs accept only ISO values; one filled in the page's locale
("26/11/2026") shows empty, and saving the form would erase the date. The app offers French
and English; Spanish is allowed here too because its formats differ again, so a language added
later cannot bring the bug back.
"""

import importlib
import pkgutil
import re
from datetime import UTC, date, datetime, time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone, translation

from forums.models import Cycle
from tests.factories import StoryFactory
from tests.forums.factories import CycleFactory, ForumFactory, SessionFactory

LANGUAGES = ["fr", "es", "en"]


@pytest.fixture(autouse=True)
def _spanish_allowed(settings):
    settings.LANGUAGES = [*django_settings.LANGUAGES, ("es", "Spanish")]


# A browser keeps only these values in a date or time input; any other shows empty and is sent
# empty (the HTML standard's value sanitization).
BROWSER_ACCEPTS = {"date": re.compile(r"\d{4}-\d{2}-\d{2}"),
                   "time": re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?")}


class FormValues(HTMLParser):
    """What a browser submits from the page's form that holds `field`, left as it stands."""

    def __init__(self, field: str):
        super().__init__()
        self.field, self.forms, self.current = field, [], None
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self.current = []
            self.forms.append(self.current)
        elif self.current is None or attrs.get("disabled") is not None:
            return
        elif tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            kind, value = attrs.get("type"), attrs.get("value") or ""
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in BROWSER_ACCEPTS and not BROWSER_ACCEPTS[kind].fullmatch(value):
                value = ""
            self.current.append((name, value))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.current.append(self.textarea)
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.current.append((self.select, attrs.get("value") or ""))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.current = None

    @classmethod
    def of(cls, response, field: str) -> dict:
        parser = cls(field)
        parser.feed(response.content.decode())
        form = next(f for f in parser.forms if any(name == field for name, _ in f))
        values: dict = {}
        for name, value in form:
            values.setdefault(name, []).append(value)
        return values


def open_and_save(client, url: str, field: str, language: str, **changes):
    """The page's form, submitted as it stands (plus `changes`): (what was sent, response)."""
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    assert page.headers["Content-Language"] == language
    data = FormValues.of(page, field) | changes
    return data, client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_keeps_a_storys_date_when_the_story_is_saved(client_for, teacher, language):
    story = StoryFactory(author=teacher, happened_on=date(2026, 11, 26))
    _, response = open_and_save(client_for(teacher), reverse("successes:edit", args=[story.pk]),
                             "happened_on", language)
    story.refresh_from_db()
    assert response.status_code == 302
    assert story.happened_on == date(2026, 11, 26)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_keeps_a_sessions_day_and_time_when_it_is_saved(client_for, principal, school,
                                                            language):
    # A day past the 12th (so day and month cannot be swapped), still ahead: a session in the
    # past cannot be saved.
    year = timezone.now().year + 1
    forum = ForumFactory(school=school, creator=principal)
    cycle = CycleFactory(forum=forum, starts_on=timezone.localdate(), ends_on=date(year, 12, 31))
    session = SessionFactory(cycle=cycle, starts_at=datetime(year, 3, 26, 20, 30, tzinfo=UTC))
    _, response = open_and_save(client_for(principal),
                                reverse("forums:session_edit", args=[session.pk]), "day", language)
    session.refresh_from_db()
    assert response.status_code == 302
    assert session.starts_at == datetime(year, 3, 26, 20, 30, tzinfo=UTC)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_keeps_the_suggested_first_day_of_a_new_cycle(client_for, principal, school,
                                                          language):
    forum = ForumFactory(school=school, creator=principal)
    sent, response = open_and_save(client_for(principal),
                                   reverse("forums:cycle_create", args=[forum.pk]), "starts_on",
                                   language, title="Spring", ends_on="2099-06-30")
    assert response.status_code == 302
    assert Cycle.objects.get(forum=forum).starts_on.isoformat() == sent["starts_on"][0]


def form_classes():
    """Every form class the project defines, found in its apps' form modules."""
    found = set()
    for app in apps.get_app_configs():
        if Path(app.path).parent != django_settings.BASE_DIR:  # a third-party app
            continue
        for module in pkgutil.walk_packages([app.path], prefix=f"{app.name}."):
            if module.name.rsplit(".", 1)[-1].endswith("forms"):
                for value in vars(importlib.import_module(module.name)).values():
                    if (isinstance(value, type) and issubclass(value, forms.BaseForm)
                            and value.__module__ == module.name):
                        found.add(value)
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__name__}")


VALUES = {forms.DateField: date(2026, 11, 26), forms.TimeField: time(15, 30)}
ISO = {forms.DateField: "2026-11-26", forms.TimeField: "15:30"}


def date_fields():
    return [pytest.param(form, name, id=f"{form.__name__}.{name}")
            for form in form_classes() for name, field in form.base_fields.items()
            if type(field) in VALUES]


def test_the_scan_finds_the_forms_with_dates():
    found = {param.id for param in date_fields()}
    assert {"StoryForm.happened_on", "CycleForm.starts_on", "SessionTimeForm.start",
            "CommitmentForm.due_on", "AuditFilterForm.since"} <= found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("form", "name"), date_fields())
def test_every_date_and_time_input_exchanges_iso_values(form, name, language):
    field = form.base_fields[name]
    kind = type(field)
    with translation.override(language):
        shown = field.widget.format_value(VALUES[kind])
        assert field.widget.input_type in ("date", "time")
        assert shown == ISO[kind]
        assert field.clean(shown) == VALUES[kind]
