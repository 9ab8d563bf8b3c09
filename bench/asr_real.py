"""Real recordings through a real session, against an offline Whisper pass, in one run.

    .venv/bin/python bench/asr_real.py [--variants trimmed,checked,padded] [--snr 5] [--rounds 2]

Each clip in `../shared/speech-dev/` (real speech with reference transcripts; see its
README) is streamed through a real session: the Realtime WebSocket of a server on a
loopback port, 24 kHz PCM in 20 ms frames in real time, server VAD with default settings.
In the same run the same model decodes each whole clip offline (`WhisperModel.transcribe`:
padded 30 s window, beam 1, temperature fallback). Printed: per-clip and corpus word error
rate for both, the user turns each clip became, and voice to voice (last voiced sample
sent → first audio delta of the reply to the last turn).

Variants (the same clips, interleaved, so load hits them alike; `Variant` below):
  trimmed         the old fast path for partials and the final: encoder window = speech + 0.5 s
  short           partials and final on the speech padded to ≥ 8 s (≥ 2 s after it)
  checked-full    short, and the final re-decoded offline when the fast decode looks doubtful
  checked-before  checked-full, and a long utterance's settled start decoded once (the default
                  until the final window got 6 s of silence after the speech)
  checked-tail    checked-before, the offline fallback decoding only the audio after the settled start
  checked-retry   checked-tail, a doubtful final first decoded again with 6 s of silence after it
  checked-m4      checked-tail with 4 s of silence after the speech in the final's window
  checked         checked-tail with 6 s (the default)
  checked-m6-all  checked, and the partials' window too
  padded          checked partials; every final transcript from the offline decode

Extra clips: `s16…_joined` (s16 with its pauses cut to 0.25 s: one ~13 s utterance, for the
"no lost last word, answered within 1.2 s" check); with `--snr N`, every speech clip again
with the real kitchen noise (s24) mixed in at N dB.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.real_clips import RealClip, last_voiced_s, load_clips, with_noise, without_long_pauses  # noqa: E402
from bench.voice_latency import FRAME, RATE, critical_path, pct, print_drafts, start_bench_server  # noqa: E402
from models.asr import normalise_words, word_error_rate  # noqa: E402

@dataclass(frozen=True)
class Variant:
    """How `WhisperASR` decodes (its attributes of the same names)."""

    window: str  # the fast decode's encoder window: "short" (padded) or "trimmed"
    final_mode: str  # "checked", "padded" or "fast"
    reuse_prefix: bool  # decode a long utterance's settled start once
    final_margin_s: float = 6.0  # silence after the speech in a final decode's window
    partial_margin_s: float = 2.0  # ... in a partial's
    retry_margin_s: float = 0.0  # a doubtful final fast decode is tried again with this margin first
    offline_tail: bool = True  # the offline fallback decodes only the audio after a settled start


VARIANTS = {
    "trimmed": Variant("trimmed", "fast", False, final_margin_s=2.0),
    "short": Variant("short", "fast", False, final_margin_s=2.0),
    "checked-full": Variant("short", "checked", False, final_margin_s=2.0, offline_tail=False),
    "checked-before": Variant("short", "checked", True, final_margin_s=2.0, offline_tail=False),
    "checked-tail": Variant("short", "checked", True, final_margin_s=2.0),
    "checked-retry": Variant("short", "checked", True, final_margin_s=2.0, retry_margin_s=6.0),
    "checked-m4": Variant("short", "checked", True, final_margin_s=4.0),
    "checked": Variant("short", "checked", True),
    "checked-m6-all": Variant("short", "checked", True, partial_margin_s=6.0),
    "padded": Variant("short", "padded", True),
}


def apply_variant(asr: Any, name: str) -> None:
    """Set `asr`'s decoding attributes to variant `name`."""
    for f in fields(Variant):
        setattr(asr, f.name, getattr(VARIANTS[name], f.name))


LEAD_S = 0.5  # silence before the clip, as a microphone opened before speaking
TAIL_S = 3.0  # silence streamed after it, while the reply comes
QUIET_S = 3.0  # after the tail: this long without an event and no turn open ends the clip
BARRIER_ITEM = "item_bench_barrier"


@dataclass(frozen=True)
class FinalDecode:
    started: float  # time.monotonic()
    ended: float
    audio_s: float
    decoder: str  # Transcript.decoder: "fast", "padded", "padded after loop", "padded tail after loop", ...


class FinalDecodeLog:
    """Wraps the runtime's `asr.transcribe_final` (the server runs in this process) to log
    each final decode: when it ran, how long, which path."""

    def __init__(self, asr: Any) -> None:
        self.entries: list[FinalDecode] = []
        self.in_flight = 0  # final decodes running now (a turn may still be committed)
        inner = asr.transcribe_final

        def logged(audio: np.ndarray, **kw: Any) -> Any:
            t0 = time.monotonic()
            self.in_flight += 1
            try:
                t = inner(audio, **kw)
            finally:
                self.in_flight -= 1
            self.entries.append(FinalDecode(t0, time.monotonic(), len(audio) / 16000, t.decoder))
            return t

        asr.transcribe_final = logged


@dataclass
class SessionResult:
    turns: list[str] = field(default_factory=list)
    v2v_ms: float | None = None  # last voiced sample sent → first reply audio of the last turn
    final_ready_ms: float | None = None  # last voiced sample sent → the last turn's final transcript
    final_decode_ms: float | None = None  # that final decode's own time
    responses: int = 0
    merged: int = 0  # turns deleted because the next one continued them (decoded together)
    timed_out: bool = False
    decoders: list[str] = field(default_factory=list)  # of every final decode in the session (drafts included)
    metrics: dict[str, Any] = field(default_factory=dict)  # parley.turn.metrics of the last turn's reply: its stages
    prompt: dict[str, Any] = field(default_factory=dict)  # ... and its prompt tokens (evaluated after the end of turn or not)
    reply: str = ""  # ... and what it said (its transcript as it ended)


async def stream_clip(url: str, audio24: np.ndarray, voiced_end_s: float | None, finals: FinalDecodeLog | None = None) -> SessionResult:
    """One fresh session: the clip in real time, then silence until the replies are done."""
    import websockets

    from media.pcm import float_to_pcm16

    res = SessionResult()
    audio = np.concatenate([np.zeros(int(LEAD_S * RATE), np.float32), audio24, np.zeros(int(TAIL_S * RATE), np.float32)])
    async with websockets.connect(url, max_size=None) as ws:
        await ws.send(json.dumps({"type": "session.update", "session": {"type": "realtime", "audio": {"input": {
            "format": {"type": "audio/pcm", "rate": RATE}, "turn_detection": {"type": "server_vad"}}}}}))
        while json.loads(await ws.recv())["type"] != "session.updated":
            pass
        t0 = time.monotonic() + 0.05
        voiced_end_at = t0 + LEAD_S + voiced_end_s if voiced_end_s is not None else None
        sent_all = asyncio.Event()

        async def microphone() -> None:
            silence = np.zeros(FRAME, np.float32)
            i = 0
            while True:  # the clip, its tail, then silence for as long as the session is open
                frame = audio[i:i + FRAME] if i < len(audio) else silence
                if i == len(audio) - len(audio) % FRAME:
                    # A barrier: the server handles a connection's events in order, so its
                    # answer (an item_not_found error) means all the audio has been through VAD.
                    await ws.send(json.dumps({"type": "conversation.item.retrieve", "item_id": BARRIER_ITEM}))
                delay = t0 + i / RATE - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": base64.b64encode(float_to_pcm16(frame)).decode()}))
                i += FRAME

        mic = asyncio.ensure_future(microphone())
        created: dict[str, float] = {}
        done: set[str] = set()
        last_commit_at: float | None = None
        open_turns = 0  # speech_started not yet followed by speech_stopped
        last_stopped_at = 0.0
        turns: dict[str, str] = {}  # item id → transcript, in commit order
        first_audio: dict[str, float] = {}
        reports: dict[str, dict[str, Any]] = {}  # response id → its parley.turn.metrics event
        replies: dict[str, str] = {}  # response id → what it said

        def keep(ev: dict[str, Any]) -> None:
            """What is kept of a reply's closing events: its stage times, and what it said."""
            if ev["type"] == "response.done":
                replies[ev["response"]["id"]] = " ".join(c.get("transcript") or "" for o in ev["response"]["output"] for c in o.get("content") or [])
            elif ev["type"] == "parley.turn.metrics":
                reports[ev["response_id"]] = ev

        def answers() -> list[str]:
            return [rid for rid, at in created.items() if last_commit_at is not None and at >= last_commit_at]

        def answered() -> bool:
            """The last turn that stopped was committed, and its reply's audio has begun."""
            committed = last_commit_at is not None and last_commit_at >= last_stopped_at
            return committed and any(rid in first_audio or rid in done for rid in answers())
        try:
            async with asyncio.timeout(LEAD_S + len(audio24) / RATE + TAIL_S + 40):
                while True:
                    if sent_all.is_set() and open_turns == 0 and answered():
                        break  # the last turn's reply is heard: later audio is not measured
                    try:
                        ev = json.loads(await asyncio.wait_for(ws.recv(), QUIET_S))
                    except TimeoutError:
                        decoding = finals is not None and finals.in_flight > 0
                        if sent_all.is_set() and open_turns == 0 and not decoding and not set(created) - done:
                            break  # all heard, no turn open or being decoded, QUIET_S without an event: no more turns
                        continue
                    now, kind = time.monotonic(), ev["type"]
                    if kind == "error" and BARRIER_ITEM in json.dumps(ev):
                        sent_all.set()
                    elif kind == "input_audio_buffer.speech_started":
                        open_turns += 1
                    elif kind == "input_audio_buffer.speech_stopped":
                        open_turns -= 1
                        last_stopped_at = now
                    elif kind == "input_audio_buffer.committed":
                        last_commit_at = now
                    elif kind == "conversation.item.input_audio_transcription.completed":
                        turns[ev["item_id"]] = ev["transcript"]
                    elif kind == "conversation.item.deleted" and turns.pop(ev["item_id"], None) is not None:
                        res.merged += 1  # a turn the next one continued: its words are in that one
                    elif kind == "response.created":
                        created[ev["response"]["id"]] = now
                    elif kind == "response.output_audio.delta":
                        first_audio.setdefault(ev["response_id"], now)
                    elif kind == "response.done":
                        done.add(ev["response"]["id"])
                    keep(ev)
            pending = set(created) - done
            if pending:  # cancel the reply and see it end, so its LLM work does not run into the next clip
                await ws.send(json.dumps({"type": "response.cancel"}))
                async with asyncio.timeout(15):
                    while pending:
                        ev = json.loads(await ws.recv())
                        if ev["type"] == "response.done":
                            pending.discard(ev["response"]["id"])
                        keep(ev)
        except TimeoutError:
            res.timed_out = True
        finally:
            mic.cancel()
    res.responses = len(created)
    res.turns = list(turns.values())
    last = answers()
    if last and last[0] in first_audio and voiced_end_at is not None:
        res.v2v_ms = (first_audio[last[0]] - voiced_end_at) * 1000
    if last and last[0] in reports:
        res.metrics, res.prompt = reports[last[0]].get("metrics") or {}, reports[last[0]].get("prompt") or {}
    res.reply = replies.get(last[0], "") if last else ""
    if finals is not None:
        mine = [f for f in finals.entries if f.started >= t0]
        res.decoders = [f.decoder for f in mine]
        before_commit = [f for f in mine if last_commit_at is not None and f.ended <= last_commit_at]
        if before_commit and voiced_end_at is not None:
            res.final_ready_ms = (before_commit[-1].ended - voiced_end_at) * 1000
            res.final_decode_ms = (before_commit[-1].ended - before_commit[-1].started) * 1000
    return res


def use_variant(runtime: Any, name: str) -> None:
    apply_variant(runtime.asr, name)


def fell_back(decoder: str) -> bool:
    """A checked final that the offline decode replaced ("padded after loop", "padded tail after …")."""
    return decoder.startswith("padded") and " after " in decoder


def corpus_wer(rows: list[tuple[str, str]]) -> float:
    """Total word errors over total reference words (clips with speech only)."""
    errors = sum(word_error_rate(ref, hyp) * len(normalise_words(ref).split()) for ref, hyp in rows)
    return errors / max(1, sum(len(normalise_words(ref).split()) for ref, _ in rows))


def summarise(label: str, clips: list[RealClip], variants: list[str], offline: dict[str, str],
              streamed: dict[tuple[str, str], list[SessionResult]]) -> None:
    """Corpus WER (offline and each variant) and voice-to-voice percentiles over `clips`."""
    print(f"\n{label} ({len(clips)} clips): {'corpus WER':>10} {'v2v p50':>8} {'p95':>6} {'max':>6} {'final ready p50':>16} {'p95':>6}")
    print(f"{'  offline':{len(label) + 17}} {corpus_wer([(c.reference, offline[c.name]) for c in clips]):10.3f}")
    for v in variants:
        runs = [(c, r) for c in clips for r in streamed[(c.name, v)]]
        v2v = [r.v2v_ms for _c, r in runs if r.v2v_ms is not None]
        ready = [r.final_ready_ms for _c, r in runs if r.final_ready_ms is not None]
        decoders = [d for _c, r in runs for d in r.decoders]
        lat = f"{pct(v2v, 50):8.0f} {pct(v2v, 95):6.0f} {max(v2v):6.0f}" if v2v else f"{'–':>8} {'–':>6} {'–':>6}"
        rdy = f"{pct(ready, 50):16.0f} {pct(ready, 95):6.0f}" if ready else f"{'–':>16} {'–':>6}"
        print(f"{'  ' + v:{len(label) + 17}} {corpus_wer([(c.reference, ' '.join(r.turns)) for c, r in runs]):10.3f} {lat} {rdy}"
              f"  ({len(v2v)}/{len(runs)} answered; {sum(fell_back(d) for d in decoders)}/{len(decoders)} final decodes fell back)")


def fmt_ms(x: float | None) -> str:
    return f"{x:5.0f}" if x is not None else "    –"


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clips", type=Path, default=None, help="folder of NAME.wav + NAME.ref.txt (default ../shared/speech-dev)")
    ap.add_argument("--variants", default="trimmed,checked,padded", help=f"comma-separated, of {','.join(VARIANTS)}")
    ap.add_argument("--snr", type=float, default=None, help="also every speech clip with the kitchen noise mixed in at this SNR (dB)")
    ap.add_argument("--no-joined", action="store_true", help="leave out the ~13 s joined utterance")
    ap.add_argument("--only", default="", help="comma-separated clip name prefixes")
    ap.add_argument("--rounds", type=int, default=1, help="stream every clip this many times per variant")
    args = ap.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    logging.getLogger("parley.turn").setLevel(logging.ERROR)  # the per-turn budget warnings; figures are printed below
    dropped = logging.StreamHandler(sys.stdout)  # say why a turn vanished ("turn … dropped (noise)")
    dropped.addFilter(lambda record: "dropped" in record.getMessage())
    dropped.setFormatter(logging.Formatter("    session log: %(message)s"))
    logging.getLogger("parley.session").addHandler(dropped)
    logging.getLogger("parley.session").setLevel(logging.INFO)
    runtime, server, serve, port = await start_bench_server("real speech through a session vs offline Whisper")
    finals = FinalDecodeLog(runtime.asr)
    url = f"ws://127.0.0.1:{port}/v1/realtime?parley=1"
    clips = load_clips(args.clips)
    noise = next((c for c in clips if not c.reference), None)
    speech = [c for c in clips if c.reference]
    if not args.no_joined:
        clips += [without_long_pauses(runtime.vad, c) for c in speech if c.name.startswith("s16")]
    if args.snr is not None and noise is not None:
        clips += [with_noise(c, noise, args.snr) for c in speech]
    if args.only:
        clips = [c for c in clips if c.name.startswith(tuple(args.only.split(",")))]
    print(f"load average at start {os.getloadavg()}; variants {variants}; {len(clips)} clips; "
          f"final window {runtime.asr.window!r}, silence_duration_ms {runtime.config.silence_duration_ms}")
    use_variant(runtime, variants[0])
    await stream_clip(url, speech[0].at(RATE), last_voiced_s(runtime.vad, speech[0]), finals)  # warm caches; not counted

    offline: dict[str, str] = {}
    streamed: dict[tuple[str, str], list[SessionResult]] = {}
    for round_no in range(args.rounds):
        for clip in clips:
            end = last_voiced_s(runtime.vad, clip)
            print(f"\n{clip.name} ({clip.duration_s:.1f} s, round {round_no + 1})  reference: {clip.reference!r}")
            if clip.name not in offline:
                t = time.perf_counter()
                offline[clip.name] = (await asyncio.to_thread(runtime.asr.transcribe_offline, clip.at(16000))).text
                off_ms = (time.perf_counter() - t) * 1000
                print(f"  {'offline':8} WER {word_error_rate(clip.reference, offline[clip.name]) if clip.reference else float('nan'):5.3f}"
                      f"  decode {off_ms:4.0f} ms  {offline[clip.name]!r}")
            for v in variants:
                use_variant(runtime, v)
                r = await stream_clip(url, clip.at(RATE), end, finals)
                streamed.setdefault((clip.name, v), []).append(r)
                heard = " ".join(r.turns)
                wer = f"{word_error_rate(clip.reference, heard):5.3f}" if clip.reference else f"{len(heard.split()):3d} w"
                fallbacks = sum(fell_back(d) for d in r.decoders)
                print(f"  {v:8} WER {wer}  v2v {fmt_ms(r.v2v_ms)} ms  final ready {fmt_ms(r.final_ready_ms)} ms "
                      f"(decode {fmt_ms(r.final_decode_ms)} ms{f', {fallbacks} fallback(s)' if fallbacks else ''})  "
                      f"{len(r.turns)} turn(s){f' (+{r.merged} merged)' if r.merged else ''}, {r.responses} repl(ies){' TIMED OUT' if r.timed_out else ''}: {' | '.join(r.turns)!r}"
                      f" -> {r.reply[:70]!r}")

    print(f"\nload average at end {os.getloadavg()}")
    for v in variants:  # where each clip's last turn spent its time after the end of turn
        print(f"{v}: ", end="")
        critical_path([{"metrics": r.metrics, "prompt": r.prompt} for (name, var), rs in streamed.items() if var == v for r in rs
                       if r.metrics and not name.startswith("s24")])
    print_drafts(runtime)
    recorded = [c for c in clips if c.reference and c in speech]
    summarise("the real recordings", recorded, variants, offline, streamed)
    for label, subset in (("the joined ~13 s utterance", [c for c in clips if c.name.endswith("_joined")]),
                          (f"the recordings + kitchen noise at {args.snr} dB", [c for c in clips if "+noise" in c.name])):
        if subset:
            summarise(label, subset, variants, offline, streamed)
    for c in clips:
        if not c.reference:
            print(f"no-speech clip {c.name}: " + ", ".join(
                f"{v} {sum(len(r.turns) for r in streamed[(c.name, v)])} turn(s) {sum(r.responses for r in streamed[(c.name, v)])} repl(ies)"
                for v in variants))
    server.should_exit = True
    await serve


if __name__ == "__main__":
    asyncio.run(main())
