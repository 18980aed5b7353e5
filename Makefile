# Two entry points for a fresh machine: `make demo` (the main job on the shipped examples) and
# `make test` (the whole suite). Both create or refresh the virtual environment in .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test venv bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/suasion run examples/articles --db out/demo.duckdb --report out/report.html

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/resolve_speed.py

clean:
	rm -rf out .pytest_cache .hypothesis
