# Two commands set everything up from nothing (see README.md):
#   make lab    create .venv, build the course, open JupyterLab on START_HERE
#   make test   create .venv with the test extras, run the whole suite
# Options: LANG_COURSE=ru|en (course language, default ru), PORT=8888, PYTHON=python3

PYTHON ?= python3
LANG_COURSE ?= ru
PORT ?= 8888
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: lab build test demo bench lint clean

# Installs happen only when pyproject.toml changes (the stamp files remember).
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -q -e '.[test]'
	touch $@

lab: $(VENV)/.installed
	$(BIN)/modschool lab --lang $(LANG_COURSE) --port $(PORT) $(if $(CI),--no-browser,)

build: $(VENV)/.installed
	$(BIN)/modschool build --lang $(LANG_COURSE)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

demo: $(VENV)/.installed
	$(BIN)/python -m moderation_school.grading.dev.demo

bench: $(VENV)/.installed
	$(BIN)/python -m moderation_school.widgets.bench
	$(BIN)/python -m moderation_school.grading.dev.bench

lint: $(VENV)/.installed-test
	$(BIN)/ruff check grading widgets tests

clean:
	rm -rf course/ru course/en course/demo course/bench
