# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test install install-test worker fuzz load bench bench-import lint format clean stack stack-stop

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-test.txt
	# axe-core (accessibility checks run inside the page by the browser tests), from npm
	npm install --silent --no-save --no-audit --no-fund --prefix var/node axe-core@4.11.0
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Set up everything (venv, packages, database, demo content, the site's address, admin login) and serve on 127.0.0.1:$(PORT).
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	# runserver that points the Site at its address and prints it and the admin login last; logs: var/log/run.log
	PORT=$(PORT) $(PY) manage.py runserver_with_login 127.0.0.1:$(PORT)

## Run the whole suite on throwaway PostgreSQL and Redis servers (started and stopped here).
test: install-test
	$(PY) tests/servers.py -- $(PY) -m pytest $(PYTEST_ARGS)

## Property-based fuzzing of every public input with many more examples than the default suite.
fuzz: install-test
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-5000} $(PY) tests/servers.py -- $(PY) -m pytest -q -p no:logging tests/fuzz

## Load and fault run: gunicorn + PostgreSQL under readers and commenters, a database restart, a mail outage.
load: install-test
	$(PY) tests/load/run.py

## The scale-out stack on loopback: PostgreSQL, Redis, two gunicorn app servers, nginx in front (var/stack/).
stack: install
	$(PY) deploy/stack.py start

stack-stop:
	$(PY) deploy/stack.py stop

## The benchmark of issue 6: every target in one run, one table (needs wrk and redis-server; see bench/README.md).
bench: install-test
	$(PY) bench/run.py $(BENCH_ARGS)

## The import benchmark of issue 16: 1,000 Drupal 7 nodes and 10,000 comments in under 60 s (PostgreSQL).
bench-import: install-test
	$(PY) bench/import_drupal7.py

## Send queued comment e-mail (production runs this as a service).
worker: install
	$(PY) manage.py db_worker --backend mail --queue-name mail

## Lint: ruff, the import contracts (.importlinter: no cycles, arrows one way), no model change without a migration.
lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=site $(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var db.sqlite3
