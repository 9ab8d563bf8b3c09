"""TextEmbedder: a vector for a short text from a GGUF model through llama.cpp.

The vector is the mean of the model's last hidden states over the text's tokens. A chat
model is no trained sentence encoder, but its hidden states carry what a question is about
beyond its words: "a stranger says I won a prize and wants a fee" and "pay to collect my
lottery winnings" share no word and lie close. Measured use: agent/replies/risk_by_embedding.py.

`embed()` is blocking (a forward pass: about 130 ms for a 20-word question with the
bundled 0.5B on 2 cores); callers run it in a worker thread. One embedding at a time per
model (a lock); recent texts are kept, so the same question costs nothing twice.
Never imports `agent`.
"""
from __future__ import annotations

import atexit
import threading
from pathlib import Path

import numpy as np

from .events import LLMError
from .recent_vectors import RecentVectors
from .sentence_encoder import SentenceEncoder

MAX_CHARS = 400  # a spoken question is short; a longer text is cut (10 kB took 3.6-6.9 s to embed) ...
MAX_TOKENS = 96  # ... and so is text of many tokens per character (400 characters of emoji took 4.2 s)
SPEC_FORMS = ('"minilm" (the bundled all-MiniLM-L6-v2 sentence encoder), "st:/abs/folder" (another BERT sentence-transformers model), '
              '"local" (the bundled Qwen 0.5B), "smollm2" (the bundled SmolLM2-135M), "gguf:/abs/path.gguf", "off"')


class TextEmbedder:
    def __init__(self, path: Path, *, n_threads: int = 2, n_ctx: int = 512, keep: int = 256) -> None:
        try:
            import llama_cpp
        except ImportError as exc:
            raise LLMError("llama-cpp-python is not installed", "pip install llama-cpp-python", code="llm_unavailable") from exc
        self.path = Path(path)
        if not self.path.is_file():
            raise LLMError(f"no model file at {self.path}", "give the absolute path of a .gguf file", code="llm_weights")
        self._llm = llama_cpp.Llama(model_path=str(self.path), n_ctx=n_ctx, n_threads=n_threads, embedding=True,
                                    pooling_type=llama_cpp.LLAMA_POOLING_TYPE_MEAN, verbose=False)
        self._lock = threading.Lock()
        self._recent = RecentVectors(keep)

    def close(self) -> None:
        with self._lock:
            llm, self._llm = self._llm, None
            if llm is not None:
                llm.close()

    @property
    def identity(self) -> str:
        """What the vectors depend on: the model file (name and size)."""
        return f"{self.path.name}:{self.path.stat().st_size}"

    def embed(self, text: str) -> np.ndarray:
        """The text's vector (float32, not normalised). Blocking."""
        key = " ".join(text.split())[:MAX_CHARS] or "."
        hit = self._recent.get(key)
        if hit is not None:
            return hit
        with self._lock:
            text = key
            tokens = self._llm.tokenize(text.encode("utf-8", "replace"), add_bos=False)
            if len(tokens) > MAX_TOKENS:
                text = self._llm.detokenize(tokens[:MAX_TOKENS]).decode("utf-8", "ignore") or "."
            vec = np.asarray(self._llm.embed(text), dtype=np.float32)
            if vec.ndim > 1:  # a model without pooling gives one row per token
                vec = vec.mean(axis=0)
        self._recent.put(key, vec)  # under what was asked: a text cut to its tokens is found again
        return vec


_SHARED: dict[str, "TextEmbedder | SentenceEncoder"] = {}
_SHARED_LOCK = threading.Lock()


@atexit.register
def _close_shared() -> None:
    """Free the shared models before the interpreter tears llama_cpp down (else its __del__
    fails noisily at exit)."""
    with _SHARED_LOCK:
        for embedder in _SHARED.values():
            embedder.close()
        _SHARED.clear()


def is_sentence_encoder(spec: str) -> bool:
    """The spec names a sentence encoder ("minilm", "st:/abs/folder"), not a chat model's vectors."""
    return spec == "minilm" or spec.startswith("st:")


def shared_embedder(spec: str, cache_dir: Path | None = None) -> "TextEmbedder | SentenceEncoder":
    """One embedder per model in this process (servers and tests build many policies).
    Raises LLMError (code llm_config, llm_weights or llm_unavailable)."""
    from models import weights

    from .build import bundled

    spec = spec.strip()
    if is_sentence_encoder(spec) and (spec == "minilm" or Path(spec[3:]).is_absolute()):
        source = bundled(weights.minilm_zip) if spec == "minilm" else Path(spec[3:])
        with _SHARED_LOCK:
            key = str(source.resolve())
            if key not in _SHARED:
                _SHARED[key] = SentenceEncoder.from_zip(source) if spec == "minilm" else SentenceEncoder.from_folder(source)
            return _SHARED[key]
    if spec == "local":
        path = bundled(weights.assemble_qwen_gguf, cache_dir)
    elif spec == "smollm2":  # 2.3x faster, a little less sure (bench/RESULTS.md, "Risky questions by meaning")
        path = bundled(weights.smollm2_gguf)
    elif spec.startswith("gguf:") and Path(spec[5:]).is_absolute():
        path = Path(spec[5:])
    else:
        raise LLMError(f"embedding model spec {spec!r} is not one of the valid forms", f"valid forms: {SPEC_FORMS}", code="llm_config")
    with _SHARED_LOCK:
        key = str(path.resolve())
        if key not in _SHARED:
            _SHARED[key] = TextEmbedder(path)
        return _SHARED[key]
