"""Where a graded notebook's time goes (`make bench`'s breakdown).

With ``MODSCHOOL_TIMINGS=<file>`` in the environment, a grading worker (grade.py) or an
instrumented plain `nbgrader autograde` (``python -m moderation_school.grading.instructor.autograde.timings
autograde MODULE``) wraps the steps of nbgrader's pipeline with timers and appends one JSON
line per submission to the file: kernel start, the cells (the role-play's apart), kernel
stop, the gradebook writes, our verdicts, and the total, of which the rest is nbgrader's own
bookkeeping (copying, reading, validating and writing notebooks). Only measurement: nothing
here changes what is graded.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections import defaultdict

ENV = "MODSCHOOL_TIMINGS"
PARTS = (
    "kernel start",
    "kernel ready",
    "cells",
    "role-play cells",
    "kernel stop",
    "gradebook writes",
    "verdicts",
)
GRADEBOOK = ("SaveAutoGrades", "AssignLatePenalties", "OverwriteCells")  # preprocessors that query it
VERDICTS = ("PlaceCases", "DecideVerdicts")

_spent: dict[str, float] = defaultdict(float)
_installed = False


def _timed(part, method):
    @functools.wraps(method)
    async def async_wrapper(self, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return await method(self, *args, **kwargs)
        finally:
            _spent[part(self, args) if callable(part) else part] += time.perf_counter() - t0

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            _spent[part(self, args) if callable(part) else part] += time.perf_counter() - t0

    import inspect

    return async_wrapper if inspect.iscoroutinefunction(method) else wrapper


def _cell_part(_client, args) -> str:
    cell = args[0] if args else None
    source = getattr(cell, "source", "") or ""
    return "role-play cells" if "RolePlay(" in source or ".run.json" in source else "cells"


def install() -> None:
    """Wrap nbclient's and nbgrader's steps (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    from nbclient.client import NotebookClient
    from nbgrader import preprocessors

    from . import verdicts

    # the synchronous names: nbconvert's ExecutePreprocessor calls those
    for name, part in (
        ("start_new_kernel", "kernel start"),
        ("start_new_kernel_client", "kernel ready"),
        ("_cleanup_kernel", "kernel stop"),
        ("execute_cell", _cell_part),
    ):
        setattr(NotebookClient, name, _timed(part, getattr(NotebookClient, name)))
    for module, names, part in (
        (preprocessors, GRADEBOOK, "gradebook writes"),
        (verdicts, VERDICTS, "verdicts"),
    ):
        for name in names:
            cls = getattr(module, name)
            cls.preprocess = _timed(part, cls.preprocess)


def start() -> None:
    _spent.clear()


def record(student: str, total: float) -> None:
    """Append this submission's breakdown to the timings file."""
    path = os.environ.get(ENV)
    if not path:
        return
    line = {"student": student, "total": total, **{p: _spent.get(p, 0.0) for p in PARTS}}
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(line) + "\n")


def summary(path: str) -> dict[str, float]:
    """Mean seconds per notebook of each part, the rest as nbgrader's bookkeeping, and the
    overhead beyond executing the cells."""
    if not os.path.isfile(path):
        return {}
    with open(path, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f if line.strip()]
    rows = [r for r in lines if "student" in r]
    if not rows:
        return {}
    mean = {key: sum(r[key] for r in rows) / len(rows) for key in ("total", *PARTS)}
    mean["nbgrader bookkeeping"] = mean["total"] - sum(mean[p] for p in PARTS)
    mean["overhead beyond the cells"] = mean["total"] - mean["cells"] - mean["role-play cells"]
    mean["notebooks"] = len(rows)
    zygotes = [r["zygote"] for r in lines if "zygote" in r]
    if zygotes:  # the imports, once per worker instead of once per notebook
        mean["zygote start"] = sum(zygotes) / len(zygotes)
    return mean


def record_zygote(seconds: float) -> None:
    """A worker's zygote started (imports done) in ``seconds``."""
    path = os.environ.get(ENV)
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"zygote": seconds}) + "\n")


def _plain_autograde(argv: list[str]) -> int:
    """`nbgrader autograde ...` with the timers: each submission's line is written when the next
    one starts (nbgrader grades them one after another in this process)."""
    from nbgrader.apps import NbGraderApp
    from nbgrader.converters.autograde import Autograde

    install()
    original = Autograde.init_assignment
    state = {"student": None, "t0": 0.0}

    def per_submission(self, assignment_id, student_id):
        if state["student"] is not None:
            record(state["student"], time.perf_counter() - state["t0"])
        state.update(student=student_id, t0=time.perf_counter())
        start()
        return original(self, assignment_id, student_id)

    Autograde.init_assignment = per_submission
    try:
        NbGraderApp.launch_instance(argv=argv)
    except SystemExit as stop:
        code = stop.code or 0
    else:
        code = 0
    if state["student"] is not None:
        record(state["student"], time.perf_counter() - state["t0"])
    return code


if __name__ == "__main__":
    sys.exit(_plain_autograde(sys.argv[1:]))
