# Two commands for a new user: `make run` and `make test`. Everything else is their parts.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
MANAGE := $(BIN)/python manage.py

.PHONY: run serve test install install-dev prepare lint check pytest chromium system-libraries lock messages daily clean clean-db

# Where `make run` and `make serve` listen: `make run PORT=8123`.
HOST ?= 127.0.0.1
PORT ?= 8000

run: export DEBUG ?= true
run: install system-libraries
	$(MANAGE) migrate --noinput
	$(MANAGE) load_reference_data
	$(MANAGE) demo_data
	@echo "Sozialraum läuft auf http://$(HOST):$(PORT) (Beenden mit Strg+C); ein Worker erstellt die Berichte."
	$(MANAGE) report_worker --supervise & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT; \
	$(MANAGE) runserver $(HOST):$(PORT)

# Production: gunicorn (gunicorn.conf.py: HOST, PORT, WEB_CONCURRENCY) and a supervised report
# worker, DEBUG off; needs SECRET_KEY and ALLOWED_HOSTS (.env.example). No demo data.
serve: export DEBUG = false
serve: export HOST := $(HOST)
serve: export PORT := $(PORT)
serve: install system-libraries
	$(MANAGE) migrate --noinput
	$(MANAGE) load_reference_data
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) report_worker --supervise & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT; \
	$(BIN)/gunicorn --config gunicorn.conf.py

test: export SECRET_KEY ?= make-test-only-not-a-secret
test: install-dev system-libraries chromium lint check pytest

# `install`: what the app needs to run (production); `install-dev`: plus tests and tooling.
install: $(BIN)/.installed
install-dev: $(BIN)/.installed-dev

# Reinstall only when the pinned versions change.
$(BIN)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 oder neuer wird gebraucht.")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.lock
	$(BIN)/pip install --quiet -r requirements.lock -r requirements-dev.lock
	touch $@

# WeasyPrint needs Pango; the PDFs use the DejaVu fonts.
system-libraries:
	@if ! ldconfig -p | grep -q "libpango-1.0" || ! fc-list 2>/dev/null | grep -qi dejavu; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig >/dev/null; \
		else \
			echo "Für die PDFs fehlen Pango oder die DejaVu-Schriften. Bitte installieren: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"; exit 1; \
		fi; \
	fi

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "Für die Browser-Tests fehlt Chromium ($(CHROMIUM)). Bitte installieren: sudo apt-get install chromium"; exit 1; \
		fi; \
	fi

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports
	DATABASE_URL=postgres://localhost/typecheck SECRET_KEY=typecheck-only $(BIN)/mypy

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# The page and unit tests run in TEST_WORKERS processes (pytest-xdist, each with its own test
# database); the browser tests run after them in their own processes (Playwright keeps an event
# loop in its thread, which the other tests must not inherit, see tests/conftest.py). Tests that
# share an expensive module fixture name one xdist_group and run in the same process.
TEST_WORKERS ?= 2
pytest: install-dev
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup -m "not browser"
	$(BIN)/pytest -n $(TEST_WORKERS) -m browser

# Regenerate the pinned versions from requirements.in and requirements-dev.in (needs the registry).
lock:
	rm -rf /tmp/sozialraum-lock && $(PYTHON) -m venv /tmp/sozialraum-lock
	/tmp/sozialraum-lock/bin/pip install --quiet -r requirements.in
	{ echo "# Pinned versions of everything requirements.in pulls in; \`make install\` installs exactly these."; \
	  /tmp/sozialraum-lock/bin/pip freeze; } > requirements.lock
	/tmp/sozialraum-lock/bin/pip install --quiet -r requirements-dev.in
	{ echo "# Pinned test and tooling packages on top of requirements.lock; \`make test\` installs both."; \
	  /tmp/sozialraum-lock/bin/pip freeze | grep -vxF -f requirements.lock; } > requirements-dev.lock

# Collect new message ids and compile the German translations (needs gettext).
messages: install-dev
	DEBUG=true $(MANAGE) makemessages -l de --no-location --ignore=$(VENV) --ignore=var
	DEBUG=true $(MANAGE) compilemessages --ignore=$(VENV)

# The daily job (cron, e.g. 02:30): erase personal data whose retention period ended, delete
# expired sessions (they may still hold a name search), verify the audit trail's hash chain,
# bring the automatic follow-ups in line with their sources (changes made outside the app's pages).
daily: install
	$(MANAGE) erase_expired_personal_data
	$(MANAGE) sync_follow_ups
	$(MANAGE) clearsessions
	$(MANAGE) verify_audit_trail

# Stop the embedded server and delete its data (var/pgdata); `make run` creates it anew.
clean-db:
	-pkill -f "[-]D $(CURDIR)/var/pgdata" && sleep 2
	rm -rf var/pgdata

clean: clean-db
	rm -rf $(VENV) var
