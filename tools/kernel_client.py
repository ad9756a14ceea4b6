"""A kernel client that does not sleep through a reply it has already been sent.

nbclient waits for each cell's ``execute_reply`` with ``await socket.poll(timeout)`` on an
asyncio zmq socket. That poll wakes on the socket's file descriptor, which zmq signals on an
edge, not a level; when the wake-up is missed, the poll sleeps the whole cell timeout and only
then finds the reply that had been waiting all along. No error is raised, so the run is just
slower, by exactly the timeout. Measured on a 2-core machine with both cores busy: a cell that
drives widgets, which the kernel finished in 1.2 s, took 60.0 s under a 60 s timeout; under a
20 s timeout, 3 of 6 runs lost 20 or 40 s this way, and none did with these channels. The
grader suffers more: its timeout is what remains of a submission's time limit, so a missed
wake-up spends it, and the next cell can be reported as the one that ran out of time.

The channels here poll in short slices, so a missed wake-up costs at most one slice: at the end
of each slice pyzmq asks the socket itself (level-triggered) whether a message is waiting.
Pass ``kernel_manager_class=PolledKernelManager`` to ``nbclient.NotebookClient``.
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from traitlets import Type

SLICE = 0.25  # seconds: the longest a missed wake-up can cost


class PolledChannel(AsyncZMQSocketChannel):
    """An asyncio kernel channel whose ``get_msg`` polls at most ``SLICE`` seconds at a time."""

    async def get_msg(self, timeout: float | None = None) -> dict[str, Any]:
        """The next message; ``Empty`` when none arrives within ``timeout`` seconds."""
        assert self.socket is not None
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = SLICE if deadline is None else max(0.0, deadline - time.monotonic())
            if await self.socket.poll(int(1000 * min(SLICE, left))):
                return await self._recv()
            if deadline is not None and time.monotonic() >= deadline:
                raise Empty


class PolledKernelClient(AsyncKernelClient):
    """``AsyncKernelClient`` with ``PolledChannel`` for every zmq channel."""

    shell_channel_class = Type(PolledChannel)
    iopub_channel_class = Type(PolledChannel)
    stdin_channel_class = Type(PolledChannel)
    control_channel_class = Type(PolledChannel)


class PolledKernelManager(AsyncKernelManager):
    """``AsyncKernelManager`` whose clients are ``PolledKernelClient``."""

    client_factory = Type(PolledKernelClient, klass=AsyncKernelClient)
