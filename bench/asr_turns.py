"""Real recordings cut into turns the way a session cuts them, decoded directly: word error
rate per ASR variant without a server, an LLM or real-time pacing, so the figures do not
depend on how loaded the machine is (`bench/asr_real.py` is the end-to-end run).

    .venv/bin/python bench/asr_turns.py [--variants trimmed,short,checked-full,checked,padded] [--snr 5]

Each clip (0.5 s of silence before, 2 s after) goes through Silero VAD and `EndOfSpeech`
with the default settings, as a session's microphone input does: partial decodes every
0.6 s of speech, a draft decode when a pause starts (the audio that has arrived by then,
at most 200 ms past the last voiced frame), dropped if speech resumes, committed as a turn
when the turn ends; the draft's transcript is the end-of-turn hint, as in the session.
The offline baseline decodes each whole clip with the library's padded 30 s window.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.asr_real import VARIANTS, corpus_wer  # noqa: E402
from bench.real_clips import RealClip, load_clips, with_noise, without_long_pauses  # noqa: E402
from media.endpointing import EndOfSpeech, PauseStarted, SpeechResumed, SpeechStarted, TurnEnded  # noqa: E402
from models.asr import WhisperASR, is_probable_hallucination, word_error_rate  # noqa: E402
from models.vad import FRAME_SAMPLES, SileroVAD  # noqa: E402

PREFIX_PADDING = 300 * 16  # samples before the first voiced frame (prefix_padding_ms)
TAIL = 200 * 16  # samples past the last voiced frame a draft decodes, when they have arrived
PARTIAL_EVERY = 600 * 16


def session_turns(asr: WhisperASR, vad: SileroVAD, audio16: np.ndarray) -> tuple[list[str], list[float]]:
    """(the user turns' transcripts, each committed turn's final-decode ms)."""
    x = np.concatenate([np.zeros(8000, np.float32), audio16, np.zeros(32000, np.float32)])
    stream, eos = vad.stream(), EndOfSpeech()
    start: int | None = None
    draft: tuple[str, bool, float] | None = None  # (text, hallucination?, decode ms)
    last_partial = 0
    turns: list[str] = []
    decode_ms: list[float] = []
    for i in range(0, len(x), FRAME_SAMPLES):
        arrived = i + FRAME_SAMPLES
        for prob in stream.process(x[i:arrived]):
            for ev in eos.push(prob):
                if isinstance(ev, SpeechStarted):
                    start, last_partial = max(0, int(ev.start_ms * 16) - PREFIX_PADDING), 0
                elif isinstance(ev, PauseStarted) and start is not None:
                    t0 = time.perf_counter()
                    t = asr.transcribe_final(x[start:min(arrived, int(ev.speech_end_ms * 16) + TAIL)])
                    draft = (t.text, is_probable_hallucination(t), (time.perf_counter() - t0) * 1000)
                    if not draft[1]:
                        eos.transcript_hint = t.text
                elif isinstance(ev, SpeechResumed):
                    draft = None
                elif isinstance(ev, TurnEnded):
                    if draft is not None and not draft[1]:
                        turns.append(draft[0])
                        decode_ms.append(draft[2])
                    start, draft = None, None
        if start is not None and draft is None and arrived - start - last_partial >= PARTIAL_EVERY:
            last_partial = arrived - start
            t = asr.transcribe(x[start:arrived])
            if not is_probable_hallucination(t):
                eos.transcript_hint = t.text
    return turns, decode_ms


def use_variant(asr: WhisperASR, name: str) -> None:
    asr.window, asr.final_mode, asr.reuse_prefix = VARIANTS[name]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clips", type=Path, default=None)
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--snr", type=float, default=None, help="also each speech clip with the kitchen noise mixed in at this SNR (dB)")
    args = ap.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    asr, vad = WhisperASR(), SileroVAD()
    clips = load_clips(args.clips)
    noise = next((c for c in clips if not c.reference), None)
    speech = [c for c in clips if c.reference]
    sets: dict[str, list[RealClip]] = {"the real recordings": speech,
                                       "the joined ~13 s utterance": [without_long_pauses(vad, c) for c in speech if c.name.startswith("s16")]}
    if args.snr is not None and noise is not None:
        sets[f"the recordings + kitchen noise at {args.snr:g} dB"] = [with_noise(c, noise, args.snr) for c in speech]
    print(f"# real recordings cut into turns as a session cuts them, decoded directly; load average {os.getloadavg()}")
    for label, subset in sets.items():
        offline = {c.name: asr.transcribe_offline(c.at(16000)).text for c in subset}
        heard: dict[str, dict[str, list[str]]] = {v: {} for v in variants}
        ms: dict[str, list[float]] = {v: [] for v in variants}
        print(f"\n{label}:")
        for c in subset:
            print(f"  {c.name}  reference {c.reference!r}\n    {'offline':12} {word_error_rate(c.reference, offline[c.name]):.3f} {offline[c.name]!r}")
            for v in variants:
                use_variant(asr, v)
                asr._prefixes = type(asr._prefixes)()  # each variant starts with no settled prefixes
                turns, decode_ms = session_turns(asr, vad, c.at(16000))
                heard[v][c.name], ms[v] = turns, ms[v] + decode_ms
                print(f"    {v:12} {word_error_rate(c.reference, ' '.join(turns)):.3f} {' | '.join(turns)!r}")
        print(f"  {'':12} corpus WER   final decode ms p50 (load-dependent)")
        print(f"  {'offline':12} {corpus_wer([(c.reference, offline[c.name]) for c in subset]):10.3f}")
        for v in variants:
            wer = corpus_wer([(c.reference, " ".join(heard[v][c.name])) for c in subset])
            print(f"  {v:12} {wer:10.3f}   {float(np.median(ms[v])) if ms[v] else float('nan'):6.0f}")
    if noise is not None:
        for v in variants:
            use_variant(asr, v)
            turns, _ = session_turns(asr, vad, noise.at(16000))
            print(f"no-speech clip {noise.name}, {v}: {len(turns)} turn(s) {turns!r}")


if __name__ == "__main__":
    main()
