"""`npm ci` for the test tools kept as npm packages (tests/oidc, tests/axe)."""

from __future__ import annotations

import fcntl
import subprocess
from pathlib import Path


def install(folder: Path) -> None:
    """`npm ci` in `folder` once per package-lock.json (several test runs may ask at once)."""
    marker = folder / "node_modules" / ".installed-lock.json"
    lock = folder / "package-lock.json"
    with open(folder / ".install.lock", "w") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        if marker.exists() and marker.read_bytes() == lock.read_bytes():
            return
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=folder, check=True, timeout=300)
        marker.write_bytes(lock.read_bytes())
