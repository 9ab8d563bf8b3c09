"""A server on localhost that a web page cannot abuse: Host allowlist (DNS rebinding),
Origin checks on every data route, admission-time session limits, no backend details in
client-facing errors, operator switches for /health and /metrics."""
from __future__ import annotations

import asyncio
import json

import httpx
import pytest
import websockets

from agent.edge.security import allowed_hosts, host_name
from tests.conftest import start_server, stop_server
from tests.realtime_client import RawClient


def test_default_host_allowlist_is_the_bound_address_and_loopback_names():
    assert allowed_hosts("127.0.0.1", ()) == ("127.0.0.1", "localhost", "::1")
    assert allowed_hosts("0.0.0.0", ()) is None  # every interface: the operator names hosts, or all are served
    assert allowed_hosts("127.0.0.1", ("voice.example.org",)) == ("voice.example.org",)
    assert allowed_hosts("127.0.0.1", ("*",)) is None
    assert [host_name(h) for h in ("Example.COM:8765", "[::1]:80", "localhost", "::1")] == ["example.com", "::1", "localhost", "::1"]


async def test_a_dns_rebinding_page_cannot_read_tickets_or_open_sessions(server):
    evil = {"Host": f"evil.example:{server.port}", "Origin": f"http://evil.example:{server.port}"}
    async with httpx.AsyncClient() as http:
        for method, path in (("GET", "/v1/tickets"), ("GET", "/health"), ("GET", "/metrics"), ("POST", "/v1/screenshots")):
            resp = await http.request(method, server.http + path, headers=evil)
            assert resp.status_code == 403 and resp.json()["code"] == "host_not_allowed", (path, resp.text)
        # the same requests by the server's own name (and its own page's Origin) are served
        own = {"Origin": server.http}
        assert (await http.get(server.http + "/v1/tickets", headers=own)).status_code == 200
        assert (await http.get(server.http.replace("127.0.0.1", "localhost") + "/health")).status_code == 200
    # a WebSocket upgrade by that name: refused before any session exists
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write((f"GET /v1/realtime HTTP/1.1\r\nHost: evil.example:{server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    status = await asyncio.wait_for(reader.readline(), 10)
    writer.close()
    assert status.split()[1] == b"403", status


async def test_a_foreign_page_cannot_use_any_data_route(server):
    foreign = {"Origin": "https://elsewhere.example"}
    async with httpx.AsyncClient() as http:
        for method, path in (("GET", "/v1/tickets"), ("POST", "/v1/screenshots"), ("POST", "/v1/realtime/calls"),
                             ("GET", "/metrics"), ("POST", "/v1/phone/twilio/voice")):
            resp = await http.request(method, server.http + path, headers=foreign, content=b"x")
            assert resp.status_code == 403 and resp.json()["code"] == "origin_not_allowed", (path, resp.text)
        page = await http.get(server.http + "/", headers=foreign)  # the static client itself is public
        assert page.status_code == 200


async def test_health_and_metrics_details_are_the_operators_choice(runtime):
    live = await start_server(runtime, health_details=False, metrics_enabled=False)
    keyed = await start_server(runtime, api_keys=("k1",))
    try:
        async with httpx.AsyncClient() as http:
            health = (await http.get(live.http + "/health")).json()
            assert set(health) == {"status", "auth_required"}  # no models, versions or sessions
            assert (await http.get(live.http + "/metrics")).json()["code"] == "metrics_disabled"
            assert (await http.get(keyed.http + "/metrics")).status_code == 401
            ok = await http.get(keyed.http + "/metrics", headers={"Authorization": "Bearer k1"})
            assert ok.status_code == 200 and "parley_sessions_active" in ok.text
    finally:
        await stop_server(live)
        await stop_server(keyed)


async def test_parallel_sessions_cannot_pass_the_limit(runtime):
    live = await start_server(runtime, max_sessions=2)
    try:
        clients = await asyncio.gather(*[RawClient.connect(live.ws + "/realtime") for _ in range(5)])
        created, refused = 0, 0
        for c in clients:
            first = await c.recv()
            if first["type"] == "session.created":
                created += 1
            else:
                assert first["error"]["code"] == "too_many_sessions"
                refused += 1
        assert (created, refused) == (2, 3) and live.runtime.admitted == 2
        for c in clients:
            await c.close()
        async with asyncio.timeout(30):
            while live.runtime.admitted:
                await asyncio.sleep(0.02)  # waiting for the server's own cleanup of the closed sessions
    finally:
        await stop_server(live)


async def test_a_dead_llm_backend_is_a_coded_error_without_its_address(runtime):
    from models.llm import build_chat

    dead = build_chat(["openai:http://127.0.0.1:9/v1#secret-model"], api_key="sk-secret", timeout_s=1.0)
    live = await start_server(runtime, runtime_fields={"llm": dead})
    try:
        c = await RawClient.connect(live.ws + "/realtime")
        await c.configure()
        await c.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                      "content": [{"type": "input_text", "text": "Hello?"}]}})
        await c.send({"type": "response.create"})
        err = (await c.wait_for("error", timeout=60))["error"]
        done = await c.wait_for("response.done", timeout=60)
        assert done["response"]["status"] == "failed" and err["type"] == "server_error" and err["code"]
        text = json.dumps(err)
        assert "127.0.0.1:9" not in text and "secret" not in text and "http" not in text
        # the session goes on after the failure
        await c.send({"type": "conversation.item.retrieve", "item_id": "nope"})
        assert (await c.wait_for("error", lambda e: e["error"]["code"] == "item_not_found"))["error"]["param"] == "item_id"
        await c.close()
    finally:
        await stop_server(live)
