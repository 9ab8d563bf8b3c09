"""Errors as data: `{"type": "error", "code": ..., "message": ..., "hint": ...}` everywhere."""
from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse


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
