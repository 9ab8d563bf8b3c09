"""`BackendGroup`: what a chat made of several backends passes on to each of them."""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import aclosing
from typing import Any

from .events import BackendUnavailable, ChatBackend, LLMEvent, PromptEvaluated, stream_options

log = logging.getLogger("parley.llm")


class BackendGroup:
    """The state and settings of a chat that hands turns to `backends` (FallbackChat, RoutedChat):
    busy while any is, and each told what the group is told (where it takes it)."""

    backends: list[ChatBackend]
    failures: dict[str, int]  # per backend: times it was unavailable when a turn came to it
    last_backend: str

    async def stream_in_order(self, order: Sequence[ChatBackend], messages: list[dict], *, tools: list[dict] | None,
                              max_tokens: int, temperature: float, owner: str, **options: Any) -> AsyncIterator[LLMEvent]:
        """The turn from the first of `order` that is available; the next one only where a
        backend was unavailable before it said anything (never half a reply from one model and
        the rest from another). All unavailable: BackendUnavailable naming each."""
        errors: list[str] = []
        for backend in order:
            started = False
            extra = stream_options(backend, **options)
            try:
                async with aclosing(
                    backend.stream(messages, tools=tools, max_tokens=max_tokens, temperature=temperature, owner=owner, **extra)
                ) as agen:
                    async for event in agen:
                        if not started and not isinstance(event, PromptEvaluated):  # timing only: nothing said yet
                            started = True
                            self.last_backend = backend.name
                        yield event
                return
            except BackendUnavailable as exc:
                if started:
                    raise  # never repeat half a reply with another model
                self.failures[backend.name] = self.failures.get(backend.name, 0) + 1
                log.warning("LLM backend %s unavailable, trying the next one: %s", backend.name, exc)
                errors.append(f"{backend.name}: {exc}")
        raise BackendUnavailable(
            "all LLM backends are unavailable: " + "; ".join(errors),
            "start the LLM server or check the local model; see the log for each backend's error",
        )

    @property
    def busy(self) -> bool:
        return any(getattr(b, "busy", False) for b in self.backends)

    @property
    def contended(self) -> bool:
        return any(getattr(b, "contended", False) for b in self.backends)

    async def warm(self) -> None:
        """Every backend loaded or reached; one that fails is logged (a turn meant for it goes to
        another), and only all failing is an error."""
        errors = []
        for backend in self.backends:
            try:
                await backend.warm()
            except Exception as exc:  # noqa: BLE001 - logged; only fatal if all fail
                log.warning("could not warm LLM backend %s: %s", backend.name, exc)
                errors.append(f"{backend.name}: {exc}")
        if len(errors) == len(self.backends):
            raise BackendUnavailable("no LLM backend could be warmed: " + "; ".join(errors),
                                     "check that every configured LLM backend is running and reachable")

    def each(self, method: str, *args: Any, **kwargs: Any) -> None:
        """`method(*args, **kwargs)` on every backend that has it."""
        for backend in self.backends:
            if hasattr(backend, method):
                getattr(backend, method)(*args, **kwargs)

    def hold(self, owner: str = "") -> None:
        """`owner`'s decoding waits between tokens on every backend that holds (a server's
        does not: nothing to do there); see llama_local.py."""
        self.each("hold", owner)

    def release(self, owner: str = "") -> None:
        self.each("release", owner)

    async def until_parked(self, owner: str = "", timeout: float = 0.1) -> bool:
        """Every backend that holds has parked `owner`'s decoding (one not decoding for it at once)."""
        done = True
        for backend in self.backends:
            if hasattr(backend, "until_parked"):
                done = await backend.until_parked(owner, timeout) and done
        return done

    def set_scheduling(self, scheduling: str, *, preempt: bool = True) -> None:
        self.each("set_scheduling", scheduling, preempt=preempt)

    def forget(self, owner: str) -> None:
        self.each("forget", owner)

    def give_way_to(self, urgent_elsewhere: Callable[[], bool]) -> None:
        self.each("give_way_to", urgent_elsewhere)

    def scheduling_stats(self) -> dict[str, Any]:
        return {b.name: b.scheduling_stats() for b in self.backends if hasattr(b, "scheduling_stats")}
