"""Each line of the README's sandbox table, proven from inside the sandbox: a probe runs as the
kernel would (the same bwrap command, the same environment) and reports what it could do."""

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import ROOT
from moderation_school.grading.instructor.kernels import sandbox
from moderation_school.grading.instructor.kernels.kernelspec import DEFAULT_LIMITS
from moderation_school.grading.instructor.kernels.zygote import Zygote, warm_kernels_available

PROBE = r"""
import ctypes, json, os, socket, sys
found = {}
found["uid"] = os.getuid()
status = open("/proc/self/status").read()
caps = ("CapEff", "CapPrm", "CapBnd")
found["caps"] = [line.split()[1] for line in status.splitlines() if line.startswith(caps)]
found["no_new_privs"] = [line.split()[1] for line in status.splitlines() if line.startswith("NoNewPrivs")]
found["processes"] = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
libc = ctypes.CDLL(None, use_errno=True)
found["umount"] = libc.umount2(b"/usr", 2) == 0
found["remount"] = libc.mount(None, b"/", None, 32 | 4096, None) == 0  # MS_REMOUNT | MS_BIND
found["environment"] = sorted(os.environ)
found["secret"] = os.environ.get("MODSCHOOL_TEST_SECRET")
readable = {}
for path in json.loads(sys.argv[1]):
    try:
        readable[path] = bool(os.listdir(path)) if os.path.isdir(path) else bool(open(path).read(1))
    except OSError:
        readable[path] = False
found["readable"] = readable
written = {}
for path in json.loads(sys.argv[2]):
    try:
        open(path, "w").write("x")
        written[path] = True
    except OSError:
        written[path] = False
found["written"] = written
try:
    socket.create_connection(("127.0.0.1", int(sys.argv[3])), 2).close()
    found["network"] = True
except OSError:
    found["network"] = False
import pandas, ipykernel, moderation_school.grading.checks  # what a student's kernel needs
found["imports"] = True
import io, matplotlib  # the role-play's trust chart: matplotlib asks fontconfig for the fonts
matplotlib.use("Agg")
from matplotlib.figure import Figure
figure = Figure()
figure.subplots().set_title("trust")
figure.savefig(io.BytesIO(), format="png")
print(json.dumps(found))
"""

pytestmark = pytest.mark.skipif(
    not sandbox.sandbox_available() and not os.environ.get("CI"),
    reason="needs bubblewrap (apt-get install bubblewrap); CI installs it",
)


@pytest.fixture(scope="module", params=["cold", "warm"])
def probed(request, tmp_path_factory):
    """What the probe could do, run as a kernel of a course under grading is run: started cold
    in the sandbox, or forked warm into it by a zygote (zygote.py), as `modschool grade` does."""
    if request.param == "warm" and not warm_kernels_available():
        pytest.skip("warm kernels need root and bubblewrap")
    base = tmp_path_factory.mktemp("sandbox")
    course_dir = base / "course" / "en"
    workdir = course_dir / "autograded" / "student" / "00-module"
    (course_dir / "source" / "00-module").mkdir(parents=True)
    (course_dir / "source" / "00-module" / "exercises.ipynb").write_text("solutions")
    (course_dir / "gradebook.db").write_text("grades")
    (course_dir / "autograded" / "other" / "00-module").mkdir(parents=True)
    (course_dir / "autograded" / "other" / "00-module" / "exercises.ipynb").write_text("theirs")
    workdir.mkdir(parents=True)
    scratch, ipc = base / "scratch", base / "ipc"
    scratch.mkdir()
    ipc.mkdir()
    connection = base / "connection.json"
    connection.write_text(json.dumps({"transport": "ipc", "ip": str(ipc / "kernel")}))
    outside = [
        str(ROOT / "tests"),
        str(ROOT / ".git"),
        str(ROOT / "course"),
        str(ROOT / "modules"),
        str(course_dir / "source" / "00-module" / "exercises.ipynb"),
        str(course_dir / "gradebook.db"),
        str(course_dir / "autograded" / "other" / "00-module" / "exercises.ipynb"),
        str(Path.home()),
        "/etc/shadow",
        *[str(p) for p in Path("/root").glob(".*rc")][:2],  # the real home's files (not the folders
    ]  # bwrap makes on the way to an allow-listed Python installation under it)
    Path("/tmp/modschool-escaped.txt").unlink(missing_ok=True)  # this test's own marker, if left
    writes = [
        str(workdir / "mine.txt"),
        str(scratch / "scratch.txt"),
        str(course_dir / "gradebook.db"),
        str(base / "outside.txt"),
        "/usr/escaped.txt",
        "/tmp/modschool-escaped.txt",
    ]
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    threading.Thread(target=lambda: listener.accept(), daemon=True).start()
    port = listener.getsockname()[1]
    sandbox._give_to_kernel(workdir, scratch, ipc)
    env = {"HOME": str(scratch), "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": "C.UTF-8"}
    args = ["-c", PROBE, json.dumps(outside), json.dumps(writes), str(port)]
    if request.param == "cold":
        command = sandbox.bwrap_command(workdir, scratch, connection, [sys.executable, *args], env)
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env={"PATH": os.environ["PATH"], "MODSCHOOL_TEST_SECRET": "s3cr3t"},
            timeout=120,
        )
        code, stdout, stderr = done.returncode, done.stdout, done.stderr
    else:
        code, stdout, stderr = _run_warm(workdir, scratch, connection, args, env)
    listener.close()
    assert code == 0, stderr[-3000:]
    found = json.loads(stdout.strip().splitlines()[-1])
    found["stderr"] = stderr
    return found, outside, writes


def _run_warm(workdir, scratch, connection, args, env):
    """The probe forked by a zygote into the sandbox, with a secret in the grader's environment."""
    zygote = Zygote([])
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    os.environ["MODSCHOOL_TEST_SECRET"] = "s3cr3t"
    try:
        kernel = sandbox.Sandboxed(
            workdir,
            scratch,
            connection,
            args,
            env,
            dict(DEFAULT_LIMITS),
            zygote=zygote.socket,
            stdout=out_write,
            stderr=err_write,
        )
        os.close(out_write)
        os.close(err_write)
        code = kernel.wait(timeout=120)
        kernel.stop()  # the placeholder, which holds stderr too
        with os.fdopen(out_read) as out, os.fdopen(err_read) as err:
            stdout, stderr = out.read(), err.read()
    finally:
        del os.environ["MODSCHOOL_TEST_SECRET"]
        zygote.stop()
    return code, stdout, stderr


def test_the_kernel_has_no_capabilities_and_no_new_privileges(probed):
    found, *_ = probed
    assert found["caps"] == ["0000000000000000"] * 3
    assert found["no_new_privs"] == ["1"]
    if os.geteuid() == 0:  # the grader is root: the kernel is not
        assert found["uid"] == sandbox.UNPRIVILEGED


def test_the_kernel_cannot_unmount_or_remount(probed):
    found, *_ = probed
    assert not found["umount"] and not found["remount"]


def test_the_kernel_sees_no_other_process(probed):
    found, *_ = probed
    assert len(found["processes"]) <= 3, found["processes"]  # bwrap's init, the probe (and setpriv's)
    assert os.getpid() not in found["processes"] or os.getpid() <= 3


def test_the_kernel_cannot_read_outside_its_allow_list(probed):
    found, outside, _ = probed
    assert found["readable"] == dict.fromkeys(outside, False)
    assert found["imports"]  # while the Python installation and the course package are there


def test_the_kernel_environment_is_clean(probed):
    found, *_ = probed
    assert found["secret"] is None
    assert set(found["environment"]) <= {"HOME", "PATH", "LANG", "PWD"}


def test_the_kernel_writes_only_its_working_copy_and_scratch(probed):
    """Judged outside, after the run: a write into the sandbox's own empty root is thrown away."""
    found, _, writes = probed
    assert found["written"][writes[0]] and found["written"][writes[1]]
    assert Path(writes[0]).read_text() == "x"  # the working copy is the real one
    assert Path(writes[2]).read_text() == "grades"  # the gradebook is untouched
    for path in writes[3:]:
        assert not Path(path).exists(), path


def test_the_kernel_has_no_network(probed):
    found, *_ = probed
    assert found["network"] is False


def test_the_kernel_draws_a_chart_without_noise(probed):
    """fontconfig reads its configuration (/etc/fonts, read-only): no "Fontconfig error" in the
    middle of a grading run's output for every notebook that draws the role-play's chart."""
    found, *_ = probed
    assert "Fontconfig" not in found["stderr"], found["stderr"][-2000:]
