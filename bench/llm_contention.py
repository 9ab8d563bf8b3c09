"""LLM decoding speed alone and beside Whisper or Piper, with 2 and 1 decode threads.

On a 2-core machine llama.cpp's threads, Whisper's (CTranslate2) and Piper's (onnxruntime)
all spin at their barriers: running two models at once with two threads each can be much
slower than giving the LLM one thread while the other model runs. This measures it with the
bundled models in one process, as a voice turn meets it (another session's ASR final decode,
or its TTS, while this session's reply is decoded):

    .venv/bin/python bench/llm_contention.py [--tokens 40] [--rounds 3]

For each background ("none", "asr": Whisper decoding 4 s of audio in a loop, "tts": Piper
synthesizing a sentence in a loop) and each LLM thread count, it prints the median ms per
generated token (greedy) over --rounds runs. Compare rows of one run: the load average is
printed, and other work on the machine moves every row.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PROMPT = b"<|im_start|>user\nExplain in detail how to back up a laptop to an external drive.<|im_end|>\n<|im_start|>assistant\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tokens", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    import llama_cpp

    from models.asr import WhisperASR
    from models.tts import PiperTTS
    from models.weights import assemble_qwen_gguf

    asr, tts = WhisperASR(), PiperTTS()
    llm = llama_cpp.Llama(model_path=str(assemble_qwen_gguf()), n_ctx=2048, n_threads=2, n_threads_batch=2, verbose=False)
    prompt = llm.tokenize(PROMPT, special=True)
    audio = np.random.default_rng(0).normal(0, 0.05, 16000 * 4).astype(np.float32)
    stop, started = threading.Event(), threading.Event()

    def background(kind: str) -> None:
        while not stop.is_set():
            started.set()
            if kind == "asr":
                asr.transcribe_final(audio)
            else:
                for _ in tts.synthesize("The quick brown fox jumps over the lazy dog, and then it runs away."):
                    pass

    def ms_per_token(threads: int) -> float:
        llama_cpp.llama_set_n_threads(llm.ctx, threads, threads)
        llm.reset()
        llm.eval(prompt)
        t0, n = time.perf_counter(), 0
        for _ in llm.generate(prompt, temp=0.0, reset=False):
            n += 1
            if n >= args.tokens:
                break
        return (time.perf_counter() - t0) * 1000 / n

    print(f"llm_contention: {os.cpu_count()} CPUs; {args.tokens} tokens x {args.rounds} rounds; loadavg {os.getloadavg()}")
    print("| beside | LLM threads | ms per token (median) |\n|---|---|---|")
    for kind in ("none", "asr", "tts"):
        for threads in (2, 1):
            stop.clear()
            started.clear()
            worker = threading.Thread(target=background, args=(kind,)) if kind != "none" else None
            if worker:
                worker.start()
                started.wait()
            try:
                times = [ms_per_token(threads) for _ in range(args.rounds)]
            finally:
                stop.set()
                if worker:
                    worker.join()
            print(f"| {kind} | {threads} | {statistics.median(times):.1f} |", flush=True)
    print(f"loadavg at the end {os.getloadavg()}")


if __name__ == "__main__":
    main()
