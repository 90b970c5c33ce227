"""Parallel autograde gives exactly the scores of plain `nbgrader autograde`."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import copy_course
from moderation_school.grading.build import build
from moderation_school.grading.dev.synthetic import make_class, submit_class
from moderation_school.grading.instructor.grade import grade
from moderation_school.grading.nbgrader_glue import NbgraderCourse

MODULE = "00-how-this-course-works"


def _scores(course_dir):
    with NbgraderCourse(course_dir).gradebook() as gb:
        result = {}
        for sub in gb.assignment_submissions(MODULE):
            cells = {(g.notebook.name, g.name): g.auto_score for nb in sub.notebooks for g in nb.grades}
            result[sub.student.id] = (sub.score, cells)
        return result


def test_parallel_scores_equal_plain_nbgrader_autograde(tmp_path):
    course = copy_course(tmp_path / "plain", modules=[MODULE])
    build(course, "en", log=lambda *_: None)
    students = make_class(8, seed=3)
    submit_class(course, "en", course.modules[0], students)
    twin = tmp_path / "parallel"
    shutil.copytree(course.project_root, twin)
    plain_root, parallel_root = course.course_dir("en"), twin / "course" / "en"

    bin_dir = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    # plain nbgrader, one student after another; it exits 1 because of the broken notebook
    plain = subprocess.run(
        [f"{bin_dir}/nbgrader", "autograde", MODULE], cwd=plain_root, capture_output=True, text=True, env=env
    )
    assert plain.returncode == 1 and "NotJSONError" in plain.stdout + plain.stderr
    report = grade(NbgraderCourse(parallel_root), MODULE, workers=2, progress=False)

    plain_scores = _scores(plain_root)
    parallel_scores = _scores(parallel_root)
    assert set(parallel_scores) == {s.id for s in students}
    assert parallel_scores == plain_scores
    assert len({score for score, _ in parallel_scores.values()}) >= 3  # right, partly and wrong differ
    broken = {s.id for s in students if s.profile == "broken"}
    late = {s.id for s in students if s.profile == "late"}
    assert {o.student for o in report.failed} == broken
    assert all(
        o.reasons == ["the notebook is not valid JSON (damaged, or edited outside Jupyter)"]
        for o in report.failed
    )
    assert {o.student for o in report.flagged} == late
    assert report.backup is not None and report.backup.is_file()
