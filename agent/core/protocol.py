"""The OpenAI Realtime protocol (GA event names), as Parley speaks it.

The JSON envelope of client events (size, JSON, a known `type`) and the error builder;
every field is then checked by `agent/core/client_events.py`. Nothing here
knows about sockets or models. Parley's own events are prefixed `parley.`.
"""
from __future__ import annotations

import json
import secrets
from typing import Any

CLIENT_EVENTS = {
    "session.update", "input_audio_buffer.append", "input_audio_buffer.commit", "input_audio_buffer.clear",
    "conversation.item.create", "conversation.item.delete", "conversation.item.retrieve", "conversation.item.truncate",
    "response.create", "response.cancel", "output_audio_buffer.clear",
}

AUDIO_FORMATS = {"audio/pcm": 24_000, "audio/pcmu": 8_000, "audio/pcma": 8_000}


class ProtocolError(Exception):
    """A client event Parley cannot accept; becomes an `error` event, the session goes on."""

    def __init__(self, code: str, message: str, event_id: str | None = None, param: str | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.event_id = event_id
        self.param = param
        self.hint = hint


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


def parse_client_event(raw: str | bytes, max_bytes: int) -> dict[str, Any]:
    if len(raw) > max_bytes:
        raise ProtocolError("message_too_large", f"event of {len(raw)} bytes exceeds the {max_bytes}-byte limit")
    if isinstance(raw, bytes):
        raise ProtocolError("binary_not_supported", "send events as JSON text frames, audio as base64 in input_audio_buffer.append")
    try:
        event = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ProtocolError("invalid_json", f"event is not valid JSON: {exc.msg} at position {exc.pos}") from None
    if not isinstance(event, dict):
        raise ProtocolError("invalid_event", "an event must be a JSON object")
    event_id = event.get("event_id") if isinstance(event.get("event_id"), str) else None
    kind = event.get("type")
    if not isinstance(kind, str):
        raise ProtocolError("missing_type", "event has no string 'type'", event_id, "type")
    if kind not in CLIENT_EVENTS:
        raise ProtocolError("unknown_event_type", f"unknown event type {kind!r}", event_id, "type")
    return event


def error_event(code: str, message: str, *, event_id: str | None = None, param: str | None = None, hint: str = "", kind: str = "invalid_request_error") -> dict[str, Any]:
    err: dict[str, Any] = {"type": kind, "code": code, "message": message, "param": param, "event_id": event_id}
    if hint:
        err["hint"] = hint
    return {"type": "error", "event_id": new_id("event"), "error": err}
