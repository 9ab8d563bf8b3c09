"""Per-session rate limits."""
from __future__ import annotations

from collections import deque


class RateWindow:
    """At most `per_second` events in any one-second window."""

    def __init__(self, per_second: int) -> None:
        self.per_second = max(1, per_second)
        self._times: deque[float] = deque()

    def allow(self, now: float) -> bool:
        while self._times and now - self._times[0] >= 1.0:
            self._times.popleft()
        if len(self._times) >= self.per_second:
            return False
        self._times.append(now)
        return True


class AudioBudget:
    """Audio may arrive at most `ratio` times faster than real time, after a burst of
    `burst_s` seconds (a client may send a recording at once). One budget per session,
    whatever the transport (WebSocket appends, WebRTC frames, Twilio media)."""

    def __init__(self, ratio: float, burst_s: float) -> None:
        self.ratio = max(1.0, ratio)
        self.burst_s = max(1.0, burst_s)
        self._left = self.burst_s
        self._at: float | None = None

    def allow(self, seconds: float, now: float) -> bool:
        if self._at is not None:
            self._left = min(self.burst_s, self._left + (now - self._at) * self.ratio)
        self._at = now
        if seconds > self._left:
            return False
        self._left -= seconds
        return True
