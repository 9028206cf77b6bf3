# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test venv clean docs bench gambar

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,pdf]'
	touch $(STAMP)

demo: $(STAMP)
	rm -rf demo
	$(BIN)/python -m keluhan.demo demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Issues 7 and 17's benchmarks (not part of `make test`; an hour or more at 1M, most of it
# building the archive once and importing it twice). JUMLAH=100000 for a quick run; SEBELUM=
# a git revision measured too (default: main before issue 17), on a copy of the archive at its
# schema (docs/benchmark.md); SEBELUM= (empty) to skip it.
JUMLAH ?= 1000000
SEBELUM ?= 3d3ee55
bench: $(STAMP)
	$(BIN)/python bench/semua.py --jumlah $(JUMLAH) $(if $(SEBELUM),--sebelum $(SEBELUM))

docs: $(STAMP)
	$(BIN)/python -m keluhan.dokumen
	$(BIN)/python -m keluhan.skema
	$(BIN)/python -m keluhan.cepat_buat
	$(BIN)/python -m keluhan.templat_buat

# The PNG renders in docs/cetakan.md (FPKP, FTKP, surat hasil, tanda terima, rekap), from the
# demo's PDFs; run after changing a template, then commit docs/gambar/. Not part of `make test`.
gambar: $(STAMP)
	$(BIN)/python docs/buat_gambar.py

clean:
	rm -rf $(VENV) demo build dist
