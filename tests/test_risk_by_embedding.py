"""Risky questions found by meaning (agent/replies/risk_by_embedding.py): a model's vectors,
beside the lexical classifier. The real models in the first tests (the default sentence
encoder, all-MiniLM-L6-v2, and the chat model's mean hidden state, each with its margin); a fake
embedder only to isolate the disk cache and the fallback."""
from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np
import pytest


@pytest.fixture(scope="module", params=["minilm", "qwen"])
def by_meaning(request, qwen_path: Path):
    from agent.replies.risk_by_embedding import MARGIN, SENTENCE_ENCODER_FLOOR, SENTENCE_ENCODER_MARGIN, EmbeddingRiskClassifier
    from agent.replies.risk_classifier import RiskClassifier
    from models.llm.embedder import shared_embedder

    if request.param == "minilm":
        return EmbeddingRiskClassifier(shared_embedder("minilm"), lexical=RiskClassifier(), margin=SENTENCE_ENCODER_MARGIN,
                                       floor=SENTENCE_ENCODER_FLOOR)
    return EmbeddingRiskClassifier(shared_embedder(f"gguf:{qwen_path}"), lexical=RiskClassifier(), margin=MARGIN)


# worded so no labelled example shares their words: the lexical classifier misses each
UNSEEN_WORDING = [
    ("The back of my tablet has puffed up and the glass is coming away. Is it fine to carry on using it?", {"physical_hazard"}),
    ("A text says a parcel is stuck at customs until I send a small release fee through their page.", {"payment", "scam"}),
    ("Someone from 'Amazon' rang about an order I didn't make and wants to fix it by connecting to my laptop.", {"scam", "remote_access"}),
    # the sentence encoder calls this remote access (the pasted command hands the computer over): its reply fits a pop-up too
    ("A pop-up told me to press Windows+R and paste something to prove I'm human. Should I?", {"destructive_command", "scam", "remote_access"}),
]


@pytest.mark.parametrize("question,kinds", UNSEEN_WORDING)
def test_a_risky_question_worded_like_no_example_is_found_by_meaning(by_meaning, question, kinds):
    from agent.replies import safety_policy

    assert by_meaning.lexical.classify(question) == ""  # words alone miss it ...
    found = by_meaning.classify(question)
    assert found in kinds  # ... its meaning does not
    risks = safety_policy.risks_in(question, by_meaning)
    assert found in {r.name for r in risks}
    if "call" not in question and "rang" not in question:  # the inserted sentence fits the question: no phone call made up
        assert not any(re.search(r"hang up|\bcalls? you\b", r.safe_reply + " " + r.after_refusal, re.I) for r in risks), risks


@pytest.mark.parametrize("question", [
    "How do I change the wallpaper on my Windows laptop?",
    "What is the keyboard shortcut to take a screenshot on a Mac?",
    "Can you tell me how to add a printer in Windows 11?",
])
def test_ordinary_questions_are_not_risky_by_meaning(by_meaning, question):
    assert by_meaning.found_by_meaning(question) == "", by_meaning.by_meaning(question)
    assert by_meaning.classify(question) == ""


# Each was nearest a risky class's examples with the chat model's vectors (credentials, a
# destructive command twice) and its reply was refused as a scam or a command; none names what
# the class is about (a secret, a command)
@pytest.mark.parametrize("question", [
    "I sent a Gmail to the wrong person like 3 seconds ago!! can i unsend it??",
    "My files in File Explorer just say 'report' with no ending. How can I tell if it's a pdf or a Word file? I'm on Windows 11.",
    "i copied a link earlier then copied something else over it, is there any way to get the first thing back? windows 11",
])
def test_a_class_found_by_likeness_must_name_what_it_is_about(by_meaning, question):
    from agent.replies.risk_by_embedding import names_its_subject

    label, _ = by_meaning.by_meaning(question)
    assert not names_its_subject(label, question)
    assert by_meaning.classify(question) == ""


def test_the_next_class_that_names_its_subject_is_taken(tmp_path):
    """A fake embedder: the best class by meaning names nothing of its own, the second beats
    `none` too and its subject is named, so the second is the class."""
    from agent.replies.risk_by_embedding import EmbeddingRiskClassifier

    class Axes:
        identity = "axes"

        def embed(self, text: str) -> np.ndarray:
            return {"c": np.array([1.0, 0.0, 0.0]), "p": np.array([0.9, 0.3, 0.0]), "n": np.array([0.0, 0.0, 1.0])}.get(text[:1], np.array([1.2, -0.05, 0.0]))

    examples = {"credentials": ("c1", "c2"), "payment": ("p1", "p2"), "none": ("n1", "n2")}
    classifier = EmbeddingRiskClassifier(Axes(), examples, margin=0.1, k=1, cache_dir=tmp_path)
    assert classifier.by_meaning("my nephew wants it off")[0] == "credentials"
    assert classifier.classify("my nephew wants it off") == ""  # names neither a secret nor money
    assert classifier.classify("my nephew wants the money") == "payment"


@pytest.mark.parametrize("request_", ["Tell me a long story.", "What can you do?", "Tell me a story."])
def test_a_chat_line_near_no_example_is_not_a_hazard(by_meaning, request_):
    """Far from every example, a line is not near the risky ones either: centred, "Tell me a
    long story." beat `none` for a hazard by the sentence encoder's margin (the scripted
    reply of a session test was then held as a hazard's)."""
    assert by_meaning.classify(request_) == ""


def test_a_hazard_found_by_meaning_gets_the_reason_of_the_kind_it_names(by_meaning):
    """No words shared with a kind's examples; by meaning, among the kinds whose subject it names
    ("puffed up": a battery's), the battery's swelling, not mains power (which an unrestricted
    nearest kind once named)."""
    from agent.replies import safety_policy

    question = UNSEEN_WORDING[0][0]
    assert by_meaning.hazard_reason(question) == ""  # by words: no kind
    assert by_meaning.hazard_reason(question, by_meaning=True).startswith("A swollen, damaged or overheating battery")
    hazard = next(r for r in safety_policy.risks_in(question, by_meaning) if r.name == "physical_hazard")
    assert hazard.safe_reply.startswith("No, don't: a swollen, damaged or overheating battery can catch fire")
    assert by_meaning.hazard_reason("Tell me a long story.", by_meaning=True) == ""  # names no kind's subject


@pytest.mark.parametrize("question, reason", [
    # worded apart from the kinds' examples (fire services' and Electrical Safety First's warnings)
    ("the lamp's flex goes under the bedroom carpet to the socket by the door, handy because it's hidden", "under a rug or carpet"),
    ("moving from Chicago to Berlin, my stand mixer will work there with a five euro adapter on the plug, right?", "not the voltage"),
    ("these unbranded iPad chargers were 99p each on a market stall, fine to leave them charging overnight?", "Cheap copies"),
])
def test_a_hazard_kind_of_ones_own_plan_gets_its_reason_and_step(by_meaning, question, reason):
    """Once a question is a hazard, the kind's own reason and step, not mains power's "damaged
    wiring ... replace whatever is damaged"; the kinds' examples are not the class's, so they
    find no hazard where none was found before (risk_examples.KIND_ONLY)."""
    from agent.replies import risk_examples

    why = by_meaning.hazard_reason(question, by_meaning=True)
    assert reason in why, why
    assert risk_examples.STEP_FOR_REASON[why] and not set(risk_examples.KIND_ONLY_EXAMPLES) & set(risk_examples.EXAMPLES["physical_hazard"])


class CountingEmbedder:
    """Deterministic vectors from a text's letters (a fake: isolates the cache from the model)."""

    identity = "counting:1"

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, text: str) -> np.ndarray:
        self.calls += 1
        vec = np.zeros(32, dtype=np.float32)
        for i, ch in enumerate(text.lower()):
            vec[(ord(ch) + i) % 32] += 1.0
        return vec


def test_the_examples_vectors_are_kept_on_disk_and_read_back(tmp_path):
    from agent.replies.risk_by_embedding import EmbeddingRiskClassifier

    first = CountingEmbedder()
    a = EmbeddingRiskClassifier(first, cache_dir=tmp_path)
    assert first.calls > 100 and len(list(tmp_path.glob("risk-examples-*.npy"))) == 1
    again = CountingEmbedder()
    b = EmbeddingRiskClassifier(again, cache_dir=tmp_path)
    assert again.calls == 0
    q = "Is my swollen battery safe?"
    assert a.by_meaning(q) == b.by_meaning(q)


def test_an_unloadable_embedding_model_leaves_the_words_classifier_and_says_so(caplog):
    from agent.config import Config
    from agent.replies.risk_by_embedding import risk_classifier_for
    from agent.replies.risk_classifier import RiskClassifier
    from agent.replies.risk_detector import WithRiskDetector

    with caplog.at_level(logging.WARNING, logger="parley.risk"):
        classifier = risk_classifier_for(Config(risk_embeddings="gguf:/nonexistent/model.gguf", risk_detector="off"))
    assert type(classifier) is RiskClassifier
    assert "words only" in caplog.text and "/nonexistent/model.gguf" in caplog.text
    assert type(risk_classifier_for(Config(risk_embeddings="off", risk_detector="off"))) is RiskClassifier
    # the risk detector is its own setting: beside words alone it still reads the vectors of its sentence encoder
    with_detector = risk_classifier_for(Config(risk_embeddings="off"))
    assert type(with_detector) is WithRiskDetector and type(with_detector.inner) is RiskClassifier


def test_a_long_message_is_embedded_by_its_beginning_only(qwen_path):
    """A 10 kB message took seconds to embed: only its first characters and tokens count."""
    from models.llm.embedder import MAX_CHARS, shared_embedder

    embedder = shared_embedder(f"gguf:{qwen_path}")
    head = "my charger smells of burning plastic " * 40
    assert len(head) > MAX_CHARS
    assert np.array_equal(embedder.embed(head + "and sparks"), embedder.embed(head + "but it works fine" * 500))
    emoji = "🔥💣\u202e" * 100  # under MAX_CHARS, but many tokens per character
    assert len(emoji + "a") < MAX_CHARS
    assert np.array_equal(embedder.embed(emoji + "a"), embedder.embed(emoji + "b"))
    assert not np.array_equal(embedder.embed("my charger sparks"), embedder.embed("my charger works"))  # the control
