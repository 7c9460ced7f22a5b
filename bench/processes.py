"""The processes the bench starts (gunicorn, a Celery worker, an SMTP sink): free ports,
stopping a process group, what a process tree costs in CPU and memory (read from /proc), and
cleanup that Ctrl-C cannot interrupt."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def shielded() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait while cleanup runs (a second Ctrl-C must not skip it)."""
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    for signum in handlers:
        signal.signal(signum, signal.SIG_IGN)
    try:
        yield
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)


def stop_group(process: subprocess.Popen | None, signum: int = signal.SIGTERM,
               grace: float = 20) -> None:
    """Send `signum` to the process group (started with start_new_session); SIGKILL follows
    when it is still there after `grace` seconds."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signum)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _process_stats() -> Iterator[tuple[int, list[str]]]:
    """(pid, the fields of /proc/<pid>/stat after the command name) of every process."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        yield int(stat.parent.name), fields


def child_pids(pid: int) -> list[int]:
    return [child for child, fields in _process_stats() if int(fields[1]) == pid]


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its children (gunicorn's
    workers, a worker's pool)."""
    ticks = os.sysconf("SC_CLK_TCK")
    return sum((int(fields[11]) + int(fields[12])) / ticks for other, fields in _process_stats()
               if other == pid or int(fields[1]) == pid)


def memory_kb(pid: int) -> dict[str, int]:
    """VmHWM (peak resident) and VmRSS of one process."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return {name: int(value) for name, value in re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB",
                                                          text, re.MULTILINE)}
