# Two commands for a fresh clone: `make run` and `make test`.
# The virtual environment is created and filled on first use and refreshed
# whenever pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run console test test-fast lint format check bench soak clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Runs on Telegram when TELEGRAM_BOT_TOKEN is set (environment or .env),
# otherwise starts the local console.
run: $(STAMP)
	$(BIN)/skillbot run --console-if-no-token

console: $(STAMP)
	$(BIN)/skillbot console

# Everything: e2e (processes, loopback servers) and, with TEST_DATABASE_URL, PostgreSQL.
test: $(STAMP)
	$(BIN)/pytest

# The in-process tests on SQLite only, for the edit-test loop.
test-fast: $(STAMP)
	$(BIN)/pytest -m "not e2e and not postgres"

# Style, types, and the layering of docs/architecture.md.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict bot
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(STAMP)
	$(BIN)/skillbot check skills

bench: $(STAMP)
	$(BIN)/python bench/vault_load.py
	$(BIN)/python bench/practice_step.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/nudge_dispatch.py

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
