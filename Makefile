# mews-wrapper: one command sets up everything it needs on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help venv tools generate check-generated lint test conformance spec-drift docs demo bench record clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

venv: $(STAMP) ## create .venv and install the project with its dev tools

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (or make PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

tools: ## install the servers the tests start themselves: Debian's redis-server (apt-get, as root or with sudo)
	@command -v redis-server >/dev/null 2>&1 || { \
	  sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $$sudo apt-get install -y -qq redis-server >/dev/null 2>&1 \
	    || { $$sudo apt-get update -qq && $$sudo apt-get install -y -qq redis-server >/dev/null; }; \
	  command -v redis-server >/dev/null 2>&1 || { echo "could not install redis-server (Debian: apt-get install redis-server)"; exit 1; }; }

generate: $(STAMP) ## regenerate generated/ from openapi.yaml
	VENV_BIN=$(BIN) scripts/generate.sh

check-generated: generate ## fail when generated/ differs from what openapi.yaml generates
	@git diff --exit-code --stat -- generated || { echo "generated/ is stale: run make generate and commit"; exit 1; }
	@untracked=$$(git status --porcelain --untracked-files=all -- generated); \
	  if [ -n "$$untracked" ]; then echo "$$untracked"; echo "generated/ has uncommitted files: run make generate and commit"; exit 1; fi

lint: $(STAMP) ## ruff on hand-written code, mypy --strict on mews_wrapper, mews_sandbox, mews_vouchers and mews_warehouse
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict mews_wrapper
	$(BIN)/mypy --strict mews_sandbox
	$(BIN)/mypy --strict mews_vouchers
	$(BIN)/mypy --strict mews_warehouse

test: tools check-generated lint ## prove generated/ is current, lint, run every test (cassettes replayed offline)
	$(BIN)/pytest --record-mode=none --block-network --allowed-hosts=127.0.0.1,localhost,::1

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make conformance needs Node.js and npm (Debian: apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

conformance: $(STAMP) node_modules/.installed ## Prism (proxy and mock), openapi-core and the matrices judge client, sandbox and spec
	$(BIN)/python scripts/conformance.py --out reports/conformance.json

spec-drift: $(STAMP) ## how openapi.yaml differs from Mews' own document (MEWS_SPEC=path-or-URL for a newer one)
	$(BIN)/python scripts/spec_drift.py

docs: $(STAMP) ## build the documentation site into docs/_build/html (warnings are errors)
	$(BIN)/sphinx-build -E -W --keep-going -q -b html docs docs/_build/html
	@echo "docs: docs/_build/html/index.html"

demo: $(STAMP) ## start the sandbox, run examples/quickstart.py against it, stop it
	$(BIN)/python scripts/demo.py

bench: $(STAMP) tools ## run the benchmarks and write their figures to reports/bench.json
	$(BIN)/python scripts/bench.py --out reports/bench.json

record: $(STAMP) ## re-record every cassette against a seeded sandbox (or MEWS_PLATFORM_URL)
	$(BIN)/python scripts/record.py

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) node_modules .mypy_cache .ruff_cache .pytest_cache .hypothesis docs/_build
