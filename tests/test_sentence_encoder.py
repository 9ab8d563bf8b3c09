"""The sentence encoder (models/llm/sentence_encoder.py, the bundled all-MiniLM-L6-v2 in NumPy)
and what uses it to judge an article's relevance (agent/replies/knowledge_base.py). The real
model throughout; its figures are checked against those sentence-transformers publishes."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from models.llm.events import LLMError


@pytest.fixture(scope="module")
def encoder():
    from models.llm.embedder import shared_embedder

    return shared_embedder("minilm")


# sentence-transformers' own documentation gives these cosine similarities for this model
# (its "Semantic Textual Similarity" example); torch computed them, NumPy must agree
@pytest.mark.parametrize("a, b, published", [
    ("The new movie is awesome", "The new movie is so great", 0.8939),
    ("The cat sits outside", "The dog plays in the garden", 0.2838),
    ("A man is playing guitar", "A woman watches TV", -0.0327),
])
def test_the_numpy_forward_pass_gives_the_published_similarities(encoder, a, b, published):
    assert float(encoder.embed(a) @ encoder.embed(b)) == pytest.approx(published, abs=5e-4)


def test_a_vector_is_unit_length_and_the_same_text_gives_the_same_vector(encoder):
    v = encoder.embed("My printer says it's offline.")
    assert float(np.linalg.norm(v)) == pytest.approx(1.0, abs=1e-5)
    assert np.array_equal(v, encoder.embed("My  printer says it's offline."))  # the same words, spaced apart
    assert not np.array_equal(v, encoder.embed("My printer says it's online."))


def test_a_hostile_text_is_cut_not_a_hang(encoder):
    head = "my charger sparks "
    assert np.array_equal(encoder.embed(head * 40 + "and smokes"), encoder.embed(head * 40 + "x" * 5000))  # past 128 word pieces
    assert encoder.embed("").shape == encoder.embed("\U0001F600" * 3000).shape == (384,)


def _write_model(folder: Path, **changes) -> Path:
    from models import weights

    with zipfile.ZipFile(weights.minilm_zip()) as zf:
        for name in ("config.json", "tokenizer.json", "model.safetensors"):
            (folder / name).write_bytes(zf.read(name))
    if changes:
        config = json.loads((folder / "config.json").read_text())
        config.update(changes)
        (folder / "config.json").write_text(json.dumps(config))
    return folder


def test_a_folder_of_another_model_loads_through_the_same_code(tmp_path, encoder):
    from models.llm.sentence_encoder import SentenceEncoder

    other = SentenceEncoder.from_folder(_write_model(tmp_path))
    text = "How do I clear my browser cache?"
    assert np.allclose(other.embed(text), encoder.embed(text), atol=1e-6)


def test_a_model_that_is_not_bert_or_is_incomplete_is_refused_with_a_coded_error(tmp_path):
    from models.llm.sentence_encoder import SentenceEncoder

    with pytest.raises(LLMError) as not_bert:
        SentenceEncoder.from_folder(_write_model(tmp_path, model_type="mpnet"))
    assert not_bert.value.code == "llm_weights" and "BERT" in not_bert.value.message
    (tmp_path / "model.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json")
    with pytest.raises(LLMError) as broken:
        SentenceEncoder.from_folder(tmp_path)
    assert broken.value.code == "llm_weights"
    (tmp_path / "tokenizer.json").unlink()
    with pytest.raises(LLMError, match="missing"):
        SentenceEncoder.from_folder(tmp_path)


@pytest.fixture(scope="module")
def knowledge(encoder):
    from agent.replies.knowledge_base import KnowledgeBase

    return KnowledgeBase(relevance=encoder)


@pytest.mark.parametrize("question, article", [
    ("How do I turn on my hotspot?", "net-mobile-hotspot"),
    ("My laptop won't connect to Wi-Fi.", "wifi-not-connecting"),
    ("My C: drive is almost out of space", "disk-full"),
    ("How do I scan my computer with Windows Defender?", "net-microsoft-defender-scan"),
])
def test_the_right_article_is_still_given(knowledge, question, article):
    hit = knowledge.best(question)
    assert (hit.article.name if hit else None) == article


# BM25 ranks an article for another device first (the Windows screenshot article; the phone one
# for "delete an app off my macbook" until the 72 articles of 2026-12-07 moved it second); the article for the computer the question names is as relevant or more, and is given
@pytest.mark.parametrize("question, words_first, article", [
    ("how do i take a screenshot of only one window on my mac, not the whole screen", "screenshot-windows", "os-screenshot-one-window"),
])
def test_an_article_for_another_device_gives_way_to_one_for_the_device_named(knowledge, question, words_first, article):
    assert knowledge.search(question)[0].article.name == words_first
    hit = knowledge.best(question)
    assert (hit.article.name if hit else None) == article


def test_a_second_match_far_nearer_in_meaning_is_given_instead(tmp_path, encoder):
    """Shared words rank an article on a phone's storage first for a browser question (it says
    "safe" and "clear" more often); its meaning is far from the question's, the browser one's near."""
    from agent.replies.knowledge_base import KnowledgeBase

    (tmp_path / "app-cache.md").write_text("# Free up space on an Android phone\nkeywords: safe clear cache safe clear phone storage full\n"
                                           "On Android, it is safe to clear old videos and apps you never open, in Settings, Storage. Safe to clear.\n")
    (tmp_path / "browser-cache.md").write_text("# Clear the browser cache\nkeywords: browser cache chrome firefox\n"
                                               "In most browsers, press Control Shift Delete, choose cached images and files, and clear them.\n")
    kb = KnowledgeBase(tmp_path, relevance=encoder)
    question = "Is it safe to clear my browser's cache?"
    assert kb.search(question)[0].article.name == "app-cache"  # (the file name stays: what matters is that words put it first)
    assert kb.best(question).article.name == "browser-cache"


@pytest.mark.parametrize("question, article", [
    ("People can't hear me on Zoom calls.", "microphone"),  # not the article on sharing a video's sound
    ("want to write an email tonight in outlook but have it actually send at 8am tomorrow. possible?", "net-outlook-schedule-send"),
])
def test_a_new_article_takes_its_questions_only(knowledge, question, article):
    hit = knowledge.best(question)
    assert (hit.article.name if hit else None) == article


def test_an_article_for_another_device_stays_when_nothing_for_the_device_named_is_as_relevant(knowledge):
    # nothing about resetting an Android phone: the general factory-reset article (Windows, Mac) is
    # still the best there is, and the phone-backup articles below it are less relevant
    hit = knowledge.best("I'm selling my old Android phone. Should I do a factory reset first?")
    assert hit is not None and hit.article.name == "factory-reset"


def _without(tmp_path, knowledge, *names: str):
    """The starter articles less `names`, with the same encoder: a knowledge base with a gap."""
    from agent.replies.knowledge_base import STARTER_DIR, KnowledgeBase

    for article in STARTER_DIR.glob("*.md"):
        if article.stem not in names:
            (tmp_path / article.name).write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    return KnowledgeBase(tmp_path, relevance=knowledge.relevance)


def test_the_meaning_chooses_among_enough_of_the_words_first_choices(knowledge):
    """bench/reply_cases_outside11.py's question (tuned on since): once 30 articles were added,
    scanning shares "pdf" and "preview" with it and put default apps fourth by words; among
    three it was not seen, among `CANDIDATES` it is chosen by meaning."""
    from agent.replies.knowledge_base import CANDIDATES

    question = ("every pdf i double click on my mac opens in preview but i want adobe acrobat to open them. "
                "how do i change that for all of them not just one")
    words = [h.article.name for h in knowledge.search(question)]
    assert CANDIDATES > 3 and "os-default-apps" in words[3:]
    assert knowledge.best(question).article.name == "os-default-apps"


def test_an_article_all_for_computers_is_not_given_for_a_phone(knowledge, tmp_path):
    """Windows' display orientation, then "On some computers, press Control, Alt and the up
    arrow": every sentence for a computer, nothing a phone can do (outside7). With no article
    for a phone's rotation, none is given; the shipped one for phones is."""
    question = "my android phone keeps flipping the screen sideways when i lie in bed reading, how do i make it stay upright"
    gap = _without(tmp_path, knowledge, "os-phone-rotation-lock")
    assert any(h.article.name == gap.best("my windows laptop screen is sideways, how do i rotate it back").article.name
               for h in gap.search(question)[:1])  # words alone find the Windows one first ...
    assert gap.best(question) is None  # ... which is not given
    assert knowledge.best(question).article.name == "os-phone-rotation-lock"


def test_a_television_article_is_not_given_for_another_makers_tv(knowledge):
    """The Fire TV Stick's restart ("hold Select and Play") was read out for a Samsung TV's
    remote (outside11, tuned on since); it is still given for a Fire TV."""
    samsung = "put new batteries in the remote of my samsung tv and now only the power button does anything"
    assert any(h.article.name == "os-restart-fire-tv-stick" for h in knowledge.search(samsung))  # words find it ...
    hit = knowledge.best(samsung)
    assert hit is None or hit.article.name != "os-restart-fire-tv-stick"  # ... it is not given
    fire = "put new batteries in the remote of my fire tv stick and now it does nothing"
    assert knowledge.best(fire).article.name in {"os-restart-fire-tv-stick", "os-pair-streaming-remote"}  # both Fire TV's


def test_an_article_with_no_sentence_for_a_phone_is_not_given_for_one(knowledge):
    """Reopening a closed tab with Control or Command, Shift and T: keys a phone does not have
    (outside11's "300 tabs open in safari on my iphone", tuned on since). Given for a computer."""
    phone = "how can i shut every open tab in safari on my iphone at once"
    assert any(h.article.name == "net-reopen-closed-tab" for h in knowledge.search(phone))
    hit = knowledge.best(phone)
    assert hit is None or hit.article.name != "net-reopen-closed-tab"
    assert knowledge.best("i closed a tab in chrome on my windows laptop by mistake, how do i get it back").article.name == "net-reopen-closed-tab"


# BM25 finds an article sharing words with each (a security update for "newer iPhone",
# a full mailbox for "email ... tomorrow"); none answers it, and the small model repeats
# what it is given
@pytest.mark.parametrize("question", [
    "My laptop gets a little warm on the bottom during video calls. Is that normal?",
])
def test_an_article_that_only_shares_words_with_the_question_is_not_given(knowledge, question):
    from agent.replies.knowledge_base import KnowledgeBase

    assert KnowledgeBase().search(question)  # words alone find some ...
    assert knowledge.best(question) is None  # ... its meaning is too far


# Questions nobody here wrote an article for, where words and a middling meaning found one for
# another topic (cosine 0.38): the small model repeats what it is given ("Try turning off
# the screen" for Auto-Lock, from the frozen-phone article). Below `min_relevance` nothing is given.
# (2026-12-07: an article was written for it since; the folder without that article is the test)
@pytest.mark.parametrize("question, wrong, written", [
    ("Should I turn off my computer every night?", "os-night-light", "s25-pc-shut-down-or-sleep"),
])
def test_an_article_for_another_topic_at_middling_relevance_is_not_given(knowledge, question, wrong, written, tmp_path):
    import shutil

    from agent.replies.knowledge_base import STARTER_DIR, KnowledgeBase

    folder = tmp_path / "knowledge"
    shutil.copytree(STARTER_DIR, folder)
    (folder / f"{written}.md").unlink()
    loose = KnowledgeBase(folder, relevance=knowledge.relevance, min_relevance=0.30)  # the old single threshold
    strict = KnowledgeBase(folder, relevance=knowledge.relevance)
    assert loose.best(question).article.name == wrong
    assert strict.least_relevance(loose.best(question).article) > strict.relevance_of(question, loose.best(question).article)
    assert strict.best(question) is None
    assert knowledge.best(question).article.name == written  # the article written for it is given


def test_an_article_written_for_the_questions_risk_needs_less_likeness(knowledge):
    """A scam told in the user's own words is far in meaning from the payment-scam article's
    title, and still its answer: given when the question is in one of the article's classes."""
    question = "A caller says I owe a tax fine and must pay in bitcoin today. Should I?"
    article = knowledge.search(question)[0].article
    assert article.name == "payment-scam" and "payment" in article.risks
    assert knowledge.min_relevance_for_risk <= knowledge.relevance_of(question, article) < knowledge.min_relevance
    assert knowledge.best(question) is None  # as a plain question it is too far ...
    assert knowledge.best(question, risks=frozenset({"payment"})).article.name == "payment-scam"  # ... not for its risk
    assert knowledge.best(question, risks=frozenset({"physical_hazard"})) is None  # another risk's article would need more


def test_the_policy_gives_a_risk_article_to_a_question_in_that_risk(knowledge):
    from agent.replies.reply_policy import ReplyPolicy

    policy = ReplyPolicy(knowledge)  # the rules' phrases alone find this one a payment risk
    assert "gift cards, crypto" in policy.note_for("A caller says I owe a tax fine and must pay in bitcoin today. Should I?")
    note = policy.note_for("Should I turn off my computer every night?")  # no risk: its own article, not the scam's
    assert "gift cards" not in note and "restart at least once a week" in note


@pytest.mark.parametrize("question, other_device, left_out", [
    ("my pc takes ages to boot and loads of stuff opens by itself when i log in (spotify, teams). how do i stop them all starting up",
     "os-login-items-mac", "os-startup-apps-windows"),
    ("keep getting permission denied errors on my ubuntu laptop, how do I fix access denied?", "error-0x80070005", ""),
])
def test_an_article_only_for_other_devices_is_not_given_when_none_fits(knowledge, tmp_path, question, other_device, left_out):
    """Nothing for the machine named, and the best article's title or every sentence of its
    answer is for another one: its steps would not work, so none is given (where the shipped
    set now has one for that machine, it is left out here, and the full set gives it)."""
    from agent.replies.knowledge_base import KnowledgeBase

    gap = _without(tmp_path, knowledge, left_out) if left_out else knowledge
    loose = KnowledgeBase(gap.folder, relevance=knowledge.relevance, min_relevance=0.0)
    assert loose.search(question)[0].article.name == other_device
    assert gap.best(question) is None
    if left_out:
        assert knowledge.best(question).article.name == left_out


def test_the_articles_vectors_are_kept_on_disk(tmp_path, monkeypatch, encoder):
    from agent.replies.knowledge_base import KnowledgeBase

    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "a.md").write_text("# Reset a router\nkeywords: router reset\nHold the reset button for ten seconds.\n")
    monkeypatch.setenv("PARLEY_CACHE_DIR", str(tmp_path / "cache"))

    class Counting:
        identity = encoder.identity
        calls = 0

        def embed(self, text):
            Counting.calls += 1
            return encoder.embed(text)

    KnowledgeBase(folder, relevance=Counting())
    assert Counting.calls == 3 and len(list((tmp_path / "cache").glob("article-views-*.npy"))) == 1
    KnowledgeBase(folder, relevance=Counting())
    assert Counting.calls == 3  # the second start read them back


def test_a_knowledge_relevance_that_cannot_load_leaves_words_only(caplog):
    from agent.replies.knowledge_base import relevance_for

    assert relevance_for("off") is None
    assert relevance_for("st:/nonexistent/model") is None
    assert relevance_for("local") is None  # a chat model's vectors were not measured for this
    assert "words only" in caplog.text


def test_recent_vectors_let_the_least_recently_used_go_first():
    import numpy as np

    from models.llm.recent_vectors import RecentVectors

    recent = RecentVectors(keep=2)
    a, b, c = (np.full(3, v, dtype=np.float32) for v in (1, 2, 3))
    recent.put("a", a)
    recent.put("b", b)
    assert recent.get("a") is a  # "a" is now the most recently used
    recent.put("c", c)
    assert recent.get("b") is None and recent.get("a") is a and recent.get("c") is c


def test_a_follow_up_naming_a_device_keeps_to_articles_near_the_question(knowledge):
    """"What about on my iPad?" after a dark-theme question: "iPad" alone had ranked a parental
    controls article first among the follow-up's words, too far in meaning to be given, so
    nothing was (the articles of 2026-12-07 say "iPad" more often)."""
    question = "How do I switch Windows to the dark theme? What about on my iPad?"
    hit = knowledge.best(question, prefer="What about on my iPad?")
    assert hit is not None and hit.article.name == "dark-mode"


def test_an_article_for_no_risk_of_the_turn_must_be_near_to_be_given(knowledge):
    """A risky question gets an article written for none of its classes only when it is near:
    a TV remote's batteries (cosine 0.53) are no answer to a swallowed button battery."""
    question = ("I think my 2 year old swallowed a button battery from the tv remote, it's missing and he was playing "
                "with it. He seems totally fine so I'll just keep an eye on him tonight.")  # outside4's
    hit = knowledge.best(question)
    assert hit is not None and hit.article.name == "os-tv-remote-not-working"  # its meaning alone is near enough ...
    hit = knowledge.best(question, risks=frozenset({"emergency", "physical_hazard"}))
    assert hit is None or hit.article.risks  # ... not on a turn in those classes


def test_the_nearest_in_meaning_of_the_words_choices_is_given(knowledge):
    """The words put "Fix restarts with Automatic Repair" first for a blue screen (0.61); the
    blue-screen article (0.70) is given."""
    question = "My PC shows a blue screen and restarts. What should I do?"
    assert knowledge.search(question)[0].article.name != "blue-screen"
    assert knowledge.best(question).article.name == "blue-screen"
