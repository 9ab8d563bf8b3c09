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


def sample(meter: ProcessMeter, t0: float) -> tuple[float, float, int]:
    """(seconds since t0, RSS MB, open fds) of the measured process."""
    return time.monotonic() - t0, meter.rss_bytes() / 2**20, len(os.listdir(f"/proc/{meter.pid}/fd"))


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


async def sample_loop(meter: ProcessMeter, t0: float, until: float, every_s: float,
                      samples: list[tuple[float, float, int]]) -> None:
    while time.monotonic() < until:
        samples.append(sample(meter, t0))
        await asyncio.sleep(every_s)


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--mix", default="websocket,webrtc,phone,screenshot")
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
        samples: list[tuple[float, float, int]] = []
        rng = random.Random(args.seed)
        loops = [sample_loop(meter, t0, until, args.sample_s, samples)]
        for k in kinds:
            sub = random.Random(rng.random())
            loops.append(screenshot_loop(base, until, tallies[k], sub) if k == "screenshot"
                         else voice_loop(k, base, clips, until, tallies[k], sub))
        await asyncio.wait_for(asyncio.gather(*loops), args.minutes * 60 + 300)
        samples.append(sample(meter, t0))
    finally:
        node.stop()
    if args.out:
        import json

        Path(args.out).write_text(json.dumps(samples))
    half = [s for s in samples if s[0] >= samples[-1][0] / 2]
    fds = [s[2] for s in samples]
    print(f"\n| kind | done | failed | voice to voice p50 / p95 |\n|---|---|---|---|")
    for k, t in tallies.items():
        v = f"{pct(t.v2v_ms, 50):.0f} / {pct(t.v2v_ms, 95):.0f} ms" if t.v2v_ms else "-"
        print(f"| {k} | {t.done} | {len(t.failed)} | {v} |")
    print(f"\nRSS: start {samples[0][1]:.0f} MB, end {samples[-1][1]:.0f} MB, max {max(s[1] for s in samples):.0f} MB; "
          f"slope over the second half {slope_per_10min([(s[0], s[1]) for s in half]):+.1f} MB per 10 min "
          f"(whole soak {slope_per_10min([(s[0], s[1]) for s in samples]):+.1f})")
    print(f"fds: start {fds[0]}, end {fds[-1]}, max {max(fds)}; {len(samples)} samples over {samples[-1][0] / 60:.1f} min; "
          f"loadavg {os.getloadavg()}")
    for k, t in tallies.items():
        for f in t.failed[:3]:
            print(f"  {k} failure: {f}")


if __name__ == "__main__":
    asyncio.run(main())
