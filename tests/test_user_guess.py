"""The user's guess at a fact is kept out of what the model is asked (agent/replies/user_guess.py):
the bundled 0.5B agreed with it ("Saturn is the largest planet", "Mark Zuckerberg invented the
world wide web"); asked the bare question it answers from what it knows."""
from __future__ import annotations

import re

import pytest

from agent.replies.reply_policy import DEFAULT_INSTRUCTIONS, ReplyPolicy
from agent.replies.user_guess import without_guess

from .test_reply_policy import ask, reply_text


@pytest.mark.parametrize("said, asked", [
    ("who invented the world wide web? my son says it was mark zuckerberg", "who invented the world wide web?"),
    ("how long does light from the sun take to get to earth, its like 8 seconds right", "how long does light from the sun take to get to earth?"),
    ("how many bits make a byte again? 10 isnt it, like metric", "how many bits make a byte again?"),
    ("is 2100 a leap year? its divisible by 4 so it has to be right", "is 2100 a leap year?"),
    ("who started microsoft, was it steve jobs? my husband says it was", "who started microsoft?"),
    ("who painted the mona lisa? i think it was michelangelo", "who painted the mona lisa?"),
    ("biggest planet in the solar system is saturn right? cos of the rings", "What is the biggest planet in the solar system?"),
    ("the capital of australia is sydney, isn't it?", "What is the capital of australia?"),
])
def test_a_guess_after_a_question_of_fact_is_left_out(said, asked):
    assert without_guess(said) == asked


@pytest.mark.parametrize("said", [
    "how do I fix my wifi? I think the router is broken",  # the user's thought is the problem's context
    "how do i update windows? my son says i need to",  # what to do, not a fact
    "what should i do about this popup? my friend says its a virus",
    "how do I take a screenshot on windows, is it print screen?",
    "my laptop is 64 bit right?",  # the user's own setup, not a fact to look up
    "I should restart the router first, right?",
    "My printer says it's offline. How do I fix it?",
    "What's the difference between RAM and storage?",
    "is 2100 a leap year?",
    "x" * 5000 + " is it y?",
])
def test_everything_else_is_asked_as_said(said):
    assert without_guess(said) == said


def test_the_model_gets_the_bare_question_and_the_conversation_keeps_the_words():
    policy = ReplyPolicy(None)
    said = "biggest planet in the solar system is saturn right? cos of the rings"
    history = [{"role": "system", "content": DEFAULT_INSTRUCTIONS}, {"role": "user", "content": said}]
    msgs = policy.messages(history)
    assert msgs[-1] == {"role": "user", "content": "What is the biggest planet in the solar system?"}
    assert history[-1]["content"] == said
    # a pure function of the text: the next turn's prompt extends this one (the KV cache holds)
    later = policy.messages([*history, {"role": "assistant", "content": "Jupiter."}, {"role": "user", "content": "And the smallest?"}])
    assert later[: len(msgs)] == msgs


# Not the Saturn question: asked bare, the 0.5B's "Jupiter" is 0.11 logits above "Mars" (its
# margins, bench/RESULTS.md, twenty-sixth session), so which it says is a CPU's rounding, not
# the guess's doing; it said "Mars" on two machines. The facts here win by 1.5 logits or more.
@pytest.mark.parametrize("question, must, must_not", [
    ("who painted the mona lisa? i think it was michelangelo", r"leonardo|da vinci", r"michelangelo"),
    ("who invented the world wide web? my son says it was mark zuckerberg", r"berners-?\s?lee", r"zuckerberg"),
    ("how many bits make a byte again? 10 isnt it, like metric", r"\b8\b|eight", r"\b10 bits\b"),
])
async def test_the_real_model_answers_the_fact_not_the_guess(server, question, must, must_not):
    (resp,) = await ask(server, question)
    text = reply_text(resp)
    assert re.search(must, text, re.I), text
    assert not re.search(must_not, text, re.I), text
