"""HTTP as a browser does it, for single requests: fetch a page, keep cookies, read a form's
CSRF token, sign in through the real login form. The load generators (bench/load.py) send
the many requests."""

from __future__ import annotations

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from bench.processes import HOST
from bench.report import log


def fetch(port: int, method: str, path: str, headers: dict | None = None,
          body: str = "") -> tuple[int, http.client.HTTPMessage, str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body.encode() or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.msg, response.read().decode(errors="replace")
    finally:
        connection.close()


def store_cookies(cookies: dict[str, str], headers: http.client.HTTPMessage) -> None:
    for header in headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            cookies[name] = morsel.value


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def csrf_token(port: int, path: str, cookies: dict[str, str]) -> str:
    """The token in the form on `path`; the CSRF cookie itself when the page has no form."""
    status, headers, html = fetch(port, "GET", path, {"Cookie": cookie_header(cookies)})
    store_cookies(cookies, headers)
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return found.group(1) if found else cookies.get("csrftoken", "")


def sign_in(port: int, email: str, password: str) -> dict[str, str]:
    """Sign in through the real login form; returns the session and CSRF cookies."""
    cookies: dict[str, str] = {}
    token = csrf_token(port, "/accounts/login/", cookies)
    status, headers, _ = fetch(
        port, "POST", "/accounts/login/",
        {"Cookie": cookie_header(cookies), "Content-Type": "application/x-www-form-urlencoded"},
        urlencode({"login": email, "password": password, "csrfmiddlewaretoken": token}))
    store_cookies(cookies, headers)
    if status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"Signing in as {email} failed (status {status})")
    log(f"Signed in as {email}")
    return cookies


class Browsers:
    """One signed-in browser (cookie jar) per kind of user, made when first needed.

    `users` maps a kind ("teacher", "leader"...) to an e-mail address; everyone signs in with
    `password`. `path_values` fill the {placeholders} of a page to prime with."""

    def __init__(self, port: int, users: dict[str, str], password: str,
                 path_values: dict[str, int]):
        self.port, self.users, self.password = port, users, password
        self.path_values = path_values
        self.jars: dict[str, dict[str, str]] = {}
        self.primed: set[tuple[str, str]] = set()

    def cookies(self, user: str, prime: str = "") -> dict[str, str]:
        """The user's cookies, after opening `prime` once in their browser session (the live
        page grants polling only to browser sessions that opened it)."""
        if user not in self.jars:
            self.jars[user] = sign_in(self.port, self.users[user], self.password)
        cookies = self.jars[user]
        if prime and (user, prime) not in self.primed:
            path = prime.format(**self.path_values)
            status, headers, _ = fetch(self.port, "GET", path,
                                       {"Cookie": cookie_header(cookies)})
            store_cookies(cookies, headers)
            self.primed.add((user, prime))
            log(f"{user}: primed with GET {path} -> {status}")
        return cookies
