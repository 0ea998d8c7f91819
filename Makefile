# Two commands do all the set-up on a fresh clone: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check render browser tools lint clean publish-ids bench screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## Serve the site with live reload at http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Run the whole test suite (installs Chromium from Debian when it is missing and we may, and Lighthouse from npm)
test: $(STAMP) browser tools
	$(BIN)/python -m pytest

## Build the static site into site/ (swapped in only when the build succeeds)
build: $(STAMP)
	$(BIN)/python -m scripts build-site site

## Validate statement/ and list every problem
check: $(STAMP)
	$(BIN)/python -m scripts check

## Write the rendered Markdown to build/markdown (for review; never committed)
render: $(STAMP)
	$(BIN)/python -m scripts render build/markdown

browser:
	@sh scripts/ensure-browser.sh

## Lighthouse 12.2.3 into tools/node_modules (npm ci, exactly as package-lock.json pins it)
tools:
	@sh tools/ensure.sh

## Benchmark against a stock Material site (prints a Markdown table; takes a few minutes)
bench: $(STAMP) browser tools
	$(BIN)/python benchmarks/bench.py

## Screenshots (desktop light/dark, 390 px mobile, print) into screenshots/
screenshots: $(STAMP) browser
	$(BIN)/python benchmarks/screenshots.py

lint: $(STAMP)
	$(BIN)/ruff check scripts tests benchmarks

clean:
	rm -rf site build .pytest_cache .cache/jinja .site.staging-* .site.replaced-* .site.output-lock

## Register every current commitment ID as published (append-only; run after adding a commitment)
publish-ids: $(STAMP)
	$(BIN)/python -m scripts publish-ids
