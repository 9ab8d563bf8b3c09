"""SentenceChunker: cut streamed LLM text into speakable chunks as early as sensible.

The first chunk is cut at the first clause boundary (comma, colon, dash) once it has a few
words, or, in a long first sentence with no boundary, after `first_max_words` words (fewer
if that would end on a word like "the" or "to"), so synthesis starts before the sentence
is finished. A long first sentence that arrives whole (one held back until complete: a risky
turn's, a canned one) is cut the same way, and also after a lone opening word ("Sorry," /
"Yes,"): its first audio then costs the synthesis of a few words, not of the sentence.
Later chunks are cut at sentence ends (or clause ends once they grow long), which sounds
more natural.
"""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?…](?:[\"')\]]*)(?=\s)|\n+")
_CLAUSE_END = re.compile(r"[,;:—–](?=\s)|\s-\s")
_WORD = re.compile(r"\S+")
# Words a spoken phrase should not end on: the next chunk would start mid-phrase.
_WEAK_ENDINGS = frozenset(
    "a an the to of in on at for from with by and or but so that which who is are was were be "
    "can could will would should may might must do does did has have had your my our their its "
    "this these those if as than then not".split()
)
_ABBREV = re.compile(r"\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|St|No|approx|\d+)\.$")


class SentenceChunker:
    def __init__(self, *, first_min_words: int = 2, first_max_words: int = 5, clause_min_words: int = 12, max_chars: int = 220) -> None:
        self.first_min_words = first_min_words
        self.first_max_words = first_max_words
        self.clause_min_words = clause_min_words
        self.max_chars = max_chars
        self._buf = ""
        self._emitted = 0

    def push(self, delta: str) -> list[str]:
        """Add streamed text; return the chunks that are now complete."""
        self._buf += delta
        out: list[str] = []
        while (chunk := self._cut()) is not None:
            out.append(chunk)
        return out

    def flush(self) -> list[str]:
        rest, self._buf = self._buf.strip(), ""
        if rest:
            self._emitted += 1
            return [rest]
        return []

    def _cut(self) -> str | None:
        buf = self._buf
        for m in _SENTENCE_END.finditer(buf):
            head = buf[: m.end()]
            if _ABBREV.search(head.rstrip()) and not head.endswith("\n"):
                continue
            if len(head.split()) >= 1 and head.strip():
                if self._emitted == 0 and len(head.split()) > self.first_max_words + 1:
                    return self._take(self._first_words_end(head))
                return self._take(m.end())
        min_words = self.first_min_words if self._emitted == 0 else self.clause_min_words
        for m in _CLAUSE_END.finditer(buf):
            if len(buf[: m.end()].split()) >= min_words:
                return self._take(m.end())
        if self._emitted == 0:
            words = list(_WORD.finditer(buf))
            whole = len(words) if buf[-1:].isspace() else len(words) - 1
            if whole >= self.first_max_words:
                # No boundary in a long first sentence: speak its first words now. A word is
                # whole once the next has begun (LLM tokens carry their leading space) or a
                # space follows it (the reply guard passes a word on with its space once the
                # next token shows it ended: waiting for one more token cost ~40 ms).
                # Do not end on "the", "to", "of"...
                k = self.first_max_words
                while k > self.first_min_words and words[k - 1].group().lower() in _WEAK_ENDINGS:
                    k -= 1
                return self._take(words[k - 1].end())
        if len(buf) > self.max_chars:
            cut = buf.rfind(" ", 0, self.max_chars)
            return self._take(cut if cut > 0 else self.max_chars)
        return None

    def _first_words_end(self, sentence: str) -> int:
        """Where to cut a long first sentence that is already whole: after its first clause
        (a lone opening word such as "Sorry," counts), else after `first_max_words` words,
        not on a weak word."""
        words = list(_WORD.finditer(sentence))
        for m in _CLAUSE_END.finditer(sentence):
            if len(sentence[: m.end()].split()) <= self.first_max_words:
                return m.end()
            break
        k = self.first_max_words
        while k > self.first_min_words and words[k - 1].group().lower() in _WEAK_ENDINGS:
            k -= 1
        return words[k - 1].end()

    def _take(self, end: int) -> str | None:
        chunk, self._buf = self._buf[:end].strip(), self._buf[end:]
        if not chunk:
            return self._cut() if self._buf.strip() else None
        self._emitted += 1
        return chunk
