"""`KVSnapshots`: each conversation's KV cache, kept aside while another one uses the model.

An in-process llama.cpp model has one KV cache. Two sessions taking turns on it each find the
other's conversation there: only the shared system prompt is reused, and the rest of the
history (300-400 tokens after a few turns) is evaluated again on every turn — 0.5 s alone on
2 cores, 2 s beside the other session's ASR and TTS. Here the cache of a conversation is
copied out (`llama_state_seq_get_data`, about 12 KB a token for the bundled Qwen) when its
generation ends, and copied back before its next prompt when that saves more than
`min_gain` tokens of evaluation. A copy is a few milliseconds.

Snapshots are keyed by owner (the session), bounded in bytes (least recently used go first)
and dropped with `forget(owner)` when the session ends. Only the model's worker thread saves
and restores; `forget` may come from any thread.
"""
from __future__ import annotations

import ctypes
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Snapshot:
    tokens: tuple[int, ...]
    data: bytes


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


class KVSnapshots:
    def __init__(self, max_bytes: int = 192 * 2**20, min_gain: int = 32) -> None:
        self.max_bytes = int(max_bytes)
        self.min_gain = int(min_gain)
        self._by_owner: OrderedDict[str, Snapshot] = OrderedDict()
        self._lock = threading.Lock()
        # observable (tests, /health)
        self.saved = 0
        self.restored = 0
        self.tokens_spared = 0  # prompt tokens not evaluated again thanks to a restore

    def __len__(self) -> int:
        with self._lock:
            return len(self._by_owner)

    @property
    def bytes(self) -> int:
        with self._lock:
            return sum(len(s.data) for s in self._by_owner.values())

    def save(self, owner: str, llm: Any) -> None:
        """Copy `llm`'s cache (sequence 0, the tokens it holds) as `owner`'s snapshot."""
        if not owner or self.max_bytes <= 0:
            return
        import llama_cpp

        n = int(llm.n_tokens)
        if n <= 0:
            return
        size = llama_cpp.llama_state_seq_get_size(llm.ctx, 0)
        if size <= 0 or size > self.max_bytes:
            return
        buf = (ctypes.c_uint8 * size)()
        got = llama_cpp.llama_state_seq_get_data(llm.ctx, buf, size, 0)
        if got <= 0:
            return
        snap = Snapshot(tuple(int(t) for t in llm.input_ids[:n]), bytes(memoryview(buf)[:got]))
        with self._lock:
            self._by_owner.pop(owner, None)
            self._by_owner[owner] = snap
            total = sum(len(s.data) for s in self._by_owner.values())
            while total > self.max_bytes and len(self._by_owner) > 1:
                _, old = self._by_owner.popitem(last=False)
                total -= len(old.data)
            self.saved += 1

    def restore_for(self, owner: str, prompt: Sequence[int], llm: Any, cached_prefix: int) -> int:
        """Put `owner`'s snapshot back into `llm`'s cache if it shares at least `min_gain`
        more tokens with `prompt` than the cache does now (`cached_prefix`, the caller's
        `common_prefix` of the two); returns the tokens gained (0: left as it was)."""
        if not owner:
            return 0
        with self._lock:
            snap = self._by_owner.get(owner)
            if snap is not None:
                self._by_owner.move_to_end(owner)
        if snap is None:
            return 0
        theirs = common_prefix(snap.tokens, prompt)
        if theirs - cached_prefix < self.min_gain:
            return 0
        import llama_cpp

        src = (ctypes.c_uint8 * len(snap.data)).from_buffer_copy(snap.data)
        if llama_cpp.llama_state_seq_set_data(llm.ctx, src, len(snap.data), 0) == 0:
            llm.reset()  # a failed load leaves the sequence undefined: start from nothing
            return 0
        n = len(snap.tokens)
        llm.input_ids[:n] = snap.tokens
        llm.n_tokens = n
        llm._requires_eval = True  # no logits came with it: the prompt's last token is replayed
        self.restored += 1
        self.tokens_spared += theirs - cached_prefix
        return theirs - cached_prefix

    def forget(self, owner: str) -> None:
        with self._lock:
            self._by_owner.pop(owner, None)
