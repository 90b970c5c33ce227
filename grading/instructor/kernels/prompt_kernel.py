"""A kernel manager and client that wait for what they wait for, not for a fixed time, and
start a warm kernel without a launcher process.

jupyter_client's `wait_for_ready` ends with "flush IOPub": it reads until 0.2 s pass with no
message, so every graded notebook waits 0.2 s after its kernel is ready. Shutting down, it
polls the kernel's process every 0.1 s. And every kernel starts with a launcher process
(the kernelspec's, sandbox.py), a Python start of its own. `modschool grade` sets these
classes in its workers' configuration (grade.py); where the worker has a zygote, the
launcher's work (sandbox.KernelLaunch) is done in the worker itself (SandboxProvisioner).
Plain `nbgrader autograde` keeps jupyter_client's own classes and the launcher.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
import uuid
from pathlib import Path
from queue import Empty

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from jupyter_client.utils import ensure_async
from traitlets import DottedObjectName, Type, default

RECONNECT_MS = 5
QUIET = 0.2  # jupyter_client's wait for silence on IOPub, kept as the limit of each wait here


class PromptKernelClient(AsyncKernelClient):
    @default("context")
    def _context_default(self):
        """zmq retries a connection every 0.1 s; the client connects before the kernel has made
        its sockets (some 50 ms after it starts), so try again sooner."""
        context = super()._context_default()
        context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)
        return context

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        """As jupyter_client's: ask kernel_info until the kernel answers and IOPub shows it is
        connected; then read IOPub only up to that request's 'idle' (the last message the
        start sends), instead of until 0.2 s of silence."""
        deadline = time.time() + (float("inf") if timeout is None else timeout)
        while True:
            request = self.kernel_info()
            try:
                reply = await ensure_async(self.shell_channel.get_msg(timeout=1))
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:  # IOPub connected? If nothing arrives, start over (as jupyter_client does)
                    seen = await ensure_async(self.iopub_channel.get_msg(timeout=QUIET))
                except Empty:
                    seen = None
                if seen is not None:
                    self._handle_kernel_info_reply(reply)
                    break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.time() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
        while not _closes(seen, request) and seen.get("msg_type") != "iopub_welcome":
            try:
                seen = await ensure_async(self.iopub_channel.get_msg(timeout=QUIET))
            except Empty:
                return

    # AsyncKernelClient binds its public name to the base class's function: bind it to ours
    wait_for_ready = _async_wait_for_ready


def _closes(message: dict, request: str) -> bool:
    """The 'idle' status that ends the handling of ``request``."""
    return (
        message.get("content", {}).get("execution_state") == "idle"
        and message.get("parent_header", {}).get("msg_id") == request
    )


class InProcessKernel:
    """subprocess.Popen's interface, as LocalProvisioner uses it, over a sandbox.KernelLaunch
    made in this process: the kernel's end, an interrupt, a kill, and the notebook's wall time
    (what the launcher process enforces for a cold kernel)."""

    stdin = stdout = stderr = None

    def __init__(self, launch):
        self._launch = launch
        self.pid = launch.kernel.holder.pid
        self.returncode = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(launch.seconds, self.kill)
        self._timer.daemon = True
        self._timer.start()

    def poll(self) -> int | None:
        with self._lock:
            if self.returncode is None:
                try:
                    code = self._launch.kernel.wait(timeout=0)
                except TimeoutError:
                    return None
                self._end(code)
            return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("kernel", timeout)
            time.sleep(0.01)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if signum == signal.SIGINT:  # a cell out of time: nbgrader interrupts it and grades on
            self._launch.kernel.interrupt()
        else:
            self.kill()

    def kill(self) -> None:
        with self._lock:
            if self.returncode is None:
                self._end(-signal.SIGKILL)

    terminate = kill

    def _end(self, code: int) -> None:
        self.returncode = code
        self._timer.cancel()
        self._launch.close()  # the sandbox, its scratch folder and sockets


class SandboxProvisioner(LocalProvisioner):
    """The sandbox kernel (kernelspec `modschool-sandbox`) forked warm by this worker's zygote,
    without the kernelspec's launcher process: the same KernelLaunch, made here."""

    async def launch_kernel(self, cmd: list[str], **kwargs):
        from .sandbox import ZYGOTE_ENV, KernelLaunch

        self.cwd = kwargs.get("cwd") or os.getcwd()
        launch = KernelLaunch(
            Path(self.parent.connection_file).resolve(),
            Path(self.cwd).resolve(),
            zygote=os.environ[ZYGOTE_ENV],
        )
        self.process = InProcessKernel(launch)
        self.pid, self.pgid = self.process.pid, None  # signals go to InProcessKernel, not a group
        return self.connection_info

    async def cleanup(self, restart: bool = False) -> None:
        if self.process is not None:
            self.process.kill()
        await super().cleanup(restart=restart)


class PromptKernelManager(AsyncKernelManager):
    client_class = DottedObjectName(f"{__name__}.PromptKernelClient", config=True)
    client_factory = Type(klass=PromptKernelClient, config=True)

    async def _async_pre_start_kernel(self, **kw):
        from .kernelspec import KERNEL_NAME
        from .sandbox import ZYGOTE_ENV

        if self.provisioner is None and self.kernel_name == KERNEL_NAME and os.environ.get(ZYGOTE_ENV):
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = SandboxProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
            )
        return await super()._async_pre_start_kernel(**kw)

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        await super()._async_wait(pollinterval=0.01)  # the kernel's end, seen within 10 ms
