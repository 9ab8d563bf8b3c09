"""Signal handling without models: G.711, resampling, speech text, chunking, endpointing."""
from __future__ import annotations

import numpy as np
import pytest

from media import g711
from media.chunker import SentenceChunker
from media.endpointing import FRAME_MS, EndOfSpeech, PauseStarted, SpeechResumed, SpeechStarted, TurnEnded
from media.pcm import AudioFormatError, StreamResampler, decode_base64, pcm16_to_float, resample
from media.speech_text import normalise_for_speech, number_to_words


def test_g711_known_codewords():
    # ITU-T G.711: μ-law 0xFF and A-law 0xD5 are the smallest positive steps; 0x00/0x2A extremes.
    assert np.frombuffer(g711.ulaw_decode(bytes([0xFF, 0x7F, 0x00, 0x80])), "<i2").tolist() == [0, 0, -32124, 32124]
    assert np.frombuffer(g711.alaw_decode(bytes([0xD5, 0x55, 0xAA, 0x2A])), "<i2").tolist() == [8, -8, 32256, -32256]


@pytest.mark.parametrize("codec", ["ulaw", "alaw"])
def test_g711_round_trip_keeps_a_tone(codec):
    enc, dec = getattr(g711, f"{codec}_encode"), getattr(g711, f"{codec}_decode")
    tone = (np.sin(np.arange(8000) / 8000 * 2 * np.pi * 440) * 12000).astype("<i2")
    back = np.frombuffer(dec(enc(tone.tobytes())), "<i2").astype(np.float64)
    snr = 10 * np.log10((tone.astype(np.float64) ** 2).sum() / ((tone - back) ** 2).sum())
    assert len(enc(tone.tobytes())) == len(tone)
    assert snr > 30  # G.711 gives ~38 dB on a loud tone


def test_stream_resampler_matches_one_shot_across_chunk_boundaries():
    x = np.sin(np.arange(48000) / 24000 * 2 * np.pi * 300).astype(np.float32)
    one = resample(x, 24000, 16000)
    r = StreamResampler(24000, 16000)
    chunked = np.concatenate([r.process(x[i:i + 333]) for i in range(0, len(x), 333)])
    assert abs(len(one) - 32000) <= 1 and len(chunked) == len(one)
    assert np.abs(one - chunked).max() < 1e-4
    up = resample(x[:2400], 24000, 48000)
    assert abs(len(up) - 4800) <= 2


def test_bad_pcm_is_rejected_with_codes():
    with pytest.raises(AudioFormatError) as e:
        decode_base64("not base64!!")
    assert e.value.code == "invalid_base64"
    with pytest.raises(AudioFormatError) as e:
        pcm16_to_float(b"\x00\x01\x02")
    assert e.value.code == "invalid_audio_length"


@pytest.mark.parametrize("written, spoken", [
    ("It costs $3.50", "It costs three dollars and fifty cents"),
    ("Open https://www.example.com/docs now", "Open example dot com now"),
    ("Upgrade to v2.10.1 first", "Upgrade to version two point ten point one first"),
    ("It took 250ms at 10:30", "It took two hundred and fifty milliseconds at ten thirty"),
    ("Use 1,200 MB, e.g. the SSD", "Use one thousand two hundred megabytes, for example the S S D"),
    ("Run `ls -la` in the shell", "Run ls dash l a in the shell"),
    ("**Bold** and 50% off", "Bold and fifty percent off"),
])
def test_normalise_for_speech(written, spoken):
    assert normalise_for_speech(written) == spoken


def test_number_words():
    assert number_to_words(0) == "zero"
    assert number_to_words(1_000_001) == "one million and one"
    assert number_to_words(-42) == "minus forty-two"


def stream_chunks(text: str, step: int = 3, **kw) -> list[str]:
    c = SentenceChunker(**kw)
    out: list[str] = []
    for i in range(0, len(text), step):
        out += c.push(text[i:i + step])
    return out + c.flush()


def test_chunker_cuts_first_clause_early_then_sentences():
    text = "Sure thing, the error means the file is missing. Check the path, then retry. Dr. Smith agrees."
    chunks = stream_chunks(text)
    assert chunks[0] == "Sure thing,"
    assert chunks[1] == "the error means the file is missing."
    assert "Dr. Smith agrees." in chunks  # no cut after an abbreviation
    assert " ".join(chunks) == text


def llm_tokens(text: str) -> list[str]:
    """Text as an LLM streams it: each word a token with its leading space."""
    words = text.split(" ")
    return [words[0]] + [" " + w for w in words[1:]]


def test_chunker_speaks_a_long_first_sentence_before_it_ends():
    c = SentenceChunker(first_max_words=5)
    tokens = llm_tokens("A web browser is a software application that lets you visit websites. It shows pages.")
    chunks = [(i, chunk) for i, tok in enumerate(tokens) for chunk in c.push(tok)]
    # once the 6th word begins, the first five are whole: speak them, minus a dangling "is a"
    assert chunks[0] == (5, "A web browser")
    assert chunks[1][1] == "is a software application that lets you visit websites."
    assert " ".join(ch for _, ch in chunks + [(None, x) for x in c.flush()]) == " ".join(tokens).replace("  ", " ")


def test_chunker_speaks_the_first_words_once_a_space_shows_they_are_whole():
    # the reply guard passes each word on with its trailing space once the next token shows
    # it ended: the third word is whole then, not one token later when the fourth begins
    c = SentenceChunker(first_max_words=3)
    pieces = ["He ", "could ", "wait ", "no ", "longer", "."]
    chunks = [(i, chunk) for i, piece in enumerate(pieces) for chunk in c.push(piece)]
    assert chunks == [(2, "He could wait")]
    c = SentenceChunker(first_max_words=3)
    assert [chunk for piece in ["He", " could", " wait"] for chunk in c.push(piece)] == []  # "wait" may go on ("waiting")


def test_chunker_keeps_a_short_first_sentence_whole():
    c = SentenceChunker(first_max_words=7)
    out = [chunk for tok in llm_tokens("There are 7 days in a week. Each has 24 hours.") for chunk in c.push(tok)] + c.flush()
    assert out == ["There are 7 days in a week.", "Each has 24 hours."]


def test_chunker_cuts_a_long_first_sentence_that_arrives_whole():
    # a sentence held back until complete (a risky turn's, the canned fallback) is spoken
    # from its first clause, even a lone "Sorry,", or its first words, like a streamed one
    c = SentenceChunker(first_max_words=3)
    assert c.push("Sorry, I'm not sure about that one. Could you tell me a bit more? ") == [
        "Sorry,", "I'm not sure about that one.", "Could you tell me a bit more?"]
    c = SentenceChunker(first_max_words=3)
    assert c.push("Unplug the charger from the wall and let it cool. ")[0] == "Unplug the charger"
    c = SentenceChunker(first_max_words=3)
    assert c.push("Back up your files first, because that erases the disk. ")[0] == "Back up"  # not on "your"
    c = SentenceChunker(first_max_words=3)
    assert c.push("No, don't. That is a scam. ") == ["No, don't.", "That is a scam."]  # short: whole


def test_chunker_cuts_very_long_runs():
    chunks = stream_chunks("word " * 100, max_chars=60)
    assert all(len(c) <= 60 for c in chunks) and len(chunks) > 5


def frames(pattern: str, voiced: float = 0.9, unvoiced: float = 0.05) -> list[float]:
    return [voiced if ch == "#" else unvoiced for ch in pattern]


def run(eos: EndOfSpeech, probs: list[float]) -> list:
    events = []
    for p in probs:
        events += eos.push(p)
    return events


def test_endpointing_turn_with_pause_and_resume():
    eos = EndOfSpeech(silence_duration_ms=500, min_speech_ms=250, pause_ms=160)
    events = run(eos, frames("....##########......#######" + "." * 20))
    kinds = [type(e) for e in events]
    assert kinds == [SpeechStarted, PauseStarted, SpeechResumed, PauseStarted, TurnEnded]
    assert events[0].start_ms == 4 * FRAME_MS
    end = events[-1]
    assert end.speech_end_ms == 27 * FRAME_MS  # the last voiced frame, not the decision time
    assert end.decided_ms - end.speech_end_ms >= 500


def test_a_cough_starts_no_turn():
    eos = EndOfSpeech(min_speech_ms=250)
    assert run(eos, frames("....###......##....." * 3)) == []


def test_comma_pause_waits_longer_than_a_full_stop():
    def silence_needed(hint: str) -> int:
        eos = EndOfSpeech(silence_duration_ms=500)
        run(eos, frames("##########"))
        eos.transcript_hint = hint
        for n in range(1, 200):
            if any(isinstance(e, TurnEnded) for e in eos.push(0.0)):
                return n
        return -1

    assert silence_needed("I opened the settings,") > silence_needed("") > silence_needed("It crashed.")
