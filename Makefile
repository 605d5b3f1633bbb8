# Two commands for a fresh clone: `make run` and `make test`.
# The virtual environment is created on first use and filled from uv.lock (exact
# versions with hashes); it is refreshed whenever pyproject.toml or uv.lock changes.
# After changing a dependency in pyproject.toml, run `make lock`.

# The newest Python 3.12 or 3.13 on PATH or installed under pyenv, else python3: from 3.12
# on, coverage measures through sys.monitoring, and `make test` takes about a third less
# time (docs/benchmarks.md). CI runs 3.11 too. Each candidate on PATH is run once to check
# it works: pyenv keeps a shim for versions it has but has not selected.
PYENV_ROOT ?= $(HOME)/.pyenv
NEWEST_ON_PATH := $(firstword $(foreach v,3.13 3.12,$(shell python$(v) -c '' >/dev/null 2>&1 && echo python$(v))))
NEWEST_IN_PYENV := $(lastword $(sort $(wildcard $(PYENV_ROOT)/versions/3.1[23].*/bin/python3.1[23])))
PYTHON ?= $(firstword $(NEWEST_ON_PATH) $(NEWEST_IN_PYENV) python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
UV := $(BIN)/uv
# uv installs into $(VENV) with its interpreter, and never downloads a Python of its own.
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
STALE_LOCK := uv.lock does not match pyproject.toml: run make lock

.PHONY: run console test test-fast lint lock format check bench soak clean \
	i18n-extract i18n-update i18n-compile i18n-check

# uv itself comes first, from its own hashed requirements file.
$(UV):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r tools/uv-requirements.txt

$(STAMP): pyproject.toml uv.lock tools/uv-requirements.txt | $(UV)
	@$(UV) lock --check --quiet || { echo "$(STALE_LOCK)" >&2; exit 1; }
	$(UV) sync --locked --quiet
	touch $(STAMP)

# Pin what pyproject.toml declares (new or changed dependencies); the pins of the
# rest stay. `make lock UPGRADE=1` moves everything to the newest allowed versions.
lock: | $(UV)
	$(UV) lock $(if $(UPGRADE),--upgrade)
	$(UV) export --frozen --only-group uv --no-emit-project --no-header \
		--output-file tools/uv-requirements.txt --quiet

# Runs on Telegram when TELEGRAM_BOT_TOKEN is set (environment or .env),
# otherwise starts the local console.
run: $(STAMP)
	$(BIN)/skillbot run --console-if-no-token

console: $(STAMP)
	$(BIN)/skillbot console

# Tests run in JOBS worker processes (pytest-xdist; `auto`: one per CPU, `make test
# JOBS=0` runs them in this one). Work stealing, because a few end-to-end tests take
# seconds where most take milliseconds; tests/conftest.py spreads those through the
# collection, so each worker's share of it holds some of them.
JOBS ?= auto
PARALLEL := -n $(JOBS) --dist worksteal

# Everything: e2e (processes, loopback servers) and, with TEST_DATABASE_URL, PostgreSQL.
# The coverage of bot/ is reported at the end.
# sys.monitoring (Python 3.12+) leaves code outside bot/ untraced; 3.11 has the C tracer.
COVERAGE_CORE_OF_VENV = $$($(BIN)/python -c 'import sys; print("sysmon" if sys.version_info >= (3, 12) else "ctrace")')
# Tests write bytecode even where the environment says not to (PYTHONDONTWRITEBYTECODE,
# set on some CI machines): without it, each run rewrites every test module's asserts
# again, and each bot process the end-to-end tests start compiles bot/ and its
# libraries from source. An empty value turns the setting off (docs/benchmarks.md).
WRITE_BYTECODE := PYTHONDONTWRITEBYTECODE=

test: $(STAMP)
	$(WRITE_BYTECODE) COVERAGE_CORE=$(COVERAGE_CORE_OF_VENV) $(BIN)/pytest $(PARALLEL) --cov

# The in-process tests on SQLite only, for the edit-test loop.
test-fast: $(STAMP)
	$(WRITE_BYTECODE) $(BIN)/pytest $(PARALLEL) -m "not e2e and not postgres"

# Style, types, and the layering of docs/architecture.md.
lint: $(STAMP)
	@$(UV) lock --check --quiet || { echo "$(STALE_LOCK)" >&2; exit 1; }
	$(BIN)/deptry .
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict bot
	$(BIN)/lint-imports
	$(BIN)/python -m testkit.catalogues

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Translations (docs/translating.md). Messages are extracted from bot/texts into the
# template, merged into each language's .po, and compiled to the .mo files the bot reads.
# The .mo files are committed: a fresh clone, the tests and the wheel need no build step,
# and i18n-check (in lint) fails when a .mo is not what its .po compiles to.
LOCALES := bot/texts/locales
POT := $(LOCALES)/skillbot.pot

i18n-extract: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output \
		--add-comments=Translators: --project=skillbot --copyright-holder=skillbot \
		--msgid-bugs-address="" -o $(POT) .

i18n-update: i18n-extract
	$(BIN)/pybabel update -i $(POT) -d $(LOCALES) -D skillbot --ignore-obsolete --no-wrap

i18n-compile: $(STAMP)
	$(BIN)/pybabel compile -d $(LOCALES) -D skillbot --statistics

# Every message translated in every language, no placeholder or tag lost, .mo current.
i18n-check: $(STAMP)
	$(BIN)/python -m testkit.catalogues

check: $(STAMP)
	$(BIN)/skillbot check skills

# The dispatcher's memory is measured on 10,000 due nudges: it is bounded by the claim
# batch, not by the number due (100,000 gave the same peak: docs/benchmarks.md), and
# 100,000 under tracemalloc takes many minutes.
bench: $(STAMP)
	$(BIN)/python bench/vault_load.py
	$(BIN)/python bench/practice_step.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/nudge_dispatch.py
	$(BIN)/python bench/nudge_dispatch.py --idle
	$(BIN)/python bench/nudge_dispatch.py --on-time
	$(BIN)/python bench/nudge_dispatch.py --memory --people 10000

# The long reliability runs; figures go in docs/reliability.md.
soak: $(STAMP)
	$(BIN)/python bench/fuzz_conversations.py --people 50 --steps 200
	$(BIN)/python bench/fuzz_conversations.py --people 20 --steps 100 --faults 0.1
	$(BIN)/python bench/crash_safety.py --kills 100
	$(BIN)/python bench/crash_safety.py --backlog 100 --people 300
	$(BIN)/python bench/load.py --people 1000
	$(BIN)/python bench/partition.py --people 30 --seconds 40

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
