"""Tool-calling benchmark: client tools through a real Parley session with the bundled model.

Every case (bench/tool_cases.py: 7 tools of different shapes, 40 questions, half held out)
is a fresh Realtime WebSocket session that declares the tools. The question is typed, or
spoken by Piper and streamed in real time with server VAD (`--voice`). When the reply is a
call, the benchmark answers it with the case's output (`function_call_output` +
`response.create`) and reads the follow-up. Every server event is validated as OpenAI's
Agents SDK validates it. Per variant it reports:

  right tool + args   the expected tool with the expected arguments (a no-tool case: no call)
  no call when none   of the no-tool cases, how many made no call
  invalid JSON        calls whose arguments did not parse or fit the schema (0 is the goal)
  canned fallbacks    the canned "not sure" sentence said in a response that made a call
  filler              responses that said something before their call
  follow-up uses it   follow-ups that contain a word of the tool's output
  bad events          server events a strict client would reject

Variants: `grammar` (calls sampled under a grammar built from the tools' schemas, the
default) and `free` (the model writes calls freely; Parley parses and checks them).

    .venv/bin/python bench/tools.py                     # both variants, typed
    .venv/bin/python bench/tools.py --variants grammar --voice
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.tool_cases import CASES, TOOLS, ToolCase  # noqa: E402

FALLBACK_WORDS = "not sure about that one"


def _norm(v: Any) -> Any:
    if isinstance(v, str):
        return " ".join(v.lower().replace("’", "'").split())
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    return v


def args_match(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    return all(k in got and _norm(got[k]) == _norm(v) for k, v in expected.items())


class Session:
    """One strict Realtime client session (every event validated as the Agents SDK does)."""

    def __init__(self, ws: Any) -> None:
        from tests.strict_events import check_server_event

        self.ws, self.check = ws, check_server_event
        self.bad: list[str] = []
        self.heard: list[str] = []  # what the server transcribed (spoken cases)

    async def send(self, event: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(event))

    async def until(self, kind: str, timeout: float = 180) -> dict[str, Any]:
        async with asyncio.timeout(timeout):
            while True:
                ev = json.loads(await self.ws.recv())
                try:
                    self.check(ev)
                except AssertionError as exc:
                    self.bad.append(str(exc).splitlines()[0])
                if ev["type"] == "conversation.item.input_audio_transcription.completed":
                    self.heard.append(ev.get("transcript", ""))
                if ev["type"] == kind:
                    return ev


def said(response: dict[str, Any]) -> str:
    return " ".join(p.get("transcript") or "" for it in response["output"] if it["type"] == "message" for p in it["content"])


async def run_case(url: str, runtime: Any, case: ToolCase, *, voice: bool) -> dict[str, Any]:
    import websockets

    from bench.replies import _paced_send, _speech

    async with websockets.connect(url, max_size=None) as ws:
        s = Session(ws)
        td = {"type": "server_vad", "silence_duration_ms": 500} if voice else None
        await s.send({"type": "session.update", "session": {"type": "realtime", "tools": TOOLS, "audio": {
            "input": {"format": {"type": "audio/pcm", "rate": 24000}, "turn_detection": td}}}})
        await s.until("session.updated")
        t0 = time.monotonic()
        if voice:
            audio, _ = _speech(runtime, case.question)
            sender = asyncio.ensure_future(_paced_send(ws, audio, time.monotonic() + 0.05))
            try:
                first = (await s.until("response.done"))["response"]
            finally:
                sender.cancel()
        else:
            await s.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                          "content": [{"type": "input_text", "text": case.question}]}})
            await s.send({"type": "response.create"})
            first = (await s.until("response.done"))["response"]
        first_ms = (time.monotonic() - t0) * 1000
        calls = [it for it in first["output"] if it["type"] == "function_call"]
        row: dict[str, Any] = {"id": case.id, "held_out": case.held_out, "expected": case.tool, "first_ms": round(first_ms),
                               "calls": [(c["name"], c["arguments"]) for c in calls], "filler": said(first) if calls else "",
                               "reply": said(first), "invalid": 0, "follow": "", "follow_ok": None}
        for c in calls:
            try:
                if not isinstance(json.loads(c["arguments"]), dict):
                    row["invalid"] += 1
            except ValueError:
                row["invalid"] += 1
        got = json.loads(calls[0]["arguments"]) if calls and not row["invalid"] else {}
        if case.tool is None:
            row["right"] = not calls
        else:
            row["right"] = bool(calls) and calls[0]["name"] == case.tool and args_match(case.args, got)
        row["canned"] = bool(calls) and FALLBACK_WORDS in said(first).lower()
        if calls:
            await s.send({"type": "conversation.item.create", "item": {"type": "function_call_output", "call_id": calls[0]["call_id"],
                          "output": case.output or "{}"}})
            await s.send({"type": "response.create"})
            follow = (await s.until("response.done"))["response"]
            row["follow"] = said(follow)
            row["follow_again"] = [it["name"] for it in follow["output"] if it["type"] == "function_call"]
            if case.follow_words and row["right"]:
                row["follow_ok"] = any(w in row["follow"].lower() for w in case.follow_words)
        elif case.tool is None and case.follow_words:
            row["follow_ok"] = any(w in row["reply"].lower() for w in case.follow_words)
        row["bad_events"] = s.bad
        row["heard"] = " | ".join(s.heard)
        return row


def local_llms(runtime: Any) -> list[Any]:
    llm = runtime.llm
    return [b for b in getattr(llm, "backends", [llm]) if hasattr(b, "tool_grammar")]


def summarise(variant: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    def part(rs: list[dict[str, Any]]) -> dict[str, Any]:
        tool_rows = [r for r in rs if r["expected"]]
        none_rows = [r for r in rs if not r["expected"]]
        follow = [r for r in rs if r["expected"] and r["follow_ok"] is not None]
        return {"cases": len(rs), "right": sum(r["right"] for r in rs),
                "right_tool_cases": f"{sum(r['right'] for r in tool_rows)}/{len(tool_rows)}",
                "no_call_when_none": f"{sum(r['right'] for r in none_rows)}/{len(none_rows)}",
                "follow_uses_result": f"{sum(bool(r['follow_ok']) for r in follow)}/{len(follow)}",
                "invalid": sum(r["invalid"] for r in rs), "canned": sum(r["canned"] for r in rs),
                "filler": sum(bool(r["filler"].strip()) for r in rs), "repeated_call": sum(bool(r.get("follow_again")) for r in rs),
                "bad_events": sum(len(r["bad_events"]) for r in rs),
                "first_ms_p50": sorted(r["first_ms"] for r in rs)[len(rs) // 2] if rs else None}

    return {"variant": variant, "dev": part([r for r in rows if not r["held_out"]]), "held_out": part([r for r in rows if r["held_out"]]),
            "all": part(rows), "rows": rows}


async def main() -> None:
    from bench.voice_latency import start_bench_server

    ap = argparse.ArgumentParser()
    ap.add_argument("--variants", default="free,grammar")
    ap.add_argument("--voice", action="store_true", help="speak each question with Piper (server VAD) instead of typing it")
    ap.add_argument("--cases", default="", help="comma-separated case ids (default: all)")
    ap.add_argument("--out", default="")
    args = ap.parse_args()
    cases = [c for c in CASES if not args.cases or c.id in args.cases.split(",")]
    runtime, server, serve, port = await start_bench_server("tool-calling benchmark", models=("vad", "asr", "tts", "llm"))
    url = f"ws://127.0.0.1:{port}/v1/realtime"
    print(f"{len(cases)} cases ({sum(c.held_out for c in cases)} held out), {'spoken' if args.voice else 'typed'}; "
          f"load average {os.getloadavg()}")
    results = []
    try:
        for variant in args.variants.split(","):
            for llm in local_llms(runtime):
                llm.tool_grammar = variant == "grammar"
            rows = []
            for case in cases:
                row = await run_case(url, runtime, case, voice=args.voice)
                rows.append(row)
                mark = "ok " if row["right"] else "BAD"
                print(f"  [{variant}] {mark} {case.id:18} calls={row['calls']} filler={row['filler'][:40]!r} "
                      f"follow_ok={row['follow_ok']} {row['follow'][:60]!r}{' BAD EVENTS ' + str(row['bad_events']) if row['bad_events'] else ''}"
                      f"{' heard ' + repr(row['heard']) if row['heard'] else ''}")
            results.append(summarise(variant, rows))
            if args.out:
                Path(args.out).write_text(json.dumps(results, indent=1))
    finally:
        server.should_exit = True
        await serve
    print("\n| variant | half | right tool + args | tool cases | no call when none | follow-up uses result | invalid JSON | canned | filler | repeated call | bad events | first response p50 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for res in results:
        for half in ("dev", "held_out", "all"):
            p = res[half]
            print(f"| {res['variant']} | {half} | {p['right']}/{p['cases']} | {p['right_tool_cases']} | {p['no_call_when_none']} | "
                  f"{p['follow_uses_result']} | {p['invalid']} | {p['canned']} | {p['filler']} | {p['repeated_call']} | {p['bad_events']} | "
                  f"{p['first_ms_p50']} ms |")
    print(f"load average at the end {os.getloadavg()}")


if __name__ == "__main__":
    asyncio.run(main())
