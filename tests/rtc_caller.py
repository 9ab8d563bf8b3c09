"""A WebRTC caller for tests: a real aiortc peer with a microphone track, the reply track
and the `oai-events` data channel, talking to Parley's `/v1/realtime/calls` on loopback."""
from __future__ import annotations

import asyncio
import json
from typing import Any, Callable

import httpx
import numpy as np

from media.pcm import float_to_pcm16

from .strict_events import check_server_event
from media.rtc_audio import PcmFromFrames, PlaybackTrack

VOICED_RMS = 300  # PCM16 RMS of a 20 ms frame that carries speech, not codec noise


def why_no_webrtc_here() -> str | None:
    """WebRTC tests run in a network namespace of their own that has loopback only (`make
    test` runs the suite in one: scripts/in_private_network.sh), with loopback host
    candidates on (`webrtc_loopback_candidates`), so ICE never touches the machine's real
    interfaces. None when that is so; otherwise why these tests skip."""
    from media.ice_hosts import interface_addresses

    seen = interface_addresses()
    if seen:
        return (f"the machine's network interfaces are visible ({', '.join(seen[:3])}): WebRTC tests run only in a "
                "private network namespace with loopback only — `make test`, or scripts/in_private_network.sh .venv/bin/python -m pytest ...")
    return None


def loopback_calls() -> None:
    """Callers and servers in this process offer 127.0.0.1 (the only address in the namespace)."""
    from media.ice_hosts import offer_loopback_candidates

    offer_loopback_candidates()


def voiced_ms(audio: np.ndarray, rate: int = 24000) -> float:
    """How much of `audio` (float mono) the reply track would count as speech: 20 ms frames
    whose PCM16 RMS is over VOICED_RMS."""
    frame = rate // 50
    samples = np.frombuffer(float_to_pcm16(audio), np.int16).astype(np.float32)
    frames = samples[: len(samples) // frame * frame].reshape(-1, frame)
    return float((np.sqrt(np.mean(frames**2, axis=1)) > VOICED_RMS).sum() * 20)


class RtcCaller:
    def __init__(self, codec: str | None = None) -> None:
        """`codec`: offer only this audio codec (e.g. "audio/PCMU"); default: aiortc's list, Opus first."""
        from aiortc import RTCConfiguration, RTCPeerConnection, RTCRtpSender

        loopback_calls()
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.mic = PlaybackTrack(rate=24000)  # what the caller says, played in real time
        self.pc.addTrack(self.mic)
        if codec:
            wanted = [c for c in RTCRtpSender.getCapabilities("audio").codecs if c.mimeType.lower() == codec.lower()]
            self.pc.getTransceivers()[0].setCodecPreferences(wanted)
        self.channel = self.pc.createDataChannel("oai-events")
        self.events: list[dict[str, Any]] = []
        self.extensions = False  # asked for parley.* events in the call's session
        self.nonconforming: list[str] = []  # events a strict Realtime client would reject (tests assert none)
        self._inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.frames_heard = 0  # reply-track frames received
        self.voiced_ms = 0.0  # of those, speech
        self._heard_changed = asyncio.Event()
        self._reader: asyncio.Task | None = None
        self.location = ""
        self.secret = ""  # Parley-Call-Secret: a hang-up without the creator's API key needs it

        @self.channel.on("message")
        def on_message(message: str) -> None:
            event = json.loads(message)
            self.events.append(event)
            try:
                check_server_event(event, extensions=self.extensions)  # as a strict client would
            except AssertionError as exc:
                self.nonconforming.append(str(exc))
            self._inbox.put_nowait(event)

        @self.pc.on("track")
        def on_track(track: Any) -> None:
            if track.kind == "audio":
                self._reader = asyncio.ensure_future(self._listen(track))

    async def call(self, base_url: str, *, session: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> httpx.Response:
        from aiortc import RTCSessionDescription

        await self.pc.setLocalDescription(await self.pc.createOffer())
        offer = self.pc.localDescription.sdp
        self.extensions = bool(((session or {}).get("parley") or {}).get("events"))
        async with httpx.AsyncClient(timeout=30) as http:
            if session is None:
                resp = await http.post(base_url + "/v1/realtime/calls", content=offer,
                                       headers={"Content-Type": "application/sdp", **(headers or {})})
            else:
                resp = await http.post(base_url + "/v1/realtime/calls", files={"sdp": (None, offer), "session": (None, json.dumps(session))},
                                       headers=headers or {})
        if resp.status_code == 201:
            self.location = resp.headers["location"]
            self.secret = resp.headers.get("parley-call-secret", "")
            await self.pc.setRemoteDescription(RTCSessionDescription(sdp=resp.text, type="answer"))
        return resp

    async def _listen(self, track: Any) -> None:
        from aiortc.mediastreams import MediaStreamError

        to_pcm = PcmFromFrames(rate=24000)
        while True:
            try:
                frame = await track.recv()
            except MediaStreamError:
                return
            pcm = np.frombuffer(to_pcm.convert(frame), np.int16).astype(np.float32)
            self.frames_heard += 1
            if len(pcm) and float(np.sqrt(np.mean(pcm**2))) > VOICED_RMS:
                self.voiced_ms += len(pcm) / 24.0
            self._heard_changed.set()

    async def heard(self, pred: Callable[["RtcCaller"], bool], timeout: float = 60) -> None:
        """Wait until the reply track's received audio satisfies `pred`; on timeout, say what was heard."""
        try:
            async with asyncio.timeout(timeout):
                while not pred(self):
                    self._heard_changed.clear()
                    await self._heard_changed.wait()
        except TimeoutError:
            raise AssertionError(f"after {timeout} s the reply track had {self.frames_heard} frames, "
                                 f"{self.voiced_ms:.0f} ms of them voiced") from None

    def say(self, audio: np.ndarray) -> None:
        self.mic.push(float_to_pcm16(audio))

    def send(self, event: dict[str, Any]) -> None:
        self.channel.send(json.dumps(event))

    async def wait_for(self, kind: str, pred: Callable[[dict[str, Any]], bool] = lambda e: True, timeout: float = 90) -> dict[str, Any]:
        async with asyncio.timeout(timeout):
            while True:
                event = await self._inbox.get()
                if self.nonconforming:
                    raise AssertionError(self.nonconforming[0])
                if event["type"] == kind and pred(event):
                    return event

    async def seen(self, kind: str, pred: Callable[[dict[str, Any]], bool] = lambda e: True, timeout: float = 90) -> dict[str, Any]:
        """An event already received, or the next one that matches (order-independent)."""
        if self.nonconforming:
            raise AssertionError(self.nonconforming[0])
        hit = next((e for e in self.events if e["type"] == kind and pred(e)), None)
        return hit if hit is not None else await self.wait_for(kind, pred, timeout)

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["type"] == kind]

    async def connected(self, timeout: float = 30) -> None:
        """Media connected and the event channel open."""
        async with asyncio.timeout(timeout):
            while self.pc.connectionState != "connected":
                changed = asyncio.Event()
                self.pc.once("connectionstatechange", changed.set)
                await changed.wait()
            if self.channel.readyState != "open":
                opened = asyncio.Event()
                self.channel.once("open", opened.set)
                await opened.wait()

    async def close(self) -> None:
        await self.pc.close()
        if self._reader is not None:
            self._reader.cancel()
            await asyncio.gather(self._reader, return_exceptions=True)
        if self.nonconforming:  # a test that never waited again still fails on them
            raise AssertionError(self.nonconforming[0])
