"""RiskClassifier: which risky kind of support question a user's words are, by likeness to
labelled examples (agent/replies/risk_examples.py) rather than by phrases per rule.

A question and each example become TF-IDF vectors of word stems and stem pairs; the
question takes the class of its nearest examples (the summed cosine of the `k` nearest
per class) when the nearest is at least `threshold` alike, shares two words with it, and
that class is not `none`.
Pure Python, well under a millisecond per question: it runs on every turn, before the
reply, with no model and no core taken from the reply.

It is lexical: "mix bleach and vinegar" is near "combine two cleaning sprays" only through
the words they share with the other hazard examples. `bench/replies.py` reports its
precision and recall on the held-out safety cases (`--risk-report`).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Protocol, Sequence

from .risk_examples import EXAMPLES, HAZARD_SUBJECTS, HAZARDS, KIND_ONLY_EXAMPLES

_STOP = frozenset(
    "a an the i me my we our you your it its is are was were be been am do does did to of in on for at by with and or "
    "so that this these those there here what which who how when why can could should would will shall may might must "
    "if as from about into up out just some any all has have had get got them they he she him her his their "
    "going gonna i'm i'll im ll".split()  # "I'm going to …" is how a plan is said, not what it is
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def features(text: str) -> list[str]:
    """Word stems (no stop words) and adjacent stem pairs."""
    stems = [_stem(w.replace("'", "")) for w in _WORD.findall(text.lower()) if w not in _STOP]
    return stems + [f"{a}_{b}" for a, b in zip(stems, stems[1:])]


MIN_SHARED_WORDS = 2  # stems a question must share with its nearest example to take its class


def _words(text: str) -> set[str]:
    return {f for f in features(text) if "_" not in f}


class ClassifiesRisk(Protocol):
    """What the safety policy asks of a risk classifier: by words (`RiskClassifier`), or by
    meaning and words (`risk_by_embedding.EmbeddingRiskClassifier`)."""

    def classify(self, question: str) -> str:
        """A risky class, or "" for none."""
        ...

    def hazard_reason(self, question: str, *, by_meaning: bool = False) -> str:
        """What can happen, for a physical hazard's kind, or "". `by_meaning`: a classifier
        that reads meaning may also go by it (safety_policy asks so only where no rule found
        the turn's risks: a rule's own reason fits better than a guess)."""
        ...

    def sure(self, question: str) -> bool:
        """Whether the question is plainly risky, whichever class it is in (a reply that goes
        along with it is then blocked, not only checked)."""
        ...


@dataclass(frozen=True)
class RiskGuess:
    name: str  # a label of the examples: a risky class, or "none"
    score: float  # summed cosine of the class's nearest examples
    nearest: float  # cosine of the single nearest example
    example: str  # that example


# example -> what can happen (the physical hazards' kinds, agent/replies/risk_examples.py); and a
# kind -> what a question must name for the kind to fit it (also risk_by_embedding's)
REASON_OF_EXAMPLE: dict[str, str] = {text: why for why, texts in HAZARDS.values() for text in texts}
HAZARD_SUBJECT: dict[str, re.Pattern[str]] = {kind: re.compile(rf"\b(?:{words})\b", re.I) for kind, words in HAZARD_SUBJECTS.items()}


class RiskClassifier:
    def __init__(self, examples: Mapping[str, Sequence[str]] = EXAMPLES, *, k: int = 1, threshold: float = 0.12,
                 reasons: Mapping[str, str] | None = None) -> None:
        self.k, self.threshold = k, threshold
        self._reasons = dict(reasons) if reasons is not None else dict(REASON_OF_EXAMPLE)
        # a reason -> what a question must name for it to fit (none for reasons given by the caller)
        self._subjects = {} if reasons is not None else {
            why: HAZARD_SUBJECT[kind] for kind, (why, _) in HAZARDS.items() if kind in HAZARD_SUBJECT}
        docs = [(label, text, Counter(features(text))) for label, texts in examples.items() for text in texts]
        df = Counter(f for _, _, counts in docs for f in counts)
        n = len(docs)
        self._idf = {f: math.log((1 + n) / (1 + d)) + 1.0 for f, d in df.items()}
        # a word no example has is as rare as a word can be: it weighs in the question's norm,
        # so "The blind man counted his old coins" is not "coins" alone
        self._unseen_idf = math.log(1 + n) + 1.0
        self._docs = [(label, text, self._vector(counts)) for label, text, counts in docs]
        # what `hazard_reason` compares with: the examples that give a kind's reason, the class's and the
        # kinds' own (risk_examples.KIND_ONLY, not the class's: in no class's likeness)
        self._reason_docs = [(text, vec) for _, text, vec in self._docs if text in self._reasons] + [
            (text, self._vector(Counter(features(text)))) for text in KIND_ONLY_EXAMPLES if reasons is None and text in self._reasons]
        self._last: tuple[str, dict[str, float]] | None = None

    def _vector(self, counts: Counter) -> dict[str, float]:
        vec = {f: (1.0 + math.log(c)) * self._idf.get(f, self._unseen_idf) for f, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {f: v / norm for f, v in vec.items() if v}

    def _question(self, question: str) -> dict[str, float]:
        """The question's vector; the last one is kept (`risks_in` asks for the class, then the hazard's reason)."""
        last = self._last
        if last is not None and last[0] == question:
            return last[1]
        vec = self._vector(Counter(features(question)))
        self._last = (question, vec)
        return vec

    def guess(self, question: str) -> RiskGuess:
        q = self._question(question)
        sims: dict[str, list[tuple[float, str]]] = {}
        for label, text, vec in self._docs:
            sim = sum(w * vec.get(f, 0.0) for f, w in q.items())
            sims.setdefault(label, []).append((sim, text))
        best = RiskGuess("none", 0.0, 0.0, "")
        for label, scored in sims.items():
            scored.sort(reverse=True)
            score = sum(s for s, _ in scored[: self.k])
            if score > best.score:
                best = RiskGuess(label, score, scored[0][0], scored[0][1])
        return best

    def sure(self, question: str) -> bool:
        """Never: likeness of words is a guess (risk_detector.WithRiskDetector can be sure)."""
        return False

    def hazard_reason(self, question: str, k: int = 3, *, by_meaning: bool = False) -> str:
        """What can happen, as the kind (a reason shared by examples) whose `k` nearest examples
        are most alike in sum says ("A swollen ... battery can catch fire"); "" when that kind's
        nearest example is not alike enough (the threshold and two shared words of `classify`).
        Only a kind whose subject the question names (`HAZARD_SUBJECTS`) is considered.
        Summed, not nearest alone: "My phone's battery is swollen and gets hot while charging"
        is nearest to "my phone under my pillow while it charges" by one example, and to the
        battery kind by three. (Words only: `by_meaning` changes nothing here.)"""
        q = self._question(question)
        by_reason: dict[str, list[tuple[float, str]]] = {}
        for example, vec in self._reason_docs:
            sim = sum(w * vec.get(f, 0.0) for f, w in q.items())
            by_reason.setdefault(self._reasons[example], []).append((sim, example))
        best, reason, nearest = 0.0, "", (0.0, "")
        for why, scored in by_reason.items():
            if why in self._subjects and not self._subjects[why].search(question):
                continue  # the question names nothing this kind is about
            scored.sort(reverse=True)
            total = sum(s for s, _ in scored[:k])
            if total > best:
                best, reason, nearest = total, why, scored[0]
        if nearest[0] < self.threshold or len(_words(question) & _words(nearest[1])) < MIN_SHARED_WORDS:
            return ""
        return reason

    def classify(self, question: str) -> str:
        """A risky class of the examples, or "" when the question is like none of them (or like `none`),
        or like its nearest example in one word only ("Wipe the grease off his dirty face" and
        "Should I wipe the drive...": a rare word shared is not a kind of question shared)."""
        g = self.guess(question)
        if g.name == "none" or g.nearest < self.threshold:
            return ""
        return g.name if len(_words(question) & _words(g.example)) >= MIN_SHARED_WORDS else ""
