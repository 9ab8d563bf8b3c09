"""How often the live ASR path hears Piper speech right, over randomly varied renditions.

    .venv/bin/python bench/asr_accuracy.py [renditions per phrase, default 20] [--phone]

Piper samples noise inside its model, so every rendition of a phrase differs a little, as
people do. Each rendition goes the way live audio goes (24 kHz with 0.2 s of silence before
and 0.3 s after, the streaming resampler to 16 kHz, the trimmed-encoder fast path) and is
decoded twice in one run: with the cut-segment completion on and off. Prints exact-match
rate, mean word error rate and median decode time per phrase. Tests use one fixed rendition
(`variation=False`); this is where the spread is measured.

With `--phone`, each rendition is decoded twice the other way instead: as it arrives over
a browser/WebSocket (24 kHz PCM) and as it arrives over a phone call (8 kHz G.711 μ-law,
the Twilio path), both with the completion on.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from media import g711  # noqa: E402
from media.pcm import float_to_pcm16, pcm16_to_float, resample  # noqa: E402
from models.asr import WhisperASR, word_error_rate  # noqa: E402
from models.tts import PiperTTS  # noqa: E402

PHRASES = [
    "What is the capital of France?",
    "Please restart the router and try again.",
    "How many days are in a week?",
    "My computer keeps disconnecting from the wifi every few minutes, what should I check first?",
    "When I open the settings page it says permission denied and then the whole app closes.",
]


def live_audio(tts: PiperTTS, text: str) -> tuple[np.ndarray, np.ndarray]:
    """(as heard from 24 kHz PCM, as heard from an 8 kHz μ-law phone call), both at 16 kHz."""
    chunk = tts.synthesize_all(text)
    voice = pcm16_to_float(chunk.pcm)
    a24 = resample(voice, chunk.sample_rate, 24000)
    a24 = np.concatenate([np.zeros(4800, np.float32), a24, np.zeros(7200, np.float32)])
    a8 = resample(voice, chunk.sample_rate, 8000)
    a8 = np.concatenate([np.zeros(1600, np.float32), a8, np.zeros(2400, np.float32)])
    phone = pcm16_to_float(g711.ulaw_decode(g711.ulaw_encode(float_to_pcm16(a8))))
    return resample(a24, 24000, 16000), resample(phone, 8000, 16000)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    phone = "--phone" in sys.argv
    n = int(args[0]) if args else 20
    tts, asr = PiperTTS(), WhisperASR()
    # each rendition is decoded two ways: (label, which audio, completion on?)
    ways = [("24k pcm", 0, True), ("8k μ-law", 1, True)] if phone else [("on", 0, True), ("off", 0, False)]
    print(f"{n} random renditions per phrase; exact = all words right, WER = word error rate")
    print(f"{'phrase':<44} {'audio' if phone else 'completion':>10} {'exact':>7} {'WER':>6} {'p50 ms':>7}")
    totals: dict[str, list[float]] = {label: [] for label, _, _ in ways}
    for text in PHRASES:
        rows: dict[str, tuple[list[float], list[float]]] = {label: ([], []) for label, _, _ in ways}
        for _ in range(n):
            audios = live_audio(tts, text)
            for label, which, on in ways:
                asr.complete_cut_segments = on
                t0 = time.perf_counter()
                heard = asr.transcribe(audios[which]).text.replace("Wi-Fi", "wifi")
                rows[label][1].append((time.perf_counter() - t0) * 1000)
                rows[label][0].append(word_error_rate(text, heard))
        for label, _, _ in ways:
            wers, ms = rows[label]
            totals[label] += wers
            exact = sum(w == 0 for w in wers) / len(wers)
            print(f"{text[:43]:<44} {label:>10} {exact:>7.0%} {statistics.mean(wers):>6.3f} {statistics.median(ms):>7.0f}")
    for label, wers in totals.items():
        print(f"all phrases, {'audio' if phone else 'completion'} {label}: exact {sum(w == 0 for w in wers) / len(wers):.0%}, mean WER {statistics.mean(wers):.3f}")


if __name__ == "__main__":
    main()
