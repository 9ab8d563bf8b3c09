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
