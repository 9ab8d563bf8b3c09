"""Per-stage costs of the voice loop with the default offline models, in one table.

    .venv/bin/python bench/stages.py            (make bench)

ASR (trimmed encoder vs the library's padded 30 s window) for 1/3/5/10 s utterances,
TTS time-to-first-audio and real-time factor, OCR on a 1080p screenshot, LLM time to first
token cold / with the prefix cached, and decode speed. Medians over repeats; ratios in one
run, so they hold on any machine.
"""
from __future__ import annotations

import asyncio
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.llm_ttft import bench_model  # noqa: E402

SENTENCES = {
    1: "Click save now.",
    3: "My laptop keeps disconnecting from the wifi network.",
    5: "When I open the settings page it says permission denied and then the whole app closes.",
    10: ("I updated the driver yesterday and since then the screen flickers whenever I plug in the "
         "second monitor, and sometimes the mouse freezes for a few seconds before it comes back."),
}


def timed(fn, *args, repeats: int = 5, **kw) -> tuple[float, object]:
    out, times = None, []
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn(*args, **kw)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000, out


def screenshot_1080p():
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (1920, 1080), (245, 246, 248))
    d = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=18)
    d.rectangle((0, 0, 1920, 48), fill=(40, 44, 52))
    d.text((16, 14), "Settings - Acme Sync 4.2.1", fill=(230, 230, 230), font=font)
    for i in range(30):
        d.text((40, 80 + i * 30), f"Row {i}: sync job {1000 + i} finished at 2026-11-23 10:{i:02d}:00 status OK", fill=(30, 30, 30), font=font)
    d.rectangle((660, 380, 1260, 620), fill=(255, 255, 255), outline=(200, 60, 60), width=3)
    d.text((690, 420), "Error: Permission denied (EACCES)", fill=(180, 20, 20), font=ImageFont.load_default(size=24))
    d.text((690, 470), "Could not write /var/lib/acme/state.db", fill=(30, 30, 30), font=font)
    return img


def main() -> None:
    from media.pcm import pcm16_to_float, resample
    from models.asr import WhisperASR
    from models.ocr import TesseractOCR
    from models.tts import PiperTTS
    from models.weights import assemble_qwen_gguf, smollm2_gguf

    print(f"# Parley stage costs — {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}")
    tts = PiperTTS()
    asr = WhisperASR()
    asr.reuse_prefix = False  # the same clip is decoded again and again here: a settled start would flatter the timing
    print("\n| stage | input | median |\n|---|---|---|")
    for secs, text in SENTENCES.items():
        audio = resample(pcm16_to_float(tts.synthesize_all(text).pcm), tts.sample_rate, 16000)
        trimmed, t = timed(asr.transcribe, audio)
        padded, _ = timed(asr.transcribe, audio, word_timestamps=True, repeats=3)
        print(f"| ASR trimmed encoder | {len(audio) / 16000:.1f} s speech | **{trimmed:.0f} ms** (padded 30 s window: {padded:.0f} ms) |")
    reply = "Sure, the error means the app cannot write its database file, so check the folder permissions."
    first_clause = reply.split(",")[0] + ","
    ttfa, _ = timed(lambda: next(iter(tts.synthesize(first_clause))))
    full_ms, chunk = timed(tts.synthesize_all, reply, repeats=3)
    print(f"| TTS first audio | first clause {first_clause!r} | **{ttfa:.0f} ms** |")
    print(f"| TTS whole reply | {len(reply.split())} words, {chunk.duration_s:.1f} s audio | {full_ms:.0f} ms (real-time factor {full_ms / 1000 / chunk.duration_s:.2f}) |")
    ocr = TesseractOCR()
    img = screenshot_1080p()
    ocr_ms, res = timed(ocr.read, img, psm=11, repeats=3)
    print(f"| OCR (tesseract, psm 11, 1 thread) | 1920×1080 screenshot, full frame | {ocr_ms:.0f} ms |")
    for name, path in (("Qwen2.5-Coder-0.5B Q4_K_M", assemble_qwen_gguf()), ("SmolLM2-135M Q4_1", smollm2_gguf())):
        r = asyncio.run(bench_model(name, path, runs=3, threads=2))
        print(f"| LLM {name} | {r['prompt_tokens']}-token prompt | TTFT cold {r['cold_ms']:.0f} ms, prefix cached **{r['cached_ms']:.0f} ms**, "
              f"prefilled {r['prefilled_ms']:.0f} ms; decode {r['decode_tok_s']:.0f} tok/s; load {r['load_s']:.1f} s |")


if __name__ == "__main__":
    main()
