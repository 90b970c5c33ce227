"""Shared fixtures: a copy of the course in a temporary folder, built per language.

Tests never touch the checkout's own course/<lang> trees (those belong to `make lab`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from moderation_school.grading.build import build
from moderation_school.grading.course import LANGS, Course

ROOT = Path(__file__).resolve().parents[1]
COURSE_FILES = ("course.yml", "nbgrader_config.py", "START_HERE.ipynb")


def copy_course(target: Path) -> Course:
    """The course's sources (course/ files and modules/) copied into ``target``."""
    (target / "course").mkdir(parents=True)
    for name in COURSE_FILES:
        shutil.copy2(ROOT / "course" / name, target / "course" / name)
    shutil.copytree(
        ROOT / "modules",
        target / "modules",
        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"),
    )
    return Course.load(target)


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
