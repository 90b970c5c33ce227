"""A kernel manager and client that wait for what they wait for, not for a fixed time.

jupyter_client's `wait_for_ready` ends with "flush IOPub": it reads until 0.2 s pass with no
message, so every graded notebook waits 0.2 s after its kernel is ready. Shutting down, it
polls the kernel's process every 0.1 s. `modschool grade` sets these two classes in its
workers' configuration (grade.py); plain `nbgrader autograde` keeps jupyter_client's own.
"""

from __future__ import annotations

import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.utils import ensure_async
from traitlets import DottedObjectName, Type

QUIET = 0.2  # jupyter_client's wait for silence on IOPub, kept as the limit of each wait here


class PromptKernelClient(AsyncKernelClient):
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


class PromptKernelManager(AsyncKernelManager):
    client_class = DottedObjectName(f"{__name__}.PromptKernelClient", config=True)
    client_factory = Type(klass=PromptKernelClient, config=True)

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        await super()._async_wait(pollinterval=0.01)  # the kernel's end, seen within 10 ms
