"""Grading benchmark (part of `make bench`): `modschool grade` against plain `nbgrader autograde`
on the same generated 40-student class (BENCH_STUDENTS=n for another size), in one run.

Prints the wall time of each (ours with every core, and with one worker: what warm kernels
alone give), the speed-ups, whether every score is identical, the time per notebook, the peak
memory of everything the grader started (sampled every 0.1 s), and where a notebook's time goes
before and after (instructor/autograde/timings.py), with the overhead beyond executing the cells.
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
from ..instructor.autograde import timings
from ..instructor.autograde.grade import grade
from ..instructor.kernels.sandbox import sandbox_available
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


def _plain_autograde(course_dir: Path, env: dict, timed_to: Path | None = None) -> float:
    """Wall seconds of `nbgrader autograde` in the course folder (with the breakdown's timers
    when ``timed_to`` is given: see instructor/autograde/timings.py)."""
    bin_dir = Path(sys.executable).parent
    command = [str(bin_dir / "nbgrader"), "autograde", MODULE]
    if timed_to is not None:
        command = [
            sys.executable,
            "-m",
            "moderation_school.grading.instructor.autograde.timings",
            "autograde",
            MODULE,
        ]
        env = {**env, timings.ENV: str(timed_to)}
    t0 = time.perf_counter()
    subprocess.run(
        command, cwd=course_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    return time.perf_counter() - t0


def _ours(course_dir: Path, workers: int, timed_to: Path | None = None):
    if timed_to is not None:
        os.environ[timings.ENV] = str(timed_to)
    try:
        return grade(
            NbgraderCourse(course_dir),
            MODULE,
            workers=workers,
            progress=False,
            unsandboxed=not sandbox_available(),
        )
    finally:
        os.environ.pop(timings.ENV, None)


def _breakdown(before: dict, after: dict) -> list[str]:
    parts = [*timings.PARTS, "nbgrader bookkeeping", "total", "overhead beyond the cells"]
    lines = [f"{'per notebook, seconds':28} {'before':>8} {'after':>8}"]
    lines += [f"{part:28} {before.get(part, 0):8.3f} {after.get(part, 0):8.3f}" for part in parts]
    return lines


def main() -> int:
    source = Course.load()
    base = source.project_root / "course" / "bench"
    if base.exists():
        shutil.rmtree(base)
    course = source.copy_to(base / "plain", modules=[MODULE])
    build(course, "ru", log=lambda *_: None)
    n = int(os.environ.get("BENCH_STUDENTS") or 0) or CLASS_SIZE
    students = make_class(n, seed=40)
    submit_class(course, "ru", course.modules[0], students, seed=40)
    roots = {"plain": course.course_dir("ru")}
    for name in ("parallel", "one worker", "timed plain"):
        shutil.copytree(course.project_root, base / name)
        roots[name] = base / name / "course" / "ru"
    workers = int(os.environ.get("BENCH_WORKERS") or 0) or os.cpu_count() or 1
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")

    with PeakMemory() as plain_memory:
        plain_time = _plain_autograde(roots["plain"], env)
    with PeakMemory() as parallel_memory:
        report = _ours(roots["parallel"], workers)
    single = _ours(roots["one worker"], 1, timed_to=base / "after.jsonl")
    # the breakdown before: plain nbgrader with timers, on its own copy (the timed run stays plain)
    _plain_autograde(roots["timed plain"], env, timed_to=base / "before.jsonl")
    same = scores(roots["plain"]) == scores(roots["parallel"]) == scores(roots["one worker"])

    cores = count(os.cpu_count() or 1, "core")
    print(f"grading {MODULE}: {count(n, 'student')}, {count(workers, 'worker')} on {cores}")
    print(f"{'':26} {'wall':>8} {'per notebook':>13} {'peak memory':>12} {'speed-up':>9}")
    rows = (
        ("plain nbgrader autograde", plain_time, plain_memory.peak),
        (f"modschool grade, {count(workers, 'worker')}", report.seconds, parallel_memory.peak),
        ("modschool grade, 1 worker", single.seconds, None),
    )
    for name, seconds, memory in rows:
        shown = f"{memory / 2**20:10.0f}MB" if memory else f"{'':12}"
        print(f"{name:26} {seconds:7.1f}s {seconds / n:12.2f}s {shown} {plain_time / seconds:8.2f}x")
    print(
        f"speed-up {plain_time / report.seconds:.2f}x (target >= 3x on 2 cores); "
        f"scores identical: {'yes' if same else 'NO'}; peak memory target <= 1536 MB"
    )
    before, after = timings.summary(base / "before.jsonl"), timings.summary(base / "after.jsonl")
    print("where a notebook's time goes (before: plain nbgrader; after: modschool grade, 1 worker):")
    print("\n".join("  " + line for line in _breakdown(before, after)))
    print(
        f"overhead beyond executing the cells: {after.get('overhead beyond the cells', 0):.2f} s "
        "per notebook (target <= 0.3 s); the imports, once per worker, in the zygote's start: "
        f"{after.get('zygote start', 0):.2f} s"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
