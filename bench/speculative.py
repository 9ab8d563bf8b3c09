"""Speculative decoding on this machine: Qwen2.5-Coder-1.5B with the 0.5B as its draft model.

    flock /tmp/cpu.lock .venv/bin/python bench/speculative.py [--max-tokens 48] [--threads 2]

Three backends built from their specs by `build_chat` (the code the server runs), one at a
time, each given the same help-desk questions as Parley's prompt (`ReplyPolicy.messages`:
the default instructions, the example turns, a knowledge note, the question), greedy:

  local             Qwen2.5-Coder-0.5B Q4_K_M
  local-1.5b        Qwen2.5-Coder-1.5B Q4_K_M
  local-1.5b+draft  the 1.5B, the 0.5B drafting `draft_tokens` (4) tokens a step

Per model: time to first token with the system prompt and examples cached (only the note and
the question evaluated) and cold (the KV caches emptied, the draft's too), decode tokens/s
after the first token, time to the first 12 tokens (about the first spoken clause, from the
call), and whether the 1.5B+draft tokens are the 1.5B's. Token times are taken where
`LlamaCppChat` turns each sampled token into text (a wrapper on that model's `detokenize`).
Then the cost of `logits_all` (which a draft forces) on the 1.5B's prompt evaluation, and
a summary table with the ratios 1.5B+draft : 1.5B and 1.5B+draft : 0.5B.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import time
from contextlib import aclosing
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.replies.reply_policy import DEFAULT_INSTRUCTIONS, ReplyPolicy  # noqa: E402
from bench.llm_ttft import QUESTIONS as TTFT_QUESTIONS  # noqa: E402
from models.llm import LlamaCppChat, Usage, build_chat, render_chatml  # noqa: E402

SPECS = ("local", "local-1.5b", "local-1.5b+draft")
QUESTIONS = [*TTFT_QUESTIONS, "I forgot my email password, how do I reset it?"]  # bench/llm_ttft.py's, and one more
COLD_QUESTIONS = [  # asked with empty KV caches; not among QUESTIONS, so no cached turn is an exact repeat
    "My computer is very slow when I start it in the morning. What can I do?",
    "Zoom says my microphone is not working. How do I fix it?",
]
FIRST_CLAUSE = 12  # tokens


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class TokenClock:
    """Times every token `LlamaCppChat` samples: it wraps the loaded model's `detokenize`,
    which the backend calls once per sampled token (`_tokens`), right after the decode step."""

    def __init__(self, llm: LlamaCppChat) -> None:
        self.marks: list[tuple[float, int]] = []
        model = llm._llm
        inner = model.detokenize

        def detokenize(tokens, prev_tokens=None, special=False):
            if len(tokens) == 1:
                self.marks.append((time.perf_counter(), int(tokens[0])))
            return inner(tokens, prev_tokens=prev_tokens, special=special)

        model.detokenize = detokenize


async def turn(llm: LlamaCppChat, clock: TokenClock, messages: list[dict], max_tokens: int) -> dict[str, Any]:
    clock.marks.clear()
    draft = llm.draft
    calls0, drafted0 = (draft.calls, draft.drafted) if draft else (0, 0)
    t0 = time.perf_counter()
    usage = None
    async with aclosing(llm.stream(messages, max_tokens=max_tokens, temperature=0.0)) as events:
        async for ev in events:
            if isinstance(ev, Usage):
                usage = ev
    marks = list(clock.marks)
    times = [t - t0 for t, _ in marks]
    n = len(marks)
    out: dict[str, Any] = {
        "ids": [tok for _, tok in marks],
        "n": n,
        "ttft": times[0] if n else float("nan"),
        "t12": times[FIRST_CLAUSE - 1] if n >= FIRST_CLAUSE else float("nan"),
        "tps": (n - 1) / (times[-1] - times[0]) if n > 1 and times[-1] > times[0] else float("nan"),
        "new_prompt": usage.prompt_tokens - usage.cached_tokens if usage else 0,
        "prompt": usage.prompt_tokens if usage else 0,
    }
    if draft:
        out["calls"], out["drafted"] = draft.calls - calls0, draft.drafted - drafted0
    return out


async def on_worker(llm: LlamaCppChat, fn, *args):
    """Run `fn` on the backend's model thread (the model is idle between turns here)."""
    return await asyncio.get_running_loop().run_in_executor(llm._executor, fn, *args)


def empty_caches(llm: LlamaCppChat) -> None:
    llm._llm.reset()
    if llm.draft is not None:
        llm.draft.llm.reset()


def prompt_eval_ms_per_token(llm: LlamaCppChat, tokens: list[int], logits_all: bool, reps: int) -> float:
    """Evaluate `tokens` from an empty cache in `prompt_chunk` chunks (as `_eval_prompt` does),
    with `logits_all` on or off; median ms per token."""
    model = llm._llm
    saved = model._logits_all
    runs = []
    try:
        model._logits_all = logits_all
        for _ in range(reps):
            model.reset()
            t0 = time.perf_counter()
            for i in range(0, len(tokens), llm.prompt_chunk):
                model.eval(tokens[i : i + llm.prompt_chunk])
            runs.append((time.perf_counter() - t0) * 1000 / len(tokens))
    finally:
        model._logits_all = saved
        model.reset()
    return statistics.median(runs)


def step_costs_ms(llm: LlamaCppChat, tokens: list[int], reps: int = 5) -> dict[str, float]:
    """The parts of one speculative step after the prompt `tokens`: the target evaluating 1
    token (a plain decode step) or 1 + `draft_tokens` (a draft's verification batch, logits
    for every row), and one draft call with its cache in step (catch up 1 token, draft)."""
    import numpy as np

    model, draft = llm._llm, llm.draft
    model.reset()
    model.eval(tokens)
    out: dict[str, float] = {}
    for n in (1, 1 + draft.num_pred_tokens):
        runs = []
        for _ in range(reps):
            model.n_tokens = len(tokens)
            t0 = time.perf_counter()
            model.eval(tokens[-n - 20 : -20])
            runs.append(time.perf_counter() - t0)
        out[f"target {n} tok"] = statistics.median(runs) * 1000
    draft(np.array(tokens, dtype=np.intc))  # its cache in step with the prompt
    runs = []
    for i in range(reps):
        seq = np.array(tokens + [tokens[-20 - i]], dtype=np.intc)
        t0 = time.perf_counter()
        draft(seq)
        runs.append(time.perf_counter() - t0)
    out[f"draft call ({draft.num_pred_tokens} tok)"] = statistics.median(runs) * 1000
    model.reset()
    return out


def med(values) -> float:
    """The median of the values that are numbers (a reply shorter than 12 tokens has no `t12`)."""
    got = [v for v in values if v == v]
    return statistics.median(got) if got else float("nan")


def fmt(x: float, spec: str = ".0f") -> str:
    return "-" if x != x else format(x, spec)


async def bench_spec(spec: str, args, cold_msgs, warm_msgs) -> dict[str, Any]:
    gc.collect()
    rss0 = rss_mb()
    t0 = time.perf_counter()
    llm = build_chat([spec], n_threads=args.threads, n_ctx=args.n_ctx)
    assert isinstance(llm, LlamaCppChat)
    if llm.draft_model_path is not None:
        llm.draft_tokens = args.draft_tokens
    await llm.warm()
    load_s = time.perf_counter() - t0
    rss_loaded = rss_mb()
    clock = TokenClock(llm)
    print(f"\n== {spec}: {llm.name}  load {load_s:.1f} s  RSS +{rss_loaded - rss0:.0f} MB  n_ctx {llm.n_ctx}"
          f"  logits_all {llm._llm._logits_all}  scores {llm._llm.scores.nbytes / 2**20:.0f} MB reserved", flush=True)
    cold, warm = [], []
    for q, msgs in zip(COLD_QUESTIONS, cold_msgs):
        await on_worker(llm, empty_caches, llm)
        r = await turn(llm, clock, msgs, max_tokens=args.cold_tokens)
        cold.append(r)
        print(f"  cold   {r['prompt']:>4} new   TTFT {r['ttft'] * 1000:>6.0f} ms  first {FIRST_CLAUSE} {fmt(r['t12'] * 1000):>6} ms"
              f"  {q[:44]}", flush=True)
    for q, msgs in zip(QUESTIONS, warm_msgs):
        r = await turn(llm, clock, msgs, max_tokens=args.max_tokens)
        warm.append(r)
        extra = f"  drafts {r['calls']:>2} calls, {r['drafted']:>3} tok" if "calls" in r else ""
        print(f"  cached {r['new_prompt']:>4} new   TTFT {r['ttft'] * 1000:>6.0f} ms  first {FIRST_CLAUSE} {fmt(r['t12'] * 1000):>6} ms"
              f"  {fmt(r['tps'], '.1f'):>5} tok/s  {r['n']:>3} tok{extra}  {q[:36]}", flush=True)
    rss_run = rss_mb()
    res: dict[str, Any] = {
        "spec": spec, "load_s": load_s, "rss_loaded": rss_loaded - rss0, "rss_run": rss_run - rss0,
        "cold_ttft": med(r["ttft"] for r in cold), "cold_t12": med(r["t12"] for r in cold),
        "ttft": med(r["ttft"] for r in warm), "t12": med(r["t12"] for r in warm),
        "tps": med(r["tps"] for r in warm),
        "ids": [r["ids"] for r in cold + warm],
    }
    if llm.draft is not None:
        tokens = sum(r["n"] for r in warm)
        calls = sum(r["calls"] for r in warm)
        drafted = sum(r["drafted"] for r in warm)
        # each call follows one target step; the tokens a step gave beyond the sampled one were accepted drafts
        res["tokens_per_step"] = tokens / calls if calls else float("nan")
        res["accepted"] = (tokens - calls) / drafted if drafted else float("nan")
        if args.logits_reps:
            toks = llm._tokenize(render_chatml(warm_msgs[0], None))
            on = await on_worker(llm, prompt_eval_ms_per_token, llm, toks, True, args.logits_reps)
            off = await on_worker(llm, prompt_eval_ms_per_token, llm, toks, False, args.logits_reps)
            res["logits"] = (len(toks), on, off, llm._llm.n_vocab())
            print(f"  prompt eval of {len(toks)} tokens on the target: logits_all on {on:.2f} ms/token, off {off:.2f} ms/token"
                  f"  (+{on - off:.2f} ms/token, +{(on / off - 1) * 100:.0f} %)", flush=True)
        steps = await on_worker(llm, step_costs_ms, llm, llm._tokenize(render_chatml(warm_msgs[0], None)))
        res["steps"] = steps
        print("  one step: " + ", ".join(f"{k} {v:.1f} ms" for k, v in steps.items()), flush=True)
    await llm.aclose()
    del llm, clock
    gc.collect()
    return res


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--n-ctx", type=int, default=4096, help="as the server's llm_context")
    ap.add_argument("--max-tokens", type=int, default=48, help="per cached question")
    ap.add_argument("--cold-tokens", type=int, default=16, help="per cold question")
    ap.add_argument("--draft-tokens", type=int, default=4)
    ap.add_argument("--logits-reps", type=int, default=2, help="prompt evaluations each way for the logits_all cost (0: skip)")
    ap.add_argument("--specs", default=",".join(SPECS))
    args = ap.parse_args()

    policy = ReplyPolicy()
    def msgs(q: str) -> list[dict]:
        return policy.messages([{"role": "system", "content": DEFAULT_INSTRUCTIONS}, {"role": "user", "content": q}])
    cold_msgs, warm_msgs = [msgs(q) for q in COLD_QUESTIONS], [msgs(q) for q in QUESTIONS]

    started = time.perf_counter()
    print(f"load average before: {os.getloadavg()[0]:.2f}  cpus: {os.cpu_count()}  threads: {args.threads}  n_ctx: {args.n_ctx}"
          f"  draft tokens: {args.draft_tokens}  greedy, {args.max_tokens} tokens per cached question")
    results = {}
    for spec in args.specs.split(","):
        results[spec] = await bench_spec(spec, args, cold_msgs, warm_msgs)

    base, drafted, small = results.get("local-1.5b"), results.get("local-1.5b+draft"), results.get("local")
    same = "-"
    if base and drafted:
        n_same = sum(a == b for a, b in zip(base["ids"], drafted["ids"]))
        same = f"{n_same}/{len(base['ids'])}"
    print(f"\n{'model':<18} {'load s':>6} {'RSS MB':>7} {'cold TTFT':>9} {'cold 12tok':>10} {'TTFT':>6} {'12 tok':>7}"
          f" {'decode/s':>8} {'tok/step':>8} {'accept':>6}  same as 1.5B")
    for spec, r in results.items():
        print(f"{spec:<18} {r['load_s']:>6.1f} {r['rss_run']:>7.0f} {r['cold_ttft'] * 1000:>9.0f} {r['cold_t12'] * 1000:>10.0f}"
              f" {r['ttft'] * 1000:>6.0f} {r['t12'] * 1000:>7.0f} {r['tps']:>8.1f} {fmt(r.get('tokens_per_step', float('nan')), '.2f'):>8}"
              f" {fmt(r.get('accepted', float('nan')) * 100, '.0f') + ('%' if 'accepted' in r else ''):>6}"
              f"  {same if spec == 'local-1.5b+draft' else ''}")
    print("(times in ms, medians; TTFT and 12 tok cached = system prompt and examples in the KV cache;"
          " RSS = growth of this process while the backend was loaded and used)")
    for name, other in (("1.5B", base), ("0.5B", small)):
        if drafted and other:
            print(f"1.5B+draft : {name}   cold TTFT x{drafted['cold_ttft'] / other['cold_ttft']:.2f}"
                  f"  cold 12 tok x{drafted['cold_t12'] / other['cold_t12']:.2f}"
                  f"  TTFT x{drafted['ttft'] / other['ttft']:.2f}  12 tok x{drafted['t12'] / other['t12']:.2f}"
                  f"  decode tok/s x{drafted['tps'] / other['tps']:.2f}")
    if drafted and "steps" in drafted:
        k = args.draft_tokens
        plain_ms, verify_ms, draft_ms = drafted["steps"].values()
        step = verify_ms + draft_ms
        print(f"a speculative step on the 1.5B: verify {1 + k} tokens {verify_ms:.0f} ms + draft {draft_ms:.0f} ms = {step:.0f} ms"
              f" for {drafted['tokens_per_step']:.2f} tokens here ({step / drafted['tokens_per_step']:.0f} ms/token),"
              f" {step / (1 + k):.0f} ms/token if every draft were accepted; a plain decode step {plain_ms:.0f} ms/token")
    if drafted and "logits" in drafted:
        n, on, off, vocab = drafted["logits"]
        print(f"logits_all on the 1.5B: +{on - off:.2f} ms per prompt token ({on:.2f} vs {off:.2f}, +{(on / off - 1) * 100:.0f} %)"
              f"; Llama.scores {args.n_ctx} x {vocab} float32 = {args.n_ctx * vocab * 4 / 2**30:.2f} GiB reserved,"
              f" {vocab * 4 / 1024:.0f} KiB touched per position evaluated")
    print(f"load average after: {os.getloadavg()[0]:.2f}  total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    asyncio.run(main())
