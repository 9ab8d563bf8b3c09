"""The shipped knowledge base: every article written from public pages names them, parses
into a short spoken answer, and is found for the way people ask about its topic."""
from __future__ import annotations

import re

import pytest

from agent.replies.knowledge_base import STARTER_DIR, KnowledgeBase, parse_article

KB = KnowledgeBase()


def test_a_sources_line_is_kept_apart_from_the_spoken_answer():
    a = parse_article("x", "# Title\nkeywords: a b\nsources: https://a.example/1 https://b.example/2\nSay this.\n\nSteps: more.")
    assert a is not None and a.sources == ("https://a.example/1", "https://b.example/2")
    assert a.summary == "Say this." and "example" not in a.summary + a.details + a.keywords


@pytest.mark.parametrize("article", [a for a in KB.articles if a.name.startswith(("os-", "net-"))], ids=lambda a: a.name)
def test_each_article_written_from_public_pages_names_them_and_speaks_briefly(article):
    assert article.sources and all(re.match(r"https?://\S+\.\S+", s) for s in article.sources)
    assert len(article.summary.split()) <= 40
    assert not re.search(r"https?://|[*#`⌘]", article.summary)  # spoken: no links, markup or symbols


def test_the_knowledge_base_has_the_articles_on_disk():
    on_disk = [p for p in STARTER_DIR.glob("*.md")]
    assert len(KB.articles) == len(on_disk) >= 80


@pytest.mark.parametrize(("question", "article"), [
    ("How do I turn on my hotspot?", "net-mobile-hotspot"),
    ("My Gmail storage is full and I can't get emails", "net-mailbox-full"),
    ("My laptop won't connect to Wi-Fi.", "wifi-not-connecting"),
    ("My C: drive is almost out of space", "disk-full"),
    ("How can I open a zip file someone sent me?", "os-open-zip-file"),
    ("My iPhone is frozen and won't respond", "os-phone-frozen-restart"),
    ("Where do my downloads go on Windows?", "os-find-downloads"),
    ("How do I scan my computer with Windows Defender?", "net-microsoft-defender-scan"),
    ("How do I turn off autocorrect on my iPhone?", "os-autocorrect-off"),
    ("Where can I see everything I copied today on Windows?", "os-clipboard-history"),
])
def test_a_question_finds_its_article_among_the_others(question, article):
    hit = KB.best(question)
    assert (hit.article.name if hit else None) == article
