"""DecodeHolds: pausing one owner's decoding between tokens, from the event loop.

On 2 cores a decoding LLM and Piper synthesizing the reply's first chunk slow each other
2-4x, so while a session's first chunk is synthesized (or speech over its reply is judged)
that session's decoding is *held*: the worker thread finishes the token it is on and
*parks* until the hold is released. Holds are counted per owner (a session id), so one
session's hold never pauses another's generation.

Both sides share one `threading.Condition`:

* the event loop: `hold()`, `release()`, `is_held()`, and `until_parked()`, which waits
  until the worker has really stopped using the cores;
* the worker thread: `decoding(owner)` around a generation, `wait_while_held()` before
  each token, and `wake(event)` to set a stop or give-way event and end a park at once.

The worker ends a generation or a prompt's evaluation by raising `Stopped` once its stop
event is set, and a reply's turn at the model by raising `GaveWay` once its give-way event is.

A generation may also be *paced* (until its first chunk of speech is out): the worker
marks each token it hands over as unread (`expect_ack`) and parks before decoding the next
until the event loop has read it (`ack`). A hold the loop places while reading it (the
first chunk's synthesis) then finds the worker already parked, not one token into the
cores Piper needs (that token cost the first chunk ~35 ms of waiting).
"""
from __future__ import annotations

import asyncio
import collections
import contextlib
import threading
from collections.abc import Iterator


class Stopped(Exception):
    """Worker: the stop event is set (cancelled, closed early, or a prefill told to stop)."""


class GaveWay(Exception):
    """Worker: a reply's turn at the model ends so a more urgent caller can go first."""


class DecodeHolds:
    def __init__(self, poll_s: float = 0.05) -> None:
        self._poll_s = poll_s  # a parked worker re-checks this often even if nobody notifies
        self._holds: collections.Counter[str] = collections.Counter()  # owner -> holds
        self._changed = threading.Condition()
        self._unread: set[str] = set()  # owners whose last token the event loop has not read yet (paced)
        self._decoding: str | None = None  # the owner whose tokens the worker decodes now (not parked)
        self._park_waiters: list[tuple[str, asyncio.AbstractEventLoop, asyncio.Future]] = []

    # -- the event loop's side ------------------------------------------------------------------
    def hold(self, owner: str = "") -> None:
        """Pause `owner`'s decoding at its next token."""
        with self._changed:
            self._holds[owner] += 1

    def release(self, owner: str = "") -> None:
        with self._changed:
            if self._holds.get(owner, 0) <= 1:
                self._holds.pop(owner, None)
            else:
                self._holds[owner] -= 1
            self._changed.notify_all()

    def ack(self, owner: str = "") -> None:
        """The event loop has read `owner`'s last paced token: its decoding may go on (unless held)."""
        with self._changed:
            self._unread.discard(owner)
            self._changed.notify_all()

    def is_held(self, owner: str = "") -> bool:
        with self._changed:
            return bool(self._holds.get(owner))

    async def until_parked(self, owner: str = "", timeout: float = 0.1) -> bool:
        """After `hold(owner)`: wait until the worker has finished the token it was decoding
        for `owner` and is parked, at most `timeout` seconds. False: it timed out."""
        loop = asyncio.get_running_loop()
        with self._changed:
            if self._decoding != owner or not self._holds.get(owner):
                return True
            fut = loop.create_future()
            self._park_waiters.append((owner, loop, fut))
        try:
            await asyncio.wait_for(fut, timeout)
            return True
        except TimeoutError:
            return False
        finally:
            with self._changed:
                self._park_waiters = [w for w in self._park_waiters if w[2] is not fut]

    def wake(self, event: threading.Event) -> None:
        """Set a worker's stop or give-way `event`, and end its park now rather than at the
        next poll (a barge-in cancels a paused reply)."""
        with self._changed:
            event.set()
            self._changed.notify_all()

    # -- the worker thread's side ---------------------------------------------------------------
    @contextlib.contextmanager
    def decoding(self, owner: str) -> Iterator[None]:
        """Around one generation for `owner`: while inside (and not parked) it is decoding."""
        with self._changed:
            self._decoding = owner
        try:
            yield
        finally:
            with self._changed:
                self._decoding = None
                self._wake_park_waiters(owner)

    def expect_ack(self, owner: str) -> None:
        """Worker, before handing over a paced token: park at the next `wait_while_held`
        until the event loop has read it (`ack`)."""
        with self._changed:
            self._unread.add(owner)

    def wait_while_held(self, owner: str, stop: threading.Event, give_way: threading.Event | None = None) -> None:
        """Park while `owner` is held (or its paced token is unread), unless `stop` or `give_way` is set."""
        def go_on() -> bool:
            free = not self._holds.get(owner) and owner not in self._unread
            return free or stop.is_set() or (give_way is not None and give_way.is_set())

        with self._changed:
            if not go_on():
                self._decoding = None  # parked: no core of ours is busy
                self._wake_park_waiters(owner)
                while not go_on():
                    self._changed.wait(self._poll_s)
                self._decoding = owner

    def _wake_park_waiters(self, owner: str) -> None:
        """Under `_changed`: `owner`'s decoding has stopped (parked or ended)."""
        keep = []
        for who, loop, fut in self._park_waiters:
            if who != owner:
                keep.append((who, loop, fut))
                continue
            try:
                loop.call_soon_threadsafe(_resolve, fut)
            except RuntimeError:  # its loop is gone
                pass
        self._park_waiters = keep


def _resolve(fut: asyncio.Future) -> None:
    if not fut.done():
        fut.set_result(None)
