# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test venv clean docs bench

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	rm -rf demo
	$(BIN)/python -m keluhan.demo demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Not part of make test: figures, not assertions (docs/benchmark.md). Start-up only;
# the 1M-complaint runs are listed in docs/benchmark.md.
bench: $(STAMP)
	$(BIN)/python bench/mulai.py

docs: $(STAMP)
	$(BIN)/python -m keluhan.dokumen
	$(BIN)/python -m keluhan.skema

clean:
	rm -rf $(VENV) demo build dist
