"""Shared fixtures: a copy of the course in a temporary folder, built per language.

Tests never touch the checkout's own course/<lang> trees (those belong to `make lab`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest
from helpers import CLASS_MODULE, class_of_ten, copy_course
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


def _made_once(tmp_path_factory, name: str, make):
    """A folder made by ``make(folder)`` once per test run and shared by every xdist worker
    (the first to arrive makes it while the others wait on its lock); returns what ``make``
    returned, kept as a pickle beside the folder."""
    import fcntl
    import pickle

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the workers of this run
    folder, result = base / name, base / f"{name}.pickle"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.exists():
            result.write_bytes(pickle.dumps(make(folder)))
    return pickle.loads(result.read_bytes())


def _build_both(folder: Path) -> Course:
    course = copy_course(folder)
    for lang in LANGS:
        build(course, lang, log=lambda *_: None)
    return course


@pytest.fixture(scope="session")
def built_course(tmp_path_factory) -> Course:
    """The course built in both languages, once per test run (tests only read it)."""
    return _made_once(tmp_path_factory, "built_course", _build_both)


@pytest.fixture
def fresh_course(tmp_path) -> Course:
    return copy_course(tmp_path)


@pytest.fixture(scope="session")
def class_00(tmp_path_factory) -> Course:
    """The shared class of ten on module 00, submitted and not graded (copy it before grading)."""
    return _made_once(tmp_path_factory, "class_00", class_of_ten)


def _graded(class_00: Course):
    def make(folder: Path):
        import shutil

        from moderation_school.grading.instructor.autograde.grade import grade
        from moderation_school.grading.nbgrader_glue import NbgraderCourse

        shutil.copytree(class_00.project_root, folder)
        course = Course.load(folder)
        return course, grade(NbgraderCourse(course.course_dir("en")), CLASS_MODULE, workers=2, progress=False)

    return make


@pytest.fixture(scope="session")
def graded_class_00(class_00, tmp_path_factory):
    """The same class graded once by `modschool grade` (course, report): the reference the
    grading tests compare with."""
    return _made_once(tmp_path_factory, "graded_class_00", _graded(class_00))
