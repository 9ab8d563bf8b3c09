"""GET /health: 503 with progress while models load, then 200 with names and versions."""
from __future__ import annotations

import asyncio

import httpx

from agent.config import load_config
from agent.runtime import Runtime


async def test_health_reports_loading_then_ready(runtime):
    from .conftest import start_server, stop_server

    gate = asyncio.Event()
    fresh = Runtime(load_config(env={}))

    async def slow_vad(status):
        status.name = "silero-vad (test gate)"
        await gate.wait()
        fresh.vad = runtime.vad

    fresh._load_vad = slow_vad  # a loader we control: no timing involved
    live = await start_server(fresh)
    load = asyncio.ensure_future(fresh.load(only=("vad",)))
    try:
        async with httpx.AsyncClient() as client:
            while fresh.status.get("vad") is None or fresh.status["vad"].state != "loading":
                await asyncio.sleep(0.01)
            r = await client.get(f"{live.http}/health")
            assert r.status_code == 503
            assert r.json()["status"] == "loading"
            assert r.json()["models"]["vad"]["state"] == "loading"
            gate.set()
            await load
            r = await client.get(f"{live.http}/health")
            assert r.status_code == 200, r.text
            body = r.json()
            assert body["models"]["vad"]["state"] == "ready"
            assert body["models"]["asr"]["state"] == "disabled"
            assert body["versions"]["faster-whisper"] == "1.2.1"
    finally:
        await stop_server(live)


async def test_health_of_the_full_stack(server):
    async with httpx.AsyncClient() as client:
        r = await client.get(f"{server.http}/health")
    assert r.status_code == 200
    models = r.json()["models"]
    assert "tiny.en" in models["asr"]["name"]
    assert "joe" in models["tts"]["name"]
    assert "qwen2.5" in models["llm"]["name"].lower()
    assert models["ocr"]["name"].startswith("tesseract 5")


def test_secrets_in_the_configuration_never_show_in_its_repr():
    env = {"PARLEY_API_KEYS": "key-one,key-two", "PARLEY_LLM_API_KEY": "sk-llm-secret", "PARLEY_TWILIO_AUTH_TOKEN": "twilio-secret"}
    config = load_config(env=env)
    assert config.api_keys == ("key-one", "key-two") and config.twilio_auth_token == "twilio-secret"
    shown = repr(config) + str(config)
    assert not [s for s in ("key-one", "key-two", "sk-llm-secret", "twilio-secret") if s in shown]


async def test_a_bug_in_a_route_is_answered_as_a_coded_error_and_the_server_goes_on(caplog):
    """Fault injection: the handler raises. The client gets {"type": "error", "code":
    "server_error"} naming the failure's kind and an incident id the log repeats, never the
    exception's text (it may hold user data); the next request is served."""
    from .conftest import start_server, stop_server

    fresh = Runtime(load_config(env={}))
    real_health = fresh.health
    fresh.health = lambda: (_ for _ in ()).throw(KeyError("user-secret-from-a-request"))
    live = await start_server(fresh)
    try:
        async with httpx.AsyncClient() as client:
            failed = await client.get(f"{live.http}/health")
            assert failed.status_code == 500
            err = failed.json()
            assert err["type"] == "error" and err["code"] == "server_error" and err["hint"], err
            assert "KeyError" in err["message"] and "user-secret" not in failed.text
            incident = err["message"].rsplit("incident ", 1)[1]
            assert any(incident in r.getMessage() for r in caplog.records if r.name == "parley.server")
            fresh.health = real_health
            assert (await client.get(f"{live.http}/health")).status_code == 503  # still loading: served, not failed
    finally:
        await stop_server(live)
