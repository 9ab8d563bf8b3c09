"""Audio across an aiortc peer connection: PCM16 in and out of WebRTC media tracks.

* `PlaybackTrack` is the reply's outgoing track. Whatever PCM is pushed plays out in
  real time, 20 ms per frame, silence when nothing is queued; `flush()` drops what is
  queued, so a barge-in silences the call within one frame. `played_ms` counts the reply
  audio that has actually left for the caller, and `played_by_tag` counts it per item;
  `first_voiced` says when each item's first voiced sample left. Audio pushed while
  the track is idle leaves at once, not on the next 20 ms tick (the clock restarts there).
* `PcmFromFrames` turns the caller's decoded frames (Opus: 48 kHz stereo; G.711: 8 kHz)
  into mono PCM16 at the rate the voice session reads.
"""
from __future__ import annotations

import asyncio
import fractions
import time
from collections import deque
from typing import Callable

import av
from aiortc import MediaStreamTrack
from aiortc.mediastreams import MediaStreamError

from .pcm import FirstVoiced

FRAME_S = 0.020


class PlaybackTrack(MediaStreamTrack):
    """An outgoing audio track fed with PCM16 mono at `rate`, paced by the wall clock."""

    kind = "audio"

    def __init__(self, rate: int = 24000, max_queued_s: float = 30.0, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock  # the wall clock that paces the track (monotonic seconds)
        self.rate = rate
        self._samples = int(rate * FRAME_S)
        self._frame_bytes = self._samples * 2
        self._queue = bytearray()
        self._tags: deque[list] = deque()  # [tag, bytes still queued] for the queued audio, in order
        self._max_bytes = int(max_queued_s * rate) * 2
        self._start: float | None = None
        self._pts = 0
        self.played_ms = 0.0  # reply audio (not silence) handed to the encoder so far
        self.dropped_ms = 0.0  # reply audio flushed before it played
        self.played_by_tag: dict[str, float] = {}  # the same, per tag given to push()
        self.first_voiced = FirstVoiced()  # when each tag's first voiced sample left (monotonic)
        self._idle = True  # the last frame sent was silence
        self._audio_waiting = asyncio.Event()  # set by push() while idle

    @property
    def queued_ms(self) -> float:
        return len(self._queue) / 2 / self.rate * 1000.0

    def push(self, pcm: bytes, tag: str = "") -> None:
        """Queue PCM16 mono for playback; `tag` (e.g. an item id) attributes it in
        `played_by_tag`. Past `max_queued_s` the oldest audio is dropped (the sender
        outruns real time only if it ignores the playback clock)."""
        pcm = pcm[: len(pcm) // 2 * 2]
        if not pcm:
            return
        self._queue += pcm
        if self._tags and self._tags[-1][0] == tag:
            self._tags[-1][1] += len(pcm)
        else:
            self._tags.append([tag, len(pcm)])
        if self._idle:
            self._audio_waiting.set()
        excess = len(self._queue) - self._max_bytes
        if excess > 0:
            self._take(excess)
            self.dropped_ms += excess / 2 / self.rate * 1000.0

    def flush(self) -> float:
        """Drop everything queued; returns the milliseconds dropped."""
        ms = self.queued_ms
        self._queue.clear()
        self._tags.clear()
        self.dropped_ms += ms
        return ms

    def _take(self, n: int) -> list[tuple[str, int]]:
        """Remove n bytes from the front of the queue; which tags they belonged to."""
        del self._queue[:n]
        taken = []
        while n > 0 and self._tags:
            tag, size = self._tags[0]
            k = min(n, size)
            taken.append((tag, k))
            n -= k
            if k == size:
                self._tags.popleft()
            else:
                self._tags[0][1] -= k
        return taken

    async def recv(self) -> av.AudioFrame:
        if self.readyState != "live":
            raise MediaStreamError
        now = self._clock()
        if self._start is None:
            self._start = now
        else:
            due = self._start + self._pts / self.rate
            if due > now:
                await self._wait_until(due - now)  # a real-time source: one frame per 20 ms of clock
        chunk = bytes(self._queue[: self._frame_bytes])
        sent_at, offset = self._clock(), 0
        for tag, n in self._take(len(chunk)):
            ms = n / 2 / self.rate * 1000.0
            self.played_ms += ms
            self.played_by_tag[tag] = self.played_by_tag.get(tag, 0.0) + ms
            self.first_voiced.piece(tag, chunk[offset:offset + n], self.rate, sent_at + offset // 2 / self.rate)
            offset += n
        self._idle = not chunk
        self._audio_waiting.clear()
        chunk = chunk.ljust(self._frame_bytes, b"\0")
        frame = av.AudioFrame(format="s16", layout="mono", samples=self._samples)
        frame.planes[0].update(chunk)
        frame.sample_rate = self.rate
        frame.pts = self._pts
        frame.time_base = fractions.Fraction(1, self.rate)
        self._pts += self._samples
        return frame

    async def _wait_until(self, delay: float) -> None:
        """Sleep until the next tick; while idle, audio pushed meanwhile ends the wait and the
        clock restarts from now (the first reply frame does not wait up to 20 ms)."""
        if not self._idle:
            await asyncio.sleep(delay)
            return
        if not self._queue:
            try:
                await asyncio.wait_for(self._audio_waiting.wait(), delay)
            except TimeoutError:
                return
        self._start = self._clock() - self._pts / self.rate


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
