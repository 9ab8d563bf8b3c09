"""API keys, browser origin checks and Twilio request signatures."""
from __future__ import annotations

import base64
import hashlib
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


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def allowed_hosts(bound_host: str, configured: tuple[str, ...]) -> tuple[str, ...] | None:
    """Host header names this server answers to; None = any. By default: the bound address
    and the loopback names, so a DNS-rebinding page (Host: evil.example) is refused. A
    server bound to every interface answers any name unless `allowed_hosts` is set."""
    if configured:
        return None if "*" in configured else tuple(h.lower() for h in configured)
    if bound_host in ("0.0.0.0", "::", ""):
        return None
    return tuple(dict.fromkeys((bound_host.lower(), *LOOPBACK_NAMES)))


def host_name(host_header: str) -> str:
    """'Example.com:8765' → 'example.com'; '[::1]:80' → '::1'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_ok(headers: Mapping[str, str], allowed: tuple[str, ...] | None) -> bool:
    return allowed is None or host_name(headers.get("host", "")) in allowed


def public_url(scheme: str, headers: Mapping[str, str], path_and_query: str, *, websocket: bool = False) -> str:
    """The URL the caller used, as a proxy in front saw it (X-Forwarded-Proto / -Host);
    with `websocket`, the ws:// or wss:// URL of the same place."""
    proto = headers.get("x-forwarded-proto", scheme).split(",")[0].strip()
    if websocket:
        proto = "wss" if proto in ("https", "wss") else "ws"
    host = headers.get("x-forwarded-host", headers.get("host", "")).split(",")[0].strip()
    return f"{proto}://{host}{path_and_query}"


def twilio_signature(auth_token: str, url: str, params: Mapping[str, str] | None = None) -> str:
    """Twilio's X-Twilio-Signature: base64 HMAC-SHA1 of the URL followed by the sorted POST
    parameters, each name then value."""
    payload = url + "".join(k + v for k, v in sorted((params or {}).items()))
    return base64.b64encode(hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()).decode()


def twilio_signature_ok(auth_token: str, signature: str | None, url: str, params: Mapping[str, str] | None = None) -> bool:
    if not signature:
        return False
    return hmac.compare_digest(signature.encode(), twilio_signature(auth_token, url, params).encode())
