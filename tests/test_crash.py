"""A grading run killed with SIGKILL at a random point, then run again, ends with the same
gradebook as a run that was never interrupted."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from helpers import CLASS, CLASS_MODULE, scores_of
from moderation_school.grading.instructor.grade import grade
from moderation_school.grading.nbgrader_glue import NbgraderCourse

MODULE = CLASS_MODULE


def _graded_so_far(course_dir) -> int:
    """Submitted notebooks with autograded scores already in the gradebook (read-only)."""
    try:
        with sqlite3.connect(f"file:{course_dir / 'gradebook.db'}?mode=ro", uri=True, timeout=5) as db:
            query = "select count(distinct notebook_id) from grade where auto_score is not null"
            return db.execute(query).fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def test_killed_and_rerun_grading_matches_an_uninterrupted_run(class_00, graded_class_00, tmp_path):
    shutil.copytree(class_00.project_root, tmp_path / "killed")
    killed = tmp_path / "killed" / "course" / "en"
    steady = graded_class_00[0].course_dir("en")

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
    partly = scores_of(killed)
    scored = [sid for sid, (_, cells) in partly.items() if any(score is not None for _, score in cells)]
    assert 2 <= len(scored) < len(CLASS), "the kill must land between the first and the last student"

    report = grade(NbgraderCourse(killed), MODULE, workers=2, progress=False)
    assert {o.student for o in report.failed} == {s.id for s in CLASS if s.profile == "broken"}
    assert scores_of(killed) == scores_of(steady)
    assert len(list((killed / "backups").glob("gradebook-*.db"))) >= 1
