"""Audio across an aiortc peer connection: PCM16 in and out of WebRTC media tracks.

* `PlaybackTrack` is the reply's outgoing track. Whatever PCM is pushed plays out in
  real time, 20 ms per frame, silence when nothing is queued; `flush()` drops what is
  queued, so a barge-in silences the call within one frame. `played_ms` counts the reply
  audio that has actually left for the caller.
* `PcmFromFrames` turns the caller's decoded frames (Opus: 48 kHz stereo; G.711: 8 kHz)
  into mono PCM16 at the rate the voice session reads.
"""
from __future__ import annotations

import asyncio
import fractions
import time

import av
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError

FRAME_S = 0.020


class PlaybackTrack(MediaStreamTrack):
    """An outgoing audio track fed with PCM16 mono at `rate`, paced by the wall clock."""

    kind = "audio"

    def __init__(self, rate: int = 24000, max_queued_s: float = 30.0) -> None:
        super().__init__()
        self.rate = rate
        self._samples = int(rate * FRAME_S)
        self._frame_bytes = self._samples * 2
        self._queue = bytearray()
        self._max_bytes = int(max_queued_s * rate) * 2
        self._start: float | None = None
        self._pts = 0
        self.played_ms = 0.0  # reply audio (not silence) handed to the encoder so far
        self.dropped_ms = 0.0  # reply audio flushed before it played

    @property
    def queued_ms(self) -> float:
        return len(self._queue) / 2 / self.rate * 1000.0

    def push(self, pcm: bytes) -> None:
        """Queue PCM16 mono for playback. Past `max_queued_s` the oldest audio is dropped
        (the sender outruns real time only if it ignores the playback clock)."""
        self._queue += pcm[: len(pcm) // 2 * 2]
        excess = len(self._queue) - self._max_bytes
        if excess > 0:
            del self._queue[:excess]
            self.dropped_ms += excess / 2 / self.rate * 1000.0

    def flush(self) -> float:
        """Drop everything queued; returns the milliseconds dropped."""
        ms = self.queued_ms
        self._queue.clear()
        self.dropped_ms += ms
        return ms

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        now = time.monotonic()
        if self._start is None:
            self._start = now
        else:
            due = self._start + self._pts / self.rate
            if due > now:
                await asyncio.sleep(due - now)  # a real-time source: one frame per 20 ms of clock
        chunk = bytes(self._queue[: self._frame_bytes])
        del self._queue[: self._frame_bytes]
        if chunk:
            self.played_ms += len(chunk) / 2 / self.rate * 1000.0
        chunk = chunk.ljust(self._frame_bytes, b"\0")
        frame = av.AudioFrame(format="s16", layout="mono", samples=self._samples)
        frame.planes[0].update(chunk)
        frame.sample_rate = self.rate
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, self.rate)
        self._pts += self._samples
        return frame


class PcmFromFrames:
    """Decoded audio frames of any layout and rate → mono PCM16 bytes at `rate`."""

    def __init__(self, rate: int = 24000) -> None:
        self.rate = rate
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)

    def convert(self, frame: av.AudioFrame) -> bytes:
        out = b""
        for f in self._resampler.resample(frame):
            out += bytes(f.planes[0])[: f.samples * 2]
        return out
