"""The safe answer after a blocked sentence (agent/replies/safe_wording.py) says nothing twice."""
from __future__ import annotations

import pytest

from agent.replies.example_copies import PromptExamples
from agent.replies.safe_wording import safe_wording
from agent.replies.sentence_text import words_of


@pytest.mark.parametrize("answer, said, expected", [
    # the refusal and the reason heard already are not said again
    ("No, don't. That is very likely a scam: never share a password or a sign-in code.", "No, don't: that is very likely a scam.",
     "Never share a password or a sign-in code."),
    ("No, don't pay. Gift cards are how scams are paid.", "No, don't.", "Gift cards are how scams are paid."),
    # nothing refused yet: the answer is said whole
    ("No, don't: a swollen battery can catch fire. Stop using it.", "Please check it first.",
     "No, don't: a swollen battery can catch fire. Stop using it."),
])
def test_what_was_heard_is_not_said_twice(answer, said, expected):
    assert safe_wording(answer, said) == expected


def test_a_reason_heard_as_a_sentence_of_its_own_is_not_said_again_before_a_colon():
    # outside8: the reply's last sentence sent the user to a Steam "admin" on Discord and was blocked,
    # after it had opened with "That is very likely a scam."
    said = "That is very likely a scam. Don't send the code; call your friend to check. "
    out = safe_wording("No, don't. That is very likely a scam: whoever has a sign-in code can get into your account.", said)
    assert out == "No, don't. Whoever has a sign-in code can get into your account."
    kept = safe_wording("No, don't. That is very likely a scam: whoever has a sign-in code can get into your account.", "Sure. ")
    assert "That is very likely a scam: whoever" in kept


def test_asked_only_whether_it_is_bad_the_answer_is_yes():
    out = safe_wording("No, don't: a swollen battery can catch fire. Stop using it.", "", asks_only_if_bad=True)
    assert out == "Yes, a swollen battery can catch fire. Stop using it."


def test_a_copied_example_is_found_only_for_an_unlike_question():
    examples = PromptExamples([("How do I rename a file?", "On Windows, select the file, press F2 and type the new name.")])
    copy = words_of("On Windows, select the file, press F2 and type the new name.")
    printer_question, rename_question = words_of("My printer says paper jam but there is no paper inside."), words_of("How do I rename a file?")
    assert examples.begin(copy[:3]) and examples.begin(["on", "windows", "select", "the", "file", "press", "f"])
    assert not examples.begin(["press", "the"])
    assert examples.leaks(copy, printer_question) and not examples.leaks(copy, rename_question)
    assert examples.copying(copy[:8], printer_question) and not examples.copying(copy[:8], rename_question)
    assert not examples.copying(copy[:4], printer_question)  # too few words to be sure
