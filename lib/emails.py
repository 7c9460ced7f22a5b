"""Every e-mail is built here from three templates: emails/<name>.subject.txt, .txt, .html."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def build_message(name: str, *, to: str, context: dict, language: str | None = None,
                  headers: dict[str, str] | None = None) -> EmailMultiAlternatives:
    """Render e-mail `name` for one recipient, in their language."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{name}.subject.txt", context)
        # A subject is one line whatever a name or title contains (no header injection).
        subject = " ".join(subject.split())
        text = render_to_string(f"emails/{name}.txt", context)
        html = render_to_string(f"emails/{name}.html", context)
    all_headers = {"Auto-Submitted": "auto-generated", **(headers or {})}
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to],
                                     headers=all_headers)
    message.attach_alternative(html, "text/html")
    return message


def send(name: str, *, to: str, context: dict, language: str | None = None) -> None:
    build_message(name, to=to, context=context, language=language).send()
