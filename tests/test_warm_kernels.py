"""Warm kernels (grading/instructor/kernels/zygote.py): each student's kernel is a new process forked
from a zygote that no student's code has touched. Student A, graded first, changes pandas, the
course library and builtins, writes into its scratch folder, and leaves a thread and a process
running; student B, graded next by the same worker, sees none of it."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from helpers import copy_course
from moderation_school.grading.build import build
from moderation_school.grading.dev.synthetic import with_answers
from moderation_school.grading.instructor.autograde.grade import grade
from moderation_school.grading.instructor.kernels.zygote import warm_kernels_available
from moderation_school.grading.nbgrader_glue import NbgraderCourse
from test_hostile import FULL, MODULE, RIGHT

pytestmark = pytest.mark.skipif(
    not warm_kernels_available() and not os.environ.get("CI"),
    reason="warm kernels need root and bubblewrap; CI has both",
)

LEAVE_TRACES = r"""
import builtins, os, threading, time
import pandas
import moderation_school.grading.runtime.checks as checks
pandas.options.display.max_rows = 3
pandas.DataFrame.sum = lambda *a, **k: "patched"
checks.PATCHED_BY_A = True
builtins.round = lambda *a, **k: "patched"
builtins.PATCHED_BY_A = True
open(os.path.join(os.environ["HOME"], "left-by-a.txt"), "w").write("a")
threading.Thread(target=time.sleep, args=(3600,), name="left-by-a", daemon=True).start()
if os.fork() == 0:  # a process left behind (for an hour, or LINGER seconds outside the sandbox)
    os.closerange(0, 3)
    time.sleep(float(os.environ.get("LINGER", 3600)))
    os._exit(0)
"""
OBSERVE = r"""
import builtins, json, os, threading
import pandas
import moderation_school.grading.runtime.checks as checks
seen = {
    "max_rows": pandas.options.display.max_rows,
    "sum": str(pandas.DataFrame({"x": [1, 2]}).sum()),
    "library": hasattr(checks, "PATCHED_BY_A"),
    "round": str(round(2.5)),
    "builtins": hasattr(builtins, "PATCHED_BY_A"),
    "scratch": sorted(os.listdir(os.environ["HOME"])),
    "home": os.environ["HOME"],
    "threads": sorted(t.name for t in threading.enumerate()),
    "started": int(open("/proc/self/stat").read().rsplit(")", 1)[1].split()[19]),
    "parent": os.getppid(),
}
print("SEEN " + json.dumps(seen))
"""
PADDING = "# " + "a" * 20_000 + "\n"  # the larger submission is graded first: A before B


def leaks(a: dict, b: dict) -> list[str]:
    """What of A's doings B saw."""
    checks = {
        "a pandas option": b["max_rows"] == 3,
        "a pandas method": "patched" in b["sum"],
        "a global of the course library": b["library"],
        "a builtin replaced": b["round"] == "patched",
        "a builtin added": b["builtins"],
        "a file in scratch": "left-by-a.txt" in b["scratch"],
        "a thread": "left-by-a" in b["threads"],
        "the same process": b["started"] <= a["started"],
    }
    return [what for what, seen in checks.items() if seen]


def _seen(notebook: Path) -> dict:
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for line in output.get("text", "").splitlines():
                if line.startswith("SEEN "):
                    return json.loads(line[len("SEEN ") :])
    raise AssertionError(f"no observation in {notebook}")


@pytest.fixture(scope="module")
def graded_in_turn(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("warm"), modules=[MODULE])
    build(course, "en", log=lambda *_: None)
    root = course.course_dir("en")
    for student, extra in (("a_first", PADDING + LEAVE_TRACES + OBSERVE), ("b_second", OBSERVE)):
        folder = root / "submitted" / student / MODULE
        shutil.copytree(root / "release" / MODULE, folder)
        (folder / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC")
        path = folder / "exercises.ipynb"
        nb = with_answers(nbformat.read(path, as_version=4), RIGHT)
        nb.cells.append(nbformat.v4.new_code_cell(extra))
        nbformat.write(nb, path)
    report = grade(NbgraderCourse(root), MODULE, workers=1, progress=False)
    seen = {s: _seen(root / "autograded" / s / MODULE / "exercises.ipynb") for s in ("a_first", "b_second")}
    return report, seen


def test_the_next_student_sees_nothing_of_the_last(graded_in_turn):
    report, seen = graded_in_turn
    assert [o.student for o in report.outcomes] == ["a_first", "b_second"]
    assert all(o.ok for o in report.outcomes), [o.reasons for o in report.outcomes]
    assert seen["b_second"]["parent"] == 0  # forked into the sandbox from outside it: warm
    assert leaks(seen["a_first"], seen["b_second"]) == []
    # and the student who did all that was graded as usual
    with NbgraderCourse(report.scores.parent.parent).gradebook() as gb:
        assert gb.find_submission(MODULE, "a_first").score == FULL


def test_nothing_of_the_first_student_outlives_its_kernel(graded_in_turn):
    """A's scratch folder is gone, and no process anywhere still has A's environment."""
    _, seen = graded_in_turn
    home = seen["a_first"]["home"]
    assert not Path(home).exists()
    left = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and f"HOME={home}".encode() in (proc / "environ").read_bytes():
                left.append(proc.name)
        except OSError:
            continue
    assert left == []


def test_the_check_would_see_a_kernel_reused_without_a_fresh_process(tmp_path):
    """The same observations, with A's and B's code run in one process (a kernel reused, as a
    pool that only resets its namespace would): every leak is seen."""
    env = {"HOME": str(tmp_path), "PATH": os.environ["PATH"], "LINGER": "1"}
    program = OBSERVE + LEAVE_TRACES + OBSERVE
    done = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    a, b = (json.loads(line[len("SEEN ") :]) for line in done.stdout.splitlines() if line.startswith("SEEN "))
    assert leaks(a, b) == [
        "a pandas option",
        "a pandas method",
        "a global of the course library",
        "a builtin replaced",
        "a builtin added",
        "a file in scratch",
        "a thread",
        "the same process",
    ]


def test_a_warm_kernel_is_stopped_when_the_notebook_time_is_up(tmp_path):
    """Started inside a grading worker (no launcher process), a warm kernel still gets the
    notebook's wall time: at its end the sandbox is killed and its folders removed."""
    import asyncio
    import time

    from moderation_school.grading.instructor.kernels import sandbox
    from moderation_school.grading.instructor.kernels.kernelspec import KERNEL_NAME, LIMITS_FILE
    from moderation_school.grading.instructor.kernels.prompt_kernel import (
        PromptKernelManager,
        SandboxProvisioner,
    )
    from moderation_school.grading.instructor.kernels.zygote import Zygote

    course = tmp_path / "course"
    workdir = course / "autograded" / "s1" / "a1"
    workdir.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("")
    (course / LIMITS_FILE).write_text(json.dumps({"notebook_seconds": 3}))
    sandbox._give_to_kernel(workdir)
    zygote = Zygote([])
    os.environ[sandbox.ZYGOTE_ENV] = zygote.socket

    async def run():
        km = PromptKernelManager(
            kernel_name=KERNEL_NAME, transport="ipc", ip=str(tmp_path / "ipc" / "kernel")
        )
        await km.start_kernel(cwd=str(workdir))
        assert isinstance(km.provisioner, SandboxProvisioner)
        client = km.client()
        client.start_channels()
        await client.wait_for_ready(timeout=60)
        client.execute("import time\nwhile True: time.sleep(1)")
        pid, scratch = km.provisioner.pid, km.provisioner.process._launch._scratch
        alive_at_start = await km.is_alive()
        deadline = time.monotonic() + 30
        while await km.is_alive() and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        client.stop_channels()
        ended = await km.is_alive()
        await km.shutdown_kernel(now=True)
        return alive_at_start, ended, pid, scratch

    try:
        alive_at_start, ended, pid, scratch = asyncio.run(run())
    finally:
        del os.environ[sandbox.ZYGOTE_ENV]
        zygote.stop()
    assert alive_at_start and not ended
    assert not sandbox._alive(pid)  # the sandbox's placeholder, and with it the kernel
    assert not scratch.exists() and not (tmp_path / "ipc").exists()
