"""Errors as data: `{"type": "error", "code": ..., "message": ..., "hint": ...}` everywhere."""
from __future__ import annotations

import logging
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

log = logging.getLogger("parley.server")


class ParleyError(Exception):
    """An error a client should see, with a stable code and an HTTP status."""

    def __init__(self, code: str, message: str, hint: str = "", status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint
        self.status = status

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.hint)


def error_body(code: str, message: str, hint: str = "") -> dict[str, Any]:
    body: dict[str, Any] = {"type": "error", "code": code, "message": message}
    if hint:
        body["hint"] = hint
    return body


def error_response(status: int, code: str, message: str, hint: str = "", headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, hint), status_code=status, headers=headers)


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    """A bug's answer: still a coded error, naming the kind of failure and an incident id
    that the server's log gives beside the traceback (the exception's text may hold user
    data, so it stays in the log)."""
    incident = "inc_" + secrets.token_hex(6)
    log.error("%s %s failed: incident %s (%s)", request.method, request.url.path, incident, type(exc).__name__, exc_info=exc)
    return error_response(500, "server_error", f"the server failed on this request ({type(exc).__name__}); incident {incident}",
                          "try again; if it recurs, report the incident id to the server's operator")
