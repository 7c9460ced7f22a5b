"""A real OpenID Connect provider for the single sign-on tests: node-oidc-provider, run by
tests/oidc/provider.mjs with one static client and the accounts below.

`npm ci` installs it once into tests/oidc/node_modules (git-ignored) from package-lock.json;
`start(redirect_uris)` runs it on a free port of 127.0.0.1 until `stop()`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from django.urls import reverse

from schools import sso
from schools.models import SignOnKind
from tests import npm

HERE = Path(__file__).resolve().parent
CLIENT_ID = "success-forums-tests"
CLIENT_SECRET = "a-client-secret-only-the-tests-know"
PASSWORD = "provider-password"
MINIMUM_NODE = 20


@dataclass(frozen=True)
class Account:
    id: str
    email: str
    email_verified: bool
    name: str


# The people the provider knows. Riverside's staff have addresses at riverside.example.
MAYA = Account("maya", "maya@riverside.example", True, "Maya Okafor")  # a Riverside teacher
PERSONAL = Account("maya-home", "maya.okafor@home.example", True, "Maya Okafor")  # wrong domain
UNVERIFIED = Account("daniel", "daniel@riverside.example", False, "Daniel Reyes")
NEWCOMER = Account("newcomer", "newcomer@riverside.example", True, "Nia Newcomer")  # no account
# Works for another district, with an address at Riverside's domain.
OUTSIDER = Account("ines", "ines@riverside.example", True, "Ines Lund")
ACCOUNTS = (MAYA, PERSONAL, UNVERIFIED, NEWCOMER, OUTSIDER)


@dataclass
class RunningProvider:
    issuer: str
    process: subprocess.Popen
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def node() -> str:
    """Node.js 20 or later, or skip (fail in CI: .ci/run installs it)."""
    path = shutil.which("node")
    problem = "Node.js not found: apt-get install nodejs npm."
    if path is not None and shutil.which("npm") is not None:
        version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout
        if int(version.lstrip("v").split(".")[0] or 0) >= MINIMUM_NODE:
            return path
        problem = f"node-oidc-provider needs Node.js {MINIMUM_NODE} or later, not {version}."
    if os.environ.get("CI"):
        pytest.fail(problem)
    pytest.skip(problem)


def install() -> None:
    npm.install(HERE)


def start(redirect_uris: list[str]) -> RunningProvider:
    """The provider, answering once it printed its issuer URL."""
    executable = node()
    install()
    config = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
              "redirect_uris": redirect_uris,
              "accounts": [{**account.__dict__, "password": PASSWORD} for account in ACCOUNTS]}
    process = subprocess.Popen(
        [executable, str(HERE / "provider.mjs")], cwd=HERE, text=True,
        env={**os.environ, "OIDC_TEST_CONFIG": json.dumps(config), "NODE_ENV": "test"},
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = process.stdout.readline()  # blocks until it listens, or it exits
    if not line.startswith("issuer "):
        process.kill()
        raise RuntimeError(f"The test OpenID provider did not start: {line!r}")
    return RunningProvider(issuer=line.split(" ", 1)[1].strip(), process=process)


def sign_in_at_provider(authorize_url: str, *, email: str, back_to: str,
                        password: str = PASSWORD) -> str:
    """What a browser does at the provider: open the authorization URL, fill in the provider's
    sign-in form, follow its redirects. Returns the URL it sends the browser back to."""
    with requests.Session() as browser:
        form = browser.get(authorize_url, timeout=10)
        form.raise_for_status()
        response = browser.post(form.url, data={"email": email, "password": password},
                                allow_redirects=False, timeout=10)
        for _hop in range(10):
            if not response.is_redirect:
                break
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(back_to):
                return location
            response = browser.get(location, allow_redirects=False, timeout=10)
    raise AssertionError(f"The provider did not send the browser back: {response.status_code}")


def callback_url(site: str, district_slug: str = "riverside") -> str:
    """Where the provider sends people back for that district's sign-on, on `site`."""
    return site + reverse("openid_connect_callback",
                          kwargs={"provider_id": f"district-{district_slug}"})


def set_up_sign_on(district, provider: RunningProvider, *, domains=("riverside.example",)):
    """The district's single sign-on with this provider, turned on, as its admin saves it."""
    return sso.save_sign_on(
        district=district, actor=None, kind=SignOnKind.OIDC, tenant="",
        issuer_url=provider.issuer, client_id=provider.client_id,
        client_secret=provider.client_secret, domains=list(domains), is_enabled=True)
