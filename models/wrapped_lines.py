"""Rows the screen wrapped, made one line again (`join_wrapped`).

A terminal wraps a long line at its last column, mid-word if need be; a dialog or a hover in
proportional type wraps at a word. OCR reads each row as a line of its own, and a ticket's
error line came out cut ("...line 1 column 1" / "7 (char 16)"). Split from `models/ocr.py`,
which reads the lines; this decides which of them are one.
"""
from __future__ import annotations

import re
import statistics
from typing import Sequence

from models.ocr import OcrLine, OcrWord, union_box, vertical_overlap
from models.shell_prompt import SHELL_PROMPT


def join_wrapped(lines: Sequence[OcrLine], width: int) -> list[OcrLine]:
    """Lines the screen wrapped, one line again.

    A terminal wraps a long line at its last column, mid-word if need be: where the words sit
    on a grid of equal cells (monospace), a line that runs to the image's right edge and the
    line right under it that starts at the left margin are one line ("...line 1 column 1" +
    "7 (char 16)"), joined without a space (with one where the rest starts a column in: the
    space between two words fell at the wrap); a line ending short of the edge is never joined.
    Proportional text (a dialog, a hover) wraps at words instead: see `_join_wrapped_prose`."""
    cell = monospace_cell([w for line in lines for w in line.words])
    if not cell:
        return _join_wrapped_prose(lines)  # not a grid of equal cells: proportional text wraps at words, not columns
    left = min(line.box[0] for line in lines)
    width = _last_column(lines, width, cell)
    out: list[OcrLine] = []
    row: OcrLine | None = None  # the row above as read (after a join, `out[-1]` spans two rows)
    for i, line in enumerate(lines):
        prev = out[-1] if out else None
        above, row = row, line
        # the rest starts in the first column, or in the second when the space between two words
        # fell in the first ("...parameter of type" + " 'number'. (2345)", ts-node's REPL)
        indent = (line.box[0] - left) / cell if cell else 99.0
        if (prev is not None and above is not None and len(above.text) >= 40 and above.box[0] + above.box[2] >= width - 2.0 * cell
                and indent <= 1.75 and 0 < line.box[1] - above.box[1] <= 2.0 * max(above.box[3], line.box[3])
                and not _STARTS_ANEW.match(line.text) and not _gutter_number(line, lines[i + 1:i + 2])):
            out[-1] = _joined(prev, line, "" if indent <= 0.75 else " ")
        elif prev is not None and _word_wrapped(prev, line, width, cell):
            out[-1] = _joined(prev, line, " ")
        else:
            out.append(line)
    return out


def monospace_cell(words: Sequence[OcrWord]) -> float:
    """The character cell's width where the words sit on a grid of equal cells (monospace: at
    least `MONOSPACE_SHARE` of the longer words have a width per character within 10 % of the
    median), else 0."""
    cells = [w.box[2] / len(w.text) for w in words if len(w.text) >= 4]
    cell = statistics.median(cells) if cells else 0.0
    if len(cells) < 8 or sum(abs(c - cell) <= 0.1 * cell for c in cells) < MONOSPACE_SHARE * len(cells):
        return 0.0
    return cell


def _last_column(lines: Sequence[OcrLine], width: int, cell: float) -> int:
    """Where the terminal's last column ends: the image's right edge, or, in a window with a
    margin around it (a macOS capture with its shadow), the right end shared by two lines or
    more that run furthest (the rows the terminal wrapped, or cut)."""
    ends = sorted((ln.box[0] + ln.box[2] for ln in lines if len(ln.text) >= 40), reverse=True)
    if len(ends) >= 2 and ends[0] - ends[1] <= SAME_END * cell:
        return min(width, ends[0] + round(cell))
    return width


def _gutter_number(line: OcrLine, after: Sequence[OcrLine]) -> bool:
    """A row's number in a gutter (a CI log, an editor), with the row's text beside it: not the
    rest of the row above, which ran to the right edge because the capture cut it there."""
    return line.text.strip().isdigit() and bool(after) and vertical_overlap(line.box, after[0].box) >= 0.5


def _word_wrapped(above: OcrLine, line: OcrLine, width: int, cell: float) -> bool:
    """Monospace text wrapped at a word (an editor's hover, a program that wraps its own
    output): `line` starts at the left edge of the row right above it, as only a
    continuation can, the row above ends no sentence, and `line`'s first word would not
    have fit after it before the image's right edge. A row whose first word would have fit
    (`warning: ...` under `error: ...`) is a line of its own."""
    if not line.words or not above.words or len(above.text.split()) < 4:
        return False
    if abs(line.words[0].box[0] - above.words[0].box[0]) > 0.5 * cell:
        return False
    if not 0 < line.box[1] - above.box[1] <= 2.0 * max(above.box[3], line.box[3]):
        return False
    if not _reads_on(above, line):
        return False
    end_above = above.words[-1].box[0] + above.words[-1].box[2]
    return end_above + cell + line.words[0].box[2] > width


def _reads_on(above: OcrLine, line: OcrLine) -> bool:
    """By its words alone, `line` may be the rest of `above`: `above` ends no sentence, and
    `line` starts as only a continuation can (not a capital, a prompt or a traceback frame)."""
    return not _ENDS_SENTENCE.search(above.text) and bool(_CONTINUATION.match(line.text)) and not _STARTS_ANEW.match(line.text)


def _joined(prev: OcrLine, line: OcrLine, sep: str) -> OcrLine:
    """`line` as the rest of `prev`, one line (a wrapped row put back)."""
    return OcrLine(text=prev.text + sep + line.text, conf=(prev.conf + line.conf) / 2, box=union_box((prev.box, line.box)),
                   words=prev.words + line.words)


def _join_wrapped_prose(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Proportional text wrapped at a word: a row is the rest of the row above it when it starts
    at the same left edge, right under it in the same size of type, the row above does not end
    a sentence, it starts as only a continuation can (a lower-case word, an opening quote or
    bracket), and its first word would not have fit at the end of the row above within the
    paragraph's width. Joined with a space ("...but some messages" + "have been added since")."""
    out: list[OcrLine] = []
    rows: list[OcrLine] = []  # the rows that make out[-1]
    for line in lines:
        if out and _continues(rows, line):
            out[-1] = _joined(out[-1], line, " ")
            rows.append(line)
        else:
            out.append(line)
            rows = [line]
    return out


def _continues(rows: Sequence[OcrLine], line: OcrLine) -> bool:
    above = rows[-1]
    if not line.words or not above.words:
        return False
    # words, not the lines' boxes: one speck of noise beside a row makes its box twice as tall
    h_above, h = statistics.median(w.box[3] for w in above.words), statistics.median(w.box[3] for w in line.words)
    if max(h_above, h) > 1.5 * min(h_above, h):
        return False  # another size of type: a heading, a caption
    h = min(h_above, h)
    pitch = statistics.median(w.box[1] + w.box[3] / 2 for w in line.words) - statistics.median(w.box[1] + w.box[3] / 2 for w in above.words)
    if not 0.9 * h <= pitch <= 2.4 * h or abs(line.words[0].box[0] - rows[0].words[0].box[0]) > 0.6 * h:
        return False  # not the next row of the same left-aligned paragraph
    if not _reads_on(above, line):
        return False
    if len(rows) == 1 and len(above.text.split()) < 4:
        return False  # one short row above: nothing says it was full (a label, a list item)
    right = max(r.words[-1].box[0] + r.words[-1].box[2] for r in rows)
    end_above = above.words[-1].box[0] + above.words[-1].box[2]
    return end_above + 0.3 * h + line.words[0].box[2] > right  # its first word did not fit up there


_ENDS_SENTENCE = re.compile(r"[.!?][\"'’”)\]]*$")
_CONTINUATION = re.compile(r"^[a-z\"'‘’“`(\[{]")

# Monospace: this share of words have a width per character within 10 % of the median. Measured
# on this project's captures: terminals 0.86-1.00 (a real macOS capture 0.99), web pages and
# documents 0.47-0.79.
MONOSPACE_SHARE = 0.85
SAME_END = 0.6  # rows whose right ends are this many cells apart or less end at one column (one character more is 0.6-1 cell: the last glyph's ink)
# a row that begins something of its own, never the rest of a wrapped one: a shell prompt, a
# traceback's frame, a gutter's bar (a diagnostic's "| Did you mean...", a box's side)
_STARTS_ANEW = re.compile(rf"^\s*(?:{SHELL_PROMPT}|[|│┃] |File \"|Traceback \(|During handling|The above exception)")
