"""Stable prefixes: re-decoding a growing utterance without re-decoding its settled start.

A live turn is decoded again and again as it grows (partial transcripts every ~0.6 s, then
the final). For a long utterance each decode costs more, and the final one waits behind a
partial, so a 13 s turn's transcript came ~1 s after the speech ended. Here a segment of
the transcript *settles* once the decode before this one said the same words up to its
end (however that decode cut them into segments: tiny.en cut the joined s16 into one, two or
three segments from one decode to the next, and a rule of identical segments left its
settled start at 6 s of 13), it closed (Whisper gave it an end time) at least
`SETTLED_MARGIN_S` before the end of the audio, it ends on
punctuation, and another segment follows it in the decode. The last segment's end time is
the decoder's guess: on s16 (real sentences with ~1 s pauses) tiny.en ended a 9.3 s
segment at a round 7.00 s, the cut fell before its last words, and the next decode heard
them again ("… the bell, When you hear the bell come quickly"). A turn the user went on
with after a pause (a merged turn) has its start settled at once, with the first part's
final transcript (`settle`): on s16 the settled start had stayed at 6.9 s of 17.4 s, and
the final decode of the merged turn took 330-450 ms. Later decodes of the same utterance
start at the quietest moment near the end of the settled segments and condition on their
text (Whisper's own long-form method: the previous text as prompt), so each costs about
what its unsettled tail costs.

The cache is keyed by the utterance's first samples and checked against the settled audio
itself, so another utterance (or another session's) never borrows a prefix.
"""
from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

SAMPLE_RATE = 16_000
SETTLED_MARGIN_S = 1.0  # a segment settles only if it ended this long before the audio did
MIN_TAIL_S = 1.0  # a prefix is reused only with at least this much audio after it
SNAP_RADIUS_S = 0.2  # the cut moves to the quietest 20 ms within this of the segment's end
_KEY_SAMPLES = SAMPLE_RATE // 2
_SETTLING_END = re.compile(r"[.?!,;:]$")


@dataclass(frozen=True)
class Segment:
    start: float  # seconds from the start of the decoded audio
    end: float | None  # None: the decoder did not close it
    text: str


@dataclass
class Prefix:
    """The settled start of one utterance: its audio (to check a match) and its text."""

    audio: np.ndarray
    text: str = ""
    pending: list[Segment] = field(default_factory=list)  # the last decode's unsettled segments, times from the cut

    @property
    def samples(self) -> int:
        return len(self.audio)


def _key(audio: np.ndarray) -> str:
    return hashlib.blake2b(audio[:_KEY_SAMPLES].tobytes(), digest_size=16).hexdigest()


def quietest_point(audio: np.ndarray, around: int, radius: int) -> int:
    """The start of the quietest 20 ms frame within `radius` samples of `around`."""
    frame = SAMPLE_RATE // 50
    lo, hi = max(0, around - radius), min(len(audio) - frame, around + radius)
    if hi <= lo:
        return max(0, min(around, len(audio)))
    starts = np.arange(lo, hi, frame // 2)
    energy = [float(np.mean(audio[s:s + frame] ** 2)) for s in starts]
    return int(starts[int(np.argmin(energy))])


class PrefixCache:
    """Settled prefixes of the last few utterances decoded (LRU)."""

    def __init__(self, slots: int = 8) -> None:
        self._slots = slots
        self._prefixes: OrderedDict[str, Prefix] = OrderedDict()
        self._lock = threading.Lock()

    def lookup(self, audio: np.ndarray) -> Prefix | None:
        """The settled prefix of this utterance, when `audio` begins with it and goes on
        at least MIN_TAIL_S past it."""
        if len(audio) < _KEY_SAMPLES:
            return None
        with self._lock:
            prefix = self._prefixes.get(_key(audio))
            if prefix is None:
                return None
            self._prefixes.move_to_end(_key(audio))
        if prefix.samples == 0 or len(audio) < prefix.samples + MIN_TAIL_S * SAMPLE_RATE:
            return prefix if prefix.samples == 0 else None
        if not np.array_equal(audio[:prefix.samples], prefix.audio):
            return None
        return prefix

    def settle(self, audio: np.ndarray, text: str) -> bool:
        """`audio`, the start of an utterance that ends in a pause, was transcribed as `text`
        (a turn's final transcript, before the user went on: a merged turn). Later decodes of
        audio that begins with it decode only what follows. A longer settled start already
        known for the utterance is kept. Returns whether this one was recorded."""
        if len(audio) < _KEY_SAMPLES or not text.strip():
            return False
        key = _key(audio)
        with self._lock:
            known = self._prefixes.get(key)
            if known is not None and known.samples >= len(audio):
                return False
            self._prefixes[key] = Prefix(np.array(audio, np.float32), text.strip())
            self._prefixes.move_to_end(key)
            while len(self._prefixes) > self._slots:
                self._prefixes.popitem(last=False)
        return True

    def update(self, audio: np.ndarray, used: Prefix | None, segments: list[Segment]) -> None:
        """Record a decode of `audio[used.samples:]` (its `segments`, times from that cut)
        and settle what it agrees on with the decode before it."""
        if len(audio) < _KEY_SAMPLES:
            return
        start = used.samples if used is not None else 0
        previous = used.pending if used is not None else []
        tail_s = (len(audio) - start) / SAMPLE_RATE
        settled = 0
        heard_before = _words(" ".join(p.text for p in previous))
        so_far: list[str] = []
        for i, seg in enumerate(segments):
            so_far += _words(seg.text)  # this decode's words up to the end of `seg`
            agreed = bool(so_far) and heard_before[: len(so_far)] == so_far  # the decode before said these words first, however it cut them
            if not agreed or seg.end is None or seg.end > tail_s - SETTLED_MARGIN_S or not _SETTLING_END.search(seg.text):
                break
            if i == len(segments) - 1:
                break  # the last segment's end is the decoder's guess (tiny.en: a round 7.00 s for a 9.3 s segment)
            settled = i + 1
        if settled:
            end = segments[settled - 1].end or 0.0
            cut = quietest_point(audio, start + int(end * SAMPLE_RATE), int(SNAP_RADIUS_S * SAMPLE_RATE))
            shift = (cut - start) / SAMPLE_RATE
            text = " ".join(t for t in [used.text if used else "", *(s.text for s in segments[:settled])] if t)
            pending = [Segment(s.start - shift, None if s.end is None else s.end - shift, s.text) for s in segments[settled:]]
            prefix = Prefix(audio[:cut].copy(), text, pending)
        else:
            prefix = Prefix(audio[:start].copy(), used.text if used else "", list(segments))
        with self._lock:
            self._prefixes[_key(audio)] = prefix
            self._prefixes.move_to_end(_key(audio))
            while len(self._prefixes) > self._slots:
                self._prefixes.popitem(last=False)


def _words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split()
