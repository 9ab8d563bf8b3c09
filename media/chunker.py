"""SentenceChunker: cut streamed LLM text into speakable chunks as early as sensible.

The first chunk is cut at the first clause boundary (comma, colon, dash) once it has a few
words, or after `first_max_words` words if no boundary comes, so synthesis starts before
the sentence is finished; later chunks are cut at
sentence ends (or clause ends once they grow long), which sounds more natural.
"""
from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?…](?:[\"')\]]*)(?=\s)|\n+")
_CLAUSE_END = re.compile(r"[,;:—–](?=\s)|\s-\s")
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
                return self._take(m.end())
        min_words = self.first_min_words if self._emitted == 0 else self.clause_min_words
        for m in _CLAUSE_END.finditer(buf):
            if len(buf[: m.end()].split()) >= min_words:
                return self._take(m.end())
        if self._emitted == 0 and len(buf.split()) > self.first_max_words and buf[-1:].isspace():
            # No clause boundary yet: start speaking after a few words rather than wait.
            words = buf.split()
            return self._take(len(buf) - len(buf.lstrip()) + len(" ".join(words[: self.first_max_words])))
        if len(buf) > self.max_chars:
            cut = buf.rfind(" ", 0, self.max_chars)
            return self._take(cut if cut > 0 else self.max_chars)
        return None

    def _take(self, end: int) -> str | None:
        chunk, self._buf = self._buf[:end].strip(), self._buf[end:]
        if not chunk:
            return self._cut() if self._buf.strip() else None
        self._emitted += 1
        return chunk
