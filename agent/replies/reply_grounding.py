"""Keeping a reply to its help desk note: the note narrowed to the platform asked about, and
the key combinations a reply names checked against the note's.

The bundled model copies a note well but mixes platforms: asked "And on my iPhone?" after
a Windows question it read out the whole dark-mode note (Windows, Mac and iPhone); asked for
a Windows screenshot with "Windows Shift S" in its note it said "Ctrl + Shift + S"; asked
about a Mac it gave Control C from a note that had both. Two rules, both pure functions:

* `narrow_to_platform(note, asked)`: when the user names a platform (Windows, Mac, iPhone,
  Android, Linux, ChromeOS) and the note has a sentence for it, the sentences about other
  platforms are left out. Sentences naming no platform stay.
* `KeyGrounding`: a key combination in the reply whose last key the note also gives, with
  one set of modifiers only, gets the note's modifiers ("Ctrl + Shift + S" becomes
  "Windows + Shift + S"). Combinations the note does not name are left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PLATFORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("windows", re.compile(r"\bwindows\b(?!\s*(?:key|logo|\+|shift|[A-Z]\b))|\bc:|\bc drive\b|\bpc\b", re.I)),
    ("mac", re.compile(r"\b(?:mac|macs|macbook\w*|imac|macos|os x)\b", re.I)),
    ("iphone", re.compile(r"\b(?:iphone|ipad|ios)\b", re.I)),
    ("android", re.compile(r"\b(?:android|pixel)\b|\bsamsung\b(?![^.?!]{0,25}\b(?:tvs?|televisions?|remote|soundbar)\b)", re.I)),
    ("linux", re.compile(r"\b(?:linux|ubuntu)\b", re.I)),
    ("chromeos", re.compile(r"\b(?:chromebook|chromeos|chrome os)\b", re.I)),
)
# Browsers are a second dimension: "private window in firefox" keeps a note's Firefox sentence
# and drops its Chrome one, whatever computer either names (outside6: the Firefox question got
# Chrome's "Control Shift N", the shortcut the user said did not work).
BROWSERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chrome", re.compile(r"\b(?:google )?chrome\b(?!\s*(?:os|book|cast))", re.I)),
    ("firefox", re.compile(r"\bfirefox\b", re.I)),
    ("edge", re.compile(r"\bmicrosoft edge\b|\bedge(?:'s)?\s+(?:browser|new tab|settings|favou?rites|extensions?)\b|\b(?:in|open|opens|use) edge\b", re.I)),
    ("safari", re.compile(r"\bsafari\b", re.I)),
)
# Television makers and streaming boxes, a third: "my samsung tv remote" is not answered by the
# Fire TV Stick's restart (outside11: its steps read out for a Samsung remote).
TVS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fire tv", re.compile(r"\bfire ?(?:tv|stick)\b|\bfirestick\b", re.I)),
    ("roku", re.compile(r"\broku\b", re.I)),
    ("apple tv", re.compile(r"\bapple tv\b|\bsiri remote\b", re.I)),
    ("google tv", re.compile(r"\bgoogle tv\b|\bchromecast\b", re.I)),
    ("samsung", re.compile(r"\bsamsung\b(?=[^.?!]{0,25}\b(?:tvs?|televisions?|remote)\b)", re.I)),
    ("lg", re.compile(r"\blg\b(?=[^.?!]{0,25}\b(?:tvs?|televisions?|remote)\b)|\bwebos\b", re.I)),
    ("sony", re.compile(r"\bsony\b(?=[^.?!]{0,25}\b(?:tvs?|televisions?|bravia|remote)\b)|\bbravia\b", re.I)),
)
# Apps people name, a fourth: mail services, video calls, messengers. "an out of office reply in
# Outlook" is not answered by Gmail's Vacation responder first (outside2), nor captions on a Google
# Meet call by Zoom's Share Screen (outside5).
APPS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("gmail", re.compile(r"\bgmail\b|\bgoogle mail\b", re.I)),
    ("outlook", re.compile(r"\boutlook(?:\.com)?\b|\bhotmail\b|\blive\.com\b", re.I)),
    ("yahoo", re.compile(r"\byahoo(?: mail)?\b", re.I)),
    ("apple mail", re.compile(r"\bapple mail\b|\bicloud mail\b|\bthe mail app\b", re.I)),
    ("zoom", re.compile(r"\bzoom\b(?!\s+(?:in|out)\b)", re.I)),
    ("google meet", re.compile(r"\bgoogle meet\b|\bmeet\.google\b|\bmeet call\b", re.I)),
    ("teams", re.compile(r"\b(?:microsoft|ms) teams\b|\bteams (?:call|meeting|chat|app)\b|\bin teams\b", re.I)),
    ("whatsapp", re.compile(r"\bwhats ?app\b", re.I)),
    ("imessage", re.compile(r"\bimessages?\b", re.I)),
    ("facetime", re.compile(r"\bfacetime\b", re.I)),
    ("telegram", re.compile(r"\btelegram\b", re.I)),
    ("signal", re.compile(r"\bsignal app\b|\bin signal\b|\bon signal\b", re.I)),
)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")


def _named(table: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in table if pattern.search(text))


def platforms_in(text: str) -> frozenset[str]:
    """The platforms a piece of text names."""
    return _named(PLATFORMS, text)


def browsers_in(text: str) -> frozenset[str]:
    """The web browsers a piece of text names."""
    return _named(BROWSERS, text)


def tvs_in(text: str) -> frozenset[str]:
    """The television makers and streaming boxes a piece of text names."""
    return _named(TVS, text)


def apps_in(text: str) -> frozenset[str]:
    """The mail services, video-call apps and messengers a piece of text names."""
    return _named(APPS, text)


def devices_in(text: str) -> frozenset[str]:
    """Every dimension at once: platforms, browsers, televisions, apps (what a question is narrowed by)."""
    return platforms_in(text) | browsers_in(text) | tvs_in(text) | apps_in(text)


def sentences(text: str) -> list[str]:
    """The sentences of a note or an article's answer, stripped (also `knowledge_base`'s)."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def narrow_to_platform(note: str, asked: frozenset[str]) -> str:
    """The note without the sentences about platforms other than `asked`, then without those
    about browsers, then televisions, then apps, other than the ones `asked` names (`platforms_in`,
    `browsers_in`, `tvs_in`, `apps_in`: each dimension alone, so "Safari on my iPhone" still drops a Mac sentence about Safari); the
    whole note when nothing is asked, or when no sentence is about an asked platform."""
    for names_in in (platforms_in, browsers_in, tvs_in, apps_in):
        note = _narrowed(note, asked, names_in)
    return _without_the_other_computers_clause(note, asked)


# A clause for the other computer inside a sentence for both: "Open the print window with
# Control P, or Command P on a Mac, and ..." read to a Windows user came back as "or Command P
# on a Mac" (outside11); "press Control and F on Windows, or Command and F on a Mac" to a Mac user
_OR_ON = {
    "windows": re.compile(r",?\s+or\s+[^,.;]{1,50}?\s+on\s+(?:a\s+)?mac\b(?=\s*[,.;]|$)", re.I),
    "mac": re.compile(r",?\s+or\s+[^,.;]{1,50}?\s+on\s+windows\b(?=\s*[,.;]|$)"
                      r"|\b(?P<verb>press|hold|use)\s+[^,.;]{1,40}?\s+on\s+windows,\s+or\s+", re.I),
}


def _without_the_other_computers_clause(note: str, asked: frozenset[str]) -> str:
    computers = asked & {"windows", "mac"}
    if len(computers) != 1:
        return note
    return _OR_ON[next(iter(computers))].sub(lambda m: f"{m['verb']} " if m.groupdict().get("verb") else "", note)


# "On a Mac, open the phone with the Android File Transfer app.": a sentence that opens with the
# platform, browser or app it is for is about that one alone, whatever it names after
_OPENS_WITH = re.compile(r"^\s*(?:on|in|with|from)\s+(?:an?\s+|the\s+|your\s+)?(?P<what>[^,.;]{1,40}?),", re.I)


def _about(sentence: str, names_in) -> frozenset[str]:
    opening = _OPENS_WITH.match(sentence)
    return (opening and names_in(opening["what"])) or names_in(sentence)


def _narrowed(note: str, asked: frozenset[str], names_in) -> str:
    tagged = [(s, _about(s, names_in)) for s in sentences(note)]
    if not asked or not any(p & asked for _, p in tagged):
        return note
    return " ".join(s for s, p in tagged if not p or p & asked)


# -- key combinations -------------------------------------------------------------------------
_MODIFIERS = {
    "ctrl": "control", "control": "control", "command": "command", "cmd": "command", "⌘": "command",
    "alt": "alt", "option": "option", "opt": "option", "shift": "shift", "windows": "windows", "win": "windows",
}
_MOD = r"(?:ctrl|control|command|cmd|⌘|alt|option|opt|shift|windows|win)"
_NAMED_KEY = r"(?:esc(?:ape)?|delete|del|enter|return|tab|space(?:bar)?|backspace|home|end|print ?screen|prt ?sc|f(?:1[0-2]|[1-9])|page (?:up|down))"
_JOIN = r"(?:\s*\+\s*|\s*-\s*|\s+plus\s+|\s+)"
# One or more modifiers, then the key: a named key, or one capital letter or digit.
COMBO = re.compile(rf"(?P<mods>(?i:\b{_MOD}(?:{_JOIN}{_MOD})*)){_JOIN}(?P<key>(?i:{_NAMED_KEY})\b|[A-Z0-9](?![\w'’]))")
# A modifier run at the end of unfinished text: the key may still be coming.
TRAILING_MODIFIERS = re.compile(rf"(?i:\b{_MOD}(?:{_JOIN}{_MOD})*)(?:{_JOIN}\w?)?$")


@dataclass(frozen=True)
class Combo:
    modifiers: frozenset[str]
    key: str  # lower-cased, spaces removed ("printscreen")
    written: tuple[str, ...]  # the modifiers as written, in order

    @classmethod
    def of(cls, m: re.Match[str]) -> "Combo":
        written = tuple(re.findall(_MOD, m.group("mods"), re.I))
        return cls(frozenset(_MODIFIERS[w.lower()] for w in written), re.sub(r"\s", "", m.group("key").lower()), written)


class KeyGrounding:
    """Rewrites a reply's key combinations to the note's where they differ only in modifiers."""

    def __init__(self, note: str) -> None:
        by_key: dict[str, set[frozenset[str]]] = {}
        spelled: dict[str, Combo] = {}
        for m in COMBO.finditer(note):
            combo = Combo.of(m)
            by_key.setdefault(combo.key, set()).add(combo.modifiers)
            spelled[combo.key] = combo
        # a key the note gives with two different sets of modifiers (Control C and Command C) is ambiguous
        self.known = {key: spelled[key] for key, mods in by_key.items() if len(mods) == 1}

    def __bool__(self) -> bool:
        return bool(self.known)

    def rewrite(self, text: str, *, final: bool) -> str:
        """`text` with every finished combination grounded; one at the very end of unfinished
        text is left for the next call (its key may still be growing)."""
        def ground(m: re.Match[str]) -> str:
            if not final and m.end() == len(text):
                return m.group(0)
            combo, note = Combo.of(m), self.known.get(Combo.of(m).key)
            if note is None or combo.modifiers == note.modifiers:
                return m.group(0)
            joiner = next((j for j in (" + ", "+", "-") if j in m.group(0)), " ")  # as the reply wrote it
            return joiner.join((*note.written, m.group("key")))

        return COMBO.sub(ground, text)

    @staticmethod
    def hold_from(text: str) -> int:
        """Where a key combination still being written begins at the end of `text` (its
        length when none is): the part from there is not passed on yet."""
        m = TRAILING_MODIFIERS.search(text)
        return m.start() if m else len(text)
