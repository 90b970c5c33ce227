"""The sandbox kernel's spec and limits: what the build writes, and the launcher reads.

Kept apart from the launcher (sandbox.py, Unix-only) so that building a course imports
nothing Unix-only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KERNEL_NAME = "modschool-sandbox"
LAUNCHER = f"{__package__}.sandbox"  # the kernel's launcher (sandbox.py, Unix-only: not imported here)
LIMITS_FILE = "sandbox-limits.json"  # in course/<lang>/, written by the build
DEFAULT_LIMITS = {
    "cell_seconds": 60,
    "notebook_seconds": 300,
    "memory_mb": 2048,
    "file_mb": 50,
    "processes": 64,
    "output_lines": 1000,
}


def course_limits(course) -> dict:
    """Sandbox limits: DEFAULT_LIMITS, overridden by course.yml's `limits`."""
    return {**DEFAULT_LIMITS, **(course.config.get("limits") or {})}


def write_limits(course_dir: Path, limits: dict) -> None:
    path = Path(course_dir) / LIMITS_FILE
    text = json.dumps(limits, indent=1, sort_keys=True)
    if not path.is_file() or path.read_text() != text:
        path.write_text(text)


def read_limits(course_dir: Path | None) -> dict:
    """The limits the build wrote for this course (plain `nbgrader autograde` included)."""
    limits = dict(DEFAULT_LIMITS)
    if course_dir is not None and (Path(course_dir) / LIMITS_FILE).is_file():
        limits.update(json.loads((Path(course_dir) / LIMITS_FILE).read_text()))
    return limits


def kernelspec_dir() -> Path:
    return Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME


def install_kernelspec() -> None:
    """The sandbox kernel for this environment (idempotent)."""
    spec = {
        "argv": [
            sys.executable,
            "-m",
            "moderation_school.grading.instructor.kernels.sandbox",
            "{connection_file}",
        ],
        "display_name": "Python 3 (Moderation School sandbox)",
        "language": "python",
        "metadata": {"debugger": False},
    }
    path = kernelspec_dir() / "kernel.json"
    text = json.dumps(spec, indent=1)
    if not path.is_file() or path.read_text() != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
