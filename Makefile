.DEFAULT_GOAL := help
PYTHON_BIN ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PYTHON := $(VENV)/bin/python
PORT ?= 8000

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PYTHON) || $(PYTHON_BIN) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create the virtual environment and install the pinned requirements

run: install ## Migrate, load the demo content and serve the site on http://127.0.0.1:$(PORT)/
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py load_demo
	@echo ""
	@echo "  Situs:  http://127.0.0.1:$(PORT)/"
	@echo "  Admin:  http://127.0.0.1:$(PORT)/admin/  (username: admin, password: admin-asn-adaptif)"
	@echo ""
	@# The task worker sends the emails (printed here by the console backend); send_reminders
	@# queues the reminders. Both stop with the server.
	$(PYTHON) manage.py db_worker --no-startup-delay & worker=$$!; \
	$(PYTHON) manage.py send_reminders --every 300 > /dev/null & reminders=$$!; \
	trap 'kill $$worker $$reminders 2>/dev/null' EXIT INT TERM; \
	$(PYTHON) manage.py runserver 127.0.0.1:$(PORT)

bench: install ## Registration rush benchmark: gunicorn on PostgreSQL and Redis (see bench/registration.py)
	$(PYTHON) bench/registration.py

failover: install ## Two app servers on one database, one killed mid-load, then backup and restore (bench/failover.py)
	$(PYTHON) bench/failover.py

test: install ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	$(PYTHON) -m pytest

lint: install ## Check code style with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

.PHONY: help install run test lint bench failover
