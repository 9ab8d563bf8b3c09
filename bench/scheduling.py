"""Priority vs FIFO hand-over of the shared LLM and TTS, with the real models in one process.

`bench/load.py` measures whole voice sessions over WebSockets; on a busy shared machine its
few turns are dominated by other load. This bench keeps only what the scheduler decides:
K simulated sessions share the real bundled Qwen (`LlamaCppChat`) and the real Piper voice
through the same gates the server uses, on the same timeline a voice turn has:

    user stops speaking ─ +draft_s: draft reply starts (rank DRAFT) ─ +commit_s: committed
    (rank WAITING; a `drop` fraction of drafts is dropped instead and restarted at commit)

and, while the user still speaks, a KV-cache prefill of the likely prompt if the model is
idle (as agent/core/turn_taking.py does). Each reply streams from the LLM; its first clause is
synthesized through the TTS gate while its own decoding is held (as agent/core/response.py
does), then the rest. Voice to voice = first audio ready (and committed) - speech end.
Modes alternate round by round with the same seed, so both meet the same timelines:

    .venv/bin/python bench/scheduling.py                       # 2 and 4 sessions, 3 rounds
    .venv/bin/python bench/scheduling.py --sessions 2,3,4 --turns 4 --rounds 4 --seed 3
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from contextlib import aclosing
from dataclasses import dataclass
from pathlib import Path

import anyio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.llm import LlamaCppChat, TextDelta  # noqa: E402
from models.priority_gate import Priority, PriorityGate, Rank  # noqa: E402
from models.tts import PiperTTS  # noqa: E402
from models.weights import assemble_qwen_gguf  # noqa: E402

SYSTEM = "You are a friendly voice assistant for a software product. Answer in one or two short spoken sentences."
QUESTIONS = [
    "How do I reset my password if I no longer have access to my email?",
    "The export to PDF button is greyed out, what should I check?",
    "Can I share a project with someone outside my company?",
    "Why does the app log me out every morning?",
    "How do I change the language of the interface?",
    "My upload is stuck at ninety percent, what can I do?",
    "Is there a keyboard shortcut to duplicate a page?",
    "How do I cancel my subscription before it renews?",
]


@dataclass
class Reply:
    speech_end: float
    committed: asyncio.Event
    first_audio: float | None = None

    def priority(self) -> Priority:
        if not self.committed.is_set():
            rank = Rank.DRAFT
        elif self.first_audio is None:
            rank = Rank.WAITING
        else:
            rank = Rank.SPEAKING
        return Priority(rank, self.speech_end)


class Bench:
    def __init__(self, llm: LlamaCppChat, tts: PiperTTS, args: argparse.Namespace) -> None:
        self.llm, self.tts, self.args = llm, tts, args
        self.tts_gate = PriorityGate("tts")

    def messages(self, question: str) -> list[dict]:
        return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}]

    async def reply(self, owner: str, question: str, r: Reply) -> None:
        """LLM text -> chunks -> TTS, two stages joined by a queue (as agent/core/response.py):
        the model is freed when decoding ends, whatever the voice is doing."""
        chunks: asyncio.Queue[str | None] = asyncio.Queue()

        async def speaker() -> None:
            while (chunk := await chunks.get()) is not None:
                await self.speak(chunk, r, owner)

        speaking = asyncio.ensure_future(speaker())
        try:
            text, spoken_first = "", False
            async with aclosing(self.llm.stream(self.messages(question), max_tokens=self.args.max_tokens, owner=owner,
                                                priority=r.priority)) as s:
                async for ev in s:
                    if isinstance(ev, TextDelta):
                        text += ev.text
                        if not spoken_first and (len(text.split()) >= 6 or any(p in text for p in ".,!?")):
                            spoken_first = True
                            chunks.put_nowait(text)
                            text = ""
            if text.strip():
                chunks.put_nowait(text)
            chunks.put_nowait(None)
            await speaking
        finally:
            speaking.cancel()
            await asyncio.gather(speaking, return_exceptions=True)

    async def speak(self, text: str, r: Reply, owner: str) -> None:
        async with self.tts_gate.hold(r.priority):
            first = r.first_audio is None
            if first:
                self.llm.hold(owner)  # as agent/core/response.py: its decoding waits while its first chunk is synthesized
            try:
                await anyio.to_thread.run_sync(self.tts.synthesize_all, text)
            finally:
                if first:
                    self.llm.release(owner)
        if r.first_audio is None:
            await r.committed.wait()  # a draft is heard only once its turn is committed
            r.first_audio = time.monotonic()

    async def session(self, i: int, rng: random.Random, v2v: list[float]) -> None:
        owner = f"s{i}"
        await asyncio.sleep(rng.uniform(0.0, 1.5))
        for _ in range(self.args.turns):
            question = QUESTIONS[rng.randrange(len(QUESTIONS))]
            speaking = rng.uniform(1.0, 2.5)
            await asyncio.sleep(speaking - 0.8)
            if not self.llm.busy:  # a prefill of the likely prompt while the user speaks
                asyncio.ensure_future(self.llm.prefill(self.messages(question)))
            await asyncio.sleep(0.8)
            r = Reply(time.monotonic(), asyncio.Event())
            dropped = rng.random() < self.args.drop
            await asyncio.sleep(self.args.draft_s)
            task = asyncio.ensure_future(self.reply(owner, question, r))
            await asyncio.sleep(self.args.commit_s - self.args.draft_s)
            if dropped:  # speech resumed: the draft goes, the turn is answered from its commit
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
                task = asyncio.ensure_future(self.reply(owner, question, r))
            r.committed.set()
            await task
            v2v.append(((r.first_audio or time.monotonic()) - r.speech_end) * 1000.0)
            await asyncio.sleep(rng.uniform(1.0, 3.0))  # listening, then a pause

    async def round(self, mode: str, n: int, seed: int) -> list[float]:
        self.llm.set_scheduling(mode)
        self.tts_gate.scheduling = mode
        v2v: list[float] = []
        await asyncio.gather(*(self.session(i, random.Random(seed * 100 + n * 10 + i), v2v) for i in range(n)))
        return v2v


def counts(llm: LlamaCppChat, tts_gate: PriorityGate) -> dict[str, float]:
    s = llm.scheduling_stats()
    return {"llm_reordered": s["reordered"], "tts_reordered": tts_gate.reordered, "prefills_stopped": s["prefills_stopped"],
            "outranked_decode_s": s["outranked_decode_s"]}


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


async def main() -> None:
    p = argparse.ArgumentParser(description="priority vs fifo hand-over of the real LLM and TTS")
    p.add_argument("--sessions", default="2,4")
    p.add_argument("--turns", type=int, default=3)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--modes", default="fifo,priority")
    p.add_argument("--draft-s", type=float, default=0.25, help="speech end -> draft reply starts")
    p.add_argument("--commit-s", type=float, default=0.75, help="speech end -> turn committed")
    p.add_argument("--drop", type=float, default=0.2, help="fraction of drafts dropped (speech resumed)")
    p.add_argument("--max-tokens", type=int, default=48)
    args = p.parse_args()
    levels = [int(x) for x in args.sessions.split(",")]
    modes = [m.strip() for m in args.modes.split(",")]
    print(f"scheduling: sessions {levels}; {args.turns} turns x {args.rounds} rounds; modes {modes}; "
          f"{os.cpu_count()} CPUs; loadavg {os.getloadavg()}", flush=True)
    llm = LlamaCppChat(assemble_qwen_gguf(), n_ctx=4096, n_threads=2)
    await llm.warm()
    tts = await anyio.to_thread.run_sync(lambda: PiperTTS(threads=2))
    bench = Bench(llm, tts, args)
    results: dict[tuple[str, int], list[float]] = {}
    handover: dict[tuple[str, int], dict[str, float]] = {}
    try:
        for rnd in range(args.rounds):
            for n in levels:
                order = modes if rnd % 2 == 0 else modes[::-1]  # neither mode always runs first
                for mode in order:
                    before = counts(llm, bench.tts_gate)
                    v = await bench.round(mode, n, args.seed + rnd)
                    after = counts(llm, bench.tts_gate)
                    delta = {k: round(after[k] - before[k], 3) for k in after}
                    results.setdefault((mode, n), []).extend(v)
                    total = handover.setdefault((mode, n), dict.fromkeys(delta, 0.0))
                    for k, x in delta.items():
                        total[k] += x
                    print(f"  round {rnd + 1} {n} sessions {mode}: p50 {statistics.median(v):.0f} ms, max {max(v):.0f} ms; "
                          f"loadavg {os.getloadavg()[0]:.2f}; {delta}", flush=True)
    finally:
        await llm.aclose()
    print(f"\nloadavg {os.getloadavg()}")
    print("| sessions | scheduling | turns | voice to voice p50 | p95 | p95 vs " + modes[0]
          + " | LLM / TTS grants out of arrival order | prefills that gave way | s decoding while a more urgent caller waited |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in levels:
        base = pct(results[(modes[0], n)], 95)
        for mode in modes:
            v = results[(mode, n)]
            h = handover[(mode, n)]
            print(f"| {n} | {mode} | {len(v)} | {pct(v, 50):.0f} ms | {pct(v, 95):.0f} ms | {pct(v, 95) / base:.2f}x "
                  f"| {h['llm_reordered']:.0f} / {h['tts_reordered']:.0f} | {h['prefills_stopped']:.0f} | {h['outranked_decode_s']:.1f} |")


if __name__ == "__main__":
    asyncio.run(main())
