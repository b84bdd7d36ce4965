# Two commands do everything: `make serve` to preview, `make test` to check.
# A line starting with "## " describes the target below it; `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The W3C Nu HTML checker for tests/owner_site/test_valid_html.py, at the version pinned in tests/html-checker/.
HTML_CHECKER := .cache/html-checker
VNU_JAR := $(HTML_CHECKER)/node_modules/vnu-jar/build/dist/vnu.jar
# Lighthouse for `make lighthouse`, at the version pinned in scripts/lighthouse/.
LIGHTHOUSE_DIR := .cache/lighthouse
LIGHTHOUSE := $(LIGHTHOUSE_DIR)/node_modules/.bin/lighthouse
export NO_MKDOCS_2_WARNING := 1
# Every package pinned with its hashes (pip and setuptools too), so `pip install --require-hashes` accepts the file.
PIP_COMPILE := --allow-unsafe --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links

.DEFAULT_GOAL := help
.PHONY: help serve test lint build deploy import-bib citations new-owner upgrade-template bench lighthouse fuzz upgrade clean

## List the targets, one line each.
help:
	@awk '/^## /{text=substr($$0, 4); next} /^[a-z-]+:/{if (text) printf "  make %-12s %s\n", substr($$1, 1, length($$1)-1), text; text=""}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --requirement requirements.txt
	touch $(STAMP)

## Preview the site at http://127.0.0.1:8000; it reloads on every save and shows data errors in the browser.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

## Run the lint checks, then the whole test suite (installs everything on first use).
test: lint $(STAMP) $(VNU_JAR)
	$(BIN)/python -m pytest

## Lint, format and type checks: ruff check, ruff format --check and mypy, with pyproject.toml's settings.
lint: $(STAMP)
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/mypy

# Without npm the HTML test is skipped with a message (and fails under CI). `--ignore-scripts`: the package's
# install script would download a Java runtime; the system's Java runs the checker.
$(VNU_JAR): tests/html-checker/package.json tests/html-checker/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  mkdir -p $(HTML_CHECKER) && cp $^ $(HTML_CHECKER)/ && \
	  npm ci --prefix $(HTML_CHECKER) --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is not installed: the HTML validity test will be skipped"; fi

## Build the site into site/, strictly: any warning or data error stops it.
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## Publish to the gh-pages branch of origin (GitHub Actions normally does this; see .github/workflows/deploy.yml).
deploy: $(STAMP)
	$(BIN)/mkdocs gh-deploy --strict --force

## Add the papers of a BibTeX file to data/publications.yml: make import-bib BIB=file.bib (DRY_RUN=1 only shows them, KEEP_KEYS=1 keeps the file's keys, UPDATE=1 fills what known papers lack).
import-bib: $(STAMP)
	@test -n "$(BIB)" || { echo "Give the BibTeX file: make import-bib BIB=path/to/file.bib"; exit 2; }
	$(BIN)/python -m scripts.bib_import $(if $(DRY_RUN),--dry-run) $(if $(KEEP_KEYS),--keep-keys) $(if $(UPDATE),--update) $(if $(PDF_DIR),--pdf-dir "$(PDF_DIR)") "$(BIB)"

## Refresh data/citations.yml with each paper's citation count from OpenAlex (DRY_RUN=1 only shows the changes); a failed look-up keeps the old count.
citations: $(STAMP)
	$(BIN)/python -m scripts.citation_counts $(if $(DRY_RUN),--dry-run)

## Turn this fork into a blank site for someone else: make new-owner NAME="Ada Lovelace" SITE_URL=https://ada.example.org/ (needs a clean git tree).
# NAME from the command line only: some systems (WSL) set NAME in the environment to the computer's name.
# The values reach the script through the environment ("$$NAME"), so quotes and spaces in a name reach it as typed.
new-owner: $(STAMP)
	@test "$(origin NAME)" = "command line" || { echo 'Give the new owner: make new-owner NAME="Ada Lovelace" SITE_URL=https://ada.example.org/'; exit 2; }
	$(BIN)/python -m scripts.new_owner --name "$$NAME" --site-url "$$SITE_URL"

## Take a newer release of the template: make upgrade-template FROM=<git URL or path> REF=<tag> (defaults: template.yml's repository, its newest version tag); needs a clean git tree.
# FROM and REF reach the script through the environment ("$$FROM"), as typed; an empty one means its default.
upgrade-template: $(STAMP)
	$(BIN)/python -m scripts.upgrade_template --from "$$FROM" --ref "$$REF"

## Time cold and warm builds at 1x/10x/100x data against plain Material with the same pages, peak memory, preview latency, the home page's weight; writes test-artifacts/bench/.
bench: $(STAMP)
	$(BIN)/python -m scripts.bench

## Lighthouse (mobile) on every page, 3 runs each: scores, FCP, requests and bytes in test-artifacts/lighthouse/ (RUNS=1 is quicker; CPU_SLOWDOWN=4 skips calibrating).
lighthouse: $(STAMP) $(LIGHTHOUSE)
	$(BIN)/python -m scripts.lighthouse_report $(if $(RUNS),--runs $(RUNS)) $(if $(CPU_SLOWDOWN),--cpu-slowdown $(CPU_SLOWDOWN))

# `--ignore-scripts`: Lighthouse needs none of its packages' install scripts; Debian's Chromium runs it.
$(LIGHTHOUSE): scripts/lighthouse/package.json scripts/lighthouse/package-lock.json
	mkdir -p $(LIGHTHOUSE_DIR) && cp $^ $(LIGHTHOUSE_DIR)/
	npm ci --prefix $(LIGHTHOUSE_DIR) --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@

## Fuzz the data: many random texts in every text field (make test runs a few fixed ones).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/machinery/test_fuzzed_data.py

## Re-pin every dependency to its newest allowed version, with hashes (edit requirements.in to change what is allowed).
upgrade: $(STAMP)
	$(BIN)/pip-compile --quiet --upgrade $(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --upgrade $(PIP_COMPILE) --output-file requirements-properdocs.txt requirements-properdocs.in

## Remove the built site and test caches.
clean:
	rm -rf site .pytest_cache
