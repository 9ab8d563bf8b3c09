"""A whole fleet on loopback (deploy/run_fleet.py): nginx in front of two Parley processes,
tickets in PostgreSQL, the LLM on llama.cpp's OpenAI-compatible server. Voice turns and
screenshot uploads go through nginx; then one Parley process is killed (SIGKILL) mid-reply.

What is checked: each node reads the tickets the other wrote; WebRTC hang-ups reach the
node that holds the call; the killed node's session ends with close code 1006 (the
connection was lost: a killed process can send no close frame, and nginx forwards none);
the other node's session carries on; new sessions go to the survivor; no stored ticket is
lost. Skips, saying why, where nginx or PostgreSQL is not installed.
"""
from __future__ import annotations

import json
from typing import Any, Iterator

import httpx
import numpy as np
import pytest
import websockets

from deploy.services import missing_binaries

from .conftest import silence
from .realtime_client import RawClient

QUESTION = "What is the capital of France?"


def _skip_reason() -> str | None:
    missing = missing_binaries()
    if missing:
        return "a fleet needs " + " and ".join(missing)
    for module, pkg in (("psycopg", "psycopg[binary]"), ("llama_cpp.server.app", "llama-cpp-python[server]")):
        try:
            __import__(module)
        except ImportError:
            return f"a fleet needs {pkg} (pip install -e '.[dev]')"
    return None


def test_the_nginx_config_routes_each_call_to_its_node(tmp_path) -> None:
    """The rendered config for three nodes passes `nginx -t`, and its map names each node."""
    import subprocess

    from deploy.services import find_binary, render_nginx_conf

    nginx = find_binary("nginx")
    if not nginx:
        pytest.skip("nginx is not installed (apt-get install nginx)")
    tmp_path.chmod(0o755)
    conf = tmp_path / "nginx.conf"
    conf.write_text(render_nginx_conf(18080, [("n1", 18081), ("n2", 18082), ("edge7", 18083)], tmp_path))
    check = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    text = conf.read_text()
    for name, port in (("n1", 18081), ("n2", 18082), ("edge7", 18083)):
        assert f"~^/v1/realtime/calls/rtc_{name}_ parley_node_{name};" in text
        assert f"upstream parley_node_{name} {{\n        server 127.0.0.1:{port};" in text
    assert text.count("proxy_set_header Host $http_host;") == text.count("proxy_pass ")  # no location loses Host


@pytest.fixture(scope="module")
def fleet() -> Iterator[Any]:
    from deploy.run_fleet import Fleet, FleetOptions

    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    f = Fleet(FleetOptions(nodes=2, local_fallback=True, threads=1, extra_env={"PARLEY_LOG_LEVEL": "warning", "PARLEY_KNOWLEDGE_DIR": "off",
                                                                                 "PARLEY_WEBRTC_LOOPBACK_CANDIDATES": "1"})).start()
    yield f
    f.stop()


@pytest.fixture(scope="module")
def question_audio() -> np.ndarray:
    """The question spoken by Piper (the project's own TTS), at 24 kHz."""
    from media.pcm import pcm16_to_float, resample
    from models.tts import PiperTTS

    chunk = PiperTTS(threads=1).synthesize_all(QUESTION, variation=False)
    return np.concatenate([silence(0.3), resample(pcm16_to_float(chunk.pcm), chunk.sample_rate, 24000), silence(1.2)])


def node_of(headers: Any, fleet: Any) -> str:
    """Which node answered, from nginx's X-Upstream-Addr (the last address it tried)."""
    addr = headers.get("x-upstream-addr", "").split(",")[-1].strip()
    return next(n.node_id for n in fleet.nodes if addr == f"127.0.0.1:{n.port}")


async def open_session(fleet: Any) -> tuple[RawClient, str]:
    c = await RawClient.connect(fleet.url.replace("http://", "ws://") + "/v1/realtime")
    await c.configure()
    return c, node_of(c.ws.response.headers, fleet)


async def spoken_turn(c: RawClient, audio: np.ndarray) -> tuple[str, str]:
    await c.stream_audio(np.concatenate([silence(2.0), audio]))  # a pause first: a new turn, not more of the last one
    heard = (await c.wait_for("conversation.item.input_audio_transcription.completed"))["transcript"]
    done = await c.wait_for("response.done")
    assert done["response"]["status"] == "completed", done
    return heard, done["response"]["output"][0]["content"][0]["transcript"]


async def upload(http: httpx.AsyncClient, png: bytes) -> tuple[dict[str, Any], str]:
    resp = await http.post("/v1/screenshots", files={"file": ("shot.png", png, "image/png")})
    assert resp.status_code == 201, resp.text
    return resp.json(), resp.headers["x-upstream-addr"]


async def test_webrtc_hangups_reach_the_node_that_holds_the_call(fleet) -> None:
    from .rtc_caller import RtcCaller, why_no_webrtc_here

    if (why := why_no_webrtc_here()) is not None:
        pytest.skip(why)
    seen: set[str] = set()
    async with httpx.AsyncClient(base_url=fleet.url, timeout=30) as http:
        for _ in range(4):  # round robin puts new calls on both nodes
            caller = RtcCaller()
            try:
                resp = await caller.call(fleet.url)
                assert resp.status_code == 201, resp.text
                node = node_of(resp.headers, fleet)
                call_id = caller.location.rsplit("/", 1)[1]
                assert call_id.startswith(f"rtc_{node}_")  # the call id names the node that answered
                seen.add(node)
                hangup = await http.post(caller.location + "/hangup", headers={"Parley-Call-Secret": caller.secret})
                assert hangup.status_code == 200, hangup.text  # another node would say 404 call_not_found
                assert node_of(hangup.headers, fleet) == node
            finally:
                await caller.close()
            if seen == {"n1", "n2"}:
                break
    assert seen == {"n1", "n2"}


async def test_fleet_serves_and_survives_a_killed_node(fleet, question_audio) -> None:
    from tests import images

    png = images.error_dialog().png()
    async with httpx.AsyncClient(base_url=fleet.url, timeout=60) as http:
        # screenshots through nginx, until each node has written at least one ticket
        written: dict[str, list[str]] = {"n1": [], "n2": []}
        for _ in range(6):
            ticket, _addr = await upload(http, png)
            written[node_of({"x-upstream-addr": _addr}, fleet)].append(ticket["id"])
            if all(written.values()):
                break
        assert all(written.values()), written
        assert "Permission denied" in json.dumps(ticket)  # the real OCR read the dialog
        # each node reads the tickets the other one wrote (shared PostgreSQL)
        for node in fleet.nodes:
            other = "n2" if node.node_id == "n1" else "n1"
            async with httpx.AsyncClient(base_url=node.url, timeout=10) as direct:
                for tid in written[other]:
                    got = await direct.get(f"/v1/tickets/{tid}")
                    assert got.status_code == 200 and got.json()["id"] == tid

        # one voice session on each node, a spoken turn on each
        a, node_a = await open_session(fleet)
        b, node_b = await open_session(fleet)
        if node_a == node_b:  # round robin normally alternates; make sure of two nodes
            await b.close()
            for _ in range(3):
                b, node_b = await open_session(fleet)
                if node_b != node_a:
                    break
                await b.close()
        assert {node_a, node_b} == {"n1", "n2"}
        try:
            heard, reply = await spoken_turn(a, question_audio)
            assert "france" in heard.lower() and "paris" in reply.lower()

            # kill node A while it is speaking its reply to A's next question
            victim = next(n for n in fleet.nodes if n.node_id == node_a)
            survivor = next(n for n in fleet.nodes if n.node_id == node_b)
            await a.stream_audio(np.concatenate([silence(2.0), question_audio]))
            await a.wait_for("response.output_audio.delta")
            victim.kill()
            with pytest.raises(websockets.ConnectionClosed):
                while True:
                    await a.recv(timeout=30)
            assert a.ws.close_code == 1006 and a.ws.protocol.close_rcvd is None  # lost, not closed: the client can tell

            # the survivor's session carries on
            heard, reply = await spoken_turn(b, question_audio)
            assert "paris" in reply.lower()
        finally:
            await a.close()
            await b.close()

        # new sessions go to the survivor, and hold a turn
        for _ in range(2):
            c, node = await open_session(fleet)
            try:
                assert node == survivor.node_id
            finally:
                await c.close()
        c, _ = await open_session(fleet)
        try:
            heard, reply = await spoken_turn(c, question_audio)
            assert "france" in heard.lower()
        finally:
            await c.close()

        # no stored ticket is lost: all of them, including the dead node's, through nginx
        listing = (await http.get("/v1/tickets", params={"limit": 100})).json()
        listed = {t["id"] for t in listing["data"]}
        assert set(written["n1"] + written["n2"]) <= listed
        for tid in written[node_a]:
            got = await http.get(f"/v1/tickets/{tid}")
            assert got.status_code == 200 and node_of(got.headers, fleet) == survivor.node_id
        ticket, addr = await upload(http, png)  # and uploads go on
        assert node_of({"x-upstream-addr": addr}, fleet) == survivor.node_id
