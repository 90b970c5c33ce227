# Two commands set everything up from nothing (see README.md):
#   make lab    create .venv, build the course, open JupyterLab on START_HERE
#   make test   create .venv with the test extras, run the whole suite
#   make hub    a club's JupyterHub on this machine (as root; see README "A club server")
# Options: LANG_COURSE=ru|en (course language, default ru), PORT=8888, PYTHON=python3

PYTHON ?= python3
LANG_COURSE ?= ru
PORT ?= 8888
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: lab build test demo bench lint clean hub hub-env

# JupyterHub's side: the hub, and the environment every local user's server runs in, made with an
# interpreter those users can execute (a pyenv under /root is not); the proxy from npm, kept here.
HUB_PYTHON ?= /usr/bin/python3
# outside the checkout (which may sit under a folder of mode 0700, as /root does), installed as a
# copy, not editable: users run it; .venv-hub in the checkout points at it
HUB_VENV ?= /opt/modschool-hub/venv-$(shell printf %s "$(CURDIR)" | md5sum | cut -c1-10)
CHP_VERSION := 5.3.0
CHP := $(HUB_VENV)/proxy/node_modules/.bin/configurable-http-proxy

# Installs happen only when pyproject.toml changes (the stamp files remember).
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -q -e '.[test]'
	touch $@

# the users' environment: readable and executable by every user (a umask of 077 would hide it)
$(HUB_VENV)/.installed: pyproject.toml $(shell git ls-files grading widgets 2>/dev/null)
	test -x $(HUB_VENV)/bin/python || $(HUB_PYTHON) -m venv $(HUB_VENV)
	$(HUB_VENV)/bin/python -m pip --disable-pip-version-check install -q --upgrade pip
	$(HUB_VENV)/bin/python -m pip --disable-pip-version-check install -q '.[hub]'
	$(HUB_VENV)/bin/python -m pip --disable-pip-version-check install -q --force-reinstall --no-deps .
	chmod -R a+rX $(HUB_VENV)
	ln -sfn $(HUB_VENV) .venv-hub
	touch $@

$(CHP):
	npm install --silent --no-audit --no-fund --prefix $(HUB_VENV)/proxy configurable-http-proxy@$(CHP_VERSION)

# The multi-user test needs root (it creates real users), a Python 3.11+ the users can run, and npm:
# where one is missing, it says so here and the test skips (in CI it fails instead).
hub-env:
	@if [ "$$(id -u)" != 0 ]; then echo "not root: the JupyterHub test (tests/test_hub.py) will be skipped"; \
	elif ! $(HUB_PYTHON) -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then \
	  echo "no Python 3.11+ with venv at $(HUB_PYTHON) (HUB_PYTHON=...): the JupyterHub test will be skipped"; \
	else $(MAKE) --no-print-directory $(HUB_VENV)/.installed; fi
	@if [ "$$(id -u)" = 0 ]; then if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(CHP); \
	  else echo "no npm (apt-get install nodejs npm): the JupyterHub test will be skipped"; fi; fi

hub: hub-env
	@test "$$(id -u)" = 0 || { echo "make hub: run it as root (it creates the club's accounts)"; exit 1; }
	$(HUB_VENV)/bin/modschool hub $(HUB_ARGS)

lab: $(VENV)/.installed
	$(BIN)/modschool lab --lang $(LANG_COURSE) --port $(PORT) $(if $(CI),--no-browser,)

build: $(VENV)/.installed
	$(BIN)/modschool build --lang $(LANG_COURSE)

test: $(VENV)/.installed-test hub-env
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
