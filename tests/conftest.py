"""Shared fixtures: a copy of the course in a temporary folder, built per language.

Tests never touch the checkout's own course/<lang> trees (those belong to `make lab`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest
from helpers import copy_course
from moderation_school.grading.build import build
from moderation_school.grading.course import LANGS, Course

# The user's own Jupyter and nbgrader files (nbgrader's fetch/submit cache lives in the data
# dir): the suite must never write there. Everything the tests start gets a HOME of its own.
_REAL = [Path.home() / ".local" / "share" / "jupyter" / "nbgrader_cache", Path.home() / ".jupyter"]


def _snapshot() -> dict:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for root in _REAL
        if root.is_dir()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def pytest_configure(config):
    if os.environ.get("MODSCHOOL_TEST_HOME"):  # an xdist worker: the controller set it up
        return
    config._real_jupyter = _snapshot()
    home = Path(tempfile.mkdtemp(prefix="modschool-test-home-"))
    os.environ.update(
        MODSCHOOL_TEST_HOME=str(home),
        HOME=str(home),
        JUPYTER_DATA_DIR=str(home / "jupyter-data"),
        JUPYTER_CONFIG_DIR=str(home / "jupyter-config"),
        JUPYTER_RUNTIME_DIR=str(home / "jupyter-runtime"),
        IPYTHONDIR=str(home / "ipython"),
    )


def pytest_sessionfinish(session, exitstatus):
    before = getattr(session.config, "_real_jupyter", None)
    if before is not None and _snapshot() != before:
        print("\nthe test suite changed the user's nbgrader cache or ~/.jupyter")
        session.exitstatus = 1


@pytest.fixture(scope="session")
def built_course(tmp_path_factory) -> Course:
    """The course built and released in both languages (once per test session)."""
    course = copy_course(tmp_path_factory.mktemp("course"))
    for lang in LANGS:
        build(course, lang, log=lambda *_: None)
    return course


@pytest.fixture
def fresh_course(tmp_path) -> Course:
    return copy_course(tmp_path)
