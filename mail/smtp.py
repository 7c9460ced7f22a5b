"""Handing messages to the SMTP server step by step, so the outbox knows how far each got.

Django's SMTP backend opens and closes the connection (TLS, login, EMAIL_TIMEOUT); a batch
keeps one connection for all its messages (`Session`). The steps of one message are taken here
with smtplib's own commands:

1. MAIL FROM, RCPT TO, and DATA up to the server's "354 go ahead": nothing has been handed
   over yet, so whatever goes wrong, trying again later cannot make a second copy.
2. `before_content()` is called - the outbox records that the content is leaving - and then
   the content is sent. From here on, an answer that never comes (a timeout, a dropped
   connection, a worker that dies) leaves it unknown whether the server took the message.
3. The server's answer to the content: 250, it took it; 4xx or 5xx, it did not.

Backends that are not SMTP (console, locmem in tests) have no such steps: `before_content()`
is called, then the message is handed to them whole.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address

LINE_END = re.compile(rb"\r\n|\n|\r")
LINE_STARTING_WITH_A_DOT = re.compile(rb"(?m)^\.")


class Session:
    """One connection for many messages, opened on the first one. After an answered refusal
    the connection is reset (RSET) for the next message; after a dropped connection the next
    message opens a new one. A connection that cannot be opened makes the session `broken`:
    the batch hands its remaining messages back rather than wait for each to time out."""

    def __init__(self, backend: BaseEmailBackend):
        self.backend = backend
        self.broken = False

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_exc) -> None:
        # Saying goodbye can fail after the messages were taken; that changes nothing.
        if isinstance(self.backend, SMTPBackend):
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.backend.close()

    def deliver(self, message: EmailMessage, *, before_content: Callable[[], None]) -> None:
        if not isinstance(self.backend, SMTPBackend):
            before_content()
            self.backend.send_messages([message])
            return
        if self.backend.connection is None:
            try:
                self.backend.open()
            except (smtplib.SMTPException, OSError):
                self.broken = True
                raise
        try:
            _transmit(self.backend.connection, message, before_content)
        except smtplib.SMTPServerDisconnected:
            self._drop()
            raise
        except smtplib.SMTPException:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.backend.connection.rset()
            raise
        except OSError:
            self._drop()
            raise

    def _drop(self) -> None:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self.backend.close()
        self.backend.connection = None


def _transmit(server: smtplib.SMTP, message: EmailMessage,
              before_content: Callable[[], None]) -> None:
    encoding = message.encoding or settings.DEFAULT_CHARSET
    sender = sanitize_address(message.from_email, encoding)
    recipients = [sanitize_address(address, encoding) for address in message.recipients()]
    content = getattr(message, "wire", None) or as_wire(message)
    server.ehlo_or_helo_if_needed()
    code, reply = server.mail(sender)
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    refused = {}
    for recipient in recipients:
        code, reply = server.rcpt(recipient)
        if code not in (250, 251):
            refused[recipient] = (code, reply)
    if len(refused) == len(recipients):
        raise smtplib.SMTPRecipientsRefused(refused)
    code, reply = server.docmd("DATA")
    if code != 354:
        raise smtplib.SMTPDataError(code, reply)
    before_content()
    server.send(_as_data(content))
    code, reply = server.getreply()
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)


def as_wire(message: EmailMessage) -> bytes:
    """The message as it goes over the wire. Each multipart gets a random boundary up front:
    left to the generator, it would search the whole content for a clash with a new regular
    expression per message (a fifth of the cost of a large digest)."""
    mime = message.message()
    for part in mime.walk():
        if part.is_multipart() and part.get_boundary() is None:
            part.set_boundary(f"=={secrets.token_hex(16)}==")
    return mime.as_bytes(linesep="\r\n")


def _as_data(content: bytes) -> bytes:
    """The content as DATA carries it (RFC 5321 4.5.2): CRLF line ends, a dot doubled at the
    start of a line, and a line holding a single dot to end it."""
    content = LINE_STARTING_WITH_A_DOT.sub(b"..", LINE_END.sub(b"\r\n", content))
    if not content.endswith(b"\r\n"):
        content += b"\r\n"
    return content + b".\r\n"
