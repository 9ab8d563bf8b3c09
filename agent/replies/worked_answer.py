"""A worked sum's answer is the answer the reply gives.

The policy hands the model a sum it worked out as the turn's note (`worked_note`: "Worked out
exactly: 3 PM in London is 10 AM in NY (London is 5 hours ahead of NY today). Give this
answer."). The 0.5B mostly repeats it, but asked "so if I ring at 3pm my time in London, it's
8pm for her in NY?" it answered "Yes, 3 PM in London is 8 PM in NY.": the user's number, not
the note's (bench/reply_cases_outside9.py). So on such a turn the first sentence is held until
it is whole, and one that does not state the worked result is replaced by the worked answer
itself. The result is the last number before any aside in brackets ("$840" of "$35 a month
for 24 months is $840 in all", "3:35" of "2:45 plus 50 minutes is 3:35").
"""
from __future__ import annotations

import re

from .unsure_numbers import numbers_in

NOTE_OPENS = "Worked out exactly: "
NOTE_ENDS = ". Give this answer."


def worked_note(worked: str) -> str:
    """The note that gives the model a worked sum."""
    return f"{NOTE_OPENS}{worked}{NOTE_ENDS}"


class WorkedAnswer:
    """The worked result of a turn's note, and what a first sentence that misses it becomes."""

    def __init__(self, note: str = "") -> None:
        worked = note[len(NOTE_OPENS):-len(NOTE_ENDS)] if note.startswith(NOTE_OPENS) and note.endswith(NOTE_ENDS) else ""
        said = re.sub(r"\s*\([^)]*\)", "", worked).strip()  # the aside ("(12.99 times 12)") is not said
        results = numbers_in(said)
        self.result = results[-1] if results else ""
        self.answer = f"{said[:1].upper()}{said[1:]}." if self.result else ""

    def __bool__(self) -> bool:
        return bool(self.result)

    def check(self, sentence: str) -> str | None:
        """The worked answer to say instead of `sentence` when it does not state the result."""
        if not self.result or self.result in numbers_in(sentence):
            return None
        return self.answer
