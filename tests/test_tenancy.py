"""Tenancy (issue 18): each API key belongs to a tenant; tickets and calls belong to the
tenant that made them, and another tenant can neither see nor end them.

A real server on loopback with two tenants' keys, real OCR for the uploads, a real WebRTC
caller (aiortc) for the calls.
"""
from __future__ import annotations

from pathlib import Path

import httpx

from tests.conftest import start_server, stop_server
from tests.rtc_caller import RtcCaller

SCREEN = sorted((Path(__file__).parent / "fixtures" / "screens").glob("*.png"))[0]
KEYS = ("acme:key-of-acme", "beta:key-of-beta", "key-without-a-name")


def as_(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def test_tickets_are_seen_only_by_the_tenant_that_uploaded_them(runtime, tmp_path):
    live = await start_server(runtime, api_keys=KEYS, tickets_db=str(tmp_path / "tickets.sqlite3"))
    try:
        async with httpx.AsyncClient(base_url=live.http, timeout=120) as http:
            upload = {"file": (SCREEN.name, SCREEN.read_bytes(), "image/png")}
            made = await http.post("/v1/screenshots", files=upload, headers={**as_("key-of-acme"), "Idempotency-Key": "same-key"})
            assert made.status_code == 201, made.text
            tid = made.json()["id"]
            assert (await http.get(f"/v1/tickets/{tid}", headers=as_("key-of-acme"))).status_code == 200
            other = await http.get(f"/v1/tickets/{tid}", headers=as_("key-of-beta"))
            assert other.status_code == 404 and other.json()["code"] == "ticket_not_found"
            listing = (await http.get("/v1/tickets", headers=as_("key-of-beta"))).json()
            assert listing["data"] == [] and listing["total"] == 0
            assert (await http.get("/v1/tickets", headers=as_("key-without-a-name"))).json()["total"] == 0  # tenant "default"
            # the same Idempotency-Key from another tenant is another request, never a replay of acme's ticket
            theirs = await http.post("/v1/screenshots", files=upload, headers={**as_("key-of-beta"), "Idempotency-Key": "same-key"})
            assert theirs.status_code == 201 and theirs.json()["id"] != tid
            assert (await http.get("/v1/tickets", headers=as_("key-of-acme"))).json()["total"] == 1
            assert (await http.get("/v1/tickets", headers=as_("wrong"))).status_code == 401
    finally:
        await stop_server(live)


async def test_a_call_is_hung_up_only_by_its_tenant_or_with_its_secret(runtime):
    live = await start_server(runtime, api_keys=KEYS)
    caller = RtcCaller()
    try:
        resp = await caller.call(live.http, headers=as_("key-of-acme"))
        assert resp.status_code == 201, resp.text
        assert caller.secret
        async with httpx.AsyncClient(base_url=live.http, timeout=30) as http:
            refused = await http.post(caller.location + "/hangup", headers=as_("key-of-beta"))
            assert refused.status_code == 404 and refused.json()["code"] == "call_not_found"
            assert (await http.post(caller.location + "/hangup")).status_code == 401  # no key at all
            calls = live.server.config.app.state.webrtc_calls
            assert len(calls) == 1  # still up after the refusals
            ended = await http.post(caller.location + "/hangup", headers=as_("key-of-acme"))
            assert ended.status_code == 200, ended.text
            assert not calls
    finally:
        await caller.close()
        await stop_server(live)
