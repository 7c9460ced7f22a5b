# Two commands on a fresh machine: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .local/tools
UV := $(TOOLS)/bin/uv
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: install run lint test test-fast bench check-deploy messages clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

install: .venv/.synced

## Start embedded Postgres and Redis (unless DATABASE_URL/REDIS_URL are set), migrate, load
## the demo district and serve http://127.0.0.1:8000 with a Celery worker and beat.
run: install
	DEBUG=$${DEBUG:-true} $(PY) -m lib.devservices --run-app

## ruff, with the rules in pyproject.toml.
lint: install
	.venv/bin/ruff check .

## The lint, then the whole suite, browser tests included, against real Postgres and Redis.
test: lint
	$(PY) -m lib.devservices -- $(PY) -m pytest $(ARGS)

## Everything but the browser tests.
test-fast: install
	$(PY) -m lib.devservices -- $(PY) -m pytest -m "not browser" $(ARGS)

## Load-test the main pages on gunicorn against a 200,000-story district with 210 forums
## (built once, about 3 minutes), then the live-load (500 and 1,000 phones on streams) and
## e-mail fan-out (10,000 digests through a real Celery worker) scenarios: about 12 minutes; writes
## bench/results.json (see bench/README.md). Installs wrk when missing and allowed (root + apt).
bench: install
	@if ! command -v wrk >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; \
	then apt-get install -y -qq wrk >/dev/null || echo "No wrk: using the Python load generator."; fi
	$(PY) -m lib.devservices -- $(PY) -m bench.run $(ARGS)

check-deploy: install
	DEBUG=false SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=example.org $(PY) manage.py check --deploy --fail-level WARNING

## Bring every catalogue in locale/ up to date with the code, then compile them (README,
## "Adding a language"). New strings arrive empty: translate them, then run it again.
messages: install
	DEBUG=true $(PY) manage.py makemessages --all --no-obsolete
	DEBUG=true $(PY) manage.py compilemessages --ignore='.*'

clean:
	rm -rf .venv .local staticfiles
