"""VoiceSession: one conversation, independent of the transport that carries it.

Feed it client events (`handle`) and microphone PCM (`feed_pcm16`); it calls `send(event)`
with server events and hands reply audio to its `Playback` port. Listening (audio →
turns) is its `TurnTaking` half, in agent/core/turn_taking.py. The same class serves the
WebSocket, WebRTC and phone transports. Use it as an async context manager: every task it
starts belongs to its task group and ends with it.

A user utterance is a `Turn` (agent/core/turn.py): speech start → partial transcripts → a
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

from media import g711
from media.echo_reference import EchoReference
from media.mic_input import RATE, MicInput
from media.pcm import AudioFormatError

from agent.replies.reply_policy import DEFAULT_INSTRUCTIONS, with_tools_hint
from agent.replies.tools import default_toolbox

from . import client_events as ce
from .conversation import Conversation, Item
from .playback import EchoRecorder, EventPlayback, Playback
from .protocol import AUDIO_FORMATS, ProtocolError, error_event, new_id
from .reply_handle import ReplyHandle
from .response import ResponseRun, ResponseSpec
from .session_limits import AudioBudget, RateWindow
from .turn import Turn
from .turn_machine import Cleared, CommitAsked, TurnMachine
from .turn_metrics import TurnMetrics
from .turn_taking import TurnTaking

log = logging.getLogger("parley.session")
Send = Callable[[dict[str, Any]], Awaitable[None]]



class VoiceSession(TurnTaking):
    def __init__(self, runtime: Any, send: Send, transport: str = "websocket", playback: Playback | None = None,
                 extensions: bool = False) -> None:
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
        self.tool_choice = "auto"  # auto | none | required | a function's name
        # Parley's own parley.* events (turn metrics, image analysis, ignored speech) go only to
        # a client that asked (`?parley=1`, or `parley: {events: true}` in session.update): a
        # strict Realtime client rejects any event type it does not know.
        self.extensions = extensions
        self.input_format = self.output_format = "audio/pcm"
        self.turn_detection: dict[str, Any] | None = {
            "type": "server_vad", "threshold": c.vad_threshold, "prefix_padding_ms": c.prefix_padding_ms,
            "silence_duration_ms": c.silence_duration_ms, "create_response": True, "interrupt_response": True}
        self.echo = EchoReference()  # the reply audio played lately: the agent's own voice in the mic is not a turn
        self.playback: Playback = EchoRecorder(playback or EventPlayback(self.send, lambda: self.output_format), self.echo)
        self.mic = MicInput(runtime.vad, input_rate=24_000, threshold=c.vad_threshold, silence_duration_ms=c.silence_duration_ms,
                            min_speech_ms=c.min_speech_ms, max_buffer_s=c.max_audio_buffer_s)
        self.ended = asyncio.Event()  # the session asks its transport to close (drain, expiry)
        self.closed_event = asyncio.Event()  # set once close() has finished
        self.end_code = ""
        self.reply: ReplyHandle | None = None  # the current reply: set in `_take_floor` only
        self.turns = TurnMachine(merge_window=c.merge_window_ms * RATE // 1000)  # the turns, and every move they make
        self.last_metrics: dict[str, Any] = {}
        self.barge_ins: list[dict[str, float]] = []
        self.images_shared = 0
        self._appends = RateWindow(c.max_appends_per_s)
        self._audio_budget = AudioBudget(c.max_audio_rate_x, c.max_audio_burst_s)  # every transport's audio
        self._rate_reported = False
        self._buffer_full_reported = False
        self._commit_lock = asyncio.Lock()  # one turn commits at a time
        self._speculated: list[dict[str, Any]] | None = None  # the prompt last prefilled while the user spoke
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
            forget = getattr(self.runtime.llm, "forget", None)
            if forget is not None:
                forget(self.id)  # its saved KV cache (models/llm/kv_snapshots.py)
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
        if self._closed or (not self.extensions and event["type"].startswith("parley.")):
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
                "tools": self.client_tools, "tool_choice": ce.tool_choice_json(self.tool_choice)}

    async def start(self) -> None:
        await self.send({"type": "session.created", "session": self.session_json()})

    # -- client events --------------------------------------------------------------------------
    async def handle(self, event: dict[str, Any]) -> None:
        """One client event (a JSON object with a known `type`); errors become `error` events."""
        event_id = event.get("event_id") if isinstance(event.get("event_id"), str) else None
        try:
            typed = ce.parse(event, ce.Limits(self.config.max_audio_append_bytes, self.config.max_upload_bytes))
            await getattr(self, self._HANDLERS[type(typed)])(typed)
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
        if u.extensions is not None:
            self.extensions = u.extensions
        if u.input_format is not None and u.input_format != self.input_format:
            self.input_format = u.input_format
            await self._advance(Cleared("format_changed"))  # the open turn's audio was in the old format
        if u.output_format is not None:
            self.output_format = u.output_format
        self.turn_detection = td
        self.turns.configure(create_response=td is not None and bool(td.get("create_response", True)),
                             interrupt_response=bool((td or {}).get("interrupt_response", True)))
        self.mic.detect = td is not None
        if td is not None:
            self.mic.eos.threshold = float(td["threshold"])
            self.mic.eos.silence_duration_ms = int(td["silence_duration_ms"])
        await self.send({"type": "session.updated", "session": self.session_json()})

    async def _on_audio_append(self, e: ce.AudioAppend) -> None:
        # Audio before any session.update is in the format session.created advertised (PCM16 at
        # 24 kHz, server VAD), as OpenAI's server takes it: Pipecat may send its first append
        # before its session.update reaches us, and treats an error there as fatal.
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
        await self._advance(Cleared("cleared"))
        await self.send({"type": "input_audio_buffer.cleared"})

    async def _on_buffer_commit(self, e: ce.BufferCommit) -> None:
        start = self.turn.start if self.turn is not None else self.mic.buffer.start
        if self.mic.end - start < RATE // 10:
            raise ProtocolError("input_audio_buffer_commit_empty", "buffer too small: need at least 100 ms of audio")
        await self._advance(CommitAsked(self.mic.buffer.start, self.mic.end, (self.mic.end - self.mic.origin) * 1000 / RATE))

    @property
    def turn(self) -> Turn | None:
        """The open turn (speaking or draft), if any."""
        return self.turns.open

    async def _on_item_create(self, e: ce.ItemCreate) -> None:
        spec = e.item
        if spec.id and any(it.id == spec.id for it in self.conversation.items):
            raise ProtocolError("item_id_in_use", f"an item with id {spec.id!r} already exists", param="item.id",
                                hint="leave item.id out and the server chooses one")
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
        reply = self.reply
        if reply is not None and reply.active and item in reply.run.output_items:
            await reply.interrupt("client_truncate")  # the client stopped playing it: no more text may join it
        self.conversation.truncate(item.id, e.audio_end_ms)
        await self.send({"type": "conversation.item.truncated", "item_id": item.id, "content_index": 0, "audio_end_ms": int(e.audio_end_ms)})

    async def _on_response_create(self, e: ce.ResponseCreate) -> None:
        if self.replying:
            raise ProtocolError("conversation_already_has_active_response", "a response is in progress; cancel it first")
        spec = self._spec()
        spec.extra_instructions = e.instructions or ""
        spec.conversation = e.conversation
        if e.tool_choice is not None:
            spec.tool_choice = e.tool_choice
        reply = self._new_reply(spec, TurnMetrics())
        self.reply = reply  # no await since `replying` was checked: nothing else can take the floor between
        reply.start(self._spawn)

    async def _on_response_cancel(self, e: ce.ResponseCancel) -> None:
        if not self.replying:
            raise ProtocolError("response_cancel_not_active", "there is no active response to cancel")
        await self.interrupt("client_cancel")

    async def _on_output_clear(self, e: ce.OutputAudioBufferClear) -> None:
        await self.interrupt("client_cancel")

    _HANDLERS: dict[type, str] = {  # typed event -> the method that handles it
        ce.SessionUpdate: "_on_session_update", ce.AudioAppend: "_on_audio_append", ce.BufferClear: "_on_buffer_clear",
        ce.BufferCommit: "_on_buffer_commit", ce.ItemCreate: "_on_item_create", ce.ItemDelete: "_on_item_delete",
        ce.ItemRetrieve: "_on_item_retrieve", ce.ItemTruncate: "_on_item_truncate", ce.ResponseCreate: "_on_response_create",
        ce.ResponseCancel: "_on_response_cancel", ce.OutputAudioBufferClear: "_on_output_clear",
    }

    # -- responses ------------------------------------------------------------------------------
    @property
    def replying(self) -> bool:
        """A reply is being made."""
        return self.reply is not None and self.reply.active

    @property
    def audible_reply(self) -> ReplyHandle | None:
        """The reply the user may be hearing: being made, or its last audio still playing."""
        return self.reply if self.reply is not None and self.reply.audible else None

    async def _take_floor(self, reply: ReplyHandle) -> None:
        """Make `reply` the current one. Any other reply is interrupted first, however many
        arrive while that interrupt is awaited: no await between the check and the set."""
        while (current := self.reply) is not None and current is not reply and current.active:
            await current.interrupt("new_turn")
        self.reply = reply

    @property
    def offers_builtin_tools(self) -> bool:
        """Parley's own tools are offered to the model (`builtin_tools`; auto: while the client declares none)."""
        return {"on": True, "off": False}.get(self.config.builtin_tools, not self.client_tools)

    @property
    def model_instructions(self) -> str:
        """The system prompt the model gets: the session's instructions, plus a nudge to call
        the client's tools while it offers some (agent/replies/reply_policy.py)."""
        if self.client_tools and self.tool_choice != "none":
            return with_tools_hint(self.instructions)
        return self.instructions

    def _spec(self) -> ResponseSpec:
        return ResponseSpec(instructions=self.model_instructions, output_format=self.output_format,
                            max_tokens=self.config.llm_max_tokens, temperature=self.config.llm_temperature,
                            client_tools=self.client_tools, tool_choice=self.tool_choice, builtin_tools=self.offers_builtin_tools)

    def _new_reply(self, spec: ResponseSpec, metrics: TurnMetrics, *, gated: bool = False) -> ReplyHandle:
        def make_run(emit: Send) -> ResponseRun:
            return ResponseRun(self.runtime, self.conversation, spec, emit, metrics, self.tools, self.playback, owner=self.id)

        return ReplyHandle(make_run, send=self.send, playback=self.playback, conversation=self.conversation,
                           report=self._report, gated=gated)

    async def _report(self, run: ResponseRun, status: str) -> None:
        """A reply has ended: its per-turn metrics (agent/core/turn_metrics.py)."""
        voiced = self.playback.first_voiced_at(run.item.id) if run.item is not None else None
        if voiced is not None:
            run.metrics.mark("first_voiced_out", voiced)
        run.metrics.interrupted = status == "cancelled"
        run.metrics.usage = {k: v for k, v in run.usage.items() if k in ("input_tokens", "output_tokens")}
        run.metrics.reply_text = run.item.text if run.item else ""
        report = run.metrics.report(self.config.budget_ms, run.id)
        if report["metrics"] and run.gate.is_set():
            self.last_metrics = report
            await self.send({"type": "parley.turn.metrics", "response_id": run.id, "item_id": run.item.id if run.item else None, **report})
            if self.runtime.observe_turn is not None:
                self.runtime.observe_turn(report["metrics"])

    async def interrupt(self, reason: str) -> None:
        """Stop the reply the user may be hearing (agent/core/reply_handle.py)."""
        if self.reply is not None:
            await self.reply.interrupt(reason)

    # -- screenshots ----------------------------------------------------------------------------
    async def _analyze_image(self, item: Item, url: str) -> None:
        from agent.replies.vision import analyze_data_url

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
