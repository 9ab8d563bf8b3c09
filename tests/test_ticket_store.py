"""The ticket store on both backends: SQLite (embedded default) and PostgreSQL (a real
server in a temporary data directory), schema migrations, and a database outage during an
upload (coded 503 + Retry-After, nothing half-written, service resumes by itself)."""
from __future__ import annotations

import sqlite3
import uuid
from typing import Any, AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio

from agent.config import Config
from agent.tickets import migrations
from agent.tickets.store import IdempotencyConflict, StoreUnavailable, TicketStore, open_store
from deploy.services import TempPostgres, pg_binary

try:
    from tests import images
    from tests.ticket_api import serve_ticket_api, ticket_runtime, upload
except ImportError:  # run from inside tests/
    import images  # type: ignore[no-redef]
    from ticket_api import serve_ticket_api, ticket_runtime, upload  # type: ignore[no-redef]

NO_POSTGRES = "PostgreSQL is not installed (apt-get install postgresql; scripts/setup.sh test does it)"


@pytest.fixture(scope="module")
def pg() -> Iterator[TempPostgres]:
    if not (pg_binary("initdb") and pg_binary("pg_ctl")):
        pytest.skip(NO_POSTGRES)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install 'psycopg[binary]')")
    server = TempPostgres().start()
    yield server
    server.stop()


def _fresh_pg_db(pg: TempPostgres) -> str:
    """A new empty database on the shared server, so each test starts from nothing."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:10]
    with psycopg.connect(pg.url, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return pg.url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgres"])
def location(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "tickets.sqlite3")
    return _fresh_pg_db(request.getfixturevalue("pg"))


def ticket(n: int, created: str = "2026-11-30T01:00:00.000Z") -> dict[str, Any]:
    # keys deliberately not sorted: both backends must give them back in this order
    return {"id": f"tkt_{n:020d}", "created_at": created, "title": f"ticket {n}", "severity": "high", "body": "é ünïcode"}


# --- the contract, on both backends ---------------------------------------------------------------


def test_save_get_list_update(location: str) -> None:
    store = open_store(location)
    assert store.migrate() == migrations.LATEST
    a, b = ticket(1, "2026-11-30T01:00:00.000Z"), ticket(2, "2026-11-30T02:00:00.000Z")
    assert store.save(a) == a
    store.save(b)
    got = store.get(a["id"])
    assert got == a and list(got) == list(a)
    items, total = store.list(limit=1)
    assert total == 2 and [t["id"] for t in items] == [b["id"]]  # newest first
    items, _ = store.list(limit=5, offset=1)
    assert [t["id"] for t in items] == [a["id"]]
    assert store.update({**a, "title": "better"}) is True
    assert store.get(a["id"])["title"] == "better"
    assert store.update(ticket(99)) is False
    assert store.get("tkt_missing") is None


def test_idempotency_keys(location: str) -> None:
    store = open_store(location)
    first = store.save(ticket(1), key="k-1", request_hash="h1")
    assert store.lookup_key("k-1", "h1") == first
    assert store.lookup_key("k-unused", "h1") is None
    with pytest.raises(IdempotencyConflict) as err:
        store.lookup_key("k-1", "other")
    assert err.value.ticket_id == first["id"]
    # a second process that raced with the same key gets the first ticket, and stores nothing
    other = open_store(location)
    assert other.save(ticket(2), key="k-1", request_hash="h1") == first
    assert other.get(ticket(2)["id"]) is None
    with pytest.raises(IdempotencyConflict):
        other.save(ticket(3), key="k-1", request_hash="different")


def test_two_processes_racing_one_key_store_one_ticket(location: str) -> None:
    """Many writers with the same key at once (threads, each with its own store object like
    separate processes): exactly one ticket is stored and every writer gets it back."""
    from concurrent.futures import ThreadPoolExecutor

    stores = [open_store(location) for _ in range(6)]
    stores[0].migrate()
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda i: stores[i].save(ticket(10 + i), key="same", request_hash="h"), range(6)))
    assert len({r["id"] for r in results}) == 1
    assert stores[0].list(limit=100)[1] == 1


# --- migrations -------------------------------------------------------------------------------------


def test_sqlite_file_from_before_migrations_is_adopted(tmp_path) -> None:
    path = tmp_path / "old.sqlite3"
    con = sqlite3.connect(path)
    con.executescript(  # the schema the store created before it had migrations
        "CREATE TABLE tickets (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, body TEXT NOT NULL);"
        "CREATE TABLE idempotency (key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, ticket_id TEXT NOT NULL REFERENCES tickets(id), created_at REAL NOT NULL);"
        "INSERT INTO tickets VALUES ('tkt_old', '2025-01-01T00:00:00.000Z', '{\"id\": \"tkt_old\"}');")
    con.close()
    store = TicketStore(path)
    assert store.migrate() == migrations.LATEST
    assert store.get("tkt_old") == {"id": "tkt_old"}
    con = sqlite3.connect(path)
    versions = [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY version")]
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    con.close()
    assert versions == [m.version for m in migrations.MIGRATIONS]
    assert "idempotency_ticket" in indexes


def test_later_migrations_apply_once_on_both_backends(location: str) -> None:
    """A database at the latest version gets a new migration applied exactly once, however
    many stores start; a database newer than the code is refused."""
    store = open_store(location)
    store.migrate()
    extra = migrations.Migration(migrations.LATEST + 1, "a test column", sqlite=("ALTER TABLE tickets ADD COLUMN note TEXT",),
                                 postgres=("ALTER TABLE tickets ADD COLUMN note TEXT",))
    plan = (*migrations.MIGRATIONS, extra)

    def apply(plan_: tuple) -> int:
        if location.startswith("postgresql://"):
            import psycopg

            with psycopg.connect(location) as con:
                return migrations.apply_postgres(con, plan_)
        con = sqlite3.connect(location, isolation_level=None)
        try:
            return migrations.apply_sqlite(con, plan_)
        finally:
            con.close()

    assert apply(plan) == migrations.LATEST + 1
    assert apply(plan) == migrations.LATEST + 1  # a second start: nothing to do (ALTER would fail if run twice)
    with pytest.raises(migrations.SchemaTooNew):
        apply(migrations.MIGRATIONS)  # this database is now newer than that code


# --- PostgreSQL outages -------------------------------------------------------------------------


def test_store_reports_an_outage_and_resumes_by_itself(pg: TempPostgres) -> None:
    store = open_store(_fresh_pg_db(pg))
    store.save(ticket(1))
    pg.stop_server()
    try:
        with pytest.raises(StoreUnavailable):
            store.get(ticket(1)["id"])
        with pytest.raises(StoreUnavailable):
            store.save(ticket(2))
    finally:
        pg.start_server()
    assert store.get(ticket(1)["id"]) == ticket(1)  # the same store object: no restart needed
    assert store.get(ticket(2)["id"]) is None


def test_database_dying_between_two_inserts_leaves_nothing(pg: TempPostgres) -> None:
    """The server dies after the ticket row is inserted and before its idempotency key is:
    the transaction is lost whole, so a retry with the same key stores the ticket once."""
    from agent.tickets.store_postgres import PostgresTicketStore

    url = _fresh_pg_db(pg)

    class DiesMidSave(PostgresTicketStore):
        def _transaction(self, migrate: bool = True):  # fault injection around the real connection
            inner = super()._transaction(migrate)

            class Proxy:
                def __enter__(self_inner):
                    con = inner.__enter__()

                    class Con:
                        def execute(self, sql, *args):
                            if sql.startswith("INSERT INTO idempotency"):
                                pg.stop_server("immediate")
                            return con.execute(sql, *args)

                        def __getattr__(self, name):
                            return getattr(con, name)

                    return Con()

                def __exit__(self_inner, *exc):
                    return inner.__exit__(*exc)

            return Proxy()

    faulty = DiesMidSave(url)
    faulty.migrate()
    try:
        with pytest.raises(StoreUnavailable):
            faulty.save(ticket(1), key="retry-me", request_hash="h")
    finally:
        pg.start_server()
    store = open_store(url)
    assert store.get(ticket(1)["id"]) is None and store.lookup_key("retry-me", "h") is None
    assert store.save(ticket(1), key="retry-me", request_hash="h") == ticket(1)
    assert store.list()[1] == 1


# --- over HTTP: an upload during an outage ----------------------------------------------------------


class OutageDuringOcr:
    """The real Tesseract, but the database goes down while the screenshot is read (fault injection)."""

    def __init__(self, ocr: Any, pg: TempPostgres) -> None:
        self.ocr, self.pg, self.armed = ocr, pg, False

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.ocr, name)
        if not callable(attr) or not self.armed:
            return attr

        def wrapped(*args: Any, **kw: Any) -> Any:
            if self.armed:
                self.armed = False
                self.pg.stop_server()
            return attr(*args, **kw)

        return wrapped


@pytest_asyncio.fixture
async def pg_api(pg: TempPostgres) -> AsyncIterator[tuple[httpx.AsyncClient, OutageDuringOcr]]:
    from agent.tickets.routes import prepare_store
    from models.ocr import TesseractOCR

    config = Config(tickets_db=_fresh_pg_db(pg))
    ocr = OutageDuringOcr(TesseractOCR(), pg)
    await prepare_store(config)
    async with serve_ticket_api(ticket_runtime(config, ocr)) as client:
        yield client, ocr


async def test_upload_during_outage_is_a_coded_503_and_service_resumes(pg_api, pg: TempPostgres) -> None:
    client, ocr = pg_api
    png = images.error_dialog().png()
    ok = await upload(client, png)
    assert ok.status_code == 201
    ocr.armed = True  # the database goes down while this upload is being read
    try:
        down = await upload(client, png, headers={"Idempotency-Key": "upload-42"})
        assert down.status_code == 503
        body = down.json()
        assert body["type"] == "error" and body["code"] == "tickets_db_unavailable" and body["hint"]
        assert int(down.headers["Retry-After"]) > 0
        listing = await client.get("/v1/tickets")
        assert listing.status_code == 503 and listing.json()["code"] == "tickets_db_unavailable"
    finally:
        if not ocr.armed:
            pg.start_server()
    # back up: the same server serves again, the retry with the same key is a fresh 201, nothing was half-written
    again = await upload(client, png, headers={"Idempotency-Key": "upload-42"})
    assert again.status_code == 201
    listing = (await client.get("/v1/tickets")).json()
    assert listing["total"] == 2
    assert {t["id"] for t in listing["data"]} == {ok.json()["id"], again.json()["id"]}
    replay = await upload(client, png, headers={"Idempotency-Key": "upload-42"})
    assert replay.status_code == 200 and replay.json()["id"] == again.json()["id"]

