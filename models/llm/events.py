"""What every chat backend speaks: the events it streams, its errors, its protocol."""
from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable



@dataclass(frozen=True)
class TextDelta:
    text: str


@dataclass(frozen=True)
class NumberToken:
    """A sampled token with a digit in it, and the probability the model gave it (sent just
    before the text that carries it; in-process models only). A year the model is unsure of
    ("2005" for when Google was founded: its last digit at 0.29) is often a wrong one."""

    text: str
    p: float


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


@dataclass(frozen=True)
class PromptEvaluated:
    """An in-process model took the request and evaluated its prompt; sent before the first
    token (remote servers send none). Where a slow first token's time went: the model's
    queue (`started_at`) or the prompt tokens its KV cache did not hold (`done_at`)."""

    started_at: float  # time.monotonic(): the model was granted to this request
    done_at: float  # time.monotonic(): the whole prompt was in the KV cache
    prompt_tokens: int
    cached_tokens: int


LLMEvent = TextDelta | NumberToken | ToolCall | PromptEvaluated | Usage


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
        owner: str = "",  # who asks (holds are per owner)
        priority: object = None,  # optional (backends with accepts_priority): see models/priority_gate.py
        tool_choice: str | None = None,  # None/"auto", "required", or the name of the one tool to call
    ) -> AsyncIterator[LLMEvent]: ...

    async def warm(self) -> None: ...

    async def prefill(self, messages: list[dict], tools: list[dict] | None = None, owner: str = "") -> None: ...

    async def aclose(self) -> None: ...


def stream_options(backend: object, *, priority: object = None, tool_choice: str | None = None, callable_tools: object = None,
                   paced: object = None, opening_bias: object = None) -> dict:
    """The optional `stream()` arguments `backend` takes (its `accepts_*` flags), for a chat
    that hands a turn on to one of several backends."""
    extra: dict = {"priority": priority} if getattr(backend, "accepts_priority", False) else {}
    if tool_choice is not None:
        extra["tool_choice"] = tool_choice
    if callable_tools is not None and getattr(backend, "accepts_callable_tools", False):
        extra["callable_tools"] = callable_tools
    if paced is not None and getattr(backend, "accepts_paced", False):
        extra["paced"] = paced
    if opening_bias and getattr(backend, "accepts_opening_bias", False):
        extra["opening_bias"] = opening_bias
    return extra


def new_call_id() -> str:
    return "call_" + uuid.uuid4().hex[:24]
