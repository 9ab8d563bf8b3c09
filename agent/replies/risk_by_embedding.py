"""EmbeddingRiskClassifier: risky questions by the meaning of the words, beside their likeness.

`RiskClassifier` (risk_classifier.py) compares words: it finds "my battery is swollen, can I
keep using it" but not "the back of my tablet has puffed up and the glass is coming away",
which shares too few words with any example. This one compares the questions' vectors from the bundled model
(models/llm/embedder.py) with the same labelled examples (risk_examples.py), centred on the
examples' mean: each class scores the summed cosine of its `k` nearest examples, and a
question takes the best risky class when it beats `none` by `margin`. Otherwise the lexical
classifier decides, as before.

Measured (`bench/replies.py --risk-report`, 2026-12-04): the margin was chosen on the tuning
sets only (dev and outside2: the lowest margin with at most 2 false alarms among their 60
harmless questions). bench/RESULTS.md gives recall and false alarms on every set.

Same interface as `RiskClassifier` (`classify`, `hazard_reason`); blocking (an embedding per
new question, about 130 ms on 2 cores): the reply builds its prompt in a worker thread.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Mapping, Protocol, Sequence

import numpy as np

from .risk_classifier import HAZARD_SUBJECT, REASON_OF_EXAMPLE, ClassifiesRisk, RiskClassifier
from .risk_detector import RiskDetector, WithRiskDetector
from .risk_examples import CLASS_SUBJECTS, EXAMPLES, HAZARDS, KIND_ONLY_EXAMPLES
from .vectors_on_disk import vectors_kept_on_disk

log = logging.getLogger("parley.risk")

MARGIN = 0.55  # the best risky class's score over `none`'s, for a chat model's vectors (see the docstring for how it was chosen) ...
SENTENCE_ENCODER_MARGIN = 0.10  # ... and for a sentence encoder's ("minilm", "st:"), chosen the same way on a 0.05 grid
# A sentence encoder's cosine is meaningful uncentred: the class found must also have an example
# at least this alike. "Tell me a long story." beat `none` by 0.13 for a hazard (centred, every
# class is far from a chat line) with a nearest hazard example at 0.29; the lowest safety case on
# the tuning sets had 0.43, chit-chat 0.27-0.33. (A chat model's mean hidden states are all alike
# uncentred: no floor.)
SENTENCE_ENCODER_FLOOR = 0.35
K = 3  # nearest examples summed per class


class Embedder(Protocol):
    """What this needs of models/llm/embedder.TextEmbedder."""

    @property
    def identity(self) -> str: ...  # what the vectors depend on (kept on disk under it)

    def embed(self, text: str) -> np.ndarray: ...


class EmbeddingRiskClassifier:
    def __init__(self, embedder: Embedder, examples: Mapping[str, Sequence[str]] = EXAMPLES, *, margin: float = MARGIN, k: int = K,
                 floor: float = -1.0, lexical: RiskClassifier | None = None, cache_dir: Path | None = None) -> None:
        self.embedder, self.margin, self.k, self.floor = embedder, margin, k, floor
        self.lexical = lexical
        pairs = [(label, text) for label, texts in examples.items() for text in texts]
        self._labels = np.array([label for label, _ in pairs])
        self._texts = [text for _, text in pairs]
        raw = self._example_vectors(cache_dir)
        self._mean = raw.mean(axis=0)
        self._matrix = np.stack([self._unit(v) for v in raw])
        self._uncentred = raw / np.maximum(np.linalg.norm(raw, axis=1, keepdims=True), 1e-12)
        # what `hazard_reason` compares with: the class's examples and the kinds' own (risk_examples.KIND_ONLY),
        # these centred as the class's are but not part of the mean (the classes' likeness stays as it was)
        kind_texts = list(KIND_ONLY_EXAMPLES) if examples is EXAMPLES else []
        kind_rows = [self._unit(v) for v in vectors_kept_on_disk(
            "hazard-kinds", [self.embedder.identity, *kind_texts], kind_texts, self.embedder.embed, cache_dir)] if kind_texts else []
        self._hazard_texts = self._texts + kind_texts
        self._hazard_matrix = np.vstack([self._matrix, *kind_rows]) if kind_rows else self._matrix

    def _example_vectors(self, cache_dir: Path | None) -> np.ndarray:
        """The examples' vectors, kept on disk beside the weights (159 forward passes: about 20 s)."""
        key_lines = [self.embedder.identity, *(f"{lab}\t{t}" for lab, t in zip(self._labels, self._texts))]
        return vectors_kept_on_disk("risk-examples", key_lines, self._texts, self.embedder.embed, cache_dir)

    def _unit(self, vec: np.ndarray) -> np.ndarray:
        centred = vec - self._mean
        return centred / (float(np.linalg.norm(centred)) or 1.0)

    def scores(self, question: str) -> dict[str, float]:
        """Each label's summed cosine of its `k` nearest examples."""
        sims = self._matrix @ self._unit(self.embedder.embed(question))
        return {label: float(np.sort(sims[self._labels == label])[-self.k:].sum()) for label in set(self._labels.tolist())}

    def by_meaning(self, question: str) -> tuple[str, float]:
        """(the best risky class, its score over `none`'s)."""
        by_label = self.scores(question)
        risky = max((label for label in by_label if label != "none"), key=by_label.__getitem__)
        return risky, by_label[risky] - by_label.get("none", 0.0)

    def found_by_meaning(self, question: str) -> str:
        """The risky class the question's meaning puts it in, or "": the best class that beats
        `none` by the margin and names what the class is about (`names_its_subject`), with one
        of its examples at least `floor` alike uncentred."""
        by_label = self.scores(question)
        none = by_label.pop("none", 0.0)
        fitting = [label for label in sorted(by_label, key=by_label.__getitem__, reverse=True)
                   if by_label[label] - none > self.margin and names_its_subject(label, question)]
        if not fitting:
            return ""
        label = fitting[0]
        if self.floor > -1.0:
            vec = self.embedder.embed(question)
            vec = vec / (float(np.linalg.norm(vec)) or 1.0)
            if float((self._uncentred[self._labels == label] @ vec).max()) < self.floor:
                return ""
        return label

    def classify(self, question: str) -> str:
        """A risky class, or "": by meaning when it is found so, else by likeness of words (a
        class that names its subject, as by meaning)."""
        if label := self.found_by_meaning(question):
            return label
        label = self.lexical.classify(question) if self.lexical is not None else ""
        return label if names_its_subject(label, question) else ""

    def sure(self, question: str) -> bool:
        """Never: likeness of meaning is a guess (risk_detector.WithRiskDetector can be sure)."""
        return False

    def hazard_reason(self, question: str, *, by_meaning: bool = False) -> str:
        """What can happen: the lexical classifier's hazard kind; else the kind whose examples
        are nearest in meaning among the kinds whose subject the question names
        (`risk_classifier.HAZARD_SUBJECT`: a battery, a heater, a cleaner), when asked `by_meaning`; else "" (the hazard class's
        general answer). Unrestricted, the nearest kind by meaning named mains power for "the
        back of my tablet has puffed up", where the battery is the risk: a wrong reason
        misleads more than none. Restricted, "charging 4 lipo batteries on the bedroom carpet
        overnight" gets the battery's fire, where it got "that can be dangerous" (outside11)."""
        if self.lexical is not None and (reason := self.lexical.hazard_reason(question)):
            return reason
        if not by_meaning:
            return ""
        named = [why for kind, (why, _) in HAZARDS.items() if kind in HAZARD_SUBJECT and HAZARD_SUBJECT[kind].search(question)]
        if not named:
            return ""
        sims = self._hazard_matrix @ self._unit(self.embedder.embed(question))
        by_reason: dict[str, list[float]] = {}
        for sim, text in zip(sims.tolist(), self._hazard_texts):
            if (why := REASON_OF_EXAMPLE.get(text)) in named:
                by_reason.setdefault(why, []).append(sim)
        if not by_reason:
            return ""
        return max(by_reason, key=lambda why: sum(sorted(by_reason[why])[-self.k:]))


def names_its_subject(label: str, question: str) -> bool:
    """Whether `question` names what the risky class `label` is about (risk_examples.CLASS_SUBJECTS;
    a class without a subject there always fits)."""
    subject = _SUBJECTS.get(label)
    return bool(label) and (subject is None or bool(subject.search(question)))


_SUBJECTS = {label: re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I) for label, words in CLASS_SUBJECTS.items()}
_BUILT: dict[str, "ClassifiesRisk"] = {}


def risk_classifier_for(config) -> "ClassifiesRisk":
    """The classifier `config.risk_embeddings` names, built once per process: by meaning and
    words, or by words alone ("off", or when the model cannot be loaded: said in the log);
    with `config.risk_detector`'s sentence encoder (risk_detector.py) for the risks that no
    example names ("off": none)."""
    spec = str(getattr(config, "risk_embeddings", "local") or "off").strip()
    detector_spec = str(getattr(config, "risk_detector", "minilm") or "off").strip()
    key = f"{spec}|{detector_spec}"
    if key in _BUILT:
        return _BUILT[key]
    inner, loaded = _classifier(spec)
    classifier = inner if detector_spec == "off" else _with_detector(inner, detector_spec) or inner
    if loaded:  # (not kept otherwise: the model may be installed by the next start)
        _BUILT[key] = classifier
    return classifier


def _classifier(spec: str) -> tuple["EmbeddingRiskClassifier | RiskClassifier", bool]:
    """The classifier `spec` names, and whether it was (words alone when its model cannot be loaded)."""
    from models.llm.embedder import is_sentence_encoder, shared_embedder
    from models.llm.events import LLMError

    lexical = RiskClassifier()
    if spec == "off":
        return lexical, True
    try:
        if is_sentence_encoder(spec):
            tuned = {"margin": SENTENCE_ENCODER_MARGIN, "floor": SENTENCE_ENCODER_FLOOR}
        else:
            tuned = {"margin": MARGIN}
        return EmbeddingRiskClassifier(shared_embedder(spec), lexical=lexical, **tuned), True
    except LLMError as exc:
        log.warning("risky questions are found by words only: %s (%s)", exc.message, exc.hint)
        return lexical, False


def _with_detector(inner: "EmbeddingRiskClassifier | RiskClassifier", spec: str) -> "WithRiskDetector | None":
    """`inner` with a `RiskDetector` over `spec`'s sentence vectors, and the classes by meaning
    in the same vectors (`inner`'s own where it reads them); None when the encoder cannot be loaded."""
    from models.llm.embedder import is_sentence_encoder, shared_embedder
    from models.llm.events import LLMError

    if not is_sentence_encoder(spec):
        log.warning("risk_detector %r is not a sentence encoder (\"minilm\", \"st:/abs/folder\"): no detector", spec)
        return None
    try:
        embedder = shared_embedder(spec)
    except LLMError as exc:
        log.warning("no detector for risks no example names: %s (%s)", exc.message, exc.hint)
        return None
    classes = inner if isinstance(inner, EmbeddingRiskClassifier) and inner.embedder is embedder else EmbeddingRiskClassifier(
        embedder, margin=SENTENCE_ENCODER_MARGIN, floor=SENTENCE_ENCODER_FLOOR)
    return WithRiskDetector(inner, RiskDetector(embedder), classes)
