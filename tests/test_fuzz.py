"""Hypothesis against every parser a client can reach: Realtime events (through a live
session), Twilio media-stream messages, and the image validator. Whatever arrives, the
answer is a coded error or a normal event, never an exception, and the session still
answers afterwards."""
from __future__ import annotations

import io
import json
import string
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agent.core.protocol import CLIENT_EVENTS, ProtocolError, parse_client_event
from tests.session_probe import ScriptedLLM, SessionProbe

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40), st.floats(allow_nan=True, allow_infinity=True),
                         st.text(string.printable, max_size=12))
json_values = st.recursive(json_scalars, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                                 st.dictionaries(st.text(string.ascii_letters + "_", max_size=10), kids, max_size=4)),
                           max_leaves=12)
FIELDS = ["session", "audio", "item", "item_id", "previous_item_id", "content_index", "audio_end_ms", "response", "response_id",
          "type", "turn_detection", "format", "instructions", "tools", "content", "role", "text", "image_url", "event_id"]


client_events = st.builds(
    lambda kind, fields, session, item: {"type": kind, **fields, **({"session": session} if session is not None else {}),
                                         **({"item": item} if item is not None else {})},
    st.sampled_from(sorted(CLIENT_EVENTS)),
    st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=4),
    st.one_of(st.none(), json_values, st.fixed_dictionaries({}, optional={
        "instructions": json_values, "tools": json_values, "tool_choice": json_values,
        "audio": st.fixed_dictionaries({}, optional={"input": st.fixed_dictionaries({}, optional={
            "format": json_values, "turn_detection": st.one_of(st.none(), json_values, st.fixed_dictionaries({}, optional={
                k: json_values for k in ("type", "threshold", "prefix_padding_ms", "silence_duration_ms", "create_response")}))}),
            "output": st.fixed_dictionaries({}, optional={"format": json_values})})})),
    st.one_of(st.none(), json_values, st.fixed_dictionaries({}, optional={
        "type": st.sampled_from(["message", "function_call_output", "x"]), "role": json_values, "id": json_values,
        "call_id": json_values, "output": json_values,
        "content": st.lists(st.fixed_dictionaries({"type": st.sampled_from(["input_text", "input_audio", "input_image", "zzz"])},
                                                  optional={"text": json_values, "transcript": json_values, "image_url": json_values}), max_size=3)})),
)


@pytest.fixture(scope="module")
async def fuzz_session(runtime):
    llm = ScriptedLLM("Fine.")
    async with SessionProbe(replace(runtime, llm=llm, sessions={})) as probe:
        await probe.configure()
        yield probe


@FUZZ
@given(event=client_events)
async def test_any_client_event_gets_an_answer_and_the_session_survives(fuzz_session, event):
    raw = json.dumps(event, allow_nan=True)
    try:
        parsed = parse_client_event(raw, 1 << 20)
    except ProtocolError:
        return  # answered with an error event by the transport
    before = len(fuzz_session.events)
    await fuzz_session.send(parsed)  # raises nothing, whatever the fields hold
    for ev in fuzz_session.events[before:]:
        if ev["type"] == "error":
            assert ev["error"]["code"] and ev["error"]["message"]


async def test_the_fuzzed_session_still_answers(fuzz_session):
    await fuzz_session.send({"type": "session.update", "session": {"type": "realtime", "instructions": "", "audio": {
        "input": {"format": {"type": "audio/pcm", "rate": 24000}, "turn_detection": {"type": "server_vad"}},
        "output": {"format": {"type": "audio/pcm"}}}}})
    await fuzz_session.send({"type": "response.cancel"})
    await fuzz_session.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                             "content": [{"type": "input_text", "text": "still there?"}]}})
    added = await fuzz_session.wait_for("conversation.item.added", lambda e: e["item"].get("content", [{}])[0].get("text") == "still there?")
    assert added["item"]["role"] == "user"
    assert not fuzz_session.session.closed


# -- Twilio media stream messages -----------------------------------------------------------------
class QuietSocket:
    """The carrier side of a Twilio stream as the server sees it: messages sent are kept."""

    def __init__(self) -> None:
        from starlette.websockets import WebSocketState

        self.sent: list[str] = []
        self.application_state = WebSocketState.CONNECTED
        self.query_params: dict[str, str] = {}

    async def send_text(self, text: str) -> None:
        self.sent.append(text)


twilio_messages = st.one_of(
    json_values,
    st.fixed_dictionaries({"event": st.sampled_from(["media", "mark", "stop", "dtmf", "start", "connected", "zz"])}, optional={
        "media": st.one_of(json_values, st.fixed_dictionaries({}, optional={
            "payload": st.one_of(json_values, st.binary(max_size=400).map(lambda b: __import__("base64").b64encode(b).decode())),
            "track": json_values})),
        "mark": st.one_of(json_values, st.fixed_dictionaries({"name": json_values})),
        "start": json_values, "streamSid": json_values}),
)


@pytest.fixture(scope="module")
async def twilio_stream(runtime):
    from agent.transports.phone_twilio import TwilioStream

    stream = TwilioStream(QuietSocket(), replace(runtime, llm=ScriptedLLM("Fine."), sessions={}))
    assert await stream._on_message({"event": "start", "streamSid": "MZ1", "start": {
        "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1}}})
    async with stream.session:
        yield stream


@FUZZ
@given(message=twilio_messages)
async def test_any_twilio_message_is_handled_or_counted_never_raised(twilio_stream, message):
    if not isinstance(message, dict):
        return  # the read loop counts non-objects as bad before this point
    bad_before = twilio_stream.bad_messages
    keep_going = await twilio_stream._on_message(message)
    assert keep_going is (message.get("event") != "stop")
    assert twilio_stream.bad_messages >= bad_before


# -- images ---------------------------------------------------------------------------------------
def _png(w: int = 8, h: int = 8) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (w, h), "white").save(buf, "PNG")
    return buf.getvalue()


SEEDS = [_png(), b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"%PDF-1.4", b"RIFF\x00\x00\x00\x00WEBP"]


@FUZZ
@given(seed=st.sampled_from(SEEDS), cut=st.integers(0, 200), noise=st.binary(max_size=64), at=st.integers(0, 120))
def test_any_upload_is_decoded_or_rejected_with_a_code(seed, cut, noise, at):
    from media.image_validate import ImageRejected, decode

    data = seed[:max(cut, 8)]
    data = data[:at] + noise + data[at + len(noise):]
    try:
        img = decode(data, max_bytes=1 << 20, max_pixels=4_000_000)
    except ImageRejected as exc:
        assert exc.code and str(exc)
    else:
        assert img.image.width * img.image.height <= 4_000_000


def test_a_small_limit_for_one_upload_does_not_shrink_anothers():
    from PIL import Image

    from media.image_validate import ImageRejected, decode

    big = _png(3000, 3000)  # 9 MP
    with pytest.raises(ImageRejected) as refused:
        decode(big, max_bytes=1 << 24, max_pixels=4_000_000)
    assert refused.value.code == "too_many_pixels"
    assert decode(big, max_bytes=1 << 24, max_pixels=40_000_000).image.size == (3000, 3000)
    assert Image.MAX_IMAGE_PIXELS is None or Image.MAX_IMAGE_PIXELS >= 40_000_000
