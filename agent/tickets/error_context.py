"""Error lines found by their neighbours, not by their own words.

`extract.error_score` judges one line at a time. Some screens say which line is the error by
layout instead: a panel or dialog titled "Error", a page headed by the exception's class
("Whoops \\ Example \\ Exception", then "Something broke!"), a compiler banner
("-- TYPE MISMATCH ------ Main.elm", then the sentence saying what is wrong). And one line that
scores as an error is only a marker: "Traceback (most recent call last):" says an exception
follows; when one does, the exception line is the message, not the marker (likewise a
Rust panic's "… panicked at src/main.rs:4:5:"). A test runner's "Expected: …" over
"Received: …" is a failure though neither line names one. A linter's report grouped by file
(stylelint, ESLint's stylish, Vale) sets each problem's "line:column" in a column of its own,
and the message beside it says what is wrong in its own words ("Unknown property").

Also the status glyph a tool prints before its message (a red "×", "✖", a bullet), which OCR
reads as a letter "x": not part of the message.
"""
from __future__ import annotations

import re
from typing import Sequence

from models.shell_prompt import SHELL_PROMPT

# a heading that names a problem and nothing else: "Error", "Warning:", "Fatal error"
_LABEL = re.compile(r"(?i)^\s*(?:fatal\s+)?(?:error|errors|warning|exception|problem)\s*:?\s*$")
# a heading that is an exception class alone, maybe namespaced: "AttributeError", "Whoops \ Example \ Exception"
_CLASS_ALONE = re.compile(r"^\s*(?:[A-Za-z_]\w*\s*(?:\\|\.|::)\s*)*(?:[A-Z]\w*)?(?:Error|Exception)\s*$")
# a banner: a title in capitals between rules: "-- TYPE MISMATCH ------------ src/Main.elm"
# (or with its short leading rule lost, as on a photo's dim first column: "TYPE MISMATCH -----")
_TITLE = r"[A-Z][A-Z'’]+(?:\s[A-Z][A-Z'’]+){0,4}"
_BANNER = re.compile(rf"^\s*(?:(?:-{{2,}}|={{2,}})\s*{_TITLE}\s*(?:[-=]{{3,}}.*)?|{_TITLE}\s+[-=]{{3,}}.*)$")
# a sentence: begins with a letter or a quote, has a word in lower case, three words or more
_PROSE = re.compile(r"^\s*[\"'‘“`(]?[A-Za-z].*\b[a-z]{2,}\b")
_NOT_PROSE = re.compile(rf"^\s*(?:File\s+\"|at\s|{SHELL_PROMPT}|https?://|/|\.\.?/|~/)")
LOOK_AHEAD = 4  # lines after a heading that may hold its message (a sidebar's line can come between)

_MARKER = re.compile(r"(?i)^\s*traceback \(most recent call last\):?\s*$")
# A line saying the message comes next: Rust's "thread 'main' panicked at src/main.rs:4:5:"
# (since 1.73 the message is on the following line), better-panic's and color-eyre's "The
# application panicked (crashed)." Their message is the error; they are only its marker.
_ANNOUNCES = re.compile(r"(?i)\bpanicked\b(?:\s+at\b.*:|\s*\(crashed\)\.?)\s*$")
# A test runner's expected/received pair (Jest, Vitest): "Expected substring: "…"" over
# "Received message: "…"", "Expected: 3" over "Received: 4". Neither says "error"; together
# they are the failure.
_EXPECTED = re.compile(r"^\s*Expected(?:\s+[a-z]+){0,3}\s*:\s*\S")
_RECEIVED = re.compile(r"^\s*Received(?:\s+[a-z]+){0,3}\s*:\s*\S")
# an exception's line: a class named so ("ValueError:"), or one raised from a module, named
# by its dotted path at the line's start ("requests.exceptions.MissingSchema: Invalid URL")
_EXCEPTION_LINE = re.compile(r"\b[A-Z]\w*(?:Error|Exception|Warning|Exit|Interrupt)\b\s*(?::|$)|^\s*(?:[a-z_]\w*\.)+[A-Z]\w*:\s")

# A status glyph before the message: "×", "✖", "✗", "•", "●", "▶" ... and "x", the letter OCR reads
# a small cross as (an upper-case "X" stays: "X Error of failed request" is Xlib's own wording).
_GLYPH = re.compile(r"^\s*(?:[x×✖✗✘✕•●▶►‣]|\(x\))\s+(?=[A-Za-z\"'‘“(`])")


# A report's position cell, alone on its line: "7:3", "192:32", "14: 16"
_POSITION = re.compile(r"^\s*(\d{1,5})\s?:\s?(\d{1,4})\s*$")
# a severity cell between the position and the message: "error", "warning", a cross or triangle read as "x", "A"
_SEVERITY = re.compile(r"(?i)^\s*(?:error|warning|warn|info|[x×✖✗⚠!A])\s*$")
_WARNING_FIRST = re.compile(r"(?i)^\s*warn(?:ing)?\b")  # a warning's severity cell, alone or read into its message: "warning Avoid hyphens"
MIN_POSITIONS = 2  # a report lists problems; one "3:30" is as likely a clock


def _clock(line: str) -> bool:
    m = _POSITION.match(line)
    return bool(m) and int(m.group(1)) <= 23 and len(m.group(2)) == 2 and int(m.group(2)) <= 59


def messages_beside_positions(lines: Sequence[str]) -> list[tuple[int, bool]]:
    """(index, is_warning) of the messages in a linter's report: the sentence after a position
    cell (after a severity cell, if one comes between). Only where the screen shows
    `MIN_POSITIONS` such cells and one of them cannot be a time of day ("7:3", "192:32"): a chat's
    "10:42" beside its messages is no report."""
    cells = [i for i, line in enumerate(lines) if _POSITION.match(line)]
    if len(cells) < MIN_POSITIONS or all(_clock(lines[i]) for i in cells):
        return []
    out: list[tuple[int, bool]] = []
    for i in cells:
        j, warning = i + 1, False
        if j < len(lines) and _SEVERITY.match(lines[j]):
            warning = bool(_WARNING_FIRST.match(lines[j]))
            j += 1
        if j < len(lines) and _prose(lines[j]):
            out.append((j, warning or bool(_WARNING_FIRST.match(lines[j]))))
    return out


def is_heading(line: str) -> bool:
    return bool(_LABEL.match(line) or _CLASS_ALONE.match(line) or _BANNER.match(line) or _ANNOUNCES.search(line))


def _prose(line: str) -> bool:
    return len(line.split()) >= 2 and bool(_PROSE.match(line)) and not _NOT_PROSE.match(line) and not is_heading(line)


def messages_under_headings(lines: Sequence[str]) -> list[int]:
    """Indices of lines that are the message of an error heading: the first sentence among the
    `LOOK_AHEAD` lines after it (lines of one or two words, paths, prompts, frames passed over)."""
    out: list[int] = []
    for i, line in enumerate(lines):
        if not is_heading(line):
            continue
        for j in range(i + 1, min(len(lines), i + 1 + LOOK_AHEAD)):
            if is_heading(lines[j]):
                break
            if _prose(lines[j]):
                out.append(j)
                break
    return out


def superseded_markers(lines: Sequence[str]) -> list[int]:
    """Indices of "Traceback (most recent call last):" lines that an exception line follows."""
    out: list[int] = []
    for i, line in enumerate(lines):
        if _MARKER.match(line) and any(_EXCEPTION_LINE.search(x) and not _MARKER.match(x) for x in lines[i + 1:]):
            out.append(i)
    return out


def announcers(lines: Sequence[str], messages: Sequence[int]) -> list[int]:
    """Indices of lines announcing a message ("… panicked at src/main.rs:4:5:") that one of
    `messages` follows: the ticket keeps them, never as its title."""
    return [i for i, line in enumerate(lines) if _ANNOUNCES.search(line) and any(i < j <= i + LOOK_AHEAD for j in messages)]


def assertion_pairs(lines: Sequence[str]) -> list[int]:
    """Indices of a test runner's "Expected …:" and "Received …:" lines found together (the
    received one within two lines after the expected one)."""
    out: list[int] = []
    for i, line in enumerate(lines):
        if _EXPECTED.match(line):
            j = next((j for j in range(i + 1, min(len(lines), i + 3)) if _RECEIVED.match(lines[j])), None)
            if j is not None:
                out += [i, j]
    return out


def strip_glyph(line: str) -> str:
    """The message without a leading status glyph ("x Failed to find desired version")."""
    return _GLYPH.sub("", line, count=1)
