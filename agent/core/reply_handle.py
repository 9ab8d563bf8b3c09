"""ReplyHandle: one reply's life, from its first token to what the user heard of it.

A `ResponseRun` (agent/core/response.py) makes the reply: text, audio, events. The handle owns
everything around it, in one place:

* its task, which belongs to the session's task group;
* its gate: a draft reply is made during the user's pause but held back; its events wait
  in the handle until `release()`, when the turn is committed;
* the truncation to what was heard: a reply that is cancelled *or fails* keeps in the
  history only the words whose audio the playback port says were played;
* an idempotent, shielded `interrupt()`: the reply's work is cancelled once, and the
  cleanup after it (flush, truncation, `response.done`) runs to its end even if the caller
  who asked is itself cancelled, or a second cancel arrives meanwhile;
* the tail: after the reply's task has ended its last few hundred ms may still be playing;
  an interrupt then still stops the playback and truncates.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

from .conversation import Conversation
from .playback import Playback
from .protocol import error_event
from .response import ResponseRun

log = logging.getLogger("parley.reply")

Send = Callable[[dict[str, Any]], Awaitable[None]]
Report = Callable[[ResponseRun, str], Awaitable[None]]


class ReplyHandle:
    def __init__(self, make_run: Callable[[Send], ResponseRun], *, send: Send, playback: Playback,
                 conversation: Conversation, report: Report, gated: bool = False) -> None:
        self._send = send
        self._playback = playback
        self._conversation = conversation
        self._report = report  # metrics, once the reply has ended (the session's)
        self._held: list[dict[str, Any]] = []
        self.run = make_run(self._emit)
        if not gated:
            self.run.gate.set()
        self.status = "in_progress"
        self.task: asyncio.Task | None = None  # the lifecycle, in the session's task group
        self._work: asyncio.Task | None = None  # the run itself: the only thing ever cancelled
        self._cancel_asked = False
        self._settled = False  # truncated to what was heard (once)
        self._done = asyncio.Event()

    @property
    def id(self) -> str:
        return self.run.id

    # -- state ----------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        """The reply is still being made (or has not started)."""
        return not self._done.is_set()

    @property
    def audible(self) -> bool:
        """The user may still be hearing it: being made, or its last audio still playing."""
        if self.active:
            return self.run.gate.is_set()
        return self.run.first_audio_at is not None and not self._settled and self._playback.still_playing()

    @property
    def heard_ms(self) -> float:
        """How much of the reply its listener has heard so far (the playback clock)."""
        return sum(self._playback.heard_ms(item.id) for item in self.run.output_items if item.role == "assistant")

    async def wait(self) -> None:
        await self._done.wait()

    # -- events: held back until the turn is committed --------------------------------------
    async def _emit(self, event: dict[str, Any]) -> None:
        if self.run.gate.is_set():
            await self._send(event)
        else:
            self._held.append(event)

    async def release(self) -> None:
        """The turn is committed: the held events go out, and the reply may be heard."""
        while self._held:
            await self._send(self._held.pop(0))
        self.run.gate.set()

    # -- the lifecycle --------------------------------------------------------------------
    def start(self, spawn: Callable[[Any, str], asyncio.Task]) -> asyncio.Task:
        self.task = spawn(self._lifecycle(), "response")
        return self.task

    async def _lifecycle(self) -> None:
        from models.llm import LLMError

        status = "cancelled"
        try:
            try:
                if not self._cancel_asked:
                    async with asyncio.TaskGroup() as tg:
                        self._work = tg.create_task(self.run.run(), name=f"{self.run.id}:run")
                    status = "cancelled" if self._work.cancelled() else "completed"
            except BaseExceptionGroup as group:  # noqa: F821 - py3.11 builtin
                status = "failed"
                llm_err = group.subgroup(LLMError)
                err = _first_leaf(llm_err or group)
                log.error("response %s failed: %s", self.run.id, err)  # details (backend URLs) stay in the log
                await self._emit(error_event(getattr(err, "code", "response_failed"), "the reply could not be generated", kind="server_error",
                                             hint="the LLM backend failed or is unreachable; the operator can run `parley doctor`"))
            if status != "completed":  # a failed reply keeps only what was heard, as a cancelled one does
                await self._settle_heard()
            await self._report(self.run, status)
            await self.run.finish(status)
        finally:  # also when the session closes and cancels this task
            self.status = status
            self._done.set()

    async def interrupt(self, reason: str) -> None:
        """Stop the reply: cancel its work once, and wait (shielded) until its cleanup has
        run. After its task has ended, stop what is still playing and truncate to it."""
        if self.active:
            if not self._cancel_asked:
                self._cancel_asked = True
                log.info("response %s interrupted (%s)", self.run.id, reason)
                if self._work is not None:
                    self._work.cancel()
            await asyncio.shield(self._done.wait())
        elif self.audible:
            log.info("response %s interrupted in its last audio (%s)", self.run.id, reason)
            await asyncio.shield(self._settle_heard())

    # -- what the user heard: computed here only ------------------------------------------------
    async def _settle_heard(self) -> None:
        """Keep in the history only what the playback port says was heard."""
        if self._settled:
            return
        self._settled = True
        run = self.run
        if run.first_audio_at is None:
            for item in run.output_items:  # nothing of it was heard
                if item.role == "assistant" and item in self._conversation.items:
                    self._conversation.delete(item.id)
            return
        heard = await self._playback.flush(run.id)
        for item in run.output_items:
            if item.role != "assistant" or item not in self._conversation.items:
                continue
            self._conversation.truncate(item.id, heard.get(item.id, 0.0))
            if item.text:
                await self._emit({"type": "conversation.item.truncated", "item_id": item.id, "content_index": 0, "audio_end_ms": round(item.audio_ms)})
            else:
                self._conversation.delete(item.id)
                await self._emit({"type": "conversation.item.deleted", "item_id": item.id})


def _first_leaf(group: BaseExceptionGroup) -> BaseException:  # noqa: F821 - py3.11 builtin
    """The first exception in a (nested) group: the run's own stages are a task group too."""
    err: BaseException = group
    while isinstance(err, BaseExceptionGroup):  # noqa: F821
        err = err.exceptions[0]
    return err
