# The researcher's interface. `make demo` and `make test` set everything up themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
MUNI   := $(BIN)/muni
STAMP  := $(VENV)/.installed
COMPILED := $(VENV)/.compiled

.PHONY: demo test test-fast bench lint build run refresh crawl parse export status report clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,bench,dask]'
	touch $(STAMP) $(COMPILED)

# The parse modules setup.py compiles, again after an edit (until then their source runs).
$(COMPILED): $(STAMP) setup.py $(wildcard parsers/*.py)
	$(BIN)/python setup.py --quiet build_ext --inplace
	touch $(COMPILED)

build: $(COMPILED)

demo: $(COMPILED)
	$(MUNI) demo

test: $(COMPILED)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

test-fast: $(COMPILED)  # the quick loop while working: no crawls, kills or clusters
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not slow"

bench: $(COMPILED)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

run: $(COMPILED)
	$(MUNI) run

refresh: $(COMPILED)
	$(MUNI) refresh

crawl: $(COMPILED)
	$(MUNI) crawl

parse: $(COMPILED)
	$(MUNI) parse

export: $(COMPILED)
	$(MUNI) export

status: $(COMPILED)
	$(MUNI) status

report: $(COMPILED)
	$(MUNI) report

clean:
	rm -rf data/interim data/clean data/exports data/runs data/demo data/raw/*
	touch data/raw/.gitkeep
