"""A small raw-WebSocket Realtime client for tests (the SDK test uses the `openai` package)."""
from __future__ import annotations

import asyncio
import json
from typing import Any, Callable

import numpy as np
import websockets

from .conftest import b64_pcm16


class RawClient:
    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.events: list[dict[str, Any]] = []

    @classmethod
    async def connect(cls, url: str, **kw: Any) -> "RawClient":
        return cls(await websockets.connect(url, max_size=None, **kw))

    async def send(self, event: dict[str, Any]) -> None:
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
