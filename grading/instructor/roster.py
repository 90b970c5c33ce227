"""The class list: a roster CSV read and checked, then imported into the gradebook."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..course import CourseError
from ..nbgrader_glue import NbgraderCourse
from .student_ids import id_problem

ROSTER_COLUMNS = ("id", "first_name", "last_name", "email")


@dataclass(frozen=True)
class RosterRow:
    id: str
    first_name: str
    last_name: str
    email: str


def _decode(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1251 as Russian Excel saves it."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1251")
    except UnicodeDecodeError as error:
        raise CourseError(
            f"{path}: neither UTF-8 nor Windows-1251 (byte {raw[error.start]:#04x} at {error.start}); "
            "save it from Excel as «CSV UTF-8»"
        ) from None


def read_roster(path: Path) -> list[RosterRow]:
    """A roster CSV: columns id, first_name, last_name, email; ; or , as separator."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CourseError(f"{path}: no such roster file") from None
    except IsADirectoryError:
        raise CourseError(f"{path}: is a folder, not a roster CSV") from None
    text = _decode(path, raw)
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t") if text.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
    missing = [c for c in ROSTER_COLUMNS if rows and c not in rows[0]]
    if not rows or missing:
        raise CourseError(
            f"{path}: a roster needs the columns {', '.join(ROSTER_COLUMNS)}"
            + (f" (missing: {', '.join(missing)})" if missing else " and at least one row")
        )
    roster, seen = [], set()
    for n, row in enumerate(rows, start=2):
        if None in row or any(row.get(c) is None for c in ROSTER_COLUMNS):
            raise CourseError(
                f"{path}: line {n}: needs {len(ROSTER_COLUMNS)} fields ({', '.join(ROSTER_COLUMNS)})"
            )
        sid = row["id"].strip()
        problem = id_problem(sid)
        if problem:
            raise CourseError(f"{path}: line {n}: {problem}")
        if sid in seen:
            raise CourseError(f"{path}: line {n}: student id {sid!r} appears twice")
        seen.add(sid)
        roster.append(
            RosterRow(sid, row["first_name"].strip(), row["last_name"].strip(), row["email"].strip())
        )
    return roster


def import_roster(nbg: NbgraderCourse, path: Path) -> list[RosterRow]:
    roster = read_roster(path)
    with nbg.gradebook() as gb:
        for r in roster:
            gb.update_or_create_student(r.id, first_name=r.first_name, last_name=r.last_name, email=r.email)
    return roster


def gradebook_roster(nbg: NbgraderCourse) -> list[RosterRow]:
    with nbg.gradebook() as gb:
        return [RosterRow(s.id, s.first_name or "", s.last_name or "", s.email or "") for s in gb.students]
