"""Voice-to-voice latency over /v1/realtime, with the real offline models.

Starts a server in-process (or uses --url), streams Piper-made questions in real time
(20 ms frames, like a microphone), and measures on the client:
  voice-to-voice = first reply audio delta received − end of the user's speech in the stream
It prints p50/p95 beside the server's own per-stage metrics (parley.turn.metrics), and the
barge-in stop time (interruption onset → last audio delta of the cancelled reply).

Then the real recordings of `../shared/speech-dev/` go the same way (`bench/asr_real.py`
streams them; voice to voice there is last voiced sample sent → first audio delta of the
reply to the clip's last turn): the headline figure, with the Piper questions beside it.

    .venv/bin/python bench/voice_latency.py --turns 8 [--real-rounds 1 | --real-rounds 0]
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUESTIONS = [
    "What is the capital of France?",
    "How many days are in a week?",
    "What does a web browser do?",
    "Why is my computer running slowly?",
    "How do I restart my router?",
    "What is the capital of Italy?",
    "Is it safe to delete temporary files?",
    "What is a password manager?",
    "How many hours are in a day?",
    "What does an error code mean?",
]
RATE = 24000
FRAME = 480  # 20 ms


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


async def paced_send(ws, audio: np.ndarray, t0: float) -> None:
    from media.pcm import float_to_pcm16

    for i in range(0, len(audio), FRAME):
        target = t0 + i / RATE
        delay = target - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)  # a microphone delivers audio in real time
        await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": base64.b64encode(float_to_pcm16(audio[i:i + FRAME])).decode()}))


def speech_end_offset(runtime, audio: np.ndarray) -> float:
    """Seconds from clip start to the last sample above threshold (the end of speech)."""
    idx = np.nonzero(np.abs(audio) > 0.02)[0]
    return (idx[-1] + 1) / RATE


async def one_turn(url: str, runtime, question: str) -> dict:
    import websockets

    from media.pcm import pcm16_to_float, resample

    chunk = runtime.tts.synthesize_all(question)
    voice = resample(pcm16_to_float(chunk.pcm), chunk.sample_rate, RATE)
    audio = np.concatenate([np.zeros(int(0.4 * RATE), np.float32), voice, np.zeros(int(2.5 * RATE), np.float32)])
    end_off = speech_end_offset(runtime, audio)
    async with websockets.connect(url, max_size=None) as ws:
        await ws.send(json.dumps({"type": "session.update", "session": {"type": "realtime", "audio": {"input": {"format": {"type": "audio/pcm", "rate": RATE}, "turn_detection": {"type": "server_vad", "silence_duration_ms": 500}}}}}))
        while json.loads(await ws.recv())["type"] != "session.updated":
            pass
        t0 = time.monotonic() + 0.05
        sender = asyncio.ensure_future(paced_send(ws, audio, t0))
        first_audio = None
        metrics, transcript, reply, prompt, dry = {}, "", "", {}, {}
        try:
            async with asyncio.timeout(60):
                while True:
                    ev = json.loads(await ws.recv())
                    if ev["type"] == "response.output_audio.delta" and first_audio is None:
                        first_audio = time.monotonic()
                    elif ev["type"] == "parley.turn.metrics":
                        metrics, prompt, dry = ev["metrics"], ev.get("prompt") or {}, ev.get("dry") or {}
                    elif ev["type"] == "conversation.item.input_audio_transcription.completed":
                        transcript = ev["transcript"]
                    elif ev["type"] == "response.done":
                        out = ev["response"]["output"]
                        reply = out[0]["content"][0]["transcript"] if out and out[0].get("content") else ""
                        break
        finally:
            sender.cancel()
    v2v = (first_audio - (t0 + end_off)) * 1000 if first_audio else float("nan")
    return {"v2v_ms": v2v, "metrics": metrics, "transcript": transcript, "reply": reply, "prompt": prompt, "dry": dry}


async def barge_in(url: str, runtime) -> dict:
    import websockets

    from media.pcm import pcm16_to_float, resample

    chunk = runtime.tts.synthesize_all("Stop, I have a different question about my printer.")
    cut = resample(pcm16_to_float(chunk.pcm), chunk.sample_rate, RATE)
    cut = np.concatenate([cut, np.zeros(int(1.5 * RATE), np.float32)])
    onset_off = np.nonzero(np.abs(cut) > 0.02)[0][0] / RATE
    async with websockets.connect(url, max_size=None) as ws:
        await ws.send(json.dumps({"type": "session.update", "session": {"type": "realtime", "instructions": "Always answer with at least five long sentences."}}))
        await ws.send(json.dumps({"type": "conversation.item.create", "item": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Tell me the history of the telephone."}]}}))
        await ws.send(json.dumps({"type": "response.create"}))
        rid, last_delta, t0, sender = None, None, None, None
        async with asyncio.timeout(60):
            while True:
                ev = json.loads(await ws.recv())
                if ev["type"] == "response.output_audio.delta":
                    last_delta = time.monotonic()
                    if rid is None:
                        rid = ev["response_id"]
                        await asyncio.sleep(1.0)  # let the reply play for a second before cutting in
                        t0 = time.monotonic()
                        sender = asyncio.ensure_future(paced_send(ws, cut, t0))
                elif ev["type"] == "response.done" and ev["response"]["id"] == rid:
                    status = ev["response"]["status"]
                    break
        if sender:
            sender.cancel()
    return {"status": status, "stop_ms": (last_delta - (t0 + onset_off)) * 1000}


async def start_bench_server(title: str, *, models: tuple[str, ...] = ("vad", "asr", "tts", "llm"), extra: dict | None = None):
    """The models loaded once and a real server on a loopback port; prints the header."""
    import uvicorn

    from agent.config import load_config
    from agent.runtime import Runtime
    from agent.edge.server import build_app, uvicorn_config

    runtime = Runtime(load_config(port=0, log_level="warning", **(extra or {})))
    await runtime.load(only=models)
    port = 8765 + os.getpid() % 1000
    server = uvicorn.Server(uvicorn_config(build_app(runtime, load_models=False), runtime.config.replace(port=port)))
    serve = asyncio.ensure_future(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)  # polling uvicorn's own readiness flag
    print(f"# {title} — {platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}, models: "
          + ", ".join(s.name for s in runtime.status.values() if s.state == "ready"))
    return runtime, server, serve, port


async def real_clips_latency(url: str, runtime, rounds: int, *, piper_v2v: list[float]) -> None:
    """Voice to voice on the real recordings (each speech clip, `rounds` times), beside the
    Piper questions' figure from the same run."""
    from bench.asr_real import FinalDecodeLog, stream_clip
    from bench.real_clips import last_voiced_s, load_clips

    finals = FinalDecodeLog(runtime.asr)
    clips = [c for c in load_clips() if c.reference]
    real: list[float] = []
    print(f"\nreal recordings ({len(clips)} clips x {rounds}; load average {os.getloadavg()}):")
    for _ in range(rounds):
        for clip in clips:
            r = await stream_clip(url, clip.at(RATE), last_voiced_s(runtime.vad, clip), finals)
            if r.v2v_ms is not None:
                real.append(r.v2v_ms)
            print(f"  {clip.name[:34]:34} v2v {r.v2v_ms if r.v2v_ms is not None else float('nan'):5.0f} ms | "
                  f"final transcript ready {r.final_ready_ms if r.final_ready_ms is not None else float('nan'):4.0f} ms | heard {' | '.join(r.turns)!r}")
    if real:
        print(f"voice-to-voice on real recordings: p50 {pct(real, 50):.0f} ms, p95 {pct(real, 95):.0f} ms over {len(real)} turns"
              + (f" (Piper questions in this run: p50 {pct(piper_v2v, 50):.0f} ms, p95 {pct(piper_v2v, 95):.0f} ms)" if piper_v2v else ""))


HOPS = ("end_of_turn", "asr_final", "llm_start", "llm_prompt_done", "llm_first_token", "first_chunk", "tts_start", "tts_first_audio",
        "first_audio_sent")


def print_drafts(runtime: Any) -> None:
    """How often a reply was started at a pause before the end of turn (a draft) and kept,
    and what the thrown-away ones cost (the session's counters, agent/core/turn_taking.py)."""
    c = runtime.counters
    started, kept, thrown = c.get("drafts_started", 0), c.get("drafts_kept", 0), c.get("drafts_withdrawn", 0)
    turns = c.get("turns_committed", 0)
    print(f"drafts: {started} started, {kept} kept as the reply heard ({turns} turns committed), {thrown} thrown away"
          f" (decode {c.get('drafts_withdrawn_decode_ms', 0)} ms in all; {c.get('drafts_withdrawn_with_reply', 0)} had started"
          f" a reply, {c.get('drafts_withdrawn_reply_ms', 0)} ms of reply work in all); partial transcripts not started"
          f" in the silence before a pause: {c.get('partials_skipped_in_silence', 0)}")


def critical_path(results: list[dict]) -> None:
    """Where voice to voice goes after the end of the turn: for each stage, the median time
    it was reached after the end of turn (0 when it was done before it, e.g. by a draft),
    how often it was done before the end of turn, and the prompt tokens left to evaluate."""
    rows = [r["metrics"] for r in results if all(f"{h}_ms" in r["metrics"] for h in HOPS)]
    if not rows:
        return
    total = statistics.median(m["first_audio_sent_ms"] for m in rows)
    eot = statistics.median(m["end_of_turn_ms"] for m in rows)
    print(f"critical path over {len(rows)} turns: speech end → end of turn {eot:.0f} ms ({100 * eot / total:.0f} % of the median "
          f"{total:.0f} ms to first audio sent); then, median ms after the end of turn:")
    print("  per turn, ms after speech end: " + " | ".join(HOPS))
    for m in rows:
        print("    " + " ".join(f"{m[f'{h}_ms']:5.0f}" for h in HOPS))
    prev = 0.0
    for h in HOPS[1:]:
        after = statistics.median(max(m[f"{h}_ms"] - m["end_of_turn_ms"], 0.0) for m in rows)
        before = sum(m[f"{h}_ms"] <= m["end_of_turn_ms"] for m in rows)
        print(f"  {h:<17} +{after:5.0f} ms  (this hop {max(after - prev, 0.0):4.0f} ms, {100 * max(after - prev, 0.0) / total:3.0f} %; done before the end of turn in {before}/{len(rows)})")
        prev = max(prev, after)
    dry = [r.get("dry") or {} for r in results]
    if any(dry):
        gaps = [d.get("gaps", 0) for d in dry]
        print(f"reply audio ran dry (a gap the listener hears, > 20 ms) in {sum(g > 0 for g in gaps)}/{len(dry)} turns, "
              f"{sum(gaps)} gaps, {sum(d.get('ms', 0.0) for d in dry):.0f} ms in all")
    left = [(r["prompt"].get("evaluated", 0) if r["prompt"].get("evaluated_after_end_of_turn") else 0) for r in results if r["prompt"]]
    if left:
        print(f"prompt tokens evaluated after the end of turn: median {statistics.median(left):.0f}, max {max(left)} "
              f"(of median {statistics.median(r['prompt']['tokens'] for r in results if r['prompt']):.0f} prompt tokens)")


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--turns", type=int, default=8)
    ap.add_argument("--barge-ins", type=int, default=3)
    ap.add_argument("--real-rounds", type=int, default=1, help="rounds over the real recordings (0: none)")
    ap.add_argument("--ab", default="", metavar="FIELD", help="alternate turns with this boolean config field on and off; report each arm")
    ap.add_argument("--llm", default="", help="the LLM backend, as PARLEY_LLM_BACKENDS takes it (e.g. local-1.5b)")
    args = ap.parse_args()

    runtime, server, serve, sock_port = await start_bench_server("voice latency", extra={"llm_backends": (args.llm,)} if args.llm else None)
    url = f"ws://127.0.0.1:{sock_port}/v1/realtime?parley=1"
    results = []
    for i in range(args.turns + 1):
        q = i
        if args.ab:  # each question twice in a row, once per arm; which arm goes first alternates (the second finds more cached)
            q = (i + 1) // 2
            setattr(runtime.config, args.ab, (i % 2 == 1) == (q % 2 == 0))
        r = await one_turn(url, runtime, QUESTIONS[q % len(QUESTIONS)])
        if i == 0:
            continue  # first turn warms caches
        r["arm"] = f"{args.ab}={getattr(runtime.config, args.ab)}" if args.ab else ""
        results.append(r)
        m = r["metrics"]
        p = r["prompt"]
        print(f"turn {i}: v2v {r['v2v_ms']:.0f} ms | server {m.get('first_audio_sent_ms', float('nan')):.0f} ms | "
              f"prompt {p.get('tokens', '?')} tokens, {p.get('evaluated', '?')} evaluated"
              f"{' after the end of turn' if p.get('evaluated_after_end_of_turn') else ' before the end of turn'} | "
              f"heard {r['transcript']!r} → {r['reply'][:60]!r}")
    v2v = [r["v2v_ms"] for r in results if r["v2v_ms"] == r["v2v_ms"]]
    print(f"\nvoice-to-voice (client, speech end → first audio delta): p50 {pct(v2v, 50):.0f} ms, p95 {pct(v2v, 95):.0f} ms over {len(v2v)} turns")
    stages = ["end_of_turn_ms", "asr_final_ms", "llm_first_token_ms", "first_chunk_ms", "tts_first_audio_ms", "first_audio_sent_ms"]
    print("server stages (ms after speech end), p50:")
    for s in stages:
        xs = [r["metrics"][s] for r in results if s in r["metrics"]]
        if xs:
            print(f"  {s:22} {statistics.median(xs):7.0f}   (p95 {pct(xs, 95):.0f})")
    critical_path(results)
    for arm in sorted({r["arm"] for r in results if r["arm"]}):
        mine = [r for r in results if r["arm"] == arm]
        xs = [r["v2v_ms"] for r in mine if r["v2v_ms"] == r["v2v_ms"]]
        print(f"\n{arm}: voice-to-voice p50 {pct(xs, 50):.0f} ms, p95 {pct(xs, 95):.0f} ms over {len(xs)} turns; ", end="")
        critical_path(mine)
    print_drafts(runtime)
    if args.real_rounds:
        await real_clips_latency(url, runtime, args.real_rounds, piper_v2v=v2v)
    stops = []
    for _ in range(args.barge_ins):
        b = await barge_in(url, runtime)
        stops.append(b["stop_ms"])
        print(f"barge-in: {b['status']}, interruption onset → last audio delta {b['stop_ms']:.0f} ms")
    if stops:
        print(f"barge-in stop time p50 {pct(stops, 50):.0f} ms (includes {runtime.config.barge_in_min_speech_ms} ms minimum speech to confirm)")
    server.should_exit = True
    await serve


if __name__ == "__main__":
    asyncio.run(main())
