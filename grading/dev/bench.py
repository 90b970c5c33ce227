"""Grading benchmark (part of `make bench`): parallel autograde against plain `nbgrader autograde`
on the same generated 40-student class, in one run.

Prints wall time of each, the speed-up, whether every score is identical, the time per
notebook and the peak memory of everything the grader started (sampled every 0.1 s).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from ..build import build
from ..course import Course
from ..instructor.grade import grade
from ..instructor.sandbox import sandbox_available
from ..nbgrader_glue import NbgraderCourse
from ..plural import count
from .synthetic import make_class, submit_class

MODULE = "01-focus-question"
CLASS_SIZE = 40


class PeakMemory:
    """Peak total RSS of this process and all its descendants while the block runs."""

    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()

    def _sample(self):
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.1)

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def scores(course_dir: Path) -> dict:
    with NbgraderCourse(course_dir).gradebook() as gb:
        return {
            s.student.id: (s.score, sorted((g.name, g.auto_score) for nb in s.notebooks for g in nb.grades))
            for s in gb.assignment_submissions(MODULE)
        }


def main() -> int:
    source = Course.load()
    base = source.project_root / "course" / "bench"
    if base.exists():
        shutil.rmtree(base)
    course = source.copy_to(base / "plain", modules=[MODULE])
    build(course, "ru", log=lambda *_: None)
    students = make_class(CLASS_SIZE, seed=40)
    submit_class(course, "ru", course.modules[0], students, seed=40)
    shutil.copytree(course.project_root, base / "parallel")
    plain_root, parallel_root = course.course_dir("ru"), base / "parallel" / "course" / "ru"
    workers = int(os.environ.get("BENCH_WORKERS", 0)) or os.cpu_count() or 1

    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    with PeakMemory() as plain_memory:
        t0 = time.perf_counter()
        subprocess.run(
            [str(bin_dir / "nbgrader"), "autograde", MODULE],
            cwd=plain_root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        plain_time = time.perf_counter() - t0
    with PeakMemory() as parallel_memory:
        report = grade(
            NbgraderCourse(parallel_root),
            MODULE,
            workers=workers,
            progress=False,
            unsandboxed=not sandbox_available(),
        )
    same = scores(plain_root) == scores(parallel_root)
    n = len(students)
    cores = count(os.cpu_count() or 1, "core")
    print(f"grading {MODULE}: {count(n, 'student')}, {count(workers, 'worker')} on {cores}")
    print(f"{'':26} {'wall':>8} {'per notebook':>13} {'peak memory':>12}")
    print(
        f"{'plain nbgrader autograde':26} {plain_time:7.1f}s {plain_time / n:12.2f}s "
        f"{plain_memory.peak / 2**20:10.0f}MB"
    )
    print(
        f"{'modschool grade':26} {report.seconds:7.1f}s {report.seconds / n:12.2f}s "
        f"{parallel_memory.peak / 2**20:10.0f}MB"
    )
    print(
        f"speed-up {plain_time / report.seconds:.2f}x (target >= 1.8x on 2 cores); "
        f"scores identical: {'yes' if same else 'NO'}; peak memory target <= 1536 MB"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
