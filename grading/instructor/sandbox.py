"""The kernel that runs student code during autograde, inside limits.

nbgrader starts this kernel (kernelspec `modschool-sandbox`, set as Execute.kernel_name in
the generated config) in the student's working copy, autograded/<student>/<assignment>/.
The launcher stays as the kernel's parent and:

  * sets resource limits: CPU seconds and address space (memory) for the notebook, file
    size (what a cell may write), no core dumps;
  * puts the kernel in a cgroup (v1 `pids`, where the machine lets root make one) so a
    fork bomb stops at a few dozen processes;
  * kills the kernel when the notebook's wall time runs out;
  * where Debian's bubblewrap (`bwrap`) is installed: runs the kernel with no network
    (its own network namespace; the kernel talks to nbgrader over IPC sockets), the whole
    file system read-only, the course folder (solutions, hidden tests, gradebook, other
    students) and the modules' sources hidden, and only the working copy and a scratch
    folder writable.

What holds where is in the README ("Sandbox").
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .kernelspec import read_limits


def course_root_of(workdir: Path) -> Path | None:
    """The nbgrader course (holding nbgrader_config.py) that this working copy belongs to."""
    for folder in workdir.parents:
        if (folder / "nbgrader_config.py").is_file() and (folder / "autograded").is_dir():
            return folder
    return None


def hidden_paths(workdir: Path) -> list[Path]:
    """Folders student code must not see: the course being graded (sources with solutions,
    hidden tests, the gradebook, other students) and the modules' sources, both for the
    course this working copy belongs to and for the checkout the package runs from."""
    checkout = Path(__file__).resolve().parents[2]  # an editable install runs from the checkout
    candidates = [checkout / "course", checkout / "modules"]
    root = course_root_of(workdir)
    if root is not None:  # <project>/course/<lang>
        candidates += [root.parent, root.parent.parent / "modules"]
    found = []
    for path in candidates:
        if path.is_dir() and path not in found:
            found.append(path)
    return found


def _set_rlimits(limits: dict) -> list[str]:
    """Set the limits; return the names of those the system refused."""
    mb = 1024 * 1024
    cpu = int(limits["notebook_seconds"])
    wanted = (
        (resource.RLIMIT_CPU, (cpu, cpu + 5)),
        (resource.RLIMIT_AS, (limits["memory_mb"] * mb, limits["memory_mb"] * mb)),
        (resource.RLIMIT_FSIZE, (limits["file_mb"] * mb, limits["file_mb"] * mb)),
        (resource.RLIMIT_CORE, (0, 0)),
        # per user, so it binds only when graders do not run as root; the cgroup covers root
        (resource.RLIMIT_NPROC, (limits["processes"] * 8, limits["processes"] * 8)),
    )
    refused = []
    for which, value in wanted:
        try:
            resource.setrlimit(which, value)
        except (ValueError, OSError):  # e.g. macOS refuses RLIMIT_AS: the other limits still hold
            refused.append(which)
    return refused


PIDS_CGROUPS = Path("/sys/fs/cgroup/pids/modschool")


def _join_pids_cgroup(limit: int) -> bool:
    """Best effort: a v1 pids cgroup per kernel (root on Linux); False where there is none."""
    for stale in PIDS_CGROUPS.glob("kernel-*"):  # left by kernels that were killed outright
        with contextlib.suppress(OSError):
            stale.rmdir()  # only succeeds when empty
    try:
        group = PIDS_CGROUPS / f"kernel-{os.getpid()}"
        group.mkdir(parents=True, exist_ok=True)
        (group / "pids.max").write_text(str(limit))
        (group / "cgroup.procs").write_text(str(os.getpid()))
    except OSError:
        return False
    return True


def pids_cgroup_available() -> bool:
    return os.access(PIDS_CGROUPS.parent, os.W_OK) or os.access(PIDS_CGROUPS, os.W_OK)


def protections_summary() -> str:
    """One line saying which protections hold for kernels started on this machine."""
    held, missing = ["time per cell and notebook", "memory, file size"], []
    (held if pids_cgroup_available() else missing).append("process limit (pids cgroup)")
    (held if shutil.which("bwrap") else missing).append("no network, hidden course files (bubblewrap)")
    line = "holds: " + ", ".join(held)
    return line + ("; missing: " + ", ".join(missing) if missing else "")


def bwrap_command(workdir: Path, scratch: Path, connection_file: Path, kernel: list[str]) -> list[str]:
    connection = json.loads(connection_file.read_text())
    ipc = connection.get("transport") == "ipc"
    command = [
        "bwrap",
        "--die-with-parent",
        # without a network of its own the kernel could not reach nbgrader over TCP
        *(["--unshare-net"] if ipc else []),
        "--unshare-ipc",
        "--ro-bind",
        "/",
        "/",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
    ]
    for hidden in hidden_paths(workdir):
        command += ["--tmpfs", str(hidden)]
    command += [
        "--bind",
        str(workdir),
        str(workdir),
        "--bind",
        str(scratch),
        str(scratch),
        # the kernel makes its IPC sockets beside this prefix
        *(["--bind", str(Path(connection["ip"]).parent), str(Path(connection["ip"]).parent)] if ipc else []),
        "--chdir",
        str(workdir),
    ]
    return command + kernel


def _die_with_parent() -> None:
    """Linux: get SIGTERM when the grader that started this kernel dies (say, killed -9),
    so no kernel outlives a crashed grading run."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def main(argv: list[str]) -> int:
    _die_with_parent()
    connection_file = Path(argv[0]).resolve()
    workdir = Path.cwd().resolve()
    limits = read_limits(course_root_of(workdir))
    connection = json.loads(connection_file.read_text())
    ipc_dir = Path(connection["ip"]).parent if connection.get("transport") == "ipc" else None
    if ipc_dir is not None:  # the generated config names it; made only now that a kernel starts
        ipc_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="modschool-kernel-"))
    env = dict(
        os.environ,
        HOME=str(scratch),
        TMPDIR=str(scratch),
        MPLCONFIGDIR=str(scratch),
        IPYTHONDIR=str(scratch / "ipython"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    # ipykernel quits when its parent is not the process in JPY_PARENT_PID; its parent is
    # this launcher, which nbgrader's kernel manager watches and kills, and bwrap dies with it
    env.pop("JPY_PARENT_PID", None)
    kernel = [sys.executable, "-m", "ipykernel_launcher", "-f", str(connection_file)]
    command = bwrap_command(workdir, scratch, connection_file, kernel) if shutil.which("bwrap") else kernel

    def limit_child():
        os.setsid()
        _join_pids_cgroup(int(limits["processes"]))
        _set_rlimits(limits)

    # the kernel talks over its sockets; its stdout only carries a banner for terminals
    child = subprocess.Popen(command, env=env, preexec_fn=limit_child, stdout=subprocess.DEVNULL)

    def stop(*_):
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
    signal.signal(signal.SIGINT, lambda *a: os.killpg(child.pid, signal.SIGINT))
    try:
        return child.wait(timeout=float(limits["notebook_seconds"]))
    except subprocess.TimeoutExpired:
        stop()  # the notebook's wall time is up: nbgrader sees a dead kernel and moves on
        return 1
    finally:
        stop()
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=5)  # reaped, so its cgroup empties
        shutil.rmtree(scratch, ignore_errors=True)
        if ipc_dir is not None:  # the kernel's sockets, then the folder unless another kernel uses it
            for key in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"):
                with contextlib.suppress(OSError, KeyError):
                    os.remove(f"{connection['ip']}-{connection[key]}")
            with contextlib.suppress(OSError):
                ipc_dir.rmdir()
        with contextlib.suppress(OSError):
            (PIDS_CGROUPS / f"kernel-{child.pid}").rmdir()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
