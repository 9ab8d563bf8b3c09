"""`build_chat`: LLM backends from configuration specs."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .events import ChatBackend, LLMError
from .fallback import FallbackChat
from .llama_local import LlamaCppChat
from .openai_http import OpenAICompatChat
from .routed import RoutedChat


def bundled(assemble, *args) -> Path:
    """A bundled model's path from `models.weights` (`assemble(*args)`), its WeightsError as an
    LLMError (code llm_weights) with the weights' own hint."""
    from models import weights

    try:
        return assemble(*args)
    except weights.WeightsError as exc:
        raise LLMError(str(exc), exc.hint, code="llm_weights") from exc


SPEC_FORMS = '"local", "local-1.5b", "local-1.5b+draft", "local-routed", "smollm2", "gguf:/abs/path.gguf", "openai:http://host:port/v1#model-name"'


def build_chat(
    specs: Sequence[str],
    *,
    model_path: str = "",
    api_key: str = "",
    timeout_s: float = 30.0,
    n_threads: int = 2,
    n_ctx: int = 4096,
    cache_dir: Path | None = None,
    seed: int = 0,
    kv_snapshot_mb: int = 192,
) -> ChatBackend:
    """Backends from config specs; several specs make a `FallbackChat` in that order. `seed` >= 0
    makes sampling repeatable (the same prompt gets the same reply); -1 samples at random."""
    from models import weights

    if isinstance(specs, str):
        specs = [specs]
    backends: list[ChatBackend] = []
    for raw in specs:
        spec = raw.strip()
        if spec == "local":
            if model_path:
                path = Path(model_path)
                name = None
            else:
                path = bundled(weights.assemble_qwen_gguf, cache_dir)
                name = "llama.cpp qwen2.5-coder-0.5b-instruct-q4_k_m"
            backends.append(LlamaCppChat(path, n_ctx=n_ctx, n_threads=n_threads, name=name, seed=seed, kv_snapshot_mb=kv_snapshot_mb))
        elif spec == "local-routed":  # the 0.5B where the prompt grounds the turn, the 1.5B where it does not (routed.py)
            small = LlamaCppChat(bundled(weights.assemble_qwen_gguf, cache_dir), n_ctx=n_ctx, n_threads=n_threads,
                                 name="llama.cpp qwen2.5-coder-0.5b-instruct-q4_k_m", seed=seed, kv_snapshot_mb=kv_snapshot_mb)
            large = LlamaCppChat(bundled(weights.assemble_qwen_1_5b_gguf, cache_dir), n_ctx=n_ctx, n_threads=n_threads,
                                 name="llama.cpp qwen2.5-coder-1.5b-instruct-q4_k_m", seed=seed, kv_snapshot_mb=kv_snapshot_mb)
            backends.append(RoutedChat(small, large))
        elif spec in ("local-1.5b", "local-1.5b+draft"):
            # "+draft": speculative decoding, the bundled 0.5B (same tokenizer) drafting for the 1.5B
            path = bundled(weights.assemble_qwen_1_5b_gguf, cache_dir)
            draft = bundled(weights.assemble_qwen_gguf, cache_dir) if spec.endswith("+draft") else None
            name = "llama.cpp qwen2.5-coder-1.5b-instruct-q4_k_m" + (" +0.5b draft" if draft else "")
            backends.append(LlamaCppChat(path, n_ctx=n_ctx, n_threads=n_threads, name=name,
                                         seed=seed, kv_snapshot_mb=kv_snapshot_mb, draft_model_path=draft))
        elif spec == "smollm2":
            path = bundled(weights.smollm2_gguf)
            backends.append(LlamaCppChat(path, n_ctx=n_ctx, n_threads=n_threads, name="llama.cpp smollm2-135m-instruct-q4_1",
                                         seed=seed, kv_snapshot_mb=kv_snapshot_mb))
        elif spec.startswith("gguf:"):
            path = Path(spec[5:])
            if not path.is_absolute():
                raise LLMError(f"LLM spec {raw!r}: the GGUF path must be absolute", f"valid forms: {SPEC_FORMS}", code="llm_config")
            backends.append(LlamaCppChat(path, n_ctx=n_ctx, n_threads=n_threads, seed=seed, kv_snapshot_mb=kv_snapshot_mb))
        elif spec.startswith("openai:"):
            url, _, model = spec[7:].partition("#")
            if not url.startswith(("http://", "https://")) or not model:
                raise LLMError(
                    f"LLM spec {raw!r} needs a base URL and a model name",
                    'use "openai:http://host:port/v1#model-name"',
                    code="llm_config",
                )
            backends.append(OpenAICompatChat(url, model, api_key=api_key or None, timeout_s=timeout_s, seed=seed))
        else:
            raise LLMError(f"unknown LLM backend spec {raw!r}", f"valid forms: {SPEC_FORMS}", code="llm_config")
    if not backends:
        raise LLMError("no LLM backend configured", f"valid forms: {SPEC_FORMS}", code="llm_config")
    return backends[0] if len(backends) == 1 else FallbackChat(backends)
