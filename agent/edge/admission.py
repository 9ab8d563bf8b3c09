"""Admission: a session slot is taken only once a request is whole, and always given back.

Two pieces, used by every transport:

* `read_body(request, limit, timeout_s)` reads an HTTP request body bounded in size and in
  time, before anything is admitted. A client that stops sending, sends too much or
  disconnects mid-body gets a `ParleyError` (408 `request_timeout`, 413 `body_too_large`,
  400 `incomplete_body`) and holds nothing.

* `SessionSlot(runtime)`: one session slot (`runtime.admit()` / `runtime.leave()`) as a
  context manager, so the slot is given back on every exit path, exceptions and
  cancellation included::

      async with SessionSlot(runtime) as slot:     # admits at once, before any await
          if not slot.admitted:
              refusal = slot.refusal               # a ParleyError: 429 too_many_sessions, 503 server_draining
              return error_response(refusal.status, refusal.code, refusal.message, refusal.hint)
          ...                                      # serve the session
      # the slot is free again here, however the block ended

  `with SessionSlot(runtime) as slot:` works the same (admission never awaits).

  API:
    - `slot.admitted: bool`: whether a slot was taken on entry.
    - `slot.refusal: ParleyError | None`: why not (None when admitted).
    - `slot.release()`: give the slot back now; idempotent, so an early release (e.g.
      before telling the client the session is over) and the context's exit never free two
      slots.
    - `slot.hand_over() -> SessionSlot`: the slot outlives the block (a WebRTC call lives on
      after its POST returned): the context's exit no longer releases it, and the new owner
      must call `release()` exactly when the session ends (more calls are harmless).
"""
from __future__ import annotations

import asyncio
from types import TracebackType
from typing import Any

from starlette.requests import ClientDisconnect, Request

from .errors import ParleyError


class SessionSlot:
    """One of the runtime's `max_sessions` slots, held for the life of a context block."""

    def __init__(self, runtime: Any) -> None:
        self._runtime = runtime
        self.admitted = False
        self.refusal: ParleyError | None = None
        self._held = False
        self._handed_over = False

    def _enter(self) -> "SessionSlot":
        if self._held or self.admitted:
            raise RuntimeError("a SessionSlot is entered once")
        runtime = self._runtime
        if runtime.admit():
            self.admitted = self._held = True
        elif runtime.draining:
            self.refusal = ParleyError("server_draining", "this server is shutting down", "reconnect: another server process will answer", 503)
        else:
            self.refusal = ParleyError("too_many_sessions", f"the server is at its limit of {runtime.config.max_sessions} sessions", "try again later", 429)
        return self

    def release(self) -> None:
        """Give the slot back (once; later calls do nothing)."""
        if self._held:
            self._held = False
            self._runtime.leave()

    def hand_over(self) -> "SessionSlot":
        """Keep the slot past the block; the caller now owns `release()`."""
        self._handed_over = True
        return self

    def _exit(self) -> None:
        if not self._handed_over:
            self.release()

    def __enter__(self) -> "SessionSlot":
        return self._enter()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._exit()

    async def __aenter__(self) -> "SessionSlot":
        return self._enter()

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._exit()


def declared_length(request: Request) -> int | None:
    """The request's Content-Length, or None when absent or not a number."""
    raw = request.headers.get("content-length")
    if raw is None or not raw.strip().isdigit():
        return None
    return int(raw)


async def read_body(request: Request, limit: int, timeout_s: float, too_large: str = "body_too_large") -> bytes:
    """The whole body, at most `limit` bytes, received within `timeout_s` seconds.

    Raises ParleyError: 413 `too_large` (a declared length over the limit is refused
    before reading), 408 `request_timeout`, 400 `incomplete_body` (the client went away)."""
    declared = declared_length(request)
    if declared is not None and declared > limit:
        raise _too_large(too_large, limit)
    body = bytearray()
    try:
        async with asyncio.timeout(timeout_s):
            async for chunk in request.stream():
                body += chunk
                if len(body) > limit:
                    raise _too_large(too_large, limit)
    except TimeoutError:
        raise ParleyError("request_timeout", f"the request body did not arrive within {timeout_s:g} s",
                          "send the whole body at once, right after the headers", 408) from None
    except ClientDisconnect:
        raise ParleyError("incomplete_body", "the client went away before the request body was complete", "", 400) from None
    return bytes(body)


def _too_large(code: str, limit: int) -> ParleyError:
    return ParleyError(code, f"the request body is larger than {limit} bytes", "send a smaller body", 413)
