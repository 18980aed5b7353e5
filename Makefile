# Two entry points for a fresh machine: `make demo` (the main job on the shipped examples) and
# `make test` (the whole suite). Both create or refresh the virtual environment in .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test browser venv bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/suasion run examples/articles --db out/demo.duckdb --report out/report.html

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# The dashboard's browser tests drive Debian's chromium (never a downloaded browser build); they
# skip, saying why, when it is missing and cannot be installed here.
# PNG charts use the system cairo library (present on this kind of machine; installed if missing).
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
			|| echo "chromium could not be installed: the browser tests will be skipped"; fi
	@if ! ldconfig -p 2>/dev/null | grep -q libcairo.so.2 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && apt-get install -y -qq libcairo2 >/dev/null) \
			|| echo "libcairo2 could not be installed: PNG charts will not work"; fi

bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/resolve_speed.py
	$(BIN)/python bench/cluster_speed.py
	$(BIN)/python bench/indicators_speed.py
	$(BIN)/python bench/report_speed.py
	$(BIN)/python bench/serve_speed.py

clean:
	rm -rf out .pytest_cache .hypothesis
