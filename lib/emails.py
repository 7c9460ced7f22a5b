"""Every e-mail is built here from three templates: emails/<name>.subject.txt, .txt, .html.

The subject and the plain text are not HTML, so they are rendered without autoescaping
("O'Brien" stays "O'Brien"); only the HTML part is escaped. A context with an
`unsubscribe_url` gets the List-Unsubscribe headers (RFC 8058 one-click), and an event is
attached as one `text/calendar` part.
"""

from __future__ import annotations

from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def build_message(name: str, *, to: str, context: dict, language: str | None = None,
                  headers: dict[str, str] | None = None, ics: bytes | None = None,
                  ics_method: str = "REQUEST") -> EmailMultiAlternatives:
    """Render e-mail `name` for one recipient, in their language."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = _render_plain(f"emails/{name}.subject.txt", context)
        # A subject is one line whatever a name or title contains (no header injection).
        subject = " ".join(subject.split())
        text = _render_plain(f"emails/{name}.txt", context)
        html = render_to_string(f"emails/{name}.html", context)
    all_headers = {"Auto-Submitted": "auto-generated", **(headers or {})}
    if context.get("unsubscribe_url"):
        all_headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        all_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to],
                                     headers=all_headers)
    message.attach_alternative(html, "text/html")
    if ics is not None:
        message.attach(_calendar_part(ics, method=ics_method))
    return message


def send(name: str, *, to: str, context: dict, language: str | None = None) -> None:
    build_message(name, to=to, context=context, language=language).send()


def _render_plain(template_name: str, context: dict) -> str:
    """Render a subject or plain-text template without HTML escaping."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def _calendar_part(ics: bytes, *, method: str) -> MIMEText:
    """`text/calendar; charset="utf-8"; method=REQUEST`, each parameter once (iTIP, RFC 6047)."""
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method, requote=False)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part
