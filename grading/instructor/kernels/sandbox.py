"""The kernel that runs student code during autograde, inside limits.

nbgrader starts this kernel (kernelspec `modschool-sandbox`, set as Execute.kernel_name in
the generated config) in the student's working copy, autograded/<student>/<assignment>/.
The launcher stays as the kernel's parent and:

  * sets resource limits: CPU seconds and address space (memory) for the notebook, file
    size (what a cell may write), no core dumps;
  * puts the kernel in a cgroup (v1 `pids`, where the machine lets root make one) so a
    fork bomb stops at a few dozen processes;
  * kills the kernel when the notebook's wall time runs out;
  * where Debian's bubblewrap (`bwrap`) is installed: runs the kernel in a sandbox built
    from an allow-list (bwrap_command): an empty root with only /usr and the Python
    installation read-only and the working copy, a scratch folder and its socket folder
    writable; its own user, PID, network, IPC and UTS namespaces; a clean environment; and,
    when the grader is root, as uid 65534 with no capabilities and no new privileges.
    Without bwrap, `modschool grade` refuses to run student code (--unsandboxed to insist).

What holds where is in the README ("Sandbox").
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .kernelspec import read_limits


def course_root_of(workdir: Path) -> Path | None:
    """The nbgrader course (holding nbgrader_config.py) that this working copy belongs to."""
    for folder in workdir.parents:
        if (folder / "nbgrader_config.py").is_file() and (folder / "autograded").is_dir():
            return folder
    return None


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


def _pids_cgroup(limit: int, name: str) -> Path | None:
    """Best effort: a v1 pids cgroup of at most ``limit`` processes (root on Linux), None where
    the machine has none."""
    for stale in PIDS_CGROUPS.glob("kernel-*"):  # left by launchers that were killed outright
        maker = stale.name.split("-")[1]
        if not (maker.isdigit() and _alive(int(maker))):  # a live one removes its own
            with contextlib.suppress(OSError):
                stale.rmdir()  # only succeeds when empty
    folder = PIDS_CGROUPS / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "pids.max").write_text(str(limit))
    except OSError:
        return None
    return folder


def _join_cgroup(folder: Path | None) -> bool:
    """Move this process into ``folder``; False where there is none."""
    try:
        (folder / "cgroup.procs").write_text(str(os.getpid()))
    except (OSError, TypeError):
        return False
    return True


def pids_cgroup_available() -> bool:
    return os.access(PIDS_CGROUPS.parent, os.W_OK) or os.access(PIDS_CGROUPS, os.W_OK)


def sandbox_available() -> bool:
    return shutil.which("bwrap") is not None and (os.geteuid() != 0 or shutil.which("setpriv") is not None)


def protections_summary() -> str:
    """One line saying which protections hold for kernels started on this machine."""
    held, missing = ["time per cell and notebook", "memory, file size"], []
    (held if pids_cgroup_available() else missing).append("process limit (pids cgroup)")
    who = "as uid 65534 without capabilities" if os.geteuid() == 0 else "in a user namespace"
    (held if sandbox_available() else missing).append(
        f"allow-listed files, no network, own PID namespace, clean environment, {who} (bubblewrap)"
    )
    line = "holds: " + ", ".join(held)
    return line + ("; missing: " + ", ".join(missing) if missing else "")


UNPRIVILEGED = 65534  # nobody: the kernel's uid and gid inside the sandbox
ZYGOTE_ENV = "MODSCHOOL_ZYGOTE"  # set by a grading worker that runs a zygote (zygote.py)
# a warm kernel's sandbox holds this until the zygote forks the kernel into it; "ready" says
# the sandbox is finished (mounts made, privileges dropped)
HOLDER = ["/bin/sh", "-c", "echo ready; exec sleep infinity"]
# one thread per numerical library: two workers on two cores gain nothing from more, and a
# zygote must hold no threads when it forks (cold kernels get the same, so results agree)
THREAD_LIMITS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# read-only; /etc/fonts is fontconfig's configuration, without which every notebook that draws
# the role-play's chart prints "Fontconfig error" into the grading run's output
SYSTEM_DIRS = ("/usr", "/etc/ld.so.cache", "/etc/localtime", "/etc/alternatives", "/etc/fonts")
MERGED_USR = ("bin", "lib", "lib64", "sbin")  # Debian: /bin -> usr/bin, ...


def readable_roots() -> list[Path]:
    """What the kernel may read, and nothing else: the Python installation, this environment
    and the package's own code (an editable install runs from its two folders of the checkout,
    not from the rest of it)."""
    here = Path(__file__).resolve().parents[2]  # grading/
    roots = [Path(sys.base_prefix), Path(sys.prefix), here, here.parent / "widgets"]
    found = []
    for path in (p.resolve() for p in roots):
        if path.exists() and not any(path.is_relative_to(r) for r in found):
            found = [r for r in found if not r.is_relative_to(path)] + [path]
    return found


def _dirs_for(path: Path) -> list[str]:
    """bwrap makes a bind's missing parents 0700, out of reach of an unprivileged uid: make
    each parent readable first."""
    parts = []
    for parent in reversed(path.parents):
        if str(parent) != "/":
            parts += ["--perms", "0755", "--dir", str(parent)]
    return parts


def bwrap_command(
    workdir: Path,
    scratch: Path,
    connection_file: Path,
    kernel: list[str],
    env: dict[str, str],
    drop: bool = True,
) -> list[str]:
    """An allow-list: an empty root, then read-only the system's /usr and the Python installation,
    writable only the working copy, a scratch folder and the kernel's socket folder. Every
    namespace of its own, no environment but ``env``, and as root a drop to uid 65534 with no
    capabilities and no new privileges before the kernel starts (``drop``: a warm kernel's
    placeholder stays root, so that the kernel, which drops by itself, cannot kill it)."""
    connection = json.loads(connection_file.read_text())
    command = [
        "bwrap",
        "--die-with-parent",
        "--new-session",
        # as root, a user namespace would map nobody inside to root outside: root drops to the
        # real uid 65534 instead (setpriv, below); a user gets a user namespace of its own
        *(
            ["--unshare-user", "--uid", str(UNPRIVILEGED), "--gid", str(UNPRIVILEGED), "--cap-drop", "ALL"]
            if os.geteuid() != 0
            else []
        ),
        "--unshare-pid",
        "--unshare-net",  # the kernel talks to nbgrader over IPC sockets, never TCP
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--clearenv",
        "--tmpfs",
        "/",
        "--dev",
        "/dev",
        "--proc",
        "/proc",
    ]
    for name in MERGED_USR:
        if Path(f"/{name}").is_symlink():
            command += ["--symlink", os.readlink(f"/{name}"), f"/{name}"]
    command += ["--perms", "0755", "--dir", "/etc"]
    for path in SYSTEM_DIRS:
        command += ["--ro-bind-try", path, path]
    for root in readable_roots():
        command += [*_dirs_for(root), "--ro-bind", str(root), str(root)]
    writable = [workdir, scratch]
    if connection.get("transport") == "ipc":
        writable.append(Path(connection["ip"]).parent)
    for path in writable:
        command += [*_dirs_for(path), "--bind", str(path), str(path)]
    for name, value in env.items():
        command += ["--setenv", name, value]
    command += ["--chdir", str(workdir)]
    if os.geteuid() == 0 and drop:  # bwrap keeps every capability for root: drop to nobody for real
        command += [
            "setpriv",
            f"--reuid={UNPRIVILEGED}",
            f"--regid={UNPRIVILEGED}",
            "--clear-groups",
            "--inh-caps=-all",
            "--bounding-set=-all",
            "--no-new-privs",
        ]
    return command + kernel


def matplotlib_cache_dir() -> Path:
    """matplotlib's font list, built once per environment (under a lock: workers start at once)."""
    import fcntl

    template = Path(sys.prefix) / "share" / "modschool" / "matplotlib-cache"
    try:
        template.mkdir(parents=True, exist_ok=True)
        if not os.access(template, os.W_OK):
            raise PermissionError(template)
    except OSError:  # an instructor grading with root's environment: a cache of their own
        template = Path.home() / ".cache" / "modschool" / "matplotlib-cache"
        template.mkdir(parents=True, exist_ok=True)
    with open(template / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not any(template.glob("fontlist-*.json")):
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "MPLCONFIGDIR": str(template)}
            subprocess.run(
                [sys.executable, "-c", "import matplotlib.font_manager"],
                env=env,
                capture_output=True,
                timeout=300,
            )
    return template


def _matplotlib_cache(scratch: Path) -> None:
    """A cold kernel's MPLCONFIGDIR is its scratch: copy the font list there, or every sandboxed
    kernel that draws a chart rebuilds it."""
    for cache in matplotlib_cache_dir().glob("fontlist-*.json"):
        shutil.copyfile(cache, scratch / cache.name)


def _give_to_kernel(*paths: Path) -> None:
    """As root, the kernel runs as nobody: let it write its working copy, scratch and sockets."""
    if os.geteuid() != 0:
        return
    for path in paths:
        for folder, _dirs, files in os.walk(path):
            for name in [folder, *(os.path.join(folder, f) for f in files)]:
                with contextlib.suppress(OSError):
                    os.lchown(name, UNPRIVILEGED, UNPRIVILEGED)


def _die_with_parent() -> None:
    """Linux: get SIGTERM when the grader that started this kernel dies (say, killed -9),
    so no kernel outlives a crashed grading run."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class KernelLaunch:
    """One sandboxed kernel as the launcher makes it: the limits of its course, a scratch folder,
    the connection file as a copy the kernel's uid can read, a clean environment, the working
    copy given to the kernel, then the kernel (Sandboxed). Made by the kernelspec's own process
    (main) or, for warm kernels, inside a grading worker (prompt_kernel.py); close() stops the
    kernel and removes what was made for it."""

    def __init__(self, connection_file: Path, workdir: Path, zygote: str | None = None):
        self.limits = read_limits(course_root_of(workdir))
        self.seconds = float(self.limits["notebook_seconds"])  # the notebook's wall time
        self._connection = json.loads(connection_file.read_text())
        ipc = self._connection.get("transport") == "ipc"
        self._ipc_dir = Path(self._connection["ip"]).parent if ipc else None
        if self._ipc_dir is not None:  # the generated config names it; made only now that a kernel starts
            self._ipc_dir.mkdir(parents=True, exist_ok=True)
        _sweep_leftovers()
        self._scratch = Path(tempfile.mkdtemp(prefix=f"modschool-kernel-{os.getpid()}-"))
        self.kernel = None
        try:
            self.kernel = self._start(connection_file, workdir, zygote)
        except BaseException:
            self.close()
            raise

    def _start(self, connection_file: Path, workdir: Path, zygote: str | None):
        scratch = self._scratch
        # the kernel's own environment: nothing of the grader's (tokens, passwords) crosses
        env = {
            "HOME": str(scratch),
            "TMPDIR": str(scratch),
            "MPLCONFIGDIR": str(scratch),
            "IPYTHONDIR": str(scratch / "ipython"),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            **THREAD_LIMITS,
        }
        own_connection = scratch / "connection.json"  # the grader's is mode 0600
        shutil.copyfile(connection_file, own_connection)
        python_args = ["-m", "ipykernel_launcher", "-f", str(own_connection)]
        if zygote:  # no history database: nobody reads a graded kernel's history, and it costs a file
            # and a thread (a cold kernel keeps it: without it, IPython's exit takes over a second)
            python_args.append("--HistoryManager.enabled=False")
        else:
            _matplotlib_cache(scratch)
        if sandbox_available():
            _give_to_kernel(workdir, scratch, *([self._ipc_dir] if self._ipc_dir else []))
        return Sandboxed(workdir, scratch, own_connection, python_args, env, self.limits, zygote=zygote)

    def close(self) -> None:
        if self.kernel is not None:
            self.kernel.stop()
        shutil.rmtree(self._scratch, ignore_errors=True)
        if self._ipc_dir is not None:  # the kernel's sockets, then the folder unless another kernel uses it
            for key in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"):
                with contextlib.suppress(OSError, KeyError):
                    os.remove(f"{self._connection['ip']}-{self._connection[key]}")
            with contextlib.suppress(OSError):
                self._ipc_dir.rmdir()


@functools.cache  # once per process
def _sweep_leftovers() -> None:
    """Remove what kernels left in the temporary folder when the process that made them was
    killed outright (kill -9 of a grading run): scratch and socket folders named by the pid of
    a process that is gone."""
    for pattern in ("modschool-kernel-*", "modschool-ipc-*"):
        for path in Path(tempfile.gettempdir()).glob(pattern):
            maker = path.name.split("-")[2]
            if maker.isdigit() and not _alive(int(maker)):
                shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    """A running process (a killed one waits as a zombie until it is reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def main(argv: list[str]) -> int:
    """The kernelspec's process: the kernel's parent until it ends or its wall time is up."""
    _die_with_parent()
    zygote = os.environ.get(ZYGOTE_ENV) if sandbox_available() and os.geteuid() == 0 else None
    launch = KernelLaunch(Path(argv[0]).resolve(), Path.cwd().resolve(), zygote=zygote)
    signal.signal(signal.SIGTERM, lambda *a: (launch.close(), sys.exit(0)))
    signal.signal(signal.SIGINT, lambda *a: launch.kernel.interrupt())
    try:
        return launch.kernel.wait(timeout=launch.seconds)
    except TimeoutError:
        return 1  # the notebook's wall time is up: nbgrader sees a dead kernel and moves on
    finally:
        launch.close()


class Sandboxed:
    """``python <python_args>`` in the sandbox (bwrap_command) and the limits: started cold, or,
    given a zygote's socket, forked warm into the sandbox of a placeholder (zygote.py)."""

    def __init__(self, workdir, scratch, connection_file, python_args, env, limits, **options):
        """options: ``zygote`` (its socket: start warm), ``stdout`` and ``stderr`` (file
        descriptors; default: nothing, and the launcher's stderr)."""
        zygote, stdout, stderr = (options.get(k) for k in ("zygote", "stdout", "stderr"))
        self._warm = self._first = None
        inside = HOLDER if zygote else [sys.executable, *python_args]
        sandboxed = sandbox_available()
        if sandboxed:
            command = bwrap_command(workdir, scratch, connection_file, inside, env, drop=not zygote)
            child_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        else:  # `modschool grade` refuses this unless told --unsandboxed; plain nbgrader gets limits only
            command = inside
            child_env = {**env, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        info_read, info_write = os.pipe() if sandboxed else (None, None)
        if sandboxed:  # bubblewrap reports the pid of the sandbox's first process (its init) here
            command = [command[0], "--info-fd", str(info_write), *command[1:]]
        self._group = _pids_cgroup(int(limits["processes"]), f"kernel-{os.getpid()}-{id(self):x}")

        def limit_child():
            _join_cgroup(self._group)
            _set_rlimits(limits)

        # a kernel talks over its sockets; its stdout only carries a banner for terminals
        out = stdout if stdout is not None else subprocess.DEVNULL
        self.holder = subprocess.Popen(
            command,
            env=child_env,
            start_new_session=True,
            # a warm kernel's child joins the group and takes the limits itself (zygote.py), so the
            # placeholder starts without Python code between fork and exec: a grading worker that
            # starts it has threads (zmq's), and such code could deadlock there
            preexec_fn=None if zygote else limit_child,
            stdout=subprocess.PIPE if zygote else out,
            stderr=stderr,
            pass_fds=[info_write] if sandboxed else [],
        )
        try:
            if sandboxed:
                os.close(info_write)
                with os.fdopen(info_read) as info:
                    self._first = json.loads(info.read() or "{}").get("child-pid")
            if zygote:
                self._warm = self._fork(zygote, workdir, env, python_args, limits, out, stderr)
        except BaseException:
            self.stop()
            raise

    def _fork(self, zygote, workdir, env, python_args, limits, stdout, stderr):
        from .zygote import fork_kernel

        if self.holder.stdout.readline().strip() != b"ready" or not self._first:
            raise RuntimeError("the sandbox did not start")  # "ready": its mounts are made
        request = {
            "holder_pid": self._first,
            "workdir": str(workdir),
            "env": env,
            "args": python_args,
            "limits": limits,
            "uid": UNPRIVILEGED,
            "cgroup": str(self._group) if self._group else None,
        }
        with contextlib.ExitStack() as files:
            stdin = files.enter_context(open(os.devnull, "rb")).fileno()
            if stdout == subprocess.DEVNULL:
                stdout = files.enter_context(open(os.devnull, "wb")).fileno()
            return fork_kernel(zygote, request, [stdin, stdout, 2 if stderr is None else stderr])

    def wait(self, timeout: float) -> int:
        """The kernel's exit code; TimeoutError when it still runs after ``timeout`` seconds."""
        if self._warm is not None:
            return self._warm.wait(timeout)
        try:
            return self.holder.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise TimeoutError from None

    def interrupt(self) -> None:
        """SIGINT to the kernel itself (nbgrader interrupts a cell that runs out of time, and
        grades on), not to the sandbox around it."""
        if self._warm is not None:
            self._warm.interrupt()
            return
        targets = _children(self._first) if self._first else []  # the cold kernel: init's child
        for pid in targets or [-self.holder.pid]:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGINT)

    def stop(self) -> None:
        """Kill the sandbox, and with its first process every process in it, warm kernel too."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.holder.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.holder.wait(timeout=5)  # reaped, so its cgroup empties
        for _ in range(100) if self._group else ():  # emptied once the kernel is reaped
            try:
                self._group.rmdir()
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(0.01)


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
