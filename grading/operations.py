"""Course operations for instructors, thin over nbgrader's API (one function per CLI command)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .build import EXERCISES, gradebook_url, nbgrader_api
from .course import Course, CourseError

ROSTER_COLUMNS = ("id", "first_name", "last_name", "email")
BAD_ID = re.compile(r"[+*/\\]")


@dataclass(frozen=True)
class RosterRow:
    id: str
    first_name: str
    last_name: str
    email: str


def read_roster(path: Path) -> list[RosterRow]:
    """A roster CSV in UTF-8 (with or without BOM) or Windows-1251, as Russian Excel saves it."""
    raw = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t") if text.strip() else csv.excel
    rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    missing = [c for c in ROSTER_COLUMNS if rows and c not in rows[0]]
    if not rows or missing:
        raise CourseError(
            f"{path}: a roster needs the columns {', '.join(ROSTER_COLUMNS)}"
            + (f" (missing: {', '.join(missing)})" if missing else " and at least one row")
        )
    roster, seen = [], set()
    for n, row in enumerate(rows, start=2):
        sid = (row["id"] or "").strip()
        if not sid or BAD_ID.search(sid):
            raise CourseError(f"{path}: line {n}: student id {sid!r} is empty or has + * / \\ in it")
        if sid in seen:
            raise CourseError(f"{path}: line {n}: student id {sid!r} appears twice")
        seen.add(sid)
        roster.append(
            RosterRow(sid, row["first_name"].strip(), row["last_name"].strip(), row["email"].strip())
        )
    return roster


def import_roster(root: Path, course_id: str, path: Path) -> list[RosterRow]:
    from nbgrader.api import Gradebook

    roster = read_roster(path)
    with Gradebook(_db_url(root), course_id=course_id) as gb:
        for r in roster:
            gb.update_or_create_student(r.id, first_name=r.first_name, last_name=r.last_name, email=r.email)
    return roster


def _db_url(root: Path) -> str:
    return gradebook_url(root)


def _check(result: dict, what: str) -> str:
    if not result.get("success"):
        lines = [
            line for line in (result.get("log") or result.get("error") or "").splitlines() if line.strip()
        ]
        raise CourseError(f"{what} failed: {lines[-1] if lines else 'see nbgrader log'}")
    return result.get("log", "")


def release(root: Path, assignment: str) -> None:
    _check(nbgrader_api(root).release_assignment(assignment), f"release of {assignment}")


def collect(root: Path, assignment: str) -> None:
    _check(nbgrader_api(root).collect(assignment), f"collect of {assignment}")


def feedback(root: Path, assignment: str) -> tuple[int, int]:
    """Generate feedback for everyone graded; release it through the exchange to those who
    submitted through it (an LMS zip brings no exchange secret: hand those out via the LMS).
    Returns (generated, released)."""
    api = nbgrader_api(root)
    _check(api.generate_feedback(assignment), f"feedback for {assignment}")
    folders = sorted((root / "feedback").glob(f"*/{assignment}"))
    released = 0
    if api.exchange_is_functional:
        for folder in folders:
            if (folder / "submission_secret.txt").is_file():
                _check(
                    api.release_feedback(assignment, folder.parent.name),
                    f"release of feedback for {assignment}",
                )
                released += 1
    return len(folders), released


MOODLE_FOLDER = re.compile(r"^(?P<name>.+?)_(?P<number>\d+)_assign\w*?_?$")


def collect_zip(
    root: Path, assignment: str, archive: Path, roster: list[RosterRow]
) -> tuple[list[str], list[str]]:
    """Submissions from an LMS download (Moodle's "Download all submissions" zip, or folders named
    by student id) into submitted/<student>/<assignment>/; returns (placed, unmatched folders)."""
    by_name: dict[str, set[str]] = {}
    for r in roster:
        for name in (f"{r.first_name} {r.last_name}", f"{r.last_name} {r.first_name}", r.id, r.email):
            by_name.setdefault(name.casefold(), set()).add(r.id)
    placed, unmatched = [], []
    with zipfile.ZipFile(archive) as z:
        folders: dict[str, list[zipfile.ZipInfo]] = {}
        for info in z.infolist():
            parts = Path(info.filename).parts
            if info.is_dir() or len(parts) < 2 or parts[-1].startswith("."):
                continue
            folders.setdefault(parts[0], []).append(info)
        for folder, infos in sorted(folders.items()):
            match = MOODLE_FOLDER.match(folder)
            key = (match.group("name") if match else folder).casefold()
            matches = by_name.get(key, set())
            if len(matches) != 1:  # unknown, or two students of that name: a person must decide
                unmatched.append(folder)
                continue
            (student,) = matches
            target = root / "submitted" / student / assignment
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            latest = max(datetime(*i.date_time) for i in infos)
            for info in infos:
                dest = target / Path(*Path(info.filename).parts[1:])
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(z.read(info))
            (target / "timestamp.txt").write_text(latest.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
            placed.append(student)
    return placed, unmatched


def export(root: Path, course_id: str, nbgrader_csv: Path, moodle_csv: Path | None = None) -> None:
    """nbgrader's own CSV, and optionally a CSV Moodle's gradebook imports (by email address)."""
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.plugins.export import CsvExportPlugin

    with Gradebook(_db_url(root), course_id=course_id) as gb:
        plugin = CsvExportPlugin()
        plugin.to = str(nbgrader_csv)
        plugin.export(gb)
        if moodle_csv is None:
            return
        assignments = [a.name for a in gb.assignments]
        with open(moodle_csv, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["Email address", "First name", "Last name", *assignments])
            for student in gb.students:
                scores = []
                for a in assignments:
                    try:
                        scores.append(f"{gb.find_submission(a, student.id).score:.2f}")
                    except MissingEntry:
                        scores.append("")
                writer.writerow(
                    [student.email or "", student.first_name or "", student.last_name or "", *scores]
                )


@dataclass
class StatusRow:
    student: str
    assignment: str
    submitted: str  # "yes" / "no"
    late: str
    graded: str
    score: str
    flag: str


def status(course: Course, lang: str) -> list[StatusRow]:
    """Who submitted, who is late, what is graded, what needs a look."""
    from nbgrader.api import Gradebook, MissingEntry

    root = course.lang_root(lang)
    rows = []
    with Gradebook(_db_url(root), course_id=course.course_id(lang)) as gb:
        students = sorted({s.id for s in gb.students} | {p.name for p in (root / "submitted").glob("*")})
        for module in course.modules:
            for sid in students:
                folder = root / "submitted" / sid / module.id
                submitted = folder.is_dir()
                late = graded = score = flag = ""
                try:
                    sub = gb.find_submission(module.id, sid)
                    graded = "yes"
                    score = f"{sub.score:g}/{sub.max_score:g}"
                    late = "yes" if sub.total_seconds_late > 0 else ""
                    if sub.needs_manual_grade:
                        flag = "manual grading"
                    if any(nb.flagged for nb in sub.notebooks):
                        flag = "flagged"
                except MissingEntry:
                    graded = "no" if submitted else ""
                if submitted and not (folder / EXERCISES).is_file():
                    flag = "notebook missing"
                rows.append(
                    StatusRow(sid, module.id, "yes" if submitted else "no", late, graded, score, flag)
                )
    return rows


def status_table(rows: list[StatusRow]) -> str:
    lines = [f"{'student':24} {'assignment':26} {'submitted':9} {'late':4} {'graded':6} {'score':9} flag"]
    lines += [
        f"{r.student:24} {r.assignment:26} {r.submitted:9} {r.late:4} {r.graded:6} {r.score:9} {r.flag}"
        for r in rows
    ]
    return "\n".join(lines)
