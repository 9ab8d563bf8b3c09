"""The WebSocket transport for `/v1/realtime`: frames in, events out, nothing else.

Auth and origin are checked before the upgrade; bad frames become `error` events and the
session goes on; a client that vanishes frees its session (tasks, threads' results, memory).
"""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from agent.core.lifetime import Ending, registered, run_until_end
from agent.core.protocol import ProtocolError, error_event, parse_client_event
from agent.core.session import VoiceSession
from agent.edge.admission import SessionSlot
from agent.edge.errors import error_body
from agent.edge.security import key_ok, origin_ok

log = logging.getLogger("parley.ws")


async def _deny(ws: WebSocket, status: int, code: str, message: str, hint: str = "") -> None:
    from starlette.responses import JSONResponse

    if "websocket.http.response" in ws.scope.get("extensions", {}):
        await ws.send_denial_response(JSONResponse(error_body(code, message, hint), status_code=status))
    else:
        await ws.close(code=1008, reason=code)


async def realtime_endpoint(ws: WebSocket) -> None:
    runtime = ws.app.state.runtime
    config = runtime.config
    if not key_ok(config.api_keys, ws.headers, ws.query_params):
        return await _deny(ws, 401, "unauthorized", "missing or wrong API key", "send Authorization: Bearer <key>")
    if not origin_ok(ws.headers, config.allowed_origins):
        return await _deny(ws, 403, "origin_not_allowed", f"origin {ws.headers.get('origin')!r} is not allowed", "add it to PARLEY_ALLOWED_ORIGINS")
    if not runtime.ready:
        return await _deny(ws, 503, "models_loading", "models are still loading", "poll GET /health until it returns 200")
    offered = [p.strip() for p in ws.headers.get("sec-websocket-protocol", "").split(",") if p.strip()]
    if runtime.draining:
        return await _deny(ws, 503, "server_draining", "this server is shutting down", "reconnect: another server process will answer")
    with SessionSlot(runtime) as slot:  # counted now, before any await: parallel upgrades cannot pass the limit
        await ws.accept(subprotocol="realtime" if "realtime" in offered else None)
        if not slot.admitted:
            await ws.send_text(json.dumps(error_event("too_many_sessions", f"the server is at its limit of {config.max_sessions} sessions", kind="server_error", hint="try again later")))
            await ws.close(code=1013, reason="too many sessions")
            return
        await _serve(ws, runtime, slot)


async def _serve(ws: WebSocket, runtime: Any, slot: SessionSlot) -> None:
    config = runtime.config
    send_lock = asyncio.Lock()

    async def send(event: dict[str, Any]) -> None:
        if ws.application_state != WebSocketState.CONNECTED:
            return
        async with send_lock:
            try:
                await ws.send_text(json.dumps(event))
            except (WebSocketDisconnect, RuntimeError, OSError):
                pass  # the client left: the read loop sees the disconnect and ends the session

    session = VoiceSession(runtime, send, extensions=ws.query_params.get("parley") in ("1", "true", "events"))
    close_code = 1000
    try:
        async with registered(runtime, session, "session"), session:
            await session.start()
            reader = _read_loop(ws, session, config.max_ws_message_bytes, config.session_idle_timeout_s)
            ending, why = await run_until_end(session, reader, limit_s=config.max_session_s)
            if ending is Ending.EXPIRED:
                await session.end("session_expired", f"sessions are limited to {config.max_session_s:.0f} s")
            elif why == "idle":
                await session.end("session_idle", f"nothing arrived for {config.session_idle_timeout_s:.0f} s")
            if ending is not Ending.READER or why == "idle":
                close_code = 1001  # going away: expiry, idleness or drain
    finally:
        slot.release()
        if ws.application_state == WebSocketState.CONNECTED:
            try:
                await ws.close(code=close_code, reason=session.end_code)
            except (RuntimeError, WebSocketDisconnect):
                pass


async def _read_loop(ws: WebSocket, session: VoiceSession, max_bytes: int, idle_s: float) -> str:
    """Frames → events until the client leaves ("gone") or sends nothing for `idle_s` while
    no reply is playing ("idle": a silent client never holds a slot for an hour)."""
    while True:
        try:
            msg = await asyncio.wait_for(ws.receive(), idle_s)
        except TimeoutError:
            if session.replying:
                continue
            return "idle"
        except (WebSocketDisconnect, RuntimeError):
            return "gone"
        if msg["type"] == "websocket.disconnect":
            return "gone"
        raw = msg.get("text") if msg.get("text") is not None else msg.get("bytes")
        if raw is None:
            continue
        try:
            event = parse_client_event(raw, max_bytes)
        except ProtocolError as exc:
            await session.send(error_event(exc.code, exc.message, event_id=exc.event_id, param=exc.param))
            continue
        await session.handle(event)
