"""Tickets in SQLite, with idempotency keys; optional image retention on disk.

One short-lived connection per operation (WAL mode), so the store is safe from any thread
and from several server processes sharing the file. Callers run the methods in a thread.
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tickets (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tickets_created ON tickets (created_at DESC, id DESC);
CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    created_at REAL NOT NULL
);
"""


class IdempotencyConflict(Exception):
    """The key was used before for a different request."""

    def __init__(self, ticket_id: str) -> None:
        super().__init__(ticket_id)
        self.ticket_id = ticket_id


class TicketStore:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._init_lock = threading.Lock()
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            with self._init_lock:
                if not self._ready:
                    if str(self.path) != ":memory:":
                        self.path.parent.mkdir(parents=True, exist_ok=True)
                    con = sqlite3.connect(self.path, timeout=10)
                    try:
                        con.execute("PRAGMA journal_mode=WAL")
                        con.executescript(_SCHEMA)
                        con.commit()
                    finally:
                        con.close()
                    self._ready = True
        con = sqlite3.connect(self.path, timeout=10)
        con.execute("PRAGMA foreign_keys=ON")
        return con

    def lookup_key(self, key: str, request_hash: str) -> dict[str, Any] | None:
        """The ticket an earlier request with this key created; IdempotencyConflict if that request differed."""
        con = self._connect()
        try:
            row = con.execute("SELECT request_hash, ticket_id FROM idempotency WHERE key = ?", (key,)).fetchone()
        finally:
            con.close()
        if row is None:
            return None
        if row[0] != request_hash:
            raise IdempotencyConflict(row[1])
        return self.get(row[1])

    def save(self, ticket: dict[str, Any], key: str | None = None, request_hash: str = "") -> dict[str, Any]:
        """Store a ticket (and its idempotency key). If another request with the same key won
        the race, nothing is stored and that request's ticket is returned."""
        con = self._connect()
        try:
            with con:
                if key is not None:
                    row = con.execute("SELECT request_hash, ticket_id FROM idempotency WHERE key = ?", (key,)).fetchone()
                    if row is not None:
                        if row[0] != request_hash:
                            raise IdempotencyConflict(row[1])
                        existing = con.execute("SELECT body FROM tickets WHERE id = ?", (row[1],)).fetchone()
                        if existing:
                            return json.loads(existing[0])
                con.execute(
                    "INSERT INTO tickets (id, created_at, body) VALUES (?, ?, ?)",
                    (ticket["id"], ticket["created_at"], json.dumps(ticket, ensure_ascii=False)),
                )
                if key is not None:
                    con.execute(
                        "INSERT INTO idempotency (key, request_hash, ticket_id, created_at) VALUES (?, ?, ?, ?)",
                        (key, request_hash, ticket["id"], time.time()),
                    )
        finally:
            con.close()
        return ticket

    def update(self, ticket: dict[str, Any]) -> bool:
        """Replace a stored ticket's body (e.g. with the LLM's late draft); False if it is not stored."""
        con = self._connect()
        try:
            with con:
                cur = con.execute("UPDATE tickets SET body = ? WHERE id = ?", (json.dumps(ticket, ensure_ascii=False), ticket["id"]))
        finally:
            con.close()
        return cur.rowcount == 1

    def get(self, ticket_id: str) -> dict[str, Any] | None:
        con = self._connect()
        try:
            row = con.execute("SELECT body FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
        finally:
            con.close()
        return json.loads(row[0]) if row else None

    def list(self, limit: int = 20, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        con = self._connect()
        try:
            rows = con.execute(
                "SELECT body FROM tickets ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", (limit, offset)
            ).fetchall()
            total = con.execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
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
