"""A grading run killed with SIGKILL at a random point, then run again, ends with the same
gradebook as a run that was never interrupted."""

import os
import random
import shutil
import signal
import subprocess
import sys
import time

from conftest import copy_course
from moderation_school.grading.build import build
from moderation_school.grading.parallel import grade
from moderation_school.grading.synthetic import make_class, submit_class
from nbgrader.api import Gradebook

MODULE = "00-how-this-course-works"


def _gradebook(root):
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", course_id="moderation-school-en") as gb:
        return {
            s.student.id: (s.score, sorted((g.name, g.auto_score) for nb in s.notebooks for g in nb.grades))
            for s in gb.assignment_submissions(MODULE)
        }


def test_killed_and_rerun_grading_matches_an_uninterrupted_run(tmp_path):
    course = copy_course(tmp_path / "steady", modules=[MODULE])
    build(course, "en", log=lambda *_: None)
    submit_class(
        course, "en", course.modules[0], [s for s in make_class(10, seed=9) if s.profile != "broken"]
    )
    shutil.copytree(course.root, tmp_path / "killed")
    steady, killed = course.lang_root("en"), tmp_path / "killed" / "course" / "en"

    grade(steady, MODULE, workers=2, progress=False)

    delay = random.Random(2027).uniform(1.5, 4.0)  # seeded: a failure reproduces
    run = subprocess.Popen(
        [sys.executable, "-m", "moderation_school.grading.cli", "grade", MODULE, "--lang", "en"],
        cwd=tmp_path / "killed",
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    assert run.poll() is None, "the run finished before it could be killed; lower the delay"
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    partly = _gradebook(killed) if (killed / "gradebook.db").is_file() else {}

    report = grade(killed, MODULE, workers=2, progress=False)
    assert not report.failed
    assert _gradebook(killed) == _gradebook(steady)
    assert len(partly) < len(_gradebook(steady)) or partly != _gradebook(steady)  # it really was cut short
    assert len(list((killed / "backups").glob("gradebook-*.db"))) >= 1
