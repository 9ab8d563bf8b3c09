"""API keys, browser origin checks, the bind address, forwarded headers and Twilio request
signatures."""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import ipaddress
import re
import time
from collections import OrderedDict
from typing import Callable, Iterable, Mapping
from urllib.parse import urlsplit, urlunsplit

from agent.config import ConfigError

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


TENANT_ENTRY = re.compile(r"([A-Za-z0-9_.-]{1,64}):(.+)")
DEFAULT_TENANT = "default"  # the tenant of a key configured without a name
OPEN_TENANT = ""  # no keys configured: every client is the same (single) tenant


@functools.lru_cache(maxsize=8)
def key_tenants(entries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """`api_keys` entries → (key, tenant): "acme:sk-123" is key "sk-123" of tenant "acme";
    an entry without a name is a key of the tenant "default"."""
    out = []
    for entry in entries:
        m = TENANT_ENTRY.fullmatch(entry)
        out.append((m.group(2), m.group(1)) if m else (entry, DEFAULT_TENANT))
    return tuple(out)


def tenant_for(required: tuple[str, ...], headers: Mapping[str, str], query: Mapping[str, str]) -> str | None:
    """The tenant whose key the request presents; None if it presents none of them.
    With no keys configured every request is the open tenant ("")."""
    if not required:
        return OPEN_TENANT
    key = presented_key(headers, query)
    if not key:
        return None
    found = None
    for known, tenant in key_tenants(required):  # every key compared, in constant time
        if hmac.compare_digest(key.encode(), known.encode()):
            found = tenant
    return found


def request_tenant(request: object) -> str:
    """The tenant of an HTTP request's API key, as ApiKeyMiddleware (agent/edge/server.py) found
    it; "" with no keys configured."""
    return str(getattr(getattr(request, "state", None), "tenant", OPEN_TENANT))


def secret_matches(presented: str | None, secret: str) -> bool:
    return bool(presented) and hmac.compare_digest(str(presented).encode(), secret.encode())


def key_ok(required: tuple[str, ...], headers: Mapping[str, str], query: Mapping[str, str]) -> bool:
    return tenant_for(required, headers, query) is not None


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


def binds_every_interface(host: str) -> bool:
    """0.0.0.0, ::, "" (and their spellings): the server listens on every interface."""
    host = host.strip().strip("[]")
    if not host:
        return True
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def check_bind_address(host: str, configured_hosts: tuple[str, ...]) -> None:
    """Refuse to serve on every interface without `allowed_hosts`: the Host check would be
    off there, and a DNS-rebinding page could use the server as its own origin."""
    if binds_every_interface(host) and not configured_hosts:
        raise ConfigError(
            f"refusing to listen on every interface ({host!r}) without allowed_hosts: any Host name "
            "would be served, so a DNS-rebinding web page could use this server. Set PARLEY_ALLOWED_HOSTS to the names "
            "clients use (e.g. PARLEY_ALLOWED_HOSTS=voice.example.org,192.0.2.10), or PARLEY_ALLOWED_HOSTS='*' to accept "
            "any host knowingly; or bind one address (--host 127.0.0.1)")


@functools.lru_cache(maxsize=64)
def proxy_networks(trusted_proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """`trusted_proxies` (addresses or CIDR networks) parsed; ConfigError names a bad one."""
    networks = []
    for entry in trusted_proxies:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ConfigError(f"trusted_proxies entry {entry!r} is not an IP address or network (e.g. 127.0.0.1, 10.0.0.0/8)") from None
    return tuple(networks)


def peer_trusted(peer: str | None, trusted_proxies: tuple[str, ...]) -> bool:
    """Whether the direct peer (the socket's address, not a header) is a configured proxy."""
    if not peer or not trusted_proxies:
        return False
    try:
        address = ipaddress.ip_address(peer.strip("[]"))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in net for net in proxy_networks(trusted_proxies))


def _first(value: str) -> str:
    return value.split(",")[0].strip()


def public_url(scheme: str, headers: Mapping[str, str], path_and_query: str, *, websocket: bool = False,
               peer: str | None = None, trusted_proxies: tuple[str, ...] = ()) -> str:
    """The URL the caller used; with `websocket`, the ws:// or wss:// URL of the same place.
    X-Forwarded-Proto / -Host (as a proxy in front saw the request) count only when the
    direct peer is in `trusted_proxies`; otherwise the request's own scheme and Host."""
    proto, host = scheme, headers.get("host", "")
    if peer_trusted(peer, trusted_proxies):
        forwarded = _first(headers.get("x-forwarded-proto", "")).lower()
        if forwarded in ("http", "https", "ws", "wss"):
            proto = forwarded
        host = _first(headers.get("x-forwarded-host", "")) or host
    if websocket:
        proto = "wss" if proto in ("https", "wss") else "ws"
    return f"{proto}://{host}{path_and_query}"


TwilioParams = Mapping[str, str] | Iterable[tuple[str, str]] | None


def twilio_signature(auth_token: str, url: str, params: TwilioParams = None) -> str:
    """Twilio's X-Twilio-Signature: base64 HMAC-SHA1 of the full URL (scheme, host, path,
    query) followed by the POST parameters sorted by name, each name then value (a name
    sent more than once: its values in order). A GET (the media stream's upgrade) signs
    the URL alone."""
    pairs = params.items() if isinstance(params, Mapping) else (params or ())
    payload = url + "".join(k + v for k, v in sorted((str(k), str(v)) for k, v in pairs))
    return base64.b64encode(hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()).decode()


def _port_variants(url: str) -> list[str]:
    """The URL as given, and with its scheme's default port added or removed: Twilio's own
    validators accept a signature made over either."""
    parts = urlsplit(url)
    default = {"http": 80, "ws": 80, "https": 443, "wss": 443}.get(parts.scheme)
    if default is None or not parts.hostname:
        return [url]
    try:
        port = parts.port
    except ValueError:
        return [url]
    host = parts.netloc.rsplit("@", 1)[-1]
    userinfo = parts.netloc[: len(parts.netloc) - len(host)]
    bare = host.rsplit(":", 1)[0] if port is not None else host
    if port is None:
        other = f"{userinfo}{host}:{default}"
    elif port == default:
        other = f"{userinfo}{bare}"
    else:
        return [url]
    return [url, urlunsplit(parts._replace(netloc=other))]


def twilio_signature_ok(auth_token: str, signature: str | None, url: str, params: TwilioParams = None) -> bool:
    """Constant-time check of a presented X-Twilio-Signature."""
    if not signature:
        return False
    pairs = list(params.items() if isinstance(params, Mapping) else (params or ()))
    ok = False
    for candidate in _port_variants(url):
        ok |= hmac.compare_digest(signature.encode(), twilio_signature(auth_token, candidate, pairs).encode())
    return ok


class ReplayGuard:
    """Signed requests seen within the last `window_s` seconds, so that the same one is
    accepted once. In memory and bounded: entries expire after the window, and past
    `max_entries` the oldest are forgotten first (only validly signed requests are
    recorded, so only the signer can fill it)."""

    def __init__(self, window_s: float, max_entries: int = 100_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.window_s = window_s
        self.max_entries = max_entries
        self.clock = clock
        self._expires: OrderedDict[str, float] = OrderedDict()  # key -> expiry, in arrival (= expiry) order

    def __len__(self) -> int:
        return len(self._expires)

    def first_time(self, key: str) -> bool:
        """True the first time `key` is seen within the window (and remembers it); False for a replay."""
        now = self.clock()
        while self._expires and next(iter(self._expires.values())) <= now:
            self._expires.popitem(last=False)
        if key in self._expires:
            return False
        self._expires[key] = now + self.window_s
        while len(self._expires) > self.max_entries:
            self._expires.popitem(last=False)
        return True
