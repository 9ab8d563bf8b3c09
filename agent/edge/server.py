"""The HTTP/WebSocket app: routes, auth, static web client, start-up model loading."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from pathlib import Path
from typing import Any, AsyncIterator, Callable

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from agent.config import Config
from agent.core.turn_metrics import TurnLatency
from agent.runtime import Runtime
from agent.tracing import turn_observer
from agent.transports.phone_twilio import twilio_stream_endpoint, twilio_voice_webhook
from agent.transports.realtime_webrtc import call_routes
from agent.transports.realtime_ws import realtime_endpoint

from .errors import error_response, unexpected_error
from .security import allowed_hosts, check_bind_address, host_ok, key_ok, origin_ok, tenant_for

log = logging.getLogger("parley.server")
WEB_CLIENT = Path(__file__).resolve().parent.parent.parent / "web-client"
PUBLIC_PATHS = ("/health", "/metrics")
GUARDED_PREFIXES = ("/v1/", "/health", "/metrics")  # besides these, only GET/HEAD of the static client


def _origin_checked(scope: Scope) -> bool:
    return (scope["type"] == "websocket" or scope.get("method") not in ("GET", "HEAD")
            or scope["path"].startswith(GUARDED_PREFIXES))


class BrowserGuard:
    """Every HTTP and WebSocket request: the Host must be one this server answers to (DNS
    rebinding), and a browser Origin must be this server's own or allowed on every route
    that reads data or changes state (all but GETs of the static web client)."""

    def __init__(self, app: ASGIApp, config: Config) -> None:
        self.app = app
        self.hosts = allowed_hosts(config.host, config.allowed_hosts)
        self.origins = config.allowed_origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        problem = None
        if not host_ok(headers, self.hosts):
            problem = ("host_not_allowed", f"this server does not answer to host {headers.get('host', '')!r}", "add it to PARLEY_ALLOWED_HOSTS")
        elif _origin_checked(scope) and not origin_ok(headers, self.origins):
            problem = ("origin_not_allowed", f"origin {headers.get('origin')!r} is not allowed", "add it to PARLEY_ALLOWED_ORIGINS")
        if problem is None:
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            await receive()  # websocket.connect
            denial = error_response(403, *problem)
            if "websocket.http.response" in scope.get("extensions", {}):
                await send({"type": "websocket.http.response.start", "status": 403, "headers": denial.raw_headers})
                await send({"type": "websocket.http.response.body", "body": denial.body})
            else:
                await send({"type": "websocket.close", "code": 1008, "reason": problem[0]})
            return
        await error_response(403, *problem)(scope, receive, send)


class ApiKeyMiddleware:
    """When API keys are configured, every /v1 HTTP request needs one (WebSockets check their
    own); the key's tenant is the request's (`request.state.tenant`; "" with no keys)."""

    def __init__(self, app: ASGIApp, keys: tuple[str, ...]) -> None:
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v1/"):
            request = Request(scope)
            tenant = tenant_for(self.keys, request.headers, request.query_params)
            if tenant is None:
                resp = error_response(401, "unauthorized", "missing or wrong API key", "send Authorization: Bearer <key>",
                                      headers={"WWW-Authenticate": "Bearer"})
                await resp(scope, receive, send)
                return
            scope.setdefault("state", {})["tenant"] = tenant  # tickets and calls belong to it (request.state.tenant)
        await self.app(scope, receive, send)


async def health(request: Request) -> JSONResponse:
    runtime: Runtime = request.app.state.runtime
    body = runtime.health() if runtime.config.health_details else {"status": "ready" if runtime.ready else "loading"}
    body["auth_required"] = bool(runtime.config.api_keys)
    return JSONResponse(body, status_code=200 if runtime.ready else 503)


async def metrics(request: Request) -> Any:
    runtime: Runtime = request.app.state.runtime
    if not runtime.config.metrics_enabled:
        return error_response(404, "metrics_disabled", "/metrics is turned off on this server", "set PARLEY_METRICS_ENABLED=true")
    if runtime.config.api_keys and not key_ok(runtime.config.api_keys, request.headers, request.query_params):
        return error_response(401, "unauthorized", "missing or wrong API key", "send Authorization: Bearer <key>")
    text = runtime.latency.prometheus()
    for name, value in sorted(runtime.counters.items()):
        text += f"parley_{name}_total {value}\n"
    text += f"parley_sessions_active {len(runtime.sessions)}\n"
    for transport, n in runtime.sessions_by_transport().items():
        text += f'parley_sessions_by_transport{{transport="{transport}"}} {n}\n'
    failures = getattr(runtime.llm, "failures", {}) or {}
    for backend, n in failures.items():
        text += f'parley_llm_backend_failures_total{{backend="{backend}"}} {n}\n'
    return PlainTextResponse(text, media_type="text/plain; version=0.0.4")


def openapi(routes_extra: dict[str, Any]) -> Callable[[Request], Any]:
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "Parley", "version": "0.1.0", "license": {"name": "GPL-3.0-or-later"}},
        "paths": {
            "/health": {"get": {"summary": "Readiness and model status", "responses": {"200": {"description": "ready"}, "503": {"description": "loading"}}}},
            "/v1/realtime": {"get": {"summary": "WebSocket upgrade: OpenAI Realtime events (see README)", "responses": {"101": {"description": "switching protocols"}}}},
            **routes_extra,
        },
    }

    async def handler(request: Request) -> JSONResponse:
        return JSONResponse(doc)

    return handler


WEBRTC_OPENAPI = {
    "/v1/realtime/calls": {"post": {
        "summary": "Start a WebRTC voice call: SDP offer in, SDP answer out; Realtime events on the data channel",
        "requestBody": {"content": {"application/sdp": {"schema": {"type": "string"}},
                                    "multipart/form-data": {"schema": {"type": "object", "required": ["sdp"], "properties": {
                                        "sdp": {"type": "string"}, "session": {"type": "string", "description": "session.update's session, as JSON"}}}}}},
        "responses": {"201": {"description": "the SDP answer (Location: /v1/realtime/calls/{call_id})", "content": {"application/sdp": {}}},
                      "400": {"description": "invalid_sdp, invalid_session"}, "413": {"description": "sdp_too_large"},
                      "415": {"description": "unsupported_media_type"}, "429": {"description": "too_many_sessions"}}}},
    "/v1/phone/twilio/voice": {"post": {
        "summary": "Twilio voice webhook: TwiML connecting the call to the media stream at /v1/phone/twilio (WebSocket)",
        "responses": {"200": {"description": "TwiML", "content": {"application/xml": {}}}}}},
    "/v1/realtime/calls/{call_id}/hangup": {"post": {
        "summary": "End a WebRTC call", "responses": {"200": {"description": "ended"}, "404": {"description": "call_not_found"}}}},
}


def build_app(runtime: Runtime, *, load_models: bool = True, progress: Callable[[str], None] | None = None) -> Starlette:
    runtime.latency = getattr(runtime, "latency", None) or TurnLatency()
    runtime.observe_turn = turn_observer(runtime, runtime.latency.observe)  # histograms, and traces when otel_endpoint is set
    extra_paths: dict[str, Any] = {}
    routes: list[Any] = [
        Route("/health", health),
        Route("/metrics", metrics),
        WebSocketRoute("/v1/realtime", realtime_endpoint),
    ]
    calls: dict[str, Any] = {}  # WebRTC calls by id
    routes += call_routes(lambda: calls)
    routes += [WebSocketRoute("/v1/phone/twilio", twilio_stream_endpoint),
               Route("/v1/phone/twilio/voice", twilio_voice_webhook, methods=["GET", "POST"])]
    extra_paths.update(WEBRTC_OPENAPI)
    prepare_store: Any = None
    try:
        from agent.tickets.routes import openapi_paths, prepare_store, ticket_routes

        routes += ticket_routes(lambda: runtime)
        extra_paths.update(openapi_paths())
    except ImportError as exc:  # the screenshot API is optional at import time
        log.warning("screenshot API unavailable: %s", exc)
    routes.append(Route("/v1/openapi.json", openapi(extra_paths)))
    if WEB_CLIENT.is_dir():
        routes.append(Mount("/", StaticFiles(directory=WEB_CLIENT, html=True), name="web"))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.ensure_future(runtime.load(progress=progress)) if load_models else None
        if prepare_store is not None:
            await prepare_store(runtime.config)  # ticket schema migrations (a database that is down is retried later)
        try:
            yield
        finally:
            if task and not task.done():
                task.cancel()
            for call in list(calls.values()):
                await call.close()
            for session in list(runtime.sessions.values()):
                await session.end("server_shutdown", "the server is shutting down")  # its transport closes it
            if load_models:  # close only what this app loaded
                await runtime.aclose()

    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={Exception: unexpected_error})
    app.state.runtime = runtime
    app.state.webrtc_calls = calls
    app.state.phone_streams = {}  # Twilio media streams by session id
    app.add_middleware(ApiKeyMiddleware, keys=runtime.config.api_keys)
    app.add_middleware(BrowserGuard, config=runtime.config)
    origins = [o for o in runtime.config.allowed_origins if o]
    if origins:  # pages served elsewhere may call the HTTP API (and place WebRTC calls) from a browser
        from starlette.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                           allow_headers=["authorization", "content-type", "idempotency-key", "prefer"],
                           expose_headers=["location", "preference-applied"], max_age=600)
    return app


def uvicorn_config(app: Starlette, config: Config, **kw: Any) -> Any:
    """uvicorn's settings for `config`. Refuses (ConfigError) every interface without
    `allowed_hosts`. uvicorn's own proxy-header rewriting is off: forwarded headers are
    believed only from `trusted_proxies` (agent/edge/security.py), and the client address
    stays the direct peer's."""
    check_bind_address(config.host, config.allowed_hosts)
    return uvicorn.Config(
        app, host=config.host, port=config.port, ws="websockets-sansio",
        ws_max_size=config.max_ws_message_bytes * 4, ws_ping_interval=20, ws_ping_timeout=20,
        log_level=config.log_level, access_log=False, lifespan="on", **{"proxy_headers": False, **kw},
    )


class DrainingServer(uvicorn.Server):
    """uvicorn's server, with a graceful drain on the first SIGTERM (agent/edge/drain.py); a
    second SIGTERM, or SIGINT, stops at once."""

    def __init__(self, app: Starlette, config: Config) -> None:
        super().__init__(uvicorn_config(app, config))
        self.runtime = app.state.runtime
        self.drain_s = config.drain_s
        self.drain_task: asyncio.Task | None = None

    def handle_exit(self, sig: int, frame: Any) -> None:
        if sig == signal.SIGTERM and self.drain_task is None and self.runtime.sessions:
            loop = asyncio.get_event_loop()
            loop.call_soon_threadsafe(self._start_drain)  # from a signal handler: wake the loop
            return
        super().handle_exit(sig, frame)

    def _start_drain(self) -> None:
        from .drain import drain

        async def drain_then_exit() -> None:
            try:
                await drain(self.runtime, self.drain_s)
            finally:
                self.should_exit = True

        self.runtime.draining = True
        self.drain_task = asyncio.ensure_future(drain_then_exit())


def serve(config: Config) -> None:
    check_bind_address(config.host, config.allowed_hosts)  # before any model loads or port opens

    def progress(line: str) -> None:
        print(f"parley: {line}", file=sys.stderr, flush=True)

    runtime = Runtime(config)
    app = build_app(runtime, progress=progress)

    async def announce() -> None:
        while not runtime.status or any(s.state in ("pending", "loading") for s in runtime.status.values()):
            await asyncio.sleep(0.2)
        state = "ready" if runtime.ready else "running with errors (see /health)"
        progress(f"{state}: open http://{config.host}:{config.port}/  (Realtime WebSocket: ws://{config.host}:{config.port}/v1/realtime)")

    server = DrainingServer(app, config)

    async def main() -> None:
        watcher = asyncio.ensure_future(announce())
        try:
            await server.serve()
        finally:
            watcher.cancel()

    asyncio.run(main())
