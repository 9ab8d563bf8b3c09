"""OpenAI's Agents SDK for Python (`openai-agents`), unchanged, against a live Parley.

The SDK validates every server event against the `openai` package's types and reports any
that does not fit as an `error` session event; it runs function tools itself and raises on a
tool call it does not know or a reused call id. So: a real spoken turn (a recording nobody
here made, from ../shared/speech-dev/), a function tool of the client's own, and a barge-in,
with no error reported and nothing raised.
"""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from .conftest import silence

_SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "speech-dev"
SPEECH = _SHARED if _SHARED.is_dir() else Path(__file__).resolve().parent / "fixtures" / "speech"  # the same real clips
CLIP = "s08_ljspeech_LJ001-0013.wav"  # read speech (LJSpeech)
BARGE = "s06_ljspeech_LJ001-0004.wav"

agents = pytest.importorskip("agents", reason="openai-agents is a dev dependency (pip install -e '.[dev]')")


def recording(name: str) -> np.ndarray:
    """A real recording as 24 kHz float32 mono."""
    import wave

    from media.pcm import pcm16_to_float, resample

    with wave.open(str(SPEECH / name)) as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2
        rate, pcm = w.getframerate(), w.readframes(w.getnframes())
    return resample(pcm16_to_float(pcm), rate, 24000)


def pcm16(audio: np.ndarray) -> bytes:
    from media.pcm import float_to_pcm16

    return float_to_pcm16(audio)


async def feed(session: Any, audio: np.ndarray, chunk_s: float = 0.1) -> None:
    step = int(24000 * chunk_s)
    for i in range(0, len(audio), step):
        await session.send_audio(pcm16(audio[i:i + step]))


async def test_agents_sdk_spoken_turn_tool_and_barge_in(server):
    from agents import function_tool
    from agents.realtime import RealtimeAgent, RealtimeRunner

    looked_up: list[str] = []

    @function_tool
    def lookup_order(order_id: str) -> str:
        """Look up the delivery status of a customer's order by its order number."""
        looked_up.append(order_id)
        return '{"status": "shipped", "carrier": "DHL", "expected": "Thursday"}'

    agent = RealtimeAgent(name="Support", instructions="You are a helpful voice assistant. Keep answers short.", tools=[lookup_order])
    runner = RealtimeRunner(agent)
    settings = {"input_audio_format": "pcm16", "output_audio_format": "pcm16",
                "turn_detection": {"type": "server_vad", "silence_duration_ms": 500, "interrupt_response": True}}
    errors: list[Any] = []
    transcripts: list[str] = []
    seen: list[str] = []
    session = await runner.run(model_config={"url": server.ws + "/realtime", "api_key": "unused", "initial_model_settings": settings})
    async with session:
        events = session.__aiter__()

        async def until(kind: str, timeout: float = 120) -> Any:
            try:
                return await asyncio.wait_for(next_of(kind), timeout)
            except TimeoutError:
                sessions = [(s.client_tools, s.tool_choice, s.model_instructions, [(i.role or i.type, i.text or i.arguments) for i in s.conversation.items])
                            for s in server.runtime.sessions.values()]
                raise AssertionError(f"no {kind} within {timeout} s; the SDK's last events: {seen[-25:]}; errors: {errors}; "
                                     f"server side: {sessions}") from None

        async def next_of(kind: str) -> Any:
            if True:
                while True:
                    ev = await events.__anext__()
                    seen.append(ev.type)
                    if ev.type == "error":
                        errors.append(ev.error)
                    elif ev.type == "raw_model_event" and getattr(ev.data, "type", "") == "input_audio_transcription_completed":
                        transcripts.append(ev.data.transcript)
                    if ev.type == kind:
                        return ev

        # 1. a real spoken turn: transcribed, answered with audio
        await feed(session, np.concatenate([silence(0.3), recording(CLIP), silence(1.5)]))
        await until("audio")
        await until("audio_end")
        ref = (SPEECH / CLIP.replace(".wav", ".ref.txt")).read_text().lower()
        heard = " ".join(transcripts).lower()
        overlap = {w.strip(".,") for w in heard.split()} & {w.strip(".,") for w in ref.split()}
        assert len(overlap) >= 5, (heard, ref)

        # 2. the client's own tool: called with the right argument, its result spoken
        await session.send_message("Where is my order number 4417? Please look it up.")
        tool_end = await until("tool_end")
        assert looked_up == ["4417"] and tool_end.tool.name == "lookup_order"
        await until("audio_end")

        # 3. a barge-in: a long reply, cut by real speech
        await session.send_message("Tell me the history of the bicycle in at least six long sentences.")
        await until("audio")
        await feed(session, np.concatenate([recording(BARGE), silence(1.0)]))
        await until("audio_interrupted", timeout=60)
    assert not errors, errors  # every server event validated; nothing Parley sent was rejected
    assert seen.count("tool_start") == 1  # one call, never a built-in tool announced as the client's
