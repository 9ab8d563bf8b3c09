"""Teardown steps bounded in time (agent/core/lifetime.py `finish_within`): a step that
outlives its bound or fails is logged and left, never raised into the hang-up, drain or
shutdown that called it. CI once answered a hang-up with a 500 because the step was a
`gather` future, which has no coroutine to describe."""
from __future__ import annotations

import asyncio
import logging

from agent.core.lifetime import finish_within, waiting_at


async def test_a_gathered_step_that_outlives_its_bound_is_left_running_and_logged(caplog):
    started, release = asyncio.Event(), asyncio.Event()

    async def stops_only_when_done() -> None:  # like a task waiting on a decode in a thread: a cancel waits for it
        started.set()
        while not release.is_set():
            try:
                await release.wait()
            except asyncio.CancelledError:
                continue

    task = asyncio.ensure_future(stops_only_when_done())
    try:
        await started.wait()
        task.cancel()
        with caplog.at_level(logging.WARNING, logger="parley.session"):
            finished = await finish_within("stopping the call's tasks", asyncio.gather(task, return_exceptions=True), 0.05, "rtc_x")
        assert finished is False and not task.done()
        assert "rtc_x: stopping the call's tasks did not finish within 0.1 s" in caplog.text
        assert "stops_only_when_done" in waiting_at(task)
    finally:
        release.set()
        await task


async def test_a_step_that_fails_is_logged_not_raised(caplog):
    async def fails() -> None:
        raise ConnectionError("transport vanished")

    with caplog.at_level(logging.WARNING, logger="parley.session"):
        assert await finish_within("closing the peer connection", fails(), 1.0, "rtc_y") is False
    assert "rtc_y: closing the peer connection failed (ConnectionError: transport vanished)" in caplog.text


def test_waiting_at_names_a_plain_future_by_its_type():
    loop = asyncio.new_event_loop()
    try:
        assert waiting_at(loop.create_future()) == "Future"
    finally:
        loop.close()
