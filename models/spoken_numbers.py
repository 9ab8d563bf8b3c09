"""Numbers Whisper wrote wrongly from their spoken form.

tiny.en writes a number said in words group by group, as it heard the groups:

- "sixty-six thousand twelve" as "66,12" (read as digits: 6,612)
- "seven thousand seven hundred eighty-one" as "7,70081" ("seven hundred" and "eighty-one"
  side by side; read as digits: 770,081)
- "sixty-six thousand twelve" as "66,000 12" (the same model on another CPU), where only
  punctuation follows: two numbers to a reader

An order number, an amount or a room number read that way is a different one, and a tool
call made from it looks up the wrong thing. In a thousands-grouped number every group after
the first has three digits, so a group of one or two digits lost its zeros ("12" is "012"),
and a group of a round hundred followed by one or two digits is their sum ("700" + "81" is
"781"). Only the last group is repaired, in a number with no decimals ("1,2,3" may be a
list). Anything else is left as written: a repair never guesses.
"""
from __future__ import annotations

import re

_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*,\d+(?![\d,]*\d|\.\d)")  # "66,12", "7,70081", "1,000,000"
_HUNDRED_AND_REST = re.compile(r"([1-9]00)(\d{1,2})")  # "70081": "700" then "81"
# "sixty-six thousand twelve" also comes out as "66,000 12" (tiny.en on another CPU): a round
# thousand, then one or two digits that end the phrase, are one number ("66,012"). Not where
# anything follows but punctuation ("1,000 12 year olds" stays).
_ROUND_THEN_REST = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})*),000 (\d{1,2})(?=\s*(?:[;:!?)]|[.,](?!\d)|$))")


def _group(group: str) -> str | None:
    """A group after the first as three digits, or None when it cannot be read as one."""
    if len(group) == 3:
        return group
    if len(group) < 3:
        return group.zfill(3)
    whole = _HUNDRED_AND_REST.fullmatch(group)
    if whole is None:
        return None
    return str(int(whole.group(1)) + int(whole.group(2)))


def repair_digit_groups(text: str) -> str:
    """`text` with each thousands-grouped number whose groups are not three digits each
    written as the number that was said ("66,12" -> "66,012", "7,70081" -> "7,781")."""
    def repair(m: re.Match[str]) -> str:
        head, last = m.group(0).rsplit(",", 1)
        group = _group(last)
        return m.group(0) if group is None else f"{head},{group}"

    return _ROUND_THEN_REST.sub(lambda m: f"{m.group(1)},{m.group(2).zfill(3)}", _GROUPED.sub(repair, text))
