"""Phone calls through Twilio Media Streams: the same voice session over a carrier's WebSocket.

A Twilio number whose voice webhook is `POST /v1/phone/twilio/voice` gets TwiML that
connects the call to `wss://HOST/v1/phone/twilio` as a bidirectional Media Stream. Then:

* the caller's audio arrives as `media` messages, 20 ms of 8 kHz μ-law each, and feeds
  the session as `audio/pcmu` input;
* the reply leaves as `media` messages (the session's output is `audio/pcmu`), each
  followed by a `mark`. Twilio echoes a mark when the audio before it has played, so the
  echoes are the call's own playback clock;
* on barge-in the session cancels the response, Twilio is told to `clear` what it has
  queued, and the assistant item is truncated to the last mark Twilio echoed: the history
  keeps what the caller actually heard.

With `twilio_auth_token` set, the webhook and the stream must carry Twilio's
X-Twilio-Signature. Twilio cannot send other headers, so an API key comes as `?api_key=`
or as a `<Parameter name="api_key">` of the stream; a `<Parameter name="instructions">` sets the agent's
instructions for that number. Other carriers speaking this protocol (Telnyx,
SignalWire, Fonoster) work the same way. `VoiceSession` does not know any of this.
"""
from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import time
from typing import Any
from xml.sax.saxutils import quoteattr

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from media import g711

from .protocol import ProtocolError
from .errors import error_response
from .security import key_ok, origin_ok, public_url, twilio_signature_ok
from .session import VoiceSession

log = logging.getLogger("parley.phone")

MULAW_BYTES_PER_MS = 8  # 8 kHz, one byte per sample
PHONE_FORMAT = {"type": "audio/pcmu"}
MAX_INSTRUCTIONS = 4000


def _obj(value: Any) -> dict[str, Any]:
    """A JSON object field, or {} when a carrier sent something else."""
    return value if isinstance(value, dict) else {}


class TwilioStream:
    """One phone call: Twilio's media stream joined to a voice session."""

    def __init__(self, ws: WebSocket, runtime: Any, registry: dict[str, "TwilioStream"] | None = None) -> None:
        self.ws = ws
        self.runtime = runtime
        self._registry = registry if registry is not None else {}
        self.stream_sid = ""
        self.session: VoiceSession | None = None
        self._send_lock = asyncio.Lock()
        self._sent_ms: dict[str, float] = {}  # item id -> reply audio sent to Twilio
        self._heard_ms: dict[str, float] = {}  # item id -> audio Twilio says has played
        self._cleared: set[str] = set()  # items whose queued audio Twilio was told to drop
        self._tasks: set[asyncio.Task] = set()
        self.bad_messages = 0
        self.truncated = asyncio.Event()  # set each time an item was cut to Twilio's playback clock

    async def run(self) -> None:
        try:
            async with asyncio.timeout(self.runtime.config.max_session_s):
                while True:
                    msg = await self.ws.receive()
                    if msg["type"] == "websocket.disconnect":
                        return
                    if msg.get("text") is None or len(msg["text"]) > self.runtime.config.max_ws_message_bytes:
                        self._bad("not a JSON text message within the size limit")
                        continue
                    try:
                        event = json.loads(msg["text"])
                    except ValueError:
                        event = None
                    if not isinstance(event, dict):
                        self._bad("invalid JSON")
                        continue
                    if not await self._on_message(event):
                        return
        except TimeoutError:
            log.info("phone stream %s: sessions are limited to %.0f s", self.stream_sid, self.runtime.config.max_session_s)
        finally:
            await self.close()

    def _bad(self, what: str) -> None:
        self.bad_messages += 1
        log.warning("phone stream %s: ignored a message (%s)", self.stream_sid or "?", what)

    async def _on_message(self, event: dict[str, Any]) -> bool:
        """Handle one Twilio message; False ends the call."""
        kind = event.get("event")
        if kind == "connected":
            return True
        if kind == "start":
            return await self._start(_obj(event.get("start")), event.get("streamSid"))
        if self.session is None:
            self._bad(f"{kind!r} before start")
            return True
        if kind == "media":
            media = _obj(event.get("media"))
            if media.get("track", "inbound") not in ("inbound", "inbound_track"):
                return True
            if not isinstance(media.get("payload"), str):
                self._bad("media without a payload")
                return True
            try:
                ulaw = base64.b64decode(media["payload"], validate=True)
            except (binascii.Error, ValueError):
                self._bad("media payload is not base64")
                return True
            if len(ulaw) > self.runtime.config.max_audio_append_bytes:
                self._bad("media payload over max_audio_append_bytes")
                return True
            await self.session.feed_pcm16(g711.ulaw_decode(ulaw), time.monotonic())
        elif kind == "mark":
            self._on_mark(str(_obj(event.get("mark")).get("name", "")))
        elif kind == "stop":
            return False
        elif kind != "dtmf":
            self._bad(f"unknown event {kind!r}")
        return True

    async def _start(self, start: dict[str, Any], stream_sid: Any) -> bool:
        if self.session is not None:
            self._bad("a second start")
            return True
        params = _obj(start.get("customParameters"))
        if not key_ok(self.runtime.config.api_keys, {}, {**dict(self.ws.query_params), **{k: str(v) for k, v in params.items()}}):
            log.warning("phone stream refused: missing or wrong API key")
            await self.ws.close(code=1008, reason="unauthorized")
            return False
        fmt = _obj(start.get("mediaFormat"))
        if (fmt.get("encoding"), str(fmt.get("sampleRate")), str(fmt.get("channels", 1))) != ("audio/x-mulaw", "8000", "1"):
            log.warning("phone stream refused: media format %r is not 8 kHz mono μ-law", fmt)
            await self.ws.close(code=1003, reason="unsupported media format")
            return False
        if len(self.runtime.sessions) >= self.runtime.config.max_sessions:
            log.warning("phone stream refused: at the limit of %d sessions", self.runtime.config.max_sessions)
            await self.ws.close(code=1013, reason="too many sessions")
            return False
        self.stream_sid = str(stream_sid or start.get("streamSid") or "")
        self.session = VoiceSession(self.runtime, self._send, transport="phone")
        try:
            config: dict[str, Any] = {"audio": {"input": {"format": PHONE_FORMAT}, "output": {"format": PHONE_FORMAT}}}
            if isinstance(params.get("instructions"), str):  # per number, from the TwiML's <Parameter>
                config["instructions"] = params["instructions"][:MAX_INSTRUCTIONS]
            await self.session.configure(config)
        except ProtocolError as exc:  # pragma: no cover - the fixed phone format is valid
            log.error("phone stream: %s", exc.message)
            return False
        self.runtime.sessions[self.session.id] = self.session
        self._registry[self.session.id] = self
        log.info("phone stream %s opened (%d sessions active)", self.stream_sid, len(self.runtime.sessions))
        return True

    # -- toward Twilio ----------------------------------------------------------------------
    async def _to_twilio(self, message: dict[str, Any]) -> None:
        if self.ws.application_state != WebSocketState.CONNECTED:
            return
        async with self._send_lock:
            try:
                await self.ws.send_text(json.dumps({**message, "streamSid": self.stream_sid}))
            except (WebSocketDisconnect, RuntimeError, OSError):
                if self.session is not None:
                    self.session.closed = True

    async def _send(self, event: dict[str, Any]) -> None:
        kind = event.get("type")
        if kind == "response.output_audio.delta":
            item_id = event["item_id"]
            end = self._sent_ms.get(item_id, 0.0) + len(base64.b64decode(event["delta"])) / MULAW_BYTES_PER_MS
            self._sent_ms[item_id] = end
            await self._to_twilio({"event": "media", "media": {"payload": event["delta"]}})
            await self._to_twilio({"event": "mark", "mark": {"name": f"{item_id}:{end:.0f}"}})
        elif kind == "response.done" and event["response"].get("status") == "cancelled":
            await self._to_twilio({"event": "clear"})
            for item in event["response"].get("output") or []:
                if item.get("id") in self._sent_ms:
                    self._cleared.add(item["id"])
                    self._spawn(self._truncate_to_heard(item["id"]))
        elif kind == "error":
            err = event.get("error") or {}
            log.warning("phone stream %s: %s: %s", self.stream_sid, err.get("code"), err.get("message"))

    def _on_mark(self, name: str) -> None:
        item_id, _, ms = name.rpartition(":")
        if not item_id or item_id in self._cleared:
            return  # marks of cleared audio come back at once: they say nothing about playback
        try:
            self._heard_ms[item_id] = max(self._heard_ms.get(item_id, 0.0), float(ms))
        except ValueError:
            self._bad("a mark Parley did not send")

    async def _truncate_to_heard(self, item_id: str) -> None:
        """The call's playback clock is better than the server's: cut the item there."""
        session = self.session
        if session is None or session.conversation.get(item_id) is None:
            return
        heard = min(self._heard_ms.get(item_id, 0.0), self._sent_ms.get(item_id, 0.0))
        await session.handle({"type": "conversation.item.truncate", "item_id": item_id, "content_index": 0, "audio_end_ms": round(heard)})
        self.truncated.set()

    def _spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.session is not None:
            await self.session.close()
            self.runtime.sessions.pop(self.session.id, None)
            self._registry.pop(self.session.id, None)
            log.info("phone stream %s closed (%d sessions active)", self.stream_sid, len(self.runtime.sessions))
        if self.ws.application_state == WebSocketState.CONNECTED:
            try:
                await self.ws.close()
            except (RuntimeError, WebSocketDisconnect):
                pass


def _path_and_query(url: Any) -> str:
    return url.path + (f"?{url.query}" if url.query else "")


async def twilio_stream_endpoint(ws: WebSocket) -> None:
    runtime = ws.app.state.runtime
    if not origin_ok(ws.headers, runtime.config.allowed_origins):  # carriers send no Origin; browsers do
        await ws.close(code=1008, reason="origin_not_allowed")
        return
    token = runtime.config.twilio_auth_token
    if token:
        url = public_url(ws.url.scheme, ws.headers, _path_and_query(ws.url), websocket=True)
        if not twilio_signature_ok(token, ws.headers.get("x-twilio-signature"), url):
            log.warning("phone stream refused: missing or wrong X-Twilio-Signature")
            await ws.close(code=1008, reason="invalid_signature")
            return
    if not runtime.ready:
        await ws.close(code=1013, reason="models_loading")
        return
    await ws.accept()
    await TwilioStream(ws, runtime, ws.app.state.phone_streams).run()


async def twilio_voice_webhook(request: Request) -> Response:
    """TwiML for a Twilio number's voice webhook: connect the call to the media stream."""
    token = request.app.state.runtime.config.twilio_auth_token
    if token:
        form = {k: str(v) for k, v in (await request.form(max_files=0)).items()} if request.method == "POST" else {}
        signed_url = public_url(request.url.scheme, request.headers, _path_and_query(request.url))
        if not twilio_signature_ok(token, request.headers.get("x-twilio-signature"), signed_url, form):
            return error_response(403, "invalid_signature", "the request does not carry a valid X-Twilio-Signature",
                                  "check that twilio_auth_token is this Twilio account's auth token and that the webhook URL matches")
    url = public_url(request.url.scheme, request.headers, "/v1/phone/twilio", websocket=True)
    key = request.query_params.get("api_key")
    param = f"<Parameter name=\"api_key\" value={quoteattr(key)} />" if key else ""
    twiml = f'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Connect><Stream url={quoteattr(url)}>{param}</Stream></Connect></Response>\n'
    return Response(twiml, media_type="application/xml")
