"""Every e-mail is built here, from three templates: emails/<kind>.subject.txt, .txt, .html.

`build(delivery)` asks the app that declared the kind for its content (mail.registry), and
returns None when the e-mail is no longer wanted: the person left or turned that kind off,
or the declaring app finds it no longer due or the recipient no longer entitled to it.

The subject and the plain text are not HTML, so they are rendered without autoescaping
("O'Brien" stays "O'Brien"); only the HTML part is escaped. Every kind a person can turn off
carries the one-click way to turn it off: a footer link and the List-Unsubscribe headers
(RFC 8058). An event is attached as one `text/calendar` part.

A batch of deliveries is built with a `Batch`: the recipients' e-mail choices are loaded at
once, each kind may load what its builder asks about all its deliveries at once
(mail.registry `prepare`), and content its app declares the same for many recipients
(`Content.shared_as`) is rendered once per language and time zone; only what is the
recipient's own - the address, the Message-ID, the unsubscribe link - is then filled in.
"""

from __future__ import annotations

import hashlib
import re
from email.mime.text import MIMEText
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.html import escape

from mail import registry
from mail.models import ALWAYS_SENT, Delivery, NotificationSettings
from mail.preferences import default_cadence, settings_for, unsubscribe_url
from mail.smtp import as_wire

# Stand for each recipient's own parts in a rendering shared by many recipients.
OWN_LINK = "https://own-unsubscribe-link.invalid/"
OWN_ADDRESS = "own-address@own-address.invalid"
OWN_MESSAGE_ID = "<own-message-id@own-address.invalid>"


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def message_id(delivery: Delivery) -> str:
    """The same for every attempt, so a receiver can drop a repeat."""
    digest = hashlib.sha256(delivery.key.encode()).hexdigest()[:24]
    return f"<{digest}.{delivery.pk}@{urlsplit(settings.SITE_URL).hostname or 'localhost'}>"


class Batch:
    """What building a batch of deliveries shares: what each kind's `prepare` loads, the
    recipients' choices, loaded at once (those who never chose get the defaults, kept as
    `settings_for` keeps them), and the renderings of shared content."""

    def __init__(self, deliveries: list[Delivery]):
        for kind in dict.fromkeys(d.kind for d in deliveries):
            prepare = registry.declaration(kind).prepare
            if prepare is not None:
                prepare([d for d in deliveries if d.kind == kind])
        people = {d.recipient_id: d.recipient for d in deliveries if d.recipient is not None}
        self.choices = {choice.user_id: choice for choice in
                        NotificationSettings.objects.filter(user_id__in=people)}
        missing = [NotificationSettings(user=person, digest_cadence=default_cadence(person))
                   for pk, person in people.items() if pk not in self.choices]
        if missing:  # as settings_for would: the defaults, kept from now on
            NotificationSettings.objects.bulk_create(missing, ignore_conflicts=True)
            self.choices.update((choice.user_id, choice) for choice in missing)
        self.renderings: dict[tuple, tuple[str, str, str]] = {}

    def wants(self, person, kind: str) -> bool:
        return self.choices[person.pk].wants(kind)


def build(delivery: Delivery, *, batch: Batch | None = None) -> EmailMultiAlternatives | None:
    """The message for one delivery, or None when it is no longer wanted (see above)."""
    user = delivery.recipient
    if user is not None and not user.is_active:
        return None
    if user is not None and not (batch.wants(user, delivery.kind) if batch is not None
                                 else settings_for(user).wants(delivery.kind)):
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
    shared = None
    if content.shared_as is not None and batch is not None:
        shared = (batch.renderings, content.shared_as)
    return build_message(delivery.kind, to=delivery.email, context=context, language=language,
                         headers={"Message-ID": message_id(delivery)}, ics=content.ics,
                         ics_method=content.ics_method, shared=shared)


def build_message(name: str, *, to: str, context: dict, language: str | None = None,
                  headers: dict[str, str] | None = None, ics: bytes | None = None,
                  ics_method: str = "REQUEST",
                  shared: tuple[dict, str] | None = None) -> EmailMultiAlternatives:
    """Render e-mail `name` for one recipient, in their language. With `shared` (renderings,
    key), content that is the same for every recipient under `key` is rendered once per
    language and time zone, with `OWN_LINK` where the recipient's unsubscribe link goes."""
    context = {"site_url": settings.SITE_URL, **context}
    own_link = context.get("unsubscribe_url") or ""
    wire = None
    with translation.override(language or settings.LANGUAGE_CODE):
        if shared is None:
            subject, text, html = _render(name, context)
        else:
            renderings, key = shared
            key = (name, key, translation.get_language(),
                   timezone.get_current_timezone_name(), bool(own_link))
            if key not in renderings:
                renderings[key] = _render(name, {**context, "recipient": None,
                                                 "unsubscribe_url": OWN_LINK if own_link
                                                 else ""})
            subject, text, html = renderings[key]
            if ics is None:
                wire = _shared_wire(renderings, key, to=to, own_link=own_link,
                                    headers=headers or {})
            text, html = text.replace(OWN_LINK, own_link), html.replace(OWN_LINK,
                                                                         escape(own_link))
    message = _message(subject, text, html, to=to, own_link=own_link, headers=headers)
    if ics is not None:
        message.attach(_calendar_part(ics, method=ics_method))
    if wire is not None:
        message.wire = wire  # mail.smtp sends it as it is
    return message


def _message(subject: str, text: str, html: str, *, to: str, own_link: str,
             headers: dict[str, str] | None) -> EmailMultiAlternatives:
    all_headers = {"Auto-Submitted": "auto-generated", **(headers or {})}
    if own_link:
        all_headers["List-Unsubscribe"] = f"<{own_link}>"
        all_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to],
                                     headers=all_headers)
    message.attach_alternative(html, "text/html")
    return message


def _shared_wire(renderings: dict, key: tuple, *, to: str, own_link: str,
                 headers: dict[str, str]) -> bytes | None:
    """The message as it goes over the wire, made from a wire form shared by everyone under
    `key` (encoded once: most of the cost of a large digest) with this recipient's address,
    Message-ID and unsubscribe link put in. The shared form is kept only when those parts
    stand in it as plain text that can be swapped safely (bodies not re-encoded, each part
    found exactly where expected); otherwise, or for a value that is not plain ASCII, None:
    the message is then encoded on its own. The Date header is the batch's."""
    message_id = headers.get("Message-ID", "")
    own = (to, message_id, own_link)
    if not all(v.isascii() and "\r" not in v and "\n" not in v for v in own):
        return None
    if len(own_link) > 200 or escape(own_link) != own_link or not message_id:
        return None
    wire_key = ("wire", *key)
    if wire_key not in renderings:
        subject, text, html = renderings[key]
        model = as_wire(_message(subject, text, html, to=OWN_ADDRESS,
                                 own_link=OWN_LINK if own_link else "",
                                 headers={**headers, "Message-ID": OWN_MESSAGE_ID}))
        links = (text.count(OWN_LINK) + html.count(OWN_LINK) + 1) if own_link else 0
        plain = not re.search(rb"(?im)^Content-Transfer-Encoding: *(quoted-printable|base64)",
                              model)
        roomy = all(len(line) < 998 - 200 for line in model.split(b"\r\n")
                    if OWN_LINK.encode() in line)  # a link of 200 characters still fits
        found = (model.count(OWN_ADDRESS.encode()) == 1
                 and model.count(OWN_MESSAGE_ID.encode()) == 1
                 and model.count(OWN_LINK.encode()) == links and roomy)
        renderings[wire_key] = model if plain and found else None
    model = renderings[wire_key]
    if model is None:
        return None
    return (model.replace(OWN_ADDRESS.encode(), to.encode())
            .replace(OWN_MESSAGE_ID.encode(), message_id.encode())
            .replace(OWN_LINK.encode(), own_link.encode()))


def _render(name: str, context: dict) -> tuple[str, str, str]:
    subject = _render_plain(f"emails/{name}.subject.txt", context)
    # A subject is one line whatever a name or title contains (no header injection).
    subject = " ".join(subject.split())
    return (subject, _render_plain(f"emails/{name}.txt", context),
            render_to_string(f"emails/{name}.html", context))


def _render_plain(template_name: str, context: dict) -> str:
    """Render a subject or plain-text template without HTML escaping."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def _calendar_part(ics: bytes, *, method: str) -> MIMEText:
    """`text/calendar; charset="utf-8"; method=REQUEST`, each parameter once (iTIP, RFC 6047)."""
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method, requote=False)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part
