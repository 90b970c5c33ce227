"""Parallel autograde: several workers grade students at once into the one gradebook.

nbgrader grades one student after another (its issue #174). Here each worker process
keeps one nbgrader API and grades whole submissions with nbgrader's own Autograde, so
scores are nbgrader's; SQLite's lock (with a generous timeout) serialises the short
gradebook writes while kernels run side by side. The gradebook is backed up first.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path

from .build import gradebook_url, nbgrader_api

# What nbgrader's log says when a submission needs a human look, and our one-line reason.
FLAGS = (
    (re.compile(r"checksum for (grade|read-only) cell", re.I), "a test or read-only cell was edited"),
    (re.compile(r"missing notebook|does not exist|No such file", re.I), "a notebook is missing"),
    (re.compile(r"is \d+(\.\d+)? seconds late", re.I), "late submission"),
    (re.compile(r"Timeout|timed out", re.I), "a cell ran out of time"),
)


# Why nbgrader could not grade a submission, in one line (first match wins).
FAILURES = (
    (
        re.compile(r"NotJSONError|not valid JSON|JSONDecodeError|Unreadable Notebook", re.I),
        "the notebook is not valid JSON (damaged, or edited outside Jupyter)",
    ),
    (re.compile(r"UnicodeDecodeError|codec can't decode", re.I), "the notebook is not UTF-8 text"),
    (
        re.compile(r"No notebooks found", re.I),
        "no notebook of this assignment was submitted (missing or renamed)",
    ),
    (
        re.compile(r"Timeout waiting for execute reply", re.I),
        "a cell ran longer than the time limit (an endless loop, or a broken kernel)",
    ),
    (
        re.compile(r"DeadKernelError|Kernel died", re.I),
        "the student's code stopped the Python kernel (os._exit, a crash or a sandbox limit)",
    ),
    (
        re.compile(r"nbformat.{0,40}(version|v3)|major version", re.I),
        "the notebook's format version is not supported",
    ),
)


def failure_reason(log: str) -> str:
    for pattern, reason in FAILURES:
        if pattern.search(log):
            return reason
    errors = [
        line.strip()
        for line in log.splitlines()
        if "Error" in line and "Please see the" not in line and "There was an error" not in line
    ]
    return (errors[-1] if errors else "nbgrader could not grade it (see its log)")[:200]


@dataclass
class Outcome:
    student: str
    ok: bool
    seconds: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class GradeReport:
    assignment: str
    outcomes: list[Outcome]
    seconds: float
    backup: Path | None

    @property
    def graded(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.ok and not o.reasons]

    @property
    def flagged(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.ok and o.reasons]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def table(self) -> str:
        lines = [
            f"{self.assignment}: {len(self.graded)} graded, {len(self.flagged)} flagged, "
            f"{len(self.failed)} failed in {self.seconds:.1f} s"
        ]
        for title, rows in (("flagged", self.flagged), ("failed", self.failed)):
            for o in rows:
                lines.append(f"  {title:8} {o.student:24} {'; '.join(o.reasons)}")
        return "\n".join(lines)


_API = {}


def _grade_one(root: str, assignment: str, student: str) -> Outcome:
    """In a worker: grade one submission with nbgrader's Autograde."""
    started = time.monotonic()
    warnings.filterwarnings("ignore", module="nbgrader")  # nbgrader's SQLAlchemy chatter
    api = _API.get(root)
    if api is None:
        api = _API[root] = nbgrader_api(Path(root))
    try:
        result = api.autograde(assignment, student, force=True, create=True)
    except Exception as error:  # a worker must report, never die silently
        return Outcome(student, False, time.monotonic() - started, [f"{type(error).__name__}: {error}"])
    log = result.get("log") or ""
    if not result.get("success"):
        return Outcome(student, False, time.monotonic() - started, [failure_reason(log)])
    reasons = sorted({reason for pattern, reason in FLAGS if pattern.search(log)})
    return Outcome(student, True, time.monotonic() - started, reasons)


def _export_limits(root: Path) -> None:
    """The sandbox kernel reads its limits from the environment it inherits from the workers."""
    import json

    import yaml

    course_yml = root.parent / "course.yml"
    config = yaml.safe_load(course_yml.read_text(encoding="utf-8")) if course_yml.is_file() else {}
    os.environ["MODSCHOOL_LIMITS"] = json.dumps((config or {}).get("limits") or {})


def _write_ahead_log(root: Path) -> None:
    """SQLite in WAL mode lets workers read while another writes (the setting stays in the file)."""
    import sqlite3

    db = root / "gradebook.db"
    if db.is_file() and gradebook_url(root).startswith("sqlite"):
        with sqlite3.connect(db, timeout=120) as connection:
            connection.execute("PRAGMA journal_mode=WAL")


def submitted_students(root: Path, assignment: str) -> list[str]:
    return sorted(p.parent.name for p in (root / "submitted").glob(f"*/{assignment}") if p.is_dir())


def _submission_size(root: Path, student: str, assignment: str) -> int:
    """Bytes of a student's notebooks: the largest are graded first, so the short ones (blank
    or broken) fill the end and no worker is left with a long notebook while the others idle."""
    folder = root / "submitted" / student / assignment
    return sum(p.stat().st_size for p in folder.glob("*.ipynb") if p.is_file())


def backup_gradebook(root: Path) -> Path | None:
    """A copy of the gradebook before a run: the SQLite file, or a pg_dump of PostgreSQL."""
    url = gradebook_url(root)
    backups = root / "backups"
    stamp = f"{datetime.now():%Y%m%d-%H%M%S-%f}"
    if url.startswith("sqlite"):
        db = root / "gradebook.db"
        if not db.is_file():
            return None
        backups.mkdir(exist_ok=True)
        target = backups / f"gradebook-{stamp}.db"
        shutil.copy2(db, target)
        return target
    if url.startswith("postgresql") and shutil.which("pg_dump"):
        backups.mkdir(exist_ok=True)
        target = backups / f"gradebook-{stamp}.sql"
        plain_url = url.replace("postgresql+psycopg2://", "postgresql://")
        subprocess.run(["pg_dump", "--file", str(target), plain_url], check=True, capture_output=True)
        return target
    return None


def grade(
    root: Path,
    assignment: str,
    *,
    students: list[str] | None = None,
    workers: int | None = None,
    progress: bool = True,
) -> GradeReport:
    """Autograde every submitted student of ``assignment`` with ``workers`` processes."""
    started = time.monotonic()
    students = students if students is not None else submitted_students(root, assignment)
    students = sorted(students, key=lambda s: -_submission_size(root, s, assignment))
    _export_limits(root)
    backup = backup_gradebook(root)
    _write_ahead_log(root)
    workers = max(1, min(workers or os.cpu_count() or 1, len(students) or 1))
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(students), desc=f"grading {assignment}", unit="student")
    outcomes = []
    # forkserver: workers start clean (no copied threads, kernel clients or database handles),
    # forked from a server that imported nbgrader once, instead of each importing it anew
    context = get_context("forkserver")
    context.set_forkserver_preload(["moderation_school.grading.grader_process"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(_grade_one, str(root), assignment, s) for s in students]
        for future in as_completed(futures):
            outcomes.append(future.result())
            if bar is not None:
                bar.update(1)
    if bar is not None:
        bar.close()
    outcomes.sort(key=lambda o: o.student)
    return GradeReport(assignment, outcomes, time.monotonic() - started, backup)
