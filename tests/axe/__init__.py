"""axe-core, Deque's accessibility rules engine (MPL-2.0; its licence is in
node_modules/axe-core/LICENSE once installed), pinned in package.json and package-lock.json.

`npm ci` installs it once into tests/axe/node_modules (git-ignored); `script()` is the
minified engine a browser test injects into a page (tests/browser/test_accessibility.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests import npm

HERE = Path(__file__).resolve().parent


def install() -> None:
    """axe-core installed once (npm ci); skipped without npm (fails in CI)."""
    if shutil.which("npm") is None:
        problem = "npm not found: apt-get install nodejs npm."
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    npm.install(HERE)


def script() -> str:
    """The engine's source, installed first if needed."""
    install()
    return (HERE / "node_modules" / "axe-core" / "axe.min.js").read_text()
