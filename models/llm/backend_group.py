"""`BackendGroup`: what a chat made of several backends passes on to each of them."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from .events import BackendUnavailable, ChatBackend

log = logging.getLogger("parley.llm")


class BackendGroup:
    """The state and settings of a chat that hands turns to `backends` (FallbackChat, RoutedChat):
    busy while any is, and each told what the group is told (where it takes it)."""

    backends: list[ChatBackend]

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

    def set_scheduling(self, scheduling: str, *, preempt: bool = True) -> None:
        self.each("set_scheduling", scheduling, preempt=preempt)

    def forget(self, owner: str) -> None:
        self.each("forget", owner)

    def give_way_to(self, urgent_elsewhere: Callable[[], bool]) -> None:
        self.each("give_way_to", urgent_elsewhere)

    def scheduling_stats(self) -> dict[str, Any]:
        return {b.name: b.scheduling_stats() for b in self.backends if hasattr(b, "scheduling_stats")}
