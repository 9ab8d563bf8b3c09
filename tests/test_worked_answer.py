"""A worked sum's answer is the answer said (agent/replies/worked_answer.py): the first sentence
of a turn with a worked note states the note's result, or the worked answer is said instead."""
from __future__ import annotations

import pytest

from agent.replies.spoken_reply import SpokenReplyGuard
from agent.replies.worked_answer import WorkedAnswer, worked_note

from .test_reply_policy import stream

LONDON = worked_note("3 PM in London is 10 AM in NY (London is 5 hours ahead of NY today)")


@pytest.mark.parametrize("worked, result, answer", [
    ("3 PM in London is 10 AM in NY (London is 5 hours ahead of NY today)", "10", "3 PM in London is 10 AM in NY."),
    ("$35 a month for 24 months is $840 in all", "840", "$35 a month for 24 months is $840 in all."),
    ("2:45 plus 50 minutes is 3:35", "3:35", "2:45 plus 50 minutes is 3:35."),
    ("$12.99 a month is $155.88 a year (12.99 times 12)", "155.88", "$12.99 a month is $155.88 a year."),
    ("12 times 1,250 is 15,000", "15000", "12 times 1,250 is 15,000."),
])
def test_the_result_is_the_last_number_outside_the_aside(worked, result, answer):
    w = WorkedAnswer(worked_note(worked))
    assert (w.result, w.answer) == (result, answer)


def test_a_note_that_is_no_worked_sum_checks_nothing():
    assert not WorkedAnswer("Help desk note for the next question: Restart the router.")
    assert not WorkedAnswer(worked_note("London and Lisbon are on the same time today"))  # no number to state
    assert WorkedAnswer("").check("It is 8 PM there.") is None


def _guard(note: str) -> SpokenReplyGuard:
    g = SpokenReplyGuard()
    g.expect("ok so if i ring my sister at 3pm my time in london, its 8pm for her in ny?", (), note=note)
    return g


def test_a_first_sentence_with_the_users_number_becomes_the_worked_answer():
    """outside9: "Yes, 3 PM in London is 8 PM in NY." to a note that said 10 AM."""
    g = _guard(LONDON)
    out, pieces = stream(g, "Yes, 3 PM in London is 8 PM in NY. She will be having dinner.")
    assert out == "3 PM in London is 10 AM in NY.", out
    assert "worked_answer" in g.events
    assert not any("8 PM" in p for p in pieces)  # held whole, never partly heard


def test_a_first_sentence_that_states_the_result_is_said_as_written():
    g = _guard(LONDON)
    out, _ = stream(g, "No, it will be 10 AM for her in New York. London is 5 hours ahead.")
    assert out == "No, it will be 10 AM for her in New York. London is 5 hours ahead.", out
    assert "worked_answer" not in g.events


def test_without_a_worked_note_the_first_sentence_streams_as_before():
    g = _guard("")
    _, pieces = stream(g, "Yes, 3 PM in London is 8 PM in NY.")
    assert sum(1 for p in pieces if p.strip()) > 1  # passed on as it came, not held whole
