"""An in-process VoiceSession for tests: events collected and awaitable, audio fed directly.

The session is the real one, with the real models (or a scripted LLM where a test must
control timing, e.g. to hold a reply at its first token); only the transport is left out.
"""
from __future__ import annotations

import asyncio
import base64
from dataclasses import replace
from typing import Any, AsyncIterator, Callable

import numpy as np

from media.pcm import float_to_pcm16
from models.llm import TextDelta, ToolCall

from .strict_events import check_server_event


class SessionProbe:
    def __init__(self, runtime: Any, *, extensions: bool = True, **config_changes: Any) -> None:
        from agent.core.session import VoiceSession

        if config_changes:
            runtime = replace(runtime, config=runtime.config.replace(**config_changes), sessions={})
        self.runtime = runtime
        self.events: list[dict[str, Any]] = []
        self._changed = asyncio.Condition()
        self.session = VoiceSession(runtime, self._collect, extensions=extensions)

    async def _collect(self, event: dict[str, Any]) -> None:
        check_server_event(event, extensions=self.session.extensions)  # as a strict client would (tests/strict_events.py)
        self.events.append(event)
        async with self._changed:
            self._changed.notify_all()

    async def __aenter__(self) -> "SessionProbe":
        await self.session.__aenter__()
        await self.session.start()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.session.close()

    async def send(self, event: dict[str, Any]) -> None:
        await self.session.handle(event)

    async def configure(self, **session: Any) -> None:
        await self.send({"type": "session.update", "session": {"type": "realtime", **session}})

    async def feed(self, audio: np.ndarray, chunk: int = 2400) -> None:
        """24 kHz float audio as input_audio_buffer.append events (as fast as they are taken)."""
        for i in range(0, len(audio), chunk):
            await self.send({"type": "input_audio_buffer.append", "audio": base64.b64encode(float_to_pcm16(audio[i:i + chunk])).decode()})

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["type"] == kind]

    async def wait_for(self, kind: str, pred: Callable[[dict[str, Any]], bool] = lambda e: True, timeout: float = 120) -> dict[str, Any]:
        async with asyncio.timeout(timeout), self._changed:
            while True:
                hit = next((e for e in self.events if e["type"] == kind and pred(e)), None)
                if hit is not None:
                    return hit
                await self._changed.wait()

    def history(self) -> list[tuple[str, str]]:
        return [(it.role or it.type, it.text) for it in self.session.conversation.items]


def with_llm(runtime: Any, llm: Any) -> Any:
    """The runtime with a scripted LLM that answers every turn (no article's own words in its place)."""
    return replace(runtime, llm=llm, sessions={}, config=runtime.config.replace(article_replies=False))


class ScriptedLLM:
    """An LLM whose replies a test controls: `first_token` is set when a reply starts;
    replies after `hold_first` wait at their first token until `go` is set."""

    name = "scripted"

    def __init__(self, reply: str = "Here is the answer you asked for.", *, hold_first: int = 0,
                 tool_call: str | None = None) -> None:
        self.reply = reply
        self.hold_first = hold_first  # how many replies stop after their first token
        self.tool_call = tool_call
        self.calls = 0
        self.first_token = asyncio.Event()
        self.go = asyncio.Event()
        self.busy = False

    async def stream(self, messages: list[dict], *, tools=None, max_tokens: int = 160, temperature: float = 0.2,
                     owner: str = "", tool_choice: str | None = None) -> AsyncIterator[Any]:
        self.calls += 1
        self.busy = True
        try:
            if self.tool_call and not any(m["role"] == "tool" for m in messages):
                self.first_token.set()
                yield ToolCall(id=f"call_{self.calls}", name=self.tool_call, arguments="{}")
                return
            words = self.reply.split(" ")
            yield TextDelta(words[0] + " ")
            self.first_token.set()
            if self.calls <= self.hold_first:
                await self.go.wait()
            for w in words[1:]:
                yield TextDelta(w + " ")
        finally:
            self.busy = False

    async def warm(self) -> None:
        return None

    async def aclose(self) -> None:
        return None
