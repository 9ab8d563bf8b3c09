"""Cost of EchoReference.add per reply frame: the ring buffer against the old copy-the-window add.

    .venv/bin/python -m bench.echo_reference_add [--frames 1000]

Feeds 100 ms PCM16 frames at 24 kHz (resampled to 16 kHz, as a session's playback does) and
prints microseconds per add for both; `--rate 16000` leaves out the resampling, which both
share, to show the buffer's own cost. The old add is reproduced here.
"""
from __future__ import annotations

import argparse
import time

import numpy as np

from media.echo_reference import EchoReference
from media.pcm import float_to_pcm16, pcm16_to_float, resample


class ConcatenatingReference(EchoReference):
    """The add before the ring: concatenate the whole window with each piece, keep its end."""

    def __init__(self, rate: int = 16_000, keep_s: float = 10.0) -> None:
        super().__init__(rate, keep_s)
        self._audio = np.zeros(0, dtype=np.float32)

    def add(self, pcm16: bytes, rate: int) -> None:
        audio = pcm16_to_float(pcm16)
        if rate != self.rate:
            audio = resample(audio, rate, self.rate)
        self._audio = np.concatenate([self._audio, audio.astype(np.float32)])[-self._keep:]


def timings(ref: EchoReference, frames: list[bytes], rate: int) -> np.ndarray:
    out = np.empty(len(frames))
    for i, pcm in enumerate(frames):
        t = time.perf_counter()
        ref.add(pcm, rate)
        out[i] = time.perf_counter() - t
    return out * 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=1000)
    ap.add_argument("--rate", type=int, default=24_000)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    n = args.rate // 10
    frames = [float_to_pcm16(rng.uniform(-0.5, 0.5, n).astype(np.float32)) for _ in range(args.frames)]
    timings(EchoReference(), frames[:20], args.rate)  # warm-up
    for name, ref in (("concatenate (old)", ConcatenatingReference()), ("ring (new)", EchoReference())):
        us = timings(ref, frames, args.rate)
        print(f"{name:18s} {args.frames} adds of 100 ms at {args.rate} Hz: mean {us.mean():7.1f} us, "
              f"p50 {np.percentile(us, 50):7.1f} us, p99 {np.percentile(us, 99):7.1f} us, total {us.sum() / 1000:6.1f} ms")


if __name__ == "__main__":
    main()
