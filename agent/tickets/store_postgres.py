"""Tickets in PostgreSQL (`tickets_db = "postgresql://user@host:port/db"`), via psycopg 3.

Several Parley processes share one database: a ticket written through one is readable
through every other. One connection per operation, opened with a short connect timeout, so
nothing stale survives a database restart: while the database is down each call raises
`StoreUnavailable` (the routes answer 503 + Retry-After), and the first call after it is
back succeeds. Every write is one transaction; a save with an idempotency key takes a
transaction-scoped advisory lock on that key, so two processes racing with the same key
store one ticket.
"""
from __future__ import annotations

import json
import logging
import re
import threading
from datetime import datetime
from typing import Any, Iterator
from contextlib import contextmanager

from agent.tickets.migrations import apply_postgres
from agent.tickets.store import IdempotencyConflict, StoreUnavailable

log = logging.getLogger("parley.tickets")

CONNECT_TIMEOUT_S = 3
STATEMENT_TIMEOUT_MS = 10_000


def redact_url(url: str) -> str:
    """The URL without its password, for logs and errors."""
    return re.sub(r"//([^/@:]*):[^/@]*@", r"//\1:***@", url)


def _created_at(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


class PostgresTicketStore:
    """Tickets in PostgreSQL, same contract as the SQLite `TicketStore`."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._init_lock = threading.Lock()
        self._ready = False
        self.schema_version = 0

    def __repr__(self) -> str:
        return f"PostgresTicketStore({redact_url(self.url)!r})"

    @contextmanager
    def _transaction(self, migrate: bool = True) -> Iterator[Any]:
        """A connection in a transaction: committed if the block ends normally, rolled back
        otherwise; connection failures become StoreUnavailable."""
        try:
            import psycopg
        except ImportError as exc:  # every call says so (503), and the start-up log too
            raise StoreUnavailable("tickets_db is a PostgreSQL URL but psycopg is not installed: pip install 'parley[postgres]'") from exc
        if migrate and not self._ready:
            self.migrate()
        try:
            con = psycopg.connect(self.url, connect_timeout=CONNECT_TIMEOUT_S, options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}")
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(f"the tickets database {redact_url(self.url)} cannot be reached: {_first_line(exc)}") from exc
        try:
            try:
                yield con
                con.commit()
            except BaseException:
                try:
                    con.rollback()
                except psycopg.Error:
                    pass  # the connection is gone: the server rolls back itself
                raise
        except psycopg.OperationalError as exc:  # lost mid-transaction (restart, shutdown)
            raise StoreUnavailable(f"the tickets database {redact_url(self.url)} went away: {_first_line(exc)}") from exc
        finally:
            con.close()

    def migrate(self) -> int:
        """Apply missing schema migrations now (also done on first use). Returns the version."""
        with self._init_lock:
            if not self._ready:
                with self._transaction(migrate=False) as con:
                    self.schema_version = apply_postgres(con)
                self._ready = True
                log.info("tickets database %s at schema version %d", redact_url(self.url), self.schema_version)
        return self.schema_version

    def lookup_key(self, key: str, request_hash: str) -> dict[str, Any] | None:
        with self._transaction() as con:
            row = con.execute("SELECT i.request_hash, i.ticket_id, t.body::text FROM idempotency i JOIN tickets t ON t.id = i.ticket_id"
                              " WHERE i.key = %s", (key,)).fetchone()
        if row is None:
            return None
        if row[0] != request_hash:
            raise IdempotencyConflict(row[1])
        return json.loads(row[2])

    def save(self, ticket: dict[str, Any], key: str | None = None, request_hash: str = "", tenant: str = "") -> dict[str, Any]:
        with self._transaction() as con:
            if key is not None:
                con.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", ("idempotency:" + key,))
                row = con.execute("SELECT i.request_hash, i.ticket_id, t.body::text FROM idempotency i JOIN tickets t ON t.id = i.ticket_id"
                                  " WHERE i.key = %s", (key,)).fetchone()
                if row is not None:
                    if row[0] != request_hash:
                        raise IdempotencyConflict(row[1])
                    return json.loads(row[2])
            con.execute("INSERT INTO tickets (id, created_at, body, tenant) VALUES (%s, %s, %s::json, %s)",
                        (ticket["id"], _created_at(ticket["created_at"]), json.dumps(ticket, ensure_ascii=False), tenant))
            if key is not None:
                con.execute("INSERT INTO idempotency (key, request_hash, ticket_id) VALUES (%s, %s, %s)", (key, request_hash, ticket["id"]))
        return ticket

    def update(self, ticket: dict[str, Any]) -> bool:
        with self._transaction() as con:
            cur = con.execute("UPDATE tickets SET body = %s::json WHERE id = %s", (json.dumps(ticket, ensure_ascii=False), ticket["id"]))
            return cur.rowcount == 1

    def get(self, ticket_id: str, tenant: str | None = None) -> dict[str, Any] | None:
        with self._transaction() as con:
            row = con.execute("SELECT body::text FROM tickets WHERE id = %s AND (%s::text IS NULL OR tenant = %s)",
                              (ticket_id, tenant, tenant)).fetchone()
        return json.loads(row[0]) if row else None

    def list(self, limit: int = 20, offset: int = 0, tenant: str | None = None) -> tuple[list[dict[str, Any]], int]:
        with self._transaction() as con:
            rows = con.execute("SELECT body::text FROM tickets WHERE (%s::text IS NULL OR tenant = %s)"
                               " ORDER BY created_at DESC, id DESC LIMIT %s OFFSET %s", (tenant, tenant, limit, offset)).fetchall()
            total = con.execute("SELECT COUNT(*) FROM tickets WHERE (%s::text IS NULL OR tenant = %s)", (tenant, tenant)).fetchone()[0]
        return [json.loads(r[0]) for r in rows], int(total)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
