"""The HTTP edge against forged and replayed requests (issue 18, "Twilio and binding"):

* Twilio's X-Twilio-Signature covers the full URL and every POST parameter, and a signed
  webhook request is accepted once within `twilio_replay_window_s`;
* X-Forwarded-Proto / -Host count only from a direct peer in `trusted_proxies`;
* the server refuses to listen on every interface without `allowed_hosts`.

None of this needs a model: the servers here run on a Runtime whose models are marked
disabled, with no session slot (`max_sessions=0`): a stream that passes its checks is
accepted and then closed 1013, while one that fails them is refused (403) before the upgrade."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, AsyncIterator

import httpx
import pytest
import pytest_asyncio
import websockets

from agent.config import ConfigError, load_config
from agent.edge.security import (ReplayGuard, binds_every_interface, check_bind_address, peer_trusted, public_url,
                            twilio_signature, twilio_signature_ok)
from tests.conftest import start_server, stop_server

TOKEN = "tok"
FORM = {"CallSid": "CA0123456789abcdef0123456789abcdef", "AccountSid": "AC1", "From": "+15550001111", "To": "+15550002222"}


@pytest_asyncio.fixture
async def bare_runtime(tmp_path) -> AsyncIterator[Any]:
    """A Runtime with no models (all marked disabled, so it counts as ready): the edge
    checks come before any model."""
    from agent.runtime import ModelStatus, Runtime

    rt = Runtime(load_config(env={}, tickets_db=str(tmp_path / "tickets.sqlite3"), knowledge_dir="off", max_sessions=0))
    rt.status = {"models": ModelStatus("models", "disabled")}
    yield rt


def stream_url_of(twiml: str) -> str:
    return ET.fromstring(twiml).find("./Connect/Stream").get("url")


# -- the signature scheme ------------------------------------------------------------------

def test_the_signature_covers_the_full_url_and_every_parameter():
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    params = {"CallSid": "CA1234567890ABCDE", "Caller": "+12349013030", "Digits": "1234", "From": "+12349013030", "To": "+18005551212"}
    expected = "0/KCTR6DLpKmkAf8muzZqo1nDgQ="  # Twilio's documented example
    assert twilio_signature("12345", url, params) == expected
    assert twilio_signature("12345", url, list(reversed(params.items()))) == expected  # sorted by name, whatever the order
    assert twilio_signature_ok("12345", expected, url, params)
    assert twilio_signature_ok("12345", expected, "https://mycompany.com:443/myapp.php?foo=1&bar=2", params)  # the default port, as Twilio's validators
    for changed_url in ("http://mycompany.com/myapp.php?foo=1&bar=2", "https://evil.example/myapp.php?foo=1&bar=2",
                        "https://mycompany.com/other.php?foo=1&bar=2", "https://mycompany.com/myapp.php?foo=1&bar=3",
                        "https://mycompany.com:8443/myapp.php?foo=1&bar=2"):
        assert not twilio_signature_ok("12345", expected, changed_url, params), changed_url
    assert not twilio_signature_ok("12345", expected, url, {**params, "Digits": "1235"})
    assert not twilio_signature_ok("12345", expected, url, {**params, "Extra": ""})  # an added parameter
    assert not twilio_signature_ok("12345", expected, url, {k: v for k, v in params.items() if k != "To"})  # a dropped one
    assert not twilio_signature_ok("other", expected, url, params)
    assert not twilio_signature_ok("12345", None, url, params) and not twilio_signature_ok("12345", "", url, params)
    # a name sent twice signs both values, in order
    two = [("Digits", "2"), ("Digits", "1")]
    assert twilio_signature("k", "https://a.example/", two) == twilio_signature("k", "https://a.example/", list(reversed(two)))
    assert twilio_signature("k", "https://a.example/", two) != twilio_signature("k", "https://a.example/", two[:1])


def test_the_replay_memory_expires_after_its_window_and_stays_bounded():
    now = [1000.0]
    guard = ReplayGuard(300.0, max_entries=3, clock=lambda: now[0])
    assert guard.first_time("sig-a") and not guard.first_time("sig-a")
    now[0] += 299.0
    assert not guard.first_time("sig-a")  # still within the window
    now[0] += 1.0
    assert guard.first_time("sig-a")  # the window has passed: forgotten, and remembered anew
    for key in ("b", "c", "d", "e"):
        assert guard.first_time(key)
    assert len(guard) == 3  # the oldest went first
    assert not guard.first_time("e") and guard.first_time("b")


# -- the webhook and the stream, on a live server --------------------------------------------

async def test_a_signed_webhook_passes_once_and_a_changed_one_never(bare_runtime):
    live = await start_server(bare_runtime, twilio_auth_token=TOKEN)
    try:
        hook = f"{live.http}/v1/phone/twilio/voice"
        signature = twilio_signature(TOKEN, hook, FORM)
        async with httpx.AsyncClient() as http:
            # the same signature over other parameters: refused, and not remembered as seen
            for changed in ({**FORM, "From": "+15559999999"}, {**FORM, "CallSid": "CA2"}, {**FORM, "Extra": "1"}):
                forged = await http.post(hook, data=changed, headers={"X-Twilio-Signature": signature})
                assert forged.status_code == 403 and forged.json()["code"] == "invalid_signature", forged.text
            # ... or over another URL (the query is signed too)
            other = await http.post(hook + "?api_key=x", data=FORM, headers={"X-Twilio-Signature": signature})
            assert other.status_code == 403 and other.json()["code"] == "invalid_signature"
            first = await http.post(hook, data=FORM, headers={"X-Twilio-Signature": signature})
            assert first.status_code == 200 and stream_url_of(first.text) == f"ws://127.0.0.1:{live.port}/v1/phone/twilio"
            again = await http.post(hook, data=FORM, headers={"X-Twilio-Signature": signature})
            assert again.status_code == 403
            body = again.json()
            assert body["type"] == "error" and body["code"] == "replayed_request" and "twilio_replay_window_s" in body["hint"]
            # the next call (another CallSid, so another signature) is served
            nxt = {**FORM, "CallSid": "CA2"}
            assert (await http.post(hook, data=nxt, headers={"X-Twilio-Signature": twilio_signature(TOKEN, hook, nxt)})).status_code == 200
            # a GET webhook signs its URL, query included
            get_url = f"{hook}?CallSid=CA3&From=%2B15550001111"
            ok = await http.get(get_url, headers={"X-Twilio-Signature": twilio_signature(TOKEN, get_url)})
            assert ok.status_code == 200
            tampered = await http.get(get_url.replace("CA3", "CA4"), headers={"X-Twilio-Signature": twilio_signature(TOKEN, get_url)})
            assert tampered.status_code == 403 and tampered.json()["code"] == "invalid_signature"
    finally:
        await stop_server(live)


async def test_a_stream_upgrade_signs_its_full_url_query_included(bare_runtime):
    live = await start_server(bare_runtime, twilio_auth_token=TOKEN)
    try:
        stream = f"ws://127.0.0.1:{live.port}/v1/phone/twilio"
        with pytest.raises(websockets.InvalidStatus) as refused:  # signed without the query it carries
            await websockets.connect(stream + "?line=2", additional_headers={"X-Twilio-Signature": twilio_signature(TOKEN, stream)})
        assert refused.value.response.status_code == 403
        signed = await websockets.connect(stream + "?line=2", additional_headers={"X-Twilio-Signature": twilio_signature(TOKEN, stream + "?line=2")})
        await signed.wait_closed()
        assert signed.close_code == 1013  # past the signature check, as far as the session limit
    finally:
        await stop_server(live)


async def test_without_an_auth_token_nothing_is_checked(bare_runtime):
    live = await start_server(bare_runtime)
    try:
        async with httpx.AsyncClient() as http:
            for _ in range(2):  # no signature, and no replay memory either
                resp = await http.post(f"{live.http}/v1/phone/twilio/voice", data=FORM)
                assert resp.status_code == 200 and "<Stream" in resp.text
    finally:
        await stop_server(live)


# -- forwarded headers ----------------------------------------------------------------------

FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "voice.example.org"}


async def test_forwarded_headers_count_only_from_a_trusted_proxy(bare_runtime):
    untrusted = await start_server(bare_runtime, twilio_auth_token=TOKEN)
    trusted = await start_server(bare_runtime, twilio_auth_token=TOKEN, trusted_proxies=("127.0.0.0/8",))
    try:
        public_hook = "https://voice.example.org/v1/phone/twilio/voice"
        async with httpx.AsyncClient() as http:
            # from a peer that is not a proxy: signed over the forwarded URL, refused ...
            sig = twilio_signature(TOKEN, public_hook, FORM)
            resp = await http.post(f"{untrusted.http}/v1/phone/twilio/voice", data=FORM, headers={**FORWARDED, "X-Twilio-Signature": sig})
            assert resp.status_code == 403 and resp.json()["code"] == "invalid_signature"
            # ... signed over the URL it really used, served, and the TwiML points at its own Host
            own_hook = f"{untrusted.http}/v1/phone/twilio/voice"
            resp = await http.post(own_hook, data=FORM, headers={**FORWARDED, "X-Twilio-Signature": twilio_signature(TOKEN, own_hook, FORM)})
            assert resp.status_code == 200 and stream_url_of(resp.text) == f"ws://127.0.0.1:{untrusted.port}/v1/phone/twilio"
            # from a trusted proxy: the URL the caller used in front of it
            resp = await http.post(f"{trusted.http}/v1/phone/twilio/voice", data=FORM, headers={**FORWARDED, "X-Twilio-Signature": sig})
            assert resp.status_code == 200 and stream_url_of(resp.text) == "wss://voice.example.org/v1/phone/twilio"
        # the stream's upgrade, the same
        ws_public = "wss://voice.example.org/v1/phone/twilio"
        headers = {**FORWARDED, "X-Twilio-Signature": twilio_signature(TOKEN, ws_public)}
        with pytest.raises(websockets.InvalidStatus):
            await websockets.connect(f"ws://127.0.0.1:{untrusted.port}/v1/phone/twilio", additional_headers=headers)
        ws = await websockets.connect(f"ws://127.0.0.1:{trusted.port}/v1/phone/twilio", additional_headers=headers)
        await ws.wait_closed()
        assert ws.close_code == 1013
    finally:
        await stop_server(untrusted)
        await stop_server(trusted)


def test_public_url_believes_forwarded_headers_only_from_configured_peers():
    headers = {"host": "127.0.0.1:8765", "x-forwarded-proto": "https, http", "x-forwarded-host": "voice.example.org, inner"}
    assert public_url("http", headers, "/x") == "http://127.0.0.1:8765/x"  # no proxies configured: never
    assert public_url("http", headers, "/x", peer="203.0.113.9", trusted_proxies=("127.0.0.1",)) == "http://127.0.0.1:8765/x"
    assert public_url("http", headers, "/x", peer="127.0.0.1", trusted_proxies=("127.0.0.1",)) == "https://voice.example.org/x"
    assert public_url("http", headers, "/x", websocket=True, peer="10.1.2.3", trusted_proxies=("10.0.0.0/8",)) == "wss://voice.example.org/x"
    assert public_url("http", {**headers, "x-forwarded-proto": "gopher"}, "/x", peer="127.0.0.1", trusted_proxies=("127.0.0.1",)) \
        == "http://voice.example.org/x"
    assert peer_trusted("::ffff:127.0.0.1", ("127.0.0.1",)) and peer_trusted("::1", ("::1",))
    assert not peer_trusted(None, ("127.0.0.1",)) and not peer_trusted("127.0.0.1", ())
    assert load_config(env={"PARLEY_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"}).trusted_proxies == ("127.0.0.1", "10.0.0.0/8")
    with pytest.raises(ConfigError, match="trusted_proxies"):
        load_config(env={"PARLEY_TRUSTED_PROXIES": "nginx.local"})
    with pytest.raises(ConfigError, match="twilio_replay_window_s"):
        load_config(env={"PARLEY_TWILIO_REPLAY_WINDOW_S": "0"})
    assert load_config(env={}).twilio_replay_window_s == 300.0 and load_config(env={}).trusted_proxies == ()


# -- binding ----------------------------------------------------------------------------------

def test_every_interface_without_allowed_hosts_is_refused_naming_the_setting():
    assert [binds_every_interface(h) for h in ("0.0.0.0", "::", "", "[::]", "0:0::0")] == [True] * 5
    assert not any(binds_every_interface(h) for h in ("127.0.0.1", "::1", "localhost", "192.0.2.10"))
    for host in ("0.0.0.0", "::"):
        with pytest.raises(ConfigError, match="PARLEY_ALLOWED_HOSTS") as refused:
            check_bind_address(host, ())
        assert "'*'" in str(refused.value)
        check_bind_address(host, ("voice.example.org",))
        check_bind_address(host, ("*",))
    check_bind_address("127.0.0.1", ())


def test_parley_serve_on_every_interface_without_allowed_hosts_exits_with_the_setting(monkeypatch, capsys):
    from agent.cli import main

    monkeypatch.delenv("PARLEY_ALLOWED_HOSTS", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 2  # refused before any model loads or port opens
    err = capsys.readouterr().err
    assert err.startswith("parley: error: ") and "PARLEY_ALLOWED_HOSTS" in err and "Traceback" not in err


async def test_every_interface_serves_only_with_allowed_hosts(bare_runtime):
    with pytest.raises(ConfigError, match="PARLEY_ALLOWED_HOSTS"):
        await start_server(bare_runtime, host="0.0.0.0")
    live = await start_server(bare_runtime, host="0.0.0.0", allowed_hosts=("127.0.0.1",))
    try:
        async with httpx.AsyncClient() as http:
            health = await http.get(live.http + "/health")
            assert health.status_code == 200  # served on 127.0.0.1, one of the allowed names
            rebound = await http.get(live.http + "/health", headers={"Host": f"evil.example:{live.port}"})
            assert rebound.status_code == 403 and rebound.json()["code"] == "host_not_allowed"
    finally:
        await stop_server(live)
