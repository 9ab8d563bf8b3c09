"""`GGUFDraftModel`: a smaller GGUF of the same tokenizer drafts tokens for speculative decoding.

llama-cpp-python's `Llama(draft_model=...)` asks its draft, after every token it samples, for
a few tokens that may come next; it then evaluates the sampled token and the draft in one
batch and keeps the draft tokens up to the first one it would not have sampled itself. Every
token is still sampled from the target's own logits; a good draft only spares decode steps.
The reply is the target's own up to numerics: on CPU, llama.cpp's logits for a token
evaluated in a batch differ from those of a one-token step by up to ~0.5, so a near-tie
(margins of 0.04-0.2 seen) can go the other way; greedy 1.5B replies with and without the
0.5B draft were identical for 6 of 10 help-desk questions (bench/speculative.py).

Here the draft is a second, smaller llama.cpp model (Qwen2.5-Coder-0.5B beside the 1.5B).
It keeps its own KV cache in step with the sequence it is given: the longest common prefix
with what it evaluated last stays, the rest is removed, only the new tokens are evaluated,
and then it decodes `num_pred_tokens` tokens greedily (the last one is not evaluated: its
logits are never needed). Its first call of a turn therefore evaluates whatever part of the
prompt it has not seen yet (the whole prompt, the first time).

Costs on the target (llama-cpp-python 0.3.36): a draft forces `logits_all`, so every
evaluated token (prompt tokens too) computes its logits and copies them into `Llama.scores`,
an `n_ctx x n_vocab` float32 array (4096 x 151,936 = 2.3 GiB of address space for Qwen2.5,
593 KiB touched per position evaluated). The target must be built with `logits_all=True`
as well: otherwise `scores` has only `n_batch` rows and a sequence past 512 tokens fails.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from llama_cpp.llama_speculative import LlamaDraftModel

__all__ = ["DraftModelMismatch", "GGUFDraftModel"]

_PROBE = "Restart the router, then open Settings > Wi-Fi.\n<|im_start|>assistant\n"


class DraftModelMismatch(ValueError):
    """The draft model's tokenizer is not the target's: its token ids would mean other text."""


class GGUFDraftModel(LlamaDraftModel):
    """Greedy drafts from a second GGUF model; `calls`, `drafted` count what it proposed."""

    def __init__(
        self,
        model_path: str | Path,
        *,
        num_pred_tokens: int = 4,
        n_ctx: int = 4096,
        n_threads: int = 2,
    ) -> None:
        import llama_cpp

        if num_pred_tokens < 1:
            raise ValueError(f"num_pred_tokens must be at least 1, not {num_pred_tokens}")
        self.model_path = Path(model_path)
        self.num_pred_tokens = int(num_pred_tokens)
        self.llm = llama_cpp.Llama(
            model_path=str(self.model_path),
            n_ctx=int(n_ctx),
            n_threads=int(n_threads),
            n_threads_batch=int(n_threads),
            logits_all=False,  # the draft reads only its last token's logits
            verbose=False,
        )
        self._n_vocab = self.llm.n_vocab()
        self._vocab = self.llm._model.vocab
        self._is_eog = llama_cpp.llama_vocab_is_eog
        self._get_logits_ith = llama_cpp.llama_get_logits_ith
        self._set_n_threads = llama_cpp.llama_set_n_threads
        # observable (tests, benchmarks)
        self.calls = 0  # times the target asked for a draft
        self.drafted = 0  # tokens proposed in all
        self.evaluated = 0  # tokens the draft model evaluated (catching up with the sequence, then drafting)

    def __repr__(self) -> str:
        return f"GGUFDraftModel({self.model_path.name!r}, num_pred_tokens={self.num_pred_tokens})"

    def check_target(self, target: Any) -> None:
        """Raise `DraftModelMismatch` unless `target` (a `llama_cpp.Llama`) has this model's
        vocabulary size and tokenizes a probe text (special tokens included) the same way."""
        n_target = int(target.n_vocab())
        if n_target != self._n_vocab:
            raise DraftModelMismatch(
                f"draft model {self.model_path.name} has a vocabulary of {self._n_vocab} tokens, "
                f"the target model {n_target}: a draft needs the target's tokenizer"
            )
        probe = _PROBE.encode()
        if self.llm.tokenize(probe, add_bos=False, special=True) != target.tokenize(probe, add_bos=False, special=True):
            raise DraftModelMismatch(
                f"draft model {self.model_path.name} tokenizes text differently from the target model: "
                "a draft needs the target's tokenizer"
            )

    def set_threads(self, n_threads: int) -> None:
        """Decode threads from the next evaluation on (follows the target's count)."""
        self._set_n_threads(self.llm.ctx, int(n_threads), int(n_threads))

    def close(self) -> None:
        self.llm.close()

    def __call__(self, input_ids: npt.NDArray[np.intc], /, **kwargs: Any) -> npt.NDArray[np.intc]:
        """Up to `num_pred_tokens` tokens the draft model expects after `input_ids` (fewer when
        it expects the end of generation, or the context is full)."""
        self.calls += 1
        tokens = input_ids.tolist()
        out: list[int] = []
        if not tokens:
            return np.array(out, dtype=np.intc)
        self._catch_up(tokens)
        llm = self.llm
        limit = min(self.num_pred_tokens, llm.n_ctx() - llm.n_tokens)
        for i in range(limit):
            token = self._greedy()
            if self._is_eog(self._vocab, token):
                break
            out.append(token)
            if i + 1 < limit:  # the last draft token's logits are never needed
                llm.eval([token])
                self.evaluated += 1
        self.drafted += len(out)
        return np.array(out, dtype=np.intc)

    def _catch_up(self, tokens: Sequence[int]) -> None:
        """Make the KV cache hold exactly `tokens`, with the last one's logits fresh."""
        llm = self.llm
        cached = llm.input_ids[: llm.n_tokens].tolist()
        prefix = 0
        for a, b in zip(cached, tokens):
            if a != b:
                break
            prefix += 1
        if prefix == len(tokens):
            prefix -= 1  # evaluate the last token again for its logits
        if prefix > 0 and llm._ctx.kv_cache_seq_rm(-1, prefix, -1):
            llm.n_tokens = prefix
        else:
            llm.reset()
            prefix = 0
        llm.eval(list(tokens[prefix:]))  # evaluated in batches of n_batch
        self.evaluated += len(tokens) - prefix

    def _greedy(self) -> int:
        ptr = self._get_logits_ith(self.llm.ctx, -1)
        return int(np.ctypeslib.as_array(ptr, shape=(self._n_vocab,)).argmax())
