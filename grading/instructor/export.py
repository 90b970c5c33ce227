"""Grades out of the gradebook: nbgrader's own CSV, and a CSV Moodle's gradebook imports."""

from __future__ import annotations

import csv
from pathlib import Path

from ..nbgrader_glue import NbgraderCourse


def export(nbg: NbgraderCourse, nbgrader_csv: Path, moodle_csv: Path | None = None) -> None:
    """nbgrader's CSV, and optionally Moodle's (matched by email address)."""
    from nbgrader.api import MissingEntry
    from nbgrader.plugins.export import CsvExportPlugin

    with nbg.gradebook() as gb:
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
