"""The session core: one Turn, one Playback, one task group; residue, leaks, limits, merges.

Real ASR, VAD and TTS throughout. Where a test must hold a reply at a precise point (its
first token, inside a tool call), the LLM is a scripted one; the real LLM answers the next
session to prove the server still serves.
"""
from __future__ import annotations

import asyncio
import base64
import gc
import math
import threading
import weakref
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from models.priority_gate import Priority, Rank
from tests.conftest import silence, speech
from tests.session_probe import ScriptedLLM, SessionProbe, with_llm


def session_tasks_alive(session_id: str) -> list[asyncio.Task]:
    return [t for t in asyncio.all_tasks() if t.get_name().startswith(session_id) and not t.done()]


# -- a dropped draft takes everything back ------------------------------------------------------
async def test_a_dropped_draft_leaves_no_reply_in_the_history(runtime):
    llm = ScriptedLLM("Sure, the answer is coming.", hold_first=1)
    async with SessionProbe(with_llm(runtime, llm)) as p:
        await p.configure(audio={"input": {"turn_detection": {"type": "server_vad", "silence_duration_ms": 3000}}})
        await p.feed(np.concatenate([silence(0.3), speech(runtime, "What is the capital"), silence(0.8)]))
        await asyncio.wait_for(llm.first_token.wait(), 120)  # the draft's reply has started (held back)
        roles = [role for role, _ in p.history()]
        assert roles == ["user", "assistant"], p.history()  # the draft added both to the history
        draft_items = [it.id for it in p.session.conversation.items]
        await p.feed(np.concatenate([speech(runtime, "of France?"), silence(0.5)]))  # speech resumes: the draft is dropped
        assert not any(p.session.conversation.get(i) for i in draft_items), p.history()
        assert not p.of("response.created")  # nothing of the dropped draft ever reached the client
        llm.go.set()
        await p.feed(silence(3.5))
        done = await p.wait_for("response.done")
        assert done["response"]["status"] == "completed"
        history = p.history()
        assert [r for r, _ in history] == ["user", "assistant"], history
        assert "france" in history[0][1].lower()


# -- a client leaving at any stage leaves nothing behind ------------------------------------------
def _slow_tool(started: asyncio.Event):
    async def run(args: dict) -> str:
        started.set()
        await asyncio.Event().wait()  # a tool that never finishes: the client leaves during it
        return "never"
    return run


@pytest.mark.parametrize("stage", ["mid_utterance", "draft", "mid_reply", "mid_tool_call"])
async def test_a_client_leaving_at_any_stage_leaves_nothing_behind(runtime, stage):
    threads_before = threading.active_count()
    llm = ScriptedLLM("A long reply. " * 30, hold_first=1 if stage != "mid_tool_call" else 0,
                      tool_call="slow_tool" if stage == "mid_tool_call" else None)
    probe = SessionProbe(with_llm(runtime, llm), silence_duration_ms=3000 if stage == "draft" else 500)
    session = probe.session
    tool_started = asyncio.Event()
    session.tools.register("slow_tool", "waits forever", {"type": "object", "properties": {}}, _slow_tool(tool_started))
    async with probe:
        await probe.configure()
        if stage == "mid_utterance":
            await probe.feed(np.concatenate([silence(0.3), speech(runtime, "Tell me about printers and")]))
            await probe.wait_for("input_audio_buffer.speech_started")
        elif stage == "draft":
            await probe.feed(np.concatenate([silence(0.3), speech(runtime, "Why is my printer offline?"), silence(0.6)]))
            await asyncio.wait_for(llm.first_token.wait(), 120)  # a held draft reply is running
            assert session.turn is not None and session.turn.draft is not None
        else:
            await probe.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                              "content": [{"type": "input_text", "text": "Why is my printer offline?"}]}})
            await probe.send({"type": "response.create"})
            await asyncio.wait_for(llm.first_token.wait(), 60)
            if stage == "mid_tool_call":
                await asyncio.wait_for(tool_started.wait(), 60)
        assert session_tasks_alive(session.id), "the stage should have work in flight"
    # the client is gone: `async with` closed the session
    assert session.closed and not session.running_tasks and not session_tasks_alive(session.id)
    assert not runtime.asr_limit.locked() and not runtime.tts_limit.locked()
    assert not llm.busy
    if stage == "mid_tool_call":  # neither half of the interrupted tool call stayed in the history
        assert not [it for it in session.conversation.items if it.type.startswith("function_call")]
    del llm
    assert threading.active_count() <= threads_before + 4  # worker threads are pooled, not leaked per session
    gone = weakref.ref(session)
    del probe, session
    gc.collect()
    assert gone() is None, gc.get_referrers(gone())  # nothing holds the closed session: its memory is freed
    # and the server still answers the next session, with the real model
    async with SessionProbe(runtime) as nxt:
        await nxt.configure()
        await nxt.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                        "content": [{"type": "input_text", "text": "What is the capital of France?"}]}})
        await nxt.send({"type": "response.create"})
        done = await nxt.wait_for("response.done")
        assert done["response"]["status"] == "completed"
        assert "paris" in done["response"]["output"][0]["content"][0]["transcript"].lower()


# -- every field checked, every wrong one answered ---------------------------------------------------
BAD_FIELDS = [
    ({"type": "session.update", "session": {"audio": {"input": {"turn_detection": {"type": "server_vad", "silence_duration_ms": "x"}}}}},
     "invalid_type", "session.audio.input.turn_detection.silence_duration_ms"),
    ({"type": "session.update", "session": {"audio": {"input": {"turn_detection": {"type": "server_vad", "prefix_padding_ms": "x"}}}}},
     "invalid_type", "session.audio.input.turn_detection.prefix_padding_ms"),
    ({"type": "session.update", "session": {"audio": {"input": {"turn_detection": {"type": "server_vad", "threshold": math.nan}}}}},
     "invalid_value", "session.audio.input.turn_detection.threshold"),
    ({"type": "session.update", "session": {"audio": {"input": {"turn_detection": {"type": "server_vad", "silence_duration_ms": -5}}}}},
     "invalid_value", "session.audio.input.turn_detection.silence_duration_ms"),
    ({"type": "session.update", "session": {"instructions": 42}}, "invalid_type", "session.instructions"),
    ({"type": "session.update", "session": {"audio": "loud"}}, "invalid_type", "session.audio"),
    ({"type": "session.update", "session": {"audio": {"input": {"format": {"type": "audio/pcm", "rate": 16000}}}}},
     "unsupported_sample_rate", "session.audio.input.format.rate"),
    ({"type": "session.update", "session": {"tool_choice": "sometimes"}}, "invalid_value", "session.tool_choice"),
    ({"type": "conversation.item.truncate", "item_id": "item_x", "content_index": 0, "audio_end_ms": math.nan},
     "invalid_value", "audio_end_ms"),
    ({"type": "conversation.item.truncate", "item_id": "item_x", "content_index": 0, "audio_end_ms": math.inf},
     "invalid_value", "audio_end_ms"),
    ({"type": "conversation.item.truncate", "item_id": 7, "audio_end_ms": 5}, "invalid_type", "item_id"),
    ({"type": "conversation.item.create", "item": {"type": "message", "content": [{"type": "input_text", "text": 5}]}},
     "invalid_type", "item.content[0].text"),
    ({"type": "conversation.item.create", "item": {"type": "message", "role": ["user"]}}, "invalid_type", "item.role"),
    ({"type": "conversation.item.delete", "item_id": ""}, "invalid_value", "item_id"),
    ({"type": "response.create", "response": {"conversation": "maybe"}}, "invalid_value", "response.conversation"),
    ({"type": "response.create", "response": {"instructions": {"a": 1}}}, "invalid_type", "response.instructions"),
]


@pytest.mark.parametrize("event, code, param", BAD_FIELDS, ids=[p for _, _, p in BAD_FIELDS])
async def test_a_wrong_field_gets_an_error_with_its_param_and_the_session_goes_on(runtime, event, code, param):
    async with SessionProbe(runtime) as p:
        await p.configure()
        await p.send({**event, "event_id": "evt_bad"})
        err = p.of("error")[-1]["error"]
        assert (err["code"], err["param"], err["event_id"]) == (code, param, "evt_bad")
        # the session goes on: audio is heard with its settings intact
        await p.feed(np.concatenate([silence(0.3), speech(runtime, "What is the capital of France?"), silence(1.2)]))
        done = await p.wait_for("conversation.item.input_audio_transcription.completed")
        assert "france" in done["transcript"].lower()


# -- limits --------------------------------------------------------------------------------------
async def test_the_audio_buffer_is_capped_with_a_clear_error_and_nothing_added(runtime):
    async with SessionProbe(runtime, max_audio_buffer_s=2.0) as p:
        await p.configure(audio={"input": {"turn_detection": None}})
        await p.feed(silence(1.5))
        await p.feed(silence(1.0), chunk=24000)  # would pass 2 s
        err = p.of("error")[-1]["error"]
        assert err["code"] == "input_audio_buffer_full" and "commit" in err["hint"]
        assert len(p.session.mic.buffer) == 24_000  # 1.5 s at 16 kHz: the refused append added nothing
        await p.send({"type": "input_audio_buffer.clear"})
        await p.feed(silence(1.0))
        assert len(p.of("error")) == 1


async def test_appends_per_second_are_limited(runtime):
    async with SessionProbe(runtime, max_appends_per_s=5) as p:
        await p.configure()
        await p.feed(silence(0.8), chunk=240)  # 80 appends of 10 ms, sent at once
        codes = [e["error"]["code"] for e in p.of("error")]
        assert codes and set(codes) == {"rate_limited"} and len(codes) == 80 - 5


async def test_images_per_session_are_limited(runtime):
    async with SessionProbe(runtime, max_images_per_session=0) as p:
        await p.configure()
        await p.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user", "content": [
            {"type": "input_image", "image_url": "data:image/png;base64,iVBORw0KGgo="}]}})
        assert p.of("error")[-1]["error"]["code"] == "too_many_images"
        assert not p.session.conversation.items


async def test_history_is_trimmed_oldest_first(runtime):
    async with SessionProbe(runtime, max_history_items=4) as p:
        await p.configure()
        for i in range(7):
            await p.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                          "content": [{"type": "input_text", "text": f"note {i}"}]}})
        assert [text for _, text in p.history()] == ["note 3", "note 4", "note 5", "note 6"]


async def test_an_endless_utterance_is_committed_in_pieces_not_lost(runtime):
    sentence = speech(runtime, "I keep talking about my printer and my scanner and my old laptop")
    async with SessionProbe(with_llm(runtime, ScriptedLLM("Okay.")), max_turn_s=3.0) as p:
        await p.configure(audio={"input": {"turn_detection": {"type": "server_vad", "create_response": False}}})
        await p.feed(np.concatenate([silence(0.3), *[sentence] * 3, silence(1.2)]))
        async with asyncio.timeout(120):
            while len(p.of("conversation.item.input_audio_transcription.completed")) < 2:
                await p.wait_for("conversation.item.input_audio_transcription.completed",
                                 lambda e, n=len(p.of("conversation.item.input_audio_transcription.completed")):
                                 len(p.of("conversation.item.input_audio_transcription.completed")) > n)
        words = " ".join(e["transcript"] for e in p.of("conversation.item.input_audio_transcription.completed")).lower()
        assert words.count("printer") >= 2  # the speech past max_turn_s went on as the next turn


# -- a continued thought: one turn, one reply ----------------------------------------------------
async def test_speech_right_after_a_committed_turn_merges_into_one_thought(runtime):
    async with SessionProbe(runtime) as p:
        await p.configure()
        await p.feed(np.concatenate([silence(0.3), speech(runtime, "When you hear the bell"), silence(0.9),
                                     speech(runtime, "come quickly to the kitchen."), silence(1.5)]))
        first = await p.wait_for("input_audio_buffer.committed")
        deleted = await p.wait_for("conversation.item.deleted", lambda e: e["item_id"] == first["item_id"])
        done = await p.wait_for("response.done", lambda e: e["response"]["status"] == "completed")
        users = [text.lower() for role, text in p.history() if role == "user"]
        assert len(users) == 1, p.history()  # one thought, one user item
        assert "bell" in users[0] and "quickly" in users[0]  # both parts, decoded together
        assert p.session.conversation.get(first["item_id"]) is None and deleted
        assert done["response"]["output"][0]["id"] in [it.id for it in p.session.conversation.items]
        assert len([r for r, _ in p.history() if r == "assistant"]) == 1  # the first part's reply left no trace


# -- fairness: holds are per owner --------------------------------------------------------------------
async def test_one_sessions_hold_never_pauses_another_sessions_decoding(runtime):
    llm = runtime.llm
    if not hasattr(llm, "hold"):
        pytest.skip("the configured LLM has no hold()")
    llm.hold("sess_a")
    try:
        llm.release("sess_b")  # another session's release does not end A's hold
        assert llm.is_held("sess_a") and not llm.is_held("sess_b")
        out = ""
        async for ev in llm.stream([{"role": "user", "content": "Say hello."}], max_tokens=8, owner="sess_b"):
            out += getattr(ev, "text", "")
        assert out.strip()  # B decoded to the end while A was held
    finally:
        llm.release("sess_a")
    assert not llm.is_held("sess_a")


def test_the_playback_clock_knows_what_was_heard_per_item_and_forgets_old_items():
    from agent.core.playback import PlaybackClock

    clock = PlaybackClock()
    clock.add("item_a", 1.0, now=100.0)  # plays 100.0 .. 101.0
    clock.add("item_a", 1.0, now=100.1)  # queued behind it: 101.0 .. 102.0
    assert clock.heard_ms("item_a", now=101.5) == 1500.0
    assert clock.ahead_ms(now=101.5) == 500.0
    clock.add("item_b", 0.5, now=103.0)  # a gap (synthesis fell behind): plays 103.0 .. 103.5
    assert clock.heard_ms("item_b", now=103.2) == pytest.approx(200.0)
    clock.add("item_c", 0.1, now=200.0)  # much later: items that finished long ago are forgotten
    assert clock.heard_ms("item_a", now=200.0) == 0.0 and clock.heard_ms("item_c", now=200.05) == pytest.approx(50.0)


async def test_a_large_append_runs_the_vad_off_the_event_loop(runtime, monkeypatch):
    import anyio

    from media import mic_input

    offloaded: list[int] = []
    real = anyio.to_thread.run_sync

    async def spy(fn, *args, **kw):
        if getattr(fn, "__name__", "") == "process":
            offloaded.append(len(args[0]))
        return await real(fn, *args, **kw)

    monkeypatch.setattr(mic_input.anyio.to_thread, "run_sync", spy)
    async with SessionProbe(runtime) as p:
        await p.configure()
        await p.feed(silence(0.02), chunk=480)  # a live 20 ms frame: inline
        assert offloaded == []
        await p.feed(silence(5.0), chunk=24000 * 5)  # 5 s in one append: in a worker thread
        assert offloaded == [16000 * 5]


# -- a whole first sentence is spoken before the next one is written -----------------------------
class FirstSentenceThenHold:
    """Streams `tokens` as a real LLM does (leading spaces), then waits for `go`."""

    name = "scripted-sentence"

    def __init__(self, tokens: list[str], rest: list[str]) -> None:
        self.tokens, self.rest = tokens, rest
        self.holding, self.go = asyncio.Event(), asyncio.Event()

    async def stream(self, messages: list[dict], **_: Any):
        from models.llm import TextDelta

        for t in self.tokens:
            yield TextDelta(t)
        self.holding.set()
        await self.go.wait()
        for t in self.rest:
            yield TextDelta(t)

    async def warm(self) -> None:
        return None

    async def aclose(self) -> None:
        return None


async def test_a_short_first_sentence_is_heard_while_the_next_is_still_being_written(runtime):
    """"No, don't." is whole once " It" comes; the next sentence goes out only whole, so
    the first must not wait for the space after its full stop (it came with that sentence)."""
    llm = FirstSentenceThenHold(["No", ",", " don", "'t", ".", " It"], [" is", " not", " safe", "."])
    async with SessionProbe(with_llm(runtime, llm)) as p:
        await p.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                                                                  "content": [{"type": "input_text", "text": "Is it fine?"}]}})
        await p.send({"type": "response.create"})
        await asyncio.wait_for(llm.holding.wait(), 60)
        await p.wait_for("response.output_audio.delta", timeout=20)  # heard while the model still holds the second sentence
        said = "".join(e["delta"] for e in p.of("response.output_audio_transcript.delta"))
        assert said == "No, don't."
        llm.go.set()
        done = await p.wait_for("response.done")
        assert done["response"]["status"] == "completed"
        assert p.history()[-1][1] == "No, don't. It is not safe."


# -- TTS idles while the listener listens -------------------------------------------------------
class CountingTTS:
    """The real TTS, counting the sentences it is asked to synthesize."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.sentences = inner, 0

    def synthesize(self, text: str, *args: Any, **kw: Any) -> Any:
        self.sentences += 1
        return self.inner.synthesize(text, *args, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


REPLY_OF_THREE = ("Bicycles first appeared in Germany around eighteen seventeen as wooden running machines without pedals. "
                  "Pedals arrived decades later in France, fixed directly onto the front wheel of heavy iron frames. "
                  "Chain drives and equal wheels finally made riding safe enough for ordinary people everywhere. ")


async def sentences_synthesized_by(rt, lead_s: float, heard_s: float) -> int:
    """Ask for REPLY_OF_THREE (first chunk: its whole first sentence, 5.8 s of audio); how many
    sentences TTS had been given once `heard_s` of the reply was released (paced to the
    listener's clock)."""
    async with SessionProbe(rt, tts_lead_s=lead_s, first_chunk_words=30) as p:
        await p.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                                                                  "content": [{"type": "input_text", "text": "Tell me about bicycles."}]}})
        await p.send({"type": "response.create"})

        def released_s() -> float:
            return sum(len(base64.b64decode(e["delta"])) for e in p.of("response.output_audio.delta")) / 2 / 24000

        await p.wait_for("response.output_audio.delta", lambda e: released_s() >= heard_s)
        synthesized = rt.tts.sentences
        await p.send({"type": "response.cancel"})
        await p.wait_for("response.done")
    return synthesized


@pytest.mark.parametrize("others_wait", [True, False])
async def test_a_playing_reply_synthesizes_less_ahead_while_another_user_waits(runtime, others_wait):
    """Two sessions on 2 cores: a reply already playing synthesized its next sentence beside
    the other user's final decode and first chunk. While another user waits, one second of
    unheard audio is enough lead; otherwise `tts_lead_s` (2.5 s). Checked once 4 s of the
    first sentence (5.8 s of audio) has been released: ~1.7 s unheard."""
    class OtherUsersReply:  # another session's committed turn, nothing heard yet
        owner = "sess_other"

        def priority(self) -> Priority:
            return Priority(Rank.WAITING, 0.0)

    rt = replace(runtime, llm=ScriptedLLM(REPLY_OF_THREE), tts=CountingTTS(runtime.tts), sessions={}, replies=weakref.WeakSet())
    other = OtherUsersReply()
    if others_wait:
        rt.replies.add(other)
    synthesized = await sentences_synthesized_by(rt, lead_s=2.5, heard_s=4.0)
    assert synthesized == (1 if others_wait else 2), synthesized


@pytest.mark.parametrize("enough_ms,rank", [(1000, Rank.AHEAD), (10_000, Rank.AHEAD), (60_000, Rank.SPEAKING)])
async def test_a_playing_reply_far_enough_ahead_ranks_after_a_draft(runtime, monkeypatch, enough_ms, rank):
    """A reply already playing that is more than `ENOUGH_UNHEARD_MS` ahead of its listener
    claims the shared models at `AHEAD`, after another user's draft; less far ahead, at
    `SPEAKING`. Read once 1 s of the first sentence (5.8 s of audio) was released: ~4.8 s of
    audio unheard, and the two sentences written but not yet synthesized (193 characters,
    ~11 s as speech) count too (so 10 s is reached, 60 s is not)."""
    from agent.core import response

    monkeypatch.setattr(response, "ENOUGH_UNHEARD_MS", enough_ms)
    rt = replace(runtime, llm=ScriptedLLM(REPLY_OF_THREE), sessions={}, replies=weakref.WeakSet())
    async with SessionProbe(rt, tts_lead_s=2.5, first_chunk_words=30) as p:
        await p.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                                                                  "content": [{"type": "input_text", "text": "Tell me about bicycles."}]}})
        await p.send({"type": "response.create"})

        def released_s() -> float:
            return sum(len(base64.b64decode(e["delta"])) for e in p.of("response.output_audio.delta")) / 2 / 24000

        await p.wait_for("response.output_audio.delta", lambda e: released_s() >= 1.0)
        (run,) = list(rt.replies)
        got = run.priority().rank
        await p.send({"type": "response.cancel"})
        await p.wait_for("response.done")
    assert got is rank, got


def test_another_users_draft_defers_live_captions_only_when_asked(runtime):
    """Partial transcripts wait for another user's draft as for a committed turn
    (`drafts=True`); the TTS lead rule waits only for committed turns."""
    class Reply:
        def __init__(self, owner: str, rank: Rank) -> None:
            self.owner, self.rank = owner, rank

        def priority(self) -> Priority:
            return Priority(self.rank, 0.0)

    rt = replace(runtime, sessions={}, replies=weakref.WeakSet())
    draft = Reply("sess_other", Rank.DRAFT)
    rt.replies.add(draft)
    assert rt.a_user_waits_for_a_reply(besides="sess_me", drafts=True)
    assert not rt.a_user_waits_for_a_reply(besides="sess_me")
    assert not rt.a_user_waits_for_a_reply(besides="sess_other", drafts=True)  # one's own draft defers nothing
    draft.rank = Rank.AHEAD
    assert not rt.a_user_waits_for_a_reply(besides="sess_me", drafts=True)


@pytest.mark.parametrize("lead_s", [0.5, 0.0])
async def test_a_reply_is_synthesized_only_a_little_ahead_of_the_listener(runtime, lead_s):
    """Piper is 10-20x faster than speech: unbounded, it synthesized a whole reply in its
    first second, beside the decode of any speech over it (a barge-in's decode took 2-4x as
    long). With `tts_lead_s` it synthesizes the next sentence only once less than that is
    left unheard. Checked once 1 s of the reply has been released."""
    rt = replace(runtime, llm=ScriptedLLM(REPLY_OF_THREE), tts=CountingTTS(runtime.tts), sessions={})
    synthesized = await sentences_synthesized_by(rt, lead_s=lead_s, heard_s=1.0)
    if lead_s:
        assert synthesized == 1, synthesized
    else:  # unbounded: the next sentences too (all three on an idle machine) before 1 s was heard
        assert synthesized >= 2, synthesized
