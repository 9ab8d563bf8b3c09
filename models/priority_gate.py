"""`PriorityGate`: one holder at a time; when it frees, the most urgent waiter goes next.

A shared model (the local LLM, the TTS voice) serves one caller at a time. A FIFO lock
serves callers in arrival order; under concurrent sessions that lets a speculative draft,
or a user who only just stopped speaking, go ahead of a user who has waited longer. Here
each waiter brings a `Priority`, or a callable that gives its current `Priority`; it is
evaluated when the gate frees, so a draft whose turn was committed while it waited is
served as a committed turn. Order: lower `Rank` first, then the earliest `since` (the
moment that user stopped speaking), then arrival.

Cancellation-safe: a waiter cancelled while queued leaves the queue; one cancelled after it
was granted but before it resumed passes the gate on at once, so the gate is never left held
or skipped. A holder may give `on_outranked`: called (on the event loop) when a waiter that
ranks before the holder arrives; a low-priority holder such as a KV-cache prefill stops at
its next checkpoint so it does not delay a turn.

`scheduling="fifo"` keeps the old behaviour (arrival order, no outranking) for A/B runs.
"""
from __future__ import annotations

import asyncio
import enum
import itertools
import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

log = logging.getLogger("parley.priority_gate")


class Rank(enum.IntEnum):
    """Coarse urgency classes; lower goes first."""

    WAITING = 0  # a committed turn whose user hears nothing yet (also: callers that give no priority)
    SPEAKING = 1  # a committed reply already audible (its next chunks have slack in the playback buffer)
    DRAFT = 2  # a speculative reply to a turn not yet committed: may be dropped
    AHEAD = 3  # an audible reply a second or more ahead of its listener (audio, text not yet spoken): it can wait for a draft
    BACKGROUND = 4  # work nobody is waiting on
    SPECULATIVE = 5  # a KV-cache prefill of a likely prompt while the user still speaks


@dataclass(frozen=True, order=True)
class Priority:
    rank: Rank
    since: float  # time.monotonic() the user started waiting (speech end); earlier goes first


PriorityLike = Priority | Callable[[], Priority] | None
SCHEDULINGS = ("priority", "fifo")


def evaluate(priority: PriorityLike, fallback: Priority) -> Priority:
    """A `PriorityLike` now: None gives `fallback`; a callable that fails ranks last."""
    if priority is None:
        return fallback
    if isinstance(priority, Priority):
        return priority
    try:
        return priority()
    except Exception:  # noqa: BLE001 - a broken key must not wedge the gate
        log.exception("priority callable failed; ranking the waiter last")
        return Priority(Rank.SPECULATIVE, float("inf"))


class Ticket:
    """One caller's place in a `PriorityGate`: waiting, then granted, then released."""

    __slots__ = ("gate", "seq", "_priority", "_fallback", "future", "on_outranked", "state", "asked_at")

    def __init__(self, gate: "PriorityGate", seq: int, priority: PriorityLike, on_outranked: Callable[[], None] | None) -> None:
        self.gate = gate
        self.seq = seq
        self.asked_at = time.monotonic()
        self._priority = priority
        self._fallback = Priority(Rank.WAITING, self.asked_at)
        self.future: asyncio.Future[None] | None = None
        self.on_outranked = on_outranked
        self.state = "waiting"  # waiting | granted | released | withdrawn

    def priority(self) -> Priority:
        """The current priority (a callable is evaluated now)."""
        return evaluate(self._priority, self._fallback)

    @property
    def granted(self) -> bool:
        return self.state == "granted"

    async def wait(self) -> None:
        """Until granted. Cancelled meanwhile: withdrawn (a grant that came first is passed on)."""
        if self.state == "granted":
            return
        if self.state != "waiting":
            raise RuntimeError(f"ticket is {self.state}")
        if self.future is None:
            self.future = asyncio.get_running_loop().create_future()
        try:
            await self.future
        except BaseException:
            self.withdraw()
            raise

    def withdraw(self) -> None:
        """Leave the queue; if the gate was already granted to this ticket, pass it on."""
        if self.state == "waiting":
            self.state = "withdrawn"
            self.gate._remove(self)
        elif self.state == "granted":
            self.release()

    def release(self) -> None:
        if self.state == "granted":
            self.state = "released"
            self.gate._freed(self)


class PriorityGate:
    """Mutual exclusion with a priority queue evaluated at hand-over time."""

    def __init__(self, name: str = "", scheduling: str = "priority") -> None:
        if scheduling not in SCHEDULINGS:
            raise ValueError(f"scheduling must be one of {SCHEDULINGS}, not {scheduling!r}")
        self.name = name
        self.scheduling = scheduling
        self._holder: Ticket | None = None
        self._waiters: list[Ticket] = []
        self._seq = itertools.count()
        # Observable (tests, /health): grants in total, and how many went out of arrival order.
        self.grants = 0
        self.reordered = 0

    def __repr__(self) -> str:
        return f"PriorityGate({self.name!r}, {self.scheduling}, held={self.locked()}, waiting={self.waiting})"

    # -- state ---------------------------------------------------------------------------
    def locked(self) -> bool:
        return self._holder is not None

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    @property
    def holder(self) -> Ticket | None:
        return self._holder

    def serving(self, rank: Rank) -> bool:
        """Whether the caller holding the gate now ranks `rank` or more urgent. A plain read:
        safe from a worker thread (a model asking whether to yield its cores)."""
        holder = self._holder
        return holder is not None and holder.priority().rank <= rank

    def best_waiting(self) -> Priority | None:
        """The most urgent waiter's priority now, whatever the scheduling (None: nobody waits)."""
        if not self._waiters:
            return None
        return min(t.priority() for t in self._waiters)

    def outranked(self, priority: PriorityLike) -> bool:
        """True if a waiter ranks before `priority` now (never under FIFO)."""
        if self.scheduling == "fifo" or not self._waiters:
            return False
        mine = evaluate(priority, Priority(Rank.WAITING, time.monotonic()))
        best = self.best_waiting()
        return best is not None and best < mine

    # -- asking ----------------------------------------------------------------------------
    def ask(self, priority: PriorityLike = None, *, on_outranked: Callable[[], None] | None = None) -> Ticket:
        """Queue for the gate now (synchronous); granted at once if it is free."""
        ticket = Ticket(self, next(self._seq), priority, on_outranked)
        if self._holder is None and not self._waiters:
            self._grant(ticket)
            return ticket
        self._waiters.append(ticket)
        holder = self._holder
        if holder is not None and holder.on_outranked is not None and self.scheduling == "priority":
            if ticket.priority() < holder.priority():
                holder.on_outranked()
        return ticket

    @asynccontextmanager
    async def hold(self, priority: PriorityLike = None, *, on_outranked: Callable[[], None] | None = None) -> AsyncIterator[Ticket]:
        """`async with gate.hold(priority):` the body runs holding the gate."""
        ticket = self.ask(priority, on_outranked=on_outranked)
        await ticket.wait()
        try:
            yield ticket
        finally:
            ticket.release()

    # -- hand-over -----------------------------------------------------------------------------
    def _order_key(self, t: Ticket) -> tuple[Priority, int]:
        if self.scheduling == "fifo":
            return Priority(Rank.WAITING, 0.0), t.seq
        return t.priority(), t.seq

    def _grant(self, ticket: Ticket) -> None:
        ticket.state = "granted"
        self._holder = ticket
        self.grants += 1
        if ticket.future is not None and not ticket.future.done():
            ticket.future.set_result(None)

    def _remove(self, ticket: Ticket) -> None:
        try:
            self._waiters.remove(ticket)
        except ValueError:
            pass

    def _freed(self, ticket: Ticket) -> None:
        if self._holder is ticket:
            self._holder = None
        self._hand_over()

    def _hand_over(self) -> None:
        if self._holder is not None or not self._waiters:
            return
        best = min(self._waiters, key=self._order_key)
        if best is not self._waiters[0]:
            self.reordered += 1
        self._waiters.remove(best)
        self._grant(best)
