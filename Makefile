# Two commands set everything up on a fresh machine with Python 3.11:
#   make run   - install into .venv, then serve gRPC + Envoy on the embedded SQLite store
#   make test  - install into .venv, then run checks and the whole suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test check gen lint bench clean browser

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# Node packages for the TypeScript stub generator and the Node client (pure JS, lock file).
NODE_STAMP := clients/node/node_modules/.package-lock.json

$(NODE_STAMP): clients/node/package.json clients/node/package-lock.json
	npm ci --prefix clients/node --prefer-offline --no-audit --no-fund

install: $(STAMP) $(NODE_STAMP)

run: install
	$(BIN)/rolecall serve $(ARGS)

gen: $(STAMP) $(NODE_STAMP)
	PYTHON=$(BIN)/python bash scripts/generate.sh

lint: $(STAMP)
	$(BIN)/buf lint
	$(BIN)/buf format --diff --exit-code
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Regenerate and fail if generated/ changed, then lint and type-check.
check: gen
	git diff --exit-code -- generated/
	@test -z "$$(git status --porcelain -- generated/)" || (git status --porcelain -- generated/; echo "generated/ is stale: run make gen and commit"; exit 1)
	$(MAKE) lint

# Debian's Chromium and its driver for the status page test (tests/e2e/test_status_page.py);
# installed with apt when missing (CI runs as root). Never a browser download.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; }

test: check browser
	$(BIN)/envoy --version >/dev/null
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench $(if $(QUICK),--quick,)

clean:
	rm -rf $(VENV) data test-artifacts .pytest_cache .mypy_cache .ruff_cache
