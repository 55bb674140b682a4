# Involve: `make run` for a working demo site, `make test` for every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast lint format migrate demo clean help

help:
	@echo "make run    - install, migrate, load demo content, start the site and a task worker"
	@echo "make test   - install test tools and a browser if needed, run every test"
	@echo "make lint   - ruff lint and format check"
	@echo "make cluster - two web servers and two task workers on PostgreSQL and Redis, behind a proxy"
	@echo "make backup - archive the database and uploaded files under backups/"
	@echo "make restore ARCHIVE=... - put a backup back (replaces the database)"

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Reinstall only when the requirements change.
$(VENV)/.installed: $(PY) requirements.txt constraints.txt
	$(PIP) install --quiet -r requirements.txt -c constraints.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt -c constraints.txt
	@touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py createcachetable
	$(PY) manage.py ensure_schedules

demo: migrate
	@test -s .demo-password || $(PY) -c "import secrets; print(secrets.token_urlsafe(12))" > .demo-password
	$(PY) manage.py load_demo_data --password "$$(cat .demo-password)"

run: demo
	@bin/run-dev $(HOST) $(PORT)

test: $(VENV)/.installed-dev
	@bin/ensure-browser
	$(PY) -m pytest

test-fast: $(VENV)/.installed-dev
	$(PY) -m pytest -m "not browser"

# Two gunicorn servers and two django-q2 clusters on the local PostgreSQL and Redis, behind a
# round-robin proxy on $(PORT) (bench/cluster_run.py); Ctrl-C stops everything it started.
# DATABASE_URL and REDIS_URL choose the database and Redis (defaults in bench/cluster_run.py).
.PHONY: cluster
cluster: $(VENV)/.installed
	PORT=$(PORT) $(PY) -m bench.cluster_run

# Not part of `make test`: the site under load on a large data set (gunicorn, wrk), then a
# bulletin send to 10,000 subscribers through a real cluster; figures in bench/results.md.
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres runs it on PostgreSQL.
.PHONY: bench bench-bulletin
bench: $(VENV)/.installed-dev
	@bin/ensure-wrk
	$(PY) -m bench.site_load

bench-bulletin: $(VENV)/.installed-dev
	$(PY) -m bench.bulletin_send

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# One archive of the database (SQLite or PostgreSQL, from DATABASE_URL) and both media
# folders under backups/; `make restore ARCHIVE=backups/involve-....tar.gz` puts it back.
.PHONY: backup restore
backup: $(VENV)/.installed
	$(PY) manage.py backup

restore: $(VENV)/.installed
	@test -n "$(ARCHIVE)" || { echo "Usage: make restore ARCHIVE=backups/involve-....tar.gz"; exit 2; }
	$(PY) manage.py restore "$(ARCHIVE)"

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 db.sqlite3-* .demo-password
