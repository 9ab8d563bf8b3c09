"""Does batched decoding pay on this CPU? ms per decode step for 1, 2 and 4 sequences.

llama.cpp can decode several sequences in one `llama_decode` call (one token per sequence
per step, each in its own KV sequence, `n_seq_max`). On a GPU a step of 4 costs about
what a step of 1 does; on a 2-core CPU the weights are read once per step but the matrix
work grows with the batch. This measures it on the bundled Qwen2.5-0.5B through
llama-cpp-python's low-level API, with the same thread count Parley uses:

    .venv/bin/python bench/llm_batch.py                 # batches 1,2,4; 2 threads; 48 steps
    .venv/bin/python bench/llm_batch.py --batches 1,2,3,4 --steps 64 --threads 2

Each sequence first gets its own ~120-token prompt (a voice turn's size after the cached
system prompt), then every step decodes one greedy token per sequence. It prints ms per
step, ms per token, and the step cost relative to batch 1 (the ratio is what decides:
batching pays when a step of 2 costs well under 2x a step of 1). The load average is
printed with each row: on a shared machine compare rows of one run.
"""
from __future__ import annotations

import argparse
import ctypes
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PROMPT = (
    "<|im_start|>system\nYou are a helpful voice assistant for a software product. Answer in one or two short "
    "spoken sentences.<|im_end|>\n<|im_start|>user\nHi, I am trying to export my project as a PDF but the "
    "button is greyed out and nothing happens when I click it. I already restarted the app twice and signed out "
    "and in again. What should I try next, and is there a way to see why the export is disabled for this "
    "project?<|im_end|>\n<|im_start|>assistant\n"
)


class BatchedModel:
    """The bundled model with a context of `n_seq` KV sequences, driven by raw llama_decode."""

    def __init__(self, path: Path, n_seq: int, threads: int, n_ctx: int = 2048) -> None:
        import llama_cpp as lc

        self.lc = lc
        lc.llama_backend_init()
        mp = lc.llama_model_default_params()
        self.model = lc.llama_model_load_from_file(str(path).encode(), mp)
        cp = lc.llama_context_default_params()
        cp.n_ctx = n_ctx * n_seq
        cp.n_batch = 512
        cp.n_ubatch = 512
        cp.n_seq_max = n_seq
        cp.n_threads = threads
        cp.n_threads_batch = threads
        self.ctx = lc.llama_init_from_model(self.model, cp)
        self.vocab = lc.llama_model_get_vocab(self.model)
        self.n_vocab = lc.llama_vocab_n_tokens(self.vocab)
        self.n_seq = n_seq
        self.batch = lc.llama_batch_init(512, 0, n_seq)

    def tokenize(self, text: str) -> list[int]:
        raw = text.encode()
        buf = (self.lc.llama_token * (len(raw) + 16))()
        n = self.lc.llama_tokenize(self.vocab, raw, len(raw), buf, len(buf), False, True)
        return list(buf[:n])

    def _decode(self, entries: list[tuple[int, int, int, bool]]) -> None:
        """entries: (token, pos, seq, want_logits)."""
        b = self.batch
        b.n_tokens = len(entries)
        for i, (tok, pos, seq, logits) in enumerate(entries):
            b.token[i] = tok
            b.pos[i] = pos
            b.n_seq_id[i] = 1
            b.seq_id[i][0] = seq
            b.logits[i] = logits
        rc = self.lc.llama_decode(self.ctx, b)
        if rc != 0:
            raise RuntimeError(f"llama_decode returned {rc}")

    def _argmax(self, i: int) -> int:
        ptr = self.lc.llama_get_logits_ith(self.ctx, i)
        arr = np.ctypeslib.as_array(ctypes.cast(ptr, ctypes.POINTER(ctypes.c_float)), shape=(self.n_vocab,))
        return int(arr.argmax())

    def run(self, prompt: list[int], steps: int, active: int) -> list[float]:
        """Prefill `active` sequences with `prompt`, then `steps` steps of one token per
        sequence; ms per step."""
        self.lc.llama_memory_clear(self.lc.llama_get_memory(self.ctx), True)
        last = []
        for s in range(active):
            self._decode([(t, p, s, p == len(prompt) - 1) for p, t in enumerate(prompt)])
            last.append(self._argmax(len(prompt) - 1))
        pos = len(prompt)
        times = []
        for _ in range(steps):
            t0 = time.perf_counter()
            self._decode([(last[s], pos, s, True) for s in range(active)])
            last = [self._argmax(s) for s in range(active)]
            times.append((time.perf_counter() - t0) * 1000.0)
            pos += 1
        return times

    def close(self) -> None:
        self.lc.llama_batch_free(self.batch)
        self.lc.llama_free(self.ctx)
        self.lc.llama_model_free(self.model)


def _quiet_llama_log() -> None:
    import llama_cpp as lc

    global _LOG_CB  # the callback must outlive this call

    @lc.llama_log_callback
    def _drop(level, text, user_data):  # noqa: ANN001
        return None

    _LOG_CB = _drop
    lc.llama_log_set(_LOG_CB, ctypes.c_void_p(0))


_LOG_CB = None


def main() -> None:
    p = argparse.ArgumentParser(description="ms per decode step for batches of sequences (llama.cpp, bundled Qwen)")
    p.add_argument("--batches", default="1,2,4")
    p.add_argument("--steps", type=int, default=48)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--rounds", type=int, default=3, help="alternating rounds over the batch sizes (noise on a shared box)")
    args = p.parse_args()
    from models.weights import assemble_qwen_gguf

    path = assemble_qwen_gguf()
    sizes = [int(x) for x in args.batches.split(",")]
    print(f"llm_batch: {path.name}; {args.threads} threads; {args.steps} steps; {os.cpu_count()} CPUs; loadavg {os.getloadavg()}", flush=True)
    _quiet_llama_log()
    # One context with n_seq_max = the largest batch (what a batching server would run),
    # plus a plain one-sequence context: today's LlamaCppChat, the baseline.
    plain, batched = BatchedModel(path, 1, args.threads), BatchedModel(path, max(sizes), args.threads)
    prompt = plain.tokenize(PROMPT)
    rows = [("1 (plain context, today)", plain, 1)] + [(str(n), batched, n) for n in sizes]
    per_step: dict[str, list[float]] = {label: [] for label, _, _ in rows}
    try:
        for _, model, n in rows:
            model.run(prompt, 4, n)  # warm
        for r in range(args.rounds):
            for label, model, n in rows:
                times = model.run(prompt, args.steps, n)
                per_step[label] += times
                print(f"  round {r + 1} batch {label}: median {statistics.median(times):.1f} ms/step; loadavg {os.getloadavg()[0]:.2f}", flush=True)
    finally:
        plain.close()
        batched.close()
    base = statistics.median(per_step[rows[0][0]])
    print(f"\nprompt {len(prompt)} tokens per sequence; loadavg {os.getloadavg()}")
    print("| sequences per step | ms per step (median) | ms per token | step cost vs batch 1 | tokens/s |")
    print("|---|---|---|---|---|")
    for label, _, n in rows:
        med = statistics.median(per_step[label])
        print(f"| {label} | {med:.1f} | {med / n:.1f} | {med / base:.2f}x | {1000 * n / med:.0f} |")


if __name__ == "__main__":
    main()
