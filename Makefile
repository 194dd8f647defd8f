# The two commands a newcomer needs (see README.md):
#   make demo   installs everything and serves the portal with demo data on SQLite
#   make test   installs everything and runs the whole test suite
# Both are idempotent: each step runs again only when what it depends on has changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make
HOST ?= 127.0.0.1
PORT ?= 5000

# Debian packages: pango for WeasyPrint's PDFs, Noto fonts for every script the guides
# use (Arabic and Urdu included), Node.js to build the front end, Chromium and poppler
# for the browser tests and for looking at PDFs.
SYSTEM_PACKAGES_RUN := libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core fonts-dejavu-core
SYSTEM_PACKAGES_TEST := chromium poppler-utils

.PHONY: demo test bench setup system-packages system-packages-test lint translations assets clean

# The demo commands refuse unless PORTAL_ENV says development or test: an unset PORTAL_ENV
# means production. `make demo` declares development, unless PORTAL_ENV is already set
# (PORTAL_ENV=production in the shell still refuses).
demo: setup
	PORTAL_ENV="$${PORTAL_ENV:-development}" $(BIN)/portal demo --host $(HOST) --port $(PORT)

test: setup system-packages-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The benchmark (bench/run.py): SQLite, then a throwaway PostgreSQL database on
# 127.0.0.1:5432, in about 5 minutes; prints Markdown and writes bench/results/. wrk is
# Debian's HTTP load generator. Shorter: make bench BENCH_ARGS="--database sqlite --seconds 3"
# The capacity run instead (Locust, about 6 to 10 minutes): make bench BENCH_ARGS="--capacity"
bench: setup
	@SYSTEM_PACKAGES="wrk" sh .ci/system-packages
	$(BIN)/python -m bench.run $(BENCH_ARGS)

setup: system-packages $(STAMPS)/python $(STAMPS)/node assets translations

system-packages:
	@SYSTEM_PACKAGES="$(SYSTEM_PACKAGES_RUN)" sh .ci/system-packages
	@# Node.js may come from elsewhere than Debian (with its own npm): only the commands matter.
	@command -v npm >/dev/null 2>&1 || SYSTEM_PACKAGES="nodejs npm" sh .ci/system-packages

system-packages-test:
	@SYSTEM_PACKAGES="$(SYSTEM_PACKAGES_TEST)" sh .ci/system-packages

$(STAMPS)/python: pyproject.toml
	@mkdir -p $(STAMPS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

$(STAMPS)/node: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: $(STAMPS)/python $(STAMPS)/node
	@if [ ! -f portal/static/dist/manifest.json ] || [ -n "$$(find portal/static/src -newer portal/static/dist/manifest.json)" ]; then \
		$(BIN)/portal assets build; fi

translations: $(STAMPS)/python
	$(BIN)/portal translations compile

clean:
	rm -rf $(VENV) node_modules $(STAMPS) portal/static/dist easyread/build instance
