"""A small raw-WebSocket Realtime client for tests (the SDK test uses the `openai` package).

Every event it receives is validated as a strict Realtime client validates it
(tests/strict_events.py); `parley.*` events are legal only once it asked for them
(`?parley=1` on the URL, or `parley: {events: true}` in a session.update it sent)."""
from __future__ import annotations

import asyncio
import json
from typing import Any, Callable

import numpy as np
import websockets

from .conftest import b64_pcm16
from .strict_events import check_server_event


class RawClient:
    def __init__(self, ws: Any, extensions: bool = False) -> None:
        self.ws = ws
        self.events: list[dict[str, Any]] = []
        self.extensions = extensions  # asked for parley.* events

    @classmethod
    async def connect(cls, url: str, **kw: Any) -> "RawClient":
        return cls(await websockets.connect(url, max_size=None, **kw), extensions="parley=1" in url)

    async def send(self, event: dict[str, Any]) -> None:
        if event.get("type") == "session.update" and isinstance(event.get("session"), dict):
            wants = (event["session"].get("parley") or {}).get("events")
            if isinstance(wants, bool):
                self.extensions = wants
        await self.ws.send(json.dumps(event))

    async def send_raw(self, data: str | bytes) -> None:
        await self.ws.send(data)

    async def configure(self, **session: Any) -> dict[str, Any]:
        body = {"type": "realtime", "audio": {"input": {"format": {"type": "audio/pcm", "rate": 24000},
                                                        "turn_detection": {"type": "server_vad"}}}, **session}
        await self.send({"type": "session.update", "session": body})
        return await self.wait_for("session.updated")

    async def stream_audio(self, audio: np.ndarray, chunk: int = 2400) -> None:
        for i in range(0, len(audio), chunk):
            await self.send({"type": "input_audio_buffer.append", "audio": b64_pcm16(audio[i:i + chunk])})

    async def recv(self, timeout: float = 60) -> dict[str, Any]:
        event = json.loads(await asyncio.wait_for(self.ws.recv(), timeout))
        self.events.append(event)
        check_server_event(event, extensions=self.extensions)
        return event

    async def wait_for(self, kind: str, pred: Callable[[dict[str, Any]], bool] = lambda e: True, timeout: float = 90) -> dict[str, Any]:
        async with asyncio.timeout(timeout):
            while True:
                event = await self.recv(timeout)
                if event["type"] == kind and pred(event):
                    return event

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["type"] == kind]

    async def close(self) -> None:
        await self.ws.close()
