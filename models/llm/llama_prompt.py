"""A prompt for the local llama.cpp model (`LlamaCppChat`, llama_local.py): tokenized,
fitted to the context, and evaluated into the KV cache. Worker thread only.

The prompt is tokenized piecewise (each rendered segment with or without special tokens),
so the KV cache keeps every token the new prompt shares with the previous one: a stable
system prompt and earlier turns cost nothing on the next turn.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

from .chatml import Segment, render_chatml
from .decode_holds import Stopped
from .events import LLMError
from .kv_snapshots import KVSnapshots, common_prefix

log = logging.getLogger("parley.llm")

# llama.cpp's CPU kernels for repacked 4-bit weights (the bundled Q4_K_M) multiply a batch's
# token rows four at a time and the rest one by one, adding up in another order: a token's
# cache entry moved by up to 0.46 in the next token's logits with where its batch began
# (this machine, bench/RESULTS.md). Evaluation that starts from another conversation's cache
# starts at a multiple of this, so each token is in the same group of four as when the
# prompt is evaluated from nothing.
ROWS_TOGETHER = 4


def tokenize(llm: Any, segments: Sequence[Segment]) -> list[int]:
    """`segments`' tokens, each tokenized on its own (special tokens only where it says)."""
    toks: list[int] = []
    for text, special in segments:
        if text:
            toks += llm.tokenize(text.encode("utf-8"), add_bos=False, special=special)
    return toks


def fit_prompt(llm: Any, messages: list[dict], tools: list[dict] | None, *, reserve: int, n_ctx: int) -> list[int]:
    """Tokens for the prompt; drops the oldest turns if the context would overflow.

    The system message and the last message stay; whole turns go from the oldest (a tool
    answer never starts the history). The cut is found by bisection: a few renders of
    the prompt, however many messages a client piled up, so one session's huge history
    cannot hold the model's thread for long."""
    msgs = list(messages)
    toks = tokenize(llm, render_chatml(msgs, tools))
    if len(toks) + reserve <= n_ctx:
        return toks
    lo = 1 if msgs and msgs[0].get("role") == "system" else 0
    cuts = []  # where the kept history may start, oldest first
    start = lo
    while len(msgs) - start > 1:
        start += 1
        while start < len(msgs) - 1 and msgs[start].get("role") in ("tool", "assistant"):
            start += 1
        cuts.append(start)
    best: list[int] | None = None
    a, b = 0, len(cuts) - 1
    while a <= b:
        mid = (a + b) // 2
        cand = tokenize(llm, render_chatml(msgs[:lo] + msgs[cuts[mid]:], tools))
        if len(cand) + reserve <= n_ctx:
            best, b = cand, mid - 1
        else:
            a = mid + 1
    if best is None:
        raise LLMError(
            f"prompt of {len(toks)} tokens does not fit the {n_ctx}-token context",
            "shorten the system prompt or the message, or raise the LLM context size",
            code="llm_context_overflow",
        )
    log.info("LLM context full: dropped the oldest %d message(s)", cuts[a] - lo if a < len(cuts) else 0)
    return best


def message_start_at_or_before(tokens: Sequence[int], end: int, message_start: int) -> int:
    """The last position at or before `end` where a message starts in `tokens` (0: none)."""
    for i in range(min(end, len(tokens) - 1), 0, -1):
        if tokens[i] == message_start:
            return i
    return 0


def evaluate_prompt(
    llm: Any,
    tokens: list[int],
    *,
    snapshots: KVSnapshots,
    owner: str,
    holds_own: bool = False,
    message_start: int | None = None,
    chunk: int,
    stop: threading.Event,
    before_chunk: Callable[[], None],
    give_up: Callable[[], bool] | None = None,
) -> int:
    """Make the KV cache hold exactly `tokens` with fresh logits; returns tokens reused.

    First puts back `owner`'s own cache when another conversation displaced it
    (kv_snapshots.py), so a session's history is not evaluated again after another's turn.

    Where the cache holds another conversation's tokens (`holds_own` false: another owner's),
    what is reused ends at the start of the message in which the two prompts part
    (`message_start`: the token that opens a message; None: no such cut), moved back to a
    multiple of `ROWS_TOGETHER` (`chunk` is one too). The tokens evaluated for a prompt, and
    how they are batched, then do not depend on what someone else asked before: a
    greedy reply is a near tie away from another one when the logits move by a rounding (in
    the full test suite, on two machines, the bundled 0.5B answered "What is the biggest planet
    in the solar system?" with "Mars", and with "Jupiter" when its test ran alone).

    Reuses the longest common prefix with what is cached, evaluates the rest in chunks of
    `chunk` tokens (checking `stop`, and `give_up()` where given, between chunks: `Stopped`;
    `before_chunk()` fits the thread count). Leaves the model so that
    `Llama.generate(tokens)` finds the exact prompt cached and samples at once.
    """
    prefix = common_prefix(llm.input_ids[: llm.n_tokens].tolist(), tokens)
    # the owner's own cache put back (or, after a failed load, an empty one): compare again
    if snapshots.restore_for(owner, tokens, llm, cached_prefix=prefix) or llm.n_tokens < prefix:
        prefix = common_prefix(llm.input_ids[: llm.n_tokens].tolist(), tokens)
    elif not holds_own:
        if message_start is not None:
            prefix = message_start_at_or_before(tokens, prefix, message_start)
        prefix -= prefix % ROWS_TOGETHER
    cached = llm.n_tokens
    if prefix == len(tokens) and cached == len(tokens) and not getattr(llm, "_requires_eval", True):
        return prefix  # exactly this prompt is cached with live logits
    if prefix == len(tokens):
        prefix -= 1  # replay the last token to get its logits
    if prefix > 0 and llm._ctx.kv_cache_seq_rm(-1, prefix, -1):
        llm.n_tokens = prefix
    else:
        prefix = 0
        llm.reset()
    rest = tokens[prefix:]
    for i in range(0, len(rest), chunk):
        if stop.is_set() or (give_up is not None and give_up()):
            raise Stopped
        before_chunk()
        llm.eval(rest[i : i + chunk])
    return prefix
