"""`ReplyCores`: one reply's LLM decoding and its speech synthesis taking turns on the cores
(agent/core/response.py).

On 2 cores, LLM decoding and TTS at once slow each other 2-4x. So while the reply's first
chunk is synthesized its own decoding waits between tokens, and while speech over the
reply is judged both wait. Holds are per owner (the session): another session's decoding
goes on. A backend without holds is left alone.
"""
from __future__ import annotations

import asyncio
import contextlib
from typing import Any, AsyncIterator, Iterator

PACED_MAX_TEXTS = 24  # a first chunk not out after this many tokens (a held sentence): the model runs free


class ReplyCores:
    def __init__(self, runtime: Any, owner: str) -> None:
        self.runtime = runtime
        self.owner = owner  # the session: LLM holds are per owner
        self._pauses = 0  # listeners to speech over this reply (see paused())
        self._may_synthesize = asyncio.Event()
        self._may_synthesize.set()
        self._chunks_queued = 0
        self._texts_read = 0  # the model's text deltas read so far (pacing stops after PACED_MAX_TEXTS)
        self._first_chunk_hold: contextlib.ExitStack | None = None  # the LLM held from the first chunk to its synthesis

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """While the user's speech over this reply is judged, the reply's decoding and
        synthesis wait (what is synthesized already plays on): on 2 cores the verdict, and
        the cancel it may lead to, would otherwise share the cores with them. Off with
        `barge_in_pauses_reply`. Holds are per owner: other sessions' replies go on."""
        if not self.runtime.config.barge_in_pauses_reply:
            yield
            return
        self._pauses += 1
        self._may_synthesize.clear()
        try:
            with self._llm_held():
                yield
        finally:
            self._pauses -= 1
            if not self._pauses:
                self._may_synthesize.set()

    async def until_synthesis_may_go_on(self) -> None:
        """Not while speech over the reply is judged (`paused()`)."""
        await self._may_synthesize.wait()

    @contextlib.contextmanager
    def _llm_held(self) -> Iterator[None]:
        """This run's LLM decoding waits between tokens meanwhile (a backend without holds:
        nothing to do). Holds are per owner: another session's decoding goes on."""
        llm = self.runtime.llm
        hold = getattr(llm, "hold", None)
        if hold is None:
            yield
            return
        hold(self.owner)
        try:
            yield
        finally:
            llm.release(self.owner)

    def _llm_hold(self) -> contextlib.ExitStack:
        """`_llm_held()` entered now, released when the returned stack closes."""
        stack = contextlib.ExitStack()
        stack.enter_context(self._llm_held())
        return stack

    # -- pacing the first chunk -----------------------------------------------------------
    def paces_the_first_chunk(self) -> bool:
        cfg = self.runtime.config
        return cfg.llm_paced_first_chunk and cfg.llm_yield_to_tts and cfg.tts_waits_for_llm_token

    def paced(self) -> bool:
        """Whether the LLM's next token waits until this one is read: until the first chunk
        is queued (its hold then finds the decoding parked), for the first few tokens only."""
        return self._chunks_queued == 0 and self._texts_read < PACED_MAX_TEXTS

    def text_read(self) -> None:
        """The model's next text delta has been read."""
        self._texts_read += 1

    def chunk_queued(self) -> None:
        """A chunk of the reply goes to TTS (call it before the chunk is queued)."""
        if self._chunks_queued == 0 and self.paces_the_first_chunk():
            # Held now, while the paced decoding is parked on the token that completed the
            # chunk; released once the chunk's synthesis is done (llm_yields_a_core).
            self._first_chunk_hold = self._llm_hold()
        self._chunks_queued += 1

    def release_first_chunk_hold(self) -> None:
        """The reply has ended: a first chunk's hold still in place (never synthesized) goes."""
        if self._first_chunk_hold is not None:
            self._first_chunk_hold.close()

    # -- synthesis ------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def llm_yields_a_core(self, first: bool) -> AsyncIterator[None]:
        """On 2 cores, LLM decoding and TTS at once slow each other 2-4x: while this reply's
        first chunk is synthesized, its own decoding waits between tokens (holds are per
        owner: another session's decoding goes on). `first`: the reply's first synthesis
        call (the synthesizer's call that only says "no more" is not waited for)."""
        if not self.runtime.config.llm_yield_to_tts or not first:
            yield  # only the first chunk is on the critical path
            return
        held, self._first_chunk_hold = self._first_chunk_hold, None  # placed when the chunk was queued (paced)
        with held or self._llm_hold():
            if self.runtime.config.tts_waits_for_llm_token:
                await self.until_llm_parked()  # not beside the token it was decoding
            yield

    async def until_llm_parked(self) -> None:
        """While this run's LLM is held: until the token it was decoding is done (at most
        100 ms; a backend without holds: at once)."""
        parked = getattr(self.runtime.llm, "until_parked", None)
        if parked is not None:
            await parked(self.owner)
