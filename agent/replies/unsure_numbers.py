"""Numbers the model was unsure of are not said as facts.

The bundled 0.5B answers "What year was Google founded?" with "2005" as readily as it
answers "Windows 95" with "1995", but not as surely: the backend sends each digit token's
probability (`models.llm.NumberToken`). On 30 dev questions under Parley's prompt
(`bench/unsure_numbers.py`), each of its 15 wrong answers had a digit below
`UNSURE_BELOW`, and so had 6 of its 15 right ones. Such a sentence is replaced by "I'm not
sure of the exact year" rather than said with confidence. Numbers the user said, or the help desk note or a
worked sum gave, are the conversation's own and are never doubted.

Only a turn that asks for a number ("what year", "when did", "how many") is checked: a
number inside help ("hold it for ten seconds") is part of steps, and hedging it mid-sentence
("hold it for … I'm not sure") helped nobody. Latency: such a turn holds its first sentence
until it is whole, so that the sentence can be replaced before any of it is heard; other
turns stream as before.
"""
from __future__ import annotations

import re

UNSURE_BELOW = 0.45  # a digit token sampled below this probability makes its number unsure (chosen on the dev questions)

_NUMBER = re.compile(r"\d[\d,.:]*\d|\d")
_ASKS_FOR_A_NUMBER = re.compile(
    r"\b(?:what|which|in what)\s+year\b|\bwhen\s+(?:did|was|were|is|does)\b|\bhow\s+(?:many|much|old|long ago|far|tall|big|heavy)\b|"
    r"\bwhat\s+(?:date|number|percentage|population)\b|\bwhat\s+is\s+the\s+(?:population|distance|height|speed)\b|\bhow\s+long\s+(?:ago|has|have)\b",
    re.I,
)
HEDGE_YEAR = "I'm not sure of the exact year, so please check a reliable source."
HEDGE_NUMBER = "I'm not sure of the exact number, so please check a reliable source."


_ASKS_FOR_A_YEAR = re.compile(r"\b(?:what|which|in what)\s+year\b|\bwhen\b", re.I)


def _number_in(match: re.Match[str]) -> str:
    """A number as written, without a sentence's full stop or its thousands commas."""
    return match.group(0).rstrip(".,:").replace(",", "")


def numbers_in(text: str) -> list[str]:
    """The numbers of `text` as written, in order, without full stops or thousands commas
    ("$1,250.50." -> "1250.50"; also `worked_answer`'s reading of a worked result)."""
    return [_number_in(m) for m in _NUMBER.finditer(text)]


def _numbers(text: str) -> set[str]:
    return set(numbers_in(text))


def asks_for_a_number(question: str) -> bool:
    """Whether the question's answer is a year, a date or a count ("When did ...?")."""
    return bool(_ASKS_FOR_A_NUMBER.search(question))


class UnsureNumbers:
    """One reply's digit tokens in the order sampled, matched to the numbers of each finished
    sentence in the order written, and what a sentence with an unsure one becomes."""

    def __init__(self, threshold: float = UNSURE_BELOW) -> None:
        self.threshold = threshold
        self.asks_for_a_number = False
        self._asks_for_a_year = False
        self._known: set[str] = set()  # numbers the question or the note gave
        self._digits: list[tuple[str, float]] = []  # digit tokens sampled, not yet matched to a finished sentence
        self.hedged = 0

    def expect(self, question: str, note: str = "") -> None:
        self.asks_for_a_number = asks_for_a_number(question)
        self._asks_for_a_year = bool(_ASKS_FOR_A_YEAR.search(question))
        self._known = _numbers(question) | _numbers(note)

    def sampled(self, text: str, p: float) -> None:
        """A digit token and the probability the model gave it."""
        digits = "".join(c for c in text if c.isdigit())
        if digits:
            self._digits.append((digits, p))

    def forget(self) -> None:
        """Digits sampled inside a tool call are not the reply's."""
        self._digits.clear()

    def check(self, sentence: str) -> str | None:
        """The hedge to say instead of `sentence` when it states a number the model was unsure
        of, else None. The sentence's numbers take the digit tokens sampled so far, in order;
        only a turn that asks for a number is checked."""
        if not self.asks_for_a_number:
            return None
        unsure: list[str] = []
        for m in _NUMBER.finditer(sentence):
            number = _number_in(m)
            need = "".join(c for c in number if c.isdigit())
            took, doubtful = "", False
            while self._digits and len(took) < len(need):
                digits, p = self._digits.pop(0)
                took += digits
                doubtful = doubtful or p < self.threshold
            if doubtful and number not in self._known:
                unsure.append(number)
        if not unsure:
            return None
        self.hedged += 1
        return HEDGE_YEAR if self._asks_for_a_year else HEDGE_NUMBER  # "1024" is a count when the question asks "how many"
