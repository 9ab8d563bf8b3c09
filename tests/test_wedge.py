"""Nobody can wedge a real `parley serve` process (issue 18).

Raw TCP clients send request headers and then stop, or close mid-body; phone streams never
send `start`; uploads stall; a listing asks for an absurd offset. Each gets a clear error,
holds no session slot past it, and afterwards the server still admits sessions up to
`max_sessions` (`session.created`) with /health at 0 sessions.
"""
from __future__ import annotations

import asyncio
import json
import select
import socket
from typing import Any, Callable, Iterator

import httpx
import pytest
import websockets

from tests import images
from tests.realtime_client import RawClient
from tests.serve_process import Serve, holds_a_spoken_turn, serve_process

MAX_SESSIONS = 2
BODY_TIMEOUT_S = 5.0  # request_body_timeout_s: the default
UPLOAD_TIMEOUT_S = 3.0
START_TIMEOUT_S = 4.0
OFFER_HEAD = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n"  # the start of an SDP offer that never finishes


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    env = {"PARLEY_MAX_SESSIONS": str(MAX_SESSIONS), "PARLEY_REQUEST_BODY_TIMEOUT_S": str(BODY_TIMEOUT_S),
           "PARLEY_MAX_CONCURRENT_UPLOADS": "1", "PARLEY_UPLOAD_TIMEOUT_S": str(UPLOAD_TIMEOUT_S),
           "PARLEY_TWILIO_START_TIMEOUT_S": str(START_TIMEOUT_S), "PARLEY_LOG_LEVEL": "warning",
           "PARLEY_TICKETS_DB": str(tmp_path_factory.mktemp("wedge") / "tickets.sqlite3")}
    with serve_process(env, "wedge-server.log") as served:
        yield served


# -- raw HTTP ---------------------------------------------------------------------------------------
def _send_head(port: int, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> socket.socket:
    """A request whose headers (and maybe part of its body) are sent, the rest never."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    sock.sendall(head.encode() + body)
    return sock


def _read_response(sock: socket.socket, timeout: float) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of the one response on `sock`, read until the server closes it."""
    sock.settimeout(timeout)
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def _nothing_received(sock: socket.socket) -> bool:
    readable, _, _ = select.select([sock], [], [], 0)
    return not readable


def _assert_error(body: bytes | dict[str, Any], code: str) -> None:
    """The project's HTTP error body: {"type": "error", "code", "message", "hint"}."""
    err = json.loads(body) if isinstance(body, bytes) else body
    assert err["type"] == "error" and err["code"] == code and err["message"] and err.get("hint"), err


def _assert_refused(event: dict[str, Any]) -> None:
    """The WebSocket's refusal: an `error` event saying too_many_sessions, with a hint."""
    assert event["type"] == "error", event
    err = event["error"]
    assert err["code"] == "too_many_sessions" and err["message"] and err.get("hint"), err


def _offer_head(port: int, *, declared: int = 4000) -> socket.socket:
    return _send_head(port, "POST", "/v1/realtime/calls", {"Content-Type": "application/sdp", "Content-Length": str(declared)}, OFFER_HEAD.encode())


# -- sessions ---------------------------------------------------------------------------------------
async def _sessions_admitted(serve: Serve, n: int) -> None:
    """n sessions at once each get `session.created`; one more is refused: the limit holds and no slot leaked."""
    clients = [await RawClient.connect(serve.ws + "/realtime") for _ in range(n)]
    try:
        for c in clients:
            assert (await c.recv(30))["type"] == "session.created"
        extra = await RawClient.connect(serve.ws + "/realtime")
        _assert_refused(await extra.recv(30))
        await asyncio.wait_for(extra.ws.wait_closed(), 30)
        assert extra.ws.close_code == 1013
    finally:
        for c in clients:
            await c.close()


async def _poll(condition: Callable[[], Any], timeout: float = 30) -> None:
    async with asyncio.timeout(timeout):
        while not await condition():
            await asyncio.sleep(0.05)  # polling a condition of the server, bounded by the timeout


async def _no_sessions(serve: Serve) -> None:
    async def idle() -> bool:
        async with httpx.AsyncClient() as http:
            health = (await http.get(serve.http + "/health")).json()
        return health["sessions"] == 0 and not any(health["sessions_by_transport"].values())

    await _poll(idle)


# -- the tests --------------------------------------------------------------------------------------
async def test_ten_unfinished_offers_hold_no_session_slot(serve: Serve) -> None:
    """The issue's reproduction: five offers close mid-body, five stay open. None takes a slot;
    the open ones get 408 request_timeout; then sessions are admitted up to the limit."""
    aborted = [_offer_head(serve.port) for _ in range(5)]
    for sock in aborted:
        sock.close()
    stalled = [_offer_head(serve.port) for _ in range(5)]
    try:
        await _sessions_admitted(serve, MAX_SESSIONS)  # while the five stalled bodies are still open
        assert all(_nothing_received(s) for s in stalled), f"the stalled offers were answered within {BODY_TIMEOUT_S} s"
        answers = await asyncio.gather(*(asyncio.to_thread(_read_response, s, BODY_TIMEOUT_S + 20) for s in stalled))
        for status, headers, body in answers:
            assert status == 408 and headers["content-type"] == "application/json"
            _assert_error(body, "request_timeout")
    finally:
        for sock in stalled:
            sock.close()
    await _no_sessions(serve)
    await _sessions_admitted(serve, MAX_SESSIONS)
    await _no_sessions(serve)


async def test_an_offer_declared_too_large_is_refused_before_its_body(serve: Serve) -> None:
    sock = _offer_head(serve.port, declared=10 * 1024 * 1024)
    try:
        status, _, body = await asyncio.to_thread(_read_response, sock, 30)
    finally:
        sock.close()
    assert status == 413
    _assert_error(body, "sdp_too_large")
    await _sessions_admitted(serve, MAX_SESSIONS)


async def test_phone_streams_that_never_start_are_closed_and_free_their_slots(serve: Serve) -> None:
    silent = [await websockets.connect(serve.ws + "/phone/twilio") for _ in range(MAX_SESSIONS)]
    for ws in silent:
        await ws.send(json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"}))
    refused = await RawClient.connect(serve.ws + "/realtime")  # the silent streams hold every slot
    _assert_refused(await refused.recv(30))
    await refused.close()
    for ws in silent:
        await asyncio.wait_for(ws.wait_closed(), START_TIMEOUT_S + 30)
        assert (ws.close_code, ws.close_reason) == (1008, "start_timeout")
    await _no_sessions(serve)
    await _sessions_admitted(serve, MAX_SESSIONS)


async def test_uploads_past_the_cap_get_429_and_a_stalled_one_times_out(serve: Serve) -> None:
    png = images.error_dialog().png()
    stalled = _send_head(serve.port, "POST", "/v1/screenshots", {"Content-Type": "image/png", "Content-Length": str(len(png))}, png[:100])
    try:
        async with httpx.AsyncClient(timeout=30) as http:
            late: list[httpx.Response] = []

            async def refused() -> bool:  # until the stalled upload is counted
                late.append(await http.post(serve.http + "/v1/screenshots", content=b"x", headers={"Content-Type": "image/png"}))
                return late[-1].status_code == 429

            await _poll(refused)
            assert late[-1].headers["retry-after"].isdigit()
            _assert_error(late[-1].json(), "too_many_uploads")
            status, _, body = await asyncio.to_thread(_read_response, stalled, UPLOAD_TIMEOUT_S + 20)
            assert status == 408
            _assert_error(body, "request_timeout")
            aborted = _send_head(serve.port, "POST", "/v1/screenshots", {"Content-Type": "image/png", "Content-Length": str(len(png))}, png[:100])
            aborted.close()
            created: list[httpx.Response] = []

            async def uploaded() -> bool:  # the aborted upload gives its place back
                created.append(await http.post(serve.http + "/v1/screenshots", content=png, headers={"Content-Type": "image/png"}))
                return created[-1].status_code != 429

            await _poll(uploaded)
            assert created[-1].status_code == 201, created[-1].text
            assert created[-1].json()["id"]
    finally:
        stalled.close()
    await _sessions_admitted(serve, MAX_SESSIONS)


async def test_ticket_listing_bounds_its_parameters(serve: Serve) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        for params in ({"offset": "100000000000000000000000"}, {"offset": "-1"}, {"limit": "1000"}, {"offset": "9" * 5000}):
            resp = await http.get(serve.http + "/v1/tickets", params=params)
            assert resp.status_code == 422, (params, resp.text)
            _assert_error(resp.json(), "invalid_parameter")
        far = await http.get(serve.http + "/v1/tickets", params={"offset": "1000000000"})
        assert far.status_code == 200 and far.json()["data"] == []


async def test_bad_frames_and_floods_get_coded_errors_and_a_spoken_turn_still_works(serve: Serve) -> None:
    """Malformed, oversized and binary frames, unknown events and an audio flood far above
    real time each get their coded error; the same session then holds a spoken turn of a
    real recording."""
    c = await RawClient.connect(serve.ws + "/realtime")
    try:
        await c.configure()
        bad = [("{not json", "invalid_json"), ("[1, 2]", "invalid_event"), (json.dumps({"no": "type"}), "missing_type"),
               (json.dumps({"type": "session.destroy"}), "unknown_event_type"), (b"\x00\x01binary", "binary_not_supported"),
               (json.dumps({"type": "input_audio_buffer.append", "audio": "A" * (1 << 21)}), "message_too_large")]
        for frame, code in bad:
            await c.ws.send(frame)
            err = await c.wait_for("error", lambda e, code=code: e["error"]["code"] == code, timeout=30)
            assert err["error"]["message"], err
        one_s = "A" * (24000 * 2 // 3 * 4)  # 1 s of silence, base64
        for _ in range(120):  # 2 minutes of audio in a burst: far above 4x real time after the allowed 60 s
            await c.ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": one_s}))
        flood = await c.wait_for("error", lambda e: e["error"]["code"] == "rate_limited", timeout=60)
        assert flood["error"].get("param") == "audio"
        assert (await c.configure())["type"] == "session.updated"  # the session goes on
    finally:
        await c.close()
    await holds_a_spoken_turn(serve)  # a new session
    await _no_sessions(serve)
