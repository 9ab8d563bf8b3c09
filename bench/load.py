"""Concurrent voice sessions against one Parley process: p50/p95 voice to voice, failed
turns, and the server's CPU and RSS per session, for N = 1, 2, 4 (8 with --levels).

Starts `parley serve` as its own process on a free loopback port (so its CPU time and RSS
are its own, read from /proc), or measures one you started (--url and --pid). Each of N
sessions streams the real recordings of ../shared/speech-dev/ like a microphone: 20 ms
frames in real time, silence in between, a random start offset and a random pause before
each clip. A turn's voice to voice is the first reply audio delta received minus the moment
the clip's last voiced sample (Silero) was sent. A turn fails if no reply audio arrives
within --turn-timeout, the response does not complete, or an error event comes.

    .venv/bin/python bench/load.py                       # N = 1, 2, 4; 4 turns per session
    .venv/bin/python bench/load.py --levels 1,2,4,8 --turns 6 --seed 7
    .venv/bin/python bench/load.py --levels 1,2 --turns 3 --scheduling fifo,priority   # A/B in one run

`--scheduling` with several modes starts one server per mode (`llm_scheduling`: "priority"
hands the LLM and TTS to committed turns before drafts and to the user who waited longest;
"fifo" is arrival order) and runs each level on each in turn with the same seed, so the
modes meet the same speech at the same offsets; it prints p50/p95 ratios against the first
mode and each server's hand-over counts from /health. A mode may carry settings of its own,
`+NAME=VALUE` after it, for A/B runs of any setting:

    .venv/bin/python bench/load.py --levels 2 --turns 6 --scheduling priority,priority+PARLEY_LLM_SHARE_CORES=0

On a shared machine the figures move with the other load: the header and each row print
os.getloadavg(); compare levels within one run.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.real_clips import last_voiced_s, load_clips, without_long_pauses  # noqa: E402

RATE = 24000
FRAME = RATE // 50  # 20 ms


@dataclass
class Utterance:
    name: str
    audio: np.ndarray  # float32, 24 kHz
    speech_end_s: float  # last voiced sample, from the clip's start


@dataclass
class SessionResult:
    v2v_ms: list[float] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    server_ms: list[dict[str, float]] = field(default_factory=list)  # parley.turn.metrics of the counted turns
    clips: list[str] = field(default_factory=list)  # which recording each counted turn was


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def utterances() -> list[Utterance]:
    """The speech clips (not the noise-only one), long pauses cut so each is one turn."""
    from models.vad import SileroVAD

    vad = SileroVAD()
    out = []
    for clip in load_clips():
        if not clip.reference:
            continue
        clip = without_long_pauses(vad, clip)
        end = last_voiced_s(vad, clip)
        if end is None:
            continue
        out.append(Utterance(clip.name, clip.at(RATE).astype(np.float32), end))
    return out


class Mic:
    """One session's microphone: sends 20 ms frames in real time, silence when nothing is queued."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.queue: list[np.ndarray] = []
        self.t0 = time.monotonic()
        self.sent = 0  # samples

    def time_of(self, sample: int) -> float:
        return self.t0 + sample / RATE

    def say(self, audio: np.ndarray) -> float:
        """Queue audio; returns the monotonic time its first sample will be sent."""
        start = self.sent + sum(len(a) for a in self.queue)
        self.queue.append(audio)
        return self.time_of(start)

    async def run(self) -> None:
        from media.pcm import float_to_pcm16

        silence = np.zeros(FRAME, np.float32)
        buf = np.zeros(0, np.float32)
        while True:
            delay = self.time_of(self.sent) - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            while len(buf) < FRAME and self.queue:
                buf = np.concatenate([buf, self.queue.pop(0)])
            frame, buf = (buf[:FRAME], buf[FRAME:]) if len(buf) >= FRAME else (np.concatenate([buf, silence[len(buf):]]), buf[:0])
            await self.ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": base64.b64encode(float_to_pcm16(frame)).decode()}))
            self.sent += FRAME


async def session(url: str, clips: list[Utterance], turns: int, rng: random.Random, timeout_s: float) -> SessionResult:
    import websockets

    result = SessionResult()
    await asyncio.sleep(rng.uniform(0.0, 2.0))  # sessions do not start in step
    async with websockets.connect(url, max_size=None) as ws:
        await ws.send(json.dumps({"type": "session.update", "session": {"type": "realtime", "audio": {"input": {
            "format": {"type": "audio/pcm", "rate": RATE}, "turn_detection": {"type": "server_vad"}}}}}))
        while json.loads(await ws.recv())["type"] != "session.updated":
            pass
        mic = Mic(ws)
        sender = asyncio.ensure_future(mic.run())
        try:
            for i in range(turns):
                clip = clips[rng.randrange(len(clips))]
                mic.say(np.zeros(int(rng.uniform(1.0, 3.0) * RATE), np.float32))  # a pause before speaking
                started = mic.say(clip.audio)
                speech_end = started + clip.speech_end_s
                first_audio, status, error, answering = None, None, None, None
                ours: set[str] = set()  # responses created since this clip started (not a late one from before)
                metrics: dict[str, float] = {}
                try:
                    async with asyncio.timeout(clip.speech_end_s + timeout_s + 2.0):
                        while status is None:
                            ev = json.loads(await ws.recv())
                            kind = ev["type"]
                            if kind == "response.created" and time.monotonic() > started:
                                ours.add(ev["response"]["id"])
                            elif (kind == "response.output_audio.delta" and first_audio is None and ev.get("response_id") in ours
                                  and time.monotonic() >= speech_end):  # a reply to an earlier part of the clip is not its answer
                                first_audio, answering = time.monotonic(), ev["response_id"]
                            elif kind == "parley.turn.metrics" and ev.get("response_id") == answering:
                                metrics = ev.get("metrics", {})
                            elif kind == "response.done" and ev["response"]["id"] == answering:
                                status = ev["response"]["status"]
                                usage = ev["response"].get("usage") or {}
                                metrics = {**metrics, "prompt_tokens": usage.get("input_tokens", 0),
                                           "cached_tokens": usage.get("input_token_details", {}).get("cached_tokens", 0)}
                                if status == "cancelled":  # the user went on (a merged turn): the merged reply answers
                                    first_audio, answering, status = None, None, None
                            elif kind == "error":
                                error = ev.get("error", {}).get("code", "error")
                                break
                except TimeoutError:
                    error = "no_reply_in_time"  # a late reply to it is ignored by the next turn (not in `ours`)
                if error or status != "completed" or first_audio is None:
                    result.failed.append(f"{clip.name}: {error or status}")
                else:
                    result.v2v_ms.append((first_audio - speech_end) * 1000.0)
                    result.server_ms.append(metrics)
                    result.clips.append(clip.name)
        finally:
            sender.cancel()
            await asyncio.gather(sender, return_exceptions=True)
    return result


class ProcessMeter:
    """CPU seconds and peak RSS of one process, from /proc."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.tick = os.sysconf("SC_CLK_TCK")
        self.peak_rss = 0
        self._task: asyncio.Task | None = None

    def cpu_s(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / self.tick  # utime + stime

    def rss_bytes(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0

    async def _sample(self) -> None:
        while True:
            self.peak_rss = max(self.peak_rss, self.rss_bytes())
            await asyncio.sleep(0.5)

    def start(self) -> None:
        self.peak_rss = self.rss_bytes()
        self._task = asyncio.ensure_future(self._sample())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


def scheduling_of(http_base: str) -> dict:
    """The server's /health `scheduling` block (how the shared models were handed over)."""
    import urllib.request

    try:
        with urllib.request.urlopen(http_base + "/health", timeout=5) as resp:
            return json.loads(resp.read()).get("scheduling", {})
    except Exception as exc:  # noqa: BLE001 - a figure we can do without
        return {"error": str(exc)}


async def level(url: str, meter: ProcessMeter, clips: list[Utterance], n: int, turns: int, seed: int, timeout_s: float) -> dict:
    idle_rss = meter.rss_bytes()
    cpu0, t0 = meter.cpu_s(), time.monotonic()
    meter.start()
    results = await asyncio.gather(*(session(url, clips, turns, random.Random(seed * 1000 + n * 10 + i), timeout_s) for i in range(n)),
                                   return_exceptions=True)
    await meter.stop()
    wall, cpu = time.monotonic() - t0, meter.cpu_s() - cpu0
    v2v = [x for r in results if isinstance(r, SessionResult) for x in r.v2v_ms]
    failed = [f for r in results if isinstance(r, SessionResult) for f in r.failed]
    failed += [f"session: {type(r).__name__}: {r}" for r in results if isinstance(r, BaseException)]
    server = [m for r in results if isinstance(r, SessionResult) for m in r.server_ms]
    stages = sorted({k for m in server for k in m})
    server_p50 = {k: round(statistics.median([m[k] for m in server if k in m])) for k in stages}
    return {"sessions": n, "turns": len(v2v) + len(failed), "failed": len(failed), "failures": failed[:5],
            "p50_ms": round(pct(v2v, 50)) if v2v else None, "p95_ms": round(pct(v2v, 95)) if v2v else None,
            "mean_ms": round(statistics.fmean(v2v)) if v2v else None,
            "cpu_cores": round(cpu / wall, 2), "cpu_cores_per_session": round(cpu / wall / n, 2),
            "rss_mb": round(meter.peak_rss / 2**20), "rss_mb_per_session": round((meter.peak_rss - idle_rss) / 2**20 / n, 1),
            "wall_s": round(wall, 1), "loadavg": [round(x, 2) for x in os.getloadavg()],
            "server_stage_p50_ms": server_p50,
            "per_turn": [{"v2v_ms": round(v), **{k: round(x) for k, x in m.items()}, "clip": c}
                         for r in results if isinstance(r, SessionResult) for v, m, c in zip(r.v2v_ms, r.server_ms, r.clips)]}


async def main() -> None:
    p = argparse.ArgumentParser(description="voice to voice under N concurrent sessions")
    p.add_argument("--levels", default="1,2,4", help="session counts, e.g. 1,2,4,8")
    p.add_argument("--turns", type=int, default=4, help="turns per session per level")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", default="", help="write every row, with each turn's server stage times and prompt tokens, as JSON here")
    p.add_argument("--turn-timeout", type=float, default=20.0, help="seconds after speech end before a turn counts as failed")
    p.add_argument("--url", help="a running server's ws://host:port/v1/realtime (with --pid for CPU/RSS)")
    p.add_argument("--pid", type=int, help="the pid of the server at --url")
    p.add_argument("--scheduling", default="priority",
                   help="llm_scheduling of the started server(s): priority, fifo, or both (fifo,priority) for an A/B run")
    args = p.parse_args()
    levels = [int(x) for x in args.levels.split(",") if x.strip()]
    modes = [m.strip() for m in args.scheduling.split(",") if m.strip()]
    clips = utterances()
    print(f"load: {len(clips)} real clips ({', '.join(c.name for c in clips)}); levels {levels}; {args.turns} turns per session; "
          f"scheduling {modes}; {os.cpu_count()} CPUs; loadavg {os.getloadavg()}", flush=True)
    nodes = []
    servers: dict[str, tuple[str, int]] = {}  # mode -> (ws url, pid)
    if args.url:
        if not args.pid:
            p.error("--url needs --pid (the server process to measure)")
        if len(modes) > 1:
            p.error("--url measures one server: give one --scheduling (the mode it runs), or start them here")
        servers[modes[0]] = (args.url, args.pid)
    else:
        import tempfile

        from deploy.services import ParleyNode

        for mode in modes:
            log = Path(tempfile.mkdtemp(prefix="parley-load-")) / "server.log"
            scheduling, *settings = mode.split("+")  # "priority+PARLEY_LLM_SHARE_CORES=0": a setting changed
            node = ParleyNode("load", log, {"PARLEY_MAX_SESSIONS": str(max(levels) + 2), "PARLEY_LOG_LEVEL": "warning",
                                            "PARLEY_LLM_SCHEDULING": scheduling, **dict(s.split("=", 1) for s in settings)})
            node.launch()
            nodes.append(node)
            node.wait_ready()
            servers[mode] = (node.url.replace("http://", "ws://") + "/v1/realtime?parley=1", node.proc.pid)
            print(f"load: {mode} server pid {node.proc.pid} at {node.url} (log {log})", flush=True)
    rows = []
    try:
        for n in levels:
            for mode in modes:
                url, pid = servers[mode]
                before = scheduling_of(url.replace("ws://", "http://").rsplit("/v1/", 1)[0])
                row = await level(url, ProcessMeter(pid), clips, n, args.turns, args.seed, args.turn_timeout)
                row["scheduling"] = mode
                row["handover"] = {"before": before, "after": scheduling_of(url.replace("ws://", "http://").rsplit("/v1/", 1)[0])}
                rows.append(row)
                print(json.dumps({k: v for k, v in row.items() if k != "per_turn"}), flush=True)
                slowest = sorted(row["per_turn"], key=lambda t: -t["v2v_ms"])[:3]
                print("  slowest turns (ms after speech end): " + "; ".join(
                    " ".join(f"{k}={v}" for k, v in t.items()) for t in slowest), flush=True)
    finally:
        import shutil

        for node in nodes:
            node.stop()
            shutil.rmtree(node.log_path.parent, ignore_errors=True)
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=1))
    print("\n| scheduling | sessions | turns | failed | p50 | p95 | CPU cores per session | RSS MB (per session) | loadavg |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['scheduling']} | {r['sessions']} | {r['turns']} | {r['failed']} | {r['p50_ms']} ms | {r['p95_ms']} ms "
              f"| {r['cpu_cores_per_session']} | {r['rss_mb']} (+{r['rss_mb_per_session']}) | {r['loadavg'][0]} |")
    if len(modes) > 1:
        print(f"\nratios against {modes[0]} (same level, same seed; below 1 = faster):")
        for n in levels:
            base = next(r for r in rows if r["sessions"] == n and r["scheduling"] == modes[0])
            for r in rows:
                if r["sessions"] == n and r["scheduling"] != modes[0] and base["p50_ms"] and r["p50_ms"]:
                    print(f"  {n} sessions, {r['scheduling']}: p50 {r['p50_ms'] / base['p50_ms']:.2f}x, p95 {r['p95_ms'] / base['p95_ms']:.2f}x")


if __name__ == "__main__":
    asyncio.run(main())
