"""Voice-to-voice latency as the browser page hears it, over the WebSocket and over WebRTC.

    .venv/bin/python bench/browser_latency.py [--transports websocket,webrtc] [--speech real|piper]
                                              [--turns 6] [--gap-s 14] [--url http://127.0.0.1:8765/]

Starts `parley serve` on a free loopback port (unless --url names a running server), makes a
looping fake-microphone wav (48 kHz) of the real recordings in ../shared/speech-dev (or
tests/fixtures/speech; `--speech piper`: short questions spoken by Piper) with a pause after
each, and drives Debian Chromium headless through Playwright with that wav as the microphone
(the file loops: no %noloop). The same wav is the microphone of both transports, one after the
other: the web client's WebSocket session, then a WebRTC call placed by the page itself
(RTCPeerConnection, Chromium's own Opus, jitter buffer and playout). In both, the page's
latency probe is one AudioWorklet with two inputs, the mic as the page captures it and the
reply as the page plays it, so both are on one sample clock:

    voice-to-voice = first reply sample above the threshold - last mic sample above it

The first turn is dropped (warm-up); the rest are reported per turn and as p50/p95, beside the
server's per-hop times from parley.turn.metrics (audio received → decoded → VAD → end of turn →
reply PCM → first voiced sample out), so the part of the leg outside the server (capture,
network, the page's jitter buffer and playout) is what remains. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import socket
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
         "--disable-component-update", "--disable-sync", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
         "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required"]
INSTRUCTIONS = "Answer in one short sentence."
HOPS = ("audio_received_ms", "vad_seen_ms", "end_of_turn_ms", "asr_final_ms", "llm_first_token_ms", "tts_first_audio_ms",
        "first_audio_sent_ms", "first_voiced_out_ms")

# The page's side of a WebRTC call (as README's "WebRTC calls" shows), with the latency probe:
# input 0 the microphone, input 1 the reply track as the page plays it.
WEBRTC_CALL = """async ({threshold, instructions}) => {
    const mic = await navigator.mediaDevices.getUserMedia({audio: {echoCancellation: true, noiseSuppression: true, autoGainControl: true}});
    const ctx = new AudioContext();
    await ctx.audioWorklet.addModule('/worklets/latency-probe-processor.js');
    const probe = new AudioWorkletNode(ctx, 'parley-latency-probe', {numberOfInputs: 2, numberOfOutputs: 0,
                                                                      processorOptions: {threshold, minGapMs: 150}});
    window.bench = {turns: [], events: [], sampleRate: ctx.sampleRate};
    probe.port.onmessage = (e) => window.bench.turns.push(e.data);
    ctx.createMediaStreamSource(mic).connect(probe, 0, 0);
    const pc = new RTCPeerConnection();
    window.bench.pc = pc;
    pc.addTrack(mic.getTracks()[0], mic);
    const events = pc.createDataChannel('oai-events');
    events.onmessage = (e) => {  // stamped with the page's sample clock, to pair replies with the probe's turns
        const event = JSON.parse(e.data);
        event.frame = Math.round(ctx.currentTime * ctx.sampleRate);
        window.bench.events.push(event);
    };
    pc.ontrack = (e) => {
        const stream = new MediaStream([e.track]);
        const speaker = new Audio();  // Chromium plays a remote track into Web Audio only while an element plays it
        speaker.srcObject = stream;
        speaker.muted = true;
        speaker.play();
        ctx.createMediaStreamSource(stream).connect(probe, 0, 1);
    };
    await pc.setLocalDescription(await pc.createOffer());
    const form = new FormData();
    form.append('sdp', pc.localDescription.sdp);
    form.append('session', JSON.stringify({instructions, parley: {events: true}}));
    const answer = await fetch('/v1/realtime/calls', {method: 'POST', body: form});
    if (answer.status !== 201) return {status: answer.status, body: await answer.text()};
    await pc.setRemoteDescription({type: 'answer', sdp: await answer.text()});
    return {status: answer.status, location: answer.headers.get('Location')};
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_real_mic_wav(path: Path, n: int, gap_s: float) -> list[float]:
    """The real recordings with speech (the first one again at the start, as the warm-up),
    each followed by gap_s of silence; returns the clip durations. n: how many, at most."""
    from bench.real_clips import load_clips
    from media.pcm import resample

    clips = [c for c in load_clips() if c.reference][:n]
    clips = clips[:1] + clips
    parts, durations = [], []
    for clip in clips:
        speech = resample(clip.audio, clip.rate, RATE)
        durations.append(len(speech) / RATE)
        parts += [np.zeros(int(0.5 * RATE), np.float32), speech, np.zeros(int(gap_s * RATE), np.float32)]
    write_mic(path, np.concatenate(parts))
    return durations


def write_mic(path: Path, audio: np.ndarray) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())


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
    write_mic(path, np.concatenate(parts))
    return durations


def start_server(port: int, log_path: Path) -> subprocess.Popen:
    from media.ice_hosts import interface_addresses

    out = open(log_path, "wb")
    env = dict(os.environ)
    if not interface_addresses():  # a namespace with loopback only (scripts/in_private_network.sh)
        env["PARLEY_WEBRTC_LOOPBACK_CANDIDATES"] = "1"
    proc = subprocess.Popen([sys.executable, "-m", "agent.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, env=env)
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


@contextlib.asynccontextmanager
async def chromium_page(wav: Path):
    """Headless Debian Chromium with `wav` as its (looping) microphone: its first page."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        with tempfile.TemporaryDirectory() as profile:
            ctx = await p.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True,
                args=FLAGS + [f"--use-file-for-fake-audio-capture={wav.resolve()}"])
            try:
                page = ctx.pages[0] if ctx.pages else await ctx.new_page()
                page.on("pageerror", lambda e: print("page error:", e, file=sys.stderr))
                yield page
            finally:
                await ctx.close()


async def drive_webrtc(url: str, wav: Path, turns: int, threshold: float, timeout_s: float) -> dict:
    """A WebRTC call placed by the page; rows pair the probe's turns with the server's metrics in order."""
    async with chromium_page(wav) as page:
        await page.goto(url.rstrip("/") + "/v1/openapi.json")  # a page of the server's origin
        started = await page.evaluate(WEBRTC_CALL, {"threshold": threshold, "instructions": INSTRUCTIONS})
        if started.get("status") != 201:
            raise SystemExit(f"the call was refused: {started}")
        t0, last = time.monotonic(), -1
        while time.monotonic() - t0 < timeout_s:
            st = await page.evaluate("({turns: bench.turns, events: bench.events.filter(e => ['parley.turn.metrics', "
                                     "'response.created', 'response.done'].includes(e.type)), sr: bench.sampleRate})")
            if len(st["turns"]) != last:
                last = len(st["turns"])
                print(f"  webrtc: {last} turn(s) measured", file=sys.stderr)
            kinds = [e["type"] for e in st["events"]]
            if len(st["turns"]) >= turns + 1 and kinds.count("response.done") >= kinds.count("response.created"):
                break  # every reply heard has finished, so its parley.turn.metrics is in
            await asyncio.sleep(1.0)
        else:
            st["timed_out"] = True
        await page.evaluate("bench.pc.close()")
    status = {e["response"]["id"]: e["response"]["status"] for e in st["events"] if e["type"] == "response.done"}
    metrics = {e["response_id"]: e["metrics"] for e in st["events"] if e["type"] == "parley.turn.metrics"}
    created = sorted((e["frame"], e["response"]["id"]) for e in st["events"] if e["type"] == "response.created")
    rows = []
    for t in st["turns"]:  # the reply heard is the last one created before its first sample played
        rid = next((r for frame, r in reversed(created) if frame <= t["replyStartFrame"]), None)
        rows.append({"v2v_ms": t["latencyMs"], "response_id": rid, "metrics": metrics.get(rid), "heard_ms": None,
                     "cancelled": status.get(rid) == "cancelled"})
    return {"rows": rows, "sample_rate": st["sr"], "timed_out": st.get("timed_out", False)}


async def drive(url: str, wav: Path, turns: int, threshold: float, timeout_s: float) -> dict:
    instructions = quote(INSTRUCTIONS)
    async with chromium_page(wav) as page:
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


def report(name: str, result: dict, threshold: float) -> dict:
    """Print one transport's turns; returns its summary."""
    rows = result["rows"]
    print(f"\n{name}: voice-to-voice in the browser (Chromium, AudioContext {result['sample_rate']} Hz, threshold {threshold})")
    if result.get("timed_out"):
        print(f"WARNING: timed out with {len(rows)} turn(s)")
    print(f"{'turn':>4}  {'page v2v':>9}  {'recv':>6}  {'vad':>5}  {'eot':>5}  {'asr':>5}  {'llm':>5}  {'pcm':>5}  {'sent':>5}  {'voiced out':>10}")
    fmt = lambda v: f"{v:.0f}" if isinstance(v, (int, float)) else "-"  # noqa: E731
    kept = []
    for i, r in enumerate(rows):
        m = r["metrics"] or {}
        note = "  (warm-up, dropped)" if i == 0 else ("  (reply was interrupted)" if r["cancelled"] else "")
        print(f"{i:>4}  {fmt(r['v2v_ms']):>9}  " + "  ".join(f"{fmt(m.get(h)):>{w}}" for h, w in zip(HOPS, (6, 5, 5, 5, 5, 5, 5, 10))) + note)
        if i > 0 and m:
            kept.append(r)
    v2v = [r["v2v_ms"] for r in kept]
    hop = {h: [r["metrics"][h] for r in kept if isinstance(r["metrics"].get(h), (int, float))] for h in HOPS}
    server = [r["metrics"]["first_voiced_out_ms"] - r["metrics"]["audio_received_ms"] for r in kept
              if {"first_voiced_out_ms", "audio_received_ms"} <= r["metrics"].keys()]
    outside = [r["v2v_ms"] - (r["metrics"]["first_voiced_out_ms"] - r["metrics"]["audio_received_ms"]) for r in kept
               if {"first_voiced_out_ms", "audio_received_ms"} <= r["metrics"].keys()]
    summary = {"turns": len(kept), "v2v_p50": pct(v2v, 50), "v2v_p95": pct(v2v, 95),
               "hops_p50": {h: pct(v, 50) for h, v in hop.items()},
               "server_p50": pct(server, 50), "outside_p50": pct(outside, 50)}
    if kept:
        print(f"over {len(kept)} turns (first dropped): page v2v p50 {summary['v2v_p50']:.0f} ms, p95 {summary['v2v_p95']:.0f} ms; "
              f"server (audio received -> first voiced sample out) p50 {summary['server_p50']:.0f} ms; "
              f"outside the server (capture, network, page jitter buffer, playout) p50 {summary['outside_p50']:.0f} ms")
    return summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--transports", default="websocket,webrtc", help="comma list of websocket, webrtc (run in this order)")
    ap.add_argument("--speech", choices=("real", "piper"), default="real", help="real recordings (default) or Piper questions")
    ap.add_argument("--turns", type=int, default=8, help="turns reported (one more is run and dropped)")
    ap.add_argument("--gap-s", type=float, default=14.0, help="silence after each question (the reply must fit)")
    ap.add_argument("--threshold", type=float, default=0.02, help="amplitude threshold for speech onset/offset")
    ap.add_argument("--url", help="use a running Parley server instead of starting one")
    ap.add_argument("--timeout-s", type=float, default=900)
    ap.add_argument("--json", help="also write the rows to this file")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit("needs Debian chromium at /usr/bin/chromium")
    transports = [t.strip() for t in args.transports.split(",") if t.strip()]

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "mic.wav"
        if args.speech == "real":
            durations = make_real_mic_wav(wav, args.turns, args.gap_s)
            turns = len(durations) - 1
        else:
            durations = make_mic_wav(wav, args.turns + 1, args.gap_s)
            turns = args.turns
        print(f"fake mic: {len(durations)} {args.speech} utterances ({min(durations):.1f}-{max(durations):.1f} s), "
              f"{args.gap_s:.0f} s pause after each; load {os.getloadavg()[0]:.1f}", file=sys.stderr)
        proc = None
        url = args.url
        if not url:
            port = free_port()
            proc = start_server(port, Path(tmp) / "server.log")
            url = f"http://127.0.0.1:{port}/"
        try:
            for transport in transports:
                drive_one = drive_webrtc if transport == "webrtc" else drive
                results[transport] = asyncio.run(drive_one(url, wav, turns, args.threshold, args.timeout_s))
        finally:
            if proc and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(20)

    summaries = {t: report(t, r, args.threshold) for t, r in results.items()}
    print(f"\nside by side ({args.speech} speech, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}), p50 ms unless said:")
    print(f"{'transport':<10} {'page v2v p50':>12} {'p95':>6} {'received':>8} {'vad':>5} {'eot':>5} {'sent':>5} {'voiced out':>10} {'outside':>8}")
    for t, sm in summaries.items():
        h = sm["hops_p50"]
        print(f"{t:<10} {sm['v2v_p50']:12.0f} {sm['v2v_p95']:6.0f} {h['audio_received_ms']:8.0f} {h['vad_seen_ms']:5.0f} "
              f"{h['end_of_turn_ms']:5.0f} {h['first_audio_sent_ms']:5.0f} {h['first_voiced_out_ms']:10.0f} {sm['outside_p50']:8.0f}")
    if "websocket" in summaries and "webrtc" in summaries:
        print(f"webrtc - websocket, page v2v p50: {summaries['webrtc']['v2v_p50'] - summaries['websocket']['v2v_p50']:+.0f} ms")
    if args.json:
        Path(args.json).write_text(json.dumps({"results": results, "summaries": summaries}, indent=2))


if __name__ == "__main__":
    main()
