"""What a bench run tells: progress lines on the terminal, bench/results.json (the machine, the
settings, per page its numbers and its cost in baseline requests, and the scenarios that ran)
and the closing table."""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.json"


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def load_average() -> list[float]:
    """Recorded before each page and scenario: other work on the machine skews every number."""
    return [round(value, 2) for value in os.getloadavg()]


def build_report(results: dict[str, dict], extra: dict, facts: dict,
                 args: argparse.Namespace, *, baseline: str, generator: str,
                 server: str) -> dict:
    """`ratio_to_baseline` is what one request costs in requests of the `baseline` page
    (baseline rps / page rps), null when no request succeeded: the figure that travels
    between machines."""
    baseline_rps = results[baseline]["rps"] if baseline in results else None  # scenarios only
    for result in results.values():
        succeeded = result["requests"] - result["errors"] > 0
        result["ratio_to_baseline"] = (round(baseline_rps / result["rps"], 2)
                                       if succeeded and result["rps"] else None)
    return {
        "machine": {
            "cores": os.cpu_count(),
            "cpu": cpu_model(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        },
        "settings": {
            "duration_s": args.duration,
            "warmup_s": args.warmup,
            "concurrency": args.concurrency,
            "generator": generator,
            "server": server,
            "signed_in_as": facts["users"],
            "rows": facts["rows"],
        },
        "pages": results,
        **extra,
    }


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor()
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else platform.processor()


def print_table(report: dict) -> None:
    columns = ["page", "status", "req/s", "p50 ms", "p95 ms", "queries", "errors", "x ping"]
    rows = [[name, str(page["status"]), f"{page['rps']:.1f}", fmt(page["p50_ms"]),
             fmt(page["p95_ms"]), fmt(page["queries"]), str(page["errors"]),
             fmt(page["ratio_to_baseline"])]
            for name, page in report["pages"].items()]
    widths = [max(len(row[i]) for row in [columns, *rows]) for i in range(len(columns))]
    print()
    for row in [columns, *rows]:
        print("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
                        for i, cell in enumerate(row)))
    settings = report["settings"]
    print(f"\n{settings['concurrency']} connections, {settings['duration_s']:g} s per page, "
          f"{settings['generator']}; {report['machine']['cores']} cores; rows {settings['rows']}")
    for name in ("live_load", "live_load_100"):
        if not (live := report.get(name)):
            continue
        if "change_seen" not in live:
            print(f"\n{name}: {live}")
            continue
        change, posts, idle = live["change_seen"], live["card_posts"], live.get("idle", {})
        print(f"\n{name} ({live['sessions']} sessions, {live['participants']} participants, "
              f"{live['duration_s']:g} s, {live['server']}): {live['errors']} errors")
        print(f"  change seen by every other phone: p50 {fmt(change['p50_ms'])} ms, p95 "
              f"{fmt(change['p95_ms'])} ms, p99 {fmt(change['p99_ms'])} ms "
              f"({change['changes']} cards)")
        print(f"  card posts: {posts['requests']}, p95 {fmt(posts['p95_ms'])} ms; idle: "
              f"{idle.get('server_cpu_seconds_per_minute_per_100_phones')} CPU s per minute "
              f"per 100 phones, {idle.get('database_transactions')} database transactions")
    if fan := report.get("email_fanout"):
        if "seconds" in fan:
            print(f"\nemail_fanout: {fan['sent']} of {fan['recipients']} sent in "
                  f"{fan['seconds']} s ({fan['messages_per_second']}/s), "
                  f"{fan['queries_per_message']} queries per message, peak worker memory "
                  f"{fan['peak_worker_memory_mb']} MB, duplicates {fan['duplicates']}")
        else:
            print(f"\nemail_fanout: {fan}")


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:g}" if isinstance(value, int) else f"{value:.1f}"


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
