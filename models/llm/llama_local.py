"""`LlamaCppChat`: a GGUF chat model in-process through llama.cpp, with KV-cache prefix reuse.

The blocking work runs in one dedicated worker thread; tokens cross to the event loop
through an `asyncio.Queue` fed with `loop.call_soon_threadsafe`. One generation at a time
per model (`.busy`), handed over by a `PriorityGate` (models/priority_gate.py): a caller may
pass a `priority` (a committed turn goes before a draft, the user who has waited longest
first), and a `prefill()` ranks last and stops at its next chunk when anyone else waits.
The prompt is tokenized piecewise, so the KV cache keeps every token
the new prompt shares with the previous one, and `prefill()` feeds a prompt ahead of time.
"""
from __future__ import annotations

import asyncio
import codecs
import concurrent.futures
import contextlib
import logging
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import aclosing
from pathlib import Path
from typing import Any

from ..priority_gate import Priority, PriorityGate, PriorityLike, Rank
from .chatml import Segment, ToolCallFilter, parse_tool_call, render_chatml
from .events import BackendUnavailable, ChatBackend, LLMError, LLMEvent, NumberToken, PromptEvaluated, TextDelta, ToolCall, Usage
from .decode_holds import DecodeHolds
from .generation import Generation
from .kv_snapshots import KVSnapshots, common_prefix
from .tool_calls import call_grammar, tool_name

log = logging.getLogger("parley.llm")



_DONE = object()
_READ = object()  # after a paced token's events: once the consumer asks past them, they have been read
_CALL_OPEN = "<tool_call>"
_INLINE_CALL = re.compile(r'(\{\s*|^\s*)"name"\s*:')  # {"name": ...} in prose, or "name": ... with its brace left out
MAX_CALL_TOKENS = 256  # a tool call's JSON, at most


def _opens_bare_json(raw: str) -> bool:
    """The reply so far is the start of a JSON object (maybe in a ``` or ```json fence)."""
    head = raw.lstrip(" \n`")
    if head.startswith("json"):
        head = head[4:].lstrip()
    return head.startswith("{")


def _tool_names(tools: Sequence[dict] | None) -> list[str] | None:
    if not tools:
        return None
    return [(t.get("function") or t).get("name", "") for t in tools]


class LlamaCppChat(ChatBackend):
    """A GGUF chat model in-process via llama-cpp-python, with KV-cache prefix reuse."""

    prompt_chunk = 64  # prompt tokens per decode call: the cancellation granularity of a turn's prompt
    prefill_chunk = 32  # ... of a speculative prefill: it stops between chunks (about 5 % slower than 64)
    accepts_priority = True  # stream(priority=...) orders waiting callers (agent/core/response.py)
    accepts_callable_tools = True  # stream(callable_tools=...) narrows the call grammar, the prompt unchanged
    accepts_paced = True  # stream(paced=...): the next token waits until the last one's text has been read

    def __init__(
        self,
        model_path: str | Path,
        *,
        n_ctx: int = 4096,
        n_threads: int = 2,
        name: str | None = None,
        scheduling: str = "priority",
        seed: int = 0,
        kv_snapshot_mb: int = 192,
        tool_grammar: bool = True,
        draft_model_path: str | Path | None = None,
        draft_tokens: int = 4,
    ) -> None:
        self.model_path = Path(model_path)
        self.tool_grammar = tool_grammar  # tool calls sampled under a grammar (off: free text, parsed; for A/B runs)
        if not self.model_path.is_file():
            raise LLMError(
                f"LLM model file not found: {self.model_path}",
                "point the LLM model path at a readable .gguf file, or use the bundled model (spec 'local')",
                code="llm_model_missing",
            )
        # speculative decoding: a smaller GGUF of the same tokenizer drafts `draft_tokens` tokens
        # per step (models/llm/draft_model.py); every token is still sampled from this model's logits
        self.draft_model_path = Path(draft_model_path) if draft_model_path else None
        self.draft_tokens = int(draft_tokens)
        if self.draft_model_path is not None and not self.draft_model_path.is_file():
            raise LLMError(
                f"draft model file not found: {self.draft_model_path}",
                "point the draft model path at a readable .gguf file of the same tokenizer",
                code="llm_model_missing",
            )
        self.draft: Any = None  # the GGUFDraftModel once loaded
        self.n_ctx = int(n_ctx)
        self.n_threads = int(n_threads)
        self.seed = int(seed)  # >= 0: every reply samples from this seed (the same prompt, the same reply); -1: random
        self.name = name or f"llama.cpp {self.model_path.stem.lower()}"
        self._llm: Any = None
        self._gate = PriorityGate(self.name, scheduling)  # "fifo": arrival order (A/B runs)
        self.holds = DecodeHolds()  # pausing one owner's decoding between tokens (hold(), until_parked())
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-llm")
        self._stop_tokens: set[int] = set()
        self._closed = False
        self._others_busy: Callable[[], bool] = lambda: False  # see share_cores_with()
        self._urgent_elsewhere: Callable[[], bool] = lambda: False  # see give_way_to()
        self.snapshots = KVSnapshots(max_bytes=int(kv_snapshot_mb) * 2**20)  # each owner's KV cache, kept aside
        self._threads_now = self.n_threads
        # Observable state (tests, metrics).
        self.tokens_generated = 0  # total tokens sampled over the model's life
        self.last_stop_reason = ""  # "stop" | "length" | "cancelled" | "error"
        self.last_usage: Usage | None = None
        self.prefills_stopped = 0  # prefills that gave way to a waiting caller
        self.outranked_decode_s = 0.0  # decoding for a caller while one of a more urgent rank waited
        self.preempt = True  # under "priority" scheduling, a reply gives way between tokens to a caller of a more urgent rank
        self.gave_way = 0  # times a reply did
        self.thread_changes = 0  # decode thread count switched (share_cores_with)

    def __repr__(self) -> str:
        return f"LlamaCppChat({self.name!r}, n_ctx={self.n_ctx}, n_threads={self.n_threads})"

    @property
    def busy(self) -> bool:
        """True while a generation or prefill holds the model (per-model concurrency is 1)."""
        return self._gate.locked()

    @property
    def contended(self) -> bool:
        """True while another generation or prefill is waiting for the model (a long,
        unhurried job such as a ticket draft can give way)."""
        return self._gate.waiting > 0

    @property
    def waiting(self) -> int:
        """Callers queued for the model."""
        return self._gate.waiting

    @property
    def scheduling(self) -> str:
        return self._gate.scheduling

    def set_scheduling(self, scheduling: str, *, preempt: bool = True) -> None:
        """"priority" (default) or "fifo" (arrival order: the baseline for A/B runs).
        `preempt`: under "priority", a reply gives way between two tokens to a caller of a
        more urgent rank, and goes on after it (models/llm/generation.py)."""
        PriorityGate("check", scheduling)  # refuses an unknown name
        self._gate.scheduling = scheduling
        self.preempt = preempt

    def scheduling_stats(self) -> dict[str, Any]:
        return {"scheduling": self.scheduling, "grants": self._gate.grants, "reordered": self._gate.reordered,
                "prefills_stopped": self.prefills_stopped, "outranked_decode_s": round(self.outranked_decode_s, 3),
                "gave_way": self.gave_way,
                "thread_changes": self.thread_changes,
                "kv_snapshots": {"saved": self.snapshots.saved, "restored": self.snapshots.restored,
                                 "tokens_spared": self.snapshots.tokens_spared, "held": len(self.snapshots),
                                 "mb": round(self.snapshots.bytes / 2**20, 1)}}

    @property
    def kv_tokens(self) -> int:
        """The tokens the KV cache holds now (0 before the model loads)."""
        return int(self._llm.n_tokens) if self._llm is not None else 0

    @property
    def loaded(self) -> bool:
        return self._llm is not None

    # ---- blocking helpers (worker thread only)

    def _load_sync(self) -> None:
        if self._llm is not None:
            return
        try:
            import llama_cpp
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise BackendUnavailable(
                f"llama-cpp-python is not installed ({exc})", "pip install llama-cpp-python==0.3.36"
            ) from exc
        t0 = time.perf_counter()
        draft = None
        try:
            if self.draft_model_path is not None:
                from .draft_model import GGUFDraftModel

                draft = GGUFDraftModel(self.draft_model_path, num_pred_tokens=self.draft_tokens, n_ctx=self.n_ctx, n_threads=self.n_threads)
            llm = llama_cpp.Llama(
                model_path=str(self.model_path),
                n_ctx=self.n_ctx,
                n_threads=self.n_threads,
                n_threads_batch=self.n_threads,
                draft_model=draft,
                logits_all=draft is not None,  # a draft needs it; without it `scores` has n_batch rows only
                verbose=False,
            )
        except Exception as exc:  # llama.cpp says ValueError("Failed to load model from file")
            if draft is not None:
                draft.close()
            raise BackendUnavailable(
                f"could not load LLM model {self.model_path.name}: {exc}",
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
            self.draft = draft
        stops = {llm.token_eos()}
        for text in ("<|im_end|>", "<|endoftext|>", "<|im_start|>"):
            ids = llm.tokenize(text.encode(), add_bos=False, special=True)
            if len(ids) == 1:
                stops.add(ids[0])
        self._stop_tokens = {t for t in stops if t is not None and t >= 0}
        self._vocab = llm._model.vocab
        self._is_eog = llama_cpp.llama_vocab_is_eog
        self._random_seed = llama_cpp.LLAMA_DEFAULT_SEED  # llama.cpp draws a fresh seed per sampler
        self._llm = llm
        log.info("loaded %s in %.2f s", self.name, time.perf_counter() - t0)

    def share_cores_with(self, others_busy: Callable[[], bool]) -> None:
        """`others_busy()` says another model (ASR, TTS) is running now; while it is, decoding
        uses one thread. llama.cpp's threads spin at every barrier: two of them beside another
        model's two on 2 cores made a token 72-84 ms instead of 36-48 ms with one thread
        (19 ms alone with two). Checked before every token and prompt chunk."""
        self._others_busy = others_busy

    def give_way_to(self, urgent_elsewhere: Callable[[], bool]) -> None:
        """`urgent_elsewhere()` says another model now does work a user waits on (a turn's
        final transcript, its first audio). A speculative prefill then stops at its next
        chunk, keeping what it evaluated: on s16 an 83-token prefill beside the final decode
        of a 13 s turn made that decode 450 ms instead of 260 ms. Checked between chunks."""
        self._urgent_elsewhere = urgent_elsewhere

    @property
    def decode_threads(self) -> int:
        """The threads the last decode step used."""
        return self._threads_now

    def _fit_threads(self) -> None:
        """Worker thread: the decode thread count for the next step (see share_cores_with)."""
        want = self.n_threads
        if want > 1:
            try:
                if self._others_busy():
                    want = 1
            except Exception:  # noqa: BLE001 - a broken probe must not stop a reply
                pass
        if want != self._threads_now:
            import llama_cpp

            llama_cpp.llama_set_n_threads(self._llm.ctx, want, want)
            if self.draft is not None:
                self.draft.set_threads(want)
            self._threads_now = want
            self.thread_changes += 1

    def _tokenize(self, segments: Sequence[Segment]) -> list[int]:
        llm = self._llm
        toks: list[int] = []
        for text, special in segments:
            if text:
                toks += llm.tokenize(text.encode("utf-8"), add_bos=False, special=special)
        return toks

    def _fit(self, messages: list[dict], tools: list[dict] | None, reserve: int) -> list[int]:
        """Tokens for the prompt; drops the oldest turns if the context would overflow.

        The system message and the last message stay; whole turns go from the oldest (a tool
        answer never starts the history). The cut is found by bisection: a few renders of
        the prompt, however many messages a client piled up, so one session's huge history
        cannot hold the model's thread for long."""
        msgs = list(messages)
        toks = self._tokenize(render_chatml(msgs, tools))
        if len(toks) + reserve <= self.n_ctx:
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
            cand = self._tokenize(render_chatml(msgs[:lo] + msgs[cuts[mid]:], tools))
            if len(cand) + reserve <= self.n_ctx:
                best, b = cand, mid - 1
            else:
                a = mid + 1
        if best is None:
            raise LLMError(
                f"prompt of {len(toks)} tokens does not fit the {self.n_ctx}-token context",
                "shorten the system prompt or the message, or raise the LLM context size",
                code="llm_context_overflow",
            )
        log.info("LLM context full: dropped the oldest %d message(s)", cuts[a] - lo if a < len(cuts) else 0)
        return best

    def _eval_prompt(self, tokens: list[int], stop: threading.Event, owner: str = "", speculative: bool = False) -> int:
        """Make the KV cache hold exactly `tokens` with fresh logits; returns tokens reused.

        First puts back `owner`'s own cache when another conversation displaced it
        (kv_snapshots.py), so a session's history is not evaluated again after another's turn.

        Reuses the longest common prefix with what is cached, evaluates the rest in chunks
        (checking `stop` between chunks). Leaves the model so that `Llama.generate(tokens)`
        finds the exact prompt cached and samples at once.
        """
        llm = self._llm
        prefix = common_prefix(llm.input_ids[: llm.n_tokens].tolist(), tokens)
        # the owner's own cache put back (or, after a failed load, an empty one): compare again
        if self.snapshots.restore_for(owner, tokens, llm, cached_prefix=prefix) or llm.n_tokens < prefix:
            prefix = common_prefix(llm.input_ids[: llm.n_tokens].tolist(), tokens)
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
        chunk = self.prefill_chunk if speculative else self.prompt_chunk
        for i in range(0, len(rest), chunk):
            if stop.is_set() or (speculative and self._yields()):
                raise _Stopped
            self._fit_threads()
            llm.eval(rest[i : i + chunk])
        return prefix

    def _yields(self) -> bool:
        try:
            return bool(self._urgent_elsewhere())
        except Exception:  # noqa: BLE001 - a broken probe must not stop the model
            return False

    def _generate_sync(self, g: Generation, stop: threading.Event, give_way: threading.Event, emit) -> None:
        """Worker thread: `g`'s next turn at the model. It ends when the reply does, or, in
        its free text, at the first token after `give_way` is set (`g.gave_way`): then the
        KV cache holds the prompt and `g.written`, and is kept aside for the next turn."""
        self._load_sync()
        llm = self._llm
        if g.prompt is None:
            g.prompt = self._fit(g.messages, g.tools, reserve=min(g.max_tokens, self.n_ctx // 2))
            g.max_tokens = max(1, min(g.max_tokens, self.n_ctx - len(g.prompt)))
            g.filt = ToolCallFilter(_tool_names(g.tools) if g.tool_choice != "none" else None)
        prompt, tools, tool_choice = g.prompt, g.tools, g.tool_choice
        g.turns += 1
        g.gave_way = False
        reason = "cancelled"
        try:
            cached = self._eval_prompt(prompt + g.written, stop, g.owner)
            if g.turns == 1:
                g.cached = cached
                emit(PromptEvaluated(g.started_at, time.monotonic(), len(prompt), cached))
            reason = "length"
            llm.set_seed(self.seed if self.seed >= 0 else self._random_seed)
            only = None if tool_choice in (None, "auto", "required") else tool_choice
            constrain = bool(tools) and self.tool_grammar
            if constrain and tool_choice == "none":
                constrain = False  # the tools stay in the prompt (its cache holds), but no call can start
            if constrain and tool_choice not in (None, "auto"):
                g.call_from = prompt + self._tokenize([(_CALL_OPEN + "\n", True)])  # the reply is a call
            elif g.call_from is None:
                reason = self._free_text(g, constrain, stop, give_way, emit)
            if g.gave_way:
                reason = "gave way"
            elif g.call_from is not None and reason != "cancelled":
                may_call = [t for t in tools or [] if g.callable_tools is None or tool_name(t) in g.callable_tools]
                call, used = self._constrained_call(g.call_from, may_call, only, stop, g.owner) if may_call else (None, 0)
                g.call_tokens += used
                reason = "stop"
                if call is not None:
                    emit(call)
            elif reason != "cancelled":
                for ev in g.filt.feed(g.decoder.decode(b"", final=True)) + g.filt.close():
                    emit(ev)
            if reason not in ("cancelled", "gave way"):
                usage = Usage(prompt_tokens=len(prompt), completion_tokens=g.completion, cached_tokens=g.cached)
                self.last_usage = usage
                emit(usage)
        except _Stopped:
            reason = "cancelled"
        except Exception:
            reason = "error"
            raise
        finally:
            self.last_stop_reason = reason
            if reason != "error":
                self.snapshots.save(g.owner, llm)

    def _free_text(self, g: Generation, constrain: bool, stop: threading.Event, give_way: threading.Event, emit) -> str:
        """Sample the reply's text after the prompt and `g.written`; "stop" at an end of
        generation, "length" at `g.max_tokens`. Sets `g.call_from` where a call begins (to be
        sampled under a grammar), `g.gave_way` where it stopped for `give_way`."""
        prompt, tools, tool_choice = g.prompt or [], g.tools, g.tool_choice
        gen = self._llm.generate(
            prompt + g.written, top_k=40, top_p=0.95, min_p=0.05, temp=max(0.0, g.temperature), repeat_penalty=1.0, reset=True,
            logits_processor=self._no_calls() if tools and tool_choice == "none" else None,
        )
        try:
            with contextlib.closing(self._sampled(gen, g.owner, stop, g.decoder, give_way)) as sampled:
                for token, piece in sampled:
                    g.written.append(token)
                    g.raw += piece
                    raw = g.raw
                    if tools and tool_choice == "none" and (_opens_bare_json(raw) or _INLINE_CALL.search(raw)):
                        return "stop"  # a call written as text where none may be made: never spoken
                    if constrain and g.completion <= 8 and _opens_bare_json(raw):
                        # a bare JSON object where the reply starts: a call without its tags
                        g.call_from = prompt + self._tokenize([(_CALL_OPEN + "\n", True)])
                        return "length"
                    if constrain and (inline := _INLINE_CALL.search(raw)):
                        # a call written as prose after some words: the words stay, the call is sampled properly
                        g.call_from = prompt + self._tokenize([(raw[: inline.start()].rstrip() + "\n", False), (_CALL_OPEN + "\n", True)])
                        return "length"
                    if any(c.isdigit() for c in piece) and (p := self._sampled_p(token)) is not None:
                        emit(NumberToken(piece, p))
                    events = g.filt.feed(piece)
                    paced = g.paced and any(isinstance(ev, TextDelta) for ev in events)
                    if paced:
                        self.holds.expect_ack(g.owner)  # parks before the next decode until it is read
                    for ev in events:
                        emit(ev)
                    if paced:
                        emit(_READ)
                    if constrain and raw.rstrip().endswith(_CALL_OPEN):
                        g.call_from = prompt + g.written + ([] if raw.endswith("\n") else self._tokenize([("\n", False)]))
                        return "length"
                    if g.completion >= g.max_tokens:
                        return "length"
        except _GaveWay:
            g.gave_way = True
            self.gave_way += 1
            return "length"
        return "stop"  # an end-of-generation token

    def _no_calls(self) -> Any:
        """A logits processor that makes `<tool_call>` impossible to sample."""
        import numpy as np
        from llama_cpp import LogitsProcessorList

        banned = self._llm.tokenize(_CALL_OPEN.encode(), add_bos=False, special=True)

        def ban(_ids: Any, scores: Any) -> Any:
            if len(banned) == 1:
                scores[banned[0]] = -np.inf
            return scores

        return LogitsProcessorList([ban])

    def _sampled(
        self, gen: Any, owner: str, stop: threading.Event, decoder: Any, give_way: threading.Event | None = None
    ) -> Iterator[tuple[int, str]]:
        """Worker thread: the tokens a `Llama.generate` iterator samples, each with its text.
        Before each decode step it waits while `owner` is held, raises `_Stopped` once
        `stop` is set (`_GaveWay` once `give_way` is: the token just sampled is not taken,
        so the KV cache ends at the last one that was) and fits the thread count; it ends
        at an end-of-generation token."""
        with self.holds.decoding(owner):
            try:
                yield from self._tokens(gen, owner, stop, decoder, give_way)
            finally:
                gen.close()

    def _tokens(
        self, gen: Any, owner: str, stop: threading.Event, decoder: Any, give_way: threading.Event | None
    ) -> Iterator[tuple[int, str]]:
        for token in gen:
            self.holds.wait_while_held(owner, stop, give_way)
            if stop.is_set():
                raise _Stopped
            if give_way is not None and give_way.is_set():
                raise _GaveWay
            self._fit_threads()
            if token in self._stop_tokens or self._is_eog(self._vocab, token):
                return
            self.tokens_generated += 1
            yield token, decoder.decode(self._llm.detokenize([token], special=True))
            # The consumer has it; the next step decodes it. A hold placed meanwhile (or a
            # paced token not read yet) parks here, before that decode, not after it.
            self.holds.wait_while_held(owner, stop, give_way)
            if stop.is_set():
                raise _Stopped

    def _sampled_p(self, token: int) -> float | None:
        """Worker thread: the probability the model gave `token`, just sampled (a softmax over
        the last logits, about 0.1 ms over 151,936 entries; None where those logits are not the
        token's own: a draft model's batch)."""
        if self.draft is not None:
            return None
        llm = self._llm
        import llama_cpp
        import numpy as np

        ptr = llama_cpp.llama_get_logits_ith(llm.ctx, -1)
        if not ptr:
            return None
        logits = np.ctypeslib.as_array(ptr, shape=(llm.n_vocab(),))
        top = float(logits.max())
        return float(np.exp(float(logits[token]) - top) / np.exp(logits - top).sum())

    def _constrained_call(
        self, tokens: list[int], tools: list[dict], only: str | None, stop: threading.Event, owner: str
    ) -> tuple[ToolCall | None, int]:
        """Sample a tool call's JSON after `tokens` (which end inside `<tool_call>`) under a
        grammar built from the offered tools: it parses, names an offered tool and fits
        that tool's parameters. Greedy: a call is an answer, not prose. The grammar ends
        the reply after the call, so nothing is said after it."""
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        body, used = "", 0
        gen = self._llm.generate(tokens, top_k=1, temp=0.0, repeat_penalty=1.0, reset=True, grammar=call_grammar(tools, only))
        with contextlib.closing(self._sampled(gen, owner, stop, decoder)) as sampled:
            for _token, piece in sampled:
                used += 1
                body += piece
                if used >= MAX_CALL_TOKENS:
                    break
        call = parse_tool_call(body + decoder.decode(b"", final=True))
        if call is None:
            log.warning("a constrained tool call did not parse (%d tokens); dropped", used)
        return call, used

    def _prefill_sync(self, messages: list[dict], tools: list[dict] | None, stop: threading.Event, owner: str = "") -> int:
        self._load_sync()
        prompt = self._fit(messages, tools, reserve=0)
        try:
            return self._eval_prompt(prompt, stop, owner, speculative=True)
        except _Stopped:
            self.prefills_stopped += 1
            return 0
        finally:
            self.snapshots.save(owner, self._llm)

    # ---- async API

    def _check_open(self) -> None:
        if self._closed:
            raise BackendUnavailable(f"{self.name} is closed", "build a new LLM backend")

    async def warm(self) -> None:
        """Load the model and run a one-token generation so the first real turn is fast."""
        self._check_open()
        async with aclosing(self.stream([{"role": "user", "content": "Hi"}], max_tokens=1, temperature=0.0)) as agen:
            async for _ in agen:
                pass

    async def prefill(self, messages: list[dict], tools: list[dict] | None = None, owner: str = "") -> None:
        """Evaluate the prompt (up to `<|im_start|>assistant\\n`) into the KV cache now.

        Cancelling it stops the evaluation at the next chunk of `prompt_chunk` tokens (what
        was evaluated stays cached); the model is free again once it returns. It ranks last
        for the model and stops the same way when any other caller starts waiting: a
        speculative prefill never delays a turn by more than one chunk.
        """
        self._check_open()
        stop = threading.Event()
        async with self._gate.hold(Priority(Rank.SPECULATIVE, time.monotonic()), on_outranked=stop.set):
            if stop.is_set():
                return
            fut = asyncio.get_running_loop().run_in_executor(
                self._executor, self._prefill_sync, list(messages), list(tools) if tools else None, stop, owner
            )
            await _wait_uncancellable(fut, on_cancel=lambda: self.holds.wake(stop))

    async def stream(
        self,
        messages: list[dict],
        *,
        tools: list[dict] | None = None,
        max_tokens: int = 160,
        temperature: float = 0.2,
        owner: str = "",
        priority: PriorityLike = None,
        tool_choice: str | None = None,
        callable_tools: Sequence[str] | None = None,
        paced: Callable[[], bool] | None = None,
    ) -> AsyncIterator[LLMEvent]:
        """`paced`: while it returns True (asked on the loop after each token's text is
        read), the next token is decoded only once the consumer has read the last one, so a
        hold it places then (the first chunk's synthesis) finds the worker parked.
        `priority`: a `Priority` or a callable giving the current one, evaluated when the
        model frees (None: a committed caller waiting since now). `tool_choice`: None or
        "auto" (the model decides), "none" (the tools stay in the prompt, so its cached
        prefix holds, but no call can be sampled), "required" (the reply is a call of one
        of `tools`), or a tool's name (a call of that tool). Every call is sampled under a grammar made
        from the tools' parameter schemas (models/llm/tool_calls.py). `callable_tools`: the
        names a call may have (None: any of `tools`); the prompt still lists every tool, so
        its cached prefix holds."""
        self._check_open()
        g = Generation(list(messages), list(tools) if tools else None, max_tokens, temperature, owner, tool_choice, callable_tools)
        while True:
            async with aclosing(self._turn_at_the_model(g, priority, paced)) as events:
                async for item in events:
                    yield item
            if not g.gave_way:
                return
            log.debug("%s: a reply of %s gave way after %d tokens", self.name, owner or "?", g.completion)

    async def _turn_at_the_model(self, g: Generation, priority: PriorityLike, paced: Callable[[], bool] | None = None) -> AsyncIterator[LLMEvent]:
        """`g`'s events from one turn at the model: from the gate's grant to the reply's end,
        or to the token where it gives way to a caller of a more urgent rank (`preempt`)."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue()
        stop, give_way = threading.Event(), threading.Event()

        def emit(item: Any) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, item)
            except RuntimeError:  # the loop is gone: nobody is listening any more
                stop.set()

        def work() -> None:
            try:
                self._generate_sync(g, stop, give_way, emit)
            except BaseException as exc:  # noqa: BLE001 - handed to the async side
                emit(exc)
            finally:
                emit(_DONE)

        granted: list[Any] = []

        def outranked() -> None:  # a more urgent caller queued (on the loop): give way, even while parked by a hold
            if granted and self.preempt and self.scheduling == "priority" and self._outranked_by_a_waiting_turn(granted[0].priority()):
                self.holds.wake(give_way)

        async with self._gate.hold(priority, on_outranked=outranked) as ticket:
            granted.append(ticket)
            g.paced = paced is not None and paced()
            if not g.turns:
                g.started_at = time.monotonic()
            fut = loop.run_in_executor(self._executor, work)
            last = time.monotonic()
            try:
                while True:
                    item = await queue.get()
                    now = time.monotonic()
                    if self._outranked_by_a_waiting_turn(ticket.priority()):
                        self.outranked_decode_s += now - last  # what preempting it could have given
                        if self.preempt and self.scheduling == "priority":
                            give_way.set()
                    last = now
                    if item is _DONE:
                        break
                    if item is _READ:  # the consumer asked past the paced token's text: read
                        g.paced = paced is not None and paced()
                        self.holds.ack(g.owner)
                        continue
                    if isinstance(item, LLMError):
                        raise item
                    if isinstance(item, BaseException):
                        raise BackendUnavailable(
                            f"{self.name} failed: {type(item).__name__}: {item}", "see the server log"
                        ) from item
                    yield item
            finally:
                # Cancelled, closed early or done: stop the worker within one token (at
                # once if it is held), and keep the lock until the thread has really
                # finished with the model.
                self.holds.wake(stop)
                await _wait_uncancellable(fut)
                self.holds.ack(g.owner)  # a paced token left unread must not park the owner's next generation

    def _outranked_by_a_waiting_turn(self, mine: Priority) -> bool:
        """A caller of a more urgent rank waits (e.g. a committed turn behind a draft, or a
        user who hears nothing yet behind a reply already audible). Evaluated in FIFO mode
        too, so the two modes' figures compare."""
        best = self._gate.best_waiting()
        return best is not None and best.rank < mine.rank

    def forget(self, owner: str) -> None:
        """`owner` (a session) is gone: drop its saved KV cache."""
        self.snapshots.forget(owner)

    def hold(self, owner: str = "") -> None:
        """Pause `owner`'s decoding between tokens (e.g. while its first speech chunk is
        synthesized: on 2 cores, decoding and TTS at once slow each other 2-4x). Holds are
        counted per owner: one session's hold never pauses another's generation."""
        self.holds.hold(owner)

    async def until_parked(self, owner: str = "", timeout: float = 0.1) -> bool:
        """After `hold(owner)`: wait until the worker has finished the token it was decoding
        for `owner` and is parked, so what runs next (the first chunk's TTS, a barge-in's
        decode) has the cores to itself; at most `timeout` seconds. A token finished beside
        Piper on 2 cores made a 52 ms first chunk take 115-145 ms. False: it timed out."""
        return await self.holds.until_parked(owner, timeout)

    def is_held(self, owner: str = "") -> bool:
        return self.holds.is_held(owner)

    def release(self, owner: str = "") -> None:
        self.holds.release(owner)

    def set_threads(self, n_threads: int) -> None:
        """Change decode threads from the next decode on (e.g. 1 while TTS runs)."""
        self.n_threads = self._threads_now = int(n_threads)
        if self._llm is not None:
            import llama_cpp

            llama_cpp.llama_set_n_threads(self._llm.ctx, self.n_threads, self.n_threads)
            if self.draft is not None:
                self.draft.set_threads(self.n_threads)

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        async with self._gate.hold():  # waits for a running generation to finish / be cancelled
            llm, self._llm = self._llm, None
            draft, self.draft = self.draft, None
            if llm is not None:
                await asyncio.get_running_loop().run_in_executor(self._executor, llm.close)
            if draft is not None:
                await asyncio.get_running_loop().run_in_executor(self._executor, draft.close)
        self._executor.shutdown(wait=False)


class _GaveWay(Exception):
    """Worker: a reply's turn at the model ends so a more urgent caller can go first."""


class _Stopped(Exception):
    pass


async def _wait_uncancellable(fut: asyncio.Future, on_cancel=None) -> Any:
    """Await `fut` to completion even if we are cancelled meanwhile; re-raise the cancel after."""
    cancelled = False
    while True:
        try:
            result = await asyncio.shield(fut)
            break
        except asyncio.CancelledError:
            if on_cancel is not None:
                on_cancel()
            if fut.done():
                if fut.cancelled():
                    raise
                result = fut.result()
                cancelled = True
                break
            cancelled = True
    if cancelled:
        raise asyncio.CancelledError()
    return result
