"""Submissions from an LMS download (Moodle's "Download all submissions" zip, or folders
named by student id) placed where nbgrader's collect would put them."""

from __future__ import annotations

import re
import shutil
import stat
import zipfile
from datetime import datetime
from pathlib import Path, PurePosixPath

from ..course import CourseError
from ..nbgrader_glue import NbgraderCourse, write_timestamp
from .roster import RosterRow

MOODLE_FOLDER = re.compile(r"^(?P<name>.+?)_(?P<number>\d+)_assign\w*?_?$")


def _entry_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a zip entry may not be written: an absolute path, a way up, or a link."""
    name = info.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "an absolute path"
    if ".." in parts:
        return "a path with .."
    if stat.S_ISLNK(info.external_attr >> 16):
        return "a symbolic link"
    return None


def collect_zip(
    nbg: NbgraderCourse, assignment: str, archive: Path, roster: list[RosterRow], *, log=print
) -> tuple[list[str], list[str]]:
    """Returns (placed student ids, folders matched to nobody). Unsafe entries are left out,
    each with a line."""
    by_name: dict[str, set[str]] = {}
    for r in roster:
        for name in (f"{r.first_name} {r.last_name}", f"{r.last_name} {r.first_name}", r.id, r.email):
            by_name.setdefault(name.casefold(), set()).add(r.id)
    placed, unmatched = [], []
    try:
        z = zipfile.ZipFile(archive)
    except FileNotFoundError:
        raise CourseError(f"{archive}: no such zip file") from None
    except zipfile.BadZipFile:
        raise CourseError(f"{archive}: not a zip file") from None
    with z:
        folders: dict[str, list[zipfile.ZipInfo]] = {}
        for info in z.infolist():
            problem = _entry_problem(info)
            if problem:
                log(f"left out {info.filename!r}: {problem}")
                continue
            parts = PurePosixPath(info.filename.replace("\\", "/")).parts
            if info.is_dir() or len(parts) < 2 or parts[-1].startswith("."):
                continue
            folders.setdefault(parts[0], []).append(info)
        if not folders:
            raise CourseError(
                f"{archive}: no submission folders in it (Moodle's zip has one folder per student)"
            )
        for folder, infos in sorted(folders.items()):
            match = MOODLE_FOLDER.match(folder)
            key = (match.group("name") if match else folder).casefold()
            matches = by_name.get(key, set())
            if len(matches) != 1:  # unknown, or two students of that name: a person must decide
                unmatched.append(folder)
                continue
            (student,) = matches
            target = nbg.folder("submitted", assignment, student)
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            for info in infos:
                dest = target.joinpath(*PurePosixPath(info.filename.replace("\\", "/")).parts[1:])
                if not dest.resolve().is_relative_to(target.resolve()):
                    log(f"left out {info.filename!r}: outside the student's folder")
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(z.read(info))
            write_timestamp(target, max(datetime(*i.date_time) for i in infos))
            placed.append(student)
    return placed, unmatched
