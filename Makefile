# Two commands set everything up: `make run` (demo site on SQLite) and `make test` (the whole suite, SQLite and PostgreSQL).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/thiduakhenthuong
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint test-sqlite test-postgres postgres redis chromium migrate demo bench fuzz clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

# The server and the background worker (certificates, long exports) in one command; Ctrl-C stops both, and when
# either ends the other is stopped too.
run: demo
	@$(PY) manage.py demo_accounts
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	  $(PY) manage.py run_worker & worker=$$!; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-enough-secret-key-value-for-checks \
	  ALLOWED_HOSTS=example.org $(PY) manage.py check --deploy --fail-level WARNING

test: lint chromium redis test-sqlite test-postgres

test-sqlite: $(VENV)/.installed
	$(PY) -m pytest

test-postgres: $(VENV)/.installed postgres
	DATABASE_URL=$(PG_URL) $(PY) -m pytest

# Start the local PostgreSQL server when it is installed but down, and create the database.
# Under CI (CI=true) a missing PostgreSQL is a failure, never a skip.
postgres:
	@if ! command -v pg_ctlcluster >/dev/null && ! command -v pg_isready >/dev/null; then \
	  if [ "$$CI" = "true" ]; then echo "PostgreSQL is not installed: CI needs it." >&2; exit 1; fi; \
	  echo "PostgreSQL is not installed: skipping the PostgreSQL run." >&2; exit 0; fi; \
	if ! pg_isready -q -h 127.0.0.1 -p 5432; then \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
	  for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	fi; \
	pg_isready -h 127.0.0.1 -p 5432 || exit 1; \
	psql "$(dir $(PG_URL))postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$(notdir $(PG_URL))'" | grep -q 1 \
	  || psql "$(dir $(PG_URL))postgres" -c "CREATE DATABASE $(notdir $(PG_URL))"

# The Redis task backend is tested against a local Redis server: start it when installed but down, install it when
# missing (Debian's redis-server). Under CI (CI=true) a Redis that cannot be reached is a failure, never a skip.
redis:
	@if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then \
	  command -v redis-server >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; } \
	    || { [ "$$CI" = "true" ] && exit 1 || { echo "Redis is not installed: the Redis test will be skipped." >&2; exit 0; }; }; \
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null; \
	  for i in $$(seq 1 20); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.5; done; \
	fi; \
	redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { [ "$$CI" = "true" ] && { echo "Redis is down: CI needs it." >&2; exit 1; } || true; }

# The browser tests drive Debian's Chromium; install it when missing.
chromium:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The fuzz suite at length (tests/fuzz: every form and query parameter, hostile values), random each run;
# `make test` runs it with a small derandomized budget. PG_URL=… runs it on PostgreSQL too.
fuzz: $(VENV)/.installed
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/fuzz
	@if [ -n "$(FUZZ_PG)" ]; then $(MAKE) postgres PG_URL=$(PG_URL) && DATABASE_URL=$(PG_URL) HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/fuzz; fi

bench: $(VENV)/.installed
	$(PY) bench/pages.py
	$(PY) bench/documents.py
	$(PY) bench/eligibility.py
	$(PY) bench/certificates.py
	$(MAKE) postgres PG_URL=$(PG_URL) && DATABASE_URL=$(PG_URL) $(PY) bench/ballots.py

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache
