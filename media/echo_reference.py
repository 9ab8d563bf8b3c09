"""EchoReference: the reply audio played lately, to recognise it coming back through the mic.

A loudspeaker next to the microphone feeds the agent's own voice back as "speech". Telling
that from the words alone is weak: 300 ms of one's own reply often decodes as an unrelated
word ("Bicycles…" → "basically."). The waveform is a far stronger witness. `similarity()`
slides the microphone's audio along the reference and returns the best normalised
cross-correlation: 1.0 for the same waveform at some delay and gain; measured on the 8 real
recordings in ../shared/speech-dev against 6 s of a Piper reply, other people's speech
scored 0.16–0.37, and the reply at a third of its level under noise 0.63.
"""
from __future__ import annotations

import numpy as np

from .pcm import pcm16_to_float, resample


class EchoReference:
    """The last `keep_s` seconds of reply audio, in a preallocated ring: `add` runs on the event
    loop for every reply frame, so it writes in place instead of copying the whole window."""

    def __init__(self, rate: int = 16_000, keep_s: float = 10.0) -> None:
        self.rate = rate
        self._keep = int(rate * keep_s)
        if self._keep < 1:
            raise ValueError(f"keep_s={keep_s} keeps no sample at {rate} Hz")
        self._ring = np.zeros(self._keep, dtype=np.float32)
        self._end = 0  # where the next sample goes
        self._filled = 0  # samples held, up to _keep

    def add(self, pcm16: bytes, rate: int) -> None:
        """A piece of reply audio as played (mono PCM16 at `rate`)."""
        audio = pcm16_to_float(pcm16)
        if rate != self.rate:
            audio = resample(audio, rate, self.rate)
        audio = audio[-self._keep:]  # a piece longer than the window: only its end stays
        n = len(audio)
        first = min(n, self._keep - self._end)
        self._ring[self._end:self._end + first] = audio[:first]
        self._ring[:n - first] = audio[first:]
        self._end = (self._end + n) % self._keep
        self._filled = min(self._filled + n, self._keep)

    def clear(self) -> None:
        self._end = self._filled = 0

    def recent(self) -> np.ndarray:
        """The audio held, oldest first (a copy; at most `keep_s` seconds)."""
        if self._filled < self._keep:
            return self._ring[:self._filled].copy()
        return np.concatenate([self._ring[self._end:], self._ring[:self._end]])

    def similarity(self, mic: np.ndarray) -> float:
        """Peak normalised cross-correlation of `mic` (float audio at `rate`) with the reference."""
        ref, n = self.recent(), len(mic)
        if n == 0 or len(ref) < n:
            return 0.0
        mic = mic.astype(np.float64) - float(np.mean(mic))
        mic_norm = float(np.sqrt(np.dot(mic, mic)))
        if mic_norm < 1e-6:
            return 0.0
        size = 1 << int(np.ceil(np.log2(len(ref) + n)))
        corr = np.fft.irfft(np.fft.rfft(ref, size) * np.conj(np.fft.rfft(mic, size)), size)[: len(ref) - n + 1]
        energy = np.concatenate([[0.0], np.cumsum(ref.astype(np.float64) ** 2)])
        window = np.sqrt(np.maximum(energy[n:] - energy[:-n], 0.0))  # the reference's norm at each lag
        loud = window > 1e-3 * np.sqrt(n)  # lags where the reply was silent say nothing
        if not loud.any():
            return 0.0
        return float(np.max(np.abs(corr[loud]) / (window[loud] * mic_norm)))
