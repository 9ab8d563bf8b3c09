"""Voice to voice per transport, on the same real recordings, in one run: the WebSocket, a
Twilio phone stream (8 kHz μ-law) and a WebRTC call from an aiortc caller.

    .venv/bin/python bench/transport_latency.py [--transports websocket,phone,webrtc] [--rounds 1]
    scripts/in_private_network.sh .venv/bin/python bench/transport_latency.py   # WebRTC where only loopback exists

One server in this process (the models loaded once). For each real recording with speech
(../shared/speech-dev, else tests/fixtures/speech) and each transport, a new session streams
0.5 s of silence, the clip and 4 s of silence in real time, 20 ms per message or packet, as
that transport's client would. At the client:

    voice to voice = when the first voiced reply sample plays − when the clip's last voiced
                     sample was sent

"Plays" is the client's playback clock: WebSocket deltas and Twilio media play on arrival or
right after what came before (as a browser or Twilio plays them); on WebRTC, the aiortc
caller's reply track as it decodes it (after its own 4-packet jitter buffer), at 20 ms
resolution. Beside it, the server's own per-hop times (parley.turn.metrics; the phone has no
event channel, so its hops are not shown). Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.voice_latency import pct, start_bench_server  # noqa: E402

FRAME_S = 0.020
LEVEL = 0.02  # a sample this loud is voice (the browser probe's threshold)


class PlayClock:
    """The listener's playback: each piece plays on arrival or right after the previous one."""

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self.end = 0.0
        self.first_voiced: float | None = None
        self.not_before = float("inf")  # the end of the user's speech: a reply heard in a pause before it does not count

    def piece(self, pcm16: np.ndarray, arrived: float) -> None:
        start = max(arrived, self.end)
        self.end = start + len(pcm16) / self.rate
        if self.first_voiced is None:
            loud = np.flatnonzero(np.abs(pcm16.astype(np.int32)) > LEVEL * 32768)
            at = start + loud / self.rate
            later = at[at >= self.not_before]
            if len(later):
                self.first_voiced = float(later[0])


def clip_audio(clip, rate: int) -> tuple[np.ndarray, float]:
    """0.5 s silence + clip + 4 s silence at `rate`, and the offset (s) just after the last voiced sample."""
    voice = clip.at(rate).astype(np.float32)
    audio = np.concatenate([np.zeros(int(0.5 * rate), np.float32), voice, np.zeros(int(4.0 * rate), np.float32)])
    loud = np.flatnonzero(np.abs(audio) > LEVEL)
    return audio, (loud[-1] + 1) / rate


async def stream_frames(audio_pcm: bytes, frame_bytes: int, send, clock: PlayClock, end_s: float) -> float:
    """Send frames paced in real time; returns the monotonic time the stream started."""
    t0 = time.monotonic()
    clock.not_before = t0 + end_s
    for k, i in enumerate(range(0, len(audio_pcm), frame_bytes)):
        due = t0 + k * FRAME_S
        now = time.monotonic()
        if due > now:
            await asyncio.sleep(due - now)  # pacing a real-time source
        await send(audio_pcm[i:i + frame_bytes])
    return t0


async def over_websocket(base: str, clip) -> dict:
    import websockets

    from media.pcm import float_to_pcm16

    audio, end_s = clip_audio(clip, 24_000)
    pcm = float_to_pcm16(audio)
    clock, metrics, done, seen = PlayClock(24_000), {}, asyncio.Event(), {}
    async with websockets.connect(f"ws://{base}/v1/realtime?parley=1", max_size=None) as ws:

        async def read() -> None:
            async for raw in ws:
                event, now = json.loads(raw), time.monotonic()
                seen[event["type"]] = seen.get(event["type"], 0) + 1
                if event["type"] == "error" and seen["error"] == 1:
                    print("  websocket error:", event["error"], file=sys.stderr)
                if event["type"] == "response.output_audio.delta":
                    clock.piece(np.frombuffer(base64.b64decode(event["delta"]), "<i2"), now)
                elif event["type"] == "parley.turn.metrics" and not metrics:
                    metrics.update(event["metrics"])
                elif event["type"] == "response.done" and clock.first_voiced is not None:
                    done.set()

        await ws.send(json.dumps({"type": "session.update", "session": {"type": "realtime", "audio": {"input": {
            "format": {"type": "audio/pcm", "rate": 24000}}}}}))  # server VAD and the rest: defaults
        reader = asyncio.ensure_future(read())

        async def send(chunk: bytes) -> None:
            await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": base64.b64encode(chunk).decode()}))

        t0 = await stream_frames(pcm, 960, send, clock, end_s)
        try:
            await asyncio.wait_for(done.wait(), 30)
        except TimeoutError:
            pass
        reader.cancel()
    if clock.first_voiced is None:
        print(f"  websocket: no reply audio; events seen: {seen}", file=sys.stderr)
    return result(clock.first_voiced, t0 + end_s, metrics)


async def over_phone(base: str, clip) -> dict:
    import websockets

    from media import g711
    from media.pcm import float_to_pcm16

    audio, end_s = clip_audio(clip, 8_000)
    ulaw = g711.ulaw_encode(float_to_pcm16(audio))
    clock, sid = PlayClock(8_000), "MZbench0000000000000000000000000"
    async with websockets.connect(f"ws://{base}/v1/phone/twilio", max_size=None) as ws:
        await ws.send(json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"}))
        await ws.send(json.dumps({"event": "start", "streamSid": sid, "start": {
            "streamSid": sid, "accountSid": "AC1", "callSid": "CA1", "tracks": ["inbound"],
            "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000, "channels": 1}, "customParameters": {}}}))

        async def read() -> None:
            async for raw in ws:
                event, now = json.loads(raw), time.monotonic()
                if event.get("event") == "media":
                    clock.piece(np.frombuffer(g711.ulaw_decode(base64.b64decode(event["media"]["payload"])), "<i2"), now)
                elif event.get("event") == "mark":  # Twilio echoes a mark once the audio before it played
                    delay = max(0.0, clock.end - now)
                    asyncio.get_running_loop().call_later(delay, lambda m=event["mark"]: asyncio.ensure_future(echo(m)))

        async def echo(mark: dict) -> None:
            try:
                await ws.send(json.dumps({"event": "mark", "streamSid": sid, "mark": mark}))
            except websockets.ConnectionClosed:
                pass  # the call ended first

        reader = asyncio.ensure_future(read())

        async def send(chunk: bytes) -> None:
            await ws.send(json.dumps({"event": "media", "streamSid": sid, "media": {"track": "inbound", "payload": base64.b64encode(chunk).decode()}}))

        t0 = await stream_frames(ulaw, 160, send, clock, end_s)
        deadline = time.monotonic() + 30
        while clock.first_voiced is None and time.monotonic() < deadline:
            await asyncio.sleep(0.1)  # polling the client's own playback clock
        await ws.send(json.dumps({"event": "stop", "streamSid": sid}))
        reader.cancel()
    return result(clock.first_voiced, t0 + end_s, {})


async def over_webrtc(base: str, clip) -> dict:
    from tests.rtc_caller import RtcCaller

    audio, end_s = clip_audio(clip, 24_000)
    caller = RtcCaller()
    try:
        resp = await caller.call(f"http://{base}", session={"parley": {"events": True}})
        assert resp.status_code == 201, resp.text
        await caller.connected()
        await caller.wait_for("session.created")
        t0 = time.monotonic()  # the mic track sends one 20 ms frame per tick from the next one
        caller.say(audio)
        before = caller.voiced_ms
        first = None
        try:
            await caller.heard(lambda c: c.voiced_ms > before and time.monotonic() > t0 + end_s, timeout=40)
            first = time.monotonic()
            await caller.wait_for("response.done", timeout=40)
        except (TimeoutError, asyncio.TimeoutError):
            pass
        metrics = next((e["metrics"] for e in caller.of("parley.turn.metrics")), {})
    finally:
        await caller.close()
    return result(first, t0 + end_s, metrics)


def result(first_voiced: float | None, speech_end: float, metrics: dict) -> dict:
    return {"v2v_ms": None if first_voiced is None else (first_voiced - speech_end) * 1000.0, "metrics": metrics}


RUNNERS = {"websocket": over_websocket, "phone": over_phone, "webrtc": over_webrtc}
HOPS = ("audio_received_ms", "vad_seen_ms", "end_of_turn_ms", "first_audio_sent_ms", "first_voiced_out_ms")


async def main() -> None:
    from bench.real_clips import load_clips

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--transports", default="websocket,phone,webrtc")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--only", default="", help="comma list of clip names")
    args = ap.parse_args()
    transports = [t for t in args.transports.split(",") if t]
    if "webrtc" in transports:
        from media.ice_hosts import interface_addresses, offer_loopback_candidates

        if not interface_addresses():
            offer_loopback_candidates()  # a namespace with loopback only
    clips = [c for c in load_clips() if c.reference and (not args.only or c.name in args.only.split(","))]
    runtime, server, serve, port = await start_bench_server("voice to voice per transport, real recordings")
    base = f"127.0.0.1:{port}"
    await RUNNERS[transports[0]](base, clips[0])  # warm-up, dropped
    rows: dict[str, list[dict]] = {t: [] for t in transports}
    for r in range(args.rounds):
        for clip in clips:
            for t in transports:  # interleaved, so the load is the same for every transport
                out = await RUNNERS[t](base, clip)
                rows[t].append(out)
                v = out["v2v_ms"]
                print(f"round {r + 1} {clip.name:<24} {t:<9} {('%.0f ms' % v) if v is not None else 'no reply heard':>14}  "
                      + " ".join(f"{h[:-3]}={out['metrics'][h]:.0f}" for h in HOPS if h in out["metrics"]), flush=True)
    print(f"\n{len(clips)} real recordings x {args.rounds} round(s), load {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs; p50 / p95 ms")
    base_p50 = None
    for t in transports:
        v = [x["v2v_ms"] for x in rows[t] if x["v2v_ms"] is not None]
        hops = {h: pct(vals, 50) for h in HOPS if (vals := [x["metrics"][h] for x in rows[t] if h in x["metrics"]])}
        base_p50 = pct(v, 50) if base_p50 is None else base_p50
        hop_text = "  ".join(f"{h[:-3]} {v:.0f}" for h, v in hops.items()) or "-"
        print(f"  {t:<9} voice to voice {pct(v, 50):5.0f} / {pct(v, 95):5.0f}  ({pct(v, 50) - base_p50:+.0f} vs {transports[0]})"
              f"  {len(v)}/{len(rows[t])} heard   server p50: {hop_text}")
    server.should_exit = True
    await serve


if __name__ == "__main__":
    asyncio.run(main())
