"""Hostile and broken submissions: each is graded fairly or flagged with a one-line reason,
the batch always finishes, and nothing under submitted/ changes.

One batch of one class, graded in parallel inside the sandbox (small limits so that the
infinite loop and the bombs end quickly). Module 00 has three items worth 1, 1 and 2.
"""

import hashlib
import json
import os
import shutil
import socket
import threading
from pathlib import Path

import nbformat
import pytest
from helpers import ROOT, copy_course
from moderation_school.grading.build import build
from moderation_school.grading.build.items import load_items
from moderation_school.grading.course import Course
from moderation_school.grading.dev.synthetic import with_answers
from moderation_school.grading.instructor.autograde.grade import grade
from moderation_school.grading.nbgrader_glue import NbgraderCourse

MODULE = "00-how-this-course-works"
# The attacks aim at item `run_key` (and `minutes_each`); answers and points come from the
# module itself, so that a content change does not silently blunt an attack.
_MODULE = next(m for m in Course.load(ROOT).modules if m.id == MODULE)
_ITEMS = {i.id: i for i in load_items(_MODULE.path)}
_SOURCE = nbformat.read(_MODULE.path / "exercises.ipynb", as_version=4)
RIGHT = {
    c.metadata["nbgrader"]["grade_id"]: c.source
    for c in _SOURCE.cells
    if c.metadata.get("nbgrader", {}).get("solution") and c.metadata.get("lang", "en") == "en"
}
_POINTS = {
    c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
    for c in _SOURCE.cells
    if c.metadata.get("nbgrader", {}).get("grade") and c.metadata.get("lang", "en") == "en"
}
FULL = float(sum(_POINTS[f"{i}_check"] for i in _ITEMS))
NO_RUN_KEY = FULL - _POINTS["run_key_check"]
WRONG_RUN_KEY = _ITEMS["run_key"].wrong[0]["code"]
ALWAYS_EQUAL = """
class Sneaky(str):
    def __eq__(self, other):
        return True
    __hash__ = str.__hash__
run_key = Sneaky("not the key")
"""


# Ways a student's code could try to change its verdict from inside the kernel.
PATCH_LIBRARY = """
import moderation_school.grading.checks as c
import moderation_school.grading.runtime.report as r
c.check = check = lambda *a, **k: None  # the library's and the notebook's own name
r.report = lambda *a, **k: None
"""
REPLACE_MODULES = """
import sys, types
fake = types.ModuleType("fake")
fake.check = fake.report = fake.verify = lambda *a, **k: None
for name in ("moderation_school.grading.checks", "moderation_school.grading.runtime.report"):
    sys.modules[name] = fake
"""
PATCH_IMPORT = """
import builtins, types
_real = builtins.__import__
fake = types.ModuleType("fake")
fake.check = fake.report = fake.verify = lambda *a, **k: None
def _import(name, *a, **k):
    return fake if name.startswith("moderation_school") else _real(name, *a, **k)
builtins.__import__ = _import
"""
SWALLOW_ERRORS = """
get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)
"""
FAKE_REPORTS = """
from IPython.display import display
def _fake(result):
    report = {"item": "run_key", "verdict": "passed", "value": True}
    display({"application/vnd.modschool.report+json": report}, raw=True)
get_ipython().events.register("post_run_cell", _fake)
"""
SCORE_BY_OUTPUT = """
import sys
get_ipython().events.register("post_run_cell", lambda result: print("100", file=sys.stderr))
"""
WRITE_OUTSIDE = """
for target in ("/tmp/modschool-hostile-escape.txt", "/usr/modschool-hostile-escape.txt"):
    try:
        open(target, "w").write("out")
    except OSError:
        pass
"""
KILL_ALL = """
import os, signal
for pid in [int(p) for p in os.listdir("/proc") if p.isdigit()]:
    if pid != os.getpid():
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
"""
SECRET = "modschool-hostile-s3cr3t"


def _steal(notebook: str) -> str:
    """Answer code that runs whatever another notebook's run_key cell holds, if it can read it."""
    return (
        "import json\n"
        f"for c in json.load(open({notebook!r}))['cells']:\n"
        "    if c.get('metadata', {}).get('nbgrader', {}).get('grade_id') == 'run_key':\n"
        "        exec(''.join(c['source']))\n"
    )


def _server():
    """A TCP server on 127.0.0.1 that the student code will try to reach."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    threading.Thread(target=lambda: [listener.accept() for _ in range(5)], daemon=True).start()
    return listener, listener.getsockname()[1]


def _cases(root, port):
    """student id -> (answer cells to replace, how to spoil the saved file, expectation)."""
    source_nb = str(root / "source" / MODULE / "exercises.ipynb")
    gradebook = str(root / "gradebook.db")
    other = str(root / "submitted" / "honest_student" / MODULE / "exercises.ipynb")
    key_minutes = _ITEMS["minutes_each"].spec["answer"]
    return {
        "honest_student": ({}, None, ("score", FULL)),
        "invalid_json": ({}, lambda p: p.write_text('{"cells": [ oops'), ("failed", "not valid JSON")),
        "nbformat_three": ({}, "v3", ("score", FULL)),
        "missing_notebook": ({}, lambda p: p.unlink(), ("failed", "no notebook")),
        "renamed_notebook": (
            {},
            lambda p: p.rename(p.with_name("exercises (1).ipynb")),
            ("failed", "no notebook"),
        ),
        "deleted_test_cell": ({}, "delete run_key_check", ("score", NO_RUN_KEY)),
        "edited_test_cell": ({"run_key": WRONG_RUN_KEY}, "edit run_key_check", ("score", NO_RUN_KEY)),
        "duplicated_cell_ids": ({}, "duplicate ids", ("score", FULL)),
        "always_equal": ({"run_key": ALWAYS_EQUAL}, None, ("score", NO_RUN_KEY)),
        "redefined_helpers": (
            {"run_key": WRONG_RUN_KEY + "\ndef check(*a, **k): pass\ndef verify(*a, **k): pass"},
            None,
            ("score", NO_RUN_KEY),
        ),
        # checks keep their own builtins: patching `round` does not make 99 minutes right
        "patched_builtins": (
            {
                "minutes_each": "import builtins\n"
                f"builtins.round = lambda *a: {key_minutes!r}\nminutes_each = 99"
            },
            None,
            ("score", FULL - _POINTS["minutes_each_check"]),
        ),
        "sabotaged_kernel": (
            {"run_key": "import builtins\nbuiltins.isinstance = lambda *a: True"},
            None,
            ("failed", "time limit"),
        ),
        "sys_exit": ({"run_key": "import sys\nsys.exit(0)"}, None, ("score", NO_RUN_KEY)),
        "os_exit": ({"run_key": "import os\nos._exit(1)"}, None, ("failed", "stopped the Python kernel")),
        # nbgrader interrupts a cell that runs out of time and grades on: the loop costs its item
        "infinite_loop": ({"run_key": "while True:\n    pass"}, None, ("score", NO_RUN_KEY)),
        "memory_bomb": ({"run_key": "hog = bytearray(8 * 1024**3)"}, None, ("score", NO_RUN_KEY)),
        # doubling processes; bounded at 2**10 so that a machine without the pids cgroup survives
        "fork_bomb": (
            {
                "run_key": "import os\nfor _ in range(10):\n    try:\n        os.fork()\n"
                "    except OSError:\n        break\nrun_key = None"
            },
            None,
            ("score", NO_RUN_KEY),
        ),
        "huge_output": ({"run_key": 'print("x" * 100_000_000)\n' + RIGHT["run_key"]}, None, ("score", FULL)),
        "reads_source_tree": ({"run_key": _steal(source_nb)}, None, ("score", NO_RUN_KEY)),
        "reads_other_student": ({"run_key": _steal(other)}, None, ("score", NO_RUN_KEY)),
        # the gradebook is not even in the sandbox's file system: the write fails, the cell with it
        "writes_gradebook": (
            {"run_key": f'open({gradebook!r}, "w").write("gone")\n' + RIGHT["run_key"]},
            None,
            ("score", NO_RUN_KEY),
        ),
        "opens_network": (
            {
                "run_key": f'import socket\nsocket.create_connection(("127.0.0.1", {port}), 2)\n'
                + RIGHT["run_key"]
            },
            None,
            ("score", NO_RUN_KEY),
        ),
        "иванов и": ({}, None, ("score", FULL)),  # Cyrillic letters and a space in the id
        "late_student": ({}, "late", ("flagged", "late submission")),
        "non_utf8": (
            {"run_key": RIGHT["run_key"] + "  # ответ"},
            lambda p: p.write_bytes(p.read_text(encoding="utf-8").encode("cp1251")),
            ("failed", "not UTF-8"),
        ),
        # --- the verdict is the grader's: nothing done inside the kernel earns more than the values --
        "patches_the_library": (
            {"run_key": WRONG_RUN_KEY + "\n" + PATCH_LIBRARY},
            None,
            ("at most", NO_RUN_KEY),
        ),
        "replaces_modules": (
            {"run_key": WRONG_RUN_KEY + "\n" + REPLACE_MODULES},
            None,
            ("at most", NO_RUN_KEY),
        ),
        "patches_import": ({"run_key": WRONG_RUN_KEY + "\n" + PATCH_IMPORT}, None, ("at most", NO_RUN_KEY)),
        "swallows_errors": ({"run_key": WRONG_RUN_KEY + "\n" + SWALLOW_ERRORS}, None, ("score", NO_RUN_KEY)),
        "fakes_reports": ({"run_key": WRONG_RUN_KEY + "\n" + FAKE_REPORTS}, None, ("score", NO_RUN_KEY)),
        "scores_by_output": (
            {"run_key": WRONG_RUN_KEY + "\n" + SCORE_BY_OUTPUT},
            None,
            ("score", NO_RUN_KEY),
        ),
        # --- what it may see and touch -------------------------------------------------------------
        "prints_environment": (
            {"run_key": "import os\nprint(dict(os.environ))\n" + RIGHT["run_key"]},
            None,
            ("score", FULL),
        ),
        "writes_outside": ({"run_key": WRITE_OUTSIDE + RIGHT["run_key"]}, None, ("score", FULL)),
        "kills_processes": ({"run_key": KILL_ALL + RIGHT["run_key"]}, None, ("score", FULL)),
        "symlinked_notebook": (
            {},
            lambda p: (p.unlink(), p.symlink_to(source_nb)),
            ("failed", "is a symbolic link"),
        ),
        "symlinked_folder": (
            {},
            lambda p: (p.parent / "data").symlink_to(Path(source_nb).parent),
            ("failed", "is a symbolic link"),
        ),
        "bad\nid": ({}, None, ("failed", "control character")),
        "nested_too_deep": (
            {},
            lambda p: p.write_text('{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}"),
            ("failed", "not readable (nested too deeply"),
        ),
    }


def _spoil(path, how):
    if how is None:
        return
    if callable(how):
        how(path)
        return
    nb = nbformat.read(path, as_version=4)
    if how == "v3":
        nbformat.write(nbformat.convert(nb, 3), path, version=3)
        return
    if how == "late":
        (path.parent / "timestamp.txt").write_text("2099-01-01 00:00:00.000000 UTC")
        return
    if how.startswith("delete "):
        nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != how.split()[1]]
    elif how.startswith("edit "):
        for c in nb.cells:
            if c.metadata.get("nbgrader", {}).get("grade_id") == how.split()[1]:
                c.source = "print('all good')"
    elif how == "duplicate ids":  # written as raw JSON: nbformat itself would correct the ids
        raw = json.loads(path.read_text(encoding="utf-8"))
        for c in raw["cells"]:
            c["id"] = "same-id"
        path.write_text(json.dumps(raw), encoding="utf-8")
        return
    nbformat.write(nb, path)


def _hashes(folder):
    return {
        p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    limits = {"cell_seconds": 8, "notebook_seconds": 60, "memory_mb": 1024, "processes": 48}
    course = copy_course(tmp, modules=[MODULE], settings={"limits": limits})
    build(course, "en", log=lambda *_: None)
    root = course.course_dir("en")
    listener, port = _server()
    cases = _cases(root, port)
    for student, (answers, spoil, _) in cases.items():
        folder = root / "submitted" / student / MODULE
        shutil.copytree(root / "release" / MODULE, folder)
        (folder / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")
        path = folder / "exercises.ipynb"
        nbformat.write(with_answers(nbformat.read(path, as_version=4), {**RIGHT, **answers}), path)
        _spoil(path, spoil)
    before = _hashes(root / "submitted")
    nbg = NbgraderCourse(root)
    os.environ["MODSCHOOL_HOSTILE_TOKEN"] = SECRET  # an instructor's token in the grader's environment
    try:
        report = grade(nbg, MODULE, workers=2, progress=False)
    finally:
        del os.environ["MODSCHOOL_HOSTILE_TOKEN"]
    after = _hashes(root / "submitted")
    listener.close()
    with nbg.gradebook() as gb:
        scores = {s.student.id: s.score for s in gb.assignment_submissions(MODULE)}
    return cases, report, scores, before, after


def test_the_batch_finishes_and_submitted_is_untouched(graded):
    cases, report, scores, before, after = graded
    assert before == after
    assert len(report.outcomes) == len(cases)
    assert {o.student for o in report.outcomes} == set(cases)
    # the gradebook survived the attempt to overwrite it: every graded student is in it
    assert {o.student for o in report.outcomes if o.ok} <= set(scores)


def _expectations():
    from pathlib import Path

    return {k: v[2] for k, v in _cases(Path("/nonexistent"), 0).items()}


@pytest.mark.parametrize("student", list(_expectations()))
def test_each_case_is_graded_fairly_or_flagged_with_a_reason(graded, student):
    _, report, scores, *_ = graded
    kind, expected = _expectations()[student]
    outcome = next(o for o in report.outcomes if o.student == student)
    if kind == "score":
        assert outcome.ok, outcome.reasons
        assert scores[student] == pytest.approx(expected), outcome
    elif kind == "at most":  # an attack on the reporting silences the attacker's own later reports
        assert outcome.ok, outcome.reasons
        assert scores[student] <= expected, outcome
    elif kind == "failed":
        assert not outcome.ok and len(outcome.reasons) == 1 and expected in outcome.reasons[0]
        assert "\n" not in outcome.reasons[0]
    else:
        assert outcome.ok and expected in outcome.reasons


def test_an_edited_or_deleted_test_cell_is_flagged_and_an_untouched_one_is_not(graded):
    """Compared with the release's test cells, not read from nbgrader's checksum warning (which
    fires for every test cell whose hidden tests the release cleared)."""
    _, report, *_ = graded
    reasons = {o.student: o.reasons for o in report.outcomes}
    assert "test cell edited: run_key_check" in reasons["edited_test_cell"]
    assert "test cell edited: run_key_check" in reasons["deleted_test_cell"]
    assert reasons["honest_student"] == [] and reasons["always_equal"] == []


def test_nothing_of_the_grader_or_the_key_leaks_into_an_autograded_notebook(graded):
    """The autograded notebooks become the students' feedback: no environment of the grader, no
    source notebook, no expected value in any of them."""
    cases, report, *_ = graded
    folder = Path(report.backup).parent.parent / "autograded" if report.backup else None
    texts = {p: p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*.ipynb")}
    assert texts, "nothing was autograded"
    printed = next(t for p, t in texts.items() if "prints_environment" in str(p))
    assert "HOME" in printed  # the student's code did print its environment ...
    for path, text in texts.items():
        assert SECRET not in text, path  # ... which holds nothing of the grader's
        assert "expected=" not in text, path  # the hidden tests, as the author wrote them


def test_nothing_was_written_outside_and_the_batch_survived_its_killer(graded):
    _, report, scores, *_ = graded
    assert not Path("/tmp/modschool-hostile-escape.txt").exists()
    assert not Path("/usr/modschool-hostile-escape.txt").exists()
    assert scores["honest_student"] == FULL and scores["kills_processes"] == FULL
