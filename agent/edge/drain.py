"""Graceful drain: what a Parley process does on SIGTERM before it exits.

1. Stop admitting sessions (new ones get `server_draining`, 503 / close 1013).
2. Tell every connected client: an `error` event with code `server_draining`.
3. Let running replies finish, for up to `drain_s`.
4. End every session: its transport closes it with 1001 (going away).

Then the server stops. A second SIGTERM (or SIGINT) stops at once.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from agent.core.protocol import error_event

log = logging.getLogger("parley.drain")


async def drain(runtime: Any, drain_s: float) -> None:
    runtime.draining = True
    sessions = list(runtime.sessions.values())
    log.info("draining: %d session(s), up to %.0f s for running replies", len(sessions), drain_s)
    for session in sessions:
        await session.send(error_event("server_draining", "the server is restarting; this session ends once the current reply is done",
                                       kind="server_error", hint="reconnect in a few seconds: another server process will answer"))
    running = [asyncio.ensure_future(s.reply.wait()) for s in sessions if s.reply is not None and s.replying]
    if running:
        _done, late = await asyncio.wait(running, timeout=drain_s)
        if late:
            log.warning("draining: %d reply(ies) still running after %.0f s; ending them", len(late), drain_s)
    for session in sessions:
        await session.end("server_draining", "the server is going away", notify=False)
    gone = [s.closed_event for s in sessions]
    if gone:
        await asyncio.wait([asyncio.ensure_future(e.wait()) for e in gone], timeout=5.0)
    log.info("drained")
