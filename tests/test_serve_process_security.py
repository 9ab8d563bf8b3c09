"""Tenancy and Twilio's signature and replay checks against a real `parley serve` process
(issue 18): the CLI's own configuration path (PARLEY_API_KEYS with two tenants,
PARLEY_TWILIO_AUTH_TOKEN), the whole middleware stack, real OCR for the upload and a real
aiortc offer for the call. tests/test_tenancy.py and tests/test_edge_security.py check the
same rules on in-process servers."""
from __future__ import annotations

from typing import Any, Iterator
from urllib.parse import urlencode

import httpx
import pytest

from agent.edge.security import twilio_signature
from tests import images
from tests.rtc_caller import RtcCaller, why_no_webrtc_here
from tests.serve_process import Serve, holds_a_spoken_turn, serve_process

ACME, BETA = "key-of-acme", "key-of-beta"
TOKEN = "twilio-token-of-the-test"
FORM = {"CallSid": "CA0123456789abcdef0123456789abcdef", "AccountSid": "AC1", "From": "+15550001111", "To": "+15550002222"}


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    env = {"PARLEY_API_KEYS": f"acme:{ACME},beta:{BETA}", "PARLEY_TWILIO_AUTH_TOKEN": TOKEN,
           "PARLEY_WEBRTC_LOOPBACK_CANDIDATES": "1", "PARLEY_LOG_LEVEL": "warning",
           "PARLEY_TICKETS_DB": str(tmp_path_factory.mktemp("serve-security") / "tickets.sqlite3")}
    with serve_process(env, "serve-security-server.log") as served:
        yield served


def as_(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def assert_error(resp: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The project's HTTP error: the status and {"type": "error", "code", "message", "hint"}."""
    assert resp.status_code == status, (resp.status_code, resp.text)
    err = resp.json()
    assert err["type"] == "error" and err["code"] == code and err["message"] and err.get("hint"), err
    return err


async def test_a_ticket_is_seen_only_by_the_tenant_that_uploaded_it(serve: Serve) -> None:
    png = images.error_dialog().png()
    async with httpx.AsyncClient(base_url=serve.http, timeout=120) as http:
        upload = {"file": ("shot.png", png, "image/png")}
        made = await http.post("/v1/screenshots", files=upload, headers={**as_(ACME), "Idempotency-Key": "same-key"})
        assert made.status_code == 201, made.text
        tid = made.json()["id"]
        mine = await http.get(f"/v1/tickets/{tid}", headers=as_(ACME))
        assert mine.status_code == 200 and mine.json()["id"] == tid
        listing = (await http.get("/v1/tickets", headers=as_(ACME))).json()
        assert [t["id"] for t in listing["data"]] == [tid] and listing["total"] == 1
        # the other tenant: not found, and an empty list
        assert_error(await http.get(f"/v1/tickets/{tid}", headers=as_(BETA)), 404, "ticket_not_found")
        theirs = (await http.get("/v1/tickets", headers=as_(BETA))).json()
        assert theirs["data"] == [] and theirs["total"] == 0
        # the same Idempotency-Key from the other tenant is its own request, never a replay of acme's ticket
        again = await http.post("/v1/screenshots", files=upload, headers={**as_(BETA), "Idempotency-Key": "same-key"})
        assert again.status_code == 201 and again.json()["id"] != tid
        assert (await http.get("/v1/tickets", headers=as_(ACME))).json()["total"] == 1
        # no key, or a wrong one: 401 on the list and on the ticket
        for headers in ({}, as_("not-a-key")):
            assert_error(await http.get("/v1/tickets", headers=headers), 401, "unauthorized")
            assert_error(await http.get(f"/v1/tickets/{tid}", headers=headers), 401, "unauthorized")


@pytest.mark.skipif(why_no_webrtc_here() is not None, reason=str(why_no_webrtc_here()))
async def test_a_call_is_hung_up_only_by_the_tenant_that_made_it(serve: Serve) -> None:
    caller = RtcCaller()
    try:
        made = await caller.call(serve.http, headers=as_(ACME))
        assert made.status_code == 201, made.text
        assert caller.location.startswith("/v1/realtime/calls/rtc_")
        async with httpx.AsyncClient(base_url=serve.http, timeout=30) as http:
            assert_error(await http.post(caller.location + "/hangup", headers=as_(BETA)), 404, "call_not_found")
            assert_error(await http.post(caller.location + "/hangup"), 401, "unauthorized")
            ended = await http.post(caller.location + "/hangup", headers=as_(ACME))  # still up after the refusals
            assert ended.status_code == 200, ended.text
            assert_error(await http.post(caller.location + "/hangup", headers=as_(ACME)), 404, "call_not_found")  # gone
    finally:
        await caller.close()


async def test_a_signed_twilio_webhook_is_served_once_and_a_forged_one_never(serve: Serve) -> None:
    hook = f"{serve.http}/v1/phone/twilio/voice?{urlencode({'api_key': ACME})}"  # Twilio calls with the key in the URL
    signature = twilio_signature(TOKEN, hook, FORM)
    async with httpx.AsyncClient(timeout=30) as http:
        assert_error(await http.post(hook, data=FORM), 403, "invalid_signature")  # unsigned
        for forged in (twilio_signature("another-token", hook, FORM),  # another account's token
                       twilio_signature(TOKEN, hook.replace(ACME, BETA), FORM),  # another URL
                       "x" * 28):
            assert_error(await http.post(hook, data=FORM, headers={"X-Twilio-Signature": forged}), 403, "invalid_signature")
        # the right signature over changed parameters: refused, and not remembered as seen
        changed = await http.post(hook, data={**FORM, "From": "+15559999999"}, headers={"X-Twilio-Signature": signature})
        assert_error(changed, 403, "invalid_signature")
        # signed without the API key: the key is checked first
        keyless = hook.split("?")[0]
        assert_error(await http.post(keyless, data=FORM, headers={"X-Twilio-Signature": twilio_signature(TOKEN, keyless, FORM)}),
                     401, "unauthorized")
        first = await http.post(hook, data=FORM, headers={"X-Twilio-Signature": signature})
        assert first.status_code == 200 and first.headers["content-type"].startswith("application/xml"), first.text
        assert f'url="ws://127.0.0.1:{serve.port}/v1/phone/twilio?api_key={ACME}"' in first.text
        replay = await http.post(hook, data=FORM, headers={"X-Twilio-Signature": signature})
        assert "twilio_replay_window_s" in assert_error(replay, 403, "replayed_request")["hint"]
        # the next call (another CallSid, so another signature) is served
        nxt = {**FORM, "CallSid": "CA2"}
        served = await http.post(hook, data=nxt, headers={"X-Twilio-Signature": twilio_signature(TOKEN, hook, nxt)})
        assert served.status_code == 200 and "<Stream" in served.text


async def test_after_every_refusal_a_tenant_still_holds_a_spoken_turn(serve: Serve) -> None:
    """Runs last: the refused reads, hang-ups and webhooks above left the server serving."""
    await holds_a_spoken_turn(serve, additional_headers=as_(ACME))
