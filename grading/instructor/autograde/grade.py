"""Grading: several workers autograde students at once into the one gradebook.

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
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path

from ...course import CourseError
from ...nbgrader_glue import NbgraderCourse
from ...plural import count
from . import timings

# What nbgrader's log says when a submission needs a human look, and our one-line reason.
# (Edited test cells and lateness are read from the notebooks and the gradebook instead.)
FLAGS = (
    (re.compile(r"missing notebook|does not exist|No such file", re.I), "a notebook is missing"),
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
        re.compile(r"RecursionError|maximum recursion depth", re.I),
        "the notebook is not readable (nested too deeply to parse)",
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
    protections: str = ""
    scores: Path | None = None  # the per-student table (write_scores)

    @property
    def graded(self) -> list[Outcome]:
        """Every submission nbgrader graded, flagged ones included."""
        return [o for o in self.outcomes if o.ok]

    @property
    def flagged(self) -> list[Outcome]:
        """Graded, but a person should look (an edited test cell, a late submission, ...)."""
        return [o for o in self.outcomes if o.ok and o.reasons]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def table(self) -> str:
        lines = [
            f"{self.assignment}: {count(len(self.outcomes), 'submission')}: {len(self.graded)} graded "
            f"({len(self.flagged)} of them flagged), {len(self.failed)} failed in {self.seconds:.1f} s"
        ]
        if self.protections:
            lines.append(f"  sandbox: {self.protections}")
        for title, rows in (("flagged", self.flagged), ("failed", self.failed)):
            for o in rows:
                lines.append(f"  {title:8} {o.student:24} {'; '.join(o.reasons)}")
        if self.scores:
            lines.append(f"  scores of each student: {self.scores}")
        return "\n".join(lines)


SCORE_COLUMNS = ("student", "score", "max_score", "late_penalty", "status", "reason")


def scores_path(nbg: NbgraderCourse, assignment: str) -> Path:
    return nbg.course_dir / "reports" / f"{assignment}-scores.csv"


def write_scores(nbg: NbgraderCourse, report: GradeReport) -> Path:
    """course/<lang>/reports/<assignment>-scores.csv: one row per student (score after any late
    penalty, the maximum, the penalty, a status and why), the students of this run replacing
    their rows of an earlier one. A submission that failed to grade has no score."""
    import csv

    from nbgrader.api import MissingEntry

    path = scores_path(nbg, report.assignment)
    rows = {}
    if path.is_file():
        with open(path, newline="", encoding="utf-8") as f:
            rows = {row["student"]: row for row in csv.DictReader(f)}
    with nbg.gradebook() as gb:
        for o in report.outcomes:
            row = dict.fromkeys(SCORE_COLUMNS, "") | {"student": o.student}
            reasons = list(o.reasons)
            row["status"] = "failed" if not o.ok else "flagged" if o.reasons else "graded"
            if o.ok:
                try:
                    sub = gb.find_submission(report.assignment, o.student)
                except MissingEntry:
                    sub = None
                if sub is not None:
                    penalty = sub.late_submission_penalty or 0.0
                    row |= {
                        "score": f"{sub.score - penalty:g}",
                        "max_score": f"{sub.max_score:g}",
                        "late_penalty": f"{penalty:g}" if penalty else "",
                    }
                    waiting = sorted(
                        g.name
                        for nb in sub.notebooks
                        for g in nb.grades
                        if g.auto_score is None and g.manual_score is None
                    )
                    if waiting:
                        if row["status"] == "graded":
                            row["status"] = "waiting"  # for grading by hand
                        reasons.append(f"not graded by hand yet: {', '.join(waiting)}")
            row["reason"] = "; ".join(reasons)
            rows[o.student] = row
    path.parent.mkdir(exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=SCORE_COLUMNS)
        writer.writeheader()
        writer.writerows(rows[s] for s in sorted(rows))
    return path


def submission_problem(folder: Path, student: str) -> str | None:
    """Why a submission is refused before any of it is read or copied: an id that is no folder
    name, or a file that is not a plain file (a link could point at solutions or at another
    student's work, and nbgrader's copy would follow it)."""
    import stat

    from ..student_ids import id_problem

    problem = id_problem(student)
    if problem:
        return f"not graded: {problem}"
    for here, dirs, files in os.walk(folder, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(here) / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                return f"not graded: {path.relative_to(folder)} is a symbolic link"
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                return f"not graded: {path.relative_to(folder)} is not a plain file"
    return None


def edited_test_cells(submitted: Path, release: Path) -> list[str]:
    """Grade ids of the test cells whose source in a submitted notebook differs from the
    release's (nbgrader's own checksum warning fires for every test cell whose hidden tests
    the release cleared, so it cannot tell)."""
    import nbformat

    edited = []
    for released_path in sorted(release.glob("*.ipynb")):
        path = submitted / released_path.name
        if not path.is_file():
            continue
        try:
            mine = nbformat.read(path, as_version=4)
        except Exception:  # unreadable: nbgrader reports it as a failure
            continue
        theirs = {
            c.metadata["nbgrader"]["grade_id"]: c.source
            for c in nbformat.read(released_path, as_version=4).cells
            if c.metadata.get("nbgrader", {}).get("grade") and not c.metadata["nbgrader"].get("solution")
        }
        sources = {
            c.metadata.get("nbgrader", {}).get("grade_id"): c.source
            for c in mine.cells
            if isinstance(c.get("metadata"), dict)
        }
        edited += [grade_id for grade_id, source in theirs.items() if sources.get(grade_id) != source]
    return edited


_NBG = {}
_ZYGOTES = {}


def _warm_kernels(nbg: NbgraderCourse, assignment: str) -> None:
    """In a worker: a zygote that has imported what this assignment's notebooks import, named
    to the kernel launchers this worker's nbgrader starts (zygote.py). Without root or
    bubblewrap, kernels start cold in the same sandbox."""
    from multiprocessing.util import Finalize

    from ..kernels.sandbox import ZYGOTE_ENV
    from ..kernels.zygote import Zygote, imports_of, warm_kernels_available

    if os.environ.get("MODSCHOOL_COLD_KERNELS") or not warm_kernels_available():
        return
    zygote = _ZYGOTES.get(assignment)
    if zygote is None or not zygote.alive():
        for old in _ZYGOTES.values():
            old.stop()
        _ZYGOTES.clear()
        modules = imports_of(sorted(nbg.folder("release", assignment).glob("*.ipynb")))
        t0 = time.monotonic()
        zygote = _ZYGOTES[assignment] = Zygote(modules)
        timings.record_zygote(time.monotonic() - t0)
        Finalize(zygote, zygote.stop, exitpriority=10)  # when the worker exits
    os.environ[ZYGOTE_ENV] = zygote.socket


def _grade_one(course_dir: str, assignment: str, student: str, timed_to: str | None = None) -> Outcome:
    """In a worker: grade one submission with nbgrader's Autograde."""
    started = time.monotonic()
    if timed_to:  # `make bench`'s breakdown of the time (instructor/autograde/timings.py)
        os.environ[timings.ENV] = timed_to
    warnings.filterwarnings("ignore", module="nbgrader")  # nbgrader's SQLAlchemy chatter
    cached = _NBG.get(course_dir)
    if cached is None:
        nbg = NbgraderCourse(Path(course_dir))
        # kernels that are waited for only as long as they need (prompt_kernel.py)
        nbg.config.Execute.kernel_manager_class = (
            "moderation_school.grading.instructor.kernels.prompt_kernel.PromptKernelManager"
        )
        cached = _NBG[course_dir] = (nbg, nbg.api())
    nbg, api = cached
    _warm_kernels(nbg, assignment)
    refused = submission_problem(nbg.folder("submitted", assignment, student), student)
    if refused:
        return Outcome(student, False, time.monotonic() - started, [refused])
    timed = bool(timed_to)
    if timed:
        timings.install()
        timings.start()
    outcome = _autograde(nbg, api, assignment, student, started)
    if timed:
        timings.record(student, outcome.seconds)
    return outcome


def _autograde(nbg: NbgraderCourse, api, assignment: str, student: str, started: float) -> Outcome:
    try:
        result = api.autograde(assignment, student, force=True, create=True)
    except Exception as error:  # a worker must report, never die silently
        return Outcome(student, False, time.monotonic() - started, [f"{type(error).__name__}: {error}"])
    log = result.get("log") or ""
    if not result.get("success"):
        return Outcome(student, False, time.monotonic() - started, [failure_reason(log)])
    reasons = {reason for pattern, reason in FLAGS if pattern.search(log)}
    edited = edited_test_cells(
        nbg.folder("submitted", assignment, student), nbg.folder("release", assignment)
    )
    if edited:
        reasons.add(f"test cell edited: {', '.join(edited)}")
    with nbg.gradebook() as gb:
        if gb.find_submission(assignment, student).total_seconds_late > 0:
            reasons.add("late submission")
    return Outcome(student, True, time.monotonic() - started, sorted(reasons))


def _write_ahead_log(nbg: NbgraderCourse) -> None:
    """SQLite in WAL mode lets workers read while another writes (the setting stays in the file)."""
    import sqlite3

    db = nbg.course_dir / "gradebook.db"
    if db.is_file() and nbg.gradebook_url.startswith("sqlite"):
        with sqlite3.connect(db, timeout=120) as connection:
            connection.execute("PRAGMA journal_mode=WAL")


def _submission_size(nbg: NbgraderCourse, student: str, assignment: str) -> int:
    """Bytes of a student's notebooks: the largest are graded first, so the short ones (blank
    or broken) fill the end and no worker is left with a long notebook while the others idle."""
    folder = nbg.folder("submitted", assignment, student)
    return sum(p.stat().st_size for p in folder.glob("*.ipynb") if p.is_file())


def backup_gradebook(nbg: NbgraderCourse) -> Path | None:
    """A copy of the gradebook before a run: the SQLite file, or a pg_dump of PostgreSQL."""
    url = nbg.gradebook_url
    backups = nbg.course_dir / "backups"
    stamp = f"{datetime.now():%Y%m%d-%H%M%S-%f}"
    if url.startswith("sqlite"):
        db = nbg.course_dir / "gradebook.db"
        if not db.is_file():
            return None
        backups.mkdir(exist_ok=True)
        target = backups / f"gradebook-{stamp}.db"
        shutil.copy2(db, target)
        return target
    if url.startswith("postgresql"):
        if not shutil.which("pg_dump"):
            raise CourseError(
                "the gradebook is PostgreSQL but pg_dump is missing (apt-get install postgresql-client)"
            )
        backups.mkdir(exist_ok=True)
        target = backups / f"gradebook-{stamp}.sql"
        plain_url = url.replace("postgresql+psycopg2://", "postgresql://")
        done = subprocess.run(["pg_dump", "--file", str(target), plain_url], capture_output=True, text=True)
        if done.returncode:
            lines = [line for line in done.stderr.splitlines() if line.strip()] or ["no message"]
            raise CourseError(f"backup of the gradebook failed: pg_dump: {lines[-1]}")
        return target
    return None


def _in_pool(nbg: NbgraderCourse, assignment: str, students: list[str], workers: int, done) -> list[str]:
    """Grade ``students`` with ``workers`` processes, calling ``done`` with each outcome; return
    the students a dying worker left ungraded."""
    # forkserver: workers start clean (no copied threads, kernel clients or database handles),
    # forked from a server that imported nbgrader once, instead of each importing it anew
    context = get_context("forkserver")
    context.set_forkserver_preload(["moderation_school.grading.instructor.autograde.grader_process"])
    left = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # the workers' environment is the fork server's: the timings file is passed, not inherited
        timed_to = os.environ.get(timings.ENV)
        futures = {pool.submit(_grade_one, str(nbg.course_dir), assignment, s, timed_to): s for s in students}
        for future in as_completed(futures):
            try:
                done(future.result())
            except BrokenProcessPool:
                left.append(futures[future])
    return sorted(left)


def grade(
    nbg: NbgraderCourse,
    assignment: str,
    *,
    students: list[str] | None = None,
    workers: int | None = None,
    progress: bool = True,
    unsandboxed: bool = False,
) -> GradeReport:
    """Autograde every submitted student of ``assignment`` with ``workers`` processes. Student
    code runs only in the sandbox, unless ``unsandboxed`` says otherwise."""
    from ..kernels.sandbox import protections_summary, sandbox_available

    if not sandbox_available() and not unsandboxed:
        raise CourseError(
            "the sandbox needs bubblewrap (and setpriv as root): apt-get install bubblewrap util-linux; "
            "`modschool grade --unsandboxed` runs student code without it"
        )
    started = time.monotonic()
    if not nbg.folder("source", assignment).is_dir():
        raise CourseError(f"no assignment {assignment!r} in {nbg.course_dir} (see `modschool status`)")
    students = students if students is not None else nbg.students("submitted", assignment)
    students = sorted(students, key=lambda s: -_submission_size(nbg, s, assignment))
    backup = backup_gradebook(nbg)
    _write_ahead_log(nbg)
    workers = max(1, min(workers or os.cpu_count() or 1, len(students) or 1))
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(students), desc=f"grading {assignment}", unit="student")
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if bar is not None:
            bar.update(1)

    left = _in_pool(nbg, assignment, students, workers, done)
    # a worker died (killed, out of memory): each student it left is graded alone, so that only
    # a submission that kills its own worker again is lost, with a reason, and the batch goes on
    for student in left:
        if _in_pool(nbg, assignment, [student], 1, done):
            done(
                Outcome(
                    student,
                    False,
                    0.0,
                    ["the grading worker died while grading it (killed, or out of memory)"],
                )
            )
    if bar is not None:
        bar.close()
    outcomes.sort(key=lambda o: o.student)
    report = GradeReport(assignment, outcomes, time.monotonic() - started, backup, protections_summary())
    report.scores = write_scores(nbg, report)
    return report
