"""A misread key token checked against the screen's own words.

One character decides a flag (`--help`), a file name (`01_simple.py`) or a path, and that
is what Tesseract misreads: `Try 'cli.py =-help' for help.`, `--h7r` for `--hep`. A screen
often shows the same token twice: the command the user typed, and the usage line or error
that repeats it. Where two tokens on the screen have the same length and differ only in
characters OCR confuses (`-`/`=`, `l`/`1`, `O`/`0`/`@`...), one of them is a misreading of the
other, and the reading the screen supports better replaces it:

1. the one that looks like a token (no `=`, `@`, `|`... inside it, no digit between letters);
2. else the one the screen shows more often;
3. else the one Tesseract read with clearly more confidence (15 points or more).

Otherwise both stay as read. A token is only ever replaced by one the screen shows, so nothing
is invented: "Did you mean --help?" never turns `--hep` into `--help` (their lengths differ).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

# Characters Tesseract reads one for another, by group (any two in a group are confusable).
# Only the common confusions: with rarer ones ("Q" for "0") both readings are often wrong
# ("@1_simple.py" and "Q1_simple.py" for "01_simple.py"), and one would replace the other.
_GROUPS = ("-=~_", "l1I|!", "O0o@", "S5$", "Z2", "B8", "G6", "ce")
_CONFUSABLE = {(a, b) for g in _GROUPS for a in g for b in g if a != b}
_GROUP_OF = {c: g[0] for g in _GROUPS for c in g}  # the groups share no character
_UNLIKELY = set("=~|@!$?+")  # rare inside a flag, a file name or a path
# A key token: a flag, a file name, a path, a dotted name (it holds a mark or a digit).
_TOKEN = re.compile(r"[\w@=~|.$/+!-]{3,}")
_KEY = re.compile(r"[-._/=~@|]|\d")
_HEX = re.compile(r"^[0-9a-f]{7,}$")  # a commit hash: digits and letters by design
MIN_CONF_GAP = 15.0


@dataclass(frozen=True)
class Correction:
    line: int  # the line (index) where the token was replaced
    read: str  # what OCR read
    fixed: str  # what the screen shows elsewhere
    witness: int  # a line that shows `fixed`

    def as_dict(self) -> dict:
        return {"line": self.line, "read": self.read, "fixed": self.fixed, "witness_line": self.witness}


@dataclass(frozen=True)
class _Seen:
    text: str
    line: int
    start: int
    conf: float | None


def _tokens(lines: Sequence[str], confs: Sequence[dict[str, float]]) -> list[_Seen]:
    out = []
    for i, line in enumerate(lines):
        for m in _TOKEN.finditer(line):
            text = m.group(0).rstrip(".,:;!?")
            if len(text) >= 3 and _KEY.search(text) and sum(c.isalpha() for c in text) >= 2 and not _HEX.match(text):
                out.append(_Seen(text, i, m.start(), _conf_of(text, confs[i] if i < len(confs) else {})))
    return out


def _conf_of(token: str, words: dict[str, float]) -> float | None:
    found = [conf for word, conf in words.items() if token in word]
    return max(found) if found else None


def _confusable(a: str, b: str) -> bool:
    if len(a) != len(b) or a == b:
        return False
    diffs = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diffs) <= 2 and all(d in _CONFUSABLE for d in diffs)


def _oddness(token: str) -> int:
    """How unlike a key token it looks: unlikely marks, and digits between letters ("h7r")."""
    odd = sum(c in _UNLIKELY for c in token)
    odd += sum(1 for i in range(1, len(token) - 1) if token[i].isdigit() and token[i - 1].isalpha() and token[i + 1].isalpha())
    return odd


def _better(a: list[_Seen], b: list[_Seen]) -> bool:
    """Whether the screen supports reading b over reading a."""
    oa, ob = _oddness(a[0].text), _oddness(b[0].text)
    if oa != ob:
        return ob < oa
    if len(a) != len(b):
        return len(b) > len(a)
    ca = max((s.conf for s in a if s.conf is not None), default=None)
    cb = max((s.conf for s in b if s.conf is not None), default=None)
    return ca is not None and cb is not None and cb - ca >= MIN_CONF_GAP


def _shape(token: str) -> str:
    return "".join(_GROUP_OF.get(c, c) for c in token)


def checked_against_screen(lines: Sequence[str], confs: Sequence[dict[str, float]] = ()) -> tuple[list[str], list[Correction]]:
    """The lines with each misread key token replaced by the reading the screen shows elsewhere
    (see the module's docstring), and what was replaced. `confs`: per line, each OCR word's
    confidence (0-100), when known."""
    seen: dict[str, list[_Seen]] = {}
    for s in _tokens(lines, confs):
        seen.setdefault(s.text, []).append(s)
    # only tokens of one shape (each confusable character read as its group's first) can be
    # confusable: compared within a shape, a screen of thousands of tokens stays linear
    shapes: dict[str, list[str]] = {}
    for text in seen:
        shapes.setdefault(_shape(text), []).append(text)
    replace: dict[str, str] = {}
    for a, sa in seen.items():
        alike = shapes[_shape(a)]
        rivals = [b for b in alike if _confusable(a, b) and _better(sa, seen[b])]
        if len(rivals) == 1 and not any(_confusable(rivals[0], c) and _better(seen[rivals[0]], seen[c]) for c in alike):
            replace[a] = rivals[0]
    out, fixes = list(lines), []
    for a, b in replace.items():
        for s in reversed(seen[a]):  # right to left: earlier offsets on the line stay valid
            line = out[s.line]
            out[s.line] = line[:s.start] + b + line[s.start + len(a):]
            fixes.append(Correction(s.line, a, b, seen[b][0].line))
    return out, sorted(fixes, key=lambda f: (f.line, f.read))
