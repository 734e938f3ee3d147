# 政府网站集约化平台 — `make run` serves the demo site group, `make test` checks everything.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

BENCH_PG := postgres://postgres@127.0.0.1:5432/govportal_bench
SCALE_PG := postgres://postgres@127.0.0.1:5432/h_scale

.PHONY: help install run serve migrate seed test lint format check pytest bench bench-scale soak clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Installed once per change of the pins: two `make test` running side by side (CI runs SQLite and
# PostgreSQL at once) must not reinstall under each other's feet (`npm ci` empties node_modules).
INSTALLED := $(VENV)/.installed

install: $(INSTALLED) ## Create the virtual environment and install the pinned dependencies

$(INSTALLED): $(PY) requirements/base.txt requirements/test.txt package-lock.json
	$(PY) -m pip install --quiet -r requirements/test.txt
	@# axe-core for the browser tests' accessibility checks (package-lock.json pins it).
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent; else echo "npm not found: accessibility checks will be skipped"; fi
	@touch $@

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --noinput

seed: migrate ## Build the demo site group (idempotent)
	$(PY) manage.py seed_demo

run: seed ## Install, migrate, seed and serve the demo with its background worker on HOST:PORT
	@$(MAKE) --no-print-directory serve

# The demo shows the site's own 404 and 500 pages: Django's debug pages only with DEBUG=true.
# Web server and worker run in sessions of their own, so that Ctrl-C or SIGTERM reaches each of
# them once, from the trap (django-q2 crashed on a signal repeated while it was stopping).
serve: ## Serve the demo as it is (web server and worker) on HOST:PORT until Ctrl-C or SIGTERM
	$(PY) manage.py compile_translations
	$(PY) manage.py collectstatic --noinput -v0
	@echo "Serving on http://$(HOST):$(PORT)/ (sub-sites: http://sport.localhost:$(PORT)/, http://county.localhost:$(PORT)/)"
	@export DEBUG=$${DEBUG:-false}; \
	MONITORING_ORIGIN=$${MONITORING_ORIGIN:-http://$(HOST):$(PORT)} setsid $(PY) manage.py qcluster & worker=$$!; \
	setsid $(PY) manage.py runserver $(HOST):$(PORT) --noreload & web=$$!; \
	trap 'kill -TERM $$web $$worker 2>/dev/null; wait; exit 0' INT TERM; \
	wait $$web; status=$$?; kill -TERM $$worker 2>/dev/null; wait; exit $$status

lint: install ## ruff format check and lint; the layers of the apps (.importlinter)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

format: install ## Reformat the code
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install ## Django system checks and missing migrations
	$(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=check-only-$$(date +%s)-abcdefghijklmnopqrstuvwxyz0123456789 DATABASE_URL=sqlite:///tmp/check.sqlite3 $(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

pytest: install ## The test suite (browser tests included when chromium is installed)
	$(PY) manage.py compile_translations
	$(PY) -m pytest -q

test: lint check pytest ## Lint, checks and the whole test suite

bench: install ## Benchmarks, search and 智能问答 quality; results in bench/results/ (SITE_BENCH_ARGS=--small, BENCH_ARGS="--articles 5000" for quick runs)
	$(PY) bench/monitoring_bench.py $(MONITORING_BENCH_ARGS)
	$(PY) bench/search_bench.py $(BENCH_ARGS)
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  dropdb -h 127.0.0.1 -U postgres --if-exists govportal_bench && createdb -h 127.0.0.1 -U postgres govportal_bench && \
	  $(PY) bench/search_bench.py --database-url $(BENCH_PG) $(BENCH_ARGS); \
	else echo "PostgreSQL not reachable on 127.0.0.1:5432: SQLite figures only"; fi
	$(PY) bench/search_quality.py
	$(PY) bench/search_quality.py --keep --cases bench/search_cases_heldout.toml
	$(PY) bench/search_quality.py --keep --cases bench/search_cases_qa_blind.toml
	$(PY) bench/search_quality.py --keep --cases bench/search_cases_qa_final.toml
	$(PY) bench/search_quality.py --keep --cases bench/search_cases_qa_third.toml
	$(PY) bench/search_quality.py --keep --cases bench/search_cases_qa_fourth.toml
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  dropdb -h 127.0.0.1 -U postgres --if-exists govportal_bench && createdb -h 127.0.0.1 -U postgres govportal_bench && \
	  $(PY) bench/search_quality.py --database-url $(BENCH_PG) && \
	  $(PY) bench/search_quality.py --database-url $(BENCH_PG) --keep --cases bench/search_cases_heldout.toml && \
	  $(PY) bench/search_quality.py --database-url $(BENCH_PG) --keep --cases bench/search_cases_qa_blind.toml && \
	  $(PY) bench/search_quality.py --database-url $(BENCH_PG) --keep --cases bench/search_cases_qa_final.toml && \
	  $(PY) bench/search_quality.py --database-url $(BENCH_PG) --keep --cases bench/search_cases_qa_third.toml && \
	  $(PY) bench/search_quality.py --database-url $(BENCH_PG) --keep --cases bench/search_cases_qa_fourth.toml; fi
	@# Cold pages against a static file in one run, and the share of cold answers during a publish burst.
	$(PY) bench/cold_bench.py $(COLD_BENCH_ARGS)
	@# Last, so that its summary quotes the monitoring and search figures just measured.
	$(PY) bench/site_bench.py $(SITE_BENCH_ARGS)

# The 3-site run first: the 200-site report sets its queries per page and per admin screen beside it.
bench-scale: install ## Provincial scale on PostgreSQL: 200 sites, 500,000 articles (SCALE_ARGS="--articles 100000" for a shorter build)
	$(PY) bench/scale_build.py --sites 3 --articles 3000 --database-url $(SCALE_PG)_3
	$(PY) bench/scale_bench.py --database-url $(SCALE_PG)_3
	$(PY) bench/scale_build.py --sites 200 $(SCALE_ARGS) --database-url $(SCALE_PG)
	$(PY) bench/scale_bench.py --database-url $(SCALE_PG)

soak: install ## 50 concurrent clients submit letters and requests to gunicorn on SQLite (and PostgreSQL if reachable); faults
	$(PY) bench/soak.py $(SOAK_ARGS)

clean: ## Remove the virtual environment, database and collected files
	rm -rf $(VENV) node_modules db.sqlite3* staticfiles media cache
