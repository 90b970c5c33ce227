"""Warm sandboxed kernels: a process that has imported what the course's notebooks import, and
forks a fresh kernel into each student's sandbox.

A cold kernel spends most of a graded notebook's time starting Python and importing pandas,
matplotlib, IPython and the course package. Here each grading worker starts one zygote (as
root, with a clean environment, student code never runs in it) that imports them once. For
every notebook the kernel launcher (sandbox.py) still builds the student's own bubblewrap
sandbox from the same allow-list, with a placeholder process in it, and asks the zygote:

    zygote ──fork──> C: joins the kernel's pids cgroup and resource limits, enters the
                        placeholder's mount, PID, network, IPC, UTS and cgroup namespaces,
                        drops to uid 65534 with no capabilities and no new privileges
                     C ──fork──> K: the kernel, inside the sandbox's PID namespace, with a
                        clean environment and only stdin/stdout/stderr open, runs
                        `python <args>` (ipykernel) from the warm interpreter

Every student's kernel is a new process forked from the untouched zygote: nothing another
student's code did (globals, builtins, threads, files in scratch) can reach it, and the
sandbox dies, kernel and all, with its placeholder. The warm path needs root (to enter
namespaces); as an ordinary user, and under plain `nbgrader autograde`, kernels start cold
with the same sandbox.
"""

from __future__ import annotations

import ast
import contextlib
import ctypes
import json
import os
import signal
import socket
import struct
import sys
from pathlib import Path

NAMESPACES = ("pid", "net", "ipc", "uts", "cgroup", "mnt")  # mnt last: it changes the root
# imported by every graded notebook (the rest are found in the assignment's notebooks)
PRELOAD = (
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "IPython.core.interactiveshell",
    "IPython.core.history",
    "ipykernel.debugger",  # the kernel's start imports the debugger (debugpy), sqlite3, pdb
    "debugpy",
    "sqlite3",
    "pdb",
    "pydoc",
    "faulthandler",
    "psutil",
    "tornado.platform.asyncio",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.oinspect",
    "IPython.extensions.storemagic",
    "IPython.utils.wildcard",
    "ipywidgets",
    "yaml",
    "moderation_school.grading.runtime.checks",
    "moderation_school.grading.runtime.report",
    "moderation_school.widgets.app",
    "moderation_school.widgets.chart",
)

_libc = ctypes.CDLL(None, use_errno=True)
PR_SET_NO_NEW_PRIVS = 38
PR_CAPBSET_DROP = 24
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
CAPABILITY_VERSION_3 = 0x20080522


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def imports_of(notebooks: list[Path]) -> list[str]:
    """Top-level modules the code cells of these (instructor's) notebooks import."""
    names = set()
    for path in notebooks:
        with contextlib.suppress(OSError, ValueError):
            for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
                if cell.get("cell_type") != "code":
                    continue
                source = "".join(cell.get("source", ""))
                lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
                with contextlib.suppress(SyntaxError):
                    for node in ast.walk(ast.parse("\n".join(lines))):
                        if isinstance(node, ast.Import):
                            names.update(a.name for a in node.names)
                        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                            names.add(node.module)
    return sorted(names)


def zygote_environment(scratch: Path) -> dict[str, str]:
    """What the zygote imports with: nothing of the grader's (tokens, passwords), and
    matplotlib's configuration in the environment's font cache (read-only in the sandbox)."""
    from .sandbox import THREAD_LIMITS, matplotlib_cache_dir

    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "HOME": str(scratch),
        "MPLCONFIGDIR": str(matplotlib_cache_dir()),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",  # as ipykernel sets it
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",  # debugpy's note on frozen modules, once per worker
        **THREAD_LIMITS,
    }


# --- the zygote -----------------------------------------------------------------------------


def serve(socket_path: str, modules: list[str]) -> None:
    """Import, then fork a child for each launcher that connects."""
    from .sandbox import _die_with_parent

    _die_with_parent()  # the grading worker's end is the zygote's
    for name in (*PRELOAD, *modules):
        with contextlib.suppress(Exception):  # a module a notebook names may not exist
            __import__(name)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    listener.listen(16)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children reaped by the system
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        connection, _ = listener.accept()
        if os.fork() == 0:
            listener.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                _child(connection)
            finally:
                os._exit(70)
        connection.close()


def _receive(connection: socket.socket) -> tuple[dict, list[int]]:
    (size,) = struct.unpack("!I", connection.recv(4, socket.MSG_WAITALL))
    data, fds, _flags, _addr = socket.recv_fds(connection, size, 16, socket.MSG_WAITALL)
    return json.loads(data.decode()), fds


def _send(connection: socket.socket, message: dict) -> None:
    with contextlib.suppress(OSError):
        connection.sendall(json.dumps(message).encode() + b"\n")


def _drop_privileges(uid: int) -> None:
    """What setpriv --reuid --regid --clear-groups --inh-caps=-all --bounding-set=-all
    --no-new-privs does for the cold kernel."""
    last_cap = int(Path("/proc/sys/kernel/cap_last_cap").read_text())
    for cap in range(last_cap + 1):
        _check(_libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0), "drop a capability")
    _check(_libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "clear ambient capabilities")
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)  # from root: the permitted and effective sets are emptied
    header = (ctypes.c_uint32 * 2)(CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable: none, twice (64 bits)
    _check(_libc.capset(header, data), "clear capabilities")
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no new privileges")


def _child(connection: socket.socket) -> None:
    """C: enter the sandbox, drop privileges, fork the kernel, report how it ended."""
    from .sandbox import _join_cgroup, _set_rlimits

    request, fds = _receive(connection)
    namespaces, stdio = fds[: len(NAMESPACES)], fds[len(NAMESPACES) :]
    os.setsid()
    _join_cgroup(request["cgroup"] and Path(request["cgroup"]))
    _set_rlimits(request["limits"])
    for fd in namespaces:
        _check(_libc.setns(fd, 0), "enter the sandbox")
        os.close(fd)
    os.chdir(request["workdir"])
    _drop_privileges(int(request["uid"]))
    kernel = os.fork()  # the first process of this child in the sandbox's PID namespace
    if kernel == 0:
        connection.detach()  # closed below with every other descriptor, never by this object
        for target, fd in enumerate(stdio):
            os.dup2(fd, target)
        os.closerange(3, 65536)  # the launcher's connection and anything else the zygote held
        _run_python(request["args"], request["env"], request["workdir"])
    for fd in stdio:
        os.close(fd)
    _send(connection, {"pid": kernel})
    _pid, status = os.waitpid(kernel, 0)
    _send(connection, {"exit": os.waitstatus_to_exitcode(status)})
    os._exit(0)


def _run_python(args: list[str], env: dict[str, str], workdir: str) -> None:
    """K: `python <args>` in this warm interpreter (``-m module ...`` or ``-c code ...``)."""
    import runpy

    code = 1
    try:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE):
            signal.signal(signum, signal.SIG_DFL if signum != signal.SIGINT else signal.default_int_handler)
        os.environ.clear()
        os.environ.update(env)
        sys.path[0] = workdir  # as `python -m` puts the working directory first
        with contextlib.suppress(ImportError):
            import numpy

            numpy.random.seed()  # a fresh process draws fresh entropy; a forked one must ask
        mode, target, *rest = args
        sys.argv = [target if mode == "-m" else "-c", *rest]
        if mode == "-m":
            runpy.run_module(target, run_name="__main__", alter_sys=True)
        else:
            exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


# --- the launcher's side --------------------------------------------------------------------


class WarmKernel:
    """A kernel the zygote forked into a sandbox: its host pid, and how it ended."""

    def __init__(self, connection: socket.socket):
        self._connection = connection
        self._received = b""
        self.returncode = None
        line = self._line(timeout=None)
        self.pid = json.loads(line).get("pid") if line else None

    def _line(self, timeout: float | None) -> bytes | None:
        """The zygote's child's next line; None when it has gone; TimeoutError when nothing
        came within ``timeout`` seconds (0: do not wait)."""
        while b"\n" not in self._received:
            self._connection.settimeout(timeout)
            try:
                chunk = self._connection.recv(4096)
            except (TimeoutError, BlockingIOError):
                raise TimeoutError from None
            if not chunk:
                return None
            self._received += chunk
        line, self._received = self._received.split(b"\n", 1)
        return line

    def wait(self, timeout: float) -> int:
        """The kernel's exit code; TimeoutError when it still runs after ``timeout`` seconds."""
        if self.returncode is None:
            line = self._line(timeout)
            code = json.loads(line).get("exit") if line else None
            self.returncode = 1 if code is None else int(code)
        return self.returncode

    def interrupt(self) -> None:
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGINT)


def fork_kernel(socket_path: str, request: dict, stdio: list[int]) -> WarmKernel:
    """Ask the zygote for a kernel in the sandbox whose first process is
    ``request['holder_pid']`` (bubblewrap reported it), with these stdin, stdout, stderr."""
    pid = request.pop("holder_pid")
    namespaces = [os.open(f"/proc/{pid}/ns/{name}", os.O_RDONLY) for name in NAMESPACES]
    try:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(socket_path)
        data = json.dumps(request).encode()
        connection.sendall(struct.pack("!I", len(data)))
        socket.send_fds(connection, [data], [*namespaces, *stdio])
    finally:
        for fd in namespaces:
            os.close(fd)
    return WarmKernel(connection)


# --- the grading worker's side --------------------------------------------------------------


class Zygote:
    """One zygote for this process (a grading worker), stopped with it."""

    def __init__(self, modules: list[str]):
        import subprocess
        import tempfile

        self.folder = Path(tempfile.mkdtemp(prefix="modschool-zygote-"))  # 0700: root's only
        self.socket = str(self.folder / "socket")
        scratch = self.folder / "home"
        scratch.mkdir()
        self.process = subprocess.Popen(
            [sys.executable, "-m", __name__, self.socket, *modules],
            env=zygote_environment(scratch),
            cwd="/",
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.process.stdout.readline().strip() != "ready":
            self.stop()
            raise RuntimeError("the warm kernel process did not start")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        import shutil

        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def warm_kernels_available() -> bool:
    """Entering a sandbox's namespaces needs root; bubblewrap builds the sandbox."""
    from .sandbox import sandbox_available

    return sys.platform == "linux" and os.geteuid() == 0 and sandbox_available()


if __name__ == "__main__":
    serve(sys.argv[1], sys.argv[2:])
