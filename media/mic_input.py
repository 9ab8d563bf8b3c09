"""MicInput: a session's microphone, from PCM16 frames to endpoint events.

PCM16 at the client's rate in → 16 kHz float32 into an `AudioBuffer` → Silero VAD per
32 ms → `EndOfSpeech` events (speech started, pause, resumed, turn ended). A large append
(a client sending seconds at once) runs the VAD in a worker thread so the event loop keeps
serving other sessions; 20 ms live frames run inline (~0.1 ms each).
"""
from __future__ import annotations

import time
from typing import Any

import anyio
import numpy as np

from .audio_buffer import AudioBuffer
from .endpointing import EndOfSpeech, EndpointEvent
from .pcm import StreamResampler, pcm16_to_float

RATE = 16_000
INLINE_VAD_SAMPLES = RATE // 8  # up to 125 ms of audio: VAD inline; more: in a thread


class MicInput:
    def __init__(self, vad: Any, *, input_rate: int, threshold: float, silence_duration_ms: int,
                 min_speech_ms: int, max_buffer_s: float) -> None:
        self._vad_model = vad
        self.input_rate = input_rate  # of the PCM16 `feed` takes
        self._resampler = StreamResampler(input_rate, RATE)
        self._vad = vad.stream()
        self.eos = EndOfSpeech(threshold=threshold, silence_duration_ms=silence_duration_ms, min_speech_ms=min_speech_ms)
        self.buffer = AudioBuffer(RATE, int(max_buffer_s * RATE))
        self.detect = True  # False: turn_detection null, audio only accumulates
        self.origin = 0  # buffer index where EndOfSpeech's clock (ms since its reset) starts

    def reset(self, input_rate: int) -> None:
        """A new input format or a cleared buffer: start over (the end of the buffer stays the same index)."""
        self.input_rate = input_rate
        self._resampler = StreamResampler(input_rate, RATE)
        self._vad = self._vad_model.stream()
        self.eos.reset()
        self.buffer.clear()
        self.origin = self.buffer.end

    @property
    def end(self) -> int:
        return self.buffer.end

    async def feed(self, pcm16: bytes, arrived: float, received: float | None = None) -> list[EndpointEvent]:
        """Append audio (`received`: when the transport got it, before decoding; `arrived`:
        now, decoded); the endpoint events it caused. Raises AudioBufferFull (nothing added)."""
        x = self._resampler.process(pcm16_to_float(pcm16))
        self.buffer.append(x, arrived, received)
        if not self.detect:
            return []
        if len(x) > INLINE_VAD_SAMPLES:
            probs = await anyio.to_thread.run_sync(self._vad.process, x)
        else:
            probs = self._vad.process(x)
        self.buffer.vad_done(self.buffer.end - self._vad.pending_samples, time.monotonic())
        events: list[EndpointEvent] = []
        for p in probs:
            events.extend(self.eos.push(p))
        return events

    def slice(self, start: int, end: int) -> np.ndarray:
        return self.buffer.slice(start, end)

    def sample_at_ms(self, ms: float) -> int:
        """The buffer index of a time on EndOfSpeech's clock."""
        return self.origin + int(ms * RATE / 1000)
