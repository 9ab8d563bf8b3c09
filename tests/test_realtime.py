"""Duplex voice sessions over /v1/realtime with the real models and a real server."""
from __future__ import annotations

import asyncio
import base64
import json

import numpy as np
import pytest

from .conftest import assert_hops_in_order, b64_pcm16, silence, speech, start_server, stop_server
from .realtime_client import RawClient
from .strict_events import check_server_event

QUESTION = "What is the capital of France?"


async def test_stock_openai_sdk_holds_a_spoken_turn(server):
    """The acceptance test: the official `openai` SDK, pointed at Parley, unchanged."""
    from openai import AsyncOpenAI

    audio = np.concatenate([silence(0.5), speech(server.runtime, QUESTION), silence(1.5)])
    before = await stage_counts(server)
    client = AsyncOpenAI(api_key="unused", websocket_base_url=server.ws)
    seen: list[str] = []
    transcript, reply, audio_bytes, metrics = "", "", 0, None
    async with client.realtime.connect(model="parley", extra_query={"parley": "1"}) as conn:
        await conn.session.update(session={"type": "realtime", "audio": {"input": {
            "format": {"type": "audio/pcm", "rate": 24000}, "turn_detection": {"type": "server_vad", "silence_duration_ms": 500}}}})
        for i in range(0, len(audio), 2400):
            await conn.input_audio_buffer.append(audio=b64_pcm16(audio[i:i + 2400]))
        async with asyncio.timeout(120):
            while True:
                data = await conn.recv_bytes()
                raw = json.loads(data)
                check_server_event(raw, extensions=True)  # the SDK does not validate; a strict client would
                kind = raw["type"]
                seen.append(kind)
                if kind == "parley.turn.metrics":
                    metrics = raw
                    continue
                event = conn.parse_event(data)  # the SDK's own model of the event
                if kind == "conversation.item.input_audio_transcription.completed":
                    transcript = event.transcript
                elif kind == "response.output_audio.delta":
                    audio_bytes += len(base64.b64decode(event.delta))
                elif kind == "response.output_audio_transcript.done":
                    reply = event.transcript
                elif kind == "response.done":
                    assert event.response.status == "completed"
                    break
    assert transcript.lower().rstrip("?.") == "what is the capital of france"
    assert "paris" in reply.lower()
    assert audio_bytes / 2 / 24000 > 0.5  # at least half a second of reply audio
    order = ["input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed",
             "conversation.item.input_audio_transcription.completed", "response.created", "response.output_audio.delta",
             "response.output_audio.done", "response.done"]
    assert [s for s in seen if s in order and s != "response.output_audio.delta"] == [o for o in order if o != "response.output_audio.delta"]
    assert seen.index("response.output_audio.delta") > seen.index("response.created")
    # every stage was measured, in causal order, relative to the end of speech
    m = metrics.model_dump()["metrics"] if hasattr(metrics, "model_dump") else metrics["metrics"]
    stages = ["speech_end_ms", "llm_first_token_ms", "first_chunk_ms", "tts_first_audio_ms", "first_audio_sent_ms"]
    assert all(s in m for s in stages + ["end_of_turn_ms", "asr_final_ms"])
    assert [m[s] for s in stages] == sorted(m[s] for s in stages)
    assert_hops_in_order(m)
    # ... and /metrics counts the turn in the voice-to-voice and every per-stage histogram
    after = await stage_counts(server)
    assert after.keys() >= {"voice_to_voice", "end_of_turn", "asr_final", "llm_first_token", "first_chunk", "tts_first_audio", "first_audio_sent"}
    assert all(after[k] == before.get(k, 0) + 1 for k in after), (before, after)


async def stage_counts(server) -> dict[str, int]:
    """Observation counts per histogram on /metrics (voice to voice, and each stage)."""
    import re

    import httpx

    async with httpx.AsyncClient() as http:
        text = (await http.get(server.http + "/metrics")).text
    counts = {m[1]: int(m[2]) for m in re.finditer(r'^parley_turn_stage_seconds_count\{stage="(\w+)"\} (\d+)$', text, re.M)}
    total = re.search(r"^parley_voice_to_voice_seconds_count (\d+)$", text, re.M)
    return {**counts, "voice_to_voice": int(total[1])}


async def test_barge_in_cancels_and_history_keeps_only_what_was_heard(server):
    c = await RawClient.connect(server.ws + "/realtime")
    try:
        await c.configure(instructions="You are a storyteller. Always answer with at least five long sentences.")
        await c.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                      "content": [{"type": "input_text", "text": "Tell me the history of the internet in detail."}]}})
        await c.send({"type": "response.create"})
        first = await c.wait_for("response.output_audio.delta")
        rid, item_id = first["response_id"], first["item_id"]
        # the user cuts in (clearly not an echo of the story, not a backchannel)
        await c.stream_audio(np.concatenate([speech(server.runtime, "Stop, I have a different question about my printer."), silence(0.2)]))
        done = await c.wait_for("response.done", lambda e: e["response"]["id"] == rid)
        assert done["response"]["status"] == "cancelled"
        streamed = "".join(e["delta"] for e in c.of("response.output_audio_transcript.delta") if e["response_id"] == rid)
        # nothing of the cancelled response follows its response.done
        await c.send({"type": "conversation.item.retrieve", "item_id": item_id})
        item = (await c.wait_for("conversation.item.retrieved"))["item"]
        after = c.events[c.events.index(done) + 1:]
        assert not [e for e in after if e["type"] == "response.output_audio.delta" and e["response_id"] == rid]
        heard = item["content"][0]["transcript"]
        assert item["status"] == "incomplete"
        assert len(heard) < len(streamed) and streamed.startswith(heard)
        sent_ms = sum(len(base64.b64decode(e["delta"])) / 48 for e in c.of("response.output_audio.delta") if e["response_id"] == rid)
        assert sent_ms > 0
        session = next(iter(server.runtime.sessions.values()))
        assert session.barge_ins and session.barge_ins[-1]["confirm_to_stop_ms"] >= 0
    finally:
        await c.close()


async def test_client_truncate_sets_history_to_played_audio(server):
    c = await RawClient.connect(server.ws + "/realtime")
    try:
        await c.configure()
        await c.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                      "content": [{"type": "input_text", "text": "Explain in three sentences why the sky is blue."}]}})
        await c.send({"type": "response.create"})
        done = await c.wait_for("response.done")
        item = done["response"]["output"][0]
        full = item["content"][0]["transcript"]
        await c.send({"type": "conversation.item.truncate", "item_id": item["id"], "content_index": 0, "audio_end_ms": 600})
        ev = await c.wait_for("conversation.item.truncated")
        assert ev["audio_end_ms"] == 600
        await c.send({"type": "conversation.item.retrieve", "item_id": item["id"]})
        kept = (await c.wait_for("conversation.item.retrieved"))["item"]["content"][0]["transcript"]
        assert 0 < len(kept) < len(full) and full.startswith(kept)
        await c.send({"type": "conversation.item.truncate", "item_id": item["id"], "content_index": 0, "audio_end_ms": 10_000_000})
        err = await c.wait_for("error")
        assert err["error"]["code"] == "invalid_value"
    finally:
        await c.close()


async def test_two_sessions_at_once_do_not_interfere(server):
    async def ask(question: str) -> tuple[str, str]:
        c = await RawClient.connect(server.ws + "/realtime")
        try:
            await c.configure()
            await c.stream_audio(np.concatenate([silence(0.3), speech(server.runtime, question), silence(1.2)]))
            heard = (await c.wait_for("conversation.item.input_audio_transcription.completed"))["transcript"]
            done = await c.wait_for("response.done")
            assert done["response"]["status"] == "completed"
            return heard, done["response"]["output"][0]["content"][0]["transcript"]
        finally:
            await c.close()

    (h1, r1), (h2, r2) = await asyncio.gather(ask(QUESTION), ask("How many days are in a week?"))
    assert "france" in h1.lower() and "week" in h2.lower()
    assert "paris" in r1.lower()
    assert "7" in r2 or "seven" in r2.lower()


async def test_silence_and_noise_start_no_turn(server):
    c = await RawClient.connect(server.ws + "/realtime")
    try:
        await c.configure()
        rng = np.random.default_rng(3)
        await c.stream_audio(silence(2.0))
        await c.stream_audio((rng.standard_normal(24000 * 2) * 0.03).astype(np.float32))
        click = np.zeros(24000, np.float32)
        click[1000:1300] = 0.8  # a 12 ms click
        await c.stream_audio(click)
        await c.send({"type": "input_audio_buffer.clear"})
        await c.wait_for("input_audio_buffer.cleared")
        assert not c.of("input_audio_buffer.speech_started")
        assert not c.of("response.created")
    finally:
        await c.close()


async def test_speech_that_is_no_turn_is_announced_after_speech_stopped(server):
    """Whisper's stock words on noise ("Thank you.") are dropped as noise. A client that saw
    speech_started and speech_stopped would otherwise wait for a commit that never comes; with
    Parley's events it is told. Nothing enters the history, nothing is answered."""
    c = await RawClient.connect(server.ws + "/realtime?parley=1")
    try:
        await c.configure()
        await c.stream_audio(np.concatenate([silence(0.3), speech(server.runtime, "Thank you."), silence(1.5)]))
        stopped = await c.wait_for("input_audio_buffer.speech_stopped")
        ignored = await c.wait_for("parley.speech.ignored")
        assert ignored["item_id"] == stopped["item_id"] and ignored["reason"] == "noise" and ignored["response_id"] is None
        # the session goes on: a question after it is a turn and is answered
        await c.stream_audio(np.concatenate([speech(server.runtime, "What is the capital of France?"), silence(1.5)]))
        done = await c.wait_for("response.done")
        assert "paris" in done["response"]["output"][0]["content"][0]["transcript"].lower()
        assert len(c.of("input_audio_buffer.committed")) == 1 and len(c.of("parley.speech.ignored")) == 1
    finally:
        await c.close()


BAD_INPUTS = [
    ("{not json", "invalid_json"),
    (json.dumps({"type": "input_audio_buffer.explode"}), "unknown_event_type"),
    (json.dumps({"no_type": 1}), "missing_type"),
    (json.dumps(["a", "list"]), "invalid_event"),
    (json.dumps({"type": "input_audio_buffer.append", "audio": "%%%not-base64%%%"}), "invalid_base64"),
    (json.dumps({"type": "input_audio_buffer.append", "audio": base64.b64encode(b"\x01\x02\x03").decode()}), "invalid_audio_length"),
    (json.dumps({"type": "session.update", "session": {"audio": {"input": {"format": {"type": "audio/flac"}}}}}), "unsupported_audio_format"),
    (json.dumps({"type": "session.update", "session": {"audio": {"input": {"format": {"type": "audio/pcm", "rate": 44100}}}}}), "unsupported_sample_rate"),
    (json.dumps({"type": "response.cancel"}), "response_cancel_not_active"),
    (json.dumps({"type": "conversation.item.create", "item": {"type": "message", "content": "oops"}}), "invalid_item"),
]


@pytest.mark.parametrize("frame, code", BAD_INPUTS, ids=[c for _, c in BAD_INPUTS])
async def test_bad_input_gets_a_coded_error_and_the_session_goes_on(server, frame, code):
    c = await RawClient.connect(server.ws + "/realtime")
    try:
        await c.configure()
        await c.send_raw(frame.replace('"type": "session.update"', '"type": "session.update", "event_id": "evt_bad"') if "session.update" in frame else frame)
        err = await c.wait_for("error")
        assert err["error"]["code"] == code
        assert err["error"]["message"]
        if "session.update" in frame:
            assert err["error"]["event_id"] == "evt_bad"
        # still alive and well
        await c.configure()
    finally:
        await c.close()


async def test_audio_before_session_update_and_oversize_messages(server):
    c = await RawClient.connect(server.ws + "/realtime")
    try:
        await c.wait_for("session.created")
        # audio before any session.update is taken in the advertised default (PCM16, 24 kHz)
        # and heard with server VAD, as OpenAI's server does (Pipecat's first append may arrive
        # before its session.update)
        await c.stream_audio(np.concatenate([silence(0.2), speech(server.runtime, QUESTION), silence(1.0)]))
        done = await c.wait_for("conversation.item.input_audio_transcription.completed")
        assert "capital of france" in done["transcript"].lower()
        assert not c.of("error"), c.of("error")
        await c.wait_for("response.done")
        await c.configure()
        limit = server.runtime.config.max_ws_message_bytes
        await c.send_raw(json.dumps({"type": "input_audio_buffer.append", "audio": "A" * (limit + 10)}))
        assert (await c.wait_for("error"))["error"]["code"] == "message_too_large"
        await c.send_raw(b"\x00\x01binary")
        assert (await c.wait_for("error"))["error"]["code"] == "binary_not_supported"
        await c.configure()
    finally:
        await c.close()


async def test_a_commit_of_silence_is_answered_as_openai_does(server):
    """A client with its own VAD commits what it heard; a commit of silence (a cough, a door)
    still gets input_audio_buffer.committed and an empty transcript, and nothing is said."""
    c = await RawClient.connect(server.ws + "/realtime")
    try:
        await c.wait_for("session.created")
        await c.send({"type": "session.update", "session": {"type": "realtime", "audio": {"input": {"turn_detection": None}}}})
        await c.wait_for("session.updated")
        await c.stream_audio(silence(0.5))
        await c.send({"type": "input_audio_buffer.commit"})
        committed = await c.wait_for("input_audio_buffer.committed")
        done = await c.wait_for("conversation.item.input_audio_transcription.completed")
        assert done["item_id"] == committed["item_id"] and done["transcript"] == ""
        # the session goes on: a question after it is heard and answered
        await c.stream_audio(np.concatenate([silence(0.2), speech(server.runtime, QUESTION), silence(0.3)]))
        await c.send({"type": "input_audio_buffer.commit"})
        done = await c.wait_for("conversation.item.input_audio_transcription.completed", lambda e: e["transcript"] != "")
        assert "capital of france" in done["transcript"].lower()
        assert not c.of("response.created") and not c.of("error"), c.of("error")
    finally:
        await c.close()


async def test_too_many_sessions_is_a_clear_refusal(runtime):
    live = await start_server(runtime, max_sessions=1)
    try:
        first = await RawClient.connect(live.ws + "/realtime")
        await first.wait_for("session.created")
        second = await RawClient.connect(live.ws + "/realtime")
        err = await second.wait_for("error")
        assert err["error"]["code"] == "too_many_sessions"
        await second.ws.wait_closed()
        assert second.ws.close_code == 1013
        await first.configure()  # the first session is unaffected
        await first.close()
    finally:
        await stop_server(live)


async def test_api_key_and_origin_checks(runtime):
    import websockets

    live = await start_server(runtime, api_keys=("s3cret",))
    try:
        with pytest.raises(websockets.exceptions.InvalidStatus) as e:
            await RawClient.connect(live.ws + "/realtime")
        assert e.value.response.status_code == 401
        ok = await RawClient.connect(live.ws + "/realtime", additional_headers={"Authorization": "Bearer s3cret"})
        await ok.wait_for("session.created")
        await ok.close()
        browser = await RawClient.connect(live.ws + "/realtime", subprotocols=["realtime", "openai-insecure-api-key.s3cret"])
        await browser.wait_for("session.created")
        await browser.close()
        with pytest.raises(websockets.exceptions.InvalidStatus) as e:
            await RawClient.connect(live.ws + "/realtime", additional_headers={"Authorization": "Bearer s3cret", "Origin": "https://evil.example"})
        assert e.value.response.status_code == 403
    finally:
        await stop_server(live)


async def test_vanished_client_frees_its_session(server):
    c = await RawClient.connect(server.ws + "/realtime")
    await c.configure()
    await c.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                  "content": [{"type": "input_text", "text": "Tell me a long story about a lighthouse keeper."}]}})
    await c.send({"type": "response.create"})
    await c.wait_for("response.output_audio.delta")
    session = next(iter(server.runtime.sessions.values()))
    tasks = session.running_tasks
    assert session.reply.task in tasks  # every task the session started is in its group
    c.ws.transport.abort()  # vanish: no close handshake
    async with asyncio.timeout(30):
        await asyncio.gather(*[t for t in tasks if t], return_exceptions=True)
        while server.runtime.sessions:
            await asyncio.sleep(0.05)  # waiting for the server's own cleanup to finish
    assert all(t.done() for t in tasks if t)
    assert not server.runtime.llm.busy
    assert not server.runtime.asr_limit.locked() and not server.runtime.tts_limit.locked()


async def test_push_to_talk_with_manual_commit(server):
    c = await RawClient.connect(server.ws + "/realtime")
    try:
        await c.send({"type": "session.update", "session": {"type": "realtime", "audio": {"input": {"turn_detection": None}}}})
        assert (await c.wait_for("session.updated"))["session"]["audio"]["input"]["turn_detection"] is None
        await c.send({"type": "input_audio_buffer.commit"})
        assert (await c.wait_for("error"))["error"]["code"] == "input_audio_buffer_commit_empty"
        await c.stream_audio(np.concatenate([silence(0.2), speech(server.runtime, QUESTION), silence(0.3)]))
        await c.send({"type": "input_audio_buffer.commit"})
        done = await c.wait_for("conversation.item.input_audio_transcription.completed")
        assert "capital of france" in done["transcript"].lower()
        assert not c.of("input_audio_buffer.speech_started")  # no VAD in this mode
        assert not c.of("response.created")  # and no automatic reply
        await c.send({"type": "response.create"})
        reply = await c.wait_for("response.done")
        assert "paris" in reply["response"]["output"][0]["content"][0]["transcript"].lower()
        await c.send({"type": "input_audio_buffer.commit"})  # the committed audio is gone
        assert (await c.wait_for("error"))["error"]["code"] == "input_audio_buffer_commit_empty"
    finally:
        await c.close()


async def _reply_with_overlap(server, overlap, extensions: bool = True) -> tuple[dict, RawClient]:
    """Start a long reply, call `overlap(client, first_delta_pcm)` to send audio over it, and
    return the reply's response.done."""
    c = await RawClient.connect(server.ws + "/realtime" + ("?parley=1" if extensions else ""))
    await c.configure(instructions="You are a storyteller. Always answer with at least four long sentences.")
    await c.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                  "content": [{"type": "input_text", "text": "Tell me about the history of bicycles."}]}})
    await c.send({"type": "response.create"})
    first = await c.wait_for("response.output_audio.delta")
    await overlap(c, first)
    done = await c.wait_for("response.done", lambda e: e["response"]["id"] == first["response_id"], timeout=120)
    return done, c


async def test_the_agents_own_echo_does_not_interrupt_it(server, caplog):
    caplog.set_level("INFO", logger="parley.session")
    async def echo(c: RawClient, first: dict) -> None:
        pcm = b""
        while len(pcm) < 24000 * 2 * 2.5:  # 2.5 s of the agent's own voice, played back into the mic
            ev = await c.wait_for("response.output_audio.delta")
            pcm += base64.b64decode(ev["delta"])
        from media.pcm import pcm16_to_float

        await c.stream_audio(np.concatenate([pcm16_to_float(pcm) * 0.5, silence(0.2)]))

    done, c = await _reply_with_overlap(server, echo)
    try:
        assert done["response"]["status"] == "completed"
        ignored = c.of("parley.speech.ignored")  # heard, recognised, ignored, and the client is told
        assert ignored and ignored[-1]["reason"] == "echo" and ignored[-1]["response_id"] == done["response"]["id"]
    finally:
        await c.close()


async def test_a_backchannel_does_not_interrupt(server, caplog):
    caplog.set_level("INFO", logger="parley.session")
    async def mm_hm(c: RawClient, first: dict) -> None:
        await c.stream_audio(np.concatenate([speech(server.runtime, "Okay."), silence(0.3)]))

    done, c = await _reply_with_overlap(server, mm_hm)
    try:
        assert done["response"]["status"] == "completed"
        ignored = c.of("parley.speech.ignored")  # heard, judged a backchannel, and the client is told
        assert [e["reason"] for e in ignored] == ["backchannel"], ignored
        assert not c.of("input_audio_buffer.committed")  # "okay" never became a user turn
    finally:
        await c.close()


async def test_a_standard_client_never_hears_of_a_backchannel(server):
    """A client without Parley's extensions stops its playback at speech_started (as OpenAI's
    own clients do), so a backchannel must not reach it as speech at all."""
    async def mm_hm(c: RawClient, first: dict) -> None:
        await c.stream_audio(np.concatenate([speech(server.runtime, "Okay."), silence(0.3)]))

    done, c = await _reply_with_overlap(server, mm_hm, extensions=False)
    try:
        assert done["response"]["status"] == "completed"
        assert not c.of("input_audio_buffer.speech_started") and not c.of("input_audio_buffer.speech_stopped"), c.events
        assert not c.of("conversation.item.input_audio_transcription.delta")
        assert not [e for e in c.events if e["type"].startswith("parley.")]
    finally:
        await c.close()
