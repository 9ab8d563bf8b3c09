"""`RoutedChat`: a turn its prompt grounds goes to a small, fast model; the rest to a larger one.

The reply policy puts a note beside the user's message when it has something to go on (an
article's summary, a worked sum, the time, the user's name) and none when the model must
answer from what it knows. Measured on the held-out replies (bench/replies.py, README): with a
note the bundled 0.5B is as right as the 1.5B; without one the 1.5B is right far more often,
at about twice the time to first token. So a prompt whose last user message has a system note
beside it (or a tool's result, or a closing system note after it) is `grounded`, and
`RoutedChat` sends it to the small model; any other goes to the large one.

Never imports `agent`: the rule reads only the messages' roles.
"""
from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import aclosing
from typing import Any

from .backend_group import BackendGroup
from .events import ChatBackend, LLMEvent


def grounded(messages: list[dict]) -> bool:
    """The prompt gives the model something to go on for its last user message: a system
    message right before it (not the first, the instructions), or a system or tool message
    after it. No user message at all (a warm-up, a greeting's prompt) counts as grounded."""
    users = [i for i, m in enumerate(messages) if m.get("role") == "user"]
    if not users:
        return True
    last = users[-1]
    if last > 1 and messages[last - 1].get("role") == "system":
        return True
    return any(m.get("role") in ("system", "tool") for m in messages[last + 1:])


class RoutedChat(BackendGroup, ChatBackend):
    """`grounded` prompts to `small`, the others to `large` (see the module doc)."""

    accepts_priority = True  # passed on to the backend a turn is routed to, where it takes it
    accepts_callable_tools = True
    accepts_paced = True
    accepts_opening_bias = True

    def __init__(self, small: ChatBackend, large: ChatBackend, route: Callable[[list[dict]], bool] = grounded) -> None:
        self.small, self.large, self.route = small, large, route
        self.backends = [small, large]
        self.name = f"routed(grounded: {small.name}; unaided: {large.name})"
        self.routed: dict[str, int] = {small.name: 0, large.name: 0}
        self.failures: dict[str, int] = {small.name: 0, large.name: 0}  # unavailable when a turn was routed to it
        self.last_backend = ""

    def choose(self, messages: list[dict]) -> ChatBackend:
        return self.small if self.route(messages) else self.large

    async def stream(self, messages: list[dict], *, tools: list[dict] | None = None, max_tokens: int = 160,
                     temperature: float = 0.2, owner: str = "", **options: Any) -> AsyncIterator[LLMEvent]:
        """The turn from the backend it is routed to; from the other one where that one is
        unavailable before it said anything (a model that would not load, a server that is down)."""
        first = self.choose(messages)
        self.routed[first.name] += 1
        other = self.large if first is self.small else self.small
        async with aclosing(self.stream_in_order((first, other), messages, tools=tools, max_tokens=max_tokens,
                                                 temperature=temperature, owner=owner, **options)) as agen:
            async for event in agen:
                yield event

    async def prefill(self, messages: list[dict], tools: list[dict] | None = None, owner: str = "") -> None:
        """The backend the prompt will go to caches it; a prompt with no user message yet (the
        instructions at start-up) is cached by both."""
        if not any(m.get("role") == "user" for m in messages):
            for backend in self.backends:
                await backend.prefill(messages, tools, owner=owner)
            return
        await self.choose(messages).prefill(messages, tools, owner=owner)

    async def aclose(self) -> None:
        for backend in self.backends:
            await backend.aclose()

    # -- passed on to both (where a backend has it; holds, set_scheduling, forget, give_way_to: BackendGroup) --
    def share_cores_with(self, others_busy: Callable[[], bool]) -> None:
        """Each model counts the other's work as another model running (on 2 cores a second
        model's threads beside its own slow both)."""
        for backend, other in ((self.small, self.large), (self.large, self.small)):
            if hasattr(backend, "share_cores_with"):
                backend.share_cores_with(lambda other=other: others_busy() or bool(getattr(other, "busy", False)))

    def scheduling_stats(self) -> dict[str, Any]:
        return {**super().scheduling_stats(), "routed": dict(self.routed)}
