"""A real SMTP server on localhost (aiosmtpd) that records what arrives, and can misbehave:
refuse a message, answer slowly, or drop the connection before or after taking the content -
the edges where a sender cannot know whether its message arrived."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


@dataclass
class Sink:
    messages: list = field(default_factory=list)
    refuse_next: int = 0  # answer the next N messages with `refuse_with`
    refuse_with: str = "451 4.3.0 Try again later"
    answer_after: float = 0.0  # seconds to wait before answering a message it took
    drop_before_content: int = 0  # hang up on the next N senders at RCPT, before any DATA
    drop_after_content: int = 0  # hang up on the next N after their content, answering nothing
    keep_dropped: bool = True  # ...having kept that content (the server had it) or not
    on_taken: Callable[[], None] | None = None  # called once a message is kept, before the 250
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        with self.lock:
            hang_up = self.drop_before_content > 0
            self.drop_before_content -= hang_up
        if hang_up:
            server.transport.abort()
            return "421 4.3.2 Going away"  # never reaches the sender
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        with self.lock:
            if self.refuse_next > 0:
                self.refuse_next -= 1
                return self.refuse_with
            hang_up = self.drop_after_content > 0
            self.drop_after_content -= hang_up
            if not hang_up or self.keep_dropped:
                self.messages.append(email.message_from_bytes(envelope.original_content,
                                                              policy=email.policy.default))
        if hang_up:
            server.transport.abort()
            return "250 OK"  # never reaches the sender
        if self.on_taken is not None:
            self.on_taken()
        if self.answer_after:
            await asyncio.sleep(self.answer_after)
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["To"]]

    def body(self, message, subtype="plain") -> str:
        return message.get_body(preferencelist=(subtype,)).get_content()

    def copies(self) -> Counter:
        """How many times each message (by its Message-ID) arrived."""
        return Counter(str(m["Message-ID"]) for m in self.messages)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start() -> tuple[Sink, Controller]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    return sink, controller
