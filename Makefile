# Two commands do everything: `make serve` to preview, `make test` to check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --requirement requirements.txt
	touch $(STAMP)

# PORTFOLIO_LIVE_PREVIEW makes a data error show in the browser even when it is there from the start.
serve: $(STAMP)
	PORTFOLIO_LIVE_PREVIEW=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf site .pytest_cache

.PHONY: deploy bench

# Publish to the gh-pages branch of `origin` (GitHub Actions normally does this; see .github/workflows/deploy.yml).
deploy: $(STAMP)
	$(BIN)/mkdocs gh-deploy --strict --force

# Cold and warm build times at 1x/10x/100x data, the PDF and the cards alone, and the home page's weight; writes test-artifacts/bench/.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py
