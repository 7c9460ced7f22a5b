"""The deployment files agree with the settings: Compose, Docker, and Django's deploy check."""

import os
import secrets
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_names_the_whole_stack():
    services = compose()["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis", "mailpit"}
    assert services["postgres"]["image"] == "postgres:17"
    assert services["redis"]["image"].startswith("redis:7")
    assert "celery -A config worker" in services["worker"]["command"]
    assert "celery -A config beat" in services["beat"]["command"]
    assert "migrate" in services["web"]["command"] and "gunicorn" in services["web"]["command"]


def test_compose_waits_for_healthy_services():
    services = compose()["services"]
    for name in ("postgres", "redis", "web", "mailpit"):
        assert "healthcheck" in services[name], name
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_compose_sets_every_variable_the_settings_need():
    env = compose()["services"]["web"]["environment"]
    for name in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS", "SITE_URL",
                 "EMAIL_HOST", "EMAIL_PORT", "DEFAULT_FROM_EMAIL"):
        assert name in env, name
    postgres = compose()["services"]["postgres"]["environment"]
    assert env["DATABASE_URL"] == (f"postgresql://{postgres['POSTGRES_USER']}:"
                                   f"{postgres['POSTGRES_PASSWORD']}@postgres:5432/"
                                   f"{postgres['POSTGRES_DB']}")
    assert env["EMAIL_HOST"].endswith(":-mailpit}")


def test_compose_turns_tls_protections_on_by_default():
    env = compose()["services"]["web"]["environment"]
    for name in ("SECURE_SSL_REDIRECT", "SECURE_COOKIES"):
        assert env[name] == f"${{{name}:-true}}", name
    assert env["DEBUG"] == "${DEBUG:-false}"


@pytest.mark.parametrize("allowed_hosts", ["localhost,127.0.0.1", "forums.example.org",
                                           ".example.org,localhost", "*"])
def test_compose_health_check_reaches_healthz_with_tls_on(db, client, settings, monkeypatch,
                                                          allowed_hosts):
    """The probe speaks plain http to localhost; it must not be redirected or refused."""
    sent = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda request, **kwargs: sent.append(request))
    monkeypatch.setenv("ALLOWED_HOSTS", allowed_hosts)
    test = compose()["services"]["web"]["healthcheck"]["test"]
    assert test[:3] == ["CMD", "python", "-c"]
    exec(test[3], {})  # noqa: S102 - the probe as the container runs it
    (request,) = sent
    if isinstance(request, str):
        request = urllib.request.Request(request)
    url = urllib.parse.urlsplit(request.full_url)
    assert (url.scheme, url.netloc) == ("http", "localhost:8000")

    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = allowed_hosts.split(",")
    host = request.get_header("Host") or url.netloc  # what urllib sends when not told
    response = client.get(url.path, headers={"host": host})
    assert response.status_code in (200, 503)  # healthy or not, but answered


def test_readme_tells_how_to_try_compose_over_plain_http():
    readme = (ROOT / "README.md").read_text()
    assert "SECURE_SSL_REDIRECT=false" in readme and "SECURE_COOKIES=false" in readme


def test_env_example_documents_every_variable_compose_passes():
    documented = {line.split("=", 1)[0] for line in (ROOT / ".env.example").read_text().splitlines()
                  if "=" in line and not line.startswith("#")}
    passed = set(compose()["services"]["web"]["environment"]) - {"MEDIA_ROOT"}
    assert passed <= documented


def test_deploy_check_passes_with_production_settings():
    env = {"PATH": os.environ["PATH"], "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50),
           "ALLOWED_HOSTS": "example.org"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
