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

An owner keeps up to `per_owner` variants, not only its last cache. While the user speaks,
the prompt prefilled for their words can switch back and forth between forks: the knowledge
note chosen for the words so far sits before those words, and on speech-dev s16 (17 s, five
sentences) it went from one article to another at "When you hear the bell" and back at
"come quickly": the end of the turn then evaluated 96 tokens (0.6-1.1 s) that an earlier
prefill had already held. A new snapshot replaces any of the owner's variants it makes
useless: one it shares all but fewer than `min_gain` tokens with (restoring that one
instead could never spare `min_gain` tokens more).
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
    def __init__(self, max_bytes: int = 192 * 2**20, min_gain: int = 32, per_owner: int = 3) -> None:
        self.max_bytes = int(max_bytes)
        self.min_gain = int(min_gain)
        self.per_owner = max(1, int(per_owner))
        self._snaps: OrderedDict[tuple[str, int], Snapshot] = OrderedDict()  # (owner, serial), least recently used first
        self._serial = 0
        self._lock = threading.Lock()
        # observable (tests, /health)
        self.saved = 0
        self.restored = 0
        self.tokens_spared = 0  # prompt tokens not evaluated again thanks to a restore

    def __len__(self) -> int:
        with self._lock:
            return len(self._snaps)

    @property
    def bytes(self) -> int:
        with self._lock:
            return sum(len(s.data) for s in self._snaps.values())

    def variants(self, owner: str) -> int:
        """How many snapshots `owner` holds."""
        with self._lock:
            return sum(1 for o, _ in self._snaps if o == owner)

    def save(self, owner: str, llm: Any) -> None:
        """Copy `llm`'s cache (sequence 0, the tokens it holds) as one of `owner`'s snapshots."""
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
            mine = [k for k in self._snaps if k[0] == owner]
            for key in mine:
                old = self._snaps[key].tokens
                if common_prefix(old, snap.tokens) > len(old) - self.min_gain:
                    del self._snaps[key]  # the new one covers it
            mine = [k for k in self._snaps if k[0] == owner]
            while len(mine) >= self.per_owner:
                del self._snaps[mine.pop(0)]
            self._serial += 1
            self._snaps[(owner, self._serial)] = snap
            total = sum(len(s.data) for s in self._snaps.values())
            while total > self.max_bytes and len(self._snaps) > 1:
                _, old_snap = self._snaps.popitem(last=False)
                total -= len(old_snap.data)
            self.saved += 1

    def restore_for(self, owner: str, prompt: Sequence[int], llm: Any, cached_prefix: int) -> int:
        """Put back the one of `owner`'s snapshots that shares most tokens with `prompt`, if
        it shares at least `min_gain` more than the cache does now (`cached_prefix`, the
        caller's `common_prefix` of the two); returns the tokens gained (0: left as it was)."""
        if not owner:
            return 0
        with self._lock:
            mine = [(common_prefix(s.tokens, prompt), key) for key, s in self._snaps.items() if key[0] == owner]
            if not mine:
                return 0
            theirs, key = max(mine)
            snap = self._snaps[key]
            self._snaps.move_to_end(key)
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
            for key in [k for k in self._snaps if k[0] == owner]:
                del self._snaps[key]
