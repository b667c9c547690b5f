# Every target sets up what it needs: a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test content-lint lint bench setup assets extract update-catalogs compile-catalogs init-locale \
	catalog-stats content-status content-check content-review clean

setup: $(VENV)/.installed assets compile-catalogs

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# puppeteer-core (the Firefox tests) drives Debian's firefox-esr: no browser is downloaded.
node_modules/.package-lock.json: export PUPPETEER_SKIP_DOWNLOAD := 1
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# htmx is pinned in package-lock.json and copied into static/vendor/ (git-ignored).
static/vendor/htmx.min.js: node_modules/.package-lock.json
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@

# gzip and brotli copies of every text file in static/, made once here, served by WhiteNoise (git-ignored).
.stamp-compressed: static/vendor/htmx.min.js $(shell find static -type f ! -name '*.gz' ! -name '*.br') $(VENV)/.installed
	$(BIN)/python -m whitenoise.compress static
	touch $@

assets: static/vendor/htmx.min.js .stamp-compressed

# The same server and private access log as in production. --reload restarts it when the code changes, and when
# anything under the campaign's directory does (content is rendered once, at start-up): the pattern is expanded
# again every second, and a folder's own time changes when a file in it is added, removed or renamed, so new
# files count too. A mistake in content stops it, naming the file and line: fix it and run `make run` again.
# The canonical and share links follow PORT here (unless CAMPAIGN_BASE_URL is given): nowhere else.
PORT ?= 5000
CAMPAIGN_CONTENT_DIR ?= content
run: export CAMPAIGN_BASE_URL ?= http://127.0.0.1:$(PORT)
run: setup
	$(BIN)/gunicorn --no-control-socket --reload --reload-extra-file '$(CAMPAIGN_CONTENT_DIR)/**' \
		--bind 127.0.0.1:$(PORT) wsgi:app

lint: $(VENV)/.installed
	$(BIN)/ruff check campaign tests wsgi.py gunicorn.conf.py

# The engine's tests, then the default campaign's editorial checks, each reported on its own; both run even when
# the first fails, and either failing fails the target.
test: setup lint
	@status=0; $(BIN)/pytest -m "not content" || status=1; \
	echo "--- the default campaign's content (make content-lint): failures here are the campaign editor's ---"; \
	$(BIN)/pytest -m content || status=1; exit $$status

content-lint: setup
	$(BIN)/pytest -m content

bench: setup
	$(BIN)/python -m tests.bench

# --- translations (see README, "For translators") ---
extract: $(VENV)/.installed
	$(BIN)/flask --app wsgi translate extract

update-catalogs: $(VENV)/.installed
	$(BIN)/flask --app wsgi translate update

compile-catalogs: $(VENV)/.installed
	$(BIN)/flask --app wsgi translate compile

init-locale: $(VENV)/.installed
	@test -n "$(LOCALE)" || (echo "usage: make init-locale LOCALE=uz" && exit 2)
	$(BIN)/flask --app wsgi translate init $(LOCALE)

catalog-stats: $(VENV)/.installed
	$(BIN)/flask --app wsgi translate stats

# --- a campaign (see README, "For content editors") ---
# Each reads the campaign in DIR, else CAMPAIGN_CONTENT_DIR, else content/, and says first which one it reads:
# `make content-check DIR=../my-campaign`, `make content-review DIR=../my-campaign OUT=review.html`.
OUT ?= review.html
content-status: $(VENV)/.installed
	$(BIN)/flask --app wsgi content status $(DIR)

content-check: setup
	$(BIN)/flask --app wsgi content check $(DIR)

content-review: setup
	$(BIN)/flask --app wsgi content review $(DIR) $(OUT)

clean:
	rm -rf $(VENV) node_modules static/vendor translations/*/LC_MESSAGES/*.mo
