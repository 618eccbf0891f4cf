# The two commands of README.md:
#   make book   -> builds the HTML (_build/html/) and the PDF (_build/pdf/unsigned.pdf) from clean
#   make test   -> lints, builds the book from clean as `make book` does, then runs every test on it
# and one for authors:
#   make unit   -> the tests that need no build (data, validator, renderer, helpers), under a minute
#   make lab    -> JupyterLab (its own environment, .venv-lab) with the chapters as notebooks
#   make lint   -> ruff check and ruff format --check on src/, tests/, scripts/ and lab/, and ruff check on the
#                  chapters' code cells (scripts/lint_chapters.py); make test runs it first
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
JB      := $(BIN)/jb
PDF     := _build/pdf/unsigned.pdf
JBFLAGS := -n -W --keep-going   # as scripts/build.py passes them
# Reproducible output: every date the build writes (PDF metadata, LaTeX's \today) is the date of the
# last commit, or a fixed date outside git.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1764547200)
export SOURCE_DATE_EPOCH

LAB     := .venv-lab

.PHONY: book html pdf test unit lint lab deps test-deps system-deps system-deps-test clean serve

# Debian packages first (Python's venv module, TeX, fonts, Chromium), then the virtual environment.
system-deps:
	@PY=$(PY) bash scripts/system-deps.sh book

system-deps-test:
	@PY=$(PY) bash scripts/system-deps.sh test

$(VENV)/.installed: requirements.txt pyproject.toml | system-deps
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

# tools/ (npm): the plotly.js basic bundle served to readers, and the browser checks of the tests.
# `make book` uses it when npm is there (else the site serves plotly.py's full bundle); `make test` needs it.
tools/node_modules/.installed: tools/package.json tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: system-deps $(VENV)/.installed
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory tools/node_modules/.installed; \
	else echo "npm not found: the site will serve the full plotly.js bundle (install nodejs npm for the basic one)"; fi

# JupyterLab in its own environment; its "python3" kernel is the book's .venv (scripts/lab_env.py).
$(LAB)/.installed: requirements-lab.txt scripts/lab_env.py | system-deps
	$(PY) -m venv $(LAB)
	$(LAB)/bin/pip install -q --upgrade pip
	$(LAB)/bin/pip install -q -r requirements-lab.txt
	$(LAB)/bin/python scripts/lab_env.py
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install -q -r requirements-test.txt
	touch $@

test-deps: system-deps-test $(VENV)/.installed $(VENV)/.test-installed tools/node_modules/.installed $(LAB)/.installed

book: deps clean html pdf

# Built in _build/.work/ (caches and executed notebooks kept there, so rebuilds are incremental) and
# published into _build/html/ and _build/pdf/ only when the strict build succeeds: a failed build keeps
# the last good site and names the notebook, cell and error that stopped it (scripts/build.py).
html:
	$(BIN)/python scripts/build.py html

pdf:
	$(BIN)/python scripts/build.py pdf

# ruff first (seconds): the code the book is built and tested with is linted and formatted; then the
# book is built exactly as `make book` builds it while the unit tests, which need no build, use the
# core the build leaves idle; then pytest reads what it built (scripts/test.py, tests/conftest.py)
test: test-deps lint
	$(BIN)/python scripts/test.py

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests scripts lab
	$(BIN)/ruff format --check src tests scripts lab
	$(BIN)/python scripts/lint_chapters.py

unit: $(VENV)/.test-installed
	$(BIN)/pytest -q tests/unit

lab: $(VENV)/.installed $(LAB)/.installed
	$(LAB)/bin/jupyter lab --notebook-dir=. $(if $(filter 0,$(shell id -u)),--allow-root) chapters/history.md

clean:
	rm -rf _build

serve:
	cd _build/html && $(abspath $(BIN))/python -m http.server 8000
