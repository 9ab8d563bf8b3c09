"""API keys and WebSocket origin checks."""
from __future__ import annotations

import hmac
from typing import Mapping
from urllib.parse import urlsplit

INSECURE_KEY_PREFIX = "openai-insecure-api-key."


def presented_key(headers: Mapping[str, str], query: Mapping[str, str]) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    for proto in headers.get("sec-websocket-protocol", "").split(","):
        proto = proto.strip()
        if proto.startswith(INSECURE_KEY_PREFIX):
            return proto[len(INSECURE_KEY_PREFIX):]
    return query.get("api_key")


def key_ok(required: tuple[str, ...], headers: Mapping[str, str], query: Mapping[str, str]) -> bool:
    if not required:
        return True
    key = presented_key(headers, query)
    if not key:
        return False
    return any(hmac.compare_digest(key.encode(), k.encode()) for k in required)


def origin_ok(headers: Mapping[str, str], allowed: tuple[str, ...]) -> bool:
    """Browsers send Origin; it must be this server itself or explicitly allowed.
    Non-browser clients send none and are governed by the API key instead."""
    origin = headers.get("origin")
    if not origin:
        return True
    if "*" in allowed or origin in allowed:
        return True
    host = headers.get("host", "")
    return urlsplit(origin).netloc == host
