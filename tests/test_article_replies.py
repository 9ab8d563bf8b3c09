"""A how-to question near a knowledge article is answered with the article's own words, no LLM
(`ReplyPolicy.article_reply`, `ResponseRun._article_answer`): with the real sentence encoder,
the real articles and the risk classifier, then through a real session on loopback."""
from __future__ import annotations

import re

import numpy as np
import pytest

from agent.replies import stance
from agent.replies.reply_policy import DEFAULT_INSTRUCTIONS, ReplyPolicy

from .conftest import silence, speech, start_server, stop_server
from .realtime_client import RawClient

DISK_FULL = "My C drive is full. How can I free up space?"


@pytest.fixture(scope="module")
def policy():
    from agent.replies.knowledge_base import KnowledgeBase, relevance_for
    from agent.replies.risk_by_embedding import risk_classifier_for

    return ReplyPolicy(KnowledgeBase(relevance=relevance_for("minilm")), risk_classifier=risk_classifier_for(object()))


def history(*turns: str, instructions: str = DEFAULT_INSTRUCTIONS) -> list[dict]:
    msgs = [{"role": "system", "content": instructions}]
    for i, text in enumerate(turns):
        msgs.append({"role": "user" if i % 2 == 0 else "assistant", "content": text})
    return msgs


def test_a_how_to_question_near_an_article_gets_its_words_for_the_device_named(policy):
    said = policy.article_reply(history(DISK_FULL))
    assert said.startswith("On Windows, open Settings, System, Storage") and "Storage Sense" in said
    assert "Mac" not in said  # the user named a C drive: the Mac sentence is left out
    # the same words the model's note carries
    assert policy.note_for(DISK_FULL).endswith(said)


async def test_the_guard_learns_the_question_and_note_from_the_article_reply_itself(policy):
    """One pass: the search that chose the article tells the guard what `messages()` would have."""
    guard = policy.guard(voice=True)
    said = policy.article_reply(history(DISK_FULL))
    assert said and guard.question_words and "drive" in guard.question_words
    told = policy.guard(voice=True)  # a fresh guard, told by the prompt instead
    policy.messages(history(DISK_FULL))
    assert told.question_words == guard.question_words
    untold = policy.guard(voice=True)
    assert policy.article_reply(history("Who painted the Mona Lisa?")) == "" and untold.question_words == []  # the model's prompt will tell it


def test_a_short_follow_up_is_read_with_the_question_before_it(policy):
    said = policy.article_reply(history(DISK_FULL, "On Windows, open Settings, System, Storage.", "Sorry, I meant on my Mac"))
    assert said.startswith("On a Mac") and "Storage" in said and "Windows" not in said


@pytest.mark.parametrize("question", [
    # asks whether it is safe; the nearest article says whether saved passwords are lost
    "Is it safe to clear my browser's cache? I really don't want to lose my bookmarks.",
    "A program is frozen. Should I use End task on it in Task Manager?",
    "I spilled coffee on my laptop keyboard, how do I dry it out?",  # risky: the model and the safety policy answer
    "Someone from the bank texted me a code and wants me to read it back, how do I find the text?",
    "Who painted the Mona Lisa?",  # no article this near
    "What is 15 percent of 80?",  # a sum: worked out, then said by the model
    "My name is Dana.",
    "What time is it?",
])
def test_the_model_answers_what_an_article_should_not(policy, question):
    assert policy.article_reply(history(question)) == ""


def test_only_under_the_default_instructions(policy):
    assert policy.article_reply(history(DISK_FULL, instructions="You are a pirate. Answer in rhyme.")) == ""


@pytest.mark.parametrize("question, verdict", [
    ("Is it okay to use End task on it?", True),
    ("I'm selling my phone. Should I factory reset it first?", True),
    ("do i actually have to click eject every time?", True),
    ("Could you tell me how to change my Apple ID password?", False),
    ("Is there a keyboard shortcut to mute myself in Zoom?", False),
    ("How do I reopen a closed tab?", False),
    ("My screen is sideways. how do i turn it back", False),
])
def test_a_question_that_asks_for_a_verdict_is_told_from_one_that_asks_how(question, verdict):
    assert stance.asks_yes_or_no(question) is verdict


# Asked in words other than the articles' titles (and than the probe they were written for).
@pytest.mark.parametrize("question, article, verdict", [
    ("Does swiping away apps in the app switcher make my battery last longer?", "s26-yn-close-apps-battery", "No,"),
    ("Do Macs get viruses, do I need to buy protection?", "s26-yn-antivirus-on-mac", "No,"),
    ("Will I be logged out everywhere if I delete my cookies?", "s26-yn-clear-cookies-signs-out", "Yes,"),
    ("Do I lose my saved passwords if I clear the browser cache?", "s26-yn-clear-cache-passwords", "No,"),
    ("Is it a bad idea to play games on my phone while it charges?", "s26-yn-use-phone-while-charging", "No,"),
])
def test_a_yes_no_question_gets_the_verdict_of_an_article_that_says_whether(policy, question, article, verdict):
    said = policy.article_reply(history(question))
    hit = policy.knowledge.best(question)
    assert hit is not None and hit.article.name == article
    assert said == hit.article.summary and said.startswith(verdict)


@pytest.mark.parametrize("asked_its_way, asked_the_other_way", [
    ("Is it okay to leave my laptop plugged in all the time?", "Will keeping my MacBook on the charger all day ruin the battery?"),
    ("Should I let my browser save my passwords?", "Is it risky to have my browser remember my logins?"),
    ("Can I put my router inside a cabinet?", "My router is in a closed TV cabinet, is that a problem?"),
])
def test_a_verdict_is_not_said_to_the_question_asked_the_other_way(policy, asked_its_way, asked_the_other_way):
    """"Yes, it's fine" answers "Is it okay…?" and is wrong to "Will it ruin…?": the model then
    answers, with the article as its note."""
    assert re.match(r"(?:Yes|No|Not really),", policy.article_reply(history(asked_its_way)))
    assert policy.knowledge.best(asked_the_other_way).article == policy.knowledge.best(asked_its_way).article
    assert policy.article_reply(history(asked_the_other_way)) == ""
    assert policy.note_for(asked_the_other_way)  # the article still reaches the model


def test_an_article_says_whether_when_its_title_asks_and_its_answer_opens_with_the_verdict():
    from agent.replies.knowledge_base import parse_article
    from agent.replies.reply_policy import says_whether
    from agent.replies.stance import asked_the_same_way

    whether = parse_article("a", "# Is it safe to charge my phone overnight?\nYes, phones stop charging when full.")
    how = parse_article("b", "# Charge a phone overnight safely\nUse the charger that came with it.")
    no_verdict = parse_article("c", "# Is public Wi-Fi safe to use\nIt's fine for browsing on the right network.")
    assert says_whether(whether) and not says_whether(how) and not says_whether(no_verdict)
    assert asked_the_same_way("Is it fine to leave it charging all night?", whether.title)
    assert not asked_the_same_way("Will charging overnight damage the battery?", whether.title)
    assert not asked_the_same_way("Is it safe, or will I lose my photos?", whether.title)  # asks both ways


# -- through a real session -------------------------------------------------------------------
async def say(server, question: str) -> tuple[str, dict, dict]:
    """The question spoken (Piper) into a live session: what it heard, its response, its turn metrics."""
    c = await RawClient.connect(server.ws + "/realtime?parley=1")
    try:
        await c.configure()
        await c.stream_audio(np.concatenate([silence(0.3), speech(server.runtime, question), silence(1.5)]))
        heard = (await c.wait_for("conversation.item.input_audio_transcription.completed", timeout=120))["transcript"]
        done = (await c.wait_for("response.done", timeout=600))["response"]
        metrics = next(e for e in c.events if e["type"] == "parley.turn.metrics")  # sent before response.done
    finally:
        await c.close()
    return heard, done, metrics


def spoken(response: dict) -> str:
    return " ".join(c.get("transcript", "") for it in response["output"] if it["type"] == "message" for c in it["content"])


async def test_a_real_session_speaks_the_article_and_says_so(server):
    heard, done, metrics = await say(server, DISK_FULL)
    expected = server.runtime.reply_policy.article_reply(history(heard))
    assert expected.startswith("On Windows"), heard
    assert spoken(done).split()[:12] == expected.split()[:12], spoken(done)
    assert metrics["reply_source"] == "article"
    assert done["usage"]["output_tokens"] == 0  # no model was asked
    assert "llm_first_token_ms" not in metrics["metrics"] and metrics["metrics"]["first_audio_sent_ms"] > 0


async def test_a_real_session_asks_the_model_for_a_verdict(server):
    heard, done, metrics = await say(server, "Is it safe to clear my browser's cache? I don't want to lose my bookmarks.")
    assert metrics["reply_source"] == "model" and done["usage"]["output_tokens"] > 0, heard
    assert re.search(r"\b(?:yes|safe|bookmarks?)\b", spoken(done), re.I), spoken(done)


async def test_switched_off_the_model_answers_with_the_article_as_its_note(runtime):
    live = await start_server(runtime, article_replies=False)
    try:
        heard, done, metrics = await say(live, DISK_FULL)
    finally:
        await stop_server(live)
    # what the 0.5B then says is its own (it has answered "Open Command Prompt, type diskpart …"
    # with the storage note before the question): the switch is what is tested here
    assert metrics["reply_source"] == "model" and done["usage"]["output_tokens"] > 0, heard
    assert not spoken(done).startswith(runtime.reply_policy.article_reply(history(heard))), spoken(done)


def test_a_low_word_score_is_good_when_the_meaning_is_near(policy):
    """"Windows" and "version" are in so many articles that the version article's words scored
    5.9, under `min_score`, and nothing was given; at cosine 0.66 it is good by its meaning
    (`GOOD_BY_MEANING`), and never where the meaning is far."""
    from agent.replies import knowledge_base

    question = "How do I know which version of Windows I have?"
    hit = policy.knowledge.search(question)[0]
    assert hit.score < policy.knowledge.min_score  # the words alone would not give it
    assert policy.knowledge.best(question).article.name == "os-check-version"
    assert "winver" in policy.article_reply(history(question))
    saved = knowledge_base.GOOD_BY_MEANING
    try:
        knowledge_base.GOOD_BY_MEANING = 9.0
        policy.knowledge.search.cache_clear()
        assert policy.knowledge.best(question) is None
    finally:
        knowledge_base.GOOD_BY_MEANING = saved
        policy.knowledge.search.cache_clear()


@pytest.mark.parametrize(("question", "article", "said"), [
    # the twenty-fifth session's 60 articles, asked the way people ask (not their titles' words)
    ("The printer keeps eating the paper and now a sheet is stuck inside", "s25-net-printer-paper-jam", r"direction"),
    ("my new phone is an iphone 16, how do i get my old iphone's stuff onto it?", "s25-ph-move-to-new-iphone", r"Quick Start"),
    ("Every click on my mouse opens things twice, what's wrong with it?", "s25-pc-mouse-double-clicks", r"Double-click speed"),
    ("The little light on my router is flashing orange, what does that mean?", "s25-net-router-lights", r"provider"),
    ("How can I make a bunch of files into one zip to email them?", "s25-pc-compress-zip-folder", r"Compress"),
    ("My kid keeps going on YouTube on the family laptop, can I block it?", "s25-net-block-website-for-child", r"Family Safety|Screen Time"),
])
def test_new_articles_answer_questions_asked_in_other_words(policy, question, article, said):
    assert policy.knowledge.best(question).article.name == article
    assert re.search(said, policy.article_reply(history(question)))
