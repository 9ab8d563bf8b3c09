"""Voice-to-voice latency as the browser page hears it, beside the server's own turn metrics.

    .venv/bin/python bench/browser_latency.py [--turns 6] [--gap-s 9] [--url http://127.0.0.1:8765/]

Starts `parley serve` on a free loopback port (unless --url names a running server), makes a
looping fake-microphone wav of short spoken questions (Piper, 48 kHz) with a pause after each,
and drives Debian Chromium headless through Playwright with that wav as the microphone (the file
loops: no %noloop). The page's latency probe is one AudioWorklet with two inputs, the mic as the
page captures it and the reply as the page plays it, so both are on one sample clock:

    voice-to-voice = first reply sample above the threshold - last mic sample above it

The first turn is dropped (warm-up); the rest are reported per turn and as p50/p95, beside the
server's parley.turn.metrics for the same responses (end_of_turn, first_audio_sent: both ms after
the server's VAD end of speech) and the page's own "heard" figure (first_audio_sent plus the
page's receive-to-play delay). Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import wave
from pathlib import Path
from urllib.parse import quote

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = "/usr/bin/chromium"
RATE = 48_000
QUESTIONS = [
    "What is a web browser?",
    "How do I restart my router?",
    "Why is my laptop fan so loud?",
    "What does a firewall do?",
    "How can I free up disk space?",
    "What is a strong password?",
    "Why is my wifi slow at night?",
    "How do I update my printer driver?",
    "What is an IP address?",
    "How do I clear my browser cache?",
]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_mic_wav(path: Path, n: int, gap_s: float) -> list[float]:
    """n questions, each followed by gap_s of silence; returns the speech durations."""
    from media.pcm import pcm16_to_float, resample
    from models.tts import PiperTTS

    tts = PiperTTS("", threads=1)
    parts, durations = [], []
    for i in range(n):
        chunk = tts.synthesize_all(QUESTIONS[i % len(QUESTIONS)])
        speech = resample(pcm16_to_float(chunk.pcm), chunk.sample_rate, RATE)
        durations.append(len(speech) / RATE)
        parts += [np.zeros(int(0.5 * RATE), np.float32), speech, np.zeros(int(gap_s * RATE), np.float32)]
    audio = np.concatenate(parts)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    return durations


def start_server(port: int, log_path: Path) -> subprocess.Popen:
    out = open(log_path, "wb")
    proc = subprocess.Popen([sys.executable, "-m", "agent.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited; see {log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            pass
        time.sleep(0.25)
    raise SystemExit("the server never became healthy")


def pct(values: list[float], q: float) -> float:
    """Percentile by linear interpolation (q in 0..100)."""
    if not values:
        return float("nan")
    xs = sorted(values)
    k = (len(xs) - 1) * q / 100.0
    lo, hi = int(np.floor(k)), int(np.ceil(k))
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


async def drive(url: str, wav: Path, turns: int, threshold: float, timeout_s: float) -> dict:
    from playwright.async_api import async_playwright

    instructions = quote("Answer in one short sentence.")
    async with async_playwright() as p:
        with tempfile.TemporaryDirectory() as profile:
            ctx = await p.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True,
                args=FLAGS + [f"--use-file-for-fake-audio-capture={wav.resolve()}"])
            try:
                page = ctx.pages[0] if ctx.pages else await ctx.new_page()
                page.on("pageerror", lambda e: print("page error:", e, file=sys.stderr))
                await page.goto(f"{url}?instructions={instructions}")
                await page.wait_for_function("window.parley && window.parley.connected", timeout=60_000)
                await page.click("#talk")
                await page.wait_for_function("parley.micOn", timeout=30_000)
                await page.evaluate("(thr) => parley.startLatencyProbe({threshold: thr})", threshold)
                t0 = time.monotonic()
                last = -1
                while time.monotonic() - t0 < timeout_s:
                    st = await page.evaluate("({turns: parley.latencyTurns, responses: parley.responses(), sr: parley.sampleRate()})")
                    matched = match(st)
                    if len(st["turns"]) != last:
                        last = len(st["turns"])
                        print(f"  {last} turn(s) measured", file=sys.stderr)
                    if sum(1 for m in matched if m["metrics"]) >= turns + 1:
                        return {"rows": matched, "sample_rate": st["sr"], "counters": await page.evaluate("parley.counters")}
                    await asyncio.sleep(1.0)
                return {"rows": match(st), "sample_rate": st["sr"], "timed_out": True, "counters": await page.evaluate("parley.counters")}
            finally:
                await ctx.close()


def match(st: dict) -> list[dict]:
    """Pair each probe turn with the response whose playback started at (or just before) its reply onset."""
    started = sorted((r for r in st["responses"] if r["startedFrame"] is not None), key=lambda r: r["startedFrame"])
    rows = []
    for t in st["turns"]:
        cands = [r for r in started if r["startedFrame"] <= t["replyStartFrame"]]
        r = cands[-1] if cands else None
        rows.append({
            "v2v_ms": t["latencyMs"],
            "response_id": r["id"] if r else None,
            "metrics": (r or {}).get("metrics"),
            "heard_ms": (r or {}).get("heardMs"),
            "onset_after_start_ms": (t["replyStartFrame"] - r["startedFrame"]) * 1000.0 / t["sampleRate"] if r else None,
            "cancelled": (r or {}).get("cancelled"),
        })
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--turns", type=int, default=6, help="turns reported (one more is run and dropped)")
    ap.add_argument("--gap-s", type=float, default=14.0, help="silence after each question (the reply must fit)")
    ap.add_argument("--threshold", type=float, default=0.02, help="amplitude threshold for speech onset/offset")
    ap.add_argument("--url", help="use a running Parley server instead of starting one")
    ap.add_argument("--timeout-s", type=float, default=600)
    ap.add_argument("--json", help="also write the rows to this file")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit("needs Debian chromium at /usr/bin/chromium")

    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "mic.wav"
        durations = make_mic_wav(wav, args.turns + 1, args.gap_s)
        print(f"fake mic: {args.turns + 1} questions ({min(durations):.1f}-{max(durations):.1f} s of speech), {args.gap_s:.0f} s pause after each", file=sys.stderr)
        proc = None
        url = args.url
        if not url:
            port = free_port()
            proc = start_server(port, Path(tmp) / "server.log")
            url = f"http://127.0.0.1:{port}/"
        try:
            result = asyncio.run(drive(url, wav, args.turns, args.threshold, args.timeout_s))
        finally:
            if proc and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(20)

    rows = result["rows"]
    print(f"\nParley voice-to-voice in the browser (Chromium {CHROMIUM}, AudioContext {result['sample_rate']} Hz, "
          f"threshold {args.threshold}, {os.cpu_count()} CPUs)")
    if result.get("timed_out"):
        print(f"WARNING: timed out after {args.timeout_s:.0f} s with {len(rows)} turn(s)")
    print(f"{'turn':>4}  {'page v2v':>9}  {'server eot':>10}  {'server 1st audio sent':>21}  {'page heard':>10}  {'page-heard gap':>14}")
    kept = []
    for i, r in enumerate(rows):
        m = r["metrics"] or {}
        eot, sent, heard = m.get("end_of_turn_ms"), m.get("first_audio_sent_ms"), r["heard_ms"]
        note = "  (warm-up, dropped)" if i == 0 else ""
        if r["cancelled"]:
            note += "  (reply was interrupted)"
        fmt = lambda v: f"{v:.0f}" if isinstance(v, (int, float)) else "-"  # noqa: E731
        gap = r["v2v_ms"] - heard if isinstance(heard, (int, float)) else None
        print(f"{i:>4}  {fmt(r['v2v_ms']):>9}  {fmt(eot):>10}  {fmt(sent):>21}  {fmt(heard):>10}  {fmt(gap):>14}{note}")
        if i > 0 and m:
            kept.append(r)
    if kept:
        col = lambda key: [r[key] for r in kept if isinstance(r[key], (int, float))]  # noqa: E731
        mcol = lambda key: [r["metrics"][key] for r in kept if isinstance(r["metrics"].get(key), (int, float))]  # noqa: E731
        print(f"\nover {len(kept)} turns (first dropped), ms:        p50      p95")
        for label, vals in (("page voice-to-voice (one sample clock)", col("v2v_ms")),
                            ("server end of turn", mcol("end_of_turn_ms")),
                            ("server first audio sent", mcol("first_audio_sent_ms")),
                            ("page heard (server clock + play delay)", col("heard_ms"))):
            print(f"  {label:<40} {pct(vals, 50):7.0f}  {pct(vals, 95):7.0f}")
        gaps = [r["v2v_ms"] - r["heard_ms"] for r in kept if isinstance(r["heard_ms"], (int, float))]
        if gaps:
            print(f"  {'page v2v minus page heard (median)':<40} {statistics.median(gaps):7.0f}"
                  "   (capture path + VAD end-of-speech offset + onset of first loud sample)")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
