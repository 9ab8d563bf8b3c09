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
    def __init__(self, rate: int = 16_000, keep_s: float = 10.0) -> None:
        self.rate = rate
        self._keep = int(rate * keep_s)
        self._audio = np.zeros(0, dtype=np.float32)

    def add(self, pcm16: bytes, rate: int) -> None:
        """A piece of reply audio as played (mono PCM16 at `rate`)."""
        audio = pcm16_to_float(pcm16)
        if rate != self.rate:
            audio = resample(audio, rate, self.rate)
        self._audio = np.concatenate([self._audio, audio.astype(np.float32)])[-self._keep:]

    def clear(self) -> None:
        self._audio = np.zeros(0, dtype=np.float32)

    def similarity(self, mic: np.ndarray) -> float:
        """Peak normalised cross-correlation of `mic` (float audio at `rate`) with the reference."""
        ref, n = self._audio, len(mic)
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
