"""Every e-mail is built here, from three templates: emails/<kind>.subject.txt, .txt, .html.

`build(delivery)` asks the app that declared the kind for its content (mail.registry), and
returns None when the e-mail is no longer wanted: the person left or turned that kind off,
or the declaring app finds it no longer due or the recipient no longer entitled to it.

The subject and the plain text are not HTML, so they are rendered without autoescaping
("O'Brien" stays "O'Brien"); only the HTML part is escaped. Every kind a person can turn off
carries the one-click way to turn it off: a footer link and the List-Unsubscribe headers
(RFC 8058). An event is attached as one `text/calendar` part.
"""

from __future__ import annotations

import hashlib
from email.mime.text import MIMEText
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

from mail import registry
from mail.models import ALWAYS_SENT, Delivery
from mail.preferences import settings_for, unsubscribe_url


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def message_id(delivery: Delivery) -> str:
    """The same for every attempt, so a receiver can drop a repeat."""
    digest = hashlib.sha256(delivery.key.encode()).hexdigest()[:24]
    return f"<{digest}.{delivery.pk}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}>"


def build(delivery: Delivery) -> EmailMultiAlternatives | None:
    """The message for one delivery, or None when it is no longer wanted (see above)."""
    user = delivery.recipient
    if user is not None and (not user.is_active or not settings_for(user).wants(delivery.kind)):
        return None
    language = (user.language if user is not None and user.language else
                delivery.district.language if delivery.district else None)
    # The content too (dates, counts in words, the calendar part) is in the reader's language.
    with translation.override(language or settings.LANGUAGE_CODE):
        content = registry.declaration(delivery.kind).build(delivery)
    if content is None:
        return None
    context = {**content.context, "recipient": user}
    if user is not None and delivery.kind not in ALWAYS_SENT:
        context["unsubscribe_url"] = unsubscribe_url(user, delivery.kind)
    return build_message(delivery.kind, to=delivery.email, context=context, language=language,
                         headers={"Message-ID": message_id(delivery)}, ics=content.ics,
                         ics_method=content.ics_method)


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


def _render_plain(template_name: str, context: dict) -> str:
    """Render a subject or plain-text template without HTML escaping."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def _calendar_part(ics: bytes, *, method: str) -> MIMEText:
    """`text/calendar; charset="utf-8"; method=REQUEST`, each parameter once (iTIP, RFC 6047)."""
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method, requote=False)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part
