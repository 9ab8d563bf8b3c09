"""Voice-to-voice latency of WebRTC calls (/v1/realtime/calls), as the caller hears it.

Starts a server in-process and, for each turn, places a call from a real aiortc peer (the
caller the tests use): Piper-made questions go out on the microphone track in real time,
Opus both ways. It measures on the caller's side:
  voice-to-voice = first voiced reply frame decoded from the reply track − end of speech
                   leaving the microphone track
and prints p50/p95 beside the server's own first_audio_sent for the same turns, so the
cost of the WebRTC leg (reply track pacing, Opus, the jitter buffer) shows as a difference.

    .venv/bin/python bench/call_latency.py --turns 8
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.voice_latency import QUESTIONS, pct, start_bench_server  # noqa: E402

RATE = 24000


async def one_call(base_url: str, runtime, question: str) -> dict:
    from media.pcm import pcm16_to_float, resample
    from tests.rtc_caller import RtcCaller

    chunk = runtime.tts.synthesize_all(question)
    voice = resample(pcm16_to_float(chunk.pcm), chunk.sample_rate, RATE)
    audio = np.concatenate([np.zeros(int(0.3 * RATE), np.float32), voice, np.zeros(int(2.5 * RATE), np.float32)])
    end_off = (np.nonzero(np.abs(audio) > 0.02)[0][-1] + 1) / RATE
    caller = RtcCaller()
    try:
        resp = await caller.call(base_url, session={"parley": {"events": True}})
        assert resp.status_code == 201, resp.text
        await caller.connected()
        await caller.wait_for("session.created")
        # the microphone track sends one 20 ms frame per tick: speech starts at the next one
        t_say = time.monotonic()
        caller.say(audio)
        voiced_before = caller.voiced_ms
        await caller.heard(lambda c: c.voiced_ms > voiced_before, timeout=60)
        first_voiced = time.monotonic()
        done = await caller.wait_for("response.done", timeout=60)
        metrics = next((e["metrics"] for e in caller.of("parley.turn.metrics")), {})
        transcript = next((e["transcript"] for e in caller.of("conversation.item.input_audio_transcription.completed")), "")
        out = done["response"]["output"]
        reply = out[0]["content"][0]["transcript"] if out and out[0].get("content") else ""
    finally:
        await caller.close()
    return {"v2v_ms": (first_voiced - (t_say + end_off)) * 1000, "metrics": metrics, "transcript": transcript, "reply": reply}


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--turns", type=int, default=8)
    args = ap.parse_args()

    runtime, server, serve, port = await start_bench_server("WebRTC call latency")
    results = []
    for i in range(args.turns + 1):
        r = await one_call(f"http://127.0.0.1:{port}", runtime, QUESTIONS[i % len(QUESTIONS)])
        if i == 0:
            continue  # the first call warms caches
        results.append(r)
        print(f"turn {i}: caller heard the reply {r['v2v_ms']:.0f} ms after speech end | server sent it at "
              f"{r['metrics'].get('first_audio_sent_ms', float('nan')):.0f} ms | {r['transcript']!r} → {r['reply'][:50]!r}")
    v2v = [r["v2v_ms"] for r in results]
    sent = [r["metrics"]["first_audio_sent_ms"] for r in results if "first_audio_sent_ms" in r["metrics"]]
    print(f"\nvoice-to-voice at the caller (speech end → first voiced reply frame): p50 {pct(v2v, 50):.0f} ms, p95 {pct(v2v, 95):.0f} ms over {len(v2v)} calls")
    print(f"server first_audio_sent for the same turns:                       p50 {pct(sent, 50):.0f} ms, p95 {pct(sent, 95):.0f} ms")
    legs = [r["v2v_ms"] - r["metrics"]["first_audio_sent_ms"] for r in results if "first_audio_sent_ms" in r["metrics"]]
    print(f"the WebRTC leg (caller − server, per turn):                       p50 {pct(legs, 50):.0f} ms")
    server.should_exit = True
    await serve


if __name__ == "__main__":
    asyncio.run(main())
