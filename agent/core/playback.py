"""Playback ports: where a reply's audio goes, and the one source of "what the user heard".

A response hands each piece of reply PCM (mono PCM16 at the port's `rate`) to
`play(response_id, item_id, output_index, pcm)`; the port delivers it the transport's way
and paces it to the listener's playback clock. On a cancel the session calls
`flush(response_id)` once: queued audio is dropped and the port reports the milliseconds
heard per item, which is what the history keeps.

* `EventPlayback`  – WebSocket: `response.output_audio.delta` events (PCM16 24 kHz or
  G.711), heard = the server's model of the client's playback clock.
* `TrackPlayback`  – WebRTC: the reply RTP track; heard = what the track actually played.
* `TwilioPlayback` – phone: Twilio `media` + `mark` messages; heard = the last mark
  Twilio echoed (the call's own playback clock), `clear` on flush.
"""
from __future__ import annotations

import asyncio
import base64
import time
from typing import Any, Awaitable, Callable, Protocol

from media import g711
from media.echo_reference import EchoReference
from media.pcm import FirstVoiced

LEAD_MS = 300.0  # how far ahead of the listener's playback clock audio is released
FORGET_AFTER_S = 10.0  # an item that finished playing this long ago is no longer tracked
Send = Callable[[dict[str, Any]], Awaitable[None]]


class Playback(Protocol):
    rate: int

    async def play(self, response_id: str, item_id: str, output_index: int, pcm: bytes) -> None: ...

    def heard_ms(self, item_id: str) -> float: ...

    async def flush(self, response_id: str | None = None) -> dict[str, float]: ...

    def first_voiced_at(self, item_id: str) -> float | None:
        """Monotonic time the item's first voiced sample left for the listener (None: not yet)."""
        ...

    def still_playing(self) -> bool:
        """Audio handed over is still queued or playing on the listener's side."""
        ...


class EchoRecorder:
    """A playback port that also keeps what it played, so the agent's own voice coming back
    through the microphone can be recognised (media/echo_reference.py)."""

    def __init__(self, inner: Playback, reference: EchoReference) -> None:
        self.inner = inner
        self.reference = reference

    @property
    def rate(self) -> int:
        return self.inner.rate

    async def play(self, response_id: str, item_id: str, output_index: int, pcm: bytes) -> None:
        self.reference.add(pcm, self.inner.rate)
        await self.inner.play(response_id, item_id, output_index, pcm)

    def heard_ms(self, item_id: str) -> float:
        return self.inner.heard_ms(item_id)

    async def flush(self, response_id: str | None = None) -> dict[str, float]:
        return await self.inner.flush(response_id)

    def first_voiced_at(self, item_id: str) -> float | None:
        return self.inner.first_voiced_at(item_id)

    def still_playing(self) -> bool:
        return self.inner.still_playing()


class PlaybackClock:
    """The listener plays each piece as soon as it arrives, or right after the previous one.
    Knows when everything sent will have played, and how much of each item has."""

    def __init__(self) -> None:
        self.play_end = 0.0  # monotonic time the audio sent so far ends playing
        self._pieces: dict[str, list[tuple[float, float]]] = {}  # item -> [(start, seconds)]

    def add(self, item_id: str, seconds: float, now: float | None = None) -> float:
        """Queue a piece; returns when it starts playing."""
        now = time.monotonic() if now is None else now
        start = max(now, self.play_end)
        self.play_end = start + seconds
        if item_id not in self._pieces:  # a new item: forget those that finished playing long ago
            for old in [i for i, p in self._pieces.items() if p[-1][0] + p[-1][1] < now - FORGET_AFTER_S]:
                del self._pieces[old]
        self._pieces.setdefault(item_id, []).append((start, seconds))
        return start

    def ahead_ms(self, now: float | None = None) -> float:
        return max(0.0, self.play_end - (time.monotonic() if now is None else now)) * 1000.0

    def heard_ms(self, item_id: str, now: float | None = None) -> float:
        now = time.monotonic() if now is None else now
        return sum(min(max(now - start, 0.0), dur) for start, dur in self._pieces.get(item_id, ())) * 1000.0

    def stop(self) -> dict[str, float]:
        """The listener stopped: heard per item, and nothing more is playing."""
        now = time.monotonic()
        heard = {item: self.heard_ms(item, now) for item in self._pieces}
        self.play_end = now
        self._pieces.clear()
        return heard

    async def pace(self) -> None:
        ahead = self.ahead_ms()
        if ahead > LEAD_MS:
            await asyncio.sleep((ahead - LEAD_MS) / 1000.0)  # pacing to the playback clock, not synchronisation


def encode(pcm: bytes, fmt: str) -> bytes:
    if fmt == "audio/pcmu":
        return g711.ulaw_encode(pcm)
    if fmt == "audio/pcma":
        return g711.alaw_encode(pcm)
    return pcm


class EventPlayback:
    """WebSocket clients: audio as `response.output_audio.delta` events."""

    def __init__(self, send: Send, output_format: Callable[[], str]) -> None:
        self._send = send
        self.clock = PlaybackClock()
        self.voiced = FirstVoiced()
        self._format = output_format  # the session's current output format

    @property
    def output_format(self) -> str:
        return self._format()

    @property
    def rate(self) -> int:
        return 24_000 if self.output_format == "audio/pcm" else 8_000

    async def play(self, response_id: str, item_id: str, output_index: int, pcm: bytes) -> None:
        await self.clock.pace()
        await self._send({"type": "response.output_audio.delta", "response_id": response_id, "item_id": item_id,
                          "output_index": output_index, "content_index": 0,
                          "delta": base64.b64encode(encode(pcm, self.output_format)).decode()})
        self.voiced.piece(item_id, pcm, self.rate, self.clock.add(item_id, len(pcm) / 2 / self.rate))

    def heard_ms(self, item_id: str) -> float:
        return self.clock.heard_ms(item_id)

    def first_voiced_at(self, item_id: str) -> float | None:
        return self.voiced.get(item_id)

    async def flush(self, response_id: str | None = None) -> dict[str, float]:
        return self.clock.stop()  # the client drops what it queued on response.done (cancelled)

    def still_playing(self) -> bool:
        return self.clock.ahead_ms() > 0


class TrackPlayback:
    """WebRTC calls: audio pushed onto the reply RTP track, which plays it in real time."""

    def __init__(self, track: Any, notify: Callable[[dict[str, Any]], None]) -> None:
        self.track = track  # media.rtc_audio.PlaybackTrack
        self._notify = notify  # sends an event on the data channel
        self.rate = track.rate
        self._items: set[str] = set()

    async def play(self, response_id: str, item_id: str, output_index: int, pcm: bytes) -> None:
        ahead = self.track.queued_ms
        if ahead > LEAD_MS:
            await asyncio.sleep((ahead - LEAD_MS) / 1000.0)  # the track's own clock drains it
        self._items.add(item_id)
        self.track.push(pcm, tag=item_id)

    def heard_ms(self, item_id: str) -> float:
        return self.track.played_by_tag.get(item_id, 0.0)

    def first_voiced_at(self, item_id: str) -> float | None:
        return self.track.first_voiced.get(item_id)

    def still_playing(self) -> bool:
        return self.track.queued_ms > 0

    async def flush(self, response_id: str | None = None) -> dict[str, float]:
        dropped = self.track.flush()
        heard = {item: self.heard_ms(item) for item in self._items}
        self._items.clear()
        self._notify({"type": "output_audio_buffer.cleared", "response_id": response_id, "dropped_ms": round(dropped)})
        return heard


class TwilioPlayback:
    """Phone calls: μ-law `media` messages each followed by a `mark`; Twilio echoes a mark
    once the audio before it has played."""

    rate = 8_000

    def __init__(self, send: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        self._send = send  # a Twilio message (streamSid is added by the transport)
        self.clock = PlaybackClock()  # pacing only: Twilio's marks say what was heard
        self.voiced = FirstVoiced()
        self._sent: dict[str, float] = {}
        self._heard: dict[str, float] = {}
        self._cleared: set[str] = set()
        self.marks_echoed = asyncio.Event()

    async def play(self, response_id: str, item_id: str, output_index: int, pcm: bytes) -> None:
        await self.clock.pace()
        end = self._sent.get(item_id, 0.0) + len(pcm) / 2 / self.rate * 1000.0
        self._sent[item_id] = end
        await self._send({"event": "media", "media": {"payload": base64.b64encode(g711.ulaw_encode(pcm)).decode()}})
        await self._send({"event": "mark", "mark": {"name": f"{item_id}:{end:.0f}"}})
        self.voiced.piece(item_id, pcm, self.rate, self.clock.add(item_id, len(pcm) / 2 / self.rate))

    def on_mark(self, name: str) -> bool:
        """A mark Twilio echoed; False if it is not one of ours."""
        item_id, _, ms = name.rpartition(":")
        try:
            value = float(ms)
        except ValueError:
            return False
        if item_id not in self._sent:
            return False
        if item_id not in self._cleared:  # marks of cleared audio come back at once: they say nothing
            self._heard[item_id] = max(self._heard.get(item_id, 0.0), min(value, self._sent[item_id]))
            self.marks_echoed.set()
        return True

    def heard_ms(self, item_id: str) -> float:
        return self._heard.get(item_id, 0.0)

    def first_voiced_at(self, item_id: str) -> float | None:
        return self.voiced.get(item_id)

    def still_playing(self) -> bool:
        return self.clock.ahead_ms() > 0  # sent less than the clock's length ago (marks lag behind)

    async def flush(self, response_id: str | None = None) -> dict[str, float]:
        await self._send({"event": "clear"})
        self.clock.stop()
        live = [item for item in self._sent if item not in self._cleared]
        self._cleared.update(live)
        return {item: self.heard_ms(item) for item in live}
