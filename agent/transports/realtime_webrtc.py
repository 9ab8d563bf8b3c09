"""The WebRTC transport for `/v1/realtime/calls`: the same voice session over a peer connection.

A client POSTs its SDP offer (the OpenAI Realtime WebRTC shape: `application/sdp`, or a
multipart form with `sdp` and an optional `session` JSON) and gets the SDP answer back.
Then:

* the caller's microphone arrives as an RTP audio track (Opus or G.711) and feeds the
  session exactly as `input_audio_buffer.append` would;
* the reply leaves as an RTP audio track played in real time (`PlaybackTrack`, behind the
  session's `TrackPlayback` port), not as `response.output_audio.delta` events; a
  cancelled response flushes that track at once, is announced with
  `output_audio_buffer.cleared`, and the session truncates its item to the audio the track
  actually played;
* every other Realtime event, both ways, travels as JSON text on the data channel the
  client opened (`oai-events` by convention).

`VoiceSession` does not know any of this: it is the one behind the WebSocket too.
"""
from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from collections import deque
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from agent.core.lifetime import Ending, finish_within, run_until_end, waiting_at
from agent.core.playback import TrackPlayback
from agent.core.protocol import ProtocolError, error_event, new_id, parse_client_event
from agent.core.session import VoiceSession
from agent.edge.admission import SessionSlot, read_body
from agent.edge.errors import ParleyError, error_response
from agent.edge.security import origin_ok, request_tenant, secret_matches

log = logging.getLogger("parley.webrtc")

MAX_PENDING_EVENTS = 512  # server events held until the data channel opens
MAX_INBOX = 256  # client events waiting for the session
_CLOSING: set[asyncio.Task] = set()  # closes of calls whose request was cancelled, kept until done


class WebRTCCall:
    """One caller: a peer connection, its voice session, and the tasks that join them.
    `slot` is the call's session slot; `close()` gives it back."""

    def __init__(self, runtime: Any, slot: SessionSlot, on_closed: Any = None, tenant: str = "") -> None:
        from aiortc import RTCConfiguration, RTCIceServer, RTCPeerConnection

        from media.rtc_audio import PlaybackTrack

        config = runtime.config
        if config.webrtc_loopback_candidates:
            from media.ice_hosts import offer_loopback_candidates

            offer_loopback_candidates()
        self.id = new_id(f"rtc_{config.node_id}" if getattr(config, "node_id", "") else "rtc")  # the node routes hang-ups home (deploy/nginx)
        self.runtime = runtime
        self.tenant = tenant  # the API key's tenant that made the call; "" with no keys
        self.secret = secrets.token_urlsafe(24)  # returned to its creator only: a hang-up without the creator's key needs it
        self._slot = slot
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=[RTCIceServer(urls=u) for u in config.webrtc_ice_servers]))
        self.playback = PlaybackTrack(rate=24000)
        self.session = VoiceSession(runtime, self._send, transport="webrtc", playback=TrackPlayback(self.playback, self._channel_send))
        self.closed = asyncio.Event()
        self._stop = asyncio.Event()
        self._entered = asyncio.Event()
        self._main: asyncio.Task | None = None
        self._on_closed = on_closed
        self._channel: Any = None
        self._pending: deque[str] = deque(maxlen=MAX_PENDING_EVENTS)
        self._inbox: asyncio.Queue[str | bytes] = asyncio.Queue(maxsize=MAX_INBOX)
        self._turn = asyncio.Lock()  # audio and events reach the session one at a time
        self._tasks: set[asyncio.Task] = set()
        self._closing = False
        self._receive_hooks: dict[int, Any] = {}  # id(receiver) -> media.rtp_receive.ReceiveHooks

        self.pc.on("datachannel", self._on_datachannel)
        self.pc.on("track", self._on_track)
        self.pc.on("connectionstatechange", self._on_state)

    # -- set-up -------------------------------------------------------------------------------
    async def answer(self, offer_sdp: str, session_config: dict[str, Any] | None) -> str:
        """Configure the session, accept the offer and return the SDP answer (ICE gathered)."""
        from aiortc import RTCSessionDescription

        self._main = asyncio.ensure_future(self._run())
        await self._entered.wait()
        await self.session.start()
        await self.session.configure(session_config or {})
        try:
            await self.pc.setRemoteDescription(RTCSessionDescription(sdp=offer_sdp, type="offer"))
        except (ValueError, TypeError, AssertionError) as exc:
            raise ProtocolError("invalid_sdp", f"the SDP offer could not be used: {exc}") from exc
        if not any(t.kind == "audio" for t in self.pc.getTransceivers()):
            raise ProtocolError("invalid_sdp", "the SDP offer has no audio media section")
        from media.rtp_receive import ReceiveHooks

        for t in self.pc.getTransceivers():
            if t.kind == "audio":  # before media flows: the jitter hold, and packet arrival times
                self._receive_hooks[id(t.receiver)] = ReceiveHooks(t.receiver, self.runtime.config.webrtc_jitter_frames)
        self.pc.addTrack(self.playback)
        await self.pc.setLocalDescription(await self.pc.createAnswer())
        self.runtime.sessions[self.session.id] = self.session
        self._spawn(self._pump_events())
        self._spawn(self._deadline())
        return self.pc.localDescription.sdp

    async def _run(self) -> None:
        """The call's lifetime: the session's task group is open exactly this long."""
        async with self.session:
            self._entered.set()
            ending, _ = await run_until_end(self.session, self._stop.wait())  # the limit is `_deadline`'s
            if ending is not Ending.READER:
                self._spawn(self.close())  # the session asked to end (expiry, drain)

    def _spawn(self, coro: Any) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _deadline(self) -> None:
        """Close a call whose media never connects, and every call after max_session_s."""
        config = self.runtime.config
        try:
            await asyncio.wait_for(self._connected(), config.webrtc_connect_timeout_s)
        except TimeoutError:
            log.info("call %s: media did not connect within %.0f s", self.id, config.webrtc_connect_timeout_s)
            self._spawn(self.close())
            return
        try:
            await asyncio.wait_for(self.closed.wait(), config.max_session_s)
        except TimeoutError:
            await self.session.end("session_expired", f"sessions are limited to {config.max_session_s:.0f} s")

    async def _connected(self) -> None:
        while self.pc.connectionState != "connected":
            changed = asyncio.Event()
            self.pc.once("connectionstatechange", changed.set)
            await changed.wait()

    def _on_state(self) -> None:
        state = self.pc.connectionState
        log.info("call %s: connection %s", self.id, state)
        if state in ("failed", "closed"):
            self._spawn(self.close())

    # -- events in ------------------------------------------------------------------------------
    def _on_datachannel(self, channel: Any) -> None:
        if self._channel is not None:
            return  # one event channel per call
        self._channel = channel
        while self._pending:
            channel.send(self._pending.popleft())

        @channel.on("message")
        def on_message(message: str | bytes) -> None:
            try:
                self._inbox.put_nowait(message)
            except asyncio.QueueFull:
                self._channel_send(error_event("too_many_events", "events arrive faster than the session can take them; this one was dropped",
                                               kind="server_error", hint="wait for the server's answers before sending more"))

    async def _pump_events(self) -> None:
        limit = self.runtime.config.max_ws_message_bytes
        while True:
            raw = await self._inbox.get()
            try:
                event = parse_client_event(raw, limit)
            except ProtocolError as exc:
                await self._send(error_event(exc.code, exc.message, event_id=exc.event_id, param=exc.param))
                continue
            try:
                async with self._turn:
                    await self.session.handle(event)
            except Exception:  # noqa: BLE001 - a bug must not leave a call that ignores its events
                log.exception("call %s: handling %s failed", self.id, event.get("type"))
                await self._send(error_event("server_error", f"the server failed on {event.get('type')}", event_id=event.get("event_id"), kind="server_error"))

    # -- audio in -------------------------------------------------------------------------------
    def _on_track(self, track: Any) -> None:
        if track.kind == "audio":
            receiver = next((t.receiver for t in self.pc.getTransceivers() if t.receiver.track is track), None)
            self._spawn(self._read_audio(track, id(receiver)))

    async def _read_audio(self, track: Any, receiver_id: int) -> None:
        from aiortc.mediastreams import MediaStreamError

        from media.rtc_audio import PcmFromFrames

        to_pcm = PcmFromFrames(rate=24000)  # the session's input format is audio/pcm at 24 kHz
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                return
            hooks = self._receive_hooks.get(receiver_id)  # installed after "track" fired (inside setRemoteDescription)
            received = hooks.arrival_of(frame.pts) if hooks is not None else None
            pcm = to_pcm.convert(frame)
            if not pcm:
                continue
            try:
                async with self._turn:
                    await self.session.feed_pcm16(pcm, time.monotonic(), received)
            except Exception:  # noqa: BLE001 - keep listening: one bad frame must not deafen the call
                log.exception("call %s: audio frame failed", self.id)

    # -- events and audio out -------------------------------------------------------------------
    async def _send(self, event: dict[str, Any]) -> None:
        self._channel_send(event)

    def _channel_send(self, event: dict[str, Any]) -> None:
        event.setdefault("event_id", new_id("event"))
        text = json.dumps(event)
        channel = self._channel
        if channel is None or channel.readyState == "connecting":
            self._pending.append(text)
            return
        if channel.readyState == "open":
            channel.send(text)

    # -- tear-down ------------------------------------------------------------------------------
    async def close(self) -> None:
        if self._closing:
            await self.closed.wait()
            return
        self._closing = True
        bound = self.runtime.config.teardown_timeout_s  # no step may hold the hang-up (or a shutdown) longer
        try:
            self._stop.set()
            if self._main is not None:  # the session's task group is closed
                await finish_within("closing the session", asyncio.gather(self._main, return_exceptions=True), bound, self.id)
            self.runtime.sessions.pop(self.session.id, None)
            self._slot.release()
            self.playback.stop()
            current = asyncio.current_task()
            tasks = [t for t in self._tasks if t is not current]
            for task in tasks:
                task.cancel()
            if not await finish_within("stopping the call's tasks", asyncio.gather(*tasks, return_exceptions=True), bound, self.id):
                for task in tasks:  # which of them, and where (a thread-bound decode finishes before it can stop)
                    if not task.done():
                        log.warning("call %s: %s still stopping, waiting at %s", self.id, task.get_name(), waiting_at(task))
            await finish_within("closing the peer connection", self.pc.close(), bound, self.id)
        finally:
            self.closed.set()
            if self._on_closed is not None:
                self._on_closed(self)
            log.info("call %s closed (%d sessions active)", self.id, len(self.runtime.sessions))


# ---------------------------------------------------------------------------------- HTTP


CALL_SECRET_HEADER = "Parley-Call-Secret"


def _may_hang_up(request: Request, call: WebRTCCall) -> bool:
    """The call's creator: its secret (header or `?secret=`), or a key of its tenant when keys are configured."""
    presented = request.headers.get(CALL_SECRET_HEADER) or request.query_params.get("secret")
    if secret_matches(presented, call.secret):
        return True
    return bool(request.app.state.runtime.config.api_keys) and request_tenant(request) == call.tenant


def _check_sdp(sdp: str) -> None:
    if not sdp.lstrip().startswith("v=0") or "\nm=audio" not in sdp.replace("\r\n", "\n"):
        raise ProtocolError("invalid_sdp", "the body is not an SDP offer with an audio section")


def call_routes(get_calls: Any) -> list[Any]:
    """`POST /v1/realtime/calls` and `POST /v1/realtime/calls/{call_id}/hangup`."""
    from starlette.routing import Route

    async def create(request: Request) -> Response:
        runtime = request.app.state.runtime
        config = runtime.config
        calls: dict[str, WebRTCCall] = get_calls()
        if not origin_ok(request.headers, config.allowed_origins):
            return error_response(403, "origin_not_allowed", f"origin {request.headers.get('origin')!r} is not allowed", "add it to PARLEY_ALLOWED_ORIGINS")
        if not runtime.ready:
            return error_response(503, "models_loading", "models are still loading", "poll GET /health until it returns 200")
        try:
            import aiortc  # noqa: F401
        except ImportError as exc:
            return error_response(501, "webrtc_unavailable", f"WebRTC needs aiortc ({exc})", "pip install aiortc, or use the WebSocket at /v1/realtime")
        try:  # the whole offer first, bounded in size and time: a slow or vanished client holds no slot
            body = await read_body(request, config.max_sdp_bytes, config.request_body_timeout_s, too_large="sdp_too_large")
            sdp, session_config = await _parse_offer(request, body)
            _check_sdp(sdp)
        except ParleyError as exc:
            return _refused(exc)
        except ProtocolError as exc:
            status = 415 if exc.code == "unsupported_media_type" else 400
            return error_response(status, exc.code, exc.message, "POST the SDP offer as application/sdp, or multipart with 'sdp' and 'session'")
        async with SessionSlot(runtime) as slot:  # counted at admission: parallel offers cannot pass the limit during ICE gathering
            if slot.refusal is not None:
                return _refused(slot.refusal)
            call = WebRTCCall(runtime, slot, on_closed=lambda c: calls.pop(c.id, None), tenant=request_tenant(request))  # close() gives the slot back
            calls[call.id] = call
            try:
                answer = await call.answer(sdp, session_config)
            except ProtocolError as exc:
                await call.close()
                return error_response(400, exc.code, exc.message, "check the offer and the session configuration")
            except Exception as exc:  # noqa: BLE001 - aiortc's many ways to refuse an offer
                log.warning("call %s: offer refused: %s: %s", call.id, type(exc).__name__, exc)
                await call.close()
                return error_response(400, "invalid_sdp", f"the SDP offer could not be answered ({type(exc).__name__})", "offer Opus or G.711 audio and a data channel")
            except BaseException:  # cancelled: the call must not outlive its request
                closing = asyncio.ensure_future(call.close())
                _CLOSING.add(closing)
                closing.add_done_callback(_CLOSING.discard)
                raise
            slot.hand_over()  # the call lives on after this response: its close() gives the slot back
        log.info("call %s opened (%d sessions active)", call.id, len(runtime.sessions))
        return Response(answer, status_code=201, media_type="application/sdp",
                        headers={"Location": f"/v1/realtime/calls/{call.id}", CALL_SECRET_HEADER: call.secret})

    def _refused(exc: ParleyError) -> Response:
        headers = {"Connection": "close"} if exc.status in (408, 413) else None  # the rest of the body is not read
        return error_response(exc.status, exc.code, exc.message, exc.hint, headers)

    async def hangup(request: Request) -> Response:
        call = get_calls().get(request.path_params["call_id"])
        if call is None or not _may_hang_up(request, call):  # another tenant's call is not found either
            return error_response(404, "call_not_found", "no such call of yours (it may have ended already)",
                                  f"hang up with the API key that made the call, or the {CALL_SECRET_HEADER} header its creation returned")
        await call.close()
        return Response(status_code=200)

    return [Route("/v1/realtime/calls", create, methods=["POST"]),
            Route("/v1/realtime/calls/{call_id}/hangup", hangup, methods=["POST"])]


async def _parse_offer(request: Request, body: bytes) -> tuple[str, dict[str, Any] | None]:
    """(sdp, session config) from an `application/sdp` body or a multipart form."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sdp":
        return body.decode("utf-8", "replace"), None
    if ctype != "multipart/form-data":
        raise ProtocolError("unsupported_media_type", f"content type {ctype or '(none)'!r} is not an SDP offer")

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, replay).form(max_files=2, max_fields=4)
    except Exception as exc:  # noqa: BLE001 - starlette's multipart errors
        raise ProtocolError("invalid_sdp", f"the multipart form could not be read ({exc})") from exc
    sdp = form.get("sdp")
    if hasattr(sdp, "read"):  # sent as a file part (a Blob in browsers)
        sdp = (await sdp.read()).decode("utf-8", "replace")
    if not isinstance(sdp, str):
        raise ProtocolError("invalid_sdp", "the form needs an 'sdp' field with the offer")
    raw_session = form.get("session")
    if hasattr(raw_session, "read"):
        raw_session = (await raw_session.read()).decode("utf-8", "replace")
    if raw_session is None:
        return sdp, None
    try:
        session = json.loads(raw_session) if isinstance(raw_session, str) else None
    except ValueError:
        session = None
    if not isinstance(session, dict):
        raise ProtocolError("invalid_session", "the 'session' field must be a JSON object")
    return sdp, session
