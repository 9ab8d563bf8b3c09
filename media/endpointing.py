"""EndOfSpeech: turn detection from per-frame voice probabilities.

Feeds on Silero's 32 ms frames and tells the session when speech starts, when a pause
begins (a chance to start the reply early), when speech resumes (drop that early work) and
when the turn is over. The end-of-turn wait follows the transcript: a pause after a
finished sentence ends the turn sooner, a pause after a comma or "and" waits longer.
Times are in milliseconds of input audio.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

FRAME_MS = 32


@dataclass(frozen=True)
class SpeechStarted:
    start_ms: float  # first voiced frame
    confirmed_ms: float  # when enough speech had accumulated


@dataclass(frozen=True)
class PauseStarted:
    speech_end_ms: float  # end of the last voiced frame


@dataclass(frozen=True)
class SpeechResumed:
    at_ms: float


@dataclass(frozen=True)
class TurnEnded:
    speech_end_ms: float
    decided_ms: float


EndpointEvent = SpeechStarted | PauseStarted | SpeechResumed | TurnEnded

_OPEN_ENDING = re.compile(r"(,|;|:|-|\b(and|but|or|so|because|the|a|an|to|of|with|my|is|if|um|uh))\s*$", re.I)
_CLOSED_ENDING = re.compile(r"[.!?]\s*$")
# A finished sentence ends the turn after this fraction of the silence. Whisper puts a full
# stop on audio cut at a comma pause ("When you hear the bell." | "Come quickly"), and real
# speakers pause 250–350 ms between sentences of one thought (s16 in tests/fixtures/speech:
# 320 and 352 ms), so 0.6 (300 ms) split them; 0.8 (400 ms) does not.
_AFTER_SENTENCE = 0.8


class EndOfSpeech:
    def __init__(
        self,
        *,
        threshold: float = 0.5,
        silence_duration_ms: int = 500,
        min_speech_ms: int = 250,
        pause_ms: int = 96,
    ) -> None:
        self.threshold = threshold
        self.release = max(0.15, threshold - 0.15)  # hysteresis
        self.silence_duration_ms = silence_duration_ms
        self.min_speech_ms = min_speech_ms
        self.pause_ms = min(pause_ms, silence_duration_ms)
        self.transcript_hint = ""
        self.reset()

    def reset(self) -> None:
        self.in_speech = False
        self._voiced_ms = 0.0
        self._candidate_start: float | None = None
        self._last_voiced_end = 0.0
        self._pause_reported = False
        self._t = 0.0
        self.transcript_hint = ""

    @property
    def now_ms(self) -> float:
        return self._t

    @property
    def silence_ms(self) -> float:
        """How long the speech in progress has been silent (0 outside speech, or while voiced)."""
        return self._t - self._last_voiced_end if self.in_speech else 0.0

    def required_silence_ms(self) -> float:
        hint = self.transcript_hint.strip()
        if hint and _OPEN_ENDING.search(hint):
            return self.silence_duration_ms * 1.6
        if hint and _CLOSED_ENDING.search(hint):
            return self.silence_duration_ms * _AFTER_SENTENCE
        return float(self.silence_duration_ms)

    def push(self, prob: float) -> list[EndpointEvent]:
        """One 32 ms frame's voice probability in; zero or more events out."""
        start, self._t = self._t, self._t + FRAME_MS
        events: list[EndpointEvent] = []
        voiced = prob >= (self.release if self.in_speech else self.threshold)
        if not self.in_speech:
            if voiced:
                if self._candidate_start is None:
                    self._candidate_start = start
                    self._voiced_ms = 0.0
                self._voiced_ms += FRAME_MS
                self._last_voiced_end = self._t
                if self._voiced_ms >= self.min_speech_ms:
                    self.in_speech = True
                    self._pause_reported = False
                    events.append(SpeechStarted(self._candidate_start, self._t))
            elif self._candidate_start is not None and self._t - self._last_voiced_end > 200:
                self._candidate_start = None  # a click or cough: too short, forget it
            return events
        if voiced:
            if self._pause_reported:
                events.append(SpeechResumed(start))
                self._pause_reported = False
            self._last_voiced_end = self._t
            return events
        silence = self._t - self._last_voiced_end
        if not self._pause_reported and silence >= self.pause_ms:
            self._pause_reported = True
            events.append(PauseStarted(self._last_voiced_end))
        if silence >= self.required_silence_ms():
            events.append(TurnEnded(self._last_voiced_end, self._t))
            self.in_speech = False
            self._candidate_start = None
            self._pause_reported = False
        return events
