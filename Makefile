.DEFAULT_GOAL := help
PYTHON_BIN ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PYTHON := $(VENV)/bin/python
PORT ?= 8000

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PYTHON) || $(PYTHON_BIN) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Create the virtual environment and install the pinned requirements

run: export SITE_URL = http://127.0.0.1:$(PORT)
run: install ## Migrate, load the demo content and serve the site on http://127.0.0.1:$(PORT)/
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py load_demo
	@# Every link (emails, QR codes, sitemap, canonical) is built on the Wagtail Site's address.
	$(PYTHON) manage.py set_site_address http://127.0.0.1:$(PORT)
	@echo ""
	@echo "  Situs:  http://127.0.0.1:$(PORT)/"
	@echo "  Admin:  http://127.0.0.1:$(PORT)/admin/  (username: admin, password: admin-asn-adaptif)"
	@echo ""
	@# The task worker sends the emails (printed here by the console backend; the development
	@# settings keep its one line per task out of the terminal); send_reminders queues the
	@# reminders; publish_scheduled publishes (and unpublishes) pages on their scheduled time,
	@# checked every minute. All stop with the server.
	$(PYTHON) manage.py db_worker --no-startup-delay & worker=$$!; \
	$(PYTHON) manage.py send_reminders --every 300 > /dev/null & reminders=$$!; \
	while sleep 60; do $(PYTHON) manage.py publish_scheduled > /dev/null; done & scheduled=$$!; \
	trap 'kill $$worker $$reminders $$scheduled 2>/dev/null' EXIT INT TERM; \
	$(PYTHON) manage.py runserver 127.0.0.1:$(PORT)

bench: bench-pages bench-registrations ## Both benchmarks below (need PostgreSQL, Redis and wrk)

bench-pages: install ## Page speed: CPU and queries per page, then wrk against gunicorn (bench/pages.py)
	$(PYTHON) bench/pages.py

bench-registrations: install ## Registration rush against gunicorn on PostgreSQL and Redis (bench/registration.py)
	$(PYTHON) bench/registration.py

bench-evaluations: install ## Evaluation rush: 2,888 attendees answer against gunicorn on PostgreSQL and Redis (bench/evaluations.py)
	$(PYTHON) bench/evaluations.py

bench-certificates: install ## Certificate benchmark: issue 3,000 on PostgreSQL, time downloads via gunicorn (see bench/certificates.py)
	$(PYTHON) bench/certificates.py

bench-import: install ## Import benchmark: 75,404 earlier certificates on PostgreSQL, streamed, then re-imported (bench/import.py)
	$(PYTHON) bench/import.py $(BENCH_IMPORT_ARGS)

failover: install ## Two app servers on one database, one killed mid-load, then backup and restore (bench/failover.py)
	$(PYTHON) bench/failover.py

test: install ## Run the whole test suite (SQLite unless DATABASE_URL is set); installs the npm checkers where Node.js exists
	@# The browser checks' npm packages (axe-core, the Nu checker, Lighthouse), installed as CI does
	@# when missing; --ignore-scripts: vnu-jar's postinstall would download a Java runtime.
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "Node.js/npm tidak ada: pemeriksaan axe, Nu dan Lighthouse dilewati (lihat ringkasan)."; \
	elif [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] \
	     || [ ! -x node_modules/.bin/lighthouse ]; then \
	  npm ci --ignore-scripts --no-audit --no-fund; fi
	@# -rs: the summary lists every skipped test and why (a missing Chromium, Java or npm package).
	$(PYTHON) -m pytest -rs

screenshots: install ## Retake the screenshots of docs/editors.md (needs /usr/bin/chromium)
	$(PYTHON) docs/screenshots.py

messages: ## Compile locale/ (our Indonesian for the Wagtail strings its catalogue leaves in English)
	for po in locale/*/LC_MESSAGES/*.po; do msgfmt --check -o $${po%.po}.mo $$po || exit 1; done

lint: install ## Check code style with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

.PHONY: help install run test lint bench bench-pages bench-registrations bench-evaluations bench-certificates bench-import failover messages screenshots
