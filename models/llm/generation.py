"""`Generation`: one reply's progress through the local model, kept between the turns it
gets at the model.

A reply that is already audible has seconds of speech buffered ahead of the listener; a
user who has just stopped speaking hears nothing until their reply starts. On one shared
model the audible reply gives way between two tokens (`LlamaCppChat.stream`, "preemption")
and goes on later from where it was: its prompt and the tokens written so far are put back
from its KV snapshot, and sampling continues after the last of them. Everything the worker
needs to go on lives here, so a reply that gave way twice reads as one that never did.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Any

from .chatml import ToolCallFilter


@dataclass
class Generation:
    messages: list[dict]
    tools: list[dict] | None
    max_tokens: int
    temperature: float
    owner: str
    tool_choice: str | None
    callable_tools: Any
    started_at: float = 0.0  # time.monotonic() the model was first granted to it
    prompt: list[int] | None = None  # fitted to the context on the first turn at the model
    written: list[int] = field(default_factory=list)  # tokens sampled so far, in the KV cache after the prompt
    raw: str = ""  # their text
    cached: int = 0  # prompt tokens the first evaluation found cached
    call_from: list[int] | None = None  # tokens after which a grammar-constrained tool call follows
    decoder: Any = field(default_factory=lambda: codecs.getincrementaldecoder("utf-8")(errors="replace"))
    filt: ToolCallFilter | None = None
    call_tokens: int = 0  # tokens of a constrained tool call
    turns: int = 0  # turns at the model so far
    gave_way: bool = False  # the last turn ended so that a more urgent caller could go first
    paced: bool = False  # each token's text waits to be read before the next is decoded (decode_holds.py); set on the loop
    opening_bias: dict[str, float] = field(default_factory=dict)  # added to the first token's logits, by word (one token each)

    @property
    def completion(self) -> int:
        return len(self.written) + self.call_tokens
