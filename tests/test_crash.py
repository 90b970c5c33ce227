"""A grading run killed with SIGKILL at a random point, then run again, ends with the same
gradebook as a run that was never interrupted."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

from helpers import copy_course
from moderation_school.grading.build import build
from moderation_school.grading.dev.synthetic import make_class, submit_class
from moderation_school.grading.instructor.grade import grade
from moderation_school.grading.nbgrader_glue import NbgraderCourse

MODULE = "00-how-this-course-works"


def _gradebook(course_dir):
    with NbgraderCourse(course_dir).gradebook() as gb:
        return {
            s.student.id: (s.score, sorted((g.name, g.auto_score) for nb in s.notebooks for g in nb.grades))
            for s in gb.assignment_submissions(MODULE)
        }


def _graded_so_far(course_dir) -> int:
    """Submitted notebooks with autograded scores already in the gradebook (read-only)."""
    try:
        with sqlite3.connect(f"file:{course_dir / 'gradebook.db'}?mode=ro", uri=True, timeout=5) as db:
            query = "select count(distinct notebook_id) from grade where auto_score is not null"
            return db.execute(query).fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def test_killed_and_rerun_grading_matches_an_uninterrupted_run(tmp_path):
    course = copy_course(tmp_path / "steady", modules=[MODULE])
    build(course, "en", log=lambda *_: None)
    students = [s for s in make_class(10, seed=9) if s.profile != "broken"]
    submit_class(course, "en", course.modules[0], students)
    import shutil

    shutil.copytree(course.project_root, tmp_path / "killed")
    steady, killed = course.course_dir("en"), tmp_path / "killed" / "course" / "en"

    grade(NbgraderCourse(steady), MODULE, workers=2, progress=False)

    run = subprocess.Popen(
        [sys.executable, "-m", "moderation_school.grading.cli", "grade", MODULE, "--lang", "en"],
        cwd=tmp_path / "killed",
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # kill it once some, but not all, students are graded: polled, not guessed with a sleep
    deadline = time.monotonic() + 300
    while _graded_so_far(killed) < 2 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert run.poll() is None, "the run finished before it could be killed"
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    partly = _gradebook(killed)
    scored = [sid for sid, (_, cells) in partly.items() if any(score is not None for _, score in cells)]
    assert 2 <= len(scored) < len(students), "the kill must land between the first and the last student"

    report = grade(NbgraderCourse(killed), MODULE, workers=2, progress=False)
    assert not report.failed
    assert _gradebook(killed) == _gradebook(steady)
    assert len(list((killed / "backups").glob("gradebook-*.db"))) >= 1
