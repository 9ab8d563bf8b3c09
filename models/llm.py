"""Streaming chat with tools behind one narrow, cancellable async interface.

Three backends share the `ChatBackend` protocol:

* `LlamaCppChat`: a GGUF model in-process through llama.cpp (`llama-cpp-python`). The
  blocking work runs in one dedicated worker thread; tokens cross to the event loop through
  an `asyncio.Queue` fed with `loop.call_soon_threadsafe`. One generation at a time per
  model (`.busy`). The prompt is rendered here (ChatML, Qwen2.5 tool format) and tokenized
  piecewise, so the KV cache keeps every token the new prompt shares with the previous one:
  a stable system prompt and earlier turns cost nothing on the next turn, and `prefill()`
  lets the caller feed a prompt ahead of time (e.g. while the user is still speaking).
* `OpenAICompatChat`: any OpenAI-compatible `/chat/completions` server (vLLM, Ollama,
  llama.cpp server, ...), streamed over SSE with httpx.
* `FallbackChat`: tries backends in order while a backend is unavailable before it said
  anything.

Every backend yields `TextDelta`s and `ToolCall`s and ends with one `Usage`. Closing the
async generator (or cancelling the task iterating it) stops the generation: the local
worker checks a stop flag before every token and the lock is only released once the worker
thread has finished.
"""
from __future__ import annotations

import asyncio
import codecs
import concurrent.futures
import json
import logging
import re
import threading
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

log = logging.getLogger("parley.llm")


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class TextDelta:
    text: str


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: str  # JSON text


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int
    completion_tokens: int
    cached_tokens: int = 0


LLMEvent = TextDelta | ToolCall | Usage


# --------------------------------------------------------------------------- errors


class LLMError(Exception):
    """A coded LLM failure: `.code`, `str(err)` (the message) and `.hint`."""

    code: str = "llm_error"

    def __init__(self, message: str, hint: str = "", *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code


class BackendUnavailable(LLMError):
    """Connection refused, timeout, HTTP 5xx, a dead or unloadable model: try another."""

    code = "llm_unavailable"


# --------------------------------------------------------------------------- protocol


@runtime_checkable
class ChatBackend(Protocol):
    name: str

    def stream(
        self,
        messages: list[dict],
        *,
        tools: list[dict] | None = None,
        max_tokens: int = 160,
        temperature: float = 0.2,
    ) -> AsyncIterator[LLMEvent]: ...

    async def warm(self) -> None: ...

    async def prefill(self, messages: list[dict], tools: list[dict] | None = None) -> None: ...

    async def aclose(self) -> None: ...


def new_call_id() -> str:
    return "call_" + uuid.uuid4().hex[:24]


# --------------------------------------------------------------------------- prompt rendering

# Qwen2.5's own tool preamble (from its chat template), byte for byte.
_TOOLS_HEAD = (
    "\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
    "You are provided with function signatures within <tools></tools> XML tags:\n<tools>"
)
_TOOLS_TAIL = (
    "\n</tools>\n\nFor each function call, return a json object with function name and "
    "arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n"
    '{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>'
)
DEFAULT_TOOL_SYSTEM = "You are a helpful assistant."

# A segment is (text, special): template markup is tokenized with special tokens parsed,
# message content never is, so text a user (or an OCR'd screenshot) supplies cannot forge
# `<|im_start|>system` and the like.
Segment = tuple[str, bool]


def _content_text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # OpenAI content parts: keep the text ones
        return "".join(
            p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") in ("text", "input_text")
        )
    return str(content)


def _tool_call_json(call: dict) -> str:
    fn = call.get("function", call)
    args: Any = fn.get("arguments", {})
    if isinstance(args, str):
        try:
            args = json.loads(args) if args.strip() else {}
        except ValueError:
            pass  # keep the raw string; the model sees what it said
    return json.dumps({"name": fn.get("name", ""), "arguments": args}, ensure_ascii=False)


def render_chatml(
    messages: Sequence[dict], tools: Sequence[dict] | None = None, *, add_generation_prompt: bool = True
) -> list[Segment]:
    """Render OpenAI-style messages as ChatML segments, Qwen2.5 template semantics.

    Deterministic: the same messages and tools always give the same bytes, so a stable
    system prompt + tool list stays in the KV cache from one turn to the next.
    """
    segs: list[Segment] = []
    msgs = list(messages)
    first_system = msgs[0] if msgs and msgs[0].get("role") == "system" else None
    if tools:
        system_text = _content_text(first_system["content"]) if first_system else DEFAULT_TOOL_SYSTEM
        segs.append(("<|im_start|>system\n", True))
        segs.append((system_text, False))
        tool_lines = "".join("\n" + json.dumps(t, ensure_ascii=False) for t in tools)
        segs.append((_TOOLS_HEAD + tool_lines + _TOOLS_TAIL, False))
        segs.append(("<|im_end|>\n", True))
    elif first_system is not None:
        segs += [("<|im_start|>system\n", True), (_content_text(first_system["content"]), False), ("<|im_end|>\n", True)]
    if first_system is not None:
        msgs = msgs[1:]

    for i, m in enumerate(msgs):
        role = m.get("role")
        if role in ("user", "system") or (role == "assistant" and not m.get("tool_calls")):
            segs += [(f"<|im_start|>{role}\n", True), (_content_text(m.get("content")), False), ("<|im_end|>\n", True)]
        elif role == "assistant":
            segs.append(("<|im_start|>assistant", True))
            text = _content_text(m.get("content"))
            if text:
                segs.append(("\n" + text, False))
            for call in m.get("tool_calls") or []:
                segs.append(("\n<tool_call>\n" + _tool_call_json(call) + "\n</tool_call>", False))
            segs.append(("<|im_end|>\n", True))
        elif role == "tool":
            if i == 0 or msgs[i - 1].get("role") != "tool":
                segs.append(("<|im_start|>user", True))
            segs.append(("\n<tool_response>\n" + _content_text(m.get("content")) + "\n</tool_response>", False))
            if i == len(msgs) - 1 or msgs[i + 1].get("role") != "tool":
                segs.append(("<|im_end|>\n", True))
        else:
            raise LLMError(f"unknown message role {role!r}", "roles are system, user, assistant and tool", code="llm_bad_request")
    if add_generation_prompt:
        segs.append(("<|im_start|>assistant\n", True))
    return segs


def render_text(segments: Sequence[Segment]) -> str:
    return "".join(text for text, _ in segments)


# --------------------------------------------------------------------------- tool-call parsing

_OPEN, _CLOSE = "<tool_call>", "</tool_call>"


def _call_from_obj(obj: Any, names: set[str] | None = None) -> ToolCall | None:
    if not isinstance(obj, dict) or not isinstance(obj.get("name"), str) or not obj["name"]:
        return None
    if names is not None and obj["name"] not in names:
        return None
    args = obj.get("arguments", obj.get("parameters", {}))
    if isinstance(args, str):
        try:
            args = json.loads(args) if args.strip() else {}
        except ValueError:
            return None
    if not isinstance(args, dict):
        return None
    return ToolCall(id=new_call_id(), name=obj["name"], arguments=json.dumps(args, ensure_ascii=False))


def parse_tool_call(body: str) -> ToolCall | None:
    """`{"name": ..., "arguments": {...}}` (what Qwen writes inside <tool_call>) -> ToolCall."""
    body = body.strip()
    if body.startswith("```"):
        body = re.sub(r"^```[a-zA-Z]*\s*|\s*```$", "", body)
    try:
        obj = json.loads(body)
    except ValueError:
        # A small model sometimes adds trailing junk after the object: take the first one.
        try:
            obj, _ = json.JSONDecoder().raw_decode(body)
        except ValueError:
            return None
    return _call_from_obj(obj)


class ToolCallFilter:
    """Splits streamed model text into speakable text and tool calls.

    * `<tool_call>{...}</tool_call>` blocks (Qwen's format) become `ToolCall`s and are never
      emitted as text; a trailing partial `<tool_call` is held back until it is clear
      whether it opens a block, and whitespace right before a block is dropped.
    * With `tool_names`, a reply that *starts* with a bare JSON object (optionally in a
      ``` fence) naming one of those tools is a tool call too: small models often drop the
      tags. Such a reply is held back until the object is complete, so its JSON is never
      spoken; any other JSON is released as text.
    """

    max_bare_json = 4000  # chars held back at most while waiting for a bare JSON object

    def __init__(self, tool_names: Sequence[str] | None = None) -> None:
        self._buf = ""
        self._in_call = False
        self._names = set(tool_names) if tool_names else None
        self._at_start = self._names is not None  # nothing but whitespace / tool calls so far
        self.malformed: list[str] = []

    def feed(self, text: str) -> list[TextDelta | ToolCall]:
        self._buf += text
        out: list[TextDelta | ToolCall] = []
        self._drain(out, final=False)
        return out

    def close(self) -> list[TextDelta | ToolCall]:
        out: list[TextDelta | ToolCall] = []
        self._drain(out, final=True)
        if self._in_call:
            self._finish_call(self._buf, out)
        elif self._buf.strip():
            out.append(TextDelta(self._buf.rstrip()))
        self._buf, self._in_call = "", False
        return out

    def _drain(self, out: list, *, final: bool) -> None:
        while True:
            if self._in_call:
                end = self._buf.find(_CLOSE)
                if end < 0:
                    return
                self._finish_call(self._buf[:end], out)
                self._buf = self._buf[end + len(_CLOSE):]
                self._in_call = False
                continue
            if self._at_start:
                verdict = self._bare_json(out, final=final)
                if verdict is None:
                    return  # undecided: hold everything back
                if verdict:
                    continue  # consumed a bare tool call; look again
                self._at_start = False
            start = self._buf.find(_OPEN)
            if start >= 0:
                before = self._buf[:start].rstrip()
                if before:
                    out.append(TextDelta(before))
                self._buf = self._buf[start + len(_OPEN):]
                self._in_call = True
                continue
            if final:
                return  # close() flushes the rest
            # No full opening tag: emit all but a possible partial tag and trailing spaces.
            hold = 0
            for k in range(min(len(_OPEN) - 1, len(self._buf)), 0, -1):
                if _OPEN.startswith(self._buf[-k:]):
                    hold = k
                    break
            emit, rest = self._buf[: len(self._buf) - hold], self._buf[len(self._buf) - hold:]
            stripped = emit.rstrip()
            if stripped:
                out.append(TextDelta(stripped))
            self._buf = emit[len(stripped):] + rest
            return

    def _bare_json(self, out: list, *, final: bool) -> bool | None:
        """At the start of a reply: True = took a bare JSON tool call, False = plain text,
        None = cannot tell yet."""
        s = self._buf.lstrip()
        if not s:
            return None if not final else False
        if s.startswith(_OPEN[: len(s)]):
            return False  # a tagged call: the normal path handles it (and holds partial tags)
        fenced = False
        body = s
        if s[0] == "`":
            if not "```".startswith(s[:3]):
                return False
            nl = s.find("\n")
            if nl < 0:
                return None if not final and len(s) < 24 else False
            body, fenced = s[nl + 1:].lstrip(), True
            if not body:
                return None if not final else False
        if body[0] != "{":
            return False
        try:
            obj, end = json.JSONDecoder().raw_decode(body)
        except ValueError:
            return None if not final and len(body) < self.max_bare_json else False
        call = _call_from_obj(obj, self._names)
        if call is None:
            return False
        rest = body[end:]
        if fenced:
            rest = rest.lstrip()
            if rest.startswith("```"):
                rest = rest[3:]
            elif not final and "```".startswith(rest):
                return None  # wait for the closing fence so it is not spoken
        out.append(call)
        self._buf = rest
        return True

    def _finish_call(self, body: str, out: list) -> None:
        call = parse_tool_call(body)
        if call is None:
            self.malformed.append(body)
            log.warning("dropped a malformed tool call from the model (%d chars)", len(body))
        else:
            out.append(call)


# --------------------------------------------------------------------------- llama.cpp


_DONE = object()


def _tool_names(tools: Sequence[dict] | None) -> list[str] | None:
    if not tools:
        return None
    return [(t.get("function") or t).get("name", "") for t in tools]


class LlamaCppChat(ChatBackend):
    """A GGUF chat model in-process via llama-cpp-python, with KV-cache prefix reuse."""

    prompt_chunk = 64  # prompt tokens per decode call: the cancellation granularity of prefill

    def __init__(
        self,
        model_path: str | Path,
        *,
        n_ctx: int = 4096,
        n_threads: int = 2,
        name: str | None = None,
    ) -> None:
        self.model_path = Path(model_path)
        if not self.model_path.is_file():
            raise LLMError(
                f"LLM model file not found: {self.model_path}",
                "point the LLM model path at a readable .gguf file, or use the bundled model (spec 'local')",
                code="llm_model_missing",
            )
        self.n_ctx = int(n_ctx)
        self.n_threads = int(n_threads)
        self.name = name or f"llama.cpp {self.model_path.stem.lower()}"
        self._llm: Any = None
        self._lock = asyncio.Lock()
        self._running = threading.Event()  # cleared = decoding waits between tokens (see hold())
        self._running.set()
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="parley-llm")
        self._stop_tokens: set[int] = set()
        self._closed = False
        # Observable state (tests, metrics).
        self.tokens_generated = 0  # total tokens sampled over the model's life
        self.last_stop_reason = ""  # "stop" | "length" | "cancelled" | "error"
        self.last_usage: Usage | None = None

    def __repr__(self) -> str:
        return f"LlamaCppChat({self.name!r}, n_ctx={self.n_ctx}, n_threads={self.n_threads})"

    @property
    def busy(self) -> bool:
        """True while a generation or prefill holds the model (per-model concurrency is 1)."""
        return self._lock.locked()

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
        try:
            llm = llama_cpp.Llama(
                model_path=str(self.model_path),
                n_ctx=self.n_ctx,
                n_threads=self.n_threads,
                n_threads_batch=self.n_threads,
                verbose=False,
            )
        except Exception as exc:  # llama.cpp says ValueError("Failed to load model from file")
            raise BackendUnavailable(
                f"could not load LLM model {self.model_path.name}: {exc}",
                "check that the file is a complete GGUF model this llama.cpp version supports",
            ) from exc
        stops = {llm.token_eos()}
        for text in ("<|im_end|>", "<|endoftext|>", "<|im_start|>"):
            ids = llm.tokenize(text.encode(), add_bos=False, special=True)
            if len(ids) == 1:
                stops.add(ids[0])
        self._stop_tokens = {t for t in stops if t is not None and t >= 0}
        self._vocab = llm._model.vocab
        self._is_eog = llama_cpp.llama_vocab_is_eog
        self._llm = llm
        log.info("loaded %s in %.2f s", self.name, time.perf_counter() - t0)

    def _tokenize(self, segments: Sequence[Segment]) -> list[int]:
        llm = self._llm
        toks: list[int] = []
        for text, special in segments:
            if text:
                toks += llm.tokenize(text.encode("utf-8"), add_bos=False, special=special)
        return toks

    def _fit(self, messages: list[dict], tools: list[dict] | None, reserve: int) -> list[int]:
        """Tokens for the prompt; drops the oldest turns if the context would overflow."""
        msgs = list(messages)
        while True:
            toks = self._tokenize(render_chatml(msgs, tools))
            if len(toks) + reserve <= self.n_ctx:
                return toks
            # Keep the system message and the last message; drop the oldest turn between.
            lo = 1 if msgs and msgs[0].get("role") == "system" else 0
            if len(msgs) - lo <= 1:
                raise LLMError(
                    f"prompt of {len(toks)} tokens does not fit the {self.n_ctx}-token context",
                    "shorten the system prompt or the message, or raise the LLM context size",
                    code="llm_context_overflow",
                )
            drop = lo + 1
            # Never leave an orphaned tool answer at the start of the history.
            while drop < len(msgs) - 1 and msgs[drop].get("role") in ("tool", "assistant"):
                drop += 1
            log.info("LLM context full: dropping %d oldest message(s)", drop - lo)
            msgs = msgs[:lo] + msgs[drop:]

    def _eval_prompt(self, tokens: list[int], stop: threading.Event) -> int:
        """Make the KV cache hold exactly `tokens` with fresh logits; returns tokens reused.

        Reuses the longest common prefix with what is cached, evaluates the rest in chunks
        (checking `stop` between chunks). Leaves the model so that `Llama.generate(tokens)`
        finds the exact prompt cached and samples at once.
        """
        llm = self._llm
        cached = llm.n_tokens
        prefix = 0
        if cached:
            old = llm.input_ids[:cached]
            n = min(cached, len(tokens))
            for a, b in zip(old[:n].tolist(), tokens[:n]):
                if a != b:
                    break
                prefix += 1
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
        for i in range(0, len(rest), self.prompt_chunk):
            if stop.is_set():
                raise _Stopped
            llm.eval(rest[i : i + self.prompt_chunk])
        return prefix

    def _generate_sync(
        self,
        messages: list[dict],
        tools: list[dict] | None,
        max_tokens: int,
        temperature: float,
        stop: threading.Event,
        emit,
    ) -> None:
        self._load_sync()
        llm = self._llm
        prompt = self._fit(messages, tools, reserve=min(max_tokens, self.n_ctx // 2))
        max_tokens = max(1, min(max_tokens, self.n_ctx - len(prompt)))
        completion = 0
        reason = "cancelled"
        try:
            cached = self._eval_prompt(prompt, stop)
            decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
            filt = ToolCallFilter(_tool_names(tools))
            reason = "length"
            gen = llm.generate(
                prompt, top_k=40, top_p=0.95, min_p=0.05, temp=max(0.0, temperature), repeat_penalty=1.0, reset=True
            )
            try:
                for token in gen:
                    while not self._running.wait(0.05):  # held: give the cores to TTS
                        if stop.is_set():
                            break
                    if stop.is_set():
                        reason = "cancelled"
                        break
                    if token in self._stop_tokens or self._is_eog(self._vocab, token):
                        reason = "stop"
                        break
                    completion += 1
                    self.tokens_generated += 1
                    piece = decoder.decode(llm.detokenize([token], special=True))
                    for ev in filt.feed(piece):
                        emit(ev)
                    if completion >= max_tokens:
                        break
            finally:
                gen.close()
            if reason != "cancelled":
                for ev in filt.feed(decoder.decode(b"", final=True)) + filt.close():
                    emit(ev)
                usage = Usage(prompt_tokens=len(prompt), completion_tokens=completion, cached_tokens=cached)
                self.last_usage = usage
                emit(usage)
        except _Stopped:
            reason = "cancelled"
        except Exception:
            reason = "error"
            raise
        finally:
            self.last_stop_reason = reason

    def _prefill_sync(self, messages: list[dict], tools: list[dict] | None, stop: threading.Event) -> int:
        self._load_sync()
        prompt = self._fit(messages, tools, reserve=0)
        try:
            return self._eval_prompt(prompt, stop)
        except _Stopped:
            return 0

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

    async def prefill(self, messages: list[dict], tools: list[dict] | None = None) -> None:
        """Evaluate the prompt (up to `<|im_start|>assistant\\n`) into the KV cache now.

        Cancelling it stops the evaluation at the next chunk of `prompt_chunk` tokens (what
        was evaluated stays cached); the model is free again once it returns.
        """
        self._check_open()
        stop = threading.Event()
        async with self._lock:
            fut = asyncio.get_running_loop().run_in_executor(
                self._executor, self._prefill_sync, list(messages), list(tools) if tools else None, stop
            )
            await _wait_uncancellable(fut, on_cancel=stop.set)

    async def stream(
        self,
        messages: list[dict],
        *,
        tools: list[dict] | None = None,
        max_tokens: int = 160,
        temperature: float = 0.2,
    ) -> AsyncIterator[LLMEvent]:
        self._check_open()
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue()
        stop = threading.Event()

        def emit(item: Any) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, item)
            except RuntimeError:  # the loop is gone: nobody is listening any more
                stop.set()

        def work() -> None:
            try:
                self._generate_sync(list(messages), list(tools) if tools else None, max_tokens, temperature, stop, emit)
            except BaseException as exc:  # noqa: BLE001 - handed to the async side
                emit(exc)
            finally:
                emit(_DONE)

        async with self._lock:
            fut = loop.run_in_executor(self._executor, work)
            try:
                while True:
                    item = await queue.get()
                    if item is _DONE:
                        break
                    if isinstance(item, LLMError):
                        raise item
                    if isinstance(item, BaseException):
                        raise BackendUnavailable(
                            f"{self.name} failed: {type(item).__name__}: {item}", "see the server log"
                        ) from item
                    yield item
            finally:
                # Cancelled, closed early or done: stop the worker within one token, and
                # keep the lock until the thread has really finished with the model.
                stop.set()
                await _wait_uncancellable(fut)

    def hold(self) -> None:
        """Pause decoding between tokens (e.g. while the first speech chunk is synthesized:
        on 2 cores, decoding and TTS at once slow each other 2-4x)."""
        self._running.clear()

    def release(self) -> None:
        self._running.set()

    def set_threads(self, n_threads: int) -> None:
        """Change decode threads from the next decode on (e.g. 1 while TTS runs)."""
        self.n_threads = int(n_threads)
        if self._llm is not None:
            import llama_cpp

            llama_cpp.llama_set_n_threads(self._llm.ctx, self.n_threads, self.n_threads)

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        async with self._lock:  # waits for a running generation to finish / be cancelled
            llm, self._llm = self._llm, None
            if llm is not None:
                await asyncio.get_running_loop().run_in_executor(self._executor, llm.close)
        self._executor.shutdown(wait=False)


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


# --------------------------------------------------------------------------- OpenAI-compatible


class OpenAICompatChat(ChatBackend):
    """Any OpenAI-compatible `/chat/completions` server, streamed over SSE."""

    def __init__(self, base_url: str, model: str, *, api_key: str | None = None, timeout_s: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self._api_key = api_key or None
        self.timeout_s = float(timeout_s)
        # userinfo in the URL (http://user:secret@host) never reaches names, logs or errors
        self.name = f"openai {re.sub(r'//[^/@]*@', '//', self.base_url)}#{model}"
        self._client: Any = None

    def __repr__(self) -> str:  # never shows the key
        return f"OpenAICompatChat({self.name!r})"

    def _http(self):
        import httpx

        if self._client is None or self._client.is_closed:
            headers = {"Accept": "text/event-stream"}
            if self._api_key:
                headers["Authorization"] = f"Bearer {self._api_key}"
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(self.timeout_s, connect=min(self.timeout_s, 10.0)), headers=headers
            )
        return self._client

    async def warm(self) -> None:
        """Check the server answers (a GET of /models); raises BackendUnavailable if not."""
        import httpx

        try:
            resp = await self._http().get(f"{self.base_url}/models")
        except httpx.HTTPError as exc:
            raise BackendUnavailable(f"{self.name}: {_describe_http_error(exc)}", _UNAVAILABLE_HINT) from exc
        if resp.status_code >= 500:
            raise BackendUnavailable(f"{self.name}: HTTP {resp.status_code}", _UNAVAILABLE_HINT)

    async def prefill(self, messages: list[dict], tools: list[dict] | None = None) -> None:
        return None  # the server keeps its own prompt cache

    async def stream(
        self,
        messages: list[dict],
        *,
        tools: list[dict] | None = None,
        max_tokens: int = 160,
        temperature: float = 0.2,
    ) -> AsyncIterator[LLMEvent]:
        import httpx

        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "stream": True,
            "stream_options": {"include_usage": True},
            "max_tokens": max_tokens,
            "temperature": temperature,
        }
        if tools:
            body["tools"] = tools
        url = f"{self.base_url}/chat/completions"
        started = False
        calls: dict[int, dict[str, str]] = {}
        emitted: set[int] = set()
        usage: Usage | None = None
        n_deltas = 0
        finished = False

        def flush_calls(upto: int | None = None) -> list[ToolCall]:
            out = []
            for idx in sorted(calls):
                if idx in emitted or (upto is not None and idx >= upto):
                    continue
                c = calls[idx]
                if not c["name"]:
                    continue
                emitted.add(idx)
                out.append(ToolCall(id=c["id"] or new_call_id(), name=c["name"], arguments=c["args"] or "{}"))
            return out

        try:
            async with self._http().stream("POST", url, json=body) as resp:
                if resp.status_code >= 500:
                    text = (await resp.aread()).decode("utf-8", "replace")
                    raise BackendUnavailable(
                        f"{self.name}: HTTP {resp.status_code} {_server_message(text)}".rstrip(), _UNAVAILABLE_HINT
                    )
                if resp.status_code >= 400:
                    text = (await resp.aread()).decode("utf-8", "replace")
                    raise LLMError(
                        f"{self.name} refused the request: HTTP {resp.status_code} {_server_message(text)}".rstrip(),
                        "check the model name, API key and request limits of the LLM server",
                        code="llm_rejected",
                    )
                if resp.headers.get("content-type", "").startswith("application/json"):
                    # A server that ignored stream=true: take the whole answer at once.
                    for event in _events_from_completion(self.name, await resp.aread()):
                        started = started or not isinstance(event, Usage)
                        yield event
                    return
                async for line in resp.aiter_lines():
                    line = line.strip()
                    if not line or line.startswith(":") or not line.startswith("data:"):
                        continue
                    data = line[5:].strip()
                    if data == "[DONE]":
                        finished = True
                        break
                    try:
                        chunk = json.loads(data)
                    except ValueError:
                        raise _malformed(self.name, started, "a stream line is not JSON") from None
                    if not isinstance(chunk, dict):
                        raise _malformed(self.name, started, "a stream chunk is not an object")
                    if "error" in chunk:
                        err = chunk["error"]
                        msg = err.get("message", str(err)) if isinstance(err, dict) else str(err)
                        raise _malformed(self.name, started, f"server error: {msg}")
                    if chunk.get("usage"):
                        u = chunk["usage"]
                        details = u.get("prompt_tokens_details") or {}
                        usage = Usage(
                            prompt_tokens=int(u.get("prompt_tokens") or 0),
                            completion_tokens=int(u.get("completion_tokens") or 0),
                            cached_tokens=int(details.get("cached_tokens") or 0),
                        )
                    for choice in chunk.get("choices") or []:
                        delta = choice.get("delta") or {}
                        text = delta.get("content")
                        if text:
                            started = True
                            n_deltas += 1
                            yield TextDelta(text)
                        for tc in delta.get("tool_calls") or []:
                            idx = int(tc.get("index", len(calls)))
                            # A new index means the earlier calls are complete.
                            for call in flush_calls(upto=idx):
                                started = True
                                yield call
                            c = calls.setdefault(idx, {"id": "", "name": "", "args": ""})
                            if tc.get("id"):
                                c["id"] = tc["id"]
                            fn = tc.get("function") or {}
                            if fn.get("name"):
                                c["name"] += fn["name"]
                            if fn.get("arguments"):
                                c["args"] += fn["arguments"]
                        if choice.get("finish_reason"):
                            finished = True
                            for call in flush_calls():
                                started = True
                                yield call
        except httpx.HTTPError as exc:
            raise BackendUnavailable(f"{self.name}: {_describe_http_error(exc)}", _UNAVAILABLE_HINT) from exc
        for call in flush_calls():
            started = True
            yield call
        if not finished:
            # No finish_reason and no [DONE]: the connection was cut short.
            what = "before the reply was complete" if started else "without any output"
            raise BackendUnavailable(f"{self.name}: the stream ended {what}", _UNAVAILABLE_HINT)
        yield usage or Usage(prompt_tokens=0, completion_tokens=n_deltas)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


_UNAVAILABLE_HINT = "check that the OpenAI-compatible LLM server is running and reachable, or configure a fallback"


def _events_from_completion(name: str, raw: bytes) -> list[LLMEvent]:
    try:
        obj = json.loads(raw)
        message = obj["choices"][0].get("message") or {}
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise BackendUnavailable(f"{name}: malformed response (not a chat completion)", _UNAVAILABLE_HINT) from None
    events: list[LLMEvent] = []
    if message.get("content"):
        events.append(TextDelta(_content_text(message["content"])))
    for tc in message.get("tool_calls") or []:
        fn = tc.get("function") or {}
        args = fn.get("arguments", "{}")
        if not isinstance(args, str):
            args = json.dumps(args, ensure_ascii=False)
        events.append(ToolCall(id=tc.get("id") or new_call_id(), name=fn.get("name", ""), arguments=args or "{}"))
    u = obj.get("usage") or {}
    details = u.get("prompt_tokens_details") or {}
    events.append(
        Usage(
            prompt_tokens=int(u.get("prompt_tokens") or 0),
            completion_tokens=int(u.get("completion_tokens") or 0),
            cached_tokens=int(details.get("cached_tokens") or 0),
        )
    )
    return events


def _malformed(name: str, started: bool, what: str) -> LLMError:
    cls = LLMError if started else BackendUnavailable
    return cls(f"{name}: malformed stream ({what})", _UNAVAILABLE_HINT, code=None if not started else "llm_bad_stream")


def _server_message(text: str) -> str:
    try:
        obj = json.loads(text)
    except ValueError:
        return text.strip()[:300]
    if isinstance(obj, dict):
        err = obj.get("error", obj)
        if isinstance(err, dict):
            return str(err.get("message") or err.get("detail") or err)[:300]
        return str(err)[:300]
    return str(obj)[:300]


def _describe_http_error(exc: Exception) -> str:
    import httpx

    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({exc})"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({type(exc).__name__})"
    return f"{type(exc).__name__}: {exc}"


# --------------------------------------------------------------------------- fallback


class FallbackChat(ChatBackend):
    """Tries backends in order; moves on only if one is unavailable before saying anything."""

    def __init__(self, backends: list[ChatBackend]) -> None:
        if not backends:
            raise LLMError("FallbackChat needs at least one backend", "configure an LLM backend", code="llm_config")
        self.backends = list(backends)
        self.name = "fallback(" + ", ".join(b.name for b in self.backends) + ")"
        self.failures: dict[str, int] = {b.name: 0 for b in self.backends}
        self.last_backend: str = ""

    def _failed(self, backend: ChatBackend, exc: Exception) -> None:
        self.failures[backend.name] = self.failures.get(backend.name, 0) + 1
        log.warning("LLM backend %s unavailable, trying the next one: %s", backend.name, exc)

    async def stream(
        self,
        messages: list[dict],
        *,
        tools: list[dict] | None = None,
        max_tokens: int = 160,
        temperature: float = 0.2,
    ) -> AsyncIterator[LLMEvent]:
        errors: list[str] = []
        for backend in self.backends:
            started = False
            try:
                async with aclosing(
                    backend.stream(messages, tools=tools, max_tokens=max_tokens, temperature=temperature)
                ) as agen:
                    async for event in agen:
                        if not started:
                            started = True
                            self.last_backend = backend.name
                        yield event
                return
            except BackendUnavailable as exc:
                if started:
                    raise  # never repeat half a reply with another model
                self._failed(backend, exc)
                errors.append(f"{backend.name}: {exc}")
        raise BackendUnavailable(
            "all LLM backends are unavailable: " + "; ".join(errors),
            "start the LLM server or check the local model; see the log for each backend's error",
        )

    async def warm(self) -> None:
        errors = []
        for backend in self.backends:
            try:
                await backend.warm()
            except Exception as exc:  # noqa: BLE001 - logged; only fatal if all fail
                log.warning("could not warm LLM backend %s: %s", backend.name, exc)
                errors.append(f"{backend.name}: {exc}")
        if len(errors) == len(self.backends):
            raise BackendUnavailable("no LLM backend could be warmed: " + "; ".join(errors), _UNAVAILABLE_HINT)

    async def prefill(self, messages: list[dict], tools: list[dict] | None = None) -> None:
        await self.backends[0].prefill(messages, tools)

    async def aclose(self) -> None:
        for backend in self.backends:
            try:
                await backend.aclose()
            except Exception as exc:  # noqa: BLE001
                log.warning("closing LLM backend %s failed: %s", backend.name, exc)


# --------------------------------------------------------------------------- factory

SPEC_FORMS = '"local", "smollm2", "gguf:/abs/path.gguf", "openai:http://host:port/v1#model-name"'


def build_chat(
    specs: Sequence[str],
    *,
    model_path: str = "",
    api_key: str = "",
    timeout_s: float = 30.0,
    n_threads: int = 2,
    n_ctx: int = 4096,
    cache_dir: Path | None = None,
) -> ChatBackend:
    """Backends from config specs; several specs make a `FallbackChat` in that order."""
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
                try:
                    path = weights.assemble_qwen_gguf(cache_dir)
                except weights.WeightsError as exc:
                    raise LLMError(str(exc), exc.hint, code="llm_weights") from exc
                name = "llama.cpp qwen2.5-coder-0.5b-instruct-q4_k_m"
            backends.append(LlamaCppChat(path, n_ctx=n_ctx, n_threads=n_threads, name=name))
        elif spec == "smollm2":
            try:
                path = weights.smollm2_gguf()
            except weights.WeightsError as exc:
                raise LLMError(str(exc), exc.hint, code="llm_weights") from exc
            backends.append(LlamaCppChat(path, n_ctx=n_ctx, n_threads=n_threads, name="llama.cpp smollm2-135m-instruct-q4_1"))
        elif spec.startswith("gguf:"):
            path = Path(spec[5:])
            if not path.is_absolute():
                raise LLMError(f"LLM spec {raw!r}: the GGUF path must be absolute", f"valid forms: {SPEC_FORMS}", code="llm_config")
            backends.append(LlamaCppChat(path, n_ctx=n_ctx, n_threads=n_threads))
        elif spec.startswith("openai:"):
            url, _, model = spec[7:].partition("#")
            if not url.startswith(("http://", "https://")) or not model:
                raise LLMError(
                    f"LLM spec {raw!r} needs a base URL and a model name",
                    'use "openai:http://host:port/v1#model-name"',
                    code="llm_config",
                )
            backends.append(OpenAICompatChat(url, model, api_key=api_key or None, timeout_s=timeout_s))
        else:
            raise LLMError(f"unknown LLM backend spec {raw!r}", f"valid forms: {SPEC_FORMS}", code="llm_config")
    if not backends:
        raise LLMError("no LLM backend configured", f"valid forms: {SPEC_FORMS}", code="llm_config")
    return backends[0] if len(backends) == 1 else FallbackChat(backends)


__all__ = [
    "BackendUnavailable",
    "ChatBackend",
    "FallbackChat",
    "LLMError",
    "LLMEvent",
    "LlamaCppChat",
    "OpenAICompatChat",
    "TextDelta",
    "ToolCall",
    "Usage",
    "build_chat",
    "render_chatml",
]
