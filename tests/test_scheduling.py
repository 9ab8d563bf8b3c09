"""Scheduling the shared models across sessions: models/priority_gate.py, and the real
bundled LLM serving a committed turn before a draft and the longest-waiting user first.

The gate tests are synchronous where they can be (`ask`/`release` hand over at once), and
drive tasks only to check cancellation; nothing waits on wall-clock time.
"""
from __future__ import annotations

import asyncio
import contextlib
from contextlib import aclosing
from dataclasses import replace

import numpy as np
import pytest

from models.llm import LlamaCppChat, TextDelta, Usage
from models.priority_gate import Priority, PriorityGate, Rank


def committed(since: float) -> Priority:
    return Priority(Rank.WAITING, since)


def draft(since: float) -> Priority:
    return Priority(Rank.DRAFT, since)


async def until(condition, what: str, yields: int = 200) -> None:
    """Let other tasks run (event-loop yields, no clock) until `condition()` holds."""
    for _ in range(yields):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError(f"never happened: {what}")


# --- the gate's ordering ---------------------------------------------------------------------


def test_free_gate_is_granted_at_once_and_release_frees_it():
    gate = PriorityGate("t")
    t = gate.ask(committed(1.0))
    assert t.granted and gate.locked() and gate.waiting == 0
    t.release()
    assert not gate.locked()


def test_committed_before_draft_then_earliest_speech_end_then_arrival():
    gate = PriorityGate("t")
    holder = gate.ask()
    d_early = gate.ask(draft(1.0))  # a draft whose user stopped first still waits for committed turns
    c_late = gate.ask(committed(5.0))
    c_early = gate.ask(committed(3.0))
    c_same_1 = gate.ask(committed(4.0))
    c_same_2 = gate.ask(committed(4.0))
    spec = gate.ask(Priority(Rank.SPECULATIVE, 0.0))
    order = []
    current = holder
    for _ in range(6):
        current.release()
        current = gate.holder
        order.append(current)
    assert order == [c_early, c_same_1, c_same_2, c_late, d_early, spec]
    current.release()
    assert not gate.locked() and gate.waiting == 0
    assert gate.reordered >= 1


def test_priority_is_evaluated_when_the_gate_frees():
    gate = PriorityGate("t")
    holder = gate.ask()
    turn_committed = {"yes": False}
    first = gate.ask(committed(2.0))
    drafting = gate.ask(lambda: committed(1.0) if turn_committed["yes"] else draft(1.0))
    turn_committed["yes"] = True  # its end of turn came while it waited: it outranks now
    holder.release()
    assert drafting.granted and not first.granted
    drafting.release()
    assert first.granted


def test_fifo_ignores_priorities():
    gate = PriorityGate("t", scheduling="fifo")
    holder = gate.ask()
    d = gate.ask(draft(9.0))
    c = gate.ask(committed(1.0))
    holder.release()
    assert d.granted and not c.granted
    assert not gate.outranked(draft(9.0))  # FIFO never asks a holder to give way...
    assert gate.best_waiting() == committed(1.0)  # ...but still reports who waits (the A/B figures)


def test_a_broken_priority_callable_ranks_last_and_does_not_wedge_the_gate():
    gate = PriorityGate("t")
    holder = gate.ask()
    broken = gate.ask(lambda: 1 / 0)
    ok = gate.ask(Priority(Rank.BACKGROUND, 9.0))
    holder.release()
    assert ok.granted
    ok.release()
    assert broken.granted


def test_outranked_callback_fires_only_for_a_more_urgent_waiter():
    gate = PriorityGate("t")
    calls = []
    holder = gate.ask(Priority(Rank.SPECULATIVE, 0.0), on_outranked=lambda: calls.append("stop"))
    gate.ask(Priority(Rank.SPECULATIVE, 5.0))
    assert calls == []
    gate.ask(draft(5.0))
    assert calls == ["stop"]
    assert gate.outranked(holder._priority)


def test_a_reply_with_audio_ahead_waits_for_a_draft_and_a_starved_one_does_not():
    """An audible reply with enough audio unheard (`AHEAD`) is outranked by another user's
    draft; one about to run dry (`SPEAKING`) outranks the draft in turn."""
    gate = PriorityGate("t")
    calls = []
    gate.ask(Priority(Rank.AHEAD, 0.0), on_outranked=lambda: calls.append("give way"))
    gate.ask(draft(5.0))
    assert calls == ["give way"]
    gate2 = PriorityGate("t")
    starved = []
    gate2.ask(draft(5.0), on_outranked=lambda: starved.append("give way"))
    gate2.ask(Priority(Rank.SPEAKING, 9.0))
    assert starved == ["give way"]
    assert Rank.WAITING < Rank.SPEAKING < Rank.DRAFT < Rank.AHEAD < Rank.BACKGROUND < Rank.SPECULATIVE


def test_bad_scheduling_name_is_refused():
    with pytest.raises(ValueError):
        PriorityGate("t", scheduling="lifo")


# --- cancellation ---------------------------------------------------------------------------------


async def two_queued_behind_a_holder():
    """A gate held by someone, with "a" (earlier speech end) and "b" queued behind; `served`
    lists who got through, in order."""
    gate = PriorityGate("t")
    holder = gate.ask()
    served: list[str] = []

    async def user(name: str, p: Priority) -> None:
        async with gate.hold(p):
            served.append(name)

    a = asyncio.create_task(user("a", committed(1.0)))
    b = asyncio.create_task(user("b", committed(2.0)))
    await until(lambda: gate.waiting == 2, "both queued")
    return gate, holder, a, b, served


async def test_a_cancelled_waiter_leaves_the_queue_and_the_next_one_is_served():
    gate, holder, a, b, served = await two_queued_behind_a_holder()
    a.cancel()
    await asyncio.gather(a, return_exceptions=True)
    assert a.cancelled() and gate.waiting == 1
    holder.release()
    await b
    assert served == ["b"] and not gate.locked()


async def test_a_waiter_cancelled_after_its_grant_passes_the_gate_on():
    gate, holder, a, b, served = await two_queued_behind_a_holder()
    holder.release()  # granted to a, which has not resumed yet...
    assert gate.holder is not None and gate.waiting == 1
    a.cancel()  # ...and is cancelled before it does
    await asyncio.gather(a, return_exceptions=True)
    await b
    assert a.cancelled() and served == ["b"]
    assert not gate.locked() and gate.waiting == 0


async def test_a_holder_cancelled_inside_releases():
    gate = PriorityGate("t")
    inside = asyncio.Event()

    async def user() -> None:
        async with gate.hold(committed(1.0)):
            inside.set()
            await asyncio.Event().wait()

    t = asyncio.create_task(user())
    await inside.wait()
    assert gate.locked()
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    assert not gate.locked()


# --- the real bundled LLM ----------------------------------------------------------------------------


def ask(text: str) -> list[dict]:
    return [{"role": "system", "content": "Answer in one short sentence."}, {"role": "user", "content": text}]


async def first_token_order(qwen: LlamaCppChat, waiters: list[tuple[str, str, Priority]]) -> list[str]:
    """Start a generation that holds the model, queue `waiters` behind it (in list order),
    let the holder finish; returns the order in which the waiters got their first token."""
    order: list[str] = []

    async def speak(name: str, text: str, priority: Priority) -> None:
        async with aclosing(qwen.stream(ask(text), max_tokens=3, temperature=0.0, priority=priority)) as s:
            async for ev in s:
                if isinstance(ev, TextDelta):
                    order.append(name)
                    break

    holder = aclosing(qwen.stream(ask("Count from one to five."), max_tokens=8, temperature=0.0))
    async with holder as agen:
        await agen.__anext__()  # the holder has the model now
        tasks = []
        for name, text, p in waiters:
            tasks.append(asyncio.create_task(speak(name, text, p)))
            await until(lambda: qwen.waiting == len(tasks), f"{name} queued")
        async for _ in agen:
            pass
    await asyncio.gather(*tasks)
    return order


async def test_real_llm_serves_a_committed_turn_before_an_earlier_draft(qwen):
    order = await first_token_order(qwen, [
        ("draft", "What is two plus two?", draft(100.0)),  # queued first, its user stopped first
        ("committed", "Name a colour.", committed(200.0)),
    ])
    assert order == ["committed", "draft"]
    assert not qwen.busy


async def test_real_llm_serves_the_user_who_waited_longest_first(qwen):
    order = await first_token_order(qwen, [
        ("later_speaker", "Name a fruit.", committed(300.0)),
        ("earlier_speaker", "Name an animal.", committed(250.0)),
    ])
    assert order == ["earlier_speaker", "later_speaker"]


async def test_real_llm_prefill_gives_way_to_a_waiting_turn(qwen):
    long_history = [{"role": "system", "content": "Answer in one short sentence. " + "Be kind and precise. " * 120},
                    {"role": "user", "content": "What can you do?"}]
    prefill = asyncio.create_task(qwen.prefill(long_history))
    await until(lambda: qwen.busy, "prefill holds the model")
    got = []
    async with aclosing(qwen.stream(ask("Say hi."), max_tokens=2, temperature=0.0, priority=committed(1.0))) as s:
        async for ev in s:
            got.append(ev)
    await prefill
    assert any(isinstance(e, TextDelta) for e in got)
    assert qwen.prefills_stopped >= 1  # the prefill stopped at a chunk boundary instead of finishing


async def test_real_llm_an_audible_reply_gives_way_to_a_waiting_user_and_goes_on_unchanged(qwen):
    """A reply the user already hears (its next words are buffered ahead of them) stops
    between two tokens when a user who hears nothing yet waits, and goes on afterwards from
    its KV snapshot: greedy, it writes exactly what it writes alone."""
    speaking = Priority(Rank.SPEAKING, 1.0)
    question = ask("List the seven days of the week, separated by commas.")

    async def collect(stream, order: list[str], name: str) -> tuple[str, list[Usage]]:
        text, usage = "", []
        async with aclosing(stream) as s:
            async for ev in s:
                if isinstance(ev, TextDelta):
                    text += ev.text
                    order.append(name)
                elif isinstance(ev, Usage):
                    usage.append(ev)
        return text, usage

    alone, alone_usage = await collect(qwen.stream(question, max_tokens=30, temperature=0.0, priority=speaking), [], "a")
    gave_way = qwen.gave_way
    order: list[str] = []
    text, usage = "", []
    other: asyncio.Task | None = None
    async with aclosing(qwen.stream(question, max_tokens=30, temperature=0.0, priority=speaking)) as reply:
        async for ev in reply:
            if isinstance(ev, TextDelta):
                text += ev.text
                order.append("audible")
                if other is None:  # the reply is under way: a user who hears nothing yet asks now
                    other = asyncio.create_task(collect(qwen.stream(ask("Say hi."), max_tokens=4, temperature=0.0,
                                                                    priority=committed(2.0)), order, "waiting"))
                    await until(lambda: qwen.waiting == 1, "the waiting user queued")
            elif isinstance(ev, Usage):
                usage.append(ev)
    assert other is not None
    waiting_text, _ = await other
    assert waiting_text.strip()
    assert qwen.gave_way == gave_way + 1
    assert order.index("waiting") < len(order) - 1 - order[::-1].index("audible")  # served before the reply ended
    assert text == alone  # taken up where it stopped: not a token lost, repeated or changed
    assert [u.completion_tokens for u in usage] == [u.completion_tokens for u in alone_usage]


async def test_real_llm_a_paused_audible_reply_gives_way_too(qwen):
    """A reply paused between tokens (its owner held: its first chunk being synthesized,
    speech over it being judged) still gives way at once to a user who hears nothing yet,
    not only when it is let go."""
    speaking = Priority(Rank.SPEAKING, 1.0)
    held = asyncio.Event()
    audible: list[str] = []
    got: list[str] = []

    async def audible_reply() -> None:  # its consumer reads on, as a response does
        async with aclosing(qwen.stream(ask("List the seven days of the week."), max_tokens=30, temperature=0.0,
                                        priority=speaking, owner="audible")) as reply:
            async for ev in reply:
                if isinstance(ev, TextDelta):
                    audible.append(ev.text)
                    if not held.is_set():
                        qwen.hold("audible")
                        held.set()

    async def waiting_user() -> None:
        async with aclosing(qwen.stream(ask("Say hi."), max_tokens=3, temperature=0.0, priority=committed(2.0))) as s:
            async for ev in s:
                if isinstance(ev, TextDelta):
                    got.append(ev.text)

    reply = asyncio.create_task(audible_reply())
    try:
        await held.wait()
        await asyncio.wait_for(waiting_user(), 60)  # served while the audible reply is still held
        assert got
    finally:
        qwen.release("audible")
    await reply
    assert len(audible) > 1  # and the paused reply went on afterwards


# --- the shared ASR slot, in a real session ----------------------------------------------------------


def printer_question_in_halves(runtime) -> tuple[np.ndarray, np.ndarray]:
    """A spoken question (Piper), as silence + its first half, and its second half + the
    silence that ends the turn: fed one after the other, a partial decode can come between."""
    from .conftest import silence, speech

    said = speech(runtime, "My laptop will not connect to the office printer since this morning.")
    half = len(said) // 2
    return np.concatenate([silence(0.3), said[:half]]), np.concatenate([said[half:], silence(1.2)])


class RecordingGate(PriorityGate):
    """The runtime's ASR gate, noting each decode's priority and when it asked."""

    def __init__(self) -> None:
        super().__init__("asr")
        self.asked: list[tuple[Priority, float]] = []
        self.partial_asked = asyncio.Event()

    def ask(self, priority=None, *, on_outranked=None):
        ticket = super().ask(priority, on_outranked=on_outranked)
        self.asked.append((ticket.priority(), ticket.asked_at))
        if ticket.priority().rank is Rank.BACKGROUND:
            self.partial_asked.set()
        return ticket


async def test_partials_queue_behind_a_final_transcript_on_the_shared_asr(runtime):
    """Another session's partial transcript never goes before a turn's final one: partials
    ask at `BACKGROUND`, the final at `WAITING`, placed in line from when its user stopped
    speaking (not from when it asked)."""
    from .session_probe import SessionProbe

    gate = RecordingGate()
    rt = replace(runtime, asr_limit=gate, sessions={})
    async with SessionProbe(rt) as p:
        await p.configure()
        first, rest = printer_question_in_halves(rt)
        await p.feed(first)
        await asyncio.wait_for(gate.partial_asked.wait(), 60)  # a partial decode while the user still speaks
        await p.feed(rest)
        done = await p.wait_for("conversation.item.input_audio_transcription.completed")
    assert "printer" in done["transcript"].lower()
    partials = [pr for pr, _ in gate.asked if pr.rank is Rank.BACKGROUND]
    finals = [(pr, at) for pr, at in gate.asked if pr.rank is Rank.WAITING]
    assert partials and finals, gate.asked
    assert all(pr.since < at for pr, at in finals), finals  # its place in line dates from the end of speech
    assert gate.grants == len(gate.asked) and not gate.locked()


class PacedGate(RecordingGate):
    """The ASR gate of a test that feeds one frame at a time: notes how long the speech had
    been silent when each partial decode asked (`silence()`, read then), and says when no
    decode runs or waits (`idle`), so the next frame comes after the decode it caused."""

    def __init__(self) -> None:
        super().__init__()
        self.silence = lambda: 0.0
        self.partial_silences: list[float] = []
        self.idle = asyncio.Event()
        self.idle.set()

    def ask(self, priority=None, *, on_outranked=None):
        ticket = super().ask(priority, on_outranked=on_outranked)
        if ticket.priority().rank is Rank.BACKGROUND:
            self.partial_silences.append(self.silence())
        return ticket

    @contextlib.asynccontextmanager
    async def hold(self, priority=None, *, on_outranked=None):
        self.idle.clear()
        try:
            async with super().hold(priority, on_outranked=on_outranked) as ticket:
                yield ticket
        finally:
            if not self.locked() and not self.waiting:
                self.idle.set()


async def test_no_partial_transcript_starts_once_the_speech_has_gone_quiet(runtime, monkeypatch):
    """A partial decode started in the silence before a pause held the one ASR slot ahead of
    the final transcript the pause asks for a frame or two later (200-600 ms on real
    recordings). With a partial due at every other frame, none asks while the endpointer
    hears silence; the turn is still transcribed in full."""
    from agent.core import turn_taking

    from .conftest import silence, speech
    from .session_probe import ScriptedLLM, SessionProbe

    monkeypatch.setattr(turn_taking, "PARTIAL_EVERY_MS", 40)
    gate = PacedGate()
    rt = replace(runtime, llm=ScriptedLLM("The printer list is in Settings."), asr_limit=gate, sessions={}, counters={})
    frame = 480  # 20 ms at 24 kHz, as a browser sends them
    async with SessionProbe(rt) as p:
        gate.silence = lambda: p.session.mic.eos.silence_ms
        await p.configure()
        audio = np.concatenate([silence(0.3), speech(rt, "Where is my printer?"), silence(1.0)])
        for i in range(0, len(audio), frame):
            await p.feed(audio[i:i + frame])
            for _ in range(4):
                await asyncio.sleep(0)  # the partials task sees the frame and asks, if it will
            await gate.idle.wait()
        done = await p.wait_for("conversation.item.input_audio_transcription.completed")
    assert "printer" in done["transcript"].lower()
    assert len(gate.partial_silences) >= 3, gate.partial_silences  # partials did run while the user spoke
    assert max(gate.partial_silences) < turn_taking.PARTIAL_SKIP_SILENCE_MS, gate.partial_silences
    assert rt.counters["partials_skipped_in_silence"] >= 1


async def test_partials_wait_while_another_user_waits_for_a_reply(runtime):
    """While one user's committed reply has not made a sound, another user's live captions
    (partial transcripts) are not decoded: the cores go to the waiting reply. The caller's own
    turn is still transcribed in full when it ends."""
    from .session_probe import ScriptedLLM, SessionProbe

    llm = ScriptedLLM("Open Settings, then Printers and scanners, and remove the printer.", hold_first=1)
    gate = RecordingGate()
    rt = replace(runtime, llm=llm, asr_limit=gate, sessions={}, counters={})
    deferred = asyncio.Event()
    count = rt.count

    def counting(name: str, n: int = 1) -> None:
        count(name, n)
        if name == "partials_deferred":
            deferred.set()

    rt.count = counting
    async with SessionProbe(rt) as waiting, SessionProbe(rt) as talking:
        await waiting.configure()
        await talking.configure()
        await waiting.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                            "content": [{"type": "input_text", "text": "Tell me a fun fact about printers."}]}})  # no article answers it: the model does
        await waiting.send({"type": "response.create"})
        await asyncio.wait_for(llm.first_token.wait(), 60)  # held at its first word: nothing audible yet
        first, rest = printer_question_in_halves(rt)
        await talking.feed(first)
        await asyncio.wait_for(deferred.wait(), 60)
        assert not gate.partial_asked.is_set()  # no caption was decoded while the reply was silent
        llm.go.set()
        await waiting.wait_for("response.output_audio.delta")
        await talking.feed(rest)
        done = await talking.wait_for("conversation.item.input_audio_transcription.completed")
    assert "printer" in done["transcript"].lower()
    assert rt.counters["partials_deferred"] >= 1
