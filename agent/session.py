"""VoiceSession: one conversation, independent of the transport that carries it.

Feed it client events (`handle`) and microphone PCM (`feed_pcm16`); it calls `send(event)`
with server events and hands reply audio to its `Playback` port. The same class serves the
WebSocket, WebRTC and phone transports. Use it as an async context manager: every task it
starts belongs to its task group and ends with it.

A user utterance is a `Turn` (agent/turn.py): speech start → partial transcripts → a
*draft* at the first pause (final decode + reply, held back) → committed when the silence
is long enough, or dropped (noise, backchannel, echo), or merged into the next turn when
the user goes on within `merge_window_ms`. Speech over a playing reply is judged first:
a barge-in cancels the reply and the history keeps what the playback port says was heard;
anything else is announced as `parley.speech.ignored`.
"""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable, Callable

import anyio

from media import g711
from media.audio_buffer import AudioBufferFull
from media.endpointing import PauseStarted, SpeechResumed, SpeechStarted, TurnEnded
from media.mic_input import RATE, MicInput
from media.pcm import AudioFormatError
from models.asr import Transcript, is_probable_hallucination, normalise_words

from . import client_events as ce
from .conversation import Conversation, Item
from .playback import EventPlayback, Playback
from .protocol import AUDIO_FORMATS, ProtocolError, error_event, new_id
from .reply_policy import DEFAULT_INSTRUCTIONS
from .response import ResponseRun, ResponseSpec
from .session_limits import RateWindow
from .tools import default_toolbox
from .turn import Draft, Turn, TurnState
from .turn_metrics import TurnMetrics

log = logging.getLogger("parley.session")
Send = Callable[[dict[str, Any]], Awaitable[None]]

BACKCHANNELS = {"mm hmm", "mhm", "mm", "hmm", "uh huh", "yeah", "yep", "yes", "ok", "okay", "right", "sure", "uh", "um", "ah", "oh", "i see"}
PARTIAL_EVERY_MS = 600
TAIL_MS = 200  # audio decoded past the last voiced frame


class VoiceSession:
    def __init__(self, runtime: Any, send: Send, transport: str = "websocket", playback: Playback | None = None) -> None:
        c = runtime.config
        self.id = new_id("sess")
        self.transport = transport  # websocket | webrtc | phone: for metrics only; the session behaves the same
        self.runtime = runtime
        self.config = c
        self._send = send
        self.conversation = Conversation(max_items=40, max_history=c.max_history_items)
        self.screenshots: list[dict[str, Any]] = []
        self.tools = default_toolbox(lambda: self.screenshots)
        self.instructions = runtime.reply_policy.instructions or DEFAULT_INSTRUCTIONS
        self.client_tools: list[dict[str, Any]] = []
        self.tool_choice = "auto"
        self.input_format = self.output_format = "audio/pcm"
        self.turn_detection: dict[str, Any] | None = {
            "type": "server_vad", "threshold": c.vad_threshold, "prefix_padding_ms": c.prefix_padding_ms,
            "silence_duration_ms": c.silence_duration_ms, "create_response": True, "interrupt_response": True}
        self.playback: Playback = playback or EventPlayback(self.send, lambda: self.output_format)
        self.mic = MicInput(runtime.vad, input_rate=24_000, threshold=c.vad_threshold, silence_duration_ms=c.silence_duration_ms,
                            min_speech_ms=c.min_speech_ms, max_buffer_s=c.max_audio_buffer_s)
        self.configured = False
        self.ended = asyncio.Event()  # the session asks its transport to close (drain, expiry)
        self.closed_event = asyncio.Event()  # set once close() has finished
        self.end_code = ""
        self.response: ResponseRun | None = None
        self.response_task: asyncio.Task | None = None
        self.turn: Turn | None = None  # the open turn (speaking or draft)
        self.last_turn: Turn | None = None  # the last committed turn (a continuation may merge into it)
        self.last_metrics: dict[str, Any] = {}
        self.barge_ins: list[dict[str, float]] = []
        self.images_shared = 0
        self._appends = RateWindow(c.max_appends_per_s)
        self._buffer_full_reported = False
        self._commit_lock = asyncio.Lock()  # one turn commits at a time
        self._committing: set[Turn] = set()  # ended turns whose commit has not finished
        self._arrived = asyncio.Condition()  # audio arrived or a turn changed state
        self._tg: asyncio.TaskGroup | None = None
        self._tasks: set[asyncio.Task] = set()
        self._closed = False

    # -- lifecycle: one task group ------------------------------------------------------------
    async def __aenter__(self) -> "VoiceSession":
        self._tg = asyncio.TaskGroup()
        await self._tg.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    async def close(self) -> None:
        """The transport is gone: cancel every task the session started and wait for them
        (worker threads finish their current decode first, so no limit slot is leaked)."""
        if self._closed:
            return
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        try:
            if self._tg is not None:
                tg, self._tg = self._tg, None
                await tg.__aexit__(None, None, None)
        finally:
            self.closed_event.set()

    def _spawn(self, coro: Any, name: str) -> asyncio.Task:
        if self._tg is None or self._closed:
            coro.close()
            if self._closed:
                raise asyncio.CancelledError()  # the session is closing: its tasks are being cancelled
            raise RuntimeError("VoiceSession is used outside `async with session:`")
        guarded = self._guarded(coro, name)
        try:
            task = self._tg.create_task(guarded, name=f"{self.id}:{name}")
        except RuntimeError:  # the group is shutting down (its host task was cancelled)
            guarded.close()
            coro.close()
            raise asyncio.CancelledError() from None
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(lambda _t: coro.close())  # a task cancelled before it ran never started `coro`
        return task

    async def _guarded(self, coro: Awaitable[Any], name: str) -> None:
        """A failing task is logged and reported; it never takes the session down."""
        try:
            await coro
        except Exception:  # noqa: BLE001
            log.exception("session %s: task %s failed", self.id, name)
            await self.send(error_event("server_error", f"the server failed in {name}", kind="server_error",
                                        hint="the session goes on; the server log has the details"))

    @property
    def running_tasks(self) -> list[asyncio.Task]:
        return list(self._tasks)

    @property
    def closed(self) -> bool:
        return self._closed

    async def send(self, event: dict[str, Any]) -> None:
        if self._closed:
            return
        event.setdefault("event_id", new_id("event"))
        await self._send(event)

    async def end(self, code: str, message: str, *, notify: bool = True) -> None:
        """Tell the client why the session ends (unless it was told already), and ask the
        transport to close it."""
        self.end_code = code
        if notify:
            await self.send(error_event(code, message, kind="server_error"))
        self.ended.set()

    def session_json(self) -> dict[str, Any]:
        return {"type": "realtime", "object": "realtime.session", "id": self.id, "model": "parley",
                "output_modalities": ["audio"], "instructions": self.instructions,
                "audio": {"input": {"format": {"type": self.input_format, "rate": AUDIO_FORMATS[self.input_format]},
                                    "turn_detection": self.turn_detection, "transcription": {"model": "whisper"}},
                          "output": {"format": {"type": self.output_format, "rate": AUDIO_FORMATS[self.output_format]}, "voice": "joe"}},
                "tools": self.client_tools, "tool_choice": self.tool_choice}

    async def start(self) -> None:
        await self.send({"type": "session.created", "session": self.session_json()})

    # -- client events --------------------------------------------------------------------------
    async def handle(self, event: dict[str, Any]) -> None:
        """One client event (a JSON object with a known `type`); errors become `error` events."""
        event_id = event.get("event_id") if isinstance(event.get("event_id"), str) else None
        try:
            typed = ce.parse(event, ce.Limits(self.config.max_audio_append_bytes, self.config.max_upload_bytes))
            await self._HANDLERS[type(typed)](self, typed)
        except ProtocolError as exc:
            await self.send(error_event(exc.code, exc.message, event_id=event_id or exc.event_id, param=exc.param, hint=exc.hint))
        except AudioFormatError as exc:
            await self.send(error_event(exc.code, str(exc), event_id=event_id))

    async def configure(self, session: dict[str, Any]) -> None:
        """Apply a session configuration given out of band (a WebRTC call's offer);
        raises ProtocolError where `session.update` would answer with an error event."""
        await self._on_session_update(ce.SessionUpdate.parse({"session": session}))

    async def _on_session_update(self, u: ce.SessionUpdate) -> None:
        if u.turn_detection is None:
            td = None
        elif u.turn_detection is ce.UNSET:
            td = self.turn_detection
        else:
            td = dict(self.turn_detection or {"type": "server_vad", "threshold": self.config.vad_threshold,
                                               "prefix_padding_ms": self.config.prefix_padding_ms,
                                               "silence_duration_ms": self.config.silence_duration_ms,
                                               "create_response": True, "interrupt_response": True})
            td.update({k: v for k, v in vars(u.turn_detection).items() if v is not None})
        if u.instructions is not None:
            self.instructions = u.instructions or self.runtime.reply_policy.instructions
        if u.tools is not None:
            self.client_tools = u.tools
        if u.tool_choice is not None:
            self.tool_choice = u.tool_choice
        if u.input_format is not None and u.input_format != self.input_format:
            self.input_format = u.input_format
            await self._reset_input()
        if u.output_format is not None:
            self.output_format = u.output_format
        self.turn_detection = td
        self.mic.detect = td is not None
        if td is not None:
            self.mic.eos.threshold = float(td["threshold"])
            self.mic.eos.silence_duration_ms = int(td["silence_duration_ms"])
        self.configured = True
        await self.send({"type": "session.updated", "session": self.session_json()})

    async def _on_audio_append(self, e: ce.AudioAppend) -> None:
        if not self.configured:
            raise ProtocolError("session_not_configured", "send session.update (with the audio format) before audio",
                                hint="the first event of a session sets audio.input.format")
        if not self._appends.allow(time.monotonic()):
            raise ProtocolError("rate_limited", f"more than {self.config.max_appends_per_s} audio appends per second",
                                hint="send 20-100 ms of audio per append")
        raw = e.audio
        if self.input_format == "audio/pcmu":
            raw = g711.ulaw_decode(raw)
        elif self.input_format == "audio/pcma":
            raw = g711.alaw_decode(raw)
        await self._feed(raw, time.monotonic())

    async def _on_buffer_clear(self, e: ce.BufferClear) -> None:
        if self.turn is not None:
            await self._drop(self.turn, "cleared")
            self.turn = None
        await self._reset_input()
        await self.send({"type": "input_audio_buffer.cleared"})

    async def _on_buffer_commit(self, e: ce.BufferCommit) -> None:
        start = self.turn.start if self.turn is not None else self.mic.buffer.start
        if self.mic.end - start < RATE // 10:
            raise ProtocolError("input_audio_buffer_commit_empty", "buffer too small: need at least 100 ms of audio")
        turn, self.turn = self.turn or Turn(start, 0.0), None
        if turn.draft is not None:
            await turn.discard_draft(self.conversation)
        end_ms = (self.mic.end - self.mic.origin) * 1000 / RATE
        create = self.turn_detection is not None and bool(self.turn_detection.get("create_response", True))
        self._begin_draft(turn, end_ms, create_response=create, end=self.mic.end)
        turn.overlap = turn.overlap or "turn"
        turn.judged.set()
        await self._reset_input()  # committed audio leaves the buffer
        await self._commit(turn)

    async def _on_item_create(self, e: ce.ItemCreate) -> None:
        spec = e.item
        if spec.type == "function_call_output":
            new = Item(type="function_call_output", call_id=spec.call_id, output=spec.output)
        else:
            if self.images_shared + len(spec.images) > self.config.max_images_per_session:
                raise ProtocolError("too_many_images", f"a session may share at most {self.config.max_images_per_session} images",
                                    param="item.content", hint="start a new session, or raise max_images_per_session")
            new = Item(type="message", role=spec.role, text=spec.text)
            for url in spec.images:
                self.images_shared += 1
                self._spawn(self._analyze_image(new, url), "image")
        if spec.id:
            new.id = spec.id
        self.conversation.add(new, after=e.previous_item_id)
        await self.send({"type": "conversation.item.added", "previous_item_id": e.previous_item_id, "item": new.to_json()})
        await self.send({"type": "conversation.item.done", "item": new.to_json()})

    async def _on_item_delete(self, e: ce.ItemDelete) -> None:
        if not self.conversation.delete(e.item_id):
            raise ProtocolError("item_not_found", f"no item {e.item_id!r}", param="item_id")
        await self.send({"type": "conversation.item.deleted", "item_id": e.item_id})

    async def _on_item_retrieve(self, e: ce.ItemRetrieve) -> None:
        item = self.conversation.get(e.item_id)
        if item is None:
            raise ProtocolError("item_not_found", f"no item {e.item_id!r}", param="item_id")
        await self.send({"type": "conversation.item.retrieved", "item": item.to_json()})

    async def _on_item_truncate(self, e: ce.ItemTruncate) -> None:
        item = self.conversation.get(e.item_id)
        if item is None or item.role != "assistant":
            raise ProtocolError("item_not_found", f"no assistant item {e.item_id!r}", param="item_id")
        if e.audio_end_ms > item.sent_ms + 1:
            raise ProtocolError("invalid_value", f"audio_end_ms {e.audio_end_ms:.0f} is beyond the {item.sent_ms:.0f} ms of audio sent", param="audio_end_ms")
        self.conversation.truncate(item.id, e.audio_end_ms)
        await self.send({"type": "conversation.item.truncated", "item_id": item.id, "content_index": 0, "audio_end_ms": int(e.audio_end_ms)})

    async def _on_response_create(self, e: ce.ResponseCreate) -> None:
        if self.replying:
            raise ProtocolError("conversation_already_has_active_response", "a response is in progress; cancel it first")
        spec = self._spec()
        spec.extra_instructions = e.instructions or ""
        spec.conversation = e.conversation
        run = self._new_run(spec, TurnMetrics(), self.send)
        run.gate.set()
        self.response, self.response_task = run, self._spawn(self._drive(run), "response")

    async def _on_response_cancel(self, e: ce.ResponseCancel) -> None:
        if not self.replying:
            raise ProtocolError("response_cancel_not_active", "there is no active response to cancel")
        await self.interrupt("client_cancel")

    async def _on_output_clear(self, e: ce.OutputAudioBufferClear) -> None:
        await self.interrupt("client_cancel")

    _HANDLERS: dict[type, Callable[..., Awaitable[None]]] = {
        ce.SessionUpdate: _on_session_update, ce.AudioAppend: _on_audio_append, ce.BufferClear: _on_buffer_clear,
        ce.BufferCommit: _on_buffer_commit, ce.ItemCreate: _on_item_create, ce.ItemDelete: _on_item_delete,
        ce.ItemRetrieve: _on_item_retrieve, ce.ItemTruncate: _on_item_truncate, ce.ResponseCreate: _on_response_create,
        ce.ResponseCancel: _on_response_cancel, ce.OutputAudioBufferClear: _on_output_clear,
    }

    # -- audio in -------------------------------------------------------------------------------
    async def _reset_input(self) -> None:
        self.mic.reset(AUDIO_FORMATS[self.input_format])
        self._buffer_full_reported = False

    async def feed_pcm16(self, pcm: bytes, arrived: float) -> None:
        """Microphone PCM16 from a media transport (WebRTC, phone); errors become events."""
        try:
            await self._feed(pcm, arrived)
        except ProtocolError as exc:
            await self.send(error_event(exc.code, exc.message, param=exc.param, hint=exc.hint))

    async def _feed(self, pcm: bytes, arrived: float) -> None:
        try:
            events = await self.mic.feed(pcm, arrived)
        except AudioBufferFull as exc:
            if self._buffer_full_reported:
                return  # said once; the client must commit or clear
            self._buffer_full_reported = True
            raise ProtocolError("input_audio_buffer_full", str(exc), param="audio",
                                hint="commit or clear the buffer (input_audio_buffer.commit / .clear), or enable server_vad") from None
        self._buffer_full_reported = False
        for ev in events:
            await self._on_endpoint(ev)
        await self._split_long_turn()
        self._release_old_audio()
        await self._turn_changed()

    def _release_old_audio(self) -> None:
        pad = int((self.turn_detection or {}).get("prefix_padding_ms", 300)) + 600
        keep = self.mic.end - pad * RATE // 1000
        if not self.mic.detect:
            return  # no turn detection: everything since the last commit stays
        for turn in (self.turn, *self._committing):  # their audio may still be decoded (again, if merged)
            if turn is not None:
                keep = min(keep, turn.start, turn.continues.start if turn.continues else keep)
        if self._mergeable(self.last_turn, self.mic.end):
            keep = min(keep, self.last_turn.start)  # type: ignore[union-attr]
        self.mic.buffer.keep_from(keep)

    async def _split_long_turn(self) -> None:
        """A turn may not outgrow `max_turn_s` (hold music, a monologue): it is committed
        there and the speech goes on as a new turn."""
        turn = self.turn
        if turn is None or self.mic.end - turn.start < self.config.max_turn_s * RATE:
            return
        log.info("session %s: turn over %.0f s, committed and continued", self.id, self.config.max_turn_s)
        end_ms = self.mic.eos.now_ms
        await self._end_turn(TurnEnded(end_ms, end_ms))
        self.mic.eos.reset()  # the speech goes on: EndOfSpeech starts a new turn
        self.mic.origin = self.mic.end

    async def _on_endpoint(self, ev: Any) -> None:
        td = self.turn_detection or {}
        create = bool(td.get("create_response", True))
        if isinstance(ev, SpeechStarted):
            await self._speech_started(ev, td)
        elif isinstance(ev, PauseStarted) and self.turn is not None:
            self._begin_draft(self.turn, ev.speech_end_ms, create_response=create)
        elif isinstance(ev, SpeechResumed) and self.turn is not None and self.turn.draft is not None:
            await self.turn.discard_draft(self.conversation)
        elif isinstance(ev, TurnEnded) and self.turn is not None:
            await self._end_turn(ev)

    async def _speech_started(self, ev: SpeechStarted, td: dict[str, Any]) -> None:
        start = max(self.mic.buffer.start, self.mic.sample_at_ms(ev.start_ms) - int(td.get("prefix_padding_ms", 300)) * RATE // 1000)
        turn = Turn(start, ev.start_ms)
        if self._mergeable(self.last_turn, start):
            turn.continues = self.last_turn
        self.turn = turn
        await self.send({"type": "input_audio_buffer.speech_started", "audio_start_ms": int(ev.start_ms), "item_id": turn.item_id})
        self._spawn(self._partials(turn), "partials")
        if (self.replying and td.get("interrupt_response", True)) or turn.continues is not None:
            self._spawn(self._judge_overlap(turn, self.mic.sample_at_ms(ev.start_ms)), "barge-in")
        else:
            turn.overlap = "turn"
            turn.judged.set()

    async def _end_turn(self, ev: TurnEnded) -> None:
        turn, self.turn = self.turn, None
        assert turn is not None
        draft = turn.draft
        if draft is None or draft.speech_end_ms != ev.speech_end_ms:
            if draft is not None:
                await turn.discard_draft(self.conversation)
            create = bool((self.turn_detection or {}).get("create_response", True))
            draft = self._begin_draft(turn, ev.speech_end_ms, create_response=create)
        draft.metrics.mark("end_of_turn")
        turn.state = TurnState.COMMITTED  # closed to new audio; _commit decides its fate
        turn.committed_end = draft.end
        self.last_turn = turn  # speech from here on may continue it (a merge), even before its commit finishes
        self._committing.add(turn)
        self._spawn(self._commit(turn), "commit")  # the read loop keeps reading audio meanwhile

    def _mergeable(self, prev: Turn | None, at: int) -> bool:
        return (prev is not None and prev.state is TurnState.COMMITTED
                and at - prev.committed_end <= self.config.merge_window_ms * RATE // 1000)

    async def _wait_audio(self, turn: Turn, until: int) -> None:
        """Until the buffer reaches sample `until`, or the turn stops speaking."""
        async with self._arrived:
            await self._arrived.wait_for(lambda: self.mic.end >= until or turn.state is not TurnState.SPEAKING or self._closed)

    # -- streaming partial transcripts --------------------------------------------------------
    async def _partials(self, turn: Turn) -> None:
        last_end = turn.start
        while turn.open:
            await self._wait_audio(turn, last_end + PARTIAL_EVERY_MS * RATE // 1000)
            if turn.state is not TurnState.SPEAKING:
                if turn.state is TurnState.DRAFT:
                    async with self._arrived:  # paused: wait for speech to resume or the turn to end
                        await self._arrived.wait_for(lambda: turn.state is not TurnState.DRAFT)
                continue
            last_end = self.mic.end
            t = await self._transcribe(self.mic.slice(turn.start, last_end))
            if is_probable_hallucination(t) or turn.state is not TurnState.SPEAKING:
                continue
            prev, turn.partial_text = turn.partial_text, t.text
            self.mic.eos.transcript_hint = t.text
            self.runtime.reply_policy.note_user_text(t.text)
            await self._emit_partial(turn, _common_word_prefix(prev, t.text))

    async def _emit_partial(self, turn: Turn, stable: str) -> None:
        if len(stable) > turn.partial_emitted:
            delta = stable[turn.partial_emitted:]
            turn.partial_emitted = len(stable)
            await self.send({"type": "conversation.item.input_audio_transcription.delta", "item_id": turn.item_id, "content_index": 0, "delta": delta})

    async def _transcribe(self, audio: Any, final: bool = False) -> Transcript:
        asr = self.runtime.asr
        async with self.runtime.asr_limit:  # the thread finishes before the slot is freed, even on cancel
            return await anyio.to_thread.run_sync(asr.transcribe_final if final else asr.transcribe, audio)

    # -- drafts and commits ---------------------------------------------------------------------
    def _begin_draft(self, turn: Turn, speech_end_ms: float, *, create_response: bool, end: int | None = None) -> Draft:
        metrics = TurnMetrics()
        last_voiced = self.mic.sample_at_ms(speech_end_ms) if end is None else end
        metrics.mark("speech_end", self.mic.buffer.arrival_of(last_voiced))
        end = last_voiced + TAIL_MS * RATE // 1000 if end is None else end
        draft = Draft(end, speech_end_ms, metrics)
        draft.start = turn.start
        turn.draft, turn.state = draft, TurnState.DRAFT
        audio = self.mic.slice(turn.start, end)
        draft.decode = self._spawn(self._prepare(turn, draft, audio, create_response), "decode")
        return draft

    async def _prepare(self, turn: Turn, draft: Draft, audio: Any, create_response: bool) -> None:
        try:
            draft.transcript = await self._transcribe(audio, final=True)
            draft.metrics.mark("asr_final")
        finally:
            draft.ready.set()
        t = draft.transcript
        if turn.draft is draft and turn.state is TurnState.DRAFT:
            self.mic.eos.transcript_hint = t.text  # a finished question ends the turn sooner
        if not create_response or is_probable_hallucination(t):
            return
        self.runtime.reply_policy.note_user_text(t.text)
        await turn.judged.wait()
        if turn.overlap != "turn" or turn.draft is not draft or draft.start != turn.start:
            return
        turn.user_item = self.conversation.add(Item(type="message", role="user", text=t.text, id=turn.item_id, from_audio=True))

        async def held_send(event: dict[str, Any]) -> None:
            if draft.reply is not None and draft.reply.gate.is_set():
                await self.send(event)
            else:
                draft.held.append(event)

        draft.metrics.preemptive = True
        draft.reply = self._new_run(self._spec(), draft.metrics, held_send)
        draft.reply_task = self._spawn(self._drive(draft.reply), "response")

    async def _commit(self, turn: Turn) -> None:
        try:
            await self._commit_turn(turn)
        finally:
            self._committing.discard(turn)

    async def _commit_turn(self, turn: Turn) -> None:
        draft = turn.draft
        assert draft is not None
        await self.send({"type": "input_audio_buffer.speech_stopped", "audio_end_ms": int(draft.speech_end_ms), "item_id": turn.item_id})
        await turn.judged.wait()  # outside the lock: a merge decided meanwhile needs it
        async with self._commit_lock:
            draft = turn.draft
            assert draft is not None
            if draft.start != turn.start:  # merged meanwhile: decode both parts together
                await turn.discard_draft(self.conversation)
                create = bool((self.turn_detection or {}).get("create_response", True))
                draft = self._begin_draft(turn, draft.speech_end_ms, create_response=create, end=draft.end)
                draft.metrics.mark("end_of_turn")
            turn.state = TurnState.COMMITTED
            await self._turn_changed()
            await draft.ready.wait()
            t = draft.transcript
            if t is None or is_probable_hallucination(t) or turn.overlap != "turn":
                await self._drop(turn, turn.overlap if turn.overlap not in ("", "turn") else "noise")
                return
            if draft.decode is not None:
                await asyncio.gather(draft.decode, return_exceptions=True)  # the reply has started, if any
            turn.committed_end, turn.speech_end_ms = draft.end, draft.speech_end_ms
            draft.metrics.user_text = t.text
            user = turn.user_item
            if user is None:
                user = turn.user_item = self.conversation.add(Item(type="message", role="user", text=t.text, id=turn.item_id, from_audio=True))
            prev = self.conversation.previous_id(user.id)
            await self.send({"type": "input_audio_buffer.committed", "item_id": user.id, "previous_item_id": prev})
            await self.send({"type": "conversation.item.added", "previous_item_id": prev, "item": {**user.to_json(), "content": [{"type": "input_audio", "transcript": None}]}})
            turn.partial_emitted = min(turn.partial_emitted, len(t.text)) if t.text.startswith(turn.partial_text[:turn.partial_emitted]) else len(t.text)
            await self._emit_partial(turn, t.text)
            await self.send({"type": "conversation.item.input_audio_transcription.completed", "item_id": user.id, "content_index": 0, "transcript": t.text})
            await self.send({"type": "conversation.item.done", "item": user.to_json()})
            run = draft.reply
            if run is None:
                return
            if self.replying and self.response is not run:
                await self.interrupt("new_turn")
            self.response, self.response_task = run, draft.reply_task
            while draft.held:
                await self.send(draft.held.pop(0))
            run.gate.set()

    async def _drop(self, turn: Turn, reason: str) -> None:
        """The turn was not a turn: nothing it started goes on, nothing it added stays."""
        log.info("session %s: turn %s dropped (%s)", self.id, turn.item_id, reason)
        turn.state = TurnState.DROPPED
        await turn.cancel_tasks()
        turn.retract(self.conversation)
        await self._turn_changed()

    async def _turn_changed(self) -> None:
        async with self._arrived:
            self._arrived.notify_all()

    # -- responses ------------------------------------------------------------------------------
    @property
    def replying(self) -> bool:
        return self.response_task is not None and not self.response_task.done()

    def _spec(self) -> ResponseSpec:
        return ResponseSpec(instructions=self.instructions, output_format=self.output_format,
                            max_tokens=self.config.llm_max_tokens, client_tools=self.client_tools, tool_choice=self.tool_choice)

    def _new_run(self, spec: ResponseSpec, metrics: TurnMetrics, emit: Send) -> ResponseRun:
        return ResponseRun(self.runtime, self.conversation, spec, emit, metrics, self.tools, self.playback, owner=self.id)

    async def _drive(self, run: ResponseRun) -> None:
        from models.llm import LLMError

        status = "completed"
        try:
            await run.run()
        except asyncio.CancelledError:
            status = "cancelled"
        except BaseExceptionGroup as group:  # noqa: F821 - py3.11 builtin
            status = "failed"
            llm_err = group.subgroup(LLMError)
            err = llm_err.exceptions[0] if llm_err else group.exceptions[0]
            log.error("response %s failed: %s", run.id, err)  # details (backend URLs) stay in the log
            await self.send(error_event(getattr(err, "code", "response_failed"), "the reply could not be generated", kind="server_error",
                                        hint="the LLM backend failed or is unreachable; the operator can run `parley doctor`"))
        if status == "cancelled" and run.first_audio_at is not None:
            heard = await self.playback.flush()
            for item in run.output_items:
                if item.role == "assistant" and item in self.conversation.items:
                    self.conversation.truncate(item.id, heard.get(item.id, 0.0))
                    if item.text:
                        await run.emit({"type": "conversation.item.truncated", "item_id": item.id, "content_index": 0, "audio_end_ms": int(item.audio_ms)})
                    else:  # nothing of it was heard
                        self.conversation.delete(item.id)
                        await run.emit({"type": "conversation.item.deleted", "item_id": item.id})
        elif status == "cancelled" and run.item is not None and run.item in self.conversation.items:
            self.conversation.delete(run.item.id)  # nothing of it was heard
        run.metrics.interrupted = status == "cancelled"
        run.metrics.usage = {k: v for k, v in run.usage.items() if k in ("input_tokens", "output_tokens")}
        run.metrics.reply_text = run.item.text if run.item else ""
        report = run.metrics.report(self.config.budget_ms, run.id)
        if report["metrics"] and run.gate.is_set():
            self.last_metrics = report
            await self.send({"type": "parley.turn.metrics", "response_id": run.id, "item_id": run.item.id if run.item else None, **report})
            if self.runtime.observe_turn is not None:
                self.runtime.observe_turn(report["metrics"])
        await run.finish(status)

    async def interrupt(self, reason: str) -> None:
        task = self.response_task
        if task is None or task.done():
            return
        log.info("response %s interrupted (%s)", self.response.id if self.response else "?", reason)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    # -- speech over a reply: barge-in, merge, or not a turn ------------------------------------
    async def _judge_overlap(self, turn: Turn, speech_start: int) -> None:
        try:
            await self._wait_audio(turn, speech_start + self.config.barge_in_min_speech_ms * RATE // 1000)
            t = await self._transcribe(self.mic.slice(speech_start, self.mic.end))
            run = self.response if self.replying else None
            reason = self._not_a_turn(t, run)
            if reason:
                turn.overlap = reason
                log.info("session %s: speech over the reply ignored (%s)", self.id, reason)
                await self.send({"type": "parley.speech.ignored", "item_id": turn.item_id, "reason": reason,
                                 "response_id": run.id if run else None})
                return
            turn.overlap = "turn"
            if turn.continues is not None and self._mergeable(turn.continues, speech_start):
                await self._merge(turn.continues, turn)
            elif run is not None and (self.turn_detection or {}).get("interrupt_response", True):
                onset, confirmed = self.mic.buffer.arrival_of(speech_start), time.monotonic()
                await self.interrupt("barge_in")
                self.barge_ins.append({"onset_to_confirm_ms": (confirmed - onset) * 1000, "confirm_to_stop_ms": (time.monotonic() - confirmed) * 1000})
        finally:
            turn.judged.set()

    async def _merge(self, prev: Turn, turn: Turn) -> None:
        """The user went on right after `prev` was committed: one thought. Its reply is
        dropped without residue, and `turn` decodes both parts' audio together."""
        async with self._commit_lock:
            if prev.draft is not None and self.response is prev.draft.reply:
                await self.interrupt("continued")
            removed = prev.retract(self.conversation)
            prev.state = TurnState.MERGED
            turn.start = min(turn.start, prev.start)
        for item_id in removed:
            await self.send({"type": "conversation.item.deleted", "item_id": item_id})
        log.info("session %s: turn %s continues %s: merged", self.id, turn.item_id, prev.item_id)

    def _not_a_turn(self, t: Transcript, run: ResponseRun | None) -> str:
        """Why this speech is not a turn: noise, a backchannel ("mm-hm", "okay") or the agent's
        own voice echoing back; "" when it is one."""
        words = normalise_words(t.text)
        if words in BACKCHANNELS:
            return "backchannel"
        if is_probable_hallucination(t):
            return "noise"
        said = set(normalise_words(run.item.text if run and run.item else "").split())
        heard = words.split()
        if len(heard) >= 2 and sum(w in said for w in heard) / len(heard) >= 0.8:
            return "echo"
        return ""

    # -- screenshots ----------------------------------------------------------------------------
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
