"""Pages name roles, kinds of e-mail, states and every other choice in plain words, never by the
code kept in the database ("school_leader", "call_for_successes")."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mail.models import Delivery, DeliveryStatus, EmailKind
from tests.access_matrix import MATRIX, OK
from tests.access_matrix_setup import build
from tests.test_access_matrix import fetch

PROJECT_APPS = ("schools", "successes", "forums", "mail")
READERS = ("teacher", "principal", "district_leader", "district_admin")
SPOKEN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


def stored_codes() -> set[str]:
    """Every choice of every field of the project's models written as a code (with "_")."""
    codes = set()
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.concrete_fields:
            base = field.base_field if isinstance(field, ArrayField) else field
            codes |= {str(value) for value, _label in base.flatchoices or []
                      if isinstance(value, str) and "_" in value}
    return codes


class VisibleText(HTMLParser):
    """The text a person reads or hears: text nodes and spoken attributes, not markup."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        self.parts += [value for name, value in attrs if name in SPOKEN_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def test_pages_name_every_choice_in_plain_words(
        district, other_district, school, other_school, teacher, colleague, teacher_elsewhere,
        principal, district_leader, district_admin, leader_elsewhere, admin_elsewhere):
    world = build(district=district, school=school, other_school=other_school,
                  other_district=other_district, teacher=teacher, colleague=colleague,
                  teacher_elsewhere=teacher_elsewhere, principal=principal,
                  district_leader=district_leader, district_admin=district_admin,
                  leader_elsewhere=leader_elsewhere, admin_elsewhere=admin_elsewhere)
    for kind in (EmailKind.CALL_FOR_SUCCESSES, EmailKind.SESSION_REMINDER):
        Delivery.objects.create(key=f"labels:{kind}", kind=kind, email=teacher.email,
                                district=district, scheduled_for=timezone.now(),
                                status=DeliveryStatus.SENT, payload={})
    codes = stored_codes()
    assert {"school_leader", "call_for_successes"} <= codes
    code = re.compile(r"\b(" + "|".join(sorted(map(re.escape, codes))) + r")\b")

    problems = []
    for name in READERS:
        client = Client()
        client.force_login(world.people[name])
        for row in MATRIX:
            if row.method != "GET":
                continue
            kwargs = dict(world.targets[row.target]) if row.target else {}
            query = kwargs.pop("?", "")
            url = reverse(row.name, kwargs=kwargs) + (f"?{query}" if query else "")
            response = fetch(client, "GET", url)
            if (isinstance(response, Exception) or response.status_code != OK
                    or not response.get("Content-Type", "").startswith("text/html")):
                continue
            found = set(code.findall(visible_text(response.content.decode())))
            if found:
                problems.append(f"{row} as {name}: {', '.join(sorted(found))}")
    assert not problems, "Codes shown as words:\n" + "\n".join(problems)
