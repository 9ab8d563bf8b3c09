"""One spoken response: LLM text → clause chunks → TTS → the session's playback port.

Three cancellable stages joined by bounded queues:

    reason (LLM + tools) ──chunks──► synthesize (Piper) ──audio──► release (to a Playback)

The playback port paces audio to the listener's clock and is the one source of what was
heard (agent/core/playback.py). Every await may be a cancellation point; state lives in the
`Item`, which is always consistent with what was sent, and every item the run adds to the
history is listed in `history_items`, so a dropped draft can take all of it back.
"""
from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Iterator

import anyio

from media.chunker import SentenceChunker
from media.pcm import StreamResampler, float_to_pcm16, pcm16_to_float, trim_leading_silence
from media.speech_text import normalise_for_speech
from models.llm.tool_calls import tool_name, ungrounded, valid_call, without_made_up_options
from models.priority_gate import Priority, Rank

from agent.replies.spoken_reply import ReplyGuard
from agent.replies.tools import ToolBox

from .conversation import Conversation, Item, Span, tool_output_json
from .playback import Playback
from .protocol import new_id
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
PACED_MAX_TEXTS = 24  # a first chunk not out after this many tokens (a held sentence): the model runs free


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
        self._pauses = 0  # listeners to speech over this reply (see paused())
        self._may_synthesize = asyncio.Event()
        self._may_synthesize.set()
        self._queued_ms = 0.0  # reply audio synthesized, not yet released
        self._released_ms = 0.0  # ... released to the listener
        self._synthesized_to = 0  # characters of the reply's text given to TTS and synthesized
        self._audio_moved = asyncio.Condition()  # notified as audio is queued or released
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
            if self._first_chunk_hold is not None:
                self._first_chunk_hold.close()
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
        return await asyncio.to_thread(self.runtime.reply_policy.messages, msgs, voice=self.spec.voice)

    def _offered_tools(self, round_: int, calls_allowed: bool) -> tuple[list[dict[str, Any]] | None, str | None]:
        """The tools the model sees this round, and the tool choice passed to it (None: the
        model decides). A forced choice holds for the first round only: once a tool ran,
        the model answers with its result. With `calls_allowed` false the tools stay in the
        prompt (its cached prefix holds) but the model may not call one."""
        offered = self.tools.schemas(self.spec.client_tools, builtin=self.spec.builtin_tools)
        if not offered:
            return None, None
        if self.spec.tool_choice == "none" or not calls_allowed:
            return offered, "none"
        choice = self.spec.tool_choice if round_ == 0 else "auto"
        if choice not in ("auto", "required") and choice not in {tool_name(t) for t in offered}:
            log.warning("tool_choice names %r, which is not offered; the model decides", choice)
            choice = "auto"
        return offered, None if choice == "auto" else choice

    async def _reason(self, chunks: asyncio.Queue) -> None:
        from models.llm import NumberToken, PromptEvaluated, TextDelta, ToolCall, Usage

        chunker = SentenceChunker(first_max_words=self.runtime.config.first_chunk_words)
        guard = self.runtime.reply_policy.guard(voice=self.spec.voice)
        seen = self._answered_calls()  # (name, arguments) already called and answered for this question
        client_called, calls_allowed, ran_out = False, True, False
        ruled_out: set[str] = set()  # tools whose call used words the user never said: the model picked the wrong one
        for round_ in range(MAX_TOOL_ROUNDS):
            calls: list[Any] = []
            repeated = made_up = 0
            tools, choice = self._offered_tools(round_, calls_allowed)
            llm = self.runtime.llm
            extra: dict[str, Any] = {"priority": self.priority} if getattr(llm, "accepts_priority", False) else {}
            if choice is not None:
                extra["tool_choice"] = choice
            if getattr(llm, "accepts_paced", False) and self._paces_the_first_chunk():
                extra["paced"] = self._paced
            if ruled_out and getattr(llm, "accepts_callable_tools", False):
                extra["callable_tools"] = [tool_name(t) for t in tools or [] if tool_name(t) not in ruled_out]
            stream = llm.stream(await self._messages(), tools=tools, max_tokens=self.spec.max_tokens, temperature=self.spec.temperature,
                                owner=self.owner, **extra)
            async with contextlib.aclosing(stream):  # frees the model at once on cancel
                async for ev in stream:
                    if isinstance(ev, TextDelta):
                        self._texts_read += 1
                        self.metrics.mark("llm_first_token")
                        await self._add_text(guard.push(ev.text), chunker, chunks, guard)
                        if guard.stopped:
                            break  # aclosing() frees the model at once
                    elif isinstance(ev, NumberToken):
                        guard.number_token(ev.text, ev.p)
                    elif isinstance(ev, ToolCall):
                        guard.forget_doubts()
                        self.metrics.mark("llm_first_token")
                        verdict, ev = self._call_verdict(ev, tools or [], seen, ruled_out)
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
        # After a client's call nothing more is said: no canned words while its tool runs.
        await self._add_text(guard.flush(fallback=not client_called, finished=not ran_out), chunker, chunks)
        if self.item is not None and "fallback" in getattr(guard, "events", ()):
            self.item.canned = True  # heard, but kept from the model: it copies a canned line into later replies
        if self.item is not None:
            for chunk in chunker.flush():
                await self._queue_chunk(chunks, self.item, chunk, 0)
        # The end marker goes only on the normal path: on cancel or error the TaskGroup
        # cancels the consumer too, and a put into a full queue would wait forever.
        await chunks.put(None)

    def _recent_user_text(self, turns: int = 3) -> str:
        said = [it.text for it in self.conversation.items if it.type == "message" and it.role == "user"]
        return " ".join(said[-turns:])

    def _answered_calls(self) -> set[tuple[str, str]]:
        """The calls made and answered since the user last spoke: calling one again would
        only loop (a small model does, given its own result)."""
        out: set[tuple[str, str]] = set()
        answered = set()
        for item in reversed(self.conversation.items):
            if item.type == "message" and item.role == "user":
                break
            if item.type == "function_call_output":
                answered.add(item.call_id)
            elif item.type == "function_call" and item.call_id in answered:
                out.add(_call_key(item.name, item.arguments))
        return out

    def _call_verdict(self, call: Any, offered: list[dict[str, Any]], seen: set[tuple[str, str]], ruled_out: set[str]) -> tuple[str, Any]:
        """("", call) when the call is passed on: it names an offered tool, with arguments that
        fit its schema and that the user gave (models/llm/tool_calls.py: ungrounded), and was
        not made and answered already. Optional arguments the user never gave are taken out
        of it first. Else ("invalid" | "made_up" | "repeat", call)."""
        why = valid_call(offered, call.name, call.arguments)
        if why:
            log.warning("response %s: dropped a tool call of %r (%s)", self.id, call.name, why)
            self.metrics.rejected_calls += 1
            return "invalid", call
        if not self.tools.is_server_tool(call.name):
            said = self._recent_user_text()
            arguments, dropped = without_made_up_options(offered, call.name, call.arguments, said)
            if dropped:
                log.info("response %s: call of %r without the optional %s the user never gave", self.id, call.name, ", ".join(dropped))
                call = dataclasses.replace(call, arguments=arguments)
            made_up = ungrounded(offered, call.name, call.arguments, said, strict=bool(ruled_out))
            if made_up:
                log.warning("response %s: dropped a tool call of %r (its %s is not in what the user said)", self.id, call.name,
                            made_up.split("=")[0])  # the key only: the value may hold what the user said
                self.metrics.rejected_calls += 1
                return "made_up", call
        key = _call_key(call.name, call.arguments)
        if key in seen:
            log.info("response %s: dropped a repeated call of %r", self.id, call.name)
            return "repeat", call
        seen.add(key)
        return "", call

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

    def _paces_the_first_chunk(self) -> bool:
        cfg = self.runtime.config
        return cfg.llm_paced_first_chunk and cfg.llm_yield_to_tts and cfg.tts_waits_for_llm_token

    def _paced(self) -> bool:
        """Whether the LLM's next token waits until this one is read: until the first chunk
        is queued (its hold then finds the decoding parked), for the first few tokens only."""
        return self._chunks_queued == 0 and self._texts_read < PACED_MAX_TEXTS

    async def _queue_chunk(self, chunks: asyncio.Queue, item: Item, chunk: str, hint_start: int) -> None:
        if self._chunks_queued == 0 and self._paces_the_first_chunk():
            # Held now, while the paced decoding is parked on the token that completed the
            # chunk; released once the chunk's synthesis is done (_llm_yields_a_core).
            self._first_chunk_hold = self._llm_hold()
        self._chunks_queued += 1
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
                await self._may_synthesize.wait()  # not while speech over the reply is judged
                async with self.runtime.tts_limit.hold(self.priority), self._llm_yields_a_core(first=not first_out and not pcm_all):
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

    @contextlib.asynccontextmanager
    async def _llm_yields_a_core(self, first: bool):
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


def _call_key(name: str, arguments: str) -> tuple[str, str]:
    """A call, with its arguments in a canonical form (key order and spacing do not matter)."""
    try:
        return name, json.dumps(json.loads(arguments or "{}"), sort_keys=True)
    except ValueError:
        return name, arguments
