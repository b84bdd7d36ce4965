# Two commands do everything: `make serve` to preview, `make test` to check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The W3C Nu HTML checker for tests/owner_site/test_valid_html.py, at the version pinned in tests/html-checker/.
HTML_CHECKER := .cache/html-checker
VNU_JAR := $(HTML_CHECKER)/node_modules/vnu-jar/build/dist/vnu.jar
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

test: $(STAMP) $(VNU_JAR)
	$(BIN)/python -m pytest

# Without npm the HTML test is skipped with a message (and fails under CI). `--ignore-scripts`: the package's
# install script would download a Java runtime; the system's Java runs the checker.
$(VNU_JAR): tests/html-checker/package.json tests/html-checker/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  mkdir -p $(HTML_CHECKER) && cp $^ $(HTML_CHECKER)/ && \
	  npm ci --prefix $(HTML_CHECKER) --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is not installed: the HTML validity test will be skipped"; fi

clean:
	rm -rf site .pytest_cache

.PHONY: deploy bench

# Publish to the gh-pages branch of `origin` (GitHub Actions normally does this; see .github/workflows/deploy.yml).
deploy: $(STAMP)
	$(BIN)/mkdocs gh-deploy --strict --force

# Build times at 1x/10x/100x data and the home page's weight; writes test-artifacts/bench/.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py
