"""The receiving side of a WebRTC audio track: its jitter buffer, and when each packet arrived.

aiortc gives no public handle on either, so this module is the one place that reaches into
an `RTCRtpReceiver` (tested against the pinned aiortc; if a release renames what it uses,
`ReceiveHooks` reports `tuned=False` / no arrival times and the call works as before):

* **Jitter prefetch.** aiortc holds 4 packets (80 ms of 20 ms frames) in an audio track's
  jitter buffer before it lets the oldest one go to the decoder, whatever the network. On
  loopback and a LAN packets arrive in order; every held packet is 20 ms added to the end
  of the caller's speech. `jitter_frames` sets the hold (the floor is 1: a frame is known
  complete only when the next one starts). Raise it for lossy, reordering paths: a packet
  that arrives after its successors were released is dropped.
* **Arrival times.** Each packet's arrival (monotonic clock) is kept by RTP timestamp, so a
  decoded frame (whose `pts` is that timestamp, counted from the first one) can say when the
  network delivered it: the turn's `audio_received` hop.
"""
from __future__ import annotations

import logging
import time
from collections import OrderedDict
from typing import Any

log = logging.getLogger("parley.rtp")

AIORTC_AUDIO_PREFETCH = 4  # aiortc 1.x's default hold for audio
_KEEP = 256  # arrival times kept (5 s of 20 ms packets)


class ReceiveHooks:
    """Installed on one audio `RTCRtpReceiver` before media flows."""

    def __init__(self, receiver: Any, jitter_frames: int = AIORTC_AUDIO_PREFETCH) -> None:
        self._arrivals: OrderedDict[int, float] = OrderedDict()
        self._first_ts: int | None = None
        self.tuned = self._set_prefetch(receiver, max(1, int(jitter_frames)))
        self.timed = self._wrap_packet_handler(receiver)

    @staticmethod
    def _set_prefetch(receiver: Any, frames: int) -> bool:
        from aiortc.jitterbuffer import JitterBuffer

        name = "_RTCRtpReceiver__jitter_buffer"
        current = getattr(receiver, name, None)
        if not isinstance(current, JitterBuffer):
            log.warning("aiortc's receiver has no audio jitter buffer where expected: prefetch left at its default")
            return False
        setattr(receiver, name, JitterBuffer(capacity=current.capacity, prefetch=frames))
        return True

    def _wrap_packet_handler(self, receiver: Any) -> bool:
        handler = getattr(receiver, "_handle_rtp_packet", None)
        if handler is None:
            return False

        async def timed_handler(packet: Any, arrival_time_ms: int) -> None:
            self.note(packet.timestamp, time.monotonic())
            await handler(packet, arrival_time_ms=arrival_time_ms)

        receiver._handle_rtp_packet = timed_handler
        return True

    def note(self, rtp_timestamp: int, at: float) -> None:
        if self._first_ts is None:
            self._first_ts = rtp_timestamp
        key = (rtp_timestamp - self._first_ts) & 0xFFFFFFFF
        if key not in self._arrivals:
            self._arrivals[key] = at
            if len(self._arrivals) > _KEEP:
                self._arrivals.popitem(last=False)

    def arrival_of(self, frame_pts: int | None) -> float | None:
        """When the packet of a decoded frame arrived (None if unknown)."""
        if frame_pts is None:
            return None
        return self._arrivals.get(frame_pts & 0xFFFFFFFF)
