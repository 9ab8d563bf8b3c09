"""WebRTC calls (`/v1/realtime/calls`): a real aiortc caller on loopback, Opus both ways,
Realtime events on the data channel, the real models behind the same voice session."""
from __future__ import annotations

import asyncio
import json

import httpx
import numpy as np
import pytest

from media.pcm import resample

from .conftest import assert_hops_in_order, silence, speech, start_server, stop_server
from .rtc_caller import RtcCaller, voiced_ms, why_no_webrtc_here

pytestmark = pytest.mark.skipif(why_no_webrtc_here() is not None, reason=str(why_no_webrtc_here()))

QUESTION = "What is the capital of France?"


def calls_of(server) -> dict:
    return server.server.config.app.state.webrtc_calls


async def webrtc_sessions(server) -> int:
    """Active WebRTC sessions, as /metrics reports them."""
    import re

    async with httpx.AsyncClient() as http:
        text = (await http.get(server.http + "/metrics")).text
    return int(re.search(r'^parley_sessions_by_transport\{transport="webrtc"\} (\d+)$', text, re.M)[1])


@pytest.mark.parametrize("codec", ["audio/opus", "audio/PCMU"])
async def test_a_spoken_turn_over_a_webrtc_call(server, codec):
    webrtc_before = await webrtc_sessions(server)
    caller = RtcCaller(codec=codec)
    try:
        resp = await caller.call(server.http, session={"parley": {"events": True}})  # per-hop metrics: Parley's extension
        assert resp.status_code == 201, resp.text
        assert resp.headers["content-type"].startswith("application/sdp")
        audio_line = next(line for line in resp.text.splitlines() if line.startswith("m=audio"))
        rtpmap = {line.split()[0].split(":")[1]: line.split()[1] for line in resp.text.splitlines() if line.startswith("a=rtpmap:")}
        assert rtpmap[audio_line.split()[3]].lower().startswith(codec.split("/")[1].lower())  # the codec the caller asked for
        assert caller.location.startswith("/v1/realtime/calls/rtc_")
        created = await caller.wait_for("session.created")
        assert created["session"]["audio"]["input"]["turn_detection"]["type"] == "server_vad"
        assert await webrtc_sessions(server) == webrtc_before + 1
        await caller.connected()
        # a malformed event on the data channel is answered there, and the call goes on
        caller.channel.send("{not json")
        assert (await caller.wait_for("error"))["error"]["code"] == "invalid_json"

        caller.say(np.concatenate([silence(0.3), speech(server.runtime, QUESTION), silence(1.5)]))
        done = await caller.wait_for("response.done")
        assert done["response"]["status"] == "completed"
        transcript = caller.of("conversation.item.input_audio_transcription.completed")[0]["transcript"]
        reply = caller.of("response.output_audio_transcript.done")[0]["transcript"]
        assert "capital of france" in transcript.lower()
        assert "paris" in reply.lower()
        metrics = caller.of("parley.turn.metrics")[0]["metrics"]
        assert metrics["first_audio_sent_ms"] >= metrics["llm_first_token_ms"] >= 0
        assert_hops_in_order(metrics)  # from the RTP packet's arrival to the first voiced RTP frame
        assert metrics["audio_received_ms"] < 0  # the jitter buffer held the packet until the next one arrived
        # the reply came as audio on the RTP track, not as events on the channel
        assert not caller.of("response.output_audio.delta")
        # the reply's speech reached the caller: most of the speech in the same words made here and
        # narrowed to G.711's band (a share of all that was sent says little: a one-word reply is
        # half Piper's padding, and 8 kHz loses a third of the frames that count as voiced)
        call = calls_of(server)[caller.location.rsplit("/", 1)[1]]
        item = call.session.conversation.get(done["response"]["output"][0]["id"])
        expected = voiced_ms(resample(resample(speech(server.runtime, reply), 24000, 8000), 8000, 24000))
        await caller.heard(lambda c: c.voiced_ms >= 0.6 * expected)
        assert item.sent_ms >= 300, (reply, item.sent_ms)

        call_id = caller.location.rsplit("/", 1)[1]
        call = calls_of(server)[call_id]
        async with httpx.AsyncClient() as http:
            for wrong in ({}, {"Parley-Call-Secret": "guessed"}):  # knowing the call's id is not enough to end it
                refused = await http.post(server.http + caller.location + "/hangup", headers=wrong)
                assert refused.status_code == 404 and refused.json()["code"] == "call_not_found"
            assert not call.closed.is_set()
            assert (await http.post(server.http + caller.location + "/hangup", headers={"Parley-Call-Secret": caller.secret})).status_code == 200
            assert (await http.post(server.http + caller.location + "/hangup", headers={"Parley-Call-Secret": caller.secret})).json()["code"] == "call_not_found"
        assert call.closed.is_set() and call_id not in calls_of(server)
        # the call's own session is gone (other tests' sessions on the shared server may still be closing)
        assert call.session.id not in server.runtime.sessions and await webrtc_sessions(server) == webrtc_before
    finally:
        await caller.close()


@pytest.fixture
async def storyteller_server(runtime):
    """A server whose reply is a long, fixed story: this test is about the call's barge-in
    mechanics (track flushed, history cut to what the track played), and the bundled model
    sometimes tells a one-sentence story that ends before the interruption is confirmed.
    The real model's barge-ins are tested over the WebSocket and in the browser."""
    from tests.session_probe import ScriptedLLM

    story = " ".join(f"In year {n} of the story, the network grew again and reached {n + 3} more towns along the coast." for n in range(1, 13))
    live = await start_server(runtime, reply_max_words=400, runtime_fields={"llm": ScriptedLLM(story)})
    yield live
    await stop_server(live)


async def test_barge_in_on_a_call_flushes_the_reply_track(storyteller_server):
    server = storyteller_server
    caller = RtcCaller()
    try:
        assert (await caller.call(server.http, session={"instructions": "You are a storyteller. Always answer with at least five long sentences."})).status_code == 201
        await caller.connected()
        call = calls_of(server)[caller.location.rsplit("/", 1)[1]]
        caller.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                     "content": [{"type": "input_text", "text": "Tell me the history of the internet in detail."}]}})
        caller.send({"type": "response.create"})
        created = await caller.wait_for("response.created")
        await caller.heard(lambda c: c.voiced_ms >= 300)  # the story is playing
        caller.say(np.concatenate([speech(server.runtime, "Stop, I have a different question about my printer."), silence(0.3)]))
        done = await caller.wait_for("response.done", lambda e: e["response"]["id"] == created["response"]["id"])
        assert done["response"]["status"] == "cancelled"
        cleared = await caller.seen("output_audio_buffer.cleared")  # sent when the track was flushed, before response.done
        assert cleared["response_id"] == created["response"]["id"]
        # nothing of the cancelled reply plays after the flush: the next 10 frames (200 ms of
        # the call's clock, still inside the user's interruption) carry no reply audio
        played = call.playback.played_ms
        assert call.playback.queued_ms == 0
        frames = caller.frames_heard
        await caller.heard(lambda c: c.frames_heard >= frames + 10)
        assert call.playback.played_ms == played
        # the history keeps only what was heard: exactly the audio the reply track played
        item_id = done["response"]["output"][0]["id"]
        truncated = await caller.seen("conversation.item.truncated", lambda e: e["item_id"] == item_id)
        assert truncated["audio_end_ms"] == round(call.playback.played_by_tag[item_id]) > 0
        caller.send({"type": "conversation.item.retrieve", "item_id": item_id})
        item = (await caller.wait_for("conversation.item.retrieved"))["item"]
        streamed = "".join(e["delta"] for e in caller.of("response.output_audio_transcript.delta") if e["response_id"] == created["response"]["id"])
        heard = item["content"][0]["transcript"]
        assert item["status"] == "incomplete" and len(heard) < len(streamed) and streamed.startswith(heard)
        async with httpx.AsyncClient() as http:
            assert (await http.post(server.http + caller.location + "/hangup", headers={"Parley-Call-Secret": caller.secret})).status_code == 200
    finally:
        await caller.close()


async def test_a_caller_that_vanishes_frees_its_call(server):
    sessions_before = len(server.runtime.sessions)
    caller = RtcCaller()
    assert (await caller.call(server.http)).status_code == 201
    await caller.connected()
    call = calls_of(server)[caller.location.rsplit("/", 1)[1]]
    await caller.close()  # no hangup: the peer connection just goes away
    await asyncio.wait_for(call.closed.wait(), 60)
    assert call.id not in calls_of(server)
    assert len(server.runtime.sessions) == sessions_before


async def test_a_hangup_is_answered_even_if_the_peer_connection_never_finishes_closing(runtime, caplog):
    """Fault injection: aiortc's close() never returns. The hang-up still answers within
    `teardown_timeout_s`, the slot is free for the next caller, and the log says where the
    close waits (CI once saw a hang-up wait more than 30 s)."""
    live = await start_server(runtime, max_sessions=1, teardown_timeout_s=0.3)
    first, second = RtcCaller(), RtcCaller()
    let_go = asyncio.Event()
    real_close = None
    try:
        assert (await first.call(live.http)).status_code == 201
        call = calls_of(live)[first.location.rsplit("/", 1)[1]]
        real_close = call.pc.close

        async def close_that_sticks() -> None:
            await let_go.wait()
            await real_close()

        call.pc.close = close_that_sticks
        async with httpx.AsyncClient(base_url=live.http, timeout=30) as http:
            ended = await http.post(first.location + "/hangup", headers={"Parley-Call-Secret": first.secret})
        assert ended.status_code == 200
        assert call.closed.is_set() and not calls_of(live)
        assert (await second.call(live.http)).status_code == 201  # the one slot was given back
        stuck = [r.getMessage() for r in caplog.records if "did not finish within" in r.getMessage()]
        assert len(stuck) == 1 and "closing the peer connection" in stuck[0] and "close_that_sticks" in stuck[0], stuck
    finally:
        let_go.set()
        for caller in (first, second):
            await caller.close()
        await stop_server(live)


async def test_a_hangup_is_answered_even_if_closing_the_peer_connection_fails(runtime, caplog):
    """Fault injection: aiortc's close() raises half-way (CI once answered a hang-up with a
    bare 500). The call is ended all the same: 200, the slot is free, the log names the step."""
    live = await start_server(runtime, max_sessions=1)
    first, second = RtcCaller(), RtcCaller()
    try:
        assert (await first.call(live.http)).status_code == 201
        call = calls_of(live)[first.location.rsplit("/", 1)[1]]
        real_close = call.pc.close

        async def close_that_fails() -> None:
            await real_close()
            raise ConnectionError("transport vanished while closing")

        call.pc.close = close_that_fails
        async with httpx.AsyncClient(base_url=live.http, timeout=30) as http:
            ended = await http.post(first.location + "/hangup", headers={"Parley-Call-Secret": first.secret})
        assert ended.status_code == 200, ended.text
        assert call.closed.is_set() and not calls_of(live)
        assert (await second.call(live.http)).status_code == 201  # the one slot was given back
        failed = [r.getMessage() for r in caplog.records if " failed (" in r.getMessage()]
        assert len(failed) == 1 and "closing the peer connection" in failed[0] and "transport vanished" in failed[0], failed
    finally:
        for caller in (first, second):
            await caller.close()
        await stop_server(live)


@pytest.mark.parametrize("body, ctype, status, code", [
    (b"v=0\r\n", "text/plain", 415, "unsupported_media_type"),
    (b"hello", "application/sdp", 400, "invalid_sdp"),
    (b"v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n", "application/sdp", 400, "invalid_sdp"),
    (b"v=0\r\n" + b"a=x\r\n" * 20000, "application/sdp", 413, "sdp_too_large"),
])
async def test_bad_offers_get_coded_errors(server, body, ctype, status, code):
    sessions_before = len(server.runtime.sessions)
    async with httpx.AsyncClient() as http:
        resp = await http.post(server.http + "/v1/realtime/calls", content=body, headers={"Content-Type": ctype})
    assert resp.status_code == status
    assert resp.json()["type"] == "error" and resp.json()["code"] == code
    assert len(server.runtime.sessions) == sessions_before


async def test_a_bad_session_in_the_offer_is_refused_and_leaves_nothing(server):
    sessions_before, calls_before = len(server.runtime.sessions), set(calls_of(server))
    for session, code in [({"audio": {"input": {"format": {"type": "audio/flac"}}}}, "unsupported_audio_format"),
                          ({"instructions": 42}, "invalid_type")]:
        caller = RtcCaller()
        try:
            resp = await caller.call(server.http, session=session)
            assert resp.status_code == 400 and resp.json()["code"] == code, resp.text
        finally:
            await caller.close()
    async with httpx.AsyncClient() as http:
        resp = await http.post(server.http + "/v1/realtime/calls", files={"sdp": (None, "v=0\r\n"), "session": (None, "{nope")})
    assert resp.status_code == 400 and resp.json()["code"] == "invalid_session"
    assert len(server.runtime.sessions) == sessions_before and set(calls_of(server)) <= calls_before


async def test_calls_need_the_api_key_and_count_against_the_session_limit(runtime):
    live = await start_server(runtime, api_keys=("k1",), max_sessions=1)
    callers = [RtcCaller() for _ in range(3)]
    try:
        assert (await callers[0].call(live.http)).json()["code"] == "unauthorized"
        assert (await callers[1].call(live.http, headers={"Authorization": "Bearer k1"})).status_code == 201
        full = await callers[2].call(live.http, headers={"Authorization": "Bearer k1"})
        assert full.status_code == 429 and full.json()["code"] == "too_many_sessions"
    finally:
        for caller in callers:
            await caller.close()
        await stop_server(live)
    assert not live.server.config.app.state.webrtc_calls  # shutting down ended the call


async def test_a_page_on_an_allowed_origin_may_place_a_call(runtime):
    live = await start_server(runtime, allowed_origins=("https://app.example",))
    caller = RtcCaller()
    try:
        async with httpx.AsyncClient() as http:
            url = live.http + "/v1/realtime/calls"
            preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization, content-type"}
            ok = await http.options(url, headers={"Origin": "https://app.example", **preflight})
            assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == "https://app.example"
            assert "content-type" in ok.headers["access-control-allow-headers"].lower()
            foreign = await http.options(url, headers={"Origin": "https://evil.example", **preflight})
            assert "access-control-allow-origin" not in foreign.headers
            refused = await http.post(url, content=b"v=0\r\n", headers={"Origin": "https://evil.example", "Content-Type": "application/sdp"})
            assert refused.status_code == 403 and refused.json()["code"] == "origin_not_allowed"
        resp = await caller.call(live.http, headers={"Origin": "https://app.example"})
        assert resp.status_code == 201 and resp.headers["access-control-allow-origin"] == "https://app.example"
        assert "location" in resp.headers["access-control-expose-headers"].lower()
    finally:
        await caller.close()
        await stop_server(live)


async def test_the_playback_track_counts_what_it_played_per_item():
    import numpy as np

    from media.rtc_audio import PlaybackTrack

    track = PlaybackTrack(rate=8000)  # one 20 ms frame = 160 samples
    track.push(np.full(240, 1000, np.int16).tobytes(), tag="item_a")  # 30 ms
    track.push(np.full(240, 2000, np.int16).tobytes(), tag="item_b")  # 30 ms
    first, second = [np.frombuffer(bytes((await track.recv()).planes[0])[:320], np.int16) for _ in range(2)]
    assert (first == 1000).all() and list(second[:80]) == [1000] * 80 and (second[80:] == 2000).all()
    assert track.played_by_tag == {"item_a": 30.0, "item_b": 10.0} and track.queued_ms == 20.0
    assert track.flush() == 20.0 and track.queued_ms == 0
    silence = np.frombuffer(bytes((await track.recv()).planes[0])[:320], np.int16)
    assert not silence.any() and track.played_ms == 40.0 and track.dropped_ms == 20.0
    track.stop()
