"""Silero VAD (the ONNX model shipped inside faster-whisper), streamed frame by frame."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from .weights import silero_vad_onnx

FRAME_SAMPLES = 512  # 32 ms at 16 kHz
SAMPLE_RATE = 16_000
_CONTEXT = 64


class SileroVAD:
    """The loaded model; cheap (~0.1 ms/frame), shared by all sessions."""

    def __init__(self, path: str | Path = "") -> None:
        import onnxruntime

        opts = onnxruntime.SessionOptions()
        opts.inter_op_num_threads = 1
        opts.intra_op_num_threads = 1
        opts.log_severity_level = 4
        self.path = Path(path) if path else silero_vad_onnx()
        self.name = "silero-vad " + self.path.stem
        self._session = onnxruntime.InferenceSession(str(self.path), sess_options=opts, providers=["CPUExecutionProvider"])

    def stream(self) -> "VADStream":
        return VADStream(self)


class VADStream:
    """Per-session recurrent state: feed 16 kHz float32 audio, get one probability per 32 ms."""

    def __init__(self, vad: SileroVAD) -> None:
        self._session = vad._session
        self._h = np.zeros((1, 1, 128), np.float32)
        self._c = np.zeros((1, 1, 128), np.float32)
        self._context = np.zeros(_CONTEXT, np.float32)
        self._pending = np.zeros(0, np.float32)

    @property
    def pending_samples(self) -> int:
        """Audio given to process() that waits for a whole 32 ms frame."""
        return len(self._pending)

    def process(self, audio: np.ndarray) -> list[float]:
        self._pending = np.concatenate([self._pending, np.asarray(audio, np.float32).reshape(-1)])
        probs: list[float] = []
        while len(self._pending) >= FRAME_SAMPLES:
            frame, self._pending = self._pending[:FRAME_SAMPLES], self._pending[FRAME_SAMPLES:]
            x = np.concatenate([self._context, frame])[None, :]
            out, self._h, self._c = self._session.run(None, {"input": x, "h": self._h, "c": self._c})
            self._context = frame[-_CONTEXT:]
            probs.append(float(np.asarray(out).reshape(-1)[0]))
        return probs
