"""What tests share besides fixtures: the checkout, course copies, a running JupyterLab."""

from __future__ import annotations

import ast
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from moderation_school.grading.course import Course
from moderation_school.widgets.yaml_io import load_yaml

ROOT = Path(__file__).resolve().parents[1]

# The platform tests' own role-play (no module's): its ids, texts, people and scores are pinned
# by the tests, so an author's rewrite of a module's scenario never breaks them.
TEST_SCENARIOS = ROOT / "tests" / "scenarios"
TEST_SCENARIO = TEST_SCENARIOS / "evening_meeting.yml"


def golden_choices(name: str) -> list[str]:
    """The moves of the test scenario's golden path called ``name``."""
    from moderation_school.widgets.explore import golden_paths

    return list(next(g for g in golden_paths(TEST_SCENARIO) if g.name == name).choices)


def copy_course(target: Path, **options) -> Course:
    """The course's sources (course/ files and modules/) copied into ``target``."""
    return Course.load(ROOT).copy_to(target, **options)


class AlwaysEqualStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


class AlwaysEqualList(list):
    def __eq__(self, other):
        return True


class AlwaysEqualFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


# What checks.json may say of an item: its shape and digests. Any other field could leak the key.
PUBLIC_FIELDS = {
    "kind", "hint", "more", "call", "options", "allowed", "length", "decimals", "keys", "digest", "digests",
    "scenario",
}  # fmt: skip


CLASS_MODULE = "00-how-this-course-works"


def class_of_ten(target: Path, **options) -> Course:
    """Module 00 built in English with ten synthetic students submitted (every profile: correct,
    partial, wrong, blank, late, broken), not graded yet. The grading tests share it."""
    from moderation_school.grading.build import build
    from moderation_school.grading.dev.synthetic import submit_class

    course = copy_course(target, modules=[CLASS_MODULE], **options)
    build(course, "en", log=lambda *_: None)
    submit_class(course, "en", course.modules[0], CLASS)
    return course


def scores_of(course_dir: Path) -> dict:
    """student -> (total, sorted (cell, auto score)) from a course's gradebook."""
    from moderation_school.grading.nbgrader_glue import NbgraderCourse

    with NbgraderCourse(course_dir).gradebook() as gb:
        return {
            s.student.id: (s.score, sorted((g.name, g.auto_score) for nb in s.notebooks for g in nb.grades))
            for s in gb.assignment_submissions(CLASS_MODULE)
        }


def _class():
    from moderation_school.grading.dev.synthetic import make_class

    return make_class(10, seed=9)


CLASS = _class()


LAB_TOKEN = "moderation-school-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_get(port: int, path: str):
    """GET from the test JupyterLab; returns (status, body text)."""
    url = f"http://127.0.0.1:{port}{path}{'&' if '?' in path else '?'}token={LAB_TOKEN}"
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def wait_for_lab(process: subprocess.Popen, port: int, path: str = "/api/status") -> str:
    """The body of ``path`` once the JupyterLab in ``process`` answers (two minutes at most)."""
    deadline = time.monotonic() + 120
    while True:
        try:
            return lab_get(port, path)[1]
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                said = process.stdout.read().decode()[-3000:] if process.stdout else ""
                pytest.fail("JupyterLab did not start:\n" + said)
            time.sleep(0.5)


@contextlib.contextmanager
def running_lab(course: Course, lang: str):
    """`modschool lab` (what `make lab` runs) on 127.0.0.1, stopped afterwards; yields the port."""
    port = _free_port()
    env = dict(os.environ, JUPYTER_TOKEN=LAB_TOKEN)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "moderation_school.grading.cli",
            "lab",
            "--lang",
            lang,
            "--port",
            str(port),
            "--no-browser",
        ],
        cwd=course.project_root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_lab(process, port)
        yield port
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


# --- a module's own files, for the tests that recompute its answer keys independently ---------


def module_items(module: Path) -> dict:
    """The module's items.yml, as written."""
    return load_yaml((module / "items.yml").read_text(encoding="utf-8"))


def hidden_verify_calls(module: Path, item: str) -> list[tuple[str, ast.Call]]:
    """The verify(...) calls of the exercises' hidden tests for one item, each with its cell's source."""
    nb = nbformat.read(module / "exercises.ipynb", as_version=4)
    calls = []
    for cell in nb.cells:
        if cell.cell_type != "code" or "verify(" not in cell.source:
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "verify"
                and ast.literal_eval(node.args[0]) == item
            ):
                calls.append((cell.source, node))
    assert calls, f"no hidden test verifies {item}"
    return calls


def verify_calls_of(module: Path, item: str) -> list[ast.Call]:
    """The verify(...) calls of the exercises' hidden tests for one item."""
    return [call for _, call in hidden_verify_calls(module, item)]


def verify_keyword(call: ast.Call, name: str):
    """The literal value a verify(...) call gives for keyword ``name``."""
    return ast.literal_eval(next(k.value for k in call.keywords if k.arg == name))


def pinned_lesson_output(module: Path, source_line: str, lang: str = "en") -> str:
    """The pinned output of the one lesson cell (for ``lang``) whose code contains ``source_line``."""
    nb = nbformat.read(module / "lesson.ipynb", as_version=4)
    found = [
        c
        for c in nb.cells
        if c.cell_type == "code" and source_line in c.source and c.metadata.get("lang", lang) == lang
    ]
    assert len(found) == 1, f"{len(found)} lesson cells contain {source_line!r}"
    expected = found[0].metadata["moderation_school"]["expected_output"]
    return expected[lang] if isinstance(expected, dict) else expected
