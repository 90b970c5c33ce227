"""Grades out of the gradebook: nbgrader's own CSV, and a CSV Moodle's gradebook imports."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..nbgrader_glue import NbgraderCourse
from .pending import Pending, pending

# nbgrader's CSV columns holding a date: naive UTC there, the course's time zone (with its
# offset) once exported
DATE_COLUMNS = ("duedate", "timestamp")


@dataclass
class Exported:
    waiting: list[Pending] = field(default_factory=list)  # answers not graded by hand yet
    blank: list[Pending] = field(default_factory=list)  # failed to grade: left blank for Moodle


def export(
    nbg: NbgraderCourse, nbgrader_csv: Path, moodle_csv: Path | None = None, timezone: str = "UTC"
) -> Exported:
    """nbgrader's CSV (its dates in ``timezone``), and optionally Moodle's (matched by email
    address), where a submission autograde could not grade is left blank instead of 0.00."""
    from nbgrader.api import MissingEntry
    from nbgrader.plugins.export import CsvExportPlugin

    waiting, failed = pending(nbg)
    with nbg.gradebook() as gb:
        plugin = CsvExportPlugin()
        plugin.to = str(nbgrader_csv)
        plugin.export(gb)
        local_dates(Path(nbgrader_csv), timezone)
        if moodle_csv is None:
            return Exported(waiting, [])
        blank = {(p.student, p.assignment) for p in failed}
        assignments = [a.name for a in gb.assignments]
        with open(moodle_csv, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["Email address", "First name", "Last name", *assignments])
            for student in gb.students:
                scores = []
                for a in assignments:
                    try:
                        score = gb.find_submission(a, student.id).score
                    except MissingEntry:
                        score = None
                    scores.append("" if score is None or (student.id, a) in blank else f"{score:.2f}")
                writer.writerow(
                    [student.email or "", student.first_name or "", student.last_name or "", *scores]
                )
    return Exported(waiting, failed)


def local_dates(path: Path, timezone: str) -> None:
    """Rewrite nbgrader's naive UTC dates in its CSV as times in ``timezone`` with their offset
    ("2027-03-01 23:59:00+03:00"), so that nobody reads 20:59 UTC as Moscow time."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(timezone)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
        columns = list(rows[0]) if rows else None
    if not rows:
        return
    for row in rows:
        for column in DATE_COLUMNS:
            text = (row.get(column) or "").strip()
            if text and text != "None":
                when = datetime.fromisoformat(text)
                if when.tzinfo is None:
                    when = when.replace(tzinfo=UTC)
                row[column] = when.astimezone(zone).isoformat(sep=" ")
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
