# Two commands for a new user: `make build` and `make test`.
# Both create ./.venv on first use; nothing is installed outside it except,
# for the tests, Debian's chromium and poppler-utils (see scripts/system-deps)
# and the npm test clients in package.json (into ./node_modules).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: build test lint serve bench test-scale clean

$(BIN)/brief: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/brief package-lock.json
	$(BIN)/pip install --quiet -e '.[test]'
	scripts/system-deps
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

build: $(BIN)/brief
	$(BIN)/brief build

serve: $(BIN)/brief
	$(BIN)/brief serve

lint: $(VENV)/.test-deps
	$(BIN)/ruff check briefkit tests benchmarks
	$(BIN)/ruff format --check briefkit tests benchmarks
	$(BIN)/mypy

# Two pytest workers, one test file each at a time (module fixtures stay in one process):
# most tests wait on MkDocs, WeasyPrint, Chromium or git, so two cores keep both busy.
PYTEST_WORKERS ?= 2

test: lint
	$(BIN)/pytest -q -m "not slow" -n $(PYTEST_WORKERS) --dist loadfile

test-scale: $(VENV)/.test-deps
	$(BIN)/pytest -q -m slow

# A few minutes: every step at N=200, PDF steps on the first 20 briefs. Full runs: benchmarks/RESULTS.md.
bench: $(BIN)/brief
	$(BIN)/python benchmarks/run.py --sizes 200 --pdf-sample 20

clean:
	rm -rf build
