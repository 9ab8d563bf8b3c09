"""How often the live ASR path hears Piper speech right, over randomly varied renditions.

    .venv/bin/python bench/asr_accuracy.py [renditions per phrase, default 20]

Piper samples noise inside its model, so every rendition of a phrase differs a little, as
people do. Each rendition goes the way live audio goes (24 kHz with 0.2 s of silence before
and 0.3 s after, the streaming resampler to 16 kHz, the trimmed-encoder fast path) and is
decoded twice in one run: with the cut-segment completion on and off. Prints exact-match
rate, mean word error rate and median decode time per phrase. Tests use one fixed rendition
(`variation=False`); this is where the spread is measured.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from media.pcm import pcm16_to_float, resample  # noqa: E402
from models.asr import WhisperASR, word_error_rate  # noqa: E402
from models.tts import PiperTTS  # noqa: E402

PHRASES = [
    "What is the capital of France?",
    "Please restart the router and try again.",
    "How many days are in a week?",
    "My computer keeps disconnecting from the wifi every few minutes, what should I check first?",
    "When I open the settings page it says permission denied and then the whole app closes.",
]


def live_audio(tts: PiperTTS, text: str) -> np.ndarray:
    chunk = tts.synthesize_all(text)
    a24 = resample(pcm16_to_float(chunk.pcm), chunk.sample_rate, 24000)
    a24 = np.concatenate([np.zeros(4800, np.float32), a24, np.zeros(7200, np.float32)])
    return resample(a24, 24000, 16000)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    tts, asr = PiperTTS(), WhisperASR()
    print(f"{n} random renditions per phrase; exact = all words right, WER = word error rate")
    print(f"{'phrase':<44} {'completion':>10} {'exact':>7} {'WER':>6} {'p50 ms':>7}")
    totals = {True: [], False: []}
    for text in PHRASES:
        rows = {True: ([], []), False: ([], [])}
        for _ in range(n):
            audio = live_audio(tts, text)
            for on in (True, False):
                asr.complete_cut_segments = on
                t0 = time.perf_counter()
                heard = asr.transcribe(audio).text.replace("Wi-Fi", "wifi")
                rows[on][1].append((time.perf_counter() - t0) * 1000)
                rows[on][0].append(word_error_rate(text, heard))
        for on in (True, False):
            wers, ms = rows[on]
            totals[on] += wers
            exact = sum(w == 0 for w in wers) / len(wers)
            print(f"{text[:43]:<44} {'on' if on else 'off':>10} {exact:>7.0%} {statistics.mean(wers):>6.3f} {statistics.median(ms):>7.0f}")
    for on in (True, False):
        wers = totals[on]
        print(f"all phrases, completion {'on ' if on else 'off'}: exact {sum(w == 0 for w in wers) / len(wers):.0%}, mean WER {statistics.mean(wers):.3f}")


if __name__ == "__main__":
    main()
