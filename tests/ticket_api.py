"""The ticket routes (`/v1/screenshots`, `/v1/tickets`) served by a real uvicorn server on a
free loopback port, with a small runtime object as the lead's server provides (config, ocr,
llm, ocr_limit); shared by the screenshot and ticket-store tests."""
from __future__ import annotations

import asyncio
import contextlib
from types import SimpleNamespace
from typing import Any, AsyncIterator

import httpx

from deploy.services import free_port


def ticket_runtime(config: Any, ocr: Any) -> SimpleNamespace:
    """What the ticket routes read from the server's runtime; `llm` is None (rule drafts)."""
    return SimpleNamespace(config=config, ocr=ocr, llm=None, ocr_limit=asyncio.Semaphore(2))


@contextlib.asynccontextmanager
async def serve_ticket_api(rt: SimpleNamespace) -> AsyncIterator[httpx.AsyncClient]:
    """The ticket routes over `rt`, served until the block ends; yields a client for them."""
    import uvicorn
    from starlette.applications import Starlette

    from agent.tickets.routes import ticket_routes

    app = Starlette(routes=ticket_routes(lambda: rt))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    task = asyncio.ensure_future(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)  # the server's own readiness flag
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            yield client
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)


async def upload(client: httpx.AsyncClient, image: bytes, filename: str = "shot.png", ctype: str = "image/png", **kw: Any) -> httpx.Response:
    """POST one screenshot as the multipart `file` field."""
    return await client.post("/v1/screenshots", files={"file": (filename, image, ctype)}, **kw)
