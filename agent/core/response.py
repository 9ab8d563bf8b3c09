"""One spoken response: LLM text → clause chunks → TTS → the session's playback port.

Three cancellable stages joined by bounded queues:

    reason (LLM + tools) ──chunks──► synthesize (Piper) ──audio──► release (to a Playback)

The playback port paces audio to the listener's clock and is the one source of what was
heard (agent/core/playback.py). Every await may be a cancellation point; state lives in the
`Item`, which is always consistent with what was sent, and every item the run adds to the
history is listed in `history_items`, so a dropped draft can take all of it back.

reply_tool_calls.py: the tools offered each round and the calls passed on; reply_cores.py:
the reply's LLM decoding and its synthesis taking turns on the cores.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

import anyio

from media.chunker import SentenceChunker
from media.pcm import StreamResampler, float_to_pcm16, pcm16_to_float, trim_leading_silence
from media.speech_text import normalise_for_speech
from models.llm.tool_calls import tool_name
from models.priority_gate import Priority, Rank

from agent.replies.reply_guard import ReplyGuard
from agent.replies.tools import ToolBox

from .conversation import Conversation, Item, Span, tool_output_json
from .playback import Playback
from .protocol import new_id
from .reply_cores import PACED_MAX_TEXTS  # noqa: F401 - re-exported: it was defined here
from .reply_cores import ReplyCores
from .reply_tool_calls import answered_calls, call_verdict, offered_tools
from .turn_metrics import TurnMetrics

log = logging.getLogger("parley.response")

Emit = Callable[[dict[str, Any]], Awaitable[None]]
FRAME_MS = 100  # size of each piece handed to the playback port
DRY_MIN_MS = 20  # the listener ran out of reply audio for longer than this: a gap (TurnMetrics.dry_ms)
MAX_TOOL_ROUNDS = 3
# Unheard reply audio that lets a playing reply wait for another user: it ranks after a draft
# (`priority`) and synthesizes no further while another user waits (`_until_the_listener_needs_more`).
ENOUGH_UNHEARD_MS = 1000
SPOKEN_MS_PER_CHAR = 55  # Piper's voice, a reply's text as speech: 57-64 ms per character in four replies


@dataclass
class ResponseSpec:
    instructions: str
    output_format: str = "audio/pcm"
    max_tokens: int = 160
    temperature: float = 0.0
    client_tools: list[dict[str, Any]] = field(default_factory=list)
    tool_choice: str = "auto"  # auto | none | required | a function's name
    builtin_tools: bool = True  # Parley's own tools are offered to the model (run here, never shown as function calls)
    conversation: bool = True  # False: out-of-band response (not added to history)
    extra_instructions: str = ""
    voice: bool = True  # spoken reply: the policy's spoken-reply contract applies


class ResponseRun:
    """Runs one response; `await run()` ends normally, or by cancellation on barge-in."""

    def __init__(self, runtime: Any, conversation: Conversation, spec: ResponseSpec, emit: Emit, metrics: TurnMetrics,
                 tools: ToolBox, playback: Playback, owner: str = "") -> None:
        self.id = new_id("resp")
        self.runtime = runtime
        self.conversation = conversation
        self.spec = spec
        self.emit = emit
        self.metrics = metrics
        self.tools = tools
        self.item: Item | None = None
        self.output_items: list[Item] = []
        self.history_items: list[Item] = []  # every item this run added to the conversation
        self.status = "in_progress"
        self.first_audio_at: float | None = None  # monotonic time the first audio left
        self.usage: dict[str, int] = {}
        self.gate = asyncio.Event()  # set when the reply may be heard (a draft waits for end of turn)
        self.playback = playback
        self.owner = owner  # the session: LLM holds are per owner
        self.created_at = time.monotonic()
        self.cores = ReplyCores(runtime, owner)  # its LLM decoding and its synthesis taking turns on the cores
        self._queued_ms = 0.0  # reply audio synthesized, not yet released
        self._released_ms = 0.0  # ... released to the listener
        self._synthesized_to = 0  # characters of the reply's text given to TTS and synthesized
        self._audio_moved = asyncio.Condition()  # notified as audio is queued or released

    def paused(self) -> contextlib.AbstractContextManager[None]:
        """While the user's speech over this reply is judged, the reply's decoding and
        synthesis wait (what is synthesized already plays on; ReplyCores.paused)."""
        return self.cores.paused()

    def priority(self) -> Priority:
        """This run's claim on the shared LLM and TTS, evaluated when one frees: a committed
        reply the user still waits for first, then one already audible, then a draft (it
        rises once its turn is committed); within a class, the user who stopped speaking first.
        An audible reply with `ENOUGH_UNHEARD_MS` ahead of the listener (audio unheard, and
        text written but not yet synthesized, as speech) ranks after a draft: two users who
        stopped speaking 190 ms apart (bench/load.py), the second one's draft waited 200 ms
        for the first one's reply to decode to its end, though that reply was already
        playing; it takes the model back, ranked `SPEAKING`, once less is left."""
        if not self.gate.is_set():
            rank = Rank.DRAFT
        elif self.first_audio_at is None:
            rank = Rank.WAITING
        elif self._ahead_ms() >= ENOUGH_UNHEARD_MS:
            rank = Rank.AHEAD
        else:
            rank = Rank.SPEAKING
        return Priority(rank, self.metrics.marks.get("speech_end", self.created_at))

    def _remember(self, item: Item) -> None:
        if self.spec.conversation:
            self.conversation.add(item)
            self.history_items.append(item)

    # -- the pipeline ---------------------------------------------------------------------
    async def run(self) -> None:
        await self.emit({"type": "response.created", "response": self.response_json()})
        chunks: asyncio.Queue[tuple[str, int, int] | None] = asyncio.Queue(maxsize=8)
        audio: asyncio.Queue[tuple[bytes, int, int] | None] = asyncio.Queue(maxsize=8)
        self.runtime.replies.add(self)  # seen by other sessions' partial transcripts (they defer to it)
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(self._reason(chunks))
                tg.create_task(self._synthesize(chunks, audio))
                tg.create_task(self._release(audio))
        finally:
            self.runtime.replies.discard(self)
            self.cores.release_first_chunk_hold()
        self.status = "completed"

    async def _ensure_message_item(self) -> Item:
        if self.item is None:
            self.item = Item(type="message", role="assistant", status="in_progress")
            self._remember(self.item)
            self.output_items.append(self.item)
            idx = len(self.output_items) - 1
            await self.emit({"type": "response.output_item.added", "response_id": self.id, "output_index": idx, "item": self.item.to_json()})
            await self._conversation_item("conversation.item.added", self.item)
            await self.emit({"type": "response.content_part.added", "response_id": self.id, "item_id": self.item.id, "output_index": idx,
                             "content_index": 0, "part": {"type": "audio", "transcript": ""}})
        return self.item

    async def _conversation_item(self, kind: str, item: Item, shown: dict[str, Any] | None = None) -> None:
        """conversation.item.added / .done for an output item that joined the history (as the
        GA API sends them: clients such as Pipecat learn of a function call only from these)."""
        if item in self.conversation.items:
            event: dict[str, Any] = {"type": kind, "item": shown or item.to_json()}
            if kind == "conversation.item.added":
                event["previous_item_id"] = self.conversation.previous_id(item.id)
            await self.emit(event)

    async def _messages(self) -> list[dict[str, Any]]:
        msgs = self.conversation.messages(self.spec.instructions)
        if self.spec.extra_instructions:
            msgs.append({"role": "system", "content": self.spec.extra_instructions})
        # off the event loop: the policy searches the articles and embeds the question (risk_by_embedding)
        return await asyncio.to_thread(self.runtime.reply_policy.messages, msgs, voice=self.spec.voice, opening=self.conversation.opening())

    async def _article_answer(self) -> str:
        """The knowledge article's own words as this reply, or "" for the model to answer
        (ReplyPolicy.article_reply), unless `article_replies` is off. Not while tools are offered
        or must be called, nor with extra instructions or screenshots in the conversation: the
        model answers those."""
        spec = self.spec
        if (not self.runtime.config.article_replies or not spec.voice or spec.extra_instructions or (spec.client_tools and spec.tool_choice != "none")
                or spec.tool_choice == "required" or self.conversation.shows_screenshots()):
            return ""
        # off the event loop: it embeds the question (the knowledge base's relevance, the risk classifier)
        return await asyncio.to_thread(self.runtime.reply_policy.article_reply, self.conversation.messages(spec.instructions))

    async def _reason(self, chunks: asyncio.Queue) -> None:
        chunker = SentenceChunker(first_max_words=self.runtime.config.first_chunk_words)
        guard = self.runtime.reply_policy.guard(voice=self.spec.voice)
        client_called = ran_out = False
        answer = await self._article_answer()
        if answer:
            self.metrics.reply_source = "article"
            self.usage = {"input_tokens": 0, "output_tokens": 0, "total_tokens": 0, "input_token_details": {"cached_tokens": 0}}
            await self._add_text(guard.push(answer), chunker, chunks, guard)
        else:
            client_called, ran_out = await self._model_rounds(guard, chunker, chunks)
        # After a client's call nothing more is said: no canned words while its tool runs.
        await self._add_text(guard.flush(fallback=not client_called, finished=not ran_out), chunker, chunks)
        if self.item is not None and ("fallback" in getattr(guard, "events", ()) or self.conversation.opening()):
            # heard, but kept from the model: it copies a canned line into later replies, and a
            # greeting in the history changed what it made of later turns (Pipecat's "Wipe the
            # grease off his dirty face." became a second lookup of order 815)
            self.item.canned = True
        if self.item is not None:
            for chunk in chunker.flush():
                await self._queue_chunk(chunks, self.item, chunk, 0)
        # The end marker goes only on the normal path: on cancel or error the TaskGroup
        # cancels the consumer too, and a put into a full queue would wait forever.
        await chunks.put(None)

    async def _model_rounds(self, guard: ReplyGuard, chunker: SentenceChunker, chunks: asyncio.Queue) -> tuple[bool, bool]:
        """The LLM's rounds (its text, and the tools it calls): whether it ended in a client's
        tool call, and whether its token limit stopped it."""
        from models.llm import NumberToken, PromptEvaluated, TextDelta, ToolCall, Usage

        seen = answered_calls(self.conversation)  # (name, arguments) already called and answered for this question
        client_called, calls_allowed, ran_out = False, True, False
        ruled_out: set[str] = set()  # tools whose call used words the user never said: the model picked the wrong one
        for round_ in range(MAX_TOOL_ROUNDS):
            calls: list[Any] = []
            repeated = made_up = 0
            # Parley's own tools answer something asked: before anyone spoke, the 0.5B read out the clock's
            offered = self.tools.schemas(self.spec.client_tools, builtin=self.spec.builtin_tools and not self.conversation.opening())
            tools, choice = offered_tools(offered, self.spec.tool_choice, round_, calls_allowed)
            llm = self.runtime.llm
            extra: dict[str, Any] = {"priority": self.priority} if getattr(llm, "accepts_priority", False) else {}
            if choice is not None:
                extra["tool_choice"] = choice
            if getattr(llm, "accepts_paced", False) and self.cores.paces_the_first_chunk():
                extra["paced"] = self.cores.paced
            if ruled_out and getattr(llm, "accepts_callable_tools", False):
                extra["callable_tools"] = [tool_name(t) for t in tools or [] if tool_name(t) not in ruled_out]
            messages = await self._messages()  # tells the guard the question
            if getattr(llm, "accepts_opening_bias", False) and (bias := guard.opening_bias()):
                extra["opening_bias"] = bias
            stream = llm.stream(messages, tools=tools, max_tokens=self.spec.max_tokens, temperature=self.spec.temperature,
                                owner=self.owner, **extra)
            async with contextlib.aclosing(stream):  # frees the model at once on cancel
                async for ev in stream:
                    if isinstance(ev, TextDelta):
                        self.cores.text_read()
                        self.metrics.mark("llm_first_token")
                        await self._add_text(guard.push(ev.text), chunker, chunks, guard)
                        if guard.stopped:
                            break  # aclosing() frees the model at once
                    elif isinstance(ev, NumberToken):
                        guard.number_token(ev.text, ev.p)
                    elif isinstance(ev, ToolCall):
                        guard.forget_doubts()
                        self.metrics.mark("llm_first_token")
                        verdict, ev = call_verdict(ev, tools or [], seen, ruled_out, response_id=self.id, tools=self.tools,
                                                   conversation=self.conversation, metrics=self.metrics)
                        if not verdict:
                            calls.append(ev)
                        repeated += verdict == "repeat"
                        if verdict == "made_up":
                            made_up += 1
                            ruled_out.add(ev.name)
                    elif isinstance(ev, PromptEvaluated):  # where the first token's wait went: queue or prompt
                        self.metrics.mark("llm_start", ev.started_at)
                        self.metrics.mark("llm_prompt_done", ev.done_at)
                        if self.metrics.prompt_tokens is None:  # the first prompt: the one on the critical path
                            self.metrics.prompt_tokens, self.metrics.prompt_evaluated = ev.prompt_tokens, ev.prompt_tokens - ev.cached_tokens
                    elif isinstance(ev, Usage):
                        ran_out = ev.completion_tokens >= self.spec.max_tokens  # stopped by its token limit, maybe mid-sentence
                        self.usage = {"input_tokens": ev.prompt_tokens, "output_tokens": ev.completion_tokens,
                                      "total_tokens": ev.prompt_tokens + ev.completion_tokens,
                                      "input_token_details": {"cached_tokens": ev.cached_tokens}}
            if repeated and not calls and not (self.item and self.item.text) and calls_allowed and not guard.stopped:
                calls_allowed = False  # it only repeated a call already answered: now it answers with the result
                continue
            if made_up and not calls and not (self.item and self.item.text) and not guard.stopped and calls_allowed:
                if round_ == 0 and len(ruled_out) < len(tools or []):
                    continue  # once more without the tool it chose wrongly: a call must still use the user's words
                calls_allowed = False  # no call fits what the user said: the answer is in words ("seven times eight")
                continue
            if not calls or guard.stopped:
                break
            client_calls = [c for c in calls if not (self.spec.builtin_tools and self.tools.is_server_tool(c.name))]
            await self._run_builtin_tools([c for c in calls if c not in client_calls])
            if client_calls:  # the response ends with them: the client runs them, then asks again
                await self._announce_client_calls(client_calls)
                client_called = True
                break
        self.metrics.mark("llm_done")
        return client_called, ran_out

    async def _add_text(self, text: str, chunker: SentenceChunker, chunks: asyncio.Queue, guard: ReplyGuard | None = None) -> None:
        if not text:
            return
        item = await self._ensure_message_item()
        start = len(item.text)
        item.text += text
        await self.emit({"type": "response.output_audio_transcript.delta", "response_id": self.id, "item_id": item.id,
                         "output_index": self.output_items.index(item), "content_index": 0, "delta": text})
        # A sentence the guard has closed is a chunk now: the chunker alone would wait for
        # the space after its full stop, which comes with the next sentence, and the guard
        # passes a later sentence on only once it is whole ("No, don't." waited 550 ms).
        ended = " " if guard is not None and guard.sentence_closed else ""
        for chunk in chunker.push(text + ended):
            await self._queue_chunk(chunks, item, chunk, start)

    async def _queue_chunk(self, chunks: asyncio.Queue, item: Item, chunk: str, hint_start: int) -> None:
        self.cores.chunk_queued()  # the first chunk, paced: the LLM held until its synthesis is done
        self.metrics.mark("first_chunk")
        pos = item.text.find(chunk, max(0, min(hint_start, len(item.text)) - len(chunk)))
        if pos < 0:
            pos = item.text.find(chunk)
        start = max(pos, 0)
        await chunks.put((chunk, start, start + len(chunk)))

    async def _run_builtin_tools(self, calls: list[Any]) -> None:
        """Run Parley's own tools. Their calls and outputs join the history for the model
        only (`internal` items): a client never sees them as function calls it should run.
        Call and output are recorded in one step (no await between the two history writes),
        so a cancel never leaves a call without its output."""
        for call in calls:
            started = time.monotonic()
            result = await self.tools.run(call.name, call.arguments)
            self.metrics.tool_calls.append((call.name, started, time.monotonic()))
            self._remember(Item(type="function_call", call_id=call.id, name=call.name, arguments=call.arguments, internal=True))
            self._remember(Item(type="function_call_output", call_id=call.id, output=tool_output_json(result), internal=True))

    async def _announce_client_calls(self, calls: list[Any]) -> None:
        """A client tool call, as the GA API sends it: the item is added in progress, its
        arguments stream, and it is done (completed) once they are whole."""
        for call in calls:
            item = Item(type="function_call", call_id=call.id, name=call.name, arguments=call.arguments, status="completed")
            self.output_items.append(item)
            idx = len(self.output_items) - 1
            shown = {**item.to_json(), "arguments": "", "status": "in_progress"}
            await self.emit({"type": "response.output_item.added", "response_id": self.id, "output_index": idx, "item": shown})
            self._remember(item)
            await self._conversation_item("conversation.item.added", item, shown)
            await self.emit({"type": "response.function_call_arguments.delta", "response_id": self.id, "item_id": item.id, "output_index": idx,
                             "call_id": call.id, "delta": call.arguments})
            await self.emit({"type": "response.function_call_arguments.done", "response_id": self.id, "item_id": item.id, "output_index": idx,
                             "call_id": call.id, "name": call.name, "arguments": call.arguments})
            await self.emit({"type": "response.output_item.done", "response_id": self.id, "output_index": idx, "item": item.to_json()})
            await self._conversation_item("conversation.item.done", item)

    async def _synthesize(self, chunks: asyncio.Queue, audio: asyncio.Queue) -> None:
        tts = self.runtime.tts
        resampler: StreamResampler | None = None
        first_out = False
        while (entry := await chunks.get()) is not None:
            text, start, end = entry
            spoken = normalise_for_speech(text)
            if not spoken:
                continue
            if first_out:
                await self._until_the_listener_needs_more()
            parts = tts.synthesize(spoken)
            pcm_all = b""
            while True:
                await self.cores.until_synthesis_may_go_on()  # not while speech over the reply is judged
                async with self.runtime.tts_limit.hold(self.priority), self.cores.llm_yields_a_core(first=not first_out and not pcm_all):
                    self.metrics.mark("tts_start")
                    chunk = await anyio.to_thread.run_sync(next, parts, None, abandon_on_cancel=True)
                if chunk is None:
                    break
                self.metrics.mark("tts_first_audio")
                if resampler is None:
                    resampler = StreamResampler(chunk.sample_rate, self.playback.rate)
                pcm_all += float_to_pcm16(resampler.process(pcm16_to_float(chunk.pcm)))
            if not first_out and pcm_all:  # Piper's lead-in silence would be the listener's wait
                pcm_all, first_out = trim_leading_silence(pcm_all, self.playback.rate), True
            await audio.put((pcm_all, start, end))
            self._queued_ms += len(pcm_all) / (self.playback.rate * 2 / 1000.0)
            self._synthesized_to = max(self._synthesized_to, end)
        await audio.put(None)

    def _unheard_ms(self) -> float:
        """Reply audio synthesized that the listener has not heard yet (queued, or released
        and still ahead of their playback)."""
        played = (time.monotonic() - self.first_audio_at) * 1000 if self.first_audio_at is not None else 0.0
        return self._queued_ms + max(0.0, self._released_ms - played)

    def _ahead_ms(self) -> float:
        """How far the reply is ahead of the listener: its unheard audio, and the text it has
        written but not yet synthesized, at `SPOKEN_MS_PER_CHAR`."""
        written = len(self.item.text) if self.item is not None else 0
        return self._unheard_ms() + max(0, written - self._synthesized_to) * SPOKEN_MS_PER_CHAR

    async def _until_the_listener_needs_more(self) -> None:
        """Synthesize the next sentence only once less than `tts_lead_s` of the reply is left
        unheard. Piper runs 10-20x faster than speech: unbounded, it synthesized the whole
        reply in its first seconds, and speech over the reply was decoded beside it at nearly
        every barge-in look (a 80 ms decode took 150-450 ms). Bounded, TTS idles while the user
        listens, and a cancelled reply wastes no synthesis. While another user waits on the
        cores, one second unheard is enough. Woken as audio is released."""
        lead_ms = self.runtime.config.tts_lead_s * 1000
        if lead_ms <= 0:
            return

        def needs_more() -> bool:
            unheard = self._unheard_ms()
            if unheard >= ENOUGH_UNHEARD_MS and self._others_wait():
                return False  # the listener has a second of it: the cores are another user's critical path
            return unheard < lead_ms

        async with self._audio_moved:
            await self._audio_moved.wait_for(needs_more)

    def _others_wait(self) -> bool:
        """Another session's user waits for their reply, or a turn's final transcript is being
        decoded. Two sessions on 2 cores: a reply already playing synthesized its next sentence
        beside the other user's final decode and first chunk (bench/load.py)."""
        return self.runtime.a_user_waits_for_a_reply(besides=self.owner) or self.runtime.asr_limit.serving(Rank.WAITING)

    async def until_llm_parked(self) -> None:
        """While this run's LLM is held: until the token it was decoding is done (at most
        100 ms; a backend without holds: at once)."""
        await self.cores.until_llm_parked()

    async def _release(self, audio: asyncio.Queue) -> None:
        bytes_per_ms = self.playback.rate * 2 / 1000.0
        frame_bytes = int(FRAME_MS * bytes_per_ms) // 2 * 2
        released_ms = 0.0  # reply audio handed to the listener so far
        while (entry := await audio.get()) is not None:
            pcm, start, end = entry
            if self.first_audio_at is not None:  # a listener who started at the first audio has heard it all by now?
                dry = (time.monotonic() - self.first_audio_at) * 1000 - released_ms
                if dry > DRY_MIN_MS:  # more than jitter: a pause the listener hears mid-reply
                    self.metrics.dry_gaps += 1
                    self.metrics.dry_ms += dry
            released_ms += len(pcm) / bytes_per_ms
            item = self.item
            assert item is not None
            span = Span(start, end, item.audio_ms, item.audio_ms + len(pcm) / bytes_per_ms)
            item.spans.append(span)
            for off in range(0, len(pcm), frame_bytes):
                frame = pcm[off:off + frame_bytes]
                await self.gate.wait()
                await self.playback.play(self.id, item.id, self.output_items.index(item), frame)
                if self.first_audio_at is None:
                    self.first_audio_at = time.monotonic()
                    self.metrics.mark("first_audio_sent", self.first_audio_at)
                item.audio_ms += len(frame) / bytes_per_ms
                self._queued_ms -= len(frame) / bytes_per_ms
                self._released_ms += len(frame) / bytes_per_ms
                async with self._audio_moved:
                    self._audio_moved.notify_all()

    # -- closing events -----------------------------------------------------------------------
    def response_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "object": "realtime.response", "status": self.status,
                                "output": [it.to_json() for it in self.output_items],
                                "conversation_id": "auto" if self.spec.conversation else None,
                                "output_modalities": ["audio"], "audio": {"output": {"format": {"type": self.spec.output_format}}}}
        if self.status == "cancelled":
            body["status_details"] = {"type": "cancelled", "reason": "turn_detected"}
        if self.usage:
            body["usage"] = self.usage
        return body

    async def finish(self, status: str) -> None:
        """Emit the closing events for a completed/cancelled/failed response."""
        self.status = status
        item = self.item
        if item is not None:
            item.status = "completed" if status == "completed" else "incomplete"
            idx = self.output_items.index(item)
            base = {"response_id": self.id, "item_id": item.id, "output_index": idx, "content_index": 0}
            if status == "completed":
                await self.emit({"type": "response.output_audio.done", **base})
                await self.emit({"type": "response.output_audio_transcript.done", **base, "transcript": item.text})
                await self.emit({"type": "response.content_part.done", **base, "part": {"type": "audio", "transcript": item.text}})
            await self.emit({"type": "response.output_item.done", "response_id": self.id, "output_index": idx, "item": item.to_json()})
            await self._conversation_item("conversation.item.done", item)
        await self.emit({"type": "response.done", "response": self.response_json()})
