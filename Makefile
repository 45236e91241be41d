# Hoso: `make run` starts the archive, `make test` runs every test. Both install what is missing.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages: libmagic (type detection), Tesseract with Vietnamese and English (OCR),
# antiword (DOC text), fonts for generated test documents, Chromium for browser tests,
# PostgreSQL for the tests that run the catalog and search on it, Redis for the job queue of
# the cluster test.
DEB_PACKAGES := libmagic1 tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng antiword \
	fonts-dejavu-core chromium postgresql redis-server

.PHONY: run test check bench lint system-deps clean translations fuzz

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || $(MAKE) --no-print-directory apt APT="python3-venv"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	@touch $(STAMP)

system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then $(MAKE) --no-print-directory apt APT="$$missing"; fi

apt:
	@echo "Cài gói Debian:$(APT)"
	@SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(APT)

run: system-deps $(STAMP)
	$(BIN)/hoso serve --host 127.0.0.1 --port 8000

# -rs: the summary names every skipped test and why.
test: system-deps $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -rs

# The edit-test loop: lint and the tests not marked slow.
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -rs -m "not slow" -q

# The standing attack suite's fuzzing, with many more examples than in `make test`:
# the Hypothesis properties, then Schemathesis against a live server.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -p no:cacheprovider tests/security -m fuzz
	FUZZ_EXAMPLES=300 $(BIN)/python -m pytest -q -p no:cacheprovider tests/security/test_api_schema.py

bench: system-deps $(STAMP)
	$(BIN)/python bench/ingest_search.py
	$(BIN)/python bench/bulk_import.py

# Web messages: extract the keys from code and templates, update the Vietnamese and English
# catalogs (a new key arrives untranslated, and tests/web/test_translations.py fails until
# both catalogs give its text), compile the .mo files the app reads (committed).
BABEL_KEYWORDS := --no-default-keywords -k t -k tn:1,2 -k N_
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --no-location --sort-output \
	  --project=Hoso -o web/translations/messages.pot .
	$(BIN)/pybabel update -i web/translations/messages.pot -d web/translations \
	  --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d web/translations --statistics

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

clean:
	rm -rf $(VENV) hoso-data .pytest_cache
