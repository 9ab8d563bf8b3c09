"""A voice session's lifetime, the same for every transport that carries one.

    admit      a SessionSlot (agent/edge/admission.py), taken by the transport once the request is whole
    register   `registered()`: the session is in `runtime.sessions` (health, metrics, drain) exactly this long
    run        `run_until_end()`: the transport's reader runs until it returns (the client left, went
               idle, hung up), the session asks to end (drain, expiry), or the time limit passes
    leave      the reader and the wait are cancelled and awaited; unregistered; the slot is given back

The WebSocket, phone and WebRTC transports (agent/transports/) each supply only their reader.
"""
from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
from typing import Any, AsyncIterator, Awaitable, TypeVar

log = logging.getLogger("parley.session")
T = TypeVar("T")


class Ending(enum.Enum):
    READER = "reader"  # the transport's reader returned (its result says why)
    SESSION = "session"  # the session asked to end (`session.end()`: drain, expiry)
    EXPIRED = "expired"  # the time limit passed


@contextlib.asynccontextmanager
async def registered(runtime: Any, session: Any, what: str) -> AsyncIterator[None]:
    """`session` is one of the runtime's sessions for the length of the block."""
    runtime.sessions[session.id] = session
    log.info("%s %s opened (%d sessions active)", what, session.id, len(runtime.sessions))
    try:
        yield
    finally:
        runtime.sessions.pop(session.id, None)
        log.info("%s %s closed (%d sessions active)", what, session.id, len(runtime.sessions))


async def run_until_end(session: Any, reader: Awaitable[T], *, limit_s: float | None = None) -> tuple[Ending, T | None]:
    """Run `reader` until it returns, `session.ended` is set, or `limit_s` passes; whichever
    did not finish is cancelled and awaited before this returns. A reader that raised
    raises here."""
    reading = asyncio.ensure_future(reader)
    ended = asyncio.ensure_future(session.ended.wait())
    try:
        done, _ = await asyncio.wait({reading, ended}, timeout=limit_s, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (reading, ended):
            task.cancel()
        await asyncio.gather(reading, ended, return_exceptions=True)
    if reading in done:
        return Ending.READER, reading.result()
    if ended in done:
        return Ending.SESSION, None
    return Ending.EXPIRED, None


_LEFT_RUNNING: set[asyncio.Task] = set()  # teardown steps that outlived their bound, kept until they end


async def finish_within(what: str, step: Awaitable[Any], seconds: float, owner: str = "") -> bool:
    """Await a teardown `step` for at most `seconds`. A step still running then is left to
    finish on its own (never cancelled: a half-cancelled teardown is worse than a late one),
    and the log says where it waits, so that one stuck library call cannot wedge a hang-up,
    a drain or the server's shutdown. A step that fails is logged with its traceback and
    the teardown goes on: what is being ended is ended either way, and the client that
    asked for it is answered. False: it was left running or it failed."""
    task = asyncio.ensure_future(_awaiting(step))  # a Task even for a future (`gather`): it has a coroutine to describe
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if done:
        error = asyncio.CancelledError("cancelled by someone else") if task.cancelled() else task.exception()
        if error is not None:
            log.warning("%s: %s failed (%s: %s); going on without it", owner or "teardown", what,
                        type(error).__name__, error, exc_info=error)
            return False
        return True
    _LEFT_RUNNING.add(task)
    task.add_done_callback(_LEFT_RUNNING.discard)
    log.warning("%s: %s did not finish within %.1f s; going on without it (waiting at %s)",
                owner or "teardown", what, seconds, waiting_at(task))
    return False


async def _awaiting(step: Awaitable[Any]) -> Any:
    return await step


def waiting_at(task: "asyncio.Future[Any]") -> str:
    """Where a suspended task waits: its chain of awaited coroutines, innermost last (a
    future that is not a task, such as `gather`'s, is named by its type). Never raises:
    it is called while something is already going wrong."""
    get_coro = getattr(task, "get_coro", None)
    if get_coro is None:
        return type(task).__name__
    places, awaited = [], get_coro()
    while awaited is not None and len(places) < 24:
        frame = getattr(awaited, "cr_frame", None) or getattr(awaited, "gi_frame", None)
        if frame is None:
            places.append(type(awaited).__name__)  # a Future, or a finished coroutine
            break
        places.append(f"{frame.f_code.co_name} ({frame.f_code.co_filename.rsplit('/', 2)[-1]}:{frame.f_lineno})")
        awaited = getattr(awaited, "cr_await", None) or getattr(awaited, "gi_yieldfrom", None)
    return " -> ".join(places)
