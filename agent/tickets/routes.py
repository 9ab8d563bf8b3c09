"""HTTP routes of the screenshot -> ticket API.

    POST /v1/screenshots          multipart `file` (+ `note`, `crop`) or a raw image body (?note=&crop=)
    GET  /v1/tickets/{ticket_id}  one ticket (404 ticket_not_found)
    GET  /v1/tickets              ?limit=&offset= newest first
    GET  /v1/schemas/ticket.json  the ticket JSON Schema

`ticket_routes(get_runtime)` needs an object with `config`, `ocr`, `llm` and `ocr_limit`.
The body is read with a streaming cap: a declared Content-Length over the limit is refused
before reading, and a chunked body is cut off as soon as it passes the limit. It must arrive
within `upload_timeout_s` (408 `request_timeout`). At most `max_concurrent_uploads` uploads
are in progress at once: one more gets 429 `too_many_uploads` with Retry-After before its
body is read.
"""
from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
from typing import Any, AsyncIterator, Callable

from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from agent.edge.errors import ParleyError, error_response
from agent.edge.security import request_tenant
from media.image_validate import ImageRejected, check_bytes

from agent.tickets import schema as ticket_schema
from agent.tickets.draft import DRAFT_TIMEOUT_S
from agent.tickets.pipeline import analyze_screenshot, new_ticket_id
from agent.tickets.store import RETRY_AFTER_S, IdempotencyConflict, StoreUnavailable, TicketStoreBackend, images_dir_for, keep_image, open_store

log = logging.getLogger("parley.tickets")

MULTIPART_OVERHEAD = 64 * 1024  # form boundaries, headers, note and crop fields
MAX_NOTE = 2000
MAX_LIST_LIMIT = 100
MAX_LIST_OFFSET = 1_000_000_000  # far past any real listing, well inside SQLite's and Postgres' 64-bit OFFSET
UPLOAD_RETRY_AFTER_S = 2  # about one upload's time


class _TooLarge(Exception):
    pass


def _too_large(limit: int) -> Response:
    return error_response(
        413, "file_too_large", f"the upload is larger than the {limit}-byte limit", "crop the screenshot or save it as JPEG",
        headers={"Connection": "close"},
    )


def _capped(request: Request, cap: int) -> Request:
    """The same request, whose body stream raises _TooLarge once more than `cap` bytes arrived."""
    seen = 0
    receive = request.receive

    async def capped_receive() -> dict:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > cap:
                raise _TooLarge()
        return message

    return Request(request.scope, capped_receive)


def _declared_length(request: Request) -> int | None:
    raw = request.headers.get("content-length")
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        return None


_PREFER_WAIT = re.compile(r"(?:^|[,;\s])wait\s*=\s*(\d+(?:\.\d+)?)", re.I)


def llm_wait(prefer: str | None, default_s: float) -> tuple[float, bool]:
    """How long the upload waits for the LLM's draft: `Prefer: wait=N` (RFC 7240), capped
    at the draft budget, or the configured default. Returns (seconds, preference applied)."""
    m = _PREFER_WAIT.search(prefer or "")
    if m is None:
        return default_s, False
    return min(float(m.group(1)), DRAFT_TIMEOUT_S), True


_STORES: dict[str, TicketStoreBackend] = {}


def store_for(config: Any) -> TicketStoreBackend:
    path = str(config.tickets_db)
    st = _STORES.get(path)
    if st is None:
        st = _STORES[path] = open_store(path)
    return st


def _store_down(exc: StoreUnavailable) -> Response:
    log.warning("tickets database unavailable: %s", exc)
    return error_response(503, "tickets_db_unavailable", "the ticket database is unavailable right now; nothing was changed",
                          f"retry after {RETRY_AFTER_S} s (the same Idempotency-Key is safe to reuse)", {"Retry-After": str(RETRY_AFTER_S)})


async def prepare_store(config: Any) -> None:
    """At start-up: apply the store's schema migrations. A database that is down now is
    logged, not fatal: the store migrates on its first successful use."""
    try:
        version = await asyncio.to_thread(store_for(config).migrate)
        log.info("tickets store ready (schema version %d)", version)
    except StoreUnavailable as exc:
        log.warning("tickets store not ready at start-up (will retry on first use): %s", exc)


class KeyLocks:
    """One lock per idempotency key in use, forgotten when its last user leaves."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str | None) -> AsyncIterator[None]:
        if key is None:
            yield
            return
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)


_KEY_LOCKS = KeyLocks()


async def _read_upload(request: Request, limit: int) -> tuple[bytes | None, str | None, str | None, str | None]:
    """(data, content_type, note, crop) from a multipart form or a raw body. data None = no file field."""
    ctype = request.headers.get("content-type", "")
    declared = _declared_length(request)
    multipart = ctype.lower().startswith("multipart/form-data")
    cap = limit + MULTIPART_OVERHEAD if multipart else limit
    if declared is not None and declared > cap:
        raise _TooLarge()
    req = _capped(request, cap)
    note = request.query_params.get("note")
    crop = request.query_params.get("crop")
    if multipart:
        try:
            form = await req.form(max_files=2, max_fields=20, max_part_size=MAX_NOTE * 4)
        except _TooLarge:
            raise
        except Exception as exc:  # noqa: BLE001 - python-multipart / starlette parse errors
            raise ParleyError("bad_request", f"the multipart form could not be parsed: {str(exc)[:120]}", "send multipart/form-data with a `file` field", 400) from None
        try:
            f = form.get("file")
            if isinstance(form.get("note"), str):
                note = form.get("note")
            if isinstance(form.get("crop"), str):
                crop = form.get("crop")
            if not isinstance(f, UploadFile):
                return None, None, note, crop
            data = await f.read()
            return data, f.content_type, note, crop
        finally:
            await form.close()
    if ctype.lower().startswith("application/x-www-form-urlencoded"):
        return None, None, note, crop
    body = bytearray()
    async for chunk in req.stream():
        body += chunk
    return bytes(body), (ctype.split(";")[0].strip() or None), note, crop


def _list_params(query: Any) -> tuple[int, int] | None:
    """(limit, offset) from the query, or None when either is not an integer in range."""
    try:
        limit = int(query.get("limit", "20"))
        offset = int(query.get("offset", "0"))
    except ValueError:  # also a number too long to parse
        return None
    if not (1 <= limit <= MAX_LIST_LIMIT and 0 <= offset <= MAX_LIST_OFFSET):
        return None
    return limit, offset


def ticket_routes(get_runtime: Callable[[], Any]) -> list[Route]:
    uploads = 0  # uploads in progress in this app

    async def create(request: Request) -> Response:
        nonlocal uploads
        cap = int(get_runtime().config.max_concurrent_uploads)
        if uploads >= cap:  # refused before the body is read: nothing is buffered
            return error_response(429, "too_many_uploads", f"the server is already taking {cap} uploads at once",
                                  f"retry after {UPLOAD_RETRY_AFTER_S} s", {"Retry-After": str(UPLOAD_RETRY_AFTER_S), "Connection": "close"})
        uploads += 1
        try:
            return await _create(request)
        finally:
            uploads -= 1

    async def _create(request: Request) -> Response:
        rt = get_runtime()
        config = rt.config
        limit = int(config.max_upload_bytes)
        timeout_s = float(config.upload_timeout_s)
        try:
            async with asyncio.timeout(timeout_s):
                data, ctype, note, crop = await _read_upload(request, limit)
        except _TooLarge:
            return _too_large(limit)
        except TimeoutError:
            return error_response(408, "request_timeout", f"the upload did not arrive within {timeout_s:g} s",
                                  "send the whole file at once, or a smaller one", {"Connection": "close"})
        except ClientDisconnect:
            return error_response(400, "incomplete_body", "the client went away before the upload was complete")
        except ParleyError as exc:
            return error_response(exc.status, exc.code, exc.message, exc.hint)
        if data is None:
            return error_response(422, "missing_file", "no image in the request: the multipart field `file` is missing",
                                  "send multipart/form-data with the image in a field named `file`, or the raw image as the body")
        if note is not None and len(note) > MAX_NOTE:
            return error_response(422, "note_too_long", f"note is longer than {MAX_NOTE} characters", "shorten the note")
        if getattr(rt, "ocr", None) is None:
            try:  # bad input is still a 4xx, even without OCR
                check_bytes(data, limit, ctype)
            except ImageRejected as exc:
                return error_response(exc.status, exc.code, exc.message, exc.hint)
            return error_response(503, "ocr_unavailable", "OCR is not available on this server",
                                  "install the Debian package tesseract-ocr (apt-get install tesseract-ocr)", {"Retry-After": "30"})
        tenant = request_tenant(request)
        key = request.headers.get("idempotency-key")
        if key is not None and not (0 < len(key) <= 200):
            return error_response(422, "invalid_idempotency_key", "Idempotency-Key must be 1-200 characters", "use a UUID")
        if key is not None and tenant:
            key = f"{tenant}\x1f{key}"  # one tenant's key never replays another's ticket
        digest = hashlib.sha256(data)
        digest.update(b"\0note\0" + (note or "").encode() + b"\0crop\0" + (crop or "").encode())
        request_hash = digest.hexdigest()
        store = store_for(config)
        async with _KEY_LOCKS.hold(key):  # the same key's requests one at a time
            return await _create_once(request, rt, store, data, ctype, note, crop, key, request_hash, tenant)

    async def _create_once(request: Request, rt: Any, store: Any, data: bytes, ctype: str | None, note: str | None, crop: str | None,
                           key: str | None, request_hash: str, tenant: str) -> Response:
        config = rt.config
        try:
            if key:
                try:
                    earlier = await asyncio.to_thread(store.lookup_key, key, request_hash)
                except IdempotencyConflict as exc:
                    return error_response(409, "idempotency_key_reused", f"this Idempotency-Key was used for a different upload (ticket {exc.ticket_id})",
                                          "use a new key for a new upload")
                if earlier is not None:
                    return JSONResponse(earlier, status_code=200, headers={"Location": f"/v1/tickets/{earlier['id']}", "Idempotent-Replayed": "true"})
            tid = new_ticket_id()
            wait_s, preferred = llm_wait(request.headers.get("prefer"), float(getattr(config, "ticket_llm_wait_s", 0.5)))
            stored = asyncio.Event()  # the late LLM draft may only replace a ticket that was stored
            stored_id: list[str] = []

            async def store_late_draft(better: dict[str, Any]) -> None:
                await stored.wait()
                if stored_id == [better["id"]]:
                    try:
                        await asyncio.to_thread(store.update, better)
                    except StoreUnavailable as exc:  # the rule-based draft stays stored
                        log.warning("the LLM draft of ticket %s was not stored: %s", better["id"], exc)

            try:
                try:
                    async with rt.ocr_limit:
                        ticket = await analyze_screenshot(data, ctype, ocr=rt.ocr, llm=getattr(rt, "llm", None), config=config,
                                                          note=note, crop=crop, ticket_id=tid, llm_wait_s=wait_s, on_late_draft=store_late_draft)
                except ParleyError as exc:
                    return error_response(exc.status, exc.code, exc.message, exc.hint)
                try:
                    saved = await asyncio.to_thread(store.save, ticket, key, request_hash, tenant)
                except IdempotencyConflict as exc:
                    return error_response(409, "idempotency_key_reused", f"this Idempotency-Key was used for a different upload (ticket {exc.ticket_id})",
                                          "use a new key for a new upload")
                if saved["id"] == ticket["id"]:
                    stored_id.append(ticket["id"])
            finally:
                stored.set()
            if saved["id"] != ticket["id"]:  # another process won the race for this key
                return JSONResponse(saved, status_code=200, headers={"Location": f"/v1/tickets/{saved['id']}"})
            if getattr(config, "keep_images", False):
                images_dir = images_dir_for(str(config.tickets_db))
                try:
                    await asyncio.to_thread(keep_image, images_dir, ticket["id"], data, ticket["image"]["received"]["format"],
                                            float(config.image_retention_days))
                except OSError as exc:
                    log.warning("could not keep the image of ticket %s: %s", ticket["id"], exc)
            headers = {"Location": f"/v1/tickets/{ticket['id']}"}
            if preferred:
                headers["Preference-Applied"] = f"wait={wait_s:g}"
            return JSONResponse(ticket, status_code=201, headers=headers)
        except StoreUnavailable as exc:
            return _store_down(exc)

    async def get_one(request: Request) -> Response:
        rt = get_runtime()
        tid = request.path_params["ticket_id"]
        try:
            ticket = await asyncio.to_thread(store_for(rt.config).get, tid, request_tenant(request)) if len(tid) <= 64 else None
        except StoreUnavailable as exc:
            return _store_down(exc)
        if ticket is None:
            return error_response(404, "ticket_not_found", f"no ticket with id {tid[:64]!r}", "list tickets with GET /v1/tickets")
        return JSONResponse(ticket)

    async def list_all(request: Request) -> Response:
        rt = get_runtime()
        params = _list_params(request.query_params)
        if params is None:
            return error_response(422, "invalid_parameter", f"limit must be 1-{MAX_LIST_LIMIT} and offset 0-{MAX_LIST_OFFSET}", "e.g. ?limit=20&offset=0")
        limit, offset = params
        try:
            items, total = await asyncio.to_thread(store_for(rt.config).list, limit, offset, request_tenant(request))
        except StoreUnavailable as exc:
            return _store_down(exc)
        return JSONResponse({"object": "list", "data": items, "total": total, "limit": limit, "offset": offset})

    async def get_schema(request: Request) -> Response:
        return JSONResponse(ticket_schema.schema(), media_type="application/schema+json")

    return [
        Route("/v1/screenshots", create, methods=["POST"]),
        Route("/v1/tickets", list_all, methods=["GET"]),
        Route("/v1/tickets/{ticket_id}", get_one, methods=["GET"]),
        Route("/v1/schemas/ticket.json", get_schema, methods=["GET"]),
    ]


def openapi_paths() -> dict:
    """OpenAPI 3.1 paths for these routes (for the server's /v1/openapi.json)."""
    return ticket_schema.openapi_paths()
