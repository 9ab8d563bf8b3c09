"""Drill: PostgreSQL restarts under a steady stream of screenshot uploads.

A real `parley serve` (tickets in a temporary PostgreSQL) takes uploads from a few clients,
each with its own Idempotency-Key, retrying the same upload after a 503 the way a client
honouring Retry-After would (the wait is capped by --retry-cap-s to keep the drill short).
PostgreSQL is stopped (`pg_ctl stop -m fast`) for --outage-s, then started again. Printed:
what the uploads got during the outage (status, code, Retry-After), how long after the
database came back the first upload succeeded, and whether anything was lost or doubled:
every upload that got 201/200 has its ticket, and no key stored two tickets.

    .venv/bin/python bench/drill_postgres_restart.py              # 30 s, a 6 s outage
    .venv/bin/python bench/drill_postgres_restart.py --seconds 60 --outage-s 15 --clients 4

Bounded: --seconds of traffic (the outage inside it), loopback only; exits non-zero if a
ticket was lost or doubled, or an upload never succeeded.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import json
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.services import ParleyNode, TempPostgres  # noqa: E402


async def client(base: str, png: bytes, stop_at: float, retry_cap_s: float, log: list[dict]) -> list[tuple[str, str]]:
    """Uploads until stop_at; returns (key, ticket id) of each upload that was stored."""
    import httpx

    stored = []
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        while time.monotonic() < stop_at:
            key = uuid.uuid4().hex
            while True:  # the same upload until it is stored (or the drill is over)
                t = time.monotonic()
                try:
                    resp = await http.post("/v1/screenshots", files={"file": ("shot.png", png, "image/png")}, headers={"Idempotency-Key": key})
                    status, body = resp.status_code, resp.json()
                except (httpx.HTTPError, ValueError) as exc:
                    status, body, resp = 0, {"code": type(exc).__name__}, None
                log.append({"t": t, "status": status, "code": body.get("code"), "retry_after": resp.headers.get("retry-after") if resp else None})
                if status in (200, 201):
                    stored.append((key, body["id"]))
                    break
                if time.monotonic() > stop_at + 30:
                    log.append({"t": time.monotonic(), "status": -1, "code": "gave_up", "retry_after": None})
                    break
                wait = float(resp.headers.get("retry-after", 1)) if resp is not None else 1.0
                await asyncio.sleep(min(wait, retry_cap_s))
    return stored


async def main() -> int:
    p = argparse.ArgumentParser(description="uploads while PostgreSQL restarts")
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--outage-s", type=float, default=6)
    p.add_argument("--outage-at-s", type=float, default=8)
    p.add_argument("--clients", type=int, default=2)
    p.add_argument("--retry-cap-s", type=float, default=1.0, help="longest wait between retries (Retry-After says 5 s)")
    args = p.parse_args()
    from tests import images

    png = images.error_dialog().png()
    pg = TempPostgres().start()
    run_dir = Path(tempfile.mkdtemp(prefix="parley-drill-"))
    ok = False
    node = ParleyNode("drill", run_dir / "server.log", {"PARLEY_TICKETS_DB": pg.url, "PARLEY_LOG_LEVEL": "warning"})
    try:
        node.launch()
        node.wait_ready()
        print(f"drill: server {node.url}, tickets in {pg.url}, {args.clients} clients, {args.seconds:.0f} s, "
              f"PostgreSQL down from {args.outage_at_s:.0f} s for {args.outage_s:.0f} s", flush=True)
        log: list[dict] = []
        t0 = time.monotonic()
        tasks = [asyncio.ensure_future(client(node.url, png, t0 + args.seconds, args.retry_cap_s, log)) for _ in range(args.clients)]
        await asyncio.sleep(args.outage_at_s)
        down_at = time.monotonic()
        await asyncio.to_thread(pg.stop_server, "fast")
        await asyncio.sleep(args.outage_s)
        await asyncio.to_thread(pg.start_server)
        up_at = time.monotonic()
        stored = [kv for r in await asyncio.gather(*tasks) for kv in r]

        import psycopg

        with psycopg.connect(pg.url) as con:
            n_tickets = con.execute("SELECT count(*) FROM tickets").fetchone()[0]
            keys = dict(con.execute("SELECT key, ticket_id FROM idempotency").fetchall())
        missing = [tid for key, tid in stored if keys.get(key) != tid]
        during = [e for e in log if down_at <= e["t"] < up_at]
        after = sorted(e["t"] for e in log if e["t"] >= up_at and e["status"] in (200, 201))
        outcome = collections.Counter(f"{e['status']} {e['code'] or ''}".strip() for e in during)
        retry_after = sorted({e["retry_after"] for e in during if e["status"] == 503})
        gave_up = sum(1 for e in log if e["code"] == "gave_up")
        report = {
            "uploads_stored": len(stored), "tickets_in_db": n_tickets, "attempts": len(log),
            "during_outage": dict(outcome), "retry_after_s": retry_after,
            "first_success_after_restart_s": round(after[0] - up_at, 2) if after else None,
            "lost": len(missing), "doubled": n_tickets - len(stored), "gave_up": gave_up,
        }
        print(json.dumps(report, indent=2))
        ok = not missing and n_tickets == len(stored) and not gave_up and after
        print("drill: " + ("held: every stored upload has its ticket, none doubled, service resumed by itself" if ok else f"FAILED (server log in {run_dir})"))
        return 0 if ok else 1
    finally:
        node.stop()
        pg.stop()
        if ok:
            shutil.rmtree(run_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
