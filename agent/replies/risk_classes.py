"""Which risky classes a user's question is in, by its nearest labelled examples.

The classes: scam, credentials, payment, remote_access, physical_hazard, destructive. There is
no phrase list per class: a question is compared with the hand-written example questions of
`risk_examples.EXAMPLES` (including questions that only sound close, "none"), as TF-IDF
vectors of its words, word pairs and the four-letter pieces of its words (so "refunded",
"refund" and "refunds" meet, and so do misheard or misspelt words). A class is named when its
two nearest examples are close enough, and closer than the nearest "none" examples by a margin.

Cost: building the index takes ~30 ms once; a question takes well under a millisecond (one
small matrix-vector product), so it sits on the reply's path for free.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .risk_examples import EXAMPLES

CLASSES = ("scam", "credentials", "payment", "remote_access", "physical_hazard", "destructive")
NONE = "none"

THRESHOLD = 0.22  # the mean similarity of a class's two nearest examples, at least
MARGIN = 0.0  # ... and above the "none" examples' by this much
TOP = 2

_STOP = frozenset(
    "a an the i me my mine we our you your he him his she her it its they them their this that these those is are was were be been "
    "am do does did doing have has had to of in on at for from with by as and or but if so then than just can could should would "
    "will shall may might must what which who whom how when where why there here now all any some very really get got again up "
    "out about into over".split())
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
CHAR_WEIGHT = 0.5
PAIR_WEIGHT = 0.7


def _stem(word: str) -> str:
    word = word.split("'")[0]
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def features(text: str) -> Counter[str]:
    """Weighted features of a text: word stems, pairs of neighbouring stems, 4-letter pieces."""
    words = [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]
    out: Counter[str] = Counter()
    for w in words:
        out["w:" + w] += 1.0
        padded = f" {w} "
        for i in range(len(padded) - 3):
            out["c:" + padded[i:i + 4]] += CHAR_WEIGHT
    for a, b in zip(words, words[1:]):
        out[f"p:{a} {b}"] += PAIR_WEIGHT
    return out


@dataclass(frozen=True)
class Index:
    vocab: dict[str, int]
    idf: np.ndarray
    matrix: np.ndarray  # one L2-normalised row per example
    labels: tuple[frozenset[str], ...]  # each example's classes ("none" for none)
    rows: dict[str, np.ndarray]  # the rows of each class

    def vector(self, text: str) -> np.ndarray:
        v = np.zeros(len(self.vocab), np.float32)
        for f, n in features(text).items():
            j = self.vocab.get(f)
            if j is not None:
                v[j] = (1.0 + math.log(n)) * self.idf[j] if n >= 1 else n * self.idf[j]
        norm = float(np.linalg.norm(v))
        return v / norm if norm else v


def build(examples: dict[str, tuple[str, ...]] = EXAMPLES) -> Index:
    texts, labels = [], []
    for label, questions in examples.items():
        for q in questions:
            texts.append(q)
            labels.append(frozenset(label.split("+")))
    feats = [features(t) for t in texts]
    df: Counter[str] = Counter(f for fs in feats for f in fs)
    vocab = {f: i for i, f in enumerate(sorted(df))}
    idf = np.array([math.log((1 + len(texts)) / (1 + df[f])) + 1.0 for f in sorted(df)], np.float32)
    rows = {c: np.array([i for i, labs in enumerate(labels) if c in labs], np.intp) for c in (*CLASSES, NONE)}
    index = Index(vocab, idf, np.zeros((0, len(vocab)), np.float32), tuple(labels), rows)
    matrix = np.stack([index.vector(t) for t in texts]) if texts else np.zeros((0, len(vocab)), np.float32)
    return Index(vocab, idf, matrix, tuple(labels), rows)


@lru_cache(maxsize=1)
def _default_index() -> Index:
    return build()


def scores(question: str, index: Index | None = None, top: int = TOP) -> dict[str, float]:
    """Each class's (and "none"'s) closeness to the question: the mean cosine similarity of
    its `top` nearest examples."""
    index = index or _default_index()
    return scores_of(index.matrix @ index.vector(question), index, top)


def scores_of(sims: np.ndarray, index: Index, top: int = TOP) -> dict[str, float]:
    out = {}
    for label, r in index.rows.items():
        if len(r):
            k = min(top, len(r))
            out[label] = float(np.partition(sims[r], len(r) - k)[-k:].mean())
    return out


def decide(s: dict[str, float], threshold: float = THRESHOLD, margin: float = MARGIN) -> tuple[str, ...]:
    none = s.get(NONE, 0.0)
    found = [c for c in CLASSES if s.get(c, 0.0) >= threshold and s.get(c, 0.0) > none + margin]
    return tuple(sorted(found, key=lambda c: -s[c]))


def classify(question: str, index: Index | None = None, threshold: float = THRESHOLD, margin: float = MARGIN,
             top: int = TOP) -> tuple[str, ...]:
    """The risky classes of a question, most likely first (() for none)."""
    if not question.strip():
        return ()
    return decide(scores(question, index, top), threshold, margin)
