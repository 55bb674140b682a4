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

# Not part of `make test`: times a bulletin send to 10,000 subscribers through a real cluster.
.PHONY: bench
bench: $(VENV)/.installed-dev
	$(PY) -m bench.bulletin_send

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 db.sqlite3-* .demo-password
