# The two commands of README.md:
#   make book   -> builds the HTML (_build/html/) and the PDF (_build/pdf/unsigned.pdf) from clean
#   make test   -> builds the book from clean with forced execution and runs every test
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
JB      := $(BIN)/jb
PDF     := _build/pdf/unsigned.pdf
JBFLAGS := -n -W --keep-going

.PHONY: book html pdf test deps clean serve

deps: $(VENV)/.installed tools/node_modules/.installed
	@bash scripts/system-deps.sh

tools/node_modules/.installed: tools/package.json tools/package-lock.json
	cd tools && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

book: deps clean html pdf

html:
	$(JB) build . --builder html $(JBFLAGS)

pdf:
	$(JB) build . --builder pdflatex $(JBFLAGS)
	mkdir -p _build/pdf
	cp _build/latex/book.pdf $(PDF)
	cp _build/latex/book.pdf _build/html/unsigned.pdf

test: deps
	$(BIN)/pytest -q

clean:
	rm -rf _build

serve:
	cd _build/html && $(abspath $(BIN))/python -m http.server 8000
