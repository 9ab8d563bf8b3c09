"""A number the model was unsure of is not said as a fact (agent/replies/unsure_numbers.py):
the real 0.5B's digit probabilities end to end, and the guard's rules with chosen ones."""
from __future__ import annotations

from contextlib import aclosing

import pytest

from agent.replies import safety_policy
from agent.replies.spoken_reply import SpokenReplyGuard
from agent.replies.unsure_numbers import HEDGE_NUMBER, HEDGE_YEAR, UNSURE_BELOW, asks_for_a_number
from models.llm import NumberToken, TextDelta


def ask(question: str) -> list[dict]:
    return [{"role": "system", "content": "You are a concise assistant. Answer in one short sentence."},
            {"role": "user", "content": question}]


async def events_of(llm, question: str, max_tokens: int = 24) -> list:
    async with aclosing(llm.stream(ask(question), max_tokens=max_tokens, temperature=0.0)) as s:
        return [ev async for ev in s]


async def test_the_local_model_sends_each_digit_tokens_probability_before_its_text(qwen):
    events = await events_of(qwen, "Count from 1 to 5 in digits, separated by commas.")
    numbers = [e for e in events if isinstance(e, NumberToken)]
    assert len(numbers) >= 5
    assert all(0.0 < e.p <= 1.0 for e in numbers)
    text = ""
    for i, ev in enumerate(events):  # each digit token's text follows it in the stream
        if isinstance(ev, TextDelta):
            text += ev.text
        elif isinstance(ev, NumberToken):
            later = "".join(e.text for e in events[i + 1:] if isinstance(e, TextDelta))
            assert ev.text.strip() and ev.text.strip() in (text + later)[len(text):]


def guard_for(question: str, note: str = "") -> SpokenReplyGuard:
    g = SpokenReplyGuard()
    g.expect(question, safety_policy.risks_in(question), note=note)
    return g


@pytest.mark.parametrize("question", ["What year was Amazon founded?", "What year did Gmail launch?",
                                      "What year did Windows 95 come out?"])
async def test_a_year_is_said_only_when_the_model_was_sure_of_its_digits(qwen, question):
    events = await events_of(qwen, question)
    guard, out = guard_for(question), ""
    for ev in events:
        if isinstance(ev, NumberToken):
            guard.number_token(ev.text, ev.p)
        elif isinstance(ev, TextDelta):
            out += guard.push(ev.text)
    out += guard.flush()
    raw = "".join(e.text for e in events if isinstance(e, TextDelta))
    unsure = any(e.p < UNSURE_BELOW for e in events if isinstance(e, NumberToken))
    assert any(c.isdigit() for c in raw), raw
    if unsure:
        assert HEDGE_YEAR in out and not any(c.isdigit() for c in out), (raw, out)
    else:
        assert out.strip() == raw.strip() and "not sure" not in out, (raw, out)


def feed(guard: SpokenReplyGuard, pieces: list[tuple[str, float | None]]) -> tuple[str, list[str]]:
    """Text pieces as the model streams them; a probability marks a digit token."""
    said = []
    for text, p in pieces:
        if p is not None:
            guard.number_token(text, p)
        said.append(guard.push(text))
    said.append(guard.flush())
    return "".join(said), said


def year(digits: str, p_last: float) -> list[tuple[str, float | None]]:
    return [(d, 0.99) for d in digits[:-1]] + [(digits[-1], p_last)]


def test_an_unsure_year_is_replaced_before_any_of_its_sentence_is_heard():
    pieces = [("Google", None), (" was", None), (" founded", None), (" in", None), (" ", None), *year("2005", 0.29),
              (".", None), (" It", None), (" is", None), (" a", None), (" search", None), (" company", None), (".", None)]
    out, said = feed(guard_for("In what year was Google founded?"), pieces)
    assert out.startswith(HEDGE_YEAR) and "2005" not in out and "founded in" not in out
    assert out.endswith("It is a search company.")
    assert all(s == "" for s in said[:10]) and said[10].startswith(HEDGE_YEAR)  # held whole, then replaced


def test_a_sure_year_and_a_number_the_user_gave_are_said():
    out, _ = feed(guard_for("What year did Windows 95 come out?"),
                  [("Windows", None), (" ", None), ("9", 0.3), ("5", 0.3), (" came", None), (" out", None), (" in", None),
                   (" ", None), *year("1995", 0.7), (".", None)])
    assert out == "Windows 95 came out in 1995."


def test_a_number_from_the_note_is_the_conversations_own():
    out, _ = feed(guard_for("How do I fix error 0x80070005?", note="Error 0x80070005 means access denied."),
                  [("Error", None), (" ", None), ("0", 0.2), ("x", None), ("8", 0.2), ("0", 0.2), ("0", 0.2), ("7", 0.2),
                   ("0", 0.2), ("0", 0.2), ("0", 0.2), ("5", 0.2), (" means", None), (" access", None), (" denied", None), (".", None)])
    assert "0x80070005" in out and "not sure" not in out


def test_a_number_inside_help_is_not_checked_and_streams():
    g = guard_for("My iPhone is frozen, how do I restart it?")
    out, said = feed(g, [("Hold", None), (" the", None), (" side", None), (" button", None), (" for", None), (" ", None),
                         ("1", 0.2), ("0", 0.3), (" seconds", None), (".", None)])
    assert out == "Hold the side button for 10 seconds."
    assert "".join(said[:9]).startswith("Hold the side button for 10")  # streamed before the sentence ends
    assert not asks_for_a_number("My iPhone is frozen, how do I restart it?") and asks_for_a_number("When did it come out?")


def test_one_hedge_per_reply_and_a_tool_calls_digits_are_forgotten():
    out, _ = feed(guard_for("How many people use Linux?"),
                  [("About", None), (" ", None), ("3", 0.2), ("%", None), (" of", None), (" desktops", None), (".", None),
                   (" That", None), (" is", None), (" ", None), ("9", 0.2), (" million", None), (".", None)])
    assert out == HEDGE_NUMBER
    g = guard_for("How many days are in a week?")
    g.number_token("7", 0.1)
    g.forget_doubts()  # sampled inside a tool call
    out, _ = feed(g, [("A", None), (" week", None), (" has", None), (" ", None), ("7", None), (" days", None), (".", None)])
    assert out == "A week has 7 days."
