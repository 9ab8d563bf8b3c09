"""Numbers the model is unsure of: how often its years and counts are wrong, how often the
guard hedges a wrong one and a right one, and what holding the first sentence costs.

    .venv/bin/python bench/unsure_numbers.py [--set dev|held-out|all]

Each question has one right answer (a year or a count). The reply is the bundled model's,
greedy, under Parley's real prompt (instructions, examples, notes), streamed through the
spoken-reply guard. Printed per question: the raw answer, the lowest digit probability, and
what the guard said; then, per set: wrong answers said as fact (raw model, and after the
guard), right answers hedged, and the first sentence's hold (first token to first text out).
The threshold was chosen on the dev half; the held-out half was written before any run.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from contextlib import aclosing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEV = [
    ("What year was Windows 95 released?", "1995"), ("What year did Apple release the first Macintosh?", "1984"),
    ("In what year was Google founded?", "1998"), ("What year did Windows XP come out?", "2001"),
    ("What year was the first Android phone released?", "2008"), ("What year did YouTube launch?", "2005"),
    ("What year was Facebook founded?", "2004"), ("What year did Wikipedia start?", "2001"),
    ("What year was Bitcoin created?", "2009"), ("What year did the first iPad come out?", "2010"),
    ("What year was Python first released?", "1991"), ("What year did Windows 10 come out?", "2015"),
    ("What year did Windows 11 come out?", "2021"), ("How many bits are in a byte?", "8"),
    ("What year was Microsoft founded?", "1975"), ("What year was Apple founded?", "1976"),
    ("What year was Amazon founded?", "1994"), ("What year did the first Kindle come out?", "2007"),
    ("What year did Gmail launch?", "2004"), ("What year was the first email sent?", "1971"),
    ("What year was Java released?", "1995"), ("What year was the Nintendo Switch released?", "2017"),
    ("What year was Google Chrome released?", "2008"), ("What year was Skype launched?", "2003"),
    ("What year was Twitter founded?", "2006"), ("How many centimeters are in an inch, roughly?", "2.54"),
    ("What year did Windows 7 come out?", "2009"), ("What year was the Apple Watch released?", "2015"),
    ("What year did Netflix start streaming?", "2007"), ("What year was the USB standard first released?", "1996"),
]
# Written before any run of the guard, never tuned on.
HELD_OUT = [
    ("What year was the first Harry Potter book published?", "1997"), ("What year did the Titanic sink?", "1912"),
    ("What year did humans first land on the Moon?", "1969"), ("What year did World War Two end?", "1945"),
    ("What year was the Eiffel Tower completed?", "1889"), ("What year did the Berlin Wall fall?", "1989"),
    ("How many days are in a leap year?", "366"), ("How many continents are there?", "7"),
    ("What year was Instagram launched?", "2010"), ("What year was the first Xbox released?", "2001"),
    ("What year did Spotify launch?", "2008"), ("What year was Wi-Fi first released to consumers?", "1997"),
    ("What year was the PlayStation 4 released?", "2013"), ("How many minutes are in a day?", "1440"),
    ("What year was Dropbox founded?", "2007"), ("What year did Windows Vista come out?", "2007"),
    ("What year did Mac OS X first come out?", "2001"), ("How many sides does a hexagon have?", "6"),
    ("What year was the Raspberry Pi first released?", "2012"), ("What year was LinkedIn founded?", "2002"),
    ("How many bytes are in a kilobyte?", "1024"), ("What year did the first Pokemon game come out in Japan?", "1996"),
]


async def one(llm, policy, question: str, answer: str) -> dict:
    from agent.replies.reply_policy import DEFAULT_INSTRUCTIONS
    from agent.replies.spoken_reply import SpokenReplyGuard
    from models.llm import NumberToken, TextDelta

    guard = policy.guard(voice=True)  # the next messages() call in this task tells it the question
    assert isinstance(guard, SpokenReplyGuard)
    messages = policy.messages([{"role": "system", "content": DEFAULT_INSTRUCTIONS}, {"role": "user", "content": question}])
    raw, out, probs = "", "", []
    t_first = t_out = None
    async with aclosing(llm.stream(messages, max_tokens=60, temperature=0.0)) as stream:
        async for ev in stream:
            if isinstance(ev, NumberToken):
                probs.append(ev.p)
                guard.number_token(ev.text, ev.p)
            elif isinstance(ev, TextDelta):
                t_first = t_first or time.perf_counter()
                raw += ev.text
                piece = guard.push(ev.text)
                if piece.strip() and t_out is None:
                    t_out = time.perf_counter()
                out += piece
                if guard.stopped:
                    break
    out += guard.flush()
    t_out = t_out or time.perf_counter()
    right = answer in raw
    return {"q": question, "raw": raw.strip(), "out": out.strip(), "right": right, "min_p": min(probs) if probs else None,
            "hedged": "not sure" in out.lower() and answer not in out, "hold_ms": (t_out - (t_first or t_out)) * 1000}


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=("dev", "held-out", "all"), default="all")
    args = ap.parse_args()
    from agent.config import load_config
    from agent.replies import unsure_numbers
    from agent.replies.reply_policy import ReplyPolicy
    from models.llm import LlamaCppChat
    from models.weights import assemble_qwen_gguf

    policy = ReplyPolicy.from_config(load_config(env={}))
    llm = LlamaCppChat(assemble_qwen_gguf(), n_ctx=2048, n_threads=2)
    await llm.warm()
    sets = {"dev": DEV, "held-out": HELD_OUT}
    chosen = sets if args.set == "all" else {args.set: sets[args.set]}
    summary = []
    for name, cases in chosen.items():
        print(f"\n{name} ({len(cases)} questions), threshold {unsure_numbers.UnsureNumbers().threshold}")
        rows = [await one(llm, policy, q, a) for q, a in cases]
        for r in rows:
            mark = ("right" if r["right"] else "WRONG") + (" hedged" if r["hedged"] else "")
            p = f"{r['min_p']:.2f}" if r["min_p"] is not None else "-"
            print(f"  {mark:13} min p {p:>5}  {r['q'][:50]:50} raw: {r['raw'][:60]!r}  said: {r['out'][:70]!r}")
        wrong = [r for r in rows if not r["right"]]
        right = [r for r in rows if r["right"]]
        asks = [r["hold_ms"] for r in rows]
        summary.append((name, len(rows), len(wrong), sum(not r["hedged"] for r in wrong), sum(r["hedged"] for r in right), len(right),
                        statistics.median(asks), max(asks)))
    await llm.aclose()
    print("\nset        n  wrong (raw)  wrong said as fact  right hedged  first-sentence hold p50 / max")
    for name, n, w, w_said, r_hedged, r_n, p50, mx in summary:
        print(f"{name:9} {n:3}  {w:5}        {w_said:5}               {r_hedged}/{r_n:<8}    {p50:.0f} / {mx:.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())
