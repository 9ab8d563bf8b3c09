"""SIGTERM drains a real `parley serve` process: it stops admitting, tells its clients,
lets the running reply finish, closes with 1001, and exits cleanly."""
from __future__ import annotations

import asyncio
import os
import signal
import sys

import httpx
import pytest
import websockets

from tests.conftest import ARTIFACTS, ROOT, free_port
from tests.realtime_client import RawClient


async def _ready(url: str, proc: asyncio.subprocess.Process) -> None:
    async with httpx.AsyncClient() as http, asyncio.timeout(180):
        while proc.returncode is None:
            try:
                if (await http.get(url + "/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.25)  # polling the server's own readiness endpoint while it loads models
    raise AssertionError("parley serve exited before it was ready")


async def test_sigterm_lets_the_running_reply_finish_then_closes_1001(tmp_path):
    port = free_port()
    env = {**os.environ, "PARLEY_DRAIN_S": "90", "PARLEY_TICKETS_DB": str(tmp_path / "tickets.sqlite3"), "PARLEY_LOG_LEVEL": "warning"}
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "agent.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                                                cwd=ROOT, env=env, stdout=asyncio.subprocess.DEVNULL,
                                                stderr=open(ARTIFACTS / "drain-server.log", "wb"))
    try:
        await _ready(f"http://127.0.0.1:{port}", proc)
        c = await RawClient.connect(f"ws://127.0.0.1:{port}/v1/realtime")
        await c.configure(instructions="Answer in two short sentences.")
        await c.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                      "content": [{"type": "input_text", "text": "Why does my laptop fan get loud?"}]}})
        await c.send({"type": "response.create"})
        first = await c.wait_for("response.output_audio.delta", timeout=120)
        proc.send_signal(signal.SIGTERM)
        notice = await c.wait_for("error", timeout=30)
        assert notice["error"]["code"] == "server_draining" and notice["error"]["hint"]
        with pytest.raises(websockets.InvalidStatus) as refused:  # no new sessions while draining
            await websockets.connect(f"ws://127.0.0.1:{port}/v1/realtime")
        assert refused.value.response.status_code == 503
        done = await c.wait_for("response.done", lambda e: e["response"]["id"] == first["response_id"], timeout=120)
        assert done["response"]["status"] == "completed"  # the running reply was not cut
        await asyncio.wait_for(c.ws.wait_closed(), 30)
        assert c.ws.close_code == 1001  # going away
        assert await asyncio.wait_for(proc.wait(), 60) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
