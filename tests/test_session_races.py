"""Session-core races a client can reach (issue 18), each driven to the point where it bit.

Real ASR, VAD and TTS; the LLM is a scripted one where a test must hold a reply at a known
point (its first token) or make it fail mid-stream.
"""
from __future__ import annotations

import asyncio
import base64
from pathlib import Path
from typing import Any, AsyncIterator

import numpy as np

from media import g711
from media.echo_reference import EchoReference
from media.pcm import float_to_pcm16, pcm16_to_float, resample
from models.llm import LLMError, TextDelta
from tests.conftest import silence, speech
from tests.session_probe import ScriptedLLM, SessionProbe, with_llm

REAL_SPEECH = Path(__file__).parent / "fixtures" / "speech"  # copies of ../shared/speech-dev (real recordings)
# Its first word is passed on at once ("The" would wait for the next: the prompt's notes open with it)
LONG = ("First, part of the answer is here. The second part follows now and it is quite long, "
        "with a third sentence after it that nobody should hear.")


async def start_reply(p: SessionProbe, text: str = "Tell me a long story.") -> dict:
    await p.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                  "content": [{"type": "input_text", "text": text}]}})
    await p.send({"type": "response.create"})
    return await p.wait_for("response.created")


def assistant_items(p: SessionProbe) -> list:
    return [it for it in p.session.conversation.items if it.role == "assistant"]


# 1 -------------------------------------------------------------------------------------------
async def test_a_format_change_mid_utterance_drops_the_open_turn_and_its_held_reply(runtime):
    llm = ScriptedLLM("Paris is the capital of France.", hold_first=1)
    async with SessionProbe(with_llm(runtime, llm)) as p:
        await p.configure(audio={"input": {"turn_detection": {"type": "server_vad", "silence_duration_ms": 3000}}})
        await p.feed(np.concatenate([silence(0.3), speech(runtime, "What is the capital of France?"), silence(0.8)]))
        await asyncio.wait_for(llm.first_token.wait(), 120)  # a draft: its user item and held reply are in the history
        old = p.session.turn
        assert old is not None and [r for r, _ in p.history()] == ["user", "assistant"]
        await p.configure(audio={"input": {"format": {"type": "audio/pcmu"}}})
        assert p.session.turn is None and p.history() == []  # nothing of the old-format turn stays
        llm.go.set()
        # the next utterance, in the new format, is a turn of its own with one reply
        ulaw = g711.ulaw_encode(float_to_pcm16(np.concatenate([silence(0.3, 8000), speech(runtime, "What is the capital of Italy?", 8000), silence(3.5, 8000)])))
        for i in range(0, len(ulaw), 800):
            await p.send({"type": "input_audio_buffer.append", "audio": base64.b64encode(ulaw[i:i + 800]).decode()})
        committed = await p.wait_for("input_audio_buffer.committed")
        assert committed["item_id"] != old.item_id
        done = await p.wait_for("response.done")
        assert done["response"]["status"] == "completed"
        history = p.history()
        assert [r for r, _ in history] == ["user", "assistant"], history
        assert "italy" in history[0][1].lower()
        assert not [e for e in p.events if e.get("item_id") == old.item_id and e["type"].startswith("conversation.item.input_audio_transcription")]


# 2 -------------------------------------------------------------------------------------------
class FailsMidStream:
    """Streams a long reply at once, then fails once its first audio has gone out."""

    name = "fails-mid-stream"
    busy = False

    def __init__(self) -> None:
        self.fail = asyncio.Event()

    async def stream(self, messages, *, tools=None, max_tokens: int = 160, temperature: float = 0.2,
                     owner: str = "", tool_choice: str | None = None) -> AsyncIterator[Any]:
        for word in LONG.split(" "):
            yield TextDelta(word + " ")
        await self.fail.wait()
        raise LLMError("the backend went away", code="llm_unavailable")

    async def warm(self) -> None: ...
    async def aclose(self) -> None: ...


async def test_a_reply_that_fails_mid_stream_keeps_only_what_was_heard(runtime):
    llm = FailsMidStream()
    async with SessionProbe(with_llm(runtime, llm)) as p:
        await p.configure()
        created = await start_reply(p)
        await p.wait_for("response.output_audio.delta")
        llm.fail.set()
        done = await p.wait_for("response.done")
        assert done["response"]["id"] == created["response"]["id"] and done["response"]["status"] == "failed"
        assert (await p.wait_for("error"))["error"]["code"] == "llm_unavailable"
        for item in assistant_items(p):  # written ahead of playback, never heard: not in the history
            assert "second" not in item.text and "nobody" not in item.text, item.text
            assert item.status == "incomplete"


# 3 -------------------------------------------------------------------------------------------
async def test_a_second_cancel_during_the_cleanup_still_ends_the_response_once(runtime):
    llm = ScriptedLLM(LONG, hold_first=1)
    async with SessionProbe(with_llm(runtime, llm)) as p:
        await p.configure()
        created = await start_reply(p)
        await asyncio.wait_for(llm.first_token.wait(), 60)
        rid = created["response"]["id"]
        barge_in = asyncio.create_task(p.session.interrupt("barge_in"))
        await asyncio.sleep(0)  # let it start its cleanup (one step of the loop, not a wait for time)
        barge_in.cancel()  # the caller goes away mid-cleanup: the cleanup still runs to its end
        await asyncio.gather(p.send({"type": "output_audio_buffer.clear"}), p.send({"type": "response.cancel"}))
        done = await p.wait_for("response.done", lambda e: e["response"]["id"] == rid)
        assert done["response"]["status"] == "cancelled"
        await p.session.reply.wait()
        assert len([e for e in p.of("response.done") if e["response"]["id"] == rid]) == 1
        assert not p.session.replying


# 4 -------------------------------------------------------------------------------------------
async def test_truncating_an_item_still_being_written_stops_it_first(runtime):
    llm = ScriptedLLM(LONG, hold_first=1)
    async with SessionProbe(with_llm(runtime, llm)) as p:
        await p.configure()
        await start_reply(p)
        added = await p.wait_for("response.output_item.added")
        await p.send({"type": "conversation.item.truncate", "item_id": added["item"]["id"], "content_index": 0, "audio_end_ms": 0})
        truncated = await p.wait_for("conversation.item.truncated", lambda e: e["item_id"] == added["item"]["id"])
        done = await p.wait_for("response.done")
        assert done["response"]["status"] == "cancelled"
        assert p.events.index(done) < p.events.index(truncated)  # stopped, then cut: no text joins it after the cut
        llm.go.set()
        item = next((it for it in assistant_items(p) if it.id == added["item"]["id"]), None)
        if item is not None:
            assert item.text == "" and item.status == "incomplete"


# 5 -------------------------------------------------------------------------------------------
async def test_one_current_reply_however_a_create_and_a_commit_interleave(runtime):
    llm = ScriptedLLM(LONG, hold_first=3)
    async with SessionProbe(with_llm(runtime, llm)) as p:
        s = p.session
        await p.configure()
        await start_reply(p)
        first = s.reply
        await asyncio.wait_for(llm.first_token.wait(), 60)
        from agent.core.turn_metrics import TurnMetrics

        committed = s._new_reply(s._spec(), TurnMetrics(), gated=True)  # a turn's held reply, being committed
        take = asyncio.create_task(s._take_floor(committed))
        await first.wait()  # the commit's interrupt of the first reply has ended ...
        await s.handle({"type": "response.create"})  # ... and a client's response.create comes in right there
        await take
        committed.start(s._spawn)
        await committed.release()
        assert s.reply is committed
        others = [e["response"]["id"] for e in p.of("response.created") if e["response"]["id"] != committed.id]
        for rid in others:  # every other reply has ended (none plays on, out of reach of a cancel)
            await p.wait_for("response.done", lambda e, rid=rid: e["response"]["id"] == rid)
        llm.go.set()
        await committed.wait()
        assert committed.status == "completed"


# 6 -------------------------------------------------------------------------------------------
async def test_a_barge_in_in_the_last_audio_after_the_reply_ended_still_truncates(runtime):
    llm = ScriptedLLM("Yes, that is right, and here is a little more.")
    async with SessionProbe(with_llm(runtime, llm)) as p:
        await p.configure()
        await start_reply(p)
        done = await p.wait_for("response.done")
        assert done["response"]["status"] == "completed"
        item_id = done["response"]["output"][0]["id"]
        reply = p.session.reply
        assert not reply.active and reply.audible  # the task has ended; its last audio is still playing
        await p.session.interrupt("barge_in")
        truncated = await p.wait_for("conversation.item.truncated", lambda e: e["item_id"] == item_id)
        item = p.session.conversation.get(item_id)
        assert item is not None and item.status == "incomplete"
        assert truncated["audio_end_ms"] < item.sent_ms  # the part not yet played is not in the history
        assert not reply.audible


# the echo witness ----------------------------------------------------------------------------------
def test_the_echo_reference_knows_its_own_voice_and_not_other_peoples(runtime):
    from bench.real_clips import read_wav

    reply = speech(runtime, "Bicycles have been a significant part of human history, dating back to ancient times.")
    ref = EchoReference()
    ref.add(float_to_pcm16(reply), 24_000)
    mine = resample(reply, 24_000, 16_000)
    rng = np.random.default_rng(0)
    for start_s in (0.0, 1.0, 2.5):  # 300 ms of it, at a third of its level, under noise
        piece = mine[int(start_s * 16000):int(start_s * 16000) + 4800] * 0.3
        assert ref.similarity(piece + rng.normal(0, 0.01, len(piece)).astype(np.float32)) >= 0.55
    clips = sorted(p for p in REAL_SPEECH.glob("*.wav") if "_16k" not in p.name)
    assert clips
    for clip in clips:  # other people's speech (real recordings) is not the reply
        rate, audio = read_wav(clip)
        audio = resample(audio.astype(np.float32), rate, 16_000)
        assert ref.similarity(audio[8000:12800]) < 0.55, clip.name
    assert pcm16_to_float(float_to_pcm16(reply)).shape == reply.shape


def test_the_echo_reference_ring_holds_what_the_old_concatenation_held():
    """The ring buffer (no copy of the window per reply frame) keeps exactly the recent audio
    that `np.concatenate([held, piece])[-keep:]` kept: before and across wrap-around, for
    pieces longer than the window, at another rate (resampled per piece), and after clear()."""
    rng = np.random.default_rng(7)

    def frame(n: int) -> bytes:
        return float_to_pcm16(rng.uniform(-0.9, 0.9, n).astype(np.float32))

    for keep_s, sizes in ((0.05, (7, 20, 43, 0, 50, 13, 120, 1, 49, 50, 51, 3)),  # 50 samples at 1 kHz
                          (10.0, (2400,) * 130 + (300_000, 2400, 17))):  # 100 ms frames at 24 kHz, a 12.5 s piece
        rate = 1000 if keep_s < 1 else 16_000
        ref, old = EchoReference(rate, keep_s), np.zeros(0, np.float32)
        keep = int(rate * keep_s)
        for i, n in enumerate(sizes):
            src = rate if keep_s < 1 and i % 2 else 24_000  # the small case mixes rates
            pcm = frame(n)
            audio = pcm16_to_float(pcm)
            audio = resample(audio, src, rate) if src != rate else audio
            old = np.concatenate([old, audio.astype(np.float32)])[-keep:]
            ref.add(pcm, src)
            held = ref.recent()
            assert held.dtype == np.float32 and np.array_equal(held, old), (keep_s, i, n)
        mic = old[-min(len(old), 800):] * 0.5
        assert ref.similarity(mic) > 0.95  # the reader finds the newest audio (mic is mean-removed, the reference is not: not exactly 1)
        ref.clear()
        assert len(ref.recent()) == 0 and ref.similarity(mic) == 0.0
        ref.add(pcm, src)
        assert np.array_equal(ref.recent(), (resample(pcm16_to_float(pcm), src, rate) if src != rate else pcm16_to_float(pcm))[-keep:])


def test_a_turn_makes_only_the_moves_of_its_state_machine():
    from agent.core.turn import MOVES, IllegalTurnMove, Turn, TurnState

    turn = Turn(0, 0.0)
    for to in (TurnState.DRAFT, TurnState.SPEAKING, TurnState.DRAFT, TurnState.COMMITTED, TurnState.DRAFT, TurnState.COMMITTED, TurnState.MERGED):
        turn.move(to)
    for state, legal in MOVES.items():
        for to in set(TurnState) - legal:
            t = Turn(0, 0.0)
            t.state = state
            try:
                t.move(to)
            except IllegalTurnMove as exc:
                assert state.value in str(exc) and to.value in str(exc)
            else:
                raise AssertionError(f"{state} -> {to} was allowed")
    assert not MOVES[TurnState.MERGED] and MOVES[TurnState.DROPPED] == {TurnState.DROPPED}
