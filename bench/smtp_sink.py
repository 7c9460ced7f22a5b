"""A local SMTP server for the e-mail fan-out benchmark, in its own process.

    python -m bench.smtp_sink PORT LOG_FILE

Accepts every message (aiosmtpd) and appends one line per recipient to LOG_FILE:
"<recipient>\\t<Message-ID>\\t<bytes>". Prints "READY" once listening; stops on SIGTERM.
"""

from __future__ import annotations

import re
import signal
import sys
import threading

from aiosmtpd.controller import Controller

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class Recorder:
    def __init__(self, log):
        self.log = log
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        content = envelope.original_content or b""
        head = content.split(b"\r\n\r\n", 1)[0]
        found = MESSAGE_ID.search(head)
        message_id = found.group(1).decode(errors="replace") if found else "-"
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.log.write(f"{recipient}\t{message_id}\t{len(content)}\n")
        return "250 OK"


def main() -> int:
    port, path = int(sys.argv[1]), sys.argv[2]
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    with open(path, "a", buffering=1) as log:
        controller = Controller(Recorder(log), hostname="127.0.0.1", port=port)
        controller.start()
        print("READY", flush=True)
        stop.wait()
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
