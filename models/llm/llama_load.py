"""Loading a GGUF model into llama.cpp for `LlamaCppChat` (llama_local.py), with its
speculative draft model (draft_model.py) where one is given, and setting the threads they
decode with.

Every failure says what to do about it: a file missing, llama-cpp-python missing, a file
llama.cpp cannot load, a draft of another tokenizer.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .events import BackendUnavailable, LLMError


def check_model_files(model_path: Path, draft_model_path: Path | None = None) -> None:
    """Both files are there (checked when the backend is built; loading waits for first use)."""
    if not model_path.is_file():
        raise LLMError(
            f"LLM model file not found: {model_path}",
            "point the LLM model path at a readable .gguf file, or use the bundled model (spec 'local')",
            code="llm_model_missing",
        )
    if draft_model_path is not None and not draft_model_path.is_file():
        raise LLMError(
            f"draft model file not found: {draft_model_path}",
            "point the draft model path at a readable .gguf file of the same tokenizer",
            code="llm_model_missing",
        )


def load_gguf(
    model_path: Path, *, n_ctx: int, n_threads: int, draft_model_path: Path | None = None, draft_tokens: int = 4
) -> tuple[Any, Any]:
    """The loaded `llama_cpp.Llama` and its `GGUFDraftModel` (None without a draft model)."""
    try:
        import llama_cpp
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise BackendUnavailable(
            f"llama-cpp-python is not installed ({exc})", "pip install llama-cpp-python==0.3.36"
        ) from exc
    draft = None
    try:
        if draft_model_path is not None:
            from .draft_model import GGUFDraftModel

            draft = GGUFDraftModel(draft_model_path, num_pred_tokens=draft_tokens, n_ctx=n_ctx, n_threads=n_threads)
        llm = llama_cpp.Llama(
            model_path=str(model_path),
            n_ctx=n_ctx,
            n_threads=n_threads,
            n_threads_batch=n_threads,
            draft_model=draft,
            logits_all=draft is not None,  # a draft needs it; without it `scores` has n_batch rows only
            verbose=False,
        )
    except Exception as exc:  # llama.cpp says ValueError("Failed to load model from file")
        if draft is not None:
            draft.close()
        raise BackendUnavailable(
            f"could not load LLM model {model_path.name}: {exc}",
            "check that the file is a complete GGUF model this llama.cpp version supports",
        ) from exc
    if draft is not None:
        from .draft_model import DraftModelMismatch

        try:
            draft.check_target(llm)
        except DraftModelMismatch as exc:
            draft.close()
            llm.close()
            raise LLMError(str(exc), "use a draft model of the same family and tokenizer", code="llm_config") from exc
    return llm, draft


def set_decode_threads(llm: Any, draft: Any, n_threads: int) -> None:
    """Worker thread: `llm` (and its `draft`, if any) decode with `n_threads` from the next step on."""
    import llama_cpp

    llama_cpp.llama_set_n_threads(llm.ctx, n_threads, n_threads)
    if draft is not None:
        draft.set_threads(n_threads)
