"""tools.kernel_client: a missed wake-up costs one slice, not the whole timeout.

The socket below misses every wake-up: each poll sleeps its whole timeout, and only then reports
the message that arrived meanwhile, which is what pyzmq's asyncio poll does when it misses the
edge of zmq's file descriptor (see tools/kernel_client.py).
"""

from __future__ import annotations

import asyncio
import time
from queue import Empty

import pytest
import zmq
import zmq.asyncio
from jupyter_client.channels import AsyncZMQSocketChannel

from tools.kernel_client import SLICE, PolledChannel, PolledKernelClient, PolledKernelManager


class SleepsThroughWakeUps(zmq.asyncio.Socket):
    arrives_at = float("inf")  # time.monotonic() at which the message is there

    async def poll(self, timeout: int | None = None, flags: int = zmq.POLLIN) -> int:
        await asyncio.sleep((timeout if timeout is not None else 60_000) / 1000)
        return zmq.POLLIN if time.monotonic() >= self.arrives_at else 0


def _seconds_to_receive(channel_class: type, arrives_in: float, timeout: float | None) -> float:
    class Channel(channel_class):
        async def _recv(self, **kwargs: object) -> dict:
            return {"msg_type": "execute_reply"}

    async def receive() -> float:
        context = zmq.asyncio.Context()
        socket = SleepsThroughWakeUps(context, zmq.PAIR)
        try:
            start = time.monotonic()
            socket.arrives_at = start + arrives_in
            assert await Channel(socket, None).get_msg(timeout=timeout) == {
                "msg_type": "execute_reply"
            }
            return time.monotonic() - start
        finally:
            socket.close(linger=0)
            context.term()

    return asyncio.run(receive())


def test_a_missed_wake_up_costs_one_slice() -> None:
    assert _seconds_to_receive(PolledChannel, arrives_in=0.05, timeout=5) < SLICE + 0.2


def test_the_plain_channel_sleeps_the_whole_timeout() -> None:
    # What PolledChannel is for: the same socket keeps jupyter_client's channel waiting.
    assert _seconds_to_receive(AsyncZMQSocketChannel, arrives_in=0.05, timeout=1) >= 1


def test_without_a_timeout_it_keeps_polling_until_the_message_comes() -> None:
    seconds = _seconds_to_receive(PolledChannel, arrives_in=0.6, timeout=None)
    assert 0.6 <= seconds < 0.6 + SLICE + 0.2


@pytest.mark.parametrize("timeout", [0, 0.6])
def test_no_message_within_the_timeout_is_empty(timeout: float) -> None:
    start = time.monotonic()
    with pytest.raises(Empty):
        _seconds_to_receive(PolledChannel, arrives_in=float("inf"), timeout=timeout)
    assert timeout <= time.monotonic() - start < timeout + SLICE + 0.2


def test_the_manager_hands_out_polled_channels() -> None:
    client = PolledKernelManager(kernel_name="python3").client()
    assert isinstance(client, PolledKernelClient)
    for name in ("shell", "iopub", "stdin", "control"):
        assert getattr(client, f"{name}_channel_class") is PolledChannel
