"""`LlamaCppChat`: a GGUF chat model in-process through llama.cpp, with KV-cache prefix reuse.

The blocking work runs in one dedicated worker thread; tokens cross to the event loop
through an `asyncio.Queue` fed with `loop.call_soon_threadsafe`. One generation at a time
per model (`.busy`), handed over by a `PriorityGate` (models/priority_gate.py): a caller may
pass a `priority` (a committed turn goes before a draft, the user who has waited longest
first), and a `prefill()` ranks last and stops at its next chunk when anyone else waits.
The prompt is tokenized piecewise, so the KV cache keeps every token
the new prompt shares with the previous one, and `prefill()` feeds a prompt ahead of time.

On the worker thread: llama_load.py loads the model, llama_prompt.py fits and evaluates the
prompt, llama_sampling.py samples the reply's tokens and its tool calls.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import aclosing
from pathlib import Path
from typing import Any

from ..priority_gate import Priority, PriorityGate, PriorityLike, Rank
from .chatml import Segment, ToolCallFilter
from .decode_holds import DecodeHolds, Stopped
from .events import BackendUnavailable, ChatBackend, LLMError, LLMEvent, PromptEvaluated, Usage
from .generation import Generation
from .kv_snapshots import KVSnapshots
from .llama_load import check_model_files, load_gguf, set_decode_threads
from .llama_prompt import evaluate_prompt, fit_prompt, tokenize
from .llama_sampling import CALL_OPEN, PACED_TOKEN_SENT, TokenSampler, tool_names
from .tool_calls import tool_name

log = logging.getLogger("parley.llm")

_DONE = object()


class LlamaCppChat(ChatBackend):
    """A GGUF chat model in-process via llama-cpp-python, with KV-cache prefix reuse."""

    prompt_chunk = 64  # prompt tokens per decode call: the cancellation granularity of a turn's prompt
    prefill_chunk = 32  # ... of a speculative prefill: it stops between chunks (about 5 % slower than 64)
    accepts_priority = True  # stream(priority=...) orders waiting callers (agent/core/response.py)
    accepts_callable_tools = True  # stream(callable_tools=...) narrows the call grammar, the prompt unchanged
    accepts_paced = True  # stream(paced=...): the next token waits until the last one's text has been read
    accepts_opening_bias = True  # stream(opening_bias=...): logit bias on the reply's first token only

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
        # speculative decoding: a smaller GGUF of the same tokenizer drafts `draft_tokens` tokens
        # per step (models/llm/draft_model.py); every token is still sampled from this model's logits
        self.draft_model_path = Path(draft_model_path) if draft_model_path else None
        check_model_files(self.model_path, self.draft_model_path)
        self.draft_tokens = int(draft_tokens)
        self.draft: Any = None  # the GGUFDraftModel once loaded
        self.n_ctx = int(n_ctx)
        self.n_threads = int(n_threads)
        self.seed = int(seed)  # >= 0: every reply samples from this seed (the same prompt, the same reply); -1: random
        self.name = name or f"llama.cpp {self.model_path.stem.lower()}"
        self._llm: Any = None
        self._gate = PriorityGate(self.name, scheduling)  # "fifo": arrival order (A/B runs)
        self.holds = DecodeHolds()  # pausing one owner's decoding between tokens (hold(), until_parked())
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-llm")
        self._sampler: TokenSampler | None = None  # once loaded
        self._closed = False
        self._others_busy: Callable[[], bool] = lambda: False  # see share_cores_with()
        self._urgent_elsewhere: Callable[[], bool] = lambda: False  # see give_way_to()
        self.snapshots = KVSnapshots(max_bytes=int(kv_snapshot_mb) * 2**20)  # each owner's KV cache, kept aside
        self._kv_holder = ""  # the owner whose prompt the live KV cache holds ("": an ownerless call's, or none)
        self._message_start: int | None = None  # the token of "<|im_start|>", once loaded (None: not one token)
        self._threads_now = self.n_threads
        # Observable state (tests, metrics).
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

    @property
    def tokens_generated(self) -> int:
        """Total tokens sampled over the model's life."""
        return self._sampler.tokens_sampled if self._sampler is not None else 0

    # ---- blocking helpers (worker thread only)

    def _load_sync(self) -> None:
        if self._llm is not None:
            return
        t0 = time.perf_counter()
        llm, draft = load_gguf(
            self.model_path, n_ctx=self.n_ctx, n_threads=self.n_threads,
            draft_model_path=self.draft_model_path, draft_tokens=self.draft_tokens,
        )
        import llama_cpp  # load_gguf has said what to do if it is missing

        if draft is not None:
            self.draft = draft
        self._sampler = TokenSampler(llm, self.holds, before_decode=self._fit_threads, with_draft=draft is not None)
        self._random_seed = llama_cpp.LLAMA_DEFAULT_SEED  # llama.cpp draws a fresh seed per sampler
        start = llm.tokenize(b"<|im_start|>", add_bos=False, special=True)
        self._message_start = start[0] if len(start) == 1 else None
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
            set_decode_threads(self._llm, self.draft, want)
            self._threads_now = want
            self.thread_changes += 1

    def _tokenize(self, segments: Sequence[Segment]) -> list[int]:
        return tokenize(self._llm, segments)

    def _fit(self, messages: list[dict], tools: list[dict] | None, reserve: int) -> list[int]:
        """Tokens for the prompt, the oldest turns dropped if the context would overflow (llama_prompt.py)."""
        return fit_prompt(self._llm, messages, tools, reserve=reserve, n_ctx=self.n_ctx)

    def _eval_prompt(self, tokens: list[int], stop: threading.Event, owner: str = "", speculative: bool = False) -> int:
        """Make the KV cache hold exactly `tokens` with fresh logits; returns tokens reused
        (llama_prompt.py). A speculative prefill goes in smaller chunks, and stops between
        them when work a user waits on runs elsewhere (give_way_to)."""
        holds_own = owner == self._kv_holder  # ownerless calls (warm-up, ticket drafts) count as one owner
        self._kv_holder = owner  # from here on the cache holds this prompt, or the part evaluated before a stop
        return evaluate_prompt(
            self._llm, tokens, snapshots=self.snapshots, owner=owner, holds_own=holds_own, message_start=self._message_start,
            chunk=self.prefill_chunk if speculative else self.prompt_chunk, stop=stop,
            before_chunk=self._fit_threads, give_up=self._yields if speculative else None,
        )

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
        llm, sampler = self._llm, self._sampler
        if g.prompt is None:
            g.prompt = self._fit(g.messages, g.tools, reserve=min(g.max_tokens, self.n_ctx // 2))
            g.max_tokens = max(1, min(g.max_tokens, self.n_ctx - len(g.prompt)))
            g.filt = ToolCallFilter(tool_names(g.tools) if g.tool_choice != "none" else None)
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
                g.call_from = prompt + self._tokenize([(CALL_OPEN + "\n", True)])  # the reply is a call
            elif g.call_from is None:
                reason = sampler.free_text(g, constrain, stop, give_way, emit)
            if g.gave_way:
                self.gave_way += 1
                reason = "gave way"
            elif g.call_from is not None and reason != "cancelled":
                may_call = [t for t in tools or [] if g.callable_tools is None or tool_name(t) in g.callable_tools]
                call, used = sampler.constrained_call(g.call_from, may_call, only, stop, g.owner) if may_call else (None, 0)
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
        except Stopped:
            reason = "cancelled"
        except Exception:
            reason = "error"
            raise
        finally:
            self.last_stop_reason = reason
            if reason != "error":
                self.snapshots.save(g.owner, llm)

    def _sampled_p(self, token: int) -> float | None:
        """Worker thread: the probability the model gave `token`, just sampled (TokenSampler.sampled_p)."""
        return self._sampler.sampled_p(token) if self._sampler is not None else None

    def _prefill_sync(self, messages: list[dict], tools: list[dict] | None, stop: threading.Event, owner: str = "") -> int:
        self._load_sync()
        prompt = self._fit(messages, tools, reserve=0)
        try:
            return self._eval_prompt(prompt, stop, owner, speculative=True)
        except Stopped:
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
        opening_bias: Mapping[str, float] | None = None,
    ) -> AsyncIterator[LLMEvent]:
        """`opening_bias`: added to the logits of the reply's first token, keyed by a word
        that is one token ("No": -4.0); a word that is not one token is left out.
        `paced`: while it returns True (asked on the loop after each token's text is
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
        g = Generation(list(messages), list(tools) if tools else None, max_tokens, temperature, owner, tool_choice, callable_tools,
                       opening_bias=dict(opening_bias or {}))
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
                    if item is PACED_TOKEN_SENT:  # the consumer asked past the paced token's text: read
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
            set_decode_threads(self._llm, self.draft, self.n_threads)

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
