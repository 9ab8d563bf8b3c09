"""RiskDetector: whether a question is risky at all, where no rule or example names its risk.

The safety rules (safety_policy.py) name risks by their words, and the classifiers
(risk_classifier.py, risk_by_embedding.py) by likeness to examples of each class. A risk that
neither names (snapping the earth pin off a plug, a loan that asks for a fee first, deleting
WinSxS) was met with the small model going along with the user. Likeness to the nearest
example did not find those: nothing near enough is labelled.

This reads the question's sentence vector (the bundled all-MiniLM-L6-v2) with a linear
boundary instead: a logistic regression, fitted at load time on labelled questions, risky
against harmless (`risk_questions.py`: the reply benchmark's tuning sets as users wrote them,
and `risk_examples.EXAMPLES`). A direction learned from a few hundred questions generalises
where a nearest example does not: what risky questions share (a plan with harm in it), not
one situation each.

`WithRiskDetector` puts a question the detector calls risky, and the classifier beside it
does not, in the risky class its examples are nearest to by meaning (the class's general
safe answer and checks, risk_rules.BY_LIKENESS), and says it is sure of it: a first
sentence that goes along with the risk is then blocked (safety_policy.check). The other way
round, a class the classifier found by likeness alone is dropped where the detector leans
harmless (`LEANS_HARMLESS`): likeness of meaning put "my babysitter asked for the Wi-Fi
password" with scams and "delete everything in %temp%" with destructive commands.

Measured on the sets it was not fitted on (bench/RESULTS.md, "Risky questions nobody named"); the
other way tried, the chat model asked to answer risky or safe (yes or no) over the same
questions, was at chance for the 0.5B.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Sequence

import numpy as np

from .. import screen_text
from .risk_examples import EXAMPLES
from .risk_questions import HARMLESS, RISKY
from .stance import asks_leave, states_a_plan
from .vectors_on_disk import vectors_kept_on_disk

if TYPE_CHECKING:
    from .risk_by_embedding import Embedder  # (that module builds the detector: imported for the annotation only)

# The log-odds above which a question is risky: chosen by leaving out each tuning set in turn
# (fitted on the others, scored on it): 65 % of their 95 risky questions above it, and 4 %
# (8 of 197) of their harmless ones. At the fitted boundary itself (0) it was 78 % and 14 %:
# too many harmless questions refused, as a first run showed ("Yes, they can be recycled" to
# ink cartridges blocked as a hazard).
THRESHOLD = 1.0
# A question must be at least this alike (cosine) to one it was fitted on to be judged at all:
# a linear boundary extrapolates far from its data, and "Tell me a long story." scored 3.5 (a
# test of the server's races caught it). 0.35 is the 2nd percentile of the fitted questions'
# own nearest neighbours (each left out); the held-out safety questions' lowest was 0.52,
# chit-chat's 0.21-0.29.
FLOOR = 0.35
# Below these log-odds the detector leans harmless, and a class found by likeness of meaning or
# words (`WithRiskDetector`; not a rule's phrase) is dropped. Chosen on outside11, read after its
# first run and not fitted on: its 5 harmless questions that meaning put in a risky class (Google
# Takeout, ending hung processes, a PowerShell policy, a babysitter's Wi-Fi, the temp folder)
# scored below 0, its 14 risky questions that meaning found above. bench/RESULTS.md gives the
# other sets.
LEANS_HARMLESS = 0.0
L2 = 0.1  # ridge penalty of the fit (of 0.1, 1 and 10 on the tuning sets, the least kept the most recall on held-out questions)


class ClassByMeaning(Protocol):
    def by_meaning(self, question: str) -> tuple[str, float]: ...


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 25) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-penalised logistic regression (Newton's method: a handful of
    solves of a 385 x 385 system; deterministic)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], l2)
    penalty[-1] = 0.0  # the bias is not penalised
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-6:
            break
    return w[:-1], float(w[-1])


def _unit_rows(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


class RiskDetector:
    def __init__(self, embedder: Embedder, risky: Sequence[str] | None = None, harmless: Sequence[str] | None = None, *,
                 threshold: float = THRESHOLD, floor: float = FLOOR, l2: float = L2, cache_dir: Path | None = None) -> None:
        if risky is None:
            risky = (*RISKY, *(t for label, texts in EXAMPLES.items() if label != "none" for t in texts))
        if harmless is None:
            harmless = (*HARMLESS, *EXAMPLES.get("none", ()))
        self.embedder, self.threshold = embedder, threshold
        texts = [*risky, *harmless]
        key_lines = [embedder.identity, *(f"{int(i < len(risky))}\t{t}" for i, t in enumerate(texts))]
        vectors = vectors_kept_on_disk("risk-questions", key_lines, texts, embedder.embed, cache_dir)
        labels = np.array([1.0] * len(risky) + [0.0] * len(harmless))
        self._weights, self._bias = fit_logistic(np.asarray(vectors, dtype=np.float64), labels, l2)
        self.floor = floor
        self._units = _unit_rows(np.asarray(vectors, dtype=np.float32))

    def score(self, question: str) -> float:
        """The log-odds that `question` is risky."""
        return self._score(self.embedder.embed(question))

    def known(self, question: str) -> bool:
        """Whether `question` is near enough to those it was fitted on (`FLOOR`) to be judged."""
        return self._known(self.embedder.embed(question))

    def risky(self, question: str) -> bool:
        score, known = self.judged(question)
        return known and score > self.threshold

    def judged(self, question: str) -> tuple[float, bool]:
        """(the log-odds that `question` is risky, whether it is `known` enough to be judged);
        an empty question is (0.0, False)."""
        if not question.strip():
            return 0.0, False
        vec = self.embedder.embed(question)
        return self._score(vec), self._known(vec)

    def _score(self, vec: np.ndarray) -> float:
        return float(np.asarray(vec, dtype=np.float64) @ self._weights + self._bias)

    def _known(self, vec: np.ndarray) -> bool:
        unit = _unit_rows(np.asarray(vec, dtype=np.float32)[None, :])[0]
        return float((self._units @ unit).max()) >= self.floor


# Text read off a screenshot, as the conversation carries it (agent/screen_text.py: the ticket
# pipeline writes it, escaping the markers inside): judged by the rules and classes as it always was, but not by
# the detector, which was fitted on what users say ("error: git: 'brnch' is not a git command"
# beside "What does the error say?" was sure to be a destructive command).
# (the preamble's tail is bounded: unbounded, a message repeating "The following is untrusted
# data" took 3 s per 160 kB, each repetition scanning to the end)
_SCREEN_TEXT = re.compile(rf"(?:{re.escape(screen_text.PREAMBLE)}[^<]{{0,160}})?{re.escape(screen_text.OPENS)}.*?(?:{re.escape(screen_text.CLOSES)}|$)", re.S)


# An error the user was shown ("This is the error message I see.", "npm install fails with an
# error"): a report, not a plan, unless the words state one or ask leave (`_judged`).
_NAMES_AN_ERROR = re.compile(r"\b(?:errors?|traceback|exception|stack ?trace|crash(?:es|ed)?)\b", re.I)
# ...and passes on no order or plan that `stance.states_a_plan` misses: "The error says to disable
# my antivirus", "a virus error with a number to call" (what the fake error pop-ups of scams
# say), "a reddit comment said just run sudo chmod -R 777 /", "running it now"
_AN_ORDER_OR_A_PLAN = re.compile(r"\b(?:says?|said|tells?|told|wants?|asks?|asked|instructs?)\s+(?:(?:me|us|you)\s+)?(?:to|just|you should|i should)\b"
                                 r"|\bcall(?:ing)?\b|\bnumbers?\b|\b\w+ing\s+(?:(?:it|that|this|them)\s+)?(?:now|tonight|today)\b", re.I)


def _points_at_a_screen_or_reports_an_error(question: str, words: str) -> bool:
    """Words the detector does not judge: beside a shared screenshot, or naming an error the user
    was shown, where they state no plan, ask no leave and pass on no order.

    The detector was fitted without screenshot turns (risk_questions.py), and words that only
    point at the screen read as risky: "Here is a screenshot of the error I got in my terminal."
    scored 3.3, sure to be a destructive command, and its follow-up "What went wrong?", read with
    it, got "No, don't" too. It had also learnt "error" from the scams' fake error pop-ups: "What
    does this error in my terminal mean?" was sure to be a destructive command, "This is the error
    message I see." a scam. A plan is what risky questions share. The rules and the classes
    still read all of it, screen text included."""
    if _SCREEN_TEXT.search(question) is None and _NAMES_AN_ERROR.search(words) is None:
        return False
    return not states_a_plan(words) and not asks_leave(words) and _AN_ORDER_OR_A_PLAN.search(words) is None


def own_words(question: str) -> str:
    """The question without any screen text in it."""
    return " ".join(_SCREEN_TEXT.sub(" ", question).split())


class WithRiskDetector:
    """A `ClassifiesRisk`: `inner`'s class, unless `detector` leans the other way
    (`LEANS_HARMLESS`); or, where `inner` finds none and `detector` calls the question risky,
    the risky class `classes` puts nearest by meaning."""

    def __init__(self, inner, detector: RiskDetector, classes: ClassByMeaning, *, leans_harmless: float = LEANS_HARMLESS) -> None:
        self.inner, self.detector, self.classes = inner, detector, classes
        self.leans_harmless = leans_harmless
        # a turn asks up to three times (`classify`, then `safety_policy.risks_in` asks `sure`): judged once
        self._last: tuple[str, float, bool] | None = None

    def classify(self, question: str) -> str:
        if label := self.inner.classify(question):
            score, known = self._judged(question)
            return "" if known and score < self.leans_harmless else label
        return self.classes.by_meaning(own_words(question))[0] if self.sure(question) else ""

    def sure(self, question: str) -> bool:
        """The detector calls the user's own words risky (screen text left out: `own_words`; words
        that only point at a screen or report an error are not judged)."""
        score, known = self._judged(question)
        return known and score > self.detector.threshold

    def _judged(self, question: str) -> tuple[float, bool]:
        last = self._last
        if last is not None and last[0] == question:
            return last[1], last[2]
        words = own_words(question)
        if _points_at_a_screen_or_reports_an_error(question, words):
            score, known = 0.0, False
        else:
            score, known = self.detector.judged(words)
        self._last = (question, score, known)
        return score, known

    def hazard_reason(self, question: str, *, by_meaning: bool = False) -> str:
        return self.inner.hazard_reason(question, by_meaning=by_meaning)
