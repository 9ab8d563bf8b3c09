"""`TokenSampler`: the tokens the local llama.cpp model (`LlamaCppChat`, llama_local.py)
samples for a reply, on its worker thread.

Each token comes with its text, and decoding pauses between tokens while its owner is
held (decode_holds.py). A reply's free text is watched for the start of a tool call,
however the model writes it (`<tool_call>`, a bare JSON object, `"name": ...` in prose);
the call itself is then sampled under a grammar built from the offered tools
(models/llm/tool_calls.py), so it parses and fits the tool's parameters.
"""
from __future__ import annotations

import codecs
import contextlib
import logging
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from .chatml import parse_tool_call
from .decode_holds import DecodeHolds, GaveWay, Stopped
from .events import NumberToken, TextDelta, ToolCall
from .generation import Generation
from .llama_prompt import tokenize
from .tool_calls import call_grammar

log = logging.getLogger("parley.llm")

CALL_OPEN = "<tool_call>"
PACED_TOKEN_SENT = object()  # after a paced token's events: once the consumer asks past them, they have been read
_INLINE_CALL = re.compile(r'(\{\s*|^\s*)"name"\s*:')  # {"name": ...} in prose, or "name": ... with its brace left out
MAX_CALL_TOKENS = 256  # a tool call's JSON, at most


def _opens_bare_json(raw: str) -> bool:
    """The reply so far is the start of a JSON object (maybe in a ``` or ```json fence)."""
    head = raw.lstrip(" \n`")
    if head.startswith("json"):
        head = head[4:].lstrip()
    return head.startswith("{")


def tool_names(tools: Sequence[dict] | None) -> list[str] | None:
    if not tools:
        return None
    return [(t.get("function") or t).get("name", "") for t in tools]


def stop_tokens(llm: Any) -> set[int]:
    """The tokens that end a reply: end of sequence and the ChatML turn markers."""
    stops = {llm.token_eos()}
    for text in ("<|im_end|>", "<|endoftext|>", "<|im_start|>"):
        ids = llm.tokenize(text.encode(), add_bos=False, special=True)
        if len(ids) == 1:
            stops.add(ids[0])
    return {t for t in stops if t is not None and t >= 0}


class TokenSampler:
    """Worker thread: sampling from one loaded `llama_cpp.Llama`.

    `before_decode()` runs before every decode step (it fits the thread count);
    `with_draft`: a draft model proposes tokens in batches, so the last logits are not
    always the sampled token's own."""

    def __init__(self, llm: Any, holds: DecodeHolds, *, before_decode: Callable[[], None], with_draft: bool) -> None:
        import llama_cpp

        self.llm = llm
        self.holds = holds
        self.before_decode = before_decode
        self.with_draft = with_draft
        self.stop_tokens = stop_tokens(llm)
        self._vocab = llm._model.vocab
        self._is_eog = llama_cpp.llama_vocab_is_eog
        self.tokens_sampled = 0  # total tokens sampled over the model's life

    def sampled(
        self, gen: Any, owner: str, stop: threading.Event, decoder: Any, give_way: threading.Event | None = None
    ) -> Iterator[tuple[int, str]]:
        """The tokens a `Llama.generate` iterator samples, each with its text.
        Before each decode step it waits while `owner` is held, raises `Stopped` once
        `stop` is set (`GaveWay` once `give_way` is: the token just sampled is not taken,
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
                raise Stopped
            if give_way is not None and give_way.is_set():
                raise GaveWay
            self.before_decode()
            if token in self.stop_tokens or self._is_eog(self._vocab, token):
                return
            self.tokens_sampled += 1
            yield token, decoder.decode(self.llm.detokenize([token], special=True))
            # The consumer has it; the next step decodes it. A hold placed meanwhile (or a
            # paced token not read yet) parks here, before that decode, not after it.
            self.holds.wait_while_held(owner, stop, give_way)
            if stop.is_set():
                raise Stopped

    def sampled_p(self, token: int) -> float | None:
        """The probability the model gave `token`, just sampled (a softmax over
        the last logits, about 0.1 ms over 151,936 entries; None where those logits are not the
        token's own: a draft model's batch)."""
        if self.with_draft:
            return None
        llm = self.llm
        import llama_cpp
        import numpy as np

        ptr = llama_cpp.llama_get_logits_ith(llm.ctx, -1)
        if not ptr:
            return None
        logits = np.ctypeslib.as_array(ptr, shape=(llm.n_vocab(),))
        top = float(logits.max())
        return float(np.exp(float(logits[token]) - top) / np.exp(logits - top).sum())

    def _logits_processors(self, g: Generation, no_calls: bool) -> Any:
        """What changes the logits before sampling: `<tool_call>` made impossible where no call
        may be made, and `g.opening_bias` added at the reply's first token (None: nothing)."""
        import numpy as np
        from llama_cpp import LogitsProcessorList

        processors = []
        if no_calls:
            banned = self.llm.tokenize(CALL_OPEN.encode(), add_bos=False, special=True)

            def ban(_ids: Any, scores: Any) -> Any:
                if len(banned) == 1:
                    scores[banned[0]] = -np.inf
                return scores

            processors.append(ban)
        bias = self.opening_bias(g.opening_bias) if not g.written else {}
        if bias:
            first = len(g.prompt or [])

            def opening(ids: Any, scores: Any) -> Any:
                if len(ids) == first:
                    for token, add in bias.items():
                        scores[token] += add
                return scores

            processors.append(opening)
        return LogitsProcessorList(processors) if processors else None

    def opening_bias(self, by_word: dict[str, float]) -> dict[int, float]:
        """`by_word` as token ids: a word the vocabulary holds as one token, else left out."""
        out: dict[int, float] = {}
        for word, add in by_word.items():
            ids = self.llm.tokenize(word.encode(), add_bos=False, special=False)
            if len(ids) == 1:
                out[ids[0]] = out.get(ids[0], 0.0) + float(add)
        return out

    def free_text(
        self, g: Generation, constrain: bool, stop: threading.Event, give_way: threading.Event, emit: Callable[[Any], None]
    ) -> str:
        """Sample the reply's text after the prompt and `g.written`; "stop" at an end of
        generation, "length" at `g.max_tokens`. Sets `g.call_from` where a call begins (to be
        sampled under a grammar), `g.gave_way` where it stopped for `give_way`."""
        prompt, tools, tool_choice = g.prompt or [], g.tools, g.tool_choice
        gen = self.llm.generate(
            prompt + g.written, top_k=40, top_p=0.95, min_p=0.05, temp=max(0.0, g.temperature), repeat_penalty=1.0, reset=True,
            logits_processor=self._logits_processors(g, no_calls=bool(tools) and tool_choice == "none"),
        )
        try:
            with contextlib.closing(self.sampled(gen, g.owner, stop, g.decoder, give_way)) as sampled:
                for token, piece in sampled:
                    g.written.append(token)
                    g.raw += piece
                    raw = g.raw
                    if tools and tool_choice == "none" and (_opens_bare_json(raw) or _INLINE_CALL.search(raw)):
                        return "stop"  # a call written as text where none may be made: never spoken
                    if constrain and g.completion <= 8 and _opens_bare_json(raw):
                        # a bare JSON object where the reply starts: a call without its tags
                        g.call_from = prompt + tokenize(self.llm, [(CALL_OPEN + "\n", True)])
                        return "length"
                    if constrain and (inline := _INLINE_CALL.search(raw)):
                        # a call written as prose after some words: the words stay, the call is sampled properly
                        g.call_from = prompt + tokenize(self.llm, [(raw[: inline.start()].rstrip() + "\n", False), (CALL_OPEN + "\n", True)])
                        return "length"
                    if any(c.isdigit() for c in piece) and (p := self.sampled_p(token)) is not None:
                        emit(NumberToken(piece, p))
                    events = g.filt.feed(piece)
                    paced = g.paced and any(isinstance(ev, TextDelta) for ev in events)
                    if paced:
                        self.holds.expect_ack(g.owner)  # parks before the next decode until it is read
                    for ev in events:
                        emit(ev)
                    if paced:
                        emit(PACED_TOKEN_SENT)
                    if constrain and raw.rstrip().endswith(CALL_OPEN):
                        g.call_from = prompt + g.written + ([] if raw.endswith("\n") else tokenize(self.llm, [("\n", False)]))
                        return "length"
                    if g.completion >= g.max_tokens:
                        return "length"
        except GaveWay:
            g.gave_way = True
            return "length"
        return "stop"  # an end-of-generation token

    def constrained_call(
        self, tokens: list[int], tools: list[dict], only: str | None, stop: threading.Event, owner: str
    ) -> tuple[ToolCall | None, int]:
        """Sample a tool call's JSON after `tokens` (which end inside `<tool_call>`) under a
        grammar built from the offered tools: it parses, names an offered tool and fits
        that tool's parameters. Greedy: a call is an answer, not prose. The grammar ends
        the reply after the call, so nothing is said after it."""
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        body, used = "", 0
        gen = self.llm.generate(tokens, top_k=1, temp=0.0, repeat_penalty=1.0, reset=True, grammar=call_grammar(tools, only))
        with contextlib.closing(self.sampled(gen, owner, stop, decoder)) as sampled:
            for _token, piece in sampled:
                used += 1
                body += piece
                if used >= MAX_CALL_TOKENS:
                    break
        call = parse_tool_call(body + decoder.decode(b"", final=True))
        if call is None:
            log.warning("a constrained tool call did not parse (%d tokens); dropped", used)
        return call, used
