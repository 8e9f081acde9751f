# lagebild: `make demo` and `make test` work on a fresh clone with nothing but Python and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= lagebild.db

.PHONY: install test lint demo docs clean train-ner train-quotes

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --quiet -e '.[test,map]'
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(BIN)/ruff check src tests training benchmarks scripts

test: install lint
	$(BIN)/python -m pytest

# ingest the bundled examples (re-running adds nothing), then serve them on 127.0.0.1:8000
demo: install
	$(BIN)/lagebild ingest examples --db $(DB)
	$(BIN)/lagebild serve --db $(DB) --host 127.0.0.1 --port 8000

# German NER model from ../shared/data (about 1.5 h on one core): see training/ner/train.sh
train-ner: install
	training/ner/train.sh

# Quotation model from ../shared/data/spkatt2023 and redewiedergabe (about 20 minutes on one
# core); prints dev scores
train-quotes: install
	OMP_NUM_THREADS=1 $(BIN)/python training/quotes/train_pos.py --data ../shared/data/redewiedergabe
	OMP_NUM_THREADS=1 $(BIN)/python training/quotes/train.py \
		--data ../shared/data/spkatt2023/task2_news_2024_release --fold-models build/quote-folds
	OMP_NUM_THREADS=1 $(BIN)/python training/quotes/train_sentences.py \
		--data ../shared/data/spkatt2023/task2_news_2024_release --fold-models build/quote-folds

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

docs: install
	sed -i '/^<!-- generated below/q' docs/schema.md
	echo >> docs/schema.md
	$(BIN)/lagebild schema --markdown >> docs/schema.md
