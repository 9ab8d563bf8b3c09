"""Soak: mixed voice, WebRTC, phone and screenshot traffic against one `parley serve` process
for --minutes, reporting whether its memory and file descriptors grow.

    scripts/in_private_network.sh .venv/bin/python bench/soak.py --minutes 30
    .venv/bin/python bench/soak.py --minutes 2 --mix websocket,screenshot     # a short look

The server runs as its own process (its RSS and fds are its own, read from /proc). One
client loop per traffic kind runs for the whole soak, one session or upload at a time each,
so the kinds overlap as real traffic does:

* websocket: a Realtime session per real recording (../shared/speech-dev), streamed in real
  time; the reply must be heard
* webrtc: an aiortc call per recording (needs a network namespace with loopback only, as in
  `make test`; skipped elsewhere with the reason)
* phone: a Twilio media stream per recording (8 kHz mu-law)
* screenshot: POST /v1/screenshots of the real renderings in ../shared/images-dev, then the
  ticket read back
* attack: one hostile request every few seconds, in turn: an SDP offer whose body stops
  half way (closed, or left open: 408), malformed and oversized WebSocket frames, an audio
  flood far above real time, a Twilio stream that never sends `start` (closed 1008), an
  absurd ticket offset (422). Each must get its coded answer; a wrong one is a failure.

Every --sample-s the server's RSS and open fds are read. At the end it prints each kind's
count, failures and voice to voice p50/p95, and the RSS slope (least squares, MB per 10 min)
over the second half of the soak, after warm-up, with the fd count at start, end and max.
Bounded: it stops after --minutes and stops the server, whatever happens.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import ProcessMeter  # noqa: E402
from bench.transport_latency import over_phone, over_websocket, over_webrtc  # noqa: E402
from bench.voice_latency import pct  # noqa: E402

IMAGES = ROOT.parent / "shared" / "images-dev"


def sample(meter: ProcessMeter, t0: float) -> tuple[float, float, int, int]:
    """(seconds since t0, RSS MB, open fds, threads) of the measured process."""
    with open(f"/proc/{meter.pid}/status") as fh:
        threads = next(int(line.split()[1]) for line in fh if line.startswith("Threads:"))
    return time.monotonic() - t0, meter.rss_bytes() / 2**20, len(os.listdir(f"/proc/{meter.pid}/fd")), threads


def slope_per_10min(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB), in MB per 10 minutes."""
    if len(samples) < 3:
        return float("nan")
    t = np.array([s[0] for s in samples])
    y = np.array([s[1] for s in samples])
    return float(np.polyfit(t, y, 1)[0] * 600.0)


def screenshots() -> list[tuple[str, bytes]]:
    found = sorted(IMAGES.glob("*.png")) if IMAGES.is_dir() else []
    if found:
        return [(p.name, p.read_bytes()) for p in found]
    from tests import images  # Pillow-drawn stand-ins where the real set is absent

    return [(c.name, c.png()) for c in images.all_cases()]


class Tally:
    def __init__(self) -> None:
        self.done = 0
        self.failed: list[str] = []
        self.v2v_ms: list[float] = []


async def voice_loop(kind: str, base: str, clips: list, until: float, tally: Tally, rng: random.Random) -> None:
    run = {"websocket": over_websocket, "webrtc": over_webrtc, "phone": over_phone}[kind]
    while time.monotonic() < until:
        clip = clips[rng.randrange(len(clips))]
        try:
            out = await asyncio.wait_for(run(base, clip), 120)
        except Exception as exc:  # noqa: BLE001 - a failure is a figure here
            tally.failed.append(f"{clip.name}: {type(exc).__name__}: {exc}"[:160])
            continue
        tally.done += 1
        if out["v2v_ms"] is None:
            tally.failed.append(f"{clip.name}: no reply heard")
        else:
            tally.v2v_ms.append(out["v2v_ms"])


async def screenshot_loop(base: str, until: float, tally: Tally, rng: random.Random) -> None:
    import httpx

    images = screenshots()
    async with httpx.AsyncClient(base_url=f"http://{base}", timeout=60) as http:
        while time.monotonic() < until:
            name, data = images[rng.randrange(len(images))]
            try:
                r = await http.post("/v1/screenshots", files={"file": (name, data, "image/png")})
                if r.status_code != 201:
                    raise RuntimeError(f"HTTP {r.status_code}: {r.text[:80]}")
                back = await http.get(f"/v1/tickets/{r.json()['id']}")
                if back.status_code != 200:
                    raise RuntimeError(f"read back: HTTP {back.status_code}")
                tally.done += 1
            except Exception as exc:  # noqa: BLE001
                tally.failed.append(f"{name}: {type(exc).__name__}: {exc}"[:160])
            await asyncio.sleep(rng.uniform(2.0, 6.0))  # a person uploading now and then, not a flood


def _raw_offer(base: str, *, close: bool) -> str:
    """An SDP offer whose body stops half way: closed at once, or left open until the server answers."""
    import socket

    host, port = base.split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    try:
        sock.sendall(f"POST /v1/realtime/calls HTTP/1.1\r\nHost: {base}\r\nContent-Type: application/sdp\r\n"
                     f"Content-Length: 4000\r\n\r\nv=0\r\n".encode())
        if close:
            return "aborted"
        head = sock.recv(4096).decode("latin-1")
        return head.split("\r\n", 1)[0]
    finally:
        sock.close()


async def _ws_errors(base: str, frames: list, want: str) -> None:
    """Send `frames` on a Realtime session; the server must answer with error code `want`."""
    import json

    import websockets

    async with websockets.connect(f"ws://{base}/v1/realtime", max_size=None) as ws:
        for frame in frames:
            await ws.send(frame)
        async with asyncio.timeout(60):
            while True:
                ev = json.loads(await ws.recv())
                if ev["type"] == "error" and ev["error"]["code"] == want:
                    return


async def attack_loop(base: str, until: float, tally: Tally, rng: random.Random) -> None:
    import json

    import httpx
    import websockets

    one_s = "A" * (24000 * 2 // 3 * 4)  # 1 s of silent PCM16, base64
    configure = json.dumps({"type": "session.update", "session": {"type": "realtime"}})

    async def stalled_offer() -> None:
        status = await asyncio.to_thread(_raw_offer, base, close=False)
        if " 408 " not in status:
            raise RuntimeError(f"stalled offer: {status!r}")

    async def aborted_offer() -> None:
        await asyncio.to_thread(_raw_offer, base, close=True)

    async def bad_frames() -> None:
        await _ws_errors(base, ["{not json"], "invalid_json")
        await _ws_errors(base, [json.dumps({"type": "input_audio_buffer.append", "audio": "A" * (1 << 21)})], "message_too_large")

    async def flood() -> None:
        frames = [configure] + [json.dumps({"type": "input_audio_buffer.append", "audio": one_s})] * 90
        await _ws_errors(base, frames, "rate_limited")

    async def silent_phone() -> None:
        async with websockets.connect(f"ws://{base}/v1/phone/twilio") as ws:
            await ws.send(json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"}))
            await asyncio.wait_for(ws.wait_closed(), 60)
            if (ws.close_code, ws.close_reason) != (1008, "start_timeout"):
                raise RuntimeError(f"silent phone stream closed with {ws.close_code} {ws.close_reason!r}")

    async def absurd_offset() -> None:
        async with httpx.AsyncClient(timeout=30) as http:
            r = await http.get(f"http://{base}/v1/tickets", params={"offset": "9" * 40})
            if r.status_code != 422 or r.json().get("code") != "invalid_parameter":
                raise RuntimeError(f"listing: HTTP {r.status_code}")

    attacks = [aborted_offer, stalled_offer, bad_frames, flood, silent_phone, absurd_offset]
    while time.monotonic() < until:
        attack = attacks[rng.randrange(len(attacks))]
        try:
            await asyncio.wait_for(attack(), 90)
            tally.done += 1
        except Exception as exc:  # noqa: BLE001 - a wrong answer is a figure here
            tally.failed.append(f"{attack.__name__}: {type(exc).__name__}: {exc}"[:160])
        await asyncio.sleep(rng.uniform(1.0, 4.0))


async def sample_loop(meter: ProcessMeter, t0: float, until: float, every_s: float,
                      samples: list[tuple[float, float, int, int]]) -> None:
    while time.monotonic() < until:
        samples.append(sample(meter, t0))
        await asyncio.sleep(every_s)


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--mix", default="websocket,webrtc,phone,screenshot,attack")
    ap.add_argument("--sample-s", type=float, default=15.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="", help="write the (seconds, RSS MB, fds) samples as JSON here")
    args = ap.parse_args()

    from bench.real_clips import load_clips
    from deploy.services import ParleyNode
    from tests.rtc_caller import why_no_webrtc_here

    kinds = [k for k in args.mix.split(",") if k]
    if "webrtc" in kinds and (why := why_no_webrtc_here()):
        print(f"soak: webrtc left out: {why}", flush=True)
        kinds.remove("webrtc")
    clips = [c for c in load_clips() if c.reference]
    work = Path(tempfile.mkdtemp(prefix="parley-soak-"))
    node = ParleyNode("soak", work / "server.log", {"PARLEY_LOG_LEVEL": "warning", "PARLEY_TICKETS_DB": str(work / "tickets.sqlite3"),
                                                    "PARLEY_WEBRTC_LOOPBACK_CANDIDATES": "1"})
    node.launch()
    try:
        node.wait_ready()
        pid, base = node.proc.pid, node.url.removeprefix("http://")
        meter = ProcessMeter(pid)
        print(f"soak: {args.minutes:g} min of {', '.join(kinds)} against pid {pid} ({len(clips)} recordings); "
              f"{os.cpu_count()} CPUs; loadavg {os.getloadavg()}", flush=True)
        t0 = time.monotonic()
        until = t0 + args.minutes * 60
        tallies = {k: Tally() for k in kinds}
        samples: list[tuple[float, float, int, int]] = []
        rng = random.Random(args.seed)
        loops = [sample_loop(meter, t0, until, args.sample_s, samples)]
        for k in kinds:
            sub = random.Random(rng.random())
            if k == "screenshot":
                loops.append(screenshot_loop(base, until, tallies[k], sub))
            elif k == "attack":
                loops.append(attack_loop(base, until, tallies[k], sub))
            else:
                loops.append(voice_loop(k, base, clips, until, tallies[k], sub))
        await asyncio.wait_for(asyncio.gather(*loops), args.minutes * 60 + 300)
        samples.append(sample(meter, t0))
        import httpx

        health = httpx.get(f"http://{base}/health", timeout=10).json()  # every slot given back
        print(f"after the soak: /health sessions {health.get('sessions')}", flush=True)
    finally:
        node.stop()
    if args.out:
        import json

        Path(args.out).write_text(json.dumps(samples))
    half = [s for s in samples if s[0] >= samples[-1][0] / 2]
    fds = [s[2] for s in samples]
    threads = [s[3] for s in samples]
    print(f"\n| kind | done | failed | voice to voice p50 / p95 |\n|---|---|---|---|")
    for k, t in tallies.items():
        v = f"{pct(t.v2v_ms, 50):.0f} / {pct(t.v2v_ms, 95):.0f} ms" if t.v2v_ms else "-"
        print(f"| {k} | {t.done} | {len(t.failed)} | {v} |")
    print(f"\nRSS: start {samples[0][1]:.0f} MB, end {samples[-1][1]:.0f} MB, max {max(s[1] for s in samples):.0f} MB; "
          f"slope over the second half {slope_per_10min([(s[0], s[1]) for s in half]):+.1f} MB per 10 min "
          f"(whole soak {slope_per_10min([(s[0], s[1]) for s in samples]):+.1f})")
    print(f"fds: start {fds[0]}, end {fds[-1]}, max {max(fds)}; threads: start {threads[0]}, end {threads[-1]}, max {max(threads)}; "
          f"{len(samples)} samples over {samples[-1][0] / 60:.1f} min; loadavg {os.getloadavg()}")
    for k, t in tallies.items():
        for f in t.failed[:3]:
            print(f"  {k} failure: {f}")


if __name__ == "__main__":
    asyncio.run(main())
