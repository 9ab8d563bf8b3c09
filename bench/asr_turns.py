"""Real recordings cut into turns the way a session cuts them, decoded directly: word error
rate and decode times per ASR variant without a server, an LLM or real-time pacing, so the
word error rates do not depend on how loaded the machine is (`bench/asr_real.py` is the
end-to-end run). Decode times do: compare them as the printed ratios to `--baseline`.

    .venv/bin/python bench/asr_turns.py [--variants checked-before,checked,padded] [--rounds 3] [--snr 5]

Each clip (0.5 s of silence before, 2 s after) goes through Silero VAD and `EndOfSpeech`
with the default settings, as a session's microphone input does: partial decodes every
0.6 s of speech, a draft decode when a pause starts (the audio that has arrived by then,
at most 200 ms past the last voiced frame), dropped if speech resumes, committed as a turn
when the turn ends; the draft's transcript is the end-of-turn hint, as in the session.
Speech that starts within the merge window (1.5 s, `merge_window_ms`) of a committed turn
continues it, as in the session: the two parts are decoded together (s16, five sentences
with ~1 s pauses, becomes one turn, its last final decode covering all 17 s).
The offline baseline decodes each whole clip with the library's padded 30 s window.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.asr_real import VARIANTS, apply_variant, corpus_wer, fell_back  # noqa: E402
from bench.real_clips import RealClip, load_clips, with_noise, without_long_pauses  # noqa: E402
from media.endpointing import EndOfSpeech, PauseStarted, SpeechResumed, SpeechStarted, TurnEnded  # noqa: E402
from models.asr import WhisperASR, is_probable_hallucination, word_error_rate  # noqa: E402
from models.vad import FRAME_SAMPLES, SileroVAD  # noqa: E402

PREFIX_PADDING = 300 * 16  # samples before the first voiced frame (prefix_padding_ms)
TAIL = 200 * 16  # samples past the last voiced frame a draft decodes, when they have arrived
PARTIAL_EVERY = 600 * 16
MERGE_WINDOW_MS = 1500  # agent/config.py merge_window_ms


@dataclass(frozen=True)
class FinalDecode:
    """One committed turn's final decode: its time, its audio and which path decoded it."""

    ms: float
    audio_s: float
    decoder: str  # Transcript.decoder: "fast", "fast after settled start", "padded after loop", ...
    merged: bool  # the audio of a turn the user continued, decoded with the continuation


@dataclass
class SessionDecodes:
    turns: list[str]  # the user turns' transcripts, after merges
    finals: list[FinalDecode]  # each committed turn's final decode (a merged one too: it ran)
    partial_ms: list[float]  # each partial decode's time


def session_turns(asr: WhisperASR, vad: SileroVAD, audio16: np.ndarray, *, merge_ms: float = MERGE_WINDOW_MS,
                  prompted: bool = False, settle_merged: bool = True) -> SessionDecodes:
    """The user turns a session makes of `audio16`, and the decodes it runs.

    Speech starting within `merge_ms` of a committed turn's end continues it, as in the
    session (`merge_window_ms`): the earlier turn is withdrawn and the continuation decodes
    the audio of both parts together, from the first part's final transcript on (the audio
    up to the pause is settled with it: `WhisperASR.settle`; not with `settle_merged=False`,
    as when the first part's transcript was not ready). With `prompted`, the final decode is given the
    session's earlier user turns as `prompt` (what `transcribe_final(prompt=)` accepts)."""
    x = np.concatenate([np.zeros(8000, np.float32), audio16, np.zeros(32000, np.float32)])
    stream, eos = vad.stream(), EndOfSpeech()
    start: int | None = None
    merged = False
    draft: tuple[str, bool, float, str, float] | None = None  # (text, hallucination?, decode ms, decoder, audio s)
    last_partial = 0
    turns: list[str] = []
    decodes: list[FinalDecode] = []
    partial_ms: list[float] = []
    committed: tuple[int, int] | None = None  # the last committed turn: (start, end) samples
    for i in range(0, len(x), FRAME_SAMPLES):
        arrived = i + FRAME_SAMPLES
        for prob in stream.process(x[i:arrived]):
            for ev in eos.push(prob):
                if isinstance(ev, SpeechStarted):
                    start, last_partial, merged = max(0, int(ev.start_ms * 16) - PREFIX_PADDING), 0, False
                    if committed is not None and turns and start - committed[1] <= merge_ms * 16:
                        # one thought: decode both parts together, the first part's audio
                        # settled with its final transcript (as the session's merge does)
                        first_part = turns.pop()
                        if settle_merged:
                            asr.settle(x[committed[0]:min(committed[1], int(ev.start_ms * 16))], first_part)
                        start, merged = committed[0], True
                elif isinstance(ev, PauseStarted) and start is not None:
                    prompt = " ".join(turns) if prompted else ""
                    audio = x[start:min(arrived, int(ev.speech_end_ms * 16) + TAIL)]
                    t0 = time.perf_counter()
                    t = asr.transcribe_final(audio, prompt=prompt)
                    draft = (t.text, is_probable_hallucination(t), (time.perf_counter() - t0) * 1000, t.decoder, len(audio) / 16000)
                    if not draft[1]:
                        eos.transcript_hint = t.text
                elif isinstance(ev, SpeechResumed):
                    draft = None
                elif isinstance(ev, TurnEnded):
                    if draft is not None and not draft[1] and start is not None:
                        turns.append(draft[0])
                        decodes.append(FinalDecode(draft[2], draft[4], draft[3], merged))
                        committed = (start, int(ev.speech_end_ms * 16) + TAIL)
                    start, draft = None, None
        if start is not None and draft is None and arrived - start - last_partial >= PARTIAL_EVERY:
            last_partial = arrived - start
            t0 = time.perf_counter()
            t = asr.transcribe(x[start:arrived])
            partial_ms.append((time.perf_counter() - t0) * 1000)
            if not is_probable_hallucination(t):
                eos.transcript_hint = t.text
    return SessionDecodes(turns, decodes, partial_ms)


def use_variant(asr: WhisperASR, name: str) -> None:
    apply_variant(asr, name)


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(xs, q)) if xs else float("nan")


def summarise(label: str, subset: list[RealClip], variants: list[str], baseline: str, offline: dict[str, str],
              runs: dict[str, dict[str, list[SessionDecodes]]]) -> None:
    """Corpus WER and decode-time percentiles per variant, times as ratios to `baseline`'s."""
    def stats(v: str, pick: Any) -> list[float]:
        return [x for c in subset for r in runs[v][c.name] for x in pick(r)]

    finals = {v: stats(v, lambda r: [f.ms for f in r.finals]) for v in variants}
    base = finals.get(baseline) or next(iter(finals.values()))
    print(f"\n  {label}: {'corpus WER':>10}  {'final decode ms p50':>19} {'p95':>6} {'max':>6}  "
          f"{'ratio to ' + baseline + ' p50 / p95 / max':>38}  {'partial p50':>11} {'p95':>5}  fallbacks")
    print(f"  {'offline':16} {corpus_wer([(c.reference, offline[c.name]) for c in subset]):10.3f}")
    for v in variants:
        ms, partial = finals[v], stats(v, lambda r: r.partial_ms)
        wer = float(np.mean([corpus_wer([(c.reference, " ".join(r.turns)) for c in subset for r in runs[v][c.name][k:k + 1]])
                             for k in range(len(runs[v][subset[0].name]))]))
        ratio = " / ".join(f"{pct(ms, q) / pct(base, q):.2f}" for q in (50, 95, 100))
        fell = sum(fell_back(f.decoder) for c in subset for r in runs[v][c.name] for f in r.finals)
        print(f"  {v:16} {wer:10.3f}  {pct(ms, 50):19.0f} {pct(ms, 95):6.0f} {pct(ms, 100):6.0f}  {ratio:>38}  "
              f"{pct(partial, 50):11.0f} {pct(partial, 95):5.0f}  {fell}/{len(ms)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clips", type=Path, default=None)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--baseline", default="checked-before", help="the variant decode times are divided by")
    ap.add_argument("--snr", type=float, default=None, help="also each speech clip with the kitchen noise mixed in at this SNR (dB)")
    ap.add_argument("--rounds", type=int, default=1, help="decode every clip this many times per variant (interleaved)")
    ap.add_argument("--only", default="", help="comma-separated clip name prefixes")
    ap.add_argument("--no-merge", action="store_true", help="never merge a continuation into the turn before it")
    args = ap.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    asr, vad = WhisperASR(), SileroVAD()
    clips = load_clips(args.clips)
    noise = next((c for c in clips if not c.reference), None)
    speech = [c for c in clips if c.reference and c.name.startswith(tuple(args.only.split(",")))]
    sets: dict[str, list[RealClip]] = {"the real recordings": speech,
                                       "the joined ~13 s utterance": [without_long_pauses(vad, c) for c in speech if c.name.startswith("s16")]}
    if args.snr is not None and noise is not None:
        sets[f"the recordings + kitchen noise at {args.snr:g} dB"] = [with_noise(c, noise, args.snr) for c in speech]
    merge_ms = 0.0 if args.no_merge else MERGE_WINDOW_MS
    print(f"# real recordings cut into turns as a session cuts them (merge window {merge_ms:g} ms), decoded directly; "
          f"load average at start {os.getloadavg()}")
    results: dict[str, tuple[list[RealClip], dict[str, str], dict[str, dict[str, list[SessionDecodes]]]]] = {}
    for label, subset in sets.items():
        if not subset:
            continue
        offline = {c.name: asr.transcribe_offline(c.at(16000)).text for c in subset}
        runs: dict[str, dict[str, list[SessionDecodes]]] = {v: {c.name: [] for c in subset} for v in variants}
        print(f"\n{label}:")
        for round_no in range(args.rounds):
            for c in subset:
                print(f"  {c.name} (round {round_no + 1})  reference {c.reference!r}\n    {'offline':16} "
                      f"{word_error_rate(c.reference, offline[c.name]):.3f} {offline[c.name]!r}")
                for v in variants:
                    use_variant(asr, v)
                    asr._prefixes = type(asr._prefixes)()  # each variant starts with no settled prefixes
                    r = session_turns(asr, vad, c.at(16000), merge_ms=merge_ms)
                    runs[v][c.name].append(r)
                    decodes = ", ".join(f"{f.audio_s:.1f} s {f.ms:.0f} ms {f.decoder}" for f in r.finals)
                    print(f"    {v:16} {word_error_rate(c.reference, ' '.join(r.turns)):.3f} {' | '.join(r.turns)!r}\n"
                          f"    {'':16} finals: {decodes}")
        results[label] = (subset, offline, runs)
    print(f"\nload average at end {os.getloadavg()}; WER is the mean over rounds, decode times pool every round")
    for label, (subset, offline, runs) in results.items():
        summarise(label, subset, variants, args.baseline, offline, runs)
    if noise is not None:
        for v in variants:
            use_variant(asr, v)
            turns = session_turns(asr, vad, noise.at(16000), merge_ms=merge_ms).turns
            print(f"no-speech clip {noise.name}, {v}: {len(turns)} turn(s) {turns!r}")


if __name__ == "__main__":
    main()
