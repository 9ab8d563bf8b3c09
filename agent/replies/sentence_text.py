"""Sentences and words of reply text, as the reply guard compares them: where a sentence ends
(not at "e.g." or "No."), its words without punctuation, and how alike two word lists are."""
from __future__ import annotations

import re
from collections.abc import Sequence

_SENTENCE_END = re.compile(r"[.!?…]+[\"')\]]*(?=\s)")
_NOT_AN_END = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|Mr|Mrs|Dr|St|No|approx)\.|\.\.\.)$", re.I)


def words_of(text: str) -> list[str]:
    """Lower-cased words without punctuation (for comparisons)."""
    return [w for w in (re.sub(r"[^\w'+-]", "", t.lower()) for t in text.split()) if w]


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def split_sentences(text: str) -> list[str]:
    out, rest = [], text
    while (end := sentence_end(rest + " ")) is not None and rest.strip():
        out.append(rest[:end].strip())
        rest = rest[end:]
    if rest.strip():
        out.append(rest.strip())
    return out


def sentence_end(text: str) -> int | None:
    for m in _SENTENCE_END.finditer(text):
        if _NOT_AN_END.search(text[: m.end()]):
            continue
        return m.end()
    return None
