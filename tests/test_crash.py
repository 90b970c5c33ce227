"""A grading run killed with SIGKILL at a random point, then run again, ends with the same
gradebook as a run that was never interrupted."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from helpers import CLASS, CLASS_MODULE, scores_of
from moderation_school.grading.instructor.autograde.grade import grade
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


def _kernel_folders(pids) -> set:
    """The scratch and socket folders that kernels of these processes have in the temporary folder."""
    found = set()
    for pattern in ("modschool-kernel-*", "modschool-ipc-*"):
        found |= {p for p in Path(tempfile.gettempdir()).glob(pattern) if int(p.name.split("-")[2]) in pids}
    return found


def _run_tree(pid) -> set:
    try:
        return {pid, *(p.pid for p in psutil.Process(pid).children(recursive=True))}
    except psutil.Error:
        return {pid}


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
    # kill it once some, but not all, students are graded, while a kernel runs: polled, not guessed
    deadline = time.monotonic() + 300
    while run.poll() is None and time.monotonic() < deadline:
        if _graded_so_far(killed) >= 2 and _kernel_folders(_run_tree(run.pid)):
            break
        time.sleep(0.02)
    assert run.poll() is None, "the run finished before it could be killed"
    pids = _run_tree(run.pid)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    left = _kernel_folders(pids)
    partly = scores_of(killed)
    scored = [sid for sid, (_, cells) in partly.items() if any(score is not None for _, score in cells)]
    assert 2 <= len(scored) < len(CLASS), "the kill must land between the first and the last student"

    report = grade(NbgraderCourse(killed), MODULE, workers=2, progress=False)
    assert {o.student for o in report.failed} == {s.id for s in CLASS if s.profile == "broken"}
    assert scores_of(killed) == scores_of(steady)
    assert len(list((killed / "backups").glob("gradebook-*.db"))) >= 1
    # what the killed run's kernels left in the temporary folder, the next run removed
    assert left and not any(p.exists() for p in left), left


def test_a_worker_killed_mid_batch_costs_no_student(class_00, graded_class_00, tmp_path):
    """A grading worker that dies (killed, out of memory) fails nobody: the students it left are
    graded again, each alone, and the batch ends with the same gradebook."""
    import threading

    shutil.copytree(class_00.project_root, tmp_path / "course")
    course_dir = tmp_path / "course" / "course" / "en"
    result = {}
    run = threading.Thread(
        target=lambda: result.update(
            report=grade(NbgraderCourse(course_dir), MODULE, workers=2, progress=False)
        )
    )
    run.start()
    killed = None
    deadline = time.monotonic() + 300
    while killed is None and run.is_alive() and time.monotonic() < deadline:
        if _graded_so_far(course_dir) >= 1:
            # a worker: a child of the forkserver that is itself a child of this process
            workers = [
                p
                for server in psutil.Process().children()
                if "forkserver" in " ".join(server.cmdline())
                for p in server.children()
            ]
            if workers:
                killed = workers[0].pid
                os.kill(killed, signal.SIGKILL)
        time.sleep(0.05)
    run.join(timeout=600)
    assert killed is not None, "no worker was found to kill before the batch ended"
    report = result["report"]
    assert sorted(o.student for o in report.outcomes) == sorted(s.id for s in CLASS)
    assert {o.student for o in report.failed} == {s.id for s in CLASS if s.profile == "broken"}
    assert scores_of(course_dir) == scores_of(graded_class_00[0].course_dir("en"))
