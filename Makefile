# One front door. `make demo` sets up and runs the main job on the example data;
# `make test` sets up and runs lint, types, import rules and the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench templates example-data clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	$(BIN)/python -m flows.template  # Prefect's migrated empty database (flows/template.py)
	touch $@

demo: $(VENV)/.installed
	$(BIN)/parthe-reports run

lint: $(VENV)/.installed
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Both cores: one pytest worker per core (pytest-xdist); a test file stays on one worker so
# its module fixtures (Prefect harness, the cached runs) are built once. Each worker has
# its own Prefect home (tests/conftest.py).
test: lint
	$(BIN)/pytest -n auto --dist loadfile

bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks

templates: $(VENV)/.installed
	$(BIN)/parthe-reports templates

example-data: $(VENV)/.installed
	$(BIN)/parthe-reports demo-data --out inputs

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
