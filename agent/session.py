"""VoiceSession: one conversation, independent of the transport that carries it.

Feed it client events (`handle`) and it calls `send(event)` with server events. The same
class serves the WebSocket, WebRTC and phone transports.

The turn, as the session sees it:
  speech starts ─► partial transcripts (re-decoding the growing utterance)
  a pause starts ─► *draft*: final decode + the reply, generated but held back
  speech resumes ─► the draft is thrown away
  the pause is long enough ─► the user turn is committed and the held reply released
  the user speaks over the reply ─► barge-in: cancel, truncate history to what was heard
"""
from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable

import anyio
import numpy as np

from media import g711
from media.endpointing import EndOfSpeech, PauseStarted, SpeechResumed, SpeechStarted, TurnEnded
from media.pcm import AudioFormatError, StreamResampler, decode_base64, pcm16_to_float
from models.asr import Transcript, is_probable_hallucination, normalise_words

from .conversation import Conversation, Item
from .reply_policy import DEFAULT_INSTRUCTIONS
from .protocol import AUDIO_FORMATS, ProtocolError, audio_format_of, error_event, new_id, text_of_content
from .response import ResponseRun, ResponseSpec
from .tools import default_toolbox
from .turn_metrics import TurnMetrics

log = logging.getLogger("parley.session")
Send = Callable[[dict[str, Any]], Awaitable[None]]

BACKCHANNELS = {"mm hmm", "mhm", "mm", "hmm", "uh huh", "yeah", "yep", "yes", "ok", "okay", "right", "sure", "uh", "um", "ah", "oh", "i see"}
PARTIAL_EVERY_MS = 600


@dataclass
class Draft:
    """A reply prepared during the end-of-turn silence; committed or dropped."""

    speech_end_ms: float
    metrics: TurnMetrics
    user_item: Item | None = None
    transcript: Transcript | None = None
    run: ResponseRun | None = None
    run_task: asyncio.Task | None = None  # the reply, generating while the user is silent
    task: asyncio.Task | None = None
    ready: asyncio.Event = field(default_factory=asyncio.Event)  # transcript known
    gate: asyncio.Event = field(default_factory=asyncio.Event)  # reply may be heard
    held: list[dict[str, Any]] = field(default_factory=list)


class VoiceSession:
    def __init__(self, runtime: Any, send: Send, transport: str = "websocket") -> None:
        c = runtime.config
        self.id = new_id("sess")
        self.transport = transport  # websocket | webrtc | phone: for metrics only; the session behaves the same
        self.runtime = runtime
        self._send = send
        self.conversation = Conversation()
        self.screenshots: list[dict[str, Any]] = []
        self.tools = default_toolbox(lambda: self.screenshots)
        self.instructions = DEFAULT_INSTRUCTIONS
        self.client_tools: list[dict[str, Any]] = []
        self.tool_choice = "auto"
        self.input_format = self.output_format = "audio/pcm"
        self.turn_detection: dict[str, Any] | None = {
            "type": "server_vad", "threshold": c.vad_threshold, "prefix_padding_ms": c.prefix_padding_ms,
            "silence_duration_ms": c.silence_duration_ms, "create_response": True, "interrupt_response": True}
        self.configured = False
        self.closed = False
        self.response: ResponseRun | None = None
        self.response_task: asyncio.Task | None = None
        self.draft: Draft | None = None
        self.background: set[asyncio.Task] = set()
        self.last_metrics: dict[str, Any] = {}
        self.barge_ins: list[dict[str, float]] = []
        self._reset_audio()

    # -- plumbing ---------------------------------------------------------------------------
    async def send(self, event: dict[str, Any]) -> None:
        if self.closed:
            return
        event.setdefault("event_id", new_id("event"))
        await self._send(event)

    def _spawn(self, coro: Awaitable[Any]) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self.background.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task) -> None:
        self.background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("session %s task failed", self.id, exc_info=task.exception())

    def session_json(self) -> dict[str, Any]:
        td = self.turn_detection
        return {"type": "realtime", "object": "realtime.session", "id": self.id, "model": "parley",
                "output_modalities": ["audio"], "instructions": self.instructions,
                "audio": {"input": {"format": {"type": self.input_format, "rate": AUDIO_FORMATS[self.input_format]},
                                    "turn_detection": td, "transcription": {"model": "whisper"}},
                          "output": {"format": {"type": self.output_format, "rate": AUDIO_FORMATS[self.output_format]}, "voice": "joe"}},
                "tools": self.client_tools, "tool_choice": self.tool_choice}

    async def start(self) -> None:
        await self.send({"type": "session.created", "session": self.session_json()})

    async def close(self) -> None:
        """Free everything: the transport is gone."""
        self.closed = True
        for task in [self.response_task, self.draft.task if self.draft else None, self._partial_task, *self.background]:
            if task and not task.done():
                task.cancel()
        tasks = [t for t in [self.response_task, self._partial_task, *self.background] if t]
        if self.draft:
            for task in (self.draft.task, self.draft.run_task):
                if task:
                    task.cancel()
                    tasks.append(task)
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- client events ----------------------------------------------------------------------
    async def handle(self, event: dict[str, Any]) -> None:
        handler = getattr(self, "_on_" + event["type"].replace(".", "_"))
        try:
            await handler(event)
        except ProtocolError as exc:
            await self.send(error_event(exc.code, exc.message, event_id=event.get("event_id") or exc.event_id, param=exc.param))
        except AudioFormatError as exc:
            await self.send(error_event(exc.code, str(exc), event_id=event.get("event_id")))

    async def configure(self, session: dict[str, Any]) -> None:
        """Apply a session configuration given out of band (a WebRTC call's offer);
        raises ProtocolError where `session.update` would answer with an error event."""
        await self._on_session_update({"type": "session.update", "session": session})

    async def _on_session_update(self, event: dict[str, Any]) -> None:
        s = event.get("session")
        if not isinstance(s, dict):
            raise ProtocolError("invalid_session", "session.update needs a 'session' object", param="session")
        audio = s.get("audio") or {}
        inp, out = audio.get("input") or {}, audio.get("output") or {}
        in_fmt = audio_format_of(inp.get("format"), "session.audio.input.format") if "format" in inp else self.input_format
        out_fmt = audio_format_of(out.get("format"), "session.audio.output.format") if "format" in out else self.output_format
        td = inp.get("turn_detection", self.turn_detection) if "turn_detection" in inp else self.turn_detection
        if td is not None:
            if not isinstance(td, dict) or td.get("type") not in ("server_vad", "semantic_vad"):
                raise ProtocolError("unsupported_turn_detection", "turn_detection must be null or {type: server_vad}", param="session.audio.input.turn_detection")
            thr = td.get("threshold", self.runtime.config.vad_threshold)
            if not isinstance(thr, (int, float)) or not 0.0 < thr < 1.0:
                raise ProtocolError("invalid_value", "turn_detection.threshold must be between 0 and 1", param="threshold")
            merged = dict(self.turn_detection or {})
            merged.update({k: v for k, v in td.items() if v is not None})
            merged["type"] = "server_vad"
            td = merged
        if "instructions" in s and s["instructions"] is not None:
            if not isinstance(s["instructions"], str):
                raise ProtocolError("invalid_value", "instructions must be a string", param="session.instructions")
            self.instructions = s["instructions"] or DEFAULT_INSTRUCTIONS
        if "tools" in s and s["tools"] is not None:
            if not isinstance(s["tools"], list) or not all(isinstance(t, dict) and t.get("name") for t in s["tools"]):
                raise ProtocolError("invalid_tools", "tools must be a list of {type: function, name, parameters}", param="session.tools")
            self.client_tools = s["tools"]
        if isinstance(s.get("tool_choice"), str):
            self.tool_choice = s["tool_choice"]
        if in_fmt != self.input_format:
            self.input_format = in_fmt
            self._reset_audio()
        self.output_format = out_fmt
        self.turn_detection = td
        self._apply_turn_detection()
        self.configured = True
        await self.send({"type": "session.updated", "session": self.session_json()})

    async def _on_input_audio_buffer_append(self, event: dict[str, Any]) -> None:
        if not self.configured:
            raise ProtocolError("session_not_configured", "send session.update (with the audio format) before audio")
        data = event.get("audio")
        if not isinstance(data, str):
            raise ProtocolError("invalid_audio", "input_audio_buffer.append needs base64 'audio'", param="audio")
        raw = decode_base64(data)
        if len(raw) > self.runtime.config.max_audio_append_bytes:
            raise ProtocolError("audio_too_large", f"{len(raw)} bytes of audio in one append; the limit is {self.runtime.config.max_audio_append_bytes}")
        if self.input_format == "audio/pcmu":
            raw = g711.ulaw_decode(raw)
        elif self.input_format == "audio/pcma":
            raw = g711.alaw_decode(raw)
        await self.feed_pcm16(raw, time.monotonic())

    async def _on_input_audio_buffer_clear(self, event: dict[str, Any]) -> None:
        await self._drop_draft()
        self._reset_audio()
        await self.send({"type": "input_audio_buffer.cleared"})

    async def _on_input_audio_buffer_commit(self, event: dict[str, Any]) -> None:
        audio = self._audio[self._utt_start:] if self._utt_start is not None else self._audio
        if len(audio) < 1600:
            raise ProtocolError("input_audio_buffer_commit_empty", "buffer too small: need at least 100 ms of audio")
        end_ms = (self._base + len(self._audio)) / 16.0
        draft = self._begin_draft(end_ms, create_response=False)
        self._item_id = new_id("item")
        self._base, self._audio = self._base + len(self._audio), np.zeros(0, np.float32)  # committed audio leaves the buffer
        await self._commit(draft)

    async def _on_conversation_item_create(self, event: dict[str, Any]) -> None:
        item = event.get("item")
        if not isinstance(item, dict):
            raise ProtocolError("invalid_item", "conversation.item.create needs an 'item' object", param="item")
        kind = item.get("type", "message")
        if kind == "function_call_output":
            if not isinstance(item.get("call_id"), str):
                raise ProtocolError("invalid_item", "function_call_output needs call_id", param="item.call_id")
            new = Item(type="function_call_output", call_id=item["call_id"], output=str(item.get("output", "")))
        elif kind == "message":
            role = item.get("role", "user")
            if role not in ("user", "assistant", "system"):
                raise ProtocolError("invalid_item", f"unsupported role {role!r}", param="item.role")
            text, images = text_of_content(item.get("content", []))
            new = Item(type="message", role=role, text=text)
            for url in images:
                self._spawn(self._analyze_image(new, url))
        else:
            raise ProtocolError("unsupported_item", f"item type {kind!r} is not supported", param="item.type")
        if isinstance(item.get("id"), str) and item["id"]:
            new.id = item["id"][:64]
        self.conversation.add(new, after=event.get("previous_item_id"))
        await self.send({"type": "conversation.item.added", "previous_item_id": None, "item": new.to_json()})
        await self.send({"type": "conversation.item.done", "item": new.to_json()})

    async def _on_conversation_item_delete(self, event: dict[str, Any]) -> None:
        if not self.conversation.delete(str(event.get("item_id"))):
            raise ProtocolError("item_not_found", f"no item {event.get('item_id')!r}", param="item_id")
        await self.send({"type": "conversation.item.deleted", "item_id": event["item_id"]})

    async def _on_conversation_item_retrieve(self, event: dict[str, Any]) -> None:
        item = self.conversation.get(str(event.get("item_id")))
        if item is None:
            raise ProtocolError("item_not_found", f"no item {event.get('item_id')!r}", param="item_id")
        await self.send({"type": "conversation.item.retrieved", "item": item.to_json()})

    async def _on_conversation_item_truncate(self, event: dict[str, Any]) -> None:
        ms = event.get("audio_end_ms")
        if not isinstance(ms, (int, float)) or ms < 0:
            raise ProtocolError("invalid_value", "audio_end_ms must be a non-negative number", param="audio_end_ms")
        item = self.conversation.get(str(event.get("item_id")))
        if item is None or item.role != "assistant":
            raise ProtocolError("item_not_found", f"no assistant item {event.get('item_id')!r}", param="item_id")
        if ms > item.sent_ms + 1:
            raise ProtocolError("invalid_value", f"audio_end_ms {ms} is beyond the {item.sent_ms:.0f} ms of audio sent", param="audio_end_ms")
        self.conversation.truncate(item.id, float(ms))
        await self.send({"type": "conversation.item.truncated", "item_id": item.id, "content_index": 0, "audio_end_ms": int(ms)})

    async def _on_response_create(self, event: dict[str, Any]) -> None:
        if self.response_task and not self.response_task.done():
            raise ProtocolError("conversation_already_has_active_response", "a response is in progress; cancel it first")
        opts = event.get("response") or {}
        spec = self._spec()
        if isinstance(opts.get("instructions"), str):
            spec.extra_instructions = opts["instructions"]
        if opts.get("conversation") == "none":
            spec.conversation = False
        self._start_response(spec, TurnMetrics())

    async def _on_response_cancel(self, event: dict[str, Any]) -> None:
        if not (self.response_task and not self.response_task.done()):
            raise ProtocolError("response_cancel_not_active", "there is no active response to cancel")
        await self.interrupt("client_cancel")

    async def _on_output_audio_buffer_clear(self, event: dict[str, Any]) -> None:
        await self.interrupt("client_cancel")

    # -- audio in ---------------------------------------------------------------------------
    def _reset_audio(self) -> None:
        c = self.runtime.config
        self._resampler = StreamResampler(AUDIO_FORMATS[self.input_format], 16_000)
        self._vad = self.runtime.vad.stream()
        self._eos = EndOfSpeech(threshold=c.vad_threshold, silence_duration_ms=c.silence_duration_ms, min_speech_ms=c.min_speech_ms)
        self._apply_turn_detection()
        self._audio = np.zeros(0, np.float32)  # 16 kHz, from sample offset _base
        self._base = 0
        self._arrivals: list[tuple[int, float]] = []  # (sample index at chunk end, monotonic arrival)
        self._utt_start: int | None = None  # absolute sample index
        self._audio_arrived = asyncio.Event()
        self._partial_task: asyncio.Task | None = getattr(self, "_partial_task", None)
        self._partial_wakeup: asyncio.Event | None = None
        self._partial_text = ""
        self._partial_emitted = 0

    def _apply_turn_detection(self) -> None:
        td = self.turn_detection
        if td and hasattr(self, "_eos"):
            self._eos.threshold = float(td.get("threshold", self._eos.threshold))
            self._eos.silence_duration_ms = int(td.get("silence_duration_ms", self._eos.silence_duration_ms))

    def _wall_at(self, abs_sample: int) -> float:
        """Monotonic time at which the audio sample was received (live clients stream in real time)."""
        for end, t in self._arrivals:
            if end >= abs_sample:
                return t - (end - abs_sample) / 16000.0
        return time.monotonic()

    def _slice(self, start_abs: int, end_abs: int) -> np.ndarray:
        return self._audio[max(0, start_abs - self._base):max(0, end_abs - self._base)].copy()

    async def feed_pcm16(self, pcm: bytes, arrived: float) -> None:
        x = self._resampler.process(pcm16_to_float(pcm))
        self._audio = np.concatenate([self._audio, x])
        end_abs = self._base + len(self._audio)
        self._arrivals.append((end_abs, arrived))
        self._audio_arrived.set()
        if len(self._arrivals) > 400:
            del self._arrivals[:200]
        if self.turn_detection is None:
            return
        for prob in self._vad.process(x):
            for ev in self._eos.push(prob):
                await self._on_endpoint(ev)
        if self._utt_start is None:  # keep only the pre-roll while nobody speaks
            keep = 16 * (self.turn_detection.get("prefix_padding_ms", 300) + 600)
            if len(self._audio) > keep * 2:
                drop = len(self._audio) - keep
                self._audio, self._base = self._audio[drop:], self._base + drop
        elif self._partial_wakeup is not None:
            self._partial_wakeup.set()

    async def _on_endpoint(self, ev: Any) -> None:
        td = self.turn_detection or {}
        if isinstance(ev, SpeechStarted):
            pad = int(td.get("prefix_padding_ms", 300)) * 16
            self._utt_start = max(self._base, int(ev.start_ms * 16) - pad)
            self._partial_text, self._partial_emitted = "", 0
            self._item_id = new_id("item")
            await self.send({"type": "input_audio_buffer.speech_started", "audio_start_ms": int(ev.start_ms), "item_id": self._item_id})
            self._partial_wakeup = asyncio.Event()
            self._partial_task = self._spawn(self._partials(self._partial_wakeup))
            if self.response_task and not self.response_task.done() and td.get("interrupt_response", True):
                self._spawn(self._maybe_barge_in(ev))
        elif isinstance(ev, PauseStarted):
            self.draft = self._begin_draft(ev.speech_end_ms, create_response=td.get("create_response", True))
        elif isinstance(ev, SpeechResumed):
            await self._drop_draft()
        elif isinstance(ev, TurnEnded):
            draft = self.draft if self.draft and self.draft.speech_end_ms == ev.speech_end_ms else None
            if draft is None:
                await self._drop_draft()
                draft = self._begin_draft(ev.speech_end_ms, create_response=td.get("create_response", True))
            draft.metrics.mark("end_of_turn")
            self.draft = None
            self._utt_start = None
            self._spawn(self._commit(draft))  # the read loop keeps reading audio meanwhile

    # -- streaming partial transcripts ------------------------------------------------------
    async def _partials(self, wakeup: asyncio.Event) -> None:
        last_len = 0
        while self._utt_start is not None and not self.closed:
            await wakeup.wait()
            wakeup.clear()
            if self.draft is not None or self._utt_start is None:
                continue
            audio = self._slice(self._utt_start, self._base + len(self._audio))
            if len(audio) - last_len < 16 * PARTIAL_EVERY_MS:
                continue
            last_len = len(audio)
            async with self.runtime.asr_limit:
                t = await anyio.to_thread.run_sync(self.runtime.asr.transcribe, audio, abandon_on_cancel=True)
            if is_probable_hallucination(t) or self._utt_start is None:
                continue
            prev, self._partial_text = self._partial_text, t.text
            self._eos.transcript_hint = t.text
            stable = _common_word_prefix(prev, t.text)
            await self._emit_partial(stable)

    async def _emit_partial(self, stable: str) -> None:
        if len(stable) > self._partial_emitted:
            delta = stable[self._partial_emitted:]
            self._partial_emitted = len(stable)
            await self.send({"type": "conversation.item.input_audio_transcription.delta", "item_id": self._item_id, "content_index": 0, "delta": delta})

    # -- drafts (preemptive replies) and commits ---------------------------------------------
    def _begin_draft(self, speech_end_ms: float, *, create_response: bool) -> Draft:
        metrics = TurnMetrics()
        end_abs = int(speech_end_ms * 16)
        metrics.mark("speech_end", self._wall_at(end_abs))
        draft = Draft(speech_end_ms, metrics)
        start = self._utt_start if self._utt_start is not None else self._base
        audio = self._slice(start, end_abs + 16 * 200)
        draft.task = self._spawn(self._prepare(draft, audio, create_response))
        return draft

    async def _prepare(self, draft: Draft, audio: np.ndarray, create_response: bool) -> None:
        try:
            async with self.runtime.asr_limit:
                draft.transcript = await anyio.to_thread.run_sync(self.runtime.asr.transcribe_final, audio, abandon_on_cancel=True)
            draft.metrics.mark("asr_final")
        finally:
            draft.ready.set()
        t = draft.transcript
        if t is not None and self.draft is draft:
            self._eos.transcript_hint = t.text  # a finished question ends the turn sooner
        if not create_response or t is None or is_probable_hallucination(t):
            return
        item_id = getattr(self, "_item_id", None) or new_id("item")
        draft.user_item = Item(type="message", role="user", text=t.text, id=item_id, from_audio=True)
        self.conversation.add(draft.user_item)

        async def held_send(event: dict[str, Any]) -> None:
            if draft.gate.is_set():
                await self.send(event)
            else:
                draft.held.append(event)

        draft.metrics.preemptive = True
        draft.run = ResponseRun(self.runtime, self.conversation, self._spec(), held_send, draft.metrics, self.tools)
        draft.run.gate = draft.gate
        draft.run_task = asyncio.ensure_future(draft.run.run())

    async def _drop_draft(self) -> None:
        draft, self.draft = self.draft, None
        if draft is None:
            return
        for task in (draft.task, draft.run_task):
            if task and not task.done():
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        if draft.user_item is not None:
            self.conversation.delete(draft.user_item.id)

    async def _commit(self, draft: Draft) -> None:
        item_id = getattr(self, "_item_id", None) or new_id("item")
        self._utt_start = None
        if self._partial_wakeup:
            self._partial_wakeup.set()
        await self.send({"type": "input_audio_buffer.speech_stopped", "audio_end_ms": int(draft.speech_end_ms), "item_id": item_id})
        await draft.ready.wait()
        t = draft.transcript
        if t is None or is_probable_hallucination(t):
            log.info("turn dropped: no speech in it (noise or silence)")
            if draft.task:
                draft.task.cancel()
            return
        if draft.task:
            await asyncio.gather(draft.task, return_exceptions=True)
        replying = self.response is not None and self.response_task is not None and not self.response_task.done()
        if replying and self.response.first_audio_at is not None and self._not_an_interruption(t, self.response):
            for task in (draft.run_task,):  # not a turn: the reply goes on
                if task and not task.done():
                    task.cancel()
            if draft.user_item is not None:
                self.conversation.delete(draft.user_item.id)
            return
        user = draft.user_item
        if user is None:
            user = self.conversation.add(Item(type="message", role="user", text=t.text, id=item_id, from_audio=True))
        prev = self.conversation.items[self.conversation.items.index(user) - 1].id if self.conversation.items.index(user) > 0 else None
        await self.send({"type": "input_audio_buffer.committed", "item_id": user.id, "previous_item_id": prev})
        await self.send({"type": "conversation.item.added", "previous_item_id": prev, "item": {**user.to_json(), "content": [{"type": "input_audio", "transcript": None}]}})
        self._partial_emitted = min(self._partial_emitted, len(t.text)) if t.text.startswith(self._partial_text[: self._partial_emitted]) else len(t.text)
        await self._emit_partial(t.text)
        await self.send({"type": "conversation.item.input_audio_transcription.completed", "item_id": user.id, "content_index": 0, "transcript": t.text})
        await self.send({"type": "conversation.item.done", "item": user.to_json()})
        if draft.run is None:
            return
        if self.response_task and not self.response_task.done():
            await self.interrupt("new_turn")
        self.response = draft.run
        self.response_task = self._spawn(self._drive(draft.run, draft.run_task))
        while draft.held:
            await self.send(draft.held.pop(0))
        draft.gate.set()

    def _spec(self) -> ResponseSpec:
        return ResponseSpec(instructions=self.instructions, output_format=self.output_format,
                            max_tokens=self.runtime.config.llm_max_tokens, client_tools=self.client_tools, tool_choice=self.tool_choice)

    def _start_response(self, spec: ResponseSpec, metrics: TurnMetrics) -> None:
        run = ResponseRun(self.runtime, self.conversation, spec, self.send, metrics, self.tools)
        run.gate.set()
        self.response = run
        self.response_task = self._spawn(self._drive(run))

    async def _drive(self, run: ResponseRun, started: asyncio.Task | None = None) -> None:
        from models.llm import LLMError

        status = "completed"
        try:
            await (started if started is not None else run.run())
        except asyncio.CancelledError:
            status = "cancelled"
        except BaseExceptionGroup as group:  # noqa: F821 - py3.11 builtin
            status = "failed"
            llm_err = group.subgroup(LLMError)
            err = llm_err.exceptions[0] if llm_err else group.exceptions[0]
            log.error("response %s failed: %s", run.id, err)
            code = getattr(err, "code", "response_failed")
            await self.send(error_event(code, f"the reply could not be generated: {err}", kind="server_error",
                                        hint=getattr(err, "hint", "") or "check the LLM backend (parley doctor)"))
        if status == "cancelled" and run.item is not None and run.spec.conversation:
            heard = run.heard_ms()
            self.conversation.truncate(run.item.id, heard)
            if not run.item.text and run.item in self.conversation.items:
                self.conversation.delete(run.item.id)
        report = run.metrics.report(self.runtime.config.budget_ms, run.id)
        if report["metrics"]:
            self.last_metrics = report
            await self.send({"type": "parley.turn.metrics", "response_id": run.id, "item_id": run.item.id if run.item else None, **report})
            if getattr(self.runtime, "observe_turn", None):
                self.runtime.observe_turn(report["metrics"])
        await run.finish(status)

    # -- barge-in ------------------------------------------------------------------------
    async def _maybe_barge_in(self, ev: SpeechStarted) -> None:
        """Confirmed speech over the reply: cancel, unless it is a backchannel or our own echo."""
        run = self.response
        if run is None or run.first_audio_at is None:  # nothing heard yet: the user just goes on
            if run is not None and self.response_task and not self.response_task.done():
                await self.interrupt("speech_before_audio")
            return
        min_ms = self.runtime.config.barge_in_min_speech_ms
        while self._utt_start is not None and (self._base + len(self._audio)) / 16 - ev.start_ms < min_ms:
            self._audio_arrived.clear()
            await self._audio_arrived.wait()  # more of the interruption
        if self._utt_start is None and self.draft is None:
            return  # it stopped before it was long enough to count
        start = self._utt_start or self._base
        audio = self._slice(start, self._base + len(self._audio))
        async with self.runtime.asr_limit:
            t = await anyio.to_thread.run_sync(self.runtime.asr.transcribe, audio, abandon_on_cancel=True)
        if self._not_an_interruption(t, run):
            return
        if run is self.response and self.response_task and not self.response_task.done():
            onset = self._wall_at(int(ev.start_ms * 16))
            confirmed = time.monotonic()
            await self.interrupt("barge_in")
            self.barge_ins.append({"onset_to_confirm_ms": (confirmed - onset) * 1000, "confirm_to_stop_ms": (time.monotonic() - confirmed) * 1000})

    def _not_an_interruption(self, t: Transcript, run: ResponseRun) -> bool:
        """Noise, a backchannel ("mm-hm", "okay") or the agent's own voice echoing back."""
        words = normalise_words(t.text)
        if is_probable_hallucination(t) or words in BACKCHANNELS:
            log.info("speech over the reply ignored (backchannel/noise)")
            return True
        said = set(normalise_words(run.item.text if run.item else "").split())
        heard_words = words.split()
        if len(heard_words) >= 2 and sum(w in said for w in heard_words) / len(heard_words) >= 0.8:
            log.info("speech over the reply ignored (echo of the agent's own voice)")
            return True
        return False

    async def interrupt(self, reason: str) -> None:
        task = self.response_task
        if task is None or task.done():
            return
        log.info("response %s interrupted (%s)", self.response.id if self.response else "?", reason)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    # -- screenshots ---------------------------------------------------------------------
    async def _analyze_image(self, item: Item, url: str) -> None:
        from .vision import analyze_data_url

        try:
            ticket, summary = await analyze_data_url(self.runtime, url)
        except ProtocolError as exc:
            await self.send(error_event(exc.code, exc.message, param="item.content"))
            return
        item.images.append(summary)
        self.screenshots.append({"title": ticket.get("title"), "error_messages": ticket.get("error_messages", []),
                                 "error_codes": ticket.get("error_codes", []), "urls": ticket.get("urls", []), "summary": summary})
        await self.send({"type": "parley.image.analyzed", "item_id": item.id, "summary": summary,
                         "ticket": {k: ticket.get(k) for k in ("id", "title", "error_messages", "error_codes", "urls", "flags", "timings")}})


def _common_word_prefix(a: str, b: str) -> str:
    """The words two successive decodes agree on (a stable partial transcript)."""
    aw, bw = a.split(), b.split()
    n = 0
    while n < min(len(aw), len(bw)) and normalise_words(aw[n]) == normalise_words(bw[n]):
        n += 1
    return " ".join(bw[:n]) + (" " if 0 < n < len(bw) else "")
