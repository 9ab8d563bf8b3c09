"""Real recordings with reference transcripts (`NAME.wav` + `NAME.ref.txt`), as the voice
benchmarks and the real-speech tests read them.

The clips live in `../shared/speech-dev/` (nine recordings; see its README for sources and
licences); the ones the tests need are copied into `tests/fixtures/speech/`.
"""
from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED_CLIPS = ROOT.parent / "shared" / "speech-dev"
FIXTURE_CLIPS = ROOT / "tests" / "fixtures" / "speech"
VAD_FRAME_S = 512 / 16000


@dataclass(frozen=True)
class RealClip:
    name: str
    reference: str  # "" for a clip with no speech in it
    rate: int  # of `audio`, the recording's own rate
    audio: np.ndarray  # float32 mono in [-1, 1]

    @property
    def duration_s(self) -> float:
        return len(self.audio) / self.rate

    def at(self, rate: int) -> np.ndarray:
        from media.pcm import resample

        return self.audio if rate == self.rate else resample(self.audio, self.rate, rate)


def read_wav(path: Path) -> tuple[int, np.ndarray]:
    """(sample rate, float32 mono) of a 16-bit PCM wav."""
    with wave.open(str(path)) as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit PCM wavs are read here")
        x = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float32) / 32768.0
        if w.getnchannels() > 1:
            x = x.reshape(-1, w.getnchannels()).mean(axis=1)
        return w.getframerate(), x


def write_wav(path: Path, rate: int, audio: np.ndarray) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())


def load_clips(folder: Path | None = None) -> list[RealClip]:
    """Every `NAME.ref.txt` with its `NAME.wav` (the original rate, not the `_16k` copy)."""
    folder = folder or (SHARED_CLIPS if SHARED_CLIPS.is_dir() else FIXTURE_CLIPS)
    clips = []
    for ref in sorted(folder.glob("*.ref.txt")):
        name = ref.name[: -len(".ref.txt")]
        rate, audio = read_wav(folder / f"{name}.wav")
        clips.append(RealClip(name, ref.read_text().strip(), rate, audio))
    if not clips:
        raise FileNotFoundError(f"no NAME.ref.txt + NAME.wav clips in {folder}")
    return clips


def voiced_spans(vad: Any, audio16: np.ndarray, threshold: float = 0.5) -> list[tuple[float, float]]:
    """(start, end) seconds of the runs of Silero frames at or above `threshold`."""
    probs = vad.stream().process(audio16)
    spans: list[tuple[float, float]] = []
    start = None
    for i, p in enumerate([*probs, 0.0]):
        if p >= threshold and start is None:
            start = i
        elif p < threshold and start is not None:
            spans.append((start * VAD_FRAME_S, i * VAD_FRAME_S))
            start = None
    return spans


def last_voiced_s(vad: Any, clip: RealClip) -> float | None:
    """Seconds from the clip's start to the end of its last voiced Silero frame."""
    spans = voiced_spans(vad, clip.at(16000))
    return spans[-1][1] if spans else None


def without_long_pauses(vad: Any, clip: RealClip, *, longer_than_s: float = 0.4, keep_s: float = 0.25) -> RealClip:
    """The clip with each pause longer than `longer_than_s` cut to `keep_s` (half from each
    side), leading and trailing silence cut to 0.3 s: one continuous utterance of real
    speech (s16's five sentences become one ~13 s utterance)."""
    x = clip.at(16000)
    spans = voiced_spans(vad, x)
    if not spans:
        return clip
    half, pre = int(keep_s / 2 * 16000), int(0.3 * 16000)
    parts = [x[max(0, int(spans[0][0] * 16000) - pre):int(spans[0][1] * 16000)]]
    for (_s0, e0), (s1, e1) in zip(spans, spans[1:]):
        gap = x[int(e0 * 16000):int(s1 * 16000)]
        if s1 - e0 > longer_than_s:
            gap = np.concatenate([gap[:half], gap[-half:]])
        parts += [gap, x[int(s1 * 16000):int(e1 * 16000)]]
    parts.append(x[int(spans[-1][1] * 16000):int(spans[-1][1] * 16000) + pre])
    return RealClip(clip.name + "_joined", clip.reference, 16000, np.concatenate(parts).astype(np.float32))


def with_noise(clip: RealClip, noise: RealClip, snr_db: float) -> RealClip:
    """The clip with `noise` (a real recording) mixed in at `snr_db`, at 16 kHz."""
    x, n = clip.at(16000), noise.at(16000)
    n = np.resize(n, len(x))
    gain = np.sqrt(np.mean(x**2) / max(np.mean(n**2), 1e-12) / 10 ** (snr_db / 10))
    return RealClip(f"{clip.name}+noise{snr_db:g}dB", clip.reference, 16000, (x + gain * n).astype(np.float32))
