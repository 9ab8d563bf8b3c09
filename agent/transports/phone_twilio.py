"""Phone calls through Twilio Media Streams: the same voice session over a carrier's WebSocket.

A Twilio number whose voice webhook is `POST /v1/phone/twilio/voice` gets TwiML that
connects the call to `wss://HOST/v1/phone/twilio` as a bidirectional Media Stream. Then:

* the caller's audio arrives as `media` messages, 20 ms of 8 kHz μ-law each, and feeds
  the session as `audio/pcmu` input;
* the reply leaves as `media` messages (the session's output is `audio/pcmu`), each
  followed by a `mark`. Twilio echoes a mark when the audio before it has played, so the
  echoes are the call's own playback clock;
* on barge-in the session cancels the response, its `TwilioPlayback` port tells Twilio to
  `clear` what it has queued, and the session truncates the assistant item to the last mark
  Twilio echoed: the history keeps what the caller actually heard.

With `twilio_auth_token` set, the webhook and the stream must carry Twilio's
X-Twilio-Signature: HMAC-SHA1 over the full URL (scheme, host, path, query), for the
webhook's form POST followed by every parameter name and value sorted by name. The URL is
the one the caller used, rebuilt from X-Forwarded-Proto/-Host only when the direct peer is
in `trusted_proxies`. A signed webhook request is accepted once: the same signature again
within `twilio_replay_window_s` gets 403 `replayed_request`. (A stream's upgrade signs its
URL alone, the same for every call to that URL, so it cannot be told from a replay by its
signature.) Twilio cannot send other headers, so with `api_keys` set a stream must
carry `?api_key=` in its URL (carriers that allow a query) or a valid Twilio signature
(Twilio's stream URLs take no query: set `twilio_auth_token`). Both are checked before the
WebSocket is accepted, and the call takes its session slot then (`agent/edge/admission.py`); a
stream that sends no `start` within `twilio_start_timeout_s` is closed (1008
`start_timeout`) and gives the slot back. A
`<Parameter name="instructions">` sets the agent's instructions for that number. Other carriers speaking this protocol (Telnyx,
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
from urllib.parse import urlencode
from xml.sax.saxutils import quoteattr

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from media import g711

from agent.core.lifetime import Ending, registered, run_until_end
from agent.core.playback import TwilioPlayback
from agent.core.protocol import ProtocolError
from agent.core.session import VoiceSession
from agent.edge.admission import SessionSlot
from agent.edge.errors import error_response
from agent.edge.security import ReplayGuard, key_ok, origin_ok, public_url, twilio_signature_ok

log = logging.getLogger("parley.phone")

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
        self.playback = TwilioPlayback(self._to_twilio)
        self._send_lock = asyncio.Lock()
        self.bad_messages = 0
        self._received_at = 0.0  # monotonic arrival of the message being handled
        self.close_code = 1000  # 1003: an unsupported format; 1001: the session ended (drain, expiry); 1008: no start in time
        self.close_reason = ""
        self.truncated = asyncio.Event()  # set each time the session cut an item to Twilio's playback clock

    async def run(self) -> int:
        """The call: messages until `start`, then the session (its task group open) until
        the call stops, the carrier leaves, the session ends (drain) or time runs out.
        Returns the WebSocket close code for the caller to send."""
        try:
            async with asyncio.timeout(self.runtime.config.max_session_s):  # `start` included
                if not await self._until_start():
                    return self.close_code
                assert self.session is not None
                self._registry[self.session.id] = self
                async with registered(self.runtime, self.session, f"phone stream {self.stream_sid}:"), self.session:
                    ending, _ = await run_until_end(self.session, self._read_until_stop())
                    if ending is not Ending.READER:
                        self.close_code = 1001  # the session ended it (drain, expiry)
        except TimeoutError:
            log.info("phone stream %s: sessions are limited to %.0f s", self.stream_sid, self.runtime.config.max_session_s)
            self.close_code = 1001
        finally:
            if self.session is not None:
                self._registry.pop(self.session.id, None)
        return self.close_code

    async def _until_start(self) -> bool:
        """Messages until `start` opened the session; False when the call ends first,
        including a stream that sends no `start` within `twilio_start_timeout_s`."""
        limit = self.runtime.config.twilio_start_timeout_s
        try:
            async with asyncio.timeout(limit):
                while self.session is None:
                    event = await self._next()
                    if event is None or not await self._on_message(event):
                        return False
        except TimeoutError:
            log.warning("phone stream refused: no start message within %.0f s", limit)
            self.close_code, self.close_reason = 1008, "start_timeout"
            return False
        return True

    async def _read_until_stop(self) -> None:
        while (event := await self._next()) is not None:
            if not await self._on_message(event):
                return

    async def _next(self) -> dict[str, Any] | None:
        """The next well-formed message; None when the carrier is gone."""
        while True:
            try:
                msg = await self.ws.receive()
            except (WebSocketDisconnect, RuntimeError):
                return None
            self._received_at = time.monotonic()  # the frame's arrival, for the turn's per-hop times
            if msg["type"] == "websocket.disconnect":
                return None
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
            return event

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
            await self.session.feed_pcm16(g711.ulaw_decode(ulaw), time.monotonic(), self._received_at)
        elif kind == "mark":
            if not self.playback.on_mark(str(_obj(event.get("mark")).get("name", ""))):
                self._bad("a mark Parley did not send")
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
        fmt = _obj(start.get("mediaFormat"))
        if (fmt.get("encoding"), str(fmt.get("sampleRate")), str(fmt.get("channels", 1))) != ("audio/x-mulaw", "8000", "1"):
            log.warning("phone stream refused: media format %r is not 8 kHz mono μ-law", fmt)
            self.close_code = 1003
            return False
        self.stream_sid = str(stream_sid or start.get("streamSid") or "")
        self.session = VoiceSession(self.runtime, self._send, transport="phone", playback=self.playback)
        try:
            config: dict[str, Any] = {"audio": {"input": {"format": PHONE_FORMAT}, "output": {"format": PHONE_FORMAT}}}
            if isinstance(params.get("instructions"), str):  # per number, from the TwiML's <Parameter>
                config["instructions"] = params["instructions"][:MAX_INSTRUCTIONS]
            await self.session.configure(config)
        except ProtocolError as exc:  # pragma: no cover - the fixed phone format is valid
            log.error("phone stream: %s", exc.message)
            return False
        return True

    # -- toward Twilio ----------------------------------------------------------------------
    async def _to_twilio(self, message: dict[str, Any]) -> None:
        if self.ws.application_state != WebSocketState.CONNECTED:
            return
        async with self._send_lock:
            try:
                await self.ws.send_text(json.dumps({**message, "streamSid": self.stream_sid}))
            except (WebSocketDisconnect, RuntimeError, OSError):
                pass  # the carrier left: the read loop sees it and ends the call

    async def _send(self, event: dict[str, Any]) -> None:
        """Session events: Twilio has no channel for them (audio goes through the playback port)."""
        kind = event.get("type")
        if kind == "conversation.item.truncated":
            self.truncated.set()
        elif kind == "error":
            err = event.get("error") or {}
            log.warning("phone stream %s: %s: %s", self.stream_sid, err.get("code"), err.get("message"))


def _path_and_query(url: Any) -> str:
    return url.path + (f"?{url.query}" if url.query else "")


def _public_url(conn: Any, path_and_query: str, *, websocket: bool = False) -> str:
    """The URL this request (or WebSocket) was made to, as its caller saw it: forwarded
    headers count only from a peer in `trusted_proxies`."""
    peer = conn.client.host if conn.client else None
    return public_url(conn.url.scheme, conn.headers, path_and_query, websocket=websocket,
                      peer=peer, trusted_proxies=conn.app.state.runtime.config.trusted_proxies)


def _replays(app: Any) -> ReplayGuard:
    """The app's memory of signed webhook requests (one per app, made on first use)."""
    guard = getattr(app.state, "twilio_replays", None)
    if guard is None:
        guard = app.state.twilio_replays = ReplayGuard(app.state.runtime.config.twilio_replay_window_s)
    return guard


async def twilio_stream_endpoint(ws: WebSocket) -> None:
    runtime = ws.app.state.runtime
    if not origin_ok(ws.headers, runtime.config.allowed_origins):  # carriers send no Origin; browsers do
        await ws.close(code=1008, reason="origin_not_allowed")
        return
    token = runtime.config.twilio_auth_token
    if token:
        url = _public_url(ws, _path_and_query(ws.url), websocket=True)  # a GET: the URL alone, query included
        if not twilio_signature_ok(token, ws.headers.get("x-twilio-signature"), url):
            log.warning("phone stream refused: missing or wrong X-Twilio-Signature")
            await ws.close(code=1008, reason="invalid_signature")
            return
    elif not key_ok(runtime.config.api_keys, {}, ws.query_params):
        log.warning("phone stream refused: missing or wrong API key")
        await ws.close(code=1008, reason="unauthorized")
        return
    if not runtime.ready:
        await ws.close(code=1013, reason="models_loading")
        return
    async with SessionSlot(runtime) as slot:  # the call's session slot, taken before the stream is accepted
        code, reason = 1013, (slot.refusal.code if slot.refusal is not None else "")  # 1013: try again later
        try:
            await ws.accept()
            if not slot.admitted:
                log.warning("phone stream refused: at the limit of %d sessions", runtime.config.max_sessions)
                return
            stream = TwilioStream(ws, runtime, ws.app.state.phone_streams)
            code = await stream.run()
            reason = stream.close_reason
        finally:
            slot.release()  # before the caller hears the close: the slot is free when it does
            if ws.application_state == WebSocketState.CONNECTED:
                try:
                    await ws.close(code=code, reason=reason)
                except (RuntimeError, WebSocketDisconnect):
                    pass


async def twilio_voice_webhook(request: Request) -> Response:
    """TwiML for a Twilio number's voice webhook: connect the call to the media stream."""
    token = request.app.state.runtime.config.twilio_auth_token
    if token:
        form = [(k, str(v)) for k, v in (await request.form(max_files=0)).multi_items()] if request.method == "POST" else []
        signature = request.headers.get("x-twilio-signature")
        signed_url = _public_url(request, _path_and_query(request.url))
        if not twilio_signature_ok(token, signature, signed_url, form):
            return error_response(403, "invalid_signature", "the request does not carry a valid X-Twilio-Signature",
                                  "check that twilio_auth_token is this Twilio account's auth token and that the webhook URL matches"
                                  " (behind a proxy: its address in trusted_proxies)")
        if not _replays(request.app).first_time(signature or ""):
            log.warning("phone webhook refused: a replayed signed request (CallSid %s)", dict(form).get("CallSid", "?"))
            return error_response(403, "replayed_request", "this signed request was already received",
                                  "Twilio signs each webhook request once; the same request is refused within twilio_replay_window_s")
    key = request.query_params.get("api_key")
    query = "?" + urlencode({"api_key": key}) if key else ""
    url = _public_url(request, "/v1/phone/twilio" + query, websocket=True)
    twiml = f'<?xml version="1.0" encoding="UTF-8"?>\n<Response><Connect><Stream url={quoteattr(url)} /></Connect></Response>\n'
    return Response(twiml, media_type="application/xml")
