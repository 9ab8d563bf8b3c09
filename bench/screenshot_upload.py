"""POST /v1/screenshots as a client meets it, with the local LLM drafting on 2 cores.

Starts the server in-process with every model (Tesseract and the bundled Qwen), uploads
each generated screenshot --runs times over HTTP, one at a time, and prints per image:
  response  = upload sent → 201 received (the ticket the client holds at once)
  pending   = how many responses carried the rule-based draft (flags.llm_pending)
  llm ready = upload sent → the LLM's draft stored (read back with GET /v1/tickets/{id})
Run it twice, with --wait 0.5 (the default) and --wait 8, to compare waiting for the LLM
with answering at once.

    .venv/bin/python bench/screenshot_upload.py [--runs 3] [--wait 0.5]
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.screenshots import pct  # noqa: E402
from tests.images import all_cases as cases  # noqa: E402


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--wait", type=float, default=0.5, help="Prefer: wait=N sent with each upload")
    args = ap.parse_args()

    import tempfile

    import httpx

    from agent.tickets import pipeline
    from bench.voice_latency import start_bench_server

    _, server, serve, port = await start_bench_server(f"screenshot upload, Prefer: wait={args.wait:g}", extra={"tickets_db": tempfile.mktemp(suffix=".sqlite3")},
                                                      models=("ocr", "llm"))
    print(f"{'image':<18} {'response p50/p95 ms':>20} {'pending':>8} {'llm ready p50 ms':>17} {'drafted by':>11}")
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
        for case in cases():
            data = case.png()
            response_ms, ready_ms, pending, sources = [], [], 0, set()
            for _ in range(args.runs):
                t0 = time.perf_counter()
                r = await http.post("/v1/screenshots", files={"file": ("shot.png", data, "image/png")}, headers={"Prefer": f"wait={args.wait:g}"})
                response_ms.append((time.perf_counter() - t0) * 1000)
                ticket = r.json()
                if ticket["flags"].get("llm_pending"):
                    pending += 1
                    await asyncio.gather(*pipeline._LATE_DRAFTS)  # the server shares this event loop
                    ticket = (await http.get(f"/v1/tickets/{ticket['id']}")).json()
                ready_ms.append((time.perf_counter() - t0) * 1000)
                sources.add("rules" if ticket["flags"]["llm_unavailable"] else "llm")
            print(f"{case.name:<18} {pct(response_ms, 0.5):>11.0f} / {pct(response_ms, 0.95):<6.0f} {pending:>5}/{args.runs} {pct(ready_ms, 0.5):>15.0f}  {'+'.join(sorted(sources)):>10}")
    server.should_exit = True
    await serve


if __name__ == "__main__":
    asyncio.run(main())
