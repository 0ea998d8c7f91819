# Two commands do all the set-up on a fresh clone: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCKER := .cache/pip-tools

.PHONY: serve test build check translations render zensical browser tools lint clean publish-ids bench screenshots lock

# Every Python dependency at the exact version and hash in requirements.lock, then the project itself
# without dependencies (--require-hashes refuses an editable install, and needs nothing unpinned).
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

## Serve the site with live reload at http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Run the whole test suite (installs Chromium from Debian when it is missing and we may, and Lighthouse from npm).
## The `timing` tests (layout shifts on a throttled phone, a search worker's answer) run last, alone on the machine:
## beside the other xdist worker they measured its load, not the page. Between the two, the machine is given up to
## 60 s to settle (1-minute load average under 1.5): a clean-clone CI run once caught a 0.00015 shift on a throttled
## phone right after the suite, which passed three times in three alone.
test: $(STAMP) browser tools
	$(BIN)/python -m pytest -m "not timing"
	@for i in $$(seq 30); do awk '{ exit !($$1 > 1.5) }' /proc/loadavg || break; sleep 2; done
	$(BIN)/python -m pytest -m timing -n 0

## Build the static site into site/ (swapped in only when the build succeeds), for the address in SITE_URL
## (make build SITE_URL=https://example.org/), or, said explicitly, with relative links only (RELATIVE=1).
export SITE_URL
build: $(STAMP)
	@if [ -n "$$SITE_URL" ] && [ -n "$(RELATIVE)" ]; then \
	  echo "make build: give SITE_URL or RELATIVE=1, not both" >&2; exit 2; fi
	@if [ -z "$$SITE_URL" ] && [ -z "$(RELATIVE)" ]; then \
	  echo "make build: set SITE_URL to the address the site is published at (make build SITE_URL=https://example.org/)," >&2; \
	  echo "or say RELATIVE=1 for a site with relative links only (no absolute sitemap, canonical links or og:url)" >&2; exit 2; fi
	$(BIN)/python -m scripts build-site site

## Validate statement/ and list every problem
check: $(STAMP)
	$(BIN)/python -m scripts check

## List stale, missing and orphaned translations with the current English (re-stamp a checked entry:
## .venv/bin/python -m scripts translations --stamp ja points.<id>.summary)
translations: $(STAMP)
	$(BIN)/python -m scripts translations

## Write the complete site source (docs/, overrides/, mkdocs.yml without hooks) to build/site-source
render: $(STAMP)
	$(BIN)/python -m scripts render build/site-source

## Build the rendered site source with the pinned Zensical into build/site-source/site
zensical: render
	cd build/site-source && export SOURCE_DATE_EPOCH=$$(cat SOURCE_DATE_EPOCH) && ../../$(BIN)/zensical build --strict \
	  && for c in mkdocs.*.yml; do ../../$(BIN)/zensical build --strict -f $$c || exit 1; done

## Update requirements.lock after editing pyproject.toml (pip-tools; LOCK_FLAGS=--upgrade takes the newest allowed versions)
lock:
	$(PYTHON) -m venv $(LOCKER)
	$(LOCKER)/bin/python -m pip install --quiet pip-tools==7.6.2
	$(LOCKER)/bin/pip-compile --quiet $(LOCK_FLAGS) --generate-hashes --allow-unsafe --no-strip-extras --extra test \
	  --build-deps-for editable --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

browser:
	@sh scripts/ensure-browser.sh

## Lighthouse 12.2.3 and linkinator 7.6.1 into tools/node_modules (npm ci, exactly as package-lock.json pins them)
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
