"""The ticket store's schema, as numbered migrations for SQLite and PostgreSQL.

Each database records what it has applied in `schema_version` (one row per migration).
`apply_sqlite` / `apply_postgres` run the missing ones in order (one loop, `_apply`; what
differs per database is a `_Dialect`), in one transaction that also holds a lock, so several
Parley processes starting at once apply each migration once.
A database newer than this code (a later Parley wrote it) is refused, never downgraded.

Migration 1 uses IF NOT EXISTS, so SQLite files made before migrations existed adopt it.
To change the schema, append a Migration; never edit one that has shipped.
"""
from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sqlite: tuple[str, ...]
    postgres: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1, "tickets and idempotency keys",
        sqlite=(
            "CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, body TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS tickets_created ON tickets (created_at DESC, id DESC)",
            "CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, request_hash TEXT NOT NULL,"
            " ticket_id TEXT NOT NULL REFERENCES tickets(id), created_at REAL NOT NULL)",
        ),
        postgres=(
            # body is `json`, not `jsonb`: the ticket comes back with its keys in the order it was written
            "CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL, body JSON NOT NULL)",
            "CREATE INDEX IF NOT EXISTS tickets_created ON tickets (created_at DESC, id DESC)",
            "CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, request_hash TEXT NOT NULL,"
            " ticket_id TEXT NOT NULL REFERENCES tickets(id), created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
        ),
    ),
    Migration(
        2, "index idempotency keys by ticket",
        sqlite=("CREATE INDEX IF NOT EXISTS idempotency_ticket ON idempotency (ticket_id)",),
        postgres=("CREATE INDEX IF NOT EXISTS idempotency_ticket ON idempotency (ticket_id)",),
    ),
    Migration(
        3, "tickets belong to a tenant (the API key's; '' with no keys configured)",
        sqlite=("ALTER TABLE tickets ADD COLUMN tenant TEXT NOT NULL DEFAULT ''",
                "CREATE INDEX IF NOT EXISTS tickets_tenant_created ON tickets (tenant, created_at DESC, id DESC)"),
        postgres=("ALTER TABLE tickets ADD COLUMN IF NOT EXISTS tenant TEXT NOT NULL DEFAULT ''",
                  "CREATE INDEX IF NOT EXISTS tickets_tenant_created ON tickets (tenant, created_at DESC, id DESC)"),
    ),
)

LATEST = MIGRATIONS[-1].version
_PG_LOCK_KEY = 0x7061726C6579  # "parley": the advisory lock every process takes while migrating


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer Parley than this one."""


def _check_not_newer(found: int, known: int) -> None:
    if found > known:
        raise SchemaTooNew(f"the tickets database is at schema version {found}, newer than this Parley knows ({known}); "
                           "run the Parley version that wrote it, or a later one")


@dataclass(frozen=True)
class _Dialect:
    """What differs between the databases in the one migration loop (`_apply`)."""

    lock: str  # the transaction's first statement: it serialises migrating processes
    version_table: str
    record: str  # the schema_version row of one applied migration
    record_args: Callable[[Migration], tuple[Any, ...]]
    statements: Callable[[Migration], tuple[str, ...]]
    commit: Callable[[Any], object]
    rollback: Callable[[Any], object]


_SQLITE = _Dialect(
    lock="BEGIN IMMEDIATE",  # one writer at a time across processes
    version_table="CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at REAL NOT NULL)",
    record="INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
    record_args=lambda m: (m.version, m.description, time.time()),
    statements=lambda m: m.sqlite,
    commit=lambda con: con.execute("COMMIT"),
    rollback=lambda con: con.execute("ROLLBACK") if con.in_transaction else None,  # BEGIN itself may have failed
)
_POSTGRES = _Dialect(
    lock=f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})",  # held until the transaction ends
    version_table="CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                  " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    record="INSERT INTO schema_version (version, description) VALUES (%s, %s)",
    record_args=lambda m: (m.version, m.description),
    statements=lambda m: m.postgres,
    commit=lambda con: con.commit(),
    rollback=lambda con: con.rollback(),
)


def _apply(con: Any, migrations: Sequence[Migration], dialect: _Dialect) -> int:
    """Apply the missing migrations in one locked transaction; the schema version in force."""
    known = migrations[-1].version if migrations else 0
    try:
        con.execute(dialect.lock)
        con.execute(dialect.version_table)
        current = con.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]
        _check_not_newer(current, known)
        for m in migrations:
            if m.version <= current:
                continue
            for statement in dialect.statements(m):
                con.execute(statement)
            con.execute(dialect.record, dialect.record_args(m))
            current = m.version
        dialect.commit(con)
    except BaseException:
        dialect.rollback(con)
        raise
    return int(current)


def apply_sqlite(con: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Apply missing migrations on a connection in autocommit mode (isolation_level=None).
    Returns the schema version now in force."""
    return _apply(con, migrations, _SQLITE)


def apply_postgres(con: Any, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Apply missing migrations on a psycopg connection (not in autocommit); commits.
    Returns the schema version now in force."""
    return _apply(con, migrations, _POSTGRES)
