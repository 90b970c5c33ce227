"""The student's workspace: released notebooks, lessons and START_HERE in one folder.

Placing is idempotent and never overwrites a file the student has changed: a manifest
remembers the hash of what was placed, and a file whose hash differs is the student's. A file an
earlier build placed that the course no longer has (START_HERE.ipynb, now START_HERE.md) is
removed if untouched.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from ..build import START_HERE
from ..course import Course
from ..nbgrader_glue import NbgraderCourse

MANIFEST = ".modschool-placed.json"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def workspace_dir(course: Course, lang: str) -> Path:
    return course.course_dir(lang) / "workspace"


def files_to_place(course: Course, lang: str) -> dict[str, Path]:
    """Workspace-relative path -> released file, for every module and START_HERE."""
    nbg = NbgraderCourse(course.course_dir(lang))
    from .progress_page import PROGRESS_NOTEBOOK

    files = {START_HERE: nbg.course_dir / START_HERE, PROGRESS_NOTEBOOK: nbg.course_dir / PROGRESS_NOTEBOOK}
    for module in course.modules:
        tree = nbg.folder("release", module.id)
        for path in sorted(tree.rglob("*")):
            if path.is_file():
                files[f"{module.id}/{path.relative_to(tree).as_posix()}"] = path
    return files


def place(course: Course, lang: str, *, log=print) -> Path:
    target = workspace_dir(course, lang)
    target.mkdir(parents=True, exist_ok=True)
    manifest_path = target / MANIFEST
    placed = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    kept = []
    wanted = files_to_place(course, lang)
    for rel in sorted(set(placed) - set(wanted)):  # placed by an earlier build, gone from the course
        dest = target / rel
        if dest.is_file() and _sha(dest) == placed[rel]:
            dest.unlink()  # untouched (an edited copy stays, as the student's own)
        del placed[rel]
    for rel, src in wanted.items():
        dest = target / rel
        new = _sha(src)
        if dest.exists():
            current = _sha(dest)
            if current == new:
                placed[rel] = new
                continue
            if placed.get(rel) != current:
                kept.append(rel)  # the student's own version: leave it
                continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        placed[rel] = new
    manifest_path.write_text(json.dumps(placed, indent=1, sort_keys=True))
    for rel in kept:
        log(f"kept your edited {rel} (a newer version is in course/{lang}/release)")
    return target
