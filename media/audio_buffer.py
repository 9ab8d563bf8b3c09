"""AudioBuffer: a session's recent microphone audio, addressed by absolute sample index.

Appends are O(1) (a list of chunks, never one array re-concatenated per frame). Audio
before `keep_from()` is released; the buffer never holds more than `max_samples`, and an
append that would exceed it raises `AudioBufferFull` (nothing is added) so the caller can
say so instead of growing without bound.
"""
from __future__ import annotations

import time
from collections import deque

import numpy as np


class AudioBufferFull(Exception):
    """The buffer is at its cap; the caller must commit, clear or let the turn end first."""


class AudioBuffer:
    def __init__(self, rate: int = 16_000, max_samples: int = 16_000 * 120) -> None:
        self.rate = rate
        self.max_samples = max_samples
        self._chunks: deque[np.ndarray] = deque()
        # per append: [end sample, received, arrived, vad] (monotonic s): when the transport got
        # the audio (an RTP packet, a Twilio frame), when it reached the buffer (decoded and
        # resampled), when the VAD had looked at it (None until then)
        self._arrivals: deque[list] = deque(maxlen=512)
        self.start = 0  # absolute index of the first sample held
        self.end = 0  # absolute index one past the last sample

    def __len__(self) -> int:
        return self.end - self.start

    def append(self, samples: np.ndarray, arrived: float | None = None, received: float | None = None) -> None:
        samples = np.asarray(samples, np.float32).reshape(-1)
        if len(self) + len(samples) > self.max_samples:
            raise AudioBufferFull(f"{(len(self) + len(samples)) / self.rate:.1f} s of audio would exceed the {self.max_samples / self.rate:.0f} s buffer")
        if not len(samples):
            return
        self._chunks.append(samples)
        self.end += len(samples)
        arrived = time.monotonic() if arrived is None else arrived
        self._arrivals.append([self.end, arrived if received is None else min(received, arrived), arrived, None])

    def vad_done(self, end: int, at: float) -> None:
        """The VAD has looked at the audio up to sample `end` (at monotonic time `at`)."""
        for entry in reversed(self._arrivals):
            if entry[0] > end:
                continue
            if entry[3] is not None:
                break
            entry[3] = at

    def slice(self, start: int, end: int) -> np.ndarray:
        """A copy of samples [start, end) that are still held (clipped to what is)."""
        start, end = max(start, self.start), min(end, self.end)
        if end <= start:
            return np.zeros(0, np.float32)
        out, pos = [], self.start
        for chunk in self._chunks:
            lo, hi = pos, pos + len(chunk)
            if hi > start and lo < end:
                out.append(chunk[max(0, start - lo):min(len(chunk), end - lo)])
            if hi >= end:
                break
            pos = hi
        return np.concatenate(out) if out else np.zeros(0, np.float32)

    def keep_from(self, index: int) -> None:
        """Release whole chunks that end at or before `index`."""
        while self._chunks and self.start + len(self._chunks[0]) <= index:
            self.start += len(self._chunks.popleft())

    def clear(self) -> None:
        self._chunks.clear()
        self.start = self.end

    def arrival_of(self, index: int) -> float:
        """Monotonic time at which sample `index` arrived (live clients stream in real time)."""
        return self.hops_of(index)["arrived"]

    def hops_of(self, index: int) -> dict[str, float]:
        """When the append holding sample `index` was received by the transport, arrived in
        the buffer and was seen by the VAD. A live client streams in real time, so a sample
        near the start of a long append was spoken earlier: `received` and `arrived` are
        moved back by the audio after it in that append (the VAD saw it all at once)."""
        for end, received, arrived, vad in self._arrivals:
            if end >= index:
                back = (end - index) / self.rate
                hops = {"received": received - back, "arrived": arrived - back}
                if vad is not None:
                    hops["vad"] = vad
                return hops
        now = time.monotonic()
        return {"received": now, "arrived": now}
