"""Parallel autograde gives exactly the scores of plain `nbgrader autograde`."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import CLASS, CLASS_MODULE, scores_of


def test_parallel_scores_equal_plain_nbgrader_autograde(class_00, graded_class_00, tmp_path):
    shutil.copytree(class_00.project_root, tmp_path / "plain")
    plain_dir = tmp_path / "plain" / "course" / "en"
    graded, report = graded_class_00

    bin_dir = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    # plain nbgrader, one student after another; it exits 1 because of the broken notebook
    plain = subprocess.run(
        [f"{bin_dir}/nbgrader", "autograde", CLASS_MODULE],
        cwd=plain_dir,
        capture_output=True,
        text=True,
        env=env,
    )
    assert plain.returncode == 1 and "NotJSONError" in plain.stdout + plain.stderr

    plain_scores = scores_of(plain_dir)
    parallel_scores = scores_of(graded.course_dir("en"))
    assert set(parallel_scores) == {s.id for s in CLASS}
    assert parallel_scores == plain_scores
    assert len({score for score, _ in parallel_scores.values()}) >= 3  # right, partly and wrong differ
    broken = {s.id for s in CLASS if s.profile == "broken"}
    late = {s.id for s in CLASS if s.profile == "late"}
    assert {o.student for o in report.failed} == broken
    assert all(
        o.reasons == ["the notebook is not valid JSON (damaged, or edited outside Jupyter)"]
        for o in report.failed
    )
    # flagged: exactly the late ones; an honest submission carries no reason
    assert {o.student for o in report.flagged} == late
    assert all(o.reasons == ["late submission"] for o in report.flagged)
    assert report.backup is not None and report.backup.is_file()


def test_the_report_says_which_protections_held(graded_class_00, monkeypatch):
    """A missing bubblewrap is said in the grading report, not silently skipped."""
    from moderation_school.grading.instructor.kernels import sandbox

    _, report = graded_class_00
    assert report.protections.startswith("holds: ") and "sandbox: holds: " in report.table()
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    assert "missing: " in sandbox.protections_summary() and "bubblewrap" in sandbox.protections_summary()
