# Noticeboard — every command sets up what it needs first (idempotent, from requirements.lock).
#   make serve   set up and serve the demo site on http://127.0.0.1:8000/
#   make test    set up everything and run every test
#   make test-fast  only the quick tests (no browser, PDF, validator or site build), under a minute
#   make build   build the site into site/
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
# The first Python 3.11+ that actually runs (pyenv shims of absent versions exist but fail).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup system-deps test-tools serve build build-offline test test-fast bench lint validate demo schema lock clean

$(STAMP): requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "需要 Python 3.11 或更高版本 / Python 3.11+ is required"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

# The same commands without make (Windows): python -m noticeboard serve | build [--offline].
serve: setup
	$(BIN)/python -m noticeboard serve $(if $(DEV_ADDR),--dev-addr $(DEV_ADDR))

build: setup
	$(BIN)/python -m noticeboard build

# A copy that works from a folder or USB stick (file://), search included: site-offline/.
build-offline: setup
	$(BIN)/python -m noticeboard build --offline

validate: setup
	$(BIN)/python -m noticeboard validate data

# Browser tests need Chromium and Chinese fonts, the export test LibreOffice Calc, the git
# workflow tests git, the HTML validator Java and the test tools Node.js with npm. Only the
# missing ones are installed (Debian packages, apt-get); a tool already present from elsewhere
# (NodeSource's Node.js, another Chromium, fonts by hand) is used. Without apt-get or sudo the
# script says what to install and stops. See tools/system_deps.py (--dry-run shows the plan).
system-deps:
	@test -n "$(PYTHON)" || { echo "需要 Python 3.11 或更高版本 / Python 3.11+ is required"; exit 1; }
	@$(PYTHON) tools/system_deps.py

# Test tools from npm, pinned in package-lock.json: the W3C Nu HTML validator and axe-core.
# (--ignore-scripts: the validator's installer would fetch a Java runtime; the installed one is used.)
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

test-tools: system-deps node_modules/.package-lock.json

test: setup system-deps test-tools lint
	$(BIN)/python -m pytest

# Everything but the browser, PDF, validator and full-build tests (marked slow): under a minute.
test-fast: setup lint
	$(BIN)/python -m pytest -m "not slow"

# Build speed figures (printed, not asserted): the demo, a county, plain Material.
bench: setup
	$(BIN)/python tests/benchmarks/build_benchmark.py

lint: setup
	$(BIN)/ruff check src hooks tests tools
	$(BIN)/ruff format --check src hooks tests tools
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# Regenerate the demo township and the JSON Schemas (both are committed; tests check they are current).
demo: setup
	rm -rf data && $(BIN)/python -m noticeboard demo --out data

schema: setup
	$(BIN)/python -m noticeboard schema

# Re-resolve the pinned versions from pyproject.toml in a clean environment.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e '.[dev]'
	.lock-venv/bin/pip freeze --all --exclude-editable | grep -v '^pip==' > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
