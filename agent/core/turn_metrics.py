"""Per-turn latency: monotonic timestamps for each stage, reported to client, log and /metrics.

The stages of one turn, hop by hop (all are times on the server's monotonic clock; the
report gives them in ms after `speech_end`, so `audio_received` is negative):

    audio_received    the transport got the last voiced audio (RTP packet, Twilio frame, append)
    speech_end        it was decoded, resampled and in the session's buffer
    vad_seen          the VAD had looked at it
    end_of_turn       the silence after it ended the turn
    asr_final         the final transcript
    llm_start         the local LLM took the reply (its wait in the model's queue ends)
    llm_prompt_done   the prompt was evaluated (what the KV cache did not hold)
    llm_first_token   the LLM's first token
    first_chunk       the first speakable chunk of the reply
    tts_start         its synthesis began (the TTS slot taken, the LLM paused between tokens)
    tts_first_audio   the first reply PCM was ready
    first_audio_sent  it was handed to the transport (voice to voice, server side)
    first_voiced_out  the first voiced reply sample left for the listener (RTP frame, Twilio
                      media, WebSocket delta), at its offset in that frame
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("parley.turn")

STAGES = ("audio_received", "speech_end", "vad_seen", "end_of_turn", "asr_final", "llm_start", "llm_prompt_done",
          "llm_first_token", "first_chunk", "tts_start", "tts_first_audio", "first_audio_sent", "first_voiced_out")
BEFORE_SPEECH_END = ("audio_received",)


class StageTimes(dict):
    """`relative_ms()`'s {stage_ms: ms} dict, which also carries its TurnMetrics (`.turn`), so
    an observer (agent/tracing.py) can place spans at the stages' absolute times."""

    turn: "TurnMetrics | None" = None


@dataclass
class TurnMetrics:
    """Stage times (time.monotonic() seconds). `speech_end` is the last voiced frame."""

    marks: dict[str, float] = field(default_factory=dict)
    preemptive: bool = False
    # for traces (agent/tracing.py), filled in where known; all optional
    interrupted: bool | None = None
    usage: dict[str, int] = field(default_factory=dict)  # input_tokens, output_tokens
    tool_calls: list[tuple[str, float, float]] = field(default_factory=list)  # (name, start, end), monotonic
    rejected_calls: int = 0  # tool calls the model wrote that named no offered tool or did not fit its schema
    prompt_tokens: int | None = None  # the reply's (first) prompt, and the part of it the KV cache did not hold
    prompt_evaluated: int | None = None
    dry_ms: float = 0.0  # after the first audio, time the listener had nothing left to hear before the next chunk came
    dry_gaps: int = 0  # ... in how many gaps
    user_text: str = ""  # on spans only with otel_capture_content
    reply_text: str = ""
    reply_source: str = "model"  # "article": a knowledge article's own words, no LLM (ReplyPolicy.article_reply)

    def mark(self, stage: str, at: float | None = None) -> None:
        self.marks.setdefault(stage, time.monotonic() if at is None else at)

    def relative_ms(self) -> dict[str, float]:
        base = self.marks.get("speech_end")
        out = StageTimes()
        out.turn = self
        if base is None:
            return out
        out.update({f"{s}_ms": round((self.marks[s] - base) * 1000.0, 1) for s in STAGES if s in self.marks})
        return out

    def total_ms(self) -> float | None:
        rel = self.relative_ms()
        return rel.get("first_audio_sent_ms")

    def slowest_stage(self) -> tuple[str, float]:
        present = [s for s in STAGES if s in self.marks]
        worst, worst_ms = "", -1.0
        for prev, cur in zip(present, present[1:]):
            ms = (self.marks[cur] - self.marks[prev]) * 1000.0
            if ms > worst_ms:
                worst, worst_ms = cur, ms
        return worst, worst_ms

    def report(self, budget_ms: float, response_id: str) -> dict[str, Any]:
        rel = self.relative_ms()
        total = rel.get("first_audio_sent_ms")
        over = total is not None and total > budget_ms
        stage, stage_ms = self.slowest_stage()
        if over:
            log.warning("turn %s over budget: %.0f ms > %.0f ms; slowest stage %s (%.0f ms)", response_id, total, budget_ms, stage, stage_ms)
        else:
            log.info("turn %s: %s", response_id, rel)
        out = {"metrics": rel, "budget_ms": budget_ms, "over_budget": over, "slowest_stage": stage, "preemptive": self.preemptive,
               "reply_source": self.reply_source,
               "dry": {"gaps": self.dry_gaps, "ms": round(self.dry_ms, 1)}}
        if self.prompt_tokens is not None:
            eot, done = self.marks.get("end_of_turn"), self.marks.get("llm_prompt_done")
            out["prompt"] = {"tokens": self.prompt_tokens, "evaluated": self.prompt_evaluated,
                             "evaluated_after_end_of_turn": eot is not None and done is not None and done > eot}
        return out


class LatencyHistogram:
    """A small Prometheus-style histogram of a latency in milliseconds, exported in seconds."""

    BUCKETS = (200, 400, 600, 800, 1000, 1200, 1600, 2400, 4000)

    def __init__(self, buckets: tuple[int, ...] = BUCKETS) -> None:
        self.buckets = buckets
        self.counts = [0] * (len(self.buckets) + 1)
        self.total = 0.0
        self.n = 0

    def observe(self, ms: float) -> None:
        self.n += 1
        self.total += ms
        for i, b in enumerate(self.buckets):
            if ms <= b:
                self.counts[i] += 1
                return
        self.counts[-1] += 1

    def prometheus(self, name: str, labels: str = "", *, header: bool = True) -> str:
        lines, acc = [f"# TYPE {name} histogram"] if header else [], 0
        sep = "," if labels else ""
        for b, c in zip(self.buckets, self.counts):
            acc += c
            lines.append(f'{name}_bucket{{{labels}{sep}le="{b / 1000}"}} {acc}')
        lines.append(f'{name}_bucket{{{labels}{sep}le="+Inf"}} {self.n}')
        braces = f"{{{labels}}}" if labels else ""
        lines.append(f"{name}_sum{braces} {self.total / 1000:.3f}")
        lines.append(f"{name}_count{braces} {self.n}")
        return "\n".join(lines) + "\n"


class TurnLatency:
    """/metrics for finished turns: voice to voice, each stage's time since speech end, and the
    transport's input hop (audio received → decoded into the session's buffer)."""

    def __init__(self) -> None:
        self.voice_to_voice = LatencyHistogram()
        self.input_decode = LatencyHistogram((10, 20, 40, 60, 80, 100, 150, 200, 400))
        self.stages = {s: LatencyHistogram() for s in STAGES if s != "speech_end" and s not in BEFORE_SPEECH_END}

    def observe(self, relative_ms: dict[str, float]) -> None:
        """Record one turn's `TurnMetrics.relative_ms()`."""
        total = relative_ms.get("first_audio_sent_ms")
        if total is not None:
            self.voice_to_voice.observe(total)
        received = relative_ms.get("audio_received_ms")
        if received is not None:
            self.input_decode.observe(max(-received, 0.0))
        for stage, hist in self.stages.items():
            ms = relative_ms.get(f"{stage}_ms")
            if ms is not None:
                hist.observe(max(ms, 0.0))

    def prometheus(self) -> str:
        text = self.voice_to_voice.prometheus("parley_voice_to_voice_seconds")
        text += self.input_decode.prometheus("parley_input_decode_seconds")
        name = "parley_turn_stage_seconds"
        for i, (stage, hist) in enumerate(self.stages.items()):
            text += hist.prometheus(name, f'stage="{stage}"', header=i == 0)
        return text
