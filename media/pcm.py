"""PCM16 frames: decoding, conversion and streaming resampling."""
from __future__ import annotations

import base64
import binascii

import numpy as np


class AudioFormatError(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def decode_base64(data: str) -> bytes:
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise AudioFormatError("invalid_base64", "audio is not valid base64") from None


def pcm16_to_float(pcm: bytes) -> np.ndarray:
    if len(pcm) % 2:
        raise AudioFormatError("invalid_audio_length", f"PCM16 needs an even byte count, got {len(pcm)}")
    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0


def float_to_pcm16(audio: np.ndarray) -> bytes:
    return (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()


def resample(audio: np.ndarray, src_rate: int, dst_rate: int) -> np.ndarray:
    """One-shot resampling of a whole clip (see `StreamResampler` for live audio)."""
    if src_rate == dst_rate or len(audio) == 0:
        return audio.astype(np.float32, copy=False)
    return StreamResampler(src_rate, dst_rate).process(audio)


class StreamResampler:
    """Linear-interpolation resampler with state across chunks.

    Downsampling first applies a short moving-average low-pass to limit aliasing. Good enough
    for speech at 8–48 kHz (ASR/VAD and playback); continuous across chunk boundaries.
    """

    def __init__(self, src_rate: int, dst_rate: int) -> None:
        self.src_rate = src_rate
        self.dst_rate = dst_rate
        self._step = src_rate / dst_rate
        self._pos = 0.0  # position of the next output sample, relative to _prev's index 0
        self._prev = np.zeros(0, np.float32)  # tail kept for interpolation
        taps = int(np.ceil(self._step)) if self._step > 1.0 else 1
        self._kernel = np.ones(taps, np.float32) / taps if taps > 1 else None
        self._filter_tail = np.zeros(max(taps - 1, 0), np.float32)

    def process(self, chunk: np.ndarray) -> np.ndarray:
        chunk = np.asarray(chunk, np.float32).reshape(-1)
        if self.src_rate == self.dst_rate:
            return chunk
        if self._kernel is not None and len(chunk):
            padded = np.concatenate([self._filter_tail, chunk])
            self._filter_tail = padded[len(padded) - len(self._filter_tail):] if len(self._filter_tail) else self._filter_tail
            chunk = np.convolve(padded, self._kernel, mode="valid").astype(np.float32)
        buf = np.concatenate([self._prev, chunk])
        if len(buf) < 2:
            self._prev = buf
            return np.zeros(0, np.float32)
        last = len(buf) - 1
        n = int(np.floor((last - self._pos) / self._step)) + 1 if self._pos <= last else 0
        idx = self._pos + self._step * np.arange(n)
        out = np.interp(idx, np.arange(len(buf)), buf).astype(np.float32)
        next_pos = self._pos + self._step * n
        keep_from = int(np.floor(next_pos))
        keep_from = min(keep_from, last)
        self._prev = buf[keep_from:]
        self._pos = next_pos - keep_from
        return out


VOICED_LEVEL = 0.02  # a sample this loud (of full scale) is sound, not the silence around it


def first_voiced_sample(pcm: bytes, level: float = VOICED_LEVEL) -> int | None:
    """Index of the first PCM16 sample whose magnitude exceeds `level`; None if there is none."""
    x = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2")
    loud = np.flatnonzero(np.abs(x.astype(np.int32)) > level * 32768)
    return int(loud[0]) if len(loud) else None


def trim_leading_silence(pcm: bytes, rate: int, keep_ms: float = 10.0, level: float = VOICED_LEVEL) -> bytes:
    """Drop the silence before the first voiced sample, keeping `keep_ms` of it so the onset
    is not clipped (Piper starts each sentence with 40–80 ms of near-silence)."""
    first = first_voiced_sample(pcm, level)
    if first is None:
        return pcm
    start = max(0, first - int(keep_ms * rate / 1000))
    return pcm[start * 2:]


class FirstVoiced:
    """When each item's first voiced sample plays, given where each piece starts playing."""

    def __init__(self) -> None:
        self._at: dict[str, float] = {}

    def piece(self, item_id: str, pcm: bytes, rate: int, starts_at: float) -> None:
        if item_id in self._at:
            return
        first = first_voiced_sample(pcm)
        if first is not None:
            self._at[item_id] = starts_at + first / rate
            if len(self._at) > 64:  # old items: only the first voiced time of recent ones is asked for
                del self._at[next(iter(self._at))]

    def get(self, item_id: str) -> float | None:
        return self._at.get(item_id)
