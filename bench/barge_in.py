"""Barge-in as standard Realtime clients see it: how fast a real interruption cancels the
reply, and whether a backchannel ever stops it, for a client with Parley's events and one
without (a stock client, e.g. OpenAI's Agents SDK).

Each trial is a fresh WebSocket session: a long reply is asked for by text; once its first
audio arrives (plus `--lead` seconds), speech is streamed in real time over it with server
VAD. Interruptions are the real recordings in ../shared/speech-dev/ (read speech, accented,
8 kHz, noisy); backchannels are Piper saying "Okay.", "Uh-huh.", "Mm-hm.", "Right.".

  onset -> cancel   from the first voiced sample of the interrupting speech (as sent, on the
                    real-time clock) to `response.done` with status cancelled
  onset -> told     to the first event that tells a standard client to stop its playback
                    (`input_audio_buffer.speech_started`)
  backchannel       the reply completed, and a standard client saw no speech_started

    .venv/bin/python bench/barge_in.py [--rounds 1] [--lead 1.0]
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RATE = 24000
FRAME = 480
BACKCHANNELS = ("Okay.", "Uh-huh.", "Mm-hm.", "Right.")
LONG = "Tell me about the history of bicycles, in at least six long sentences."


async def trial(url: str, speech: np.ndarray, onset_s: float, lead_s: float) -> dict[str, Any]:
    import websockets

    from media.pcm import float_to_pcm16

    async with websockets.connect(url, max_size=None) as ws:
        async def send(ev: dict[str, Any]) -> None:
            await ws.send(json.dumps(ev))

        await send({"type": "session.update", "session": {"type": "realtime", "audio": {"input": {
            "format": {"type": "audio/pcm", "rate": RATE}, "turn_detection": {"type": "server_vad", "interrupt_response": True}}}}})
        await send({"type": "conversation.item.create", "item": {"type": "message", "role": "user",
                                                                  "content": [{"type": "input_text", "text": LONG}]}})
        await send({"type": "response.create"})
        events: list[tuple[float, dict[str, Any]]] = []
        first_audio = asyncio.Event()
        done: asyncio.Future = asyncio.get_running_loop().create_future()

        async def reader() -> None:
            async for raw in ws:
                ev = json.loads(raw)
                events.append((time.monotonic(), ev))
                if ev["type"] == "response.output_audio.delta":
                    first_audio.set()
                if ev["type"] == "response.done" and not done.done():
                    done.set_result(ev["response"])

        read = asyncio.ensure_future(reader())
        try:
            async with asyncio.timeout(180):
                await first_audio.wait()
                t0 = time.monotonic() + lead_s
                audio = np.concatenate([speech, np.zeros(int(1.5 * RATE), np.float32)])
                for i in range(0, len(audio), FRAME):
                    delay = t0 + i / RATE - time.monotonic()
                    if delay > 0:
                        await asyncio.sleep(delay)  # a microphone delivers audio in real time
                    await send({"type": "input_audio_buffer.append", "audio": base64.b64encode(float_to_pcm16(audio[i:i + FRAME])).decode()})
                    if done.done():
                        break
                response = await done
        finally:
            read.cancel()
    onset = t0 + onset_s
    told = next((t for t, e in events if e["type"] == "input_audio_buffer.speech_started" and t > t0), None)
    finished = next(t for t, e in events if e["type"] == "response.done")
    return {"status": response["status"], "cancel_ms": (finished - onset) * 1000 if response["status"] == "cancelled" else None,
            "told_ms": (told - onset) * 1000 if told else None, "ignored": any(e["type"] == "parley.speech.ignored" for _, e in events)}


def onset_of(vad: Any, audio24: np.ndarray) -> float:
    from bench.real_clips import voiced_spans
    from media.pcm import resample

    spans = voiced_spans(vad, resample(audio24, RATE, 16000))
    return spans[0][0] if spans else 0.0


async def main() -> None:
    from bench.real_clips import load_clips
    from bench.voice_latency import start_bench_server
    from media.pcm import pcm16_to_float, resample

    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--ab", action="store_true", help="alternate rounds with and without barge_in_pauses_reply")
    ap.add_argument("--lead", type=float, default=1.0, help="seconds of reply audio before the speech starts")
    args = ap.parse_args()
    runtime, server, serve, port = await start_bench_server("barge-in benchmark", models=("vad", "asr", "tts", "llm"))
    base = f"ws://127.0.0.1:{port}/v1/realtime"
    clips = [c for c in load_clips() if c.reference]
    interruptions = [(c.name, resample(c.audio, c.rate, RATE)) for c in clips]
    backs = []
    for text in BACKCHANNELS:
        chunk = runtime.tts.synthesize_all(text, variation=False)
        backs.append((text, resample(pcm16_to_float(chunk.pcm), chunk.sample_rate, RATE)))
    print(f"{len(interruptions)} real interruptions, {len(backs)} backchannels, x{args.rounds}; load average {os.getloadavg()}")
    rows: dict[str, list[dict[str, Any]]] = {}
    breakdowns: list[str] = []  # the server's own account of each barge-in (agent/core/turn_taking.py logs it)

    class Breakdown(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            msg = record.getMessage()
            if "barge-in:" in msg:
                breakdowns.append(msg.split("barge-in: ", 1)[1])

    logging.getLogger("parley.session").addHandler(Breakdown(logging.INFO))
    logging.getLogger("parley.session").setLevel(logging.INFO)
    try:
        for round_ in range(args.rounds):
            for kind, query in (("standard", ""), ("extensions", "?parley=1")):
                if args.ab:  # the same trials with the reply's decoding held while speech over it is judged, and without
                    runtime.config.barge_in_pauses_reply = round_ % 2 == 0
                    kind = f"{kind}{'+pause' if runtime.config.barge_in_pauses_reply else '-pause'}"
                for name, audio in interruptions:
                    breakdowns.clear()
                    r = await trial(base + query, audio, onset_of(runtime.vad, audio), args.lead)
                    r["server"] = "; ".join(breakdowns)
                    rows.setdefault(f"{kind} interrupt", []).append(r)
                    print(f"  {kind:10} interrupt   {name:40} {r}")
                for name, audio in backs:
                    r = await trial(base + query, audio, onset_of(runtime.vad, audio), args.lead)
                    rows.setdefault(f"{kind} backchannel", []).append(r)
                    print(f"  {kind:10} backchannel {name:40} {r}")
    finally:
        server.should_exit = True
        await serve

    def p(vals: list[float], q: float) -> str:
        vals = sorted(vals)
        return f"{vals[min(len(vals) - 1, int(q * len(vals)))]:.0f}" if vals else "-"

    print("\n| client | speech | trials | cancelled | onset → speech_started p50 / max | onset → cancelled p50 / p95 / max | ≤ 600 ms |")
    print("|---|---|---|---|---|---|---|")
    for key, rs in rows.items():
        kind, what = key.split()
        cancels = [r["cancel_ms"] for r in rs if r["cancel_ms"] is not None]
        told = [r["told_ms"] for r in rs if r["told_ms"] is not None]
        print(f"| {kind} | {what} | {len(rs)} | {len(cancels)} | {p(told, 0.5)} / {max(told) if told else 0:.0f} | "
              f"{p(cancels, 0.5)} / {p(cancels, 0.95)} / {max(cancels) if cancels else 0:.0f} | "
              f"{sum(c <= 600 for c in cancels)}/{len(cancels)} |")
    print(f"load average at the end {os.getloadavg()}")
    if rows:
        print("median of all real-interruption cancels:", statistics.median([r["cancel_ms"] for k, rs in rows.items() if "interrupt" in k
                                                                          for r in rs if r["cancel_ms"] is not None] or [0]))


if __name__ == "__main__":
    asyncio.run(main())
