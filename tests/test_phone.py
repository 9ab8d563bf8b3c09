"""Phone calls over Twilio Media Streams (`/v1/phone/twilio`), real models behind them.

Twilio itself cannot be reached from here, so `Carrier` plays its part on loopback: it
speaks the Media Streams protocol (connected, start, 20 ms μ-law media, marks, stop) and
echoes each mark when the audio before it "has played", which the test decides."""
from __future__ import annotations

import asyncio
import base64
import json
import xml.etree.ElementTree as ET
from typing import Any

import httpx
import numpy as np
import pytest
import websockets

from media import g711
from media.pcm import float_to_pcm16

from .conftest import assert_hops_in_order, silence, speech, start_server, stop_server

QUESTION = "What is the capital of France?"


class Carrier:
    """Twilio's side of a bidirectional media stream."""

    def __init__(self, ws: Any, *, echo_marks: bool = True) -> None:
        self.ws = ws
        self.echo_marks = echo_marks
        self.sid = "MZ0123456789abcdef0123456789abcdef"
        self.reply = bytearray()  # μ-law audio received
        self.marks: list[str] = []
        self.held_marks: list[str] = []
        self.cleared = asyncio.Event()
        self.first_media = asyncio.Event()
        self.got_mark = asyncio.Event()
        self.closed = asyncio.Event()
        self._reader = asyncio.ensure_future(self._read())

    @classmethod
    async def dial(cls, url: str, *, params: dict[str, str] | None = None, encoding: str = "audio/x-mulaw",
                   additional_headers: dict[str, str] | None = None, **kw: Any) -> "Carrier":
        carrier = cls(await websockets.connect(url, additional_headers=additional_headers), **kw)
        await carrier.send({"event": "connected", "protocol": "Call", "version": "1.0.0"})
        await carrier.send({"event": "start", "sequenceNumber": "1", "streamSid": carrier.sid, "start": {
            "streamSid": carrier.sid, "accountSid": "AC1", "callSid": "CA1", "tracks": ["inbound"],
            "mediaFormat": {"encoding": encoding, "sampleRate": 8000, "channels": 1}, "customParameters": params or {}}})
        return carrier

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(message))

    async def say(self, audio_8k: np.ndarray) -> None:
        ulaw = g711.ulaw_encode(float_to_pcm16(audio_8k))
        for i in range(0, len(ulaw), 160):  # 20 ms per media message, as Twilio sends
            await self.send({"event": "media", "streamSid": self.sid,
                             "media": {"track": "inbound", "payload": base64.b64encode(ulaw[i:i + 160]).decode()}})

    async def play_marks(self, names: list[str]) -> None:
        for name in names:
            await self.send({"event": "mark", "streamSid": self.sid, "mark": {"name": name}})

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                msg = json.loads(raw)
                assert msg["streamSid"] == self.sid
                if msg["event"] == "media":
                    self.reply += base64.b64decode(msg["media"]["payload"])
                    self.first_media.set()
                elif msg["event"] == "mark":
                    self.marks.append(msg["mark"]["name"])
                    self.got_mark.set()
                    if self.echo_marks:
                        await self.play_marks([msg["mark"]["name"]])
                    else:
                        self.held_marks.append(msg["mark"]["name"])
                elif msg["event"] == "clear":
                    self.cleared.set()
        except websockets.ConnectionClosed:
            pass
        finally:
            self.closed.set()

    async def mark_for(self, item_id: str, ms: float, timeout: float = 30) -> None:
        """Wait for the mark that ends `ms` of the item's audio."""
        async with asyncio.timeout(timeout):
            while f"{item_id}:{ms:.0f}" not in self.marks:
                self.got_mark.clear()
                await self.got_mark.wait()

    async def hang_up(self) -> None:
        try:
            await self.send({"event": "stop", "streamSid": self.sid, "stop": {"accountSid": "AC1", "callSid": "CA1"}})
        except websockets.ConnectionClosed:
            pass
        await asyncio.wait_for(self.closed.wait(), 30)
        self._reader.cancel()


def streams_of(server) -> dict:
    return server.server.config.app.state.phone_streams


async def newest_stream(server, carrier: Carrier) -> Any:
    """The server side of the call, once its start was handled (the first reply proves it)."""
    await asyncio.wait_for(carrier.first_media.wait(), 120)
    return list(streams_of(server).values())[-1]


async def test_a_phone_call_holds_a_spoken_turn_over_8khz_mulaw(server):
    carrier = await Carrier.dial(server.ws + "/phone/twilio")
    # junk a carrier might send is ignored, and the call goes on
    await carrier.ws.send("{not json")
    await carrier.send({"event": "media", "streamSid": carrier.sid, "media": {"payload": "***"}})
    await carrier.send({"event": "dtmf", "streamSid": carrier.sid, "dtmf": {"track": "inbound_track", "digit": "1"}})
    await carrier.send({"event": "media", "streamSid": carrier.sid, "media": "not an object"})
    await carrier.send({"event": "start", "streamSid": carrier.sid, "start": {"mediaFormat": {"sampleRate": "lots"}, "customParameters": []}})
    await carrier.say(np.concatenate([silence(0.3, 8000), speech(server.runtime, QUESTION, 8000), silence(1.5, 8000)]))
    stream = await newest_stream(server, carrier)
    session = stream.session
    assert session.transport == "phone" and server.runtime.sessions_by_transport()["phone"] >= 1
    await asyncio.wait_for(asyncio.shield(session.reply.task), 120)
    user, reply = [it for it in session.conversation.items if it.type == "message"][-2:]
    assert "capital of france" in user.text.lower()
    assert "paris" in reply.text.lower() and reply.status == "completed"
    assert_hops_in_order(session.last_metrics["metrics"])  # from the Twilio frame's arrival to the first voiced media
    # the reply came back as μ-law media with a mark after each piece, all echoed
    assert len(carrier.reply) / 8000 > 0.5
    pcm = np.frombuffer(g711.ulaw_decode(bytes(carrier.reply)), np.int16).astype(np.float32)
    assert np.sqrt(np.mean(pcm**2)) > 300  # speech, not silence
    await carrier.mark_for(reply.id, reply.sent_ms)  # the last mark ends all the audio sent
    assert abs(len(carrier.reply) / 8 - reply.sent_ms) < 1
    assert stream.bad_messages == 4  # bad JSON, bad base64, media without an object, a second start
    await carrier.hang_up()
    assert session.id not in server.runtime.sessions and session.closed  # (another test's session may still be closing)


async def test_barge_in_on_a_phone_call_keeps_what_the_caller_heard(server):
    storyteller = "You are a storyteller. Always answer with at least five long sentences."
    carrier = await Carrier.dial(server.ws + "/phone/twilio", echo_marks=False, params={"instructions": storyteller})
    try:
        await carrier.say(np.concatenate([silence(0.3, 8000), speech(server.runtime, "Tell me a long story about the history of the internet.", 8000),
                                          silence(1.5, 8000)]))
        stream = await newest_stream(server, carrier)
        session = stream.session
        assert session.instructions == storyteller
        # Twilio has played the first pieces of the reply: their marks come back
        while len(carrier.held_marks) < 5:
            await asyncio.wait_for(carrier.first_media.wait(), 60)
            carrier.first_media.clear()
        played = carrier.held_marks[:5]
        await carrier.play_marks(played)
        # the caller cuts in
        await carrier.say(np.concatenate([speech(server.runtime, "Stop, I have a different question about my printer.", 8000), silence(0.3, 8000)]))
        await asyncio.wait_for(carrier.cleared.wait(), 60)
        # Twilio answers a clear by returning the marks of the audio it dropped
        await carrier.play_marks([m for m in carrier.held_marks if m not in played])
        await asyncio.wait_for(stream.truncated.wait(), 30)
        item_id, heard_ms = played[-1].rsplit(":", 1)
        item = session.conversation.get(item_id)
        assert item.status == "incomplete"
        assert item.audio_ms == float(heard_ms)  # the caller's playback clock, not the server's
        assert item.text == item.heard_text(float(heard_ms)) and len(item.text) < len(item.full_text)
    finally:
        await carrier.hang_up()


async def test_phone_calls_check_key_format_and_limits(runtime):
    live = await start_server(runtime, api_keys=("k1",), max_sessions=1)
    try:
        url = f"ws://127.0.0.1:{live.port}/v1/phone/twilio"
        for bad in (url, url + "?api_key=nope"):  # keys are checked before the stream is accepted
            with pytest.raises(websockets.InvalidStatus) as refused:
                await websockets.connect(bad)
            assert refused.value.response.status_code == 403
        with pytest.raises(websockets.InvalidStatus):  # a key in the stream's parameters comes too late
            await Carrier.dial(url, params={"api_key": "k1"})
        wrong = await Carrier.dial(url + "?api_key=k1", encoding="audio/x-l16")  # not 8 kHz μ-law
        await asyncio.wait_for(wrong.closed.wait(), 30)
        assert wrong.ws.close_code == 1003
        first = await Carrier.dial(url + "?api_key=k1")  # holds the one session slot
        second = await websockets.connect(url + "?api_key=k1")  # the key is good, but no session is free
        await asyncio.wait_for(second.wait_closed(), 30)
        assert second.close_code == 1013
        await first.hang_up()
        assert not live.runtime.sessions and live.runtime.admitted == 0
        with pytest.raises(websockets.InvalidStatus):  # a browser page from elsewhere
            await websockets.connect(url + "?api_key=k1", origin="http://evil.example")
        # the voice webhook answers TwiML that connects the call to the stream, key included
        async with httpx.AsyncClient() as http:
            assert (await http.post(live.http + "/v1/phone/twilio/voice")).status_code == 401
            resp = await http.post(live.http + "/v1/phone/twilio/voice?api_key=k1")
        stream = ET.fromstring(resp.text).find("./Connect/Stream")
        assert stream.get("url") == url + "?api_key=k1"
    finally:
        await stop_server(live)


def test_twilio_signatures_match_twilios_documented_examples():
    from agent.edge.security import twilio_signature, twilio_signature_ok

    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    for number, expected in [("+12349013030", "0/KCTR6DLpKmkAf8muzZqo1nDgQ="), ("+14158675310", "GvWf1cFY/Q7PnoempGyD5oXAezc=")]:
        params = {"CallSid": "CA1234567890ABCDE", "Caller": number, "Digits": "1234", "From": number, "To": "+18005551212"}
        assert twilio_signature("12345", url, params) == expected
        assert twilio_signature_ok("12345", expected, url, params)
        assert not twilio_signature_ok("12345", expected, url, {**params, "Digits": "1235"})
        assert not twilio_signature_ok("12345", None, url, params)


async def test_with_an_auth_token_only_signed_twilio_requests_get_through(runtime):
    from agent.edge.security import twilio_signature

    live = await start_server(runtime, twilio_auth_token="tok", max_sessions=0)
    try:
        hook = f"{live.http}/v1/phone/twilio/voice"
        form = {"CallSid": "CA1", "From": "+15550001111", "To": "+15550002222"}
        async with httpx.AsyncClient() as http:
            unsigned = await http.post(hook, data=form)
            assert unsigned.status_code == 403 and unsigned.json()["code"] == "invalid_signature"
            forged = await http.post(hook, data={**form, "From": "+15559999999"}, headers={"X-Twilio-Signature": twilio_signature("tok", hook, form)})
            assert forged.status_code == 403
            signed = await http.post(hook, data=form, headers={"X-Twilio-Signature": twilio_signature("tok", hook, form)})
            assert signed.status_code == 200 and "<Stream" in signed.text
        stream = f"ws://127.0.0.1:{live.port}/v1/phone/twilio"
        with pytest.raises(websockets.InvalidStatus):
            await websockets.connect(stream)
        with pytest.raises(websockets.InvalidStatus):
            await websockets.connect(stream, additional_headers={"X-Twilio-Signature": twilio_signature("other-token", stream)})
        signed = await websockets.connect(stream, additional_headers={"X-Twilio-Signature": twilio_signature("tok", stream)})
        await asyncio.wait_for(signed.wait_closed(), 30)
        assert signed.close_code == 1013  # signed, so it got as far as the session limit
    finally:
        await stop_server(live)
