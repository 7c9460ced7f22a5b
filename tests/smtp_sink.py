"""A real SMTP server on localhost (aiosmtpd) that records what arrives, and can refuse."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller


@dataclass
class Sink:
    messages: list = field(default_factory=list)
    refuse_next: int = 0  # answer the next N messages with `refuse_with`
    refuse_with: str = "451 4.3.0 Try again later"
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        with self.lock:
            if self.refuse_next > 0:
                self.refuse_next -= 1
                return self.refuse_with
            message = email.message_from_bytes(envelope.original_content,
                                               policy=email.policy.default)
            self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in m["To"]]

    def body(self, message, subtype="plain") -> str:
        return message.get_body(preferencelist=(subtype,)).get_content()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start() -> tuple[Sink, Controller]:
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    return sink, controller
