"""`FallbackChat`: backends in order, the next one answering while one is unavailable."""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import aclosing
from typing import Any

from .backend_group import BackendGroup
from .events import ChatBackend, LLMError, LLMEvent

log = logging.getLogger("parley.llm")


class FallbackChat(BackendGroup, ChatBackend):
    """Tries backends in order; moves on only if one is unavailable before saying anything."""

    accepts_priority = True  # passed on to the backends that take it
    accepts_callable_tools = True  # likewise
    accepts_paced = True  # likewise
    accepts_opening_bias = True  # likewise

    def __init__(self, backends: list[ChatBackend]) -> None:
        if not backends:
            raise LLMError("FallbackChat needs at least one backend", "configure an LLM backend", code="llm_config")
        self.backends = list(backends)
        self.name = "fallback(" + ", ".join(b.name for b in self.backends) + ")"
        self.failures: dict[str, int] = {b.name: 0 for b in self.backends}
        self.last_backend: str = ""

    async def stream(
        self,
        messages: list[dict],
        *,
        tools: list[dict] | None = None,
        max_tokens: int = 160,
        temperature: float = 0.2,
        owner: str = "",  # who asks (holds are per owner)
        priority: Any = None,  # models/priority_gate.py: a Priority or a callable giving it
        tool_choice: str | None = None,
        callable_tools: Any = None,
        paced: Any = None,  # llama_local.py: the next token waits until the last one's text is read
        opening_bias: Any = None,  # llama_local.py: logit bias on the reply's first token, by word
    ) -> AsyncIterator[LLMEvent]:
        async with aclosing(self.stream_in_order(
            self.backends, messages, tools=tools, max_tokens=max_tokens, temperature=temperature, owner=owner, priority=priority,
            tool_choice=tool_choice, callable_tools=callable_tools, paced=paced, opening_bias=opening_bias,
        )) as agen:
            async for event in agen:
                yield event

    def share_cores_with(self, others_busy) -> None:
        self.each("share_cores_with", others_busy)

    async def prefill(self, messages: list[dict], tools: list[dict] | None = None, owner: str = "") -> None:
        """Every backend caches the prefix now (a server backend's is a no-op), so a fallback
        answers as fast as the first choice: a cold local model behind a dead LLM server took
        30 s to evaluate the system prompt on the turn it was needed (bench/drill_llm_server_restart.py)."""
        for backend in self.backends:
            try:
                await backend.prefill(messages, tools, owner=owner)
            except Exception as exc:  # noqa: BLE001 - one backend's cache is not worth failing start-up
                log.warning("could not prefill LLM backend %s: %s", backend.name, exc)

    async def aclose(self) -> None:
        for backend in self.backends:
            try:
                await backend.aclose()
            except Exception as exc:  # noqa: BLE001
                log.warning("closing LLM backend %s failed: %s", backend.name, exc)
