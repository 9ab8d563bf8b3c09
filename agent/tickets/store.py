"""Where tickets live: SQLite (the embedded default) or PostgreSQL (a `postgresql://` URL).

`open_store(location)` picks the backend. Both keep tickets and idempotency keys, apply
the schema migrations (`migrations.py`) on first use and at start-up, and raise
`StoreUnavailable` when the database cannot be reached, so the HTTP layer answers a coded
503 with Retry-After; each write is one transaction, so an outage never half-writes a
ticket, and the next request after the database is back simply succeeds.

SQLite: one short-lived connection per operation (WAL mode), safe from any thread and from
several server processes sharing the file. Callers run the methods in a thread.
Optional image retention on disk lives here too (`keep_image`).
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Protocol

from agent.tickets.migrations import apply_sqlite

RETRY_AFTER_S = 5  # what a 503 tells clients while the database is down


class IdempotencyConflict(Exception):
    """The key was used before for a different request."""

    def __init__(self, ticket_id: str) -> None:
        super().__init__(ticket_id)
        self.ticket_id = ticket_id


class StoreUnavailable(Exception):
    """The ticket database cannot be reached (down, restarting, locked); nothing was written."""


class TicketStoreBackend(Protocol):
    """What the HTTP routes need from a ticket store (every method blocks: run it in a thread)."""

    def migrate(self) -> int: ...
    def lookup_key(self, key: str, request_hash: str) -> dict[str, Any] | None: ...
    def save(self, ticket: dict[str, Any], key: str | None = None, request_hash: str = "", tenant: str = "") -> dict[str, Any]: ...
    def update(self, ticket: dict[str, Any]) -> bool: ...
    def get(self, ticket_id: str, tenant: str | None = None) -> dict[str, Any] | None: ...
    def list(self, limit: int = 20, offset: int = 0, tenant: str | None = None) -> tuple[list[dict[str, Any]], int]: ...


def is_database_url(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://"))


def open_store(location: str) -> TicketStoreBackend:
    """A PostgreSQL store for a `postgresql://` URL, else a SQLite file at that path."""
    if is_database_url(location):
        from agent.tickets.store_postgres import PostgresTicketStore

        return PostgresTicketStore(location)
    return TicketStore(location)


def images_dir_for(tickets_db: str) -> Path:
    """Kept images go next to a SQLite file; with a database URL, under ./var/images."""
    if is_database_url(tickets_db):
        return Path("var").resolve() / "images"
    return Path(tickets_db).resolve().parent / "images"


class TicketStore:
    """Tickets in a SQLite file (the embedded default)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._init_lock = threading.Lock()
        self._ready = False
        self.schema_version = 0

    def migrate(self) -> int:
        """Apply missing schema migrations now (also done on first use). Returns the version."""
        with self._init_lock:
            if not self._ready:
                if str(self.path) != ":memory:":
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                try:
                    con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
                    try:
                        con.execute("PRAGMA journal_mode=WAL")
                        self.schema_version = apply_sqlite(con)
                    finally:
                        con.close()
                except sqlite3.OperationalError as exc:
                    raise StoreUnavailable(f"the tickets database {self.path} cannot be used: {exc}") from exc
                self._ready = True
        return self.schema_version

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self.migrate()
        try:
            con = sqlite3.connect(self.path, timeout=10)
            con.execute("PRAGMA foreign_keys=ON")
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"the tickets database {self.path} cannot be opened: {exc}") from exc
        return con

    def lookup_key(self, key: str, request_hash: str) -> dict[str, Any] | None:
        """The ticket an earlier request with this key created; IdempotencyConflict if that request differed."""
        con = self._connect()
        try:
            row = con.execute("SELECT request_hash, ticket_id FROM idempotency WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"the tickets database is busy: {exc}") from exc
        finally:
            con.close()
        if row is None:
            return None
        if row[0] != request_hash:
            raise IdempotencyConflict(row[1])
        return self.get(row[1])

    def save(self, ticket: dict[str, Any], key: str | None = None, request_hash: str = "", tenant: str = "") -> dict[str, Any]:
        """Store a ticket of `tenant` (and its idempotency key). If another request with the
        same key won the race, nothing is stored and that request's ticket is returned."""
        con = self._connect()
        con.isolation_level = None
        try:
            con.execute("BEGIN IMMEDIATE")  # writers queue here, so a key is checked and taken atomically
            try:
                if key is not None:
                    row = con.execute("SELECT request_hash, ticket_id FROM idempotency WHERE key = ?", (key,)).fetchone()
                    if row is not None:
                        if row[0] != request_hash:
                            raise IdempotencyConflict(row[1])
                        existing = con.execute("SELECT body FROM tickets WHERE id = ?", (row[1],)).fetchone()
                        if existing:
                            con.execute("ROLLBACK")
                            return json.loads(existing[0])
                con.execute(
                    "INSERT INTO tickets (id, created_at, body, tenant) VALUES (?, ?, ?, ?)",
                    (ticket["id"], ticket["created_at"], json.dumps(ticket, ensure_ascii=False), tenant),
                )
                if key is not None:
                    con.execute(
                        "INSERT INTO idempotency (key, request_hash, ticket_id, created_at) VALUES (?, ?, ?, ?)",
                        (key, request_hash, ticket["id"], time.time()),
                    )
                con.execute("COMMIT")
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"the ticket could not be stored: {exc}") from exc
        finally:
            con.close()
        return ticket

    def update(self, ticket: dict[str, Any]) -> bool:
        """Replace a stored ticket's body (e.g. with the LLM's late draft); False if it is not stored."""
        con = self._connect()
        try:
            with con:
                cur = con.execute("UPDATE tickets SET body = ? WHERE id = ?", (json.dumps(ticket, ensure_ascii=False), ticket["id"]))
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"the ticket could not be updated: {exc}") from exc
        finally:
            con.close()
        return cur.rowcount == 1

    def get(self, ticket_id: str, tenant: str | None = None) -> dict[str, Any] | None:
        """A ticket by id; with `tenant`, only one of that tenant's."""
        con = self._connect()
        try:
            row = con.execute("SELECT body FROM tickets WHERE id = ? AND (? IS NULL OR tenant = ?)", (ticket_id, tenant, tenant)).fetchone()
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"the tickets database is busy: {exc}") from exc
        finally:
            con.close()
        return json.loads(row[0]) if row else None

    def list(self, limit: int = 20, offset: int = 0, tenant: str | None = None) -> tuple[list[dict[str, Any]], int]:
        """Newest first; with `tenant`, only that tenant's tickets."""
        con = self._connect()
        try:
            rows = con.execute(
                "SELECT body FROM tickets WHERE (? IS NULL OR tenant = ?) ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                (tenant, tenant, limit, offset),
            ).fetchall()
            total = con.execute("SELECT COUNT(*) FROM tickets WHERE (? IS NULL OR tenant = ?)", (tenant, tenant)).fetchone()[0]
        except sqlite3.OperationalError as exc:
            raise StoreUnavailable(f"the tickets database is busy: {exc}") from exc
        finally:
            con.close()
        return [json.loads(r[0]) for r in rows], int(total)


_EXT = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp", "BMP": "bmp", "TIFF": "tif"}


def keep_image(directory: str | os.PathLike[str], ticket_id: str, data: bytes, fmt: str, retention_days: float) -> Path:
    """Write the uploaded bytes next to the tickets (only when config.keep_images), and delete
    images older than `retention_days` in the same pass."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    prune_images(d, retention_days)
    path = d / f"{ticket_id}.{_EXT.get(fmt, 'bin')}"
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def prune_images(directory: str | os.PathLike[str], retention_days: float) -> int:
    d = Path(directory)
    if not d.is_dir():
        return 0
    cutoff = time.time() - retention_days * 86400
    removed = 0
    for p in d.iterdir():
        try:
            if p.is_file() and p.name.startswith("tkt_") and p.stat().st_mtime < cutoff:
                p.unlink()
                removed += 1
        except OSError:
            continue
    return removed
