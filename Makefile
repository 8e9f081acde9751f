# lagebild: `make demo` and `make test` work on a fresh clone with nothing but Python and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= lagebild.db

.PHONY: install test lint demo docs clean train-ner

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(BIN)/ruff check src tests training benchmarks

test: install lint
	$(BIN)/python -m pytest

demo: install
	$(BIN)/lagebild analyze examples > demo.jsonl
	@echo "analysed $$(wc -l < demo.jsonl) example articles into demo.jsonl"

# German NER model from ../shared/data (about 1.5 h on one core): see training/ner/train.sh
train-ner: install
	training/ner/train.sh

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

docs: install
	sed -i '/^<!-- generated below/q' docs/schema.md
	echo >> docs/schema.md
	$(BIN)/lagebild schema --markdown >> docs/schema.md
