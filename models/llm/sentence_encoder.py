"""SentenceEncoder: a trained sentence encoder (BERT family, sentence-transformers layout) in NumPy.

A chat model's mean hidden state (embedder.TextEmbedder) is no sentence encoder: it took
130 ms a question and placed "schedule an email in Outlook" near "a scammer asks you to act
now". A model trained for sentence similarity does this job: all-MiniLM-L6-v2 (6 layers,
384 wide, 22.7 M weights) runs here in NumPy in a few milliseconds per question, with no
torch or onnxruntime.

`from_folder` loads any BERT sentence-transformers model with mean pooling from its files
(`config.json`, `tokenizer.json`, `model.safetensors`, fp32 or fp16); `from_zip` reads the
same files from a zip without unpacking it (the bundled package ships one). Never imports
`agent`.
"""
from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path
from typing import Callable

import numpy as np

from .events import LLMError
from .recent_vectors import RecentVectors

MAX_TOKENS = 128  # a spoken question is short; a longer text is cut after this many word pieces
_DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": None, "I64": np.int64}


def _safetensors(blob: bytes) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file: an 8-byte header length, a JSON header, the data."""
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    data = memoryview(blob)[8 + n:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(info["dtype"])
        if dtype is None:
            raise LLMError(f"tensor {name} has dtype {info['dtype']}, which this encoder does not read", "use fp32 or fp16 weights", code="llm_weights")
        start, end = info["data_offsets"]
        tensors[name.removeprefix("bert.")] = np.frombuffer(data[start:end], dtype=dtype).reshape(info["shape"])
    return tensors


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to 1.5e-7 (Abramowitz and Stegun 7.1.26): BERT's GELU is the exact one."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class SentenceEncoder:
    """A unit vector per text; blocking (a forward pass), thread-safe, recent texts kept."""

    def __init__(self, config: dict, tokenizer_json: str, tensors: dict[str, np.ndarray], *, identity: str, keep: int = 256) -> None:
        from tokenizers import Tokenizer

        if config.get("model_type") != "bert":
            raise LLMError(f"model type {config.get('model_type')!r} is not BERT", "give a BERT sentence-transformers model", code="llm_weights")
        self.identity = identity
        self._heads = int(config["num_attention_heads"])
        self._layers = int(config["num_hidden_layers"])
        self._eps = float(config.get("layer_norm_eps", 1e-12))
        self._max_positions = int(config.get("max_position_embeddings", 512))
        self._w = {k: v.astype(np.float32) for k, v in tensors.items() if v.dtype != np.int64}
        for k in [k for k in self._w if k.endswith(".weight") and self._w[k].ndim == 2 and "embeddings" not in k]:
            self._w[k] = np.ascontiguousarray(self._w[k].T)  # (in, out): x @ W
        self._tokenizer = Tokenizer.from_str(tokenizer_json)
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(min(MAX_TOKENS, self._max_positions))
        self._recent = RecentVectors(keep)

    @classmethod
    def from_files(cls, read: Callable[[str], bytes], identity: str) -> "SentenceEncoder":
        try:
            config = json.loads(read("config.json"))
            tokenizer_json = read("tokenizer.json").decode("utf-8")
            tensors = _safetensors(read("model.safetensors"))
        except (KeyError, FileNotFoundError) as exc:
            raise LLMError(f"sentence encoder {identity}: a file is missing ({exc})",
                           "a sentence-transformers folder has config.json, tokenizer.json and model.safetensors", code="llm_weights") from exc
        except (ValueError, struct.error) as exc:
            raise LLMError(f"sentence encoder {identity}: unreadable ({exc})", "reinstall the model", code="llm_weights") from exc
        return cls(config, tokenizer_json, tensors, identity=identity)

    @classmethod
    def from_folder(cls, folder: Path) -> "SentenceEncoder":
        folder = Path(folder)
        return cls.from_files(lambda name: (folder / name).read_bytes(), f"{folder.name}:{(folder / 'model.safetensors').stat().st_size if (folder / 'model.safetensors').exists() else 0}")

    @classmethod
    def from_zip(cls, path: Path) -> "SentenceEncoder":
        with zipfile.ZipFile(path) as zf:
            return cls.from_files(zf.read, f"{Path(path).parent.name}/{Path(path).name}:{Path(path).stat().st_size}")

    def close(self) -> None:
        """Nothing to free but memory (kept for the TextEmbedder interface)."""

    def embed(self, text: str) -> np.ndarray:
        """The text's vector (float32, unit length). Blocking: about 2-6 ms for a question."""
        key = " ".join(text.split())[:2000] or "."
        hit = self._recent.get(key)
        if hit is None:
            hit = self._forward(self._tokenizer.encode(key).ids)
            self._recent.put(key, hit)
        return hit

    def _forward(self, ids: list[int]) -> np.ndarray:
        w = self._w
        n = len(ids)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n] \
            + w["embeddings.token_type_embeddings.weight"][0]
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self._eps)
        width = x.shape[1]
        head = width // self._heads
        for i in range(self._layers):
            p = f"encoder.layer.{i}."

            def dense(h: np.ndarray, name: str) -> np.ndarray:
                return h @ w[p + name + ".weight"] + w[p + name + ".bias"]

            q, k, v = (dense(x, f"attention.self.{m}").reshape(n, self._heads, head).transpose(1, 0, 2) for m in ("query", "key", "value"))
            scores = q @ k.transpose(0, 2, 1) / np.sqrt(head)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            attended = (scores / scores.sum(-1, keepdims=True)) @ v
            x = _layer_norm(x + dense(attended.transpose(1, 0, 2).reshape(n, width), "attention.output.dense"),
                            w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], self._eps)
            inner = dense(x, "intermediate.dense")
            inner = 0.5 * inner * (1.0 + _erf(inner / np.sqrt(2.0)))
            x = _layer_norm(x + dense(inner, "output.dense"), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self._eps)
        pooled = x.mean(0)  # mean pooling (one text, no padding)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)
