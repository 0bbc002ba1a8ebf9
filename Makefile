# The researcher's interface. `make demo` and `make test` set everything up themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
MUNI   := $(BIN)/muni
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast bench lint run refresh crawl parse export status report clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,bench,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(MUNI) demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

test-fast: $(STAMP)  # the quick loop while working: no crawls, kills or clusters
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not slow"

bench: $(STAMP)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

run: $(STAMP)
	$(MUNI) run

refresh: $(STAMP)
	$(MUNI) refresh

crawl: $(STAMP)
	$(MUNI) crawl

parse: $(STAMP)
	$(MUNI) parse

export: $(STAMP)
	$(MUNI) export

status: $(STAMP)
	$(MUNI) status

report: $(STAMP)
	$(MUNI) report

clean:
	rm -rf data/interim data/clean data/exports data/runs data/demo data/raw/*
	touch data/raw/.gitkeep
