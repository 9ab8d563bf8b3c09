"""A reply for the other computer: Windows keys and places told to a Mac user, or the reverse.

Asked "how do i take a screenshot of only one window on my mac", the 0.5B said "Select the
window, press Windows + Shift + S, and press Enter." A sentence like that is wrong from its
first word on, and the user cannot act on it. When the question names one of Mac or Windows
and not the other, a reply sentence that names the other's keys or places (`other_platform`)
is not said. `hold_from(text)` is where a first sentence still streaming may be starting to,
so that those words wait until it is whole; after `_WINDOW` words with no match they go on.

Control is not Windows' alone (Control-click is a Mac right-click), nor Settings (both have it).
"""
from __future__ import annotations

import re

from .reply_grounding import platforms_in


_WINDOWS_ONLY = re.compile(
    r"\b(?:windows|win)\s*(?:\+|key\b|logo)|\bstart\s+(?:menu|button)\b|\btask\s*manager\b|\bcontrol\s+panel\b|\bfile\s+explorer\b"
    r"|\bdevice\s+manager\b|\bregedit\b|\bpowershell\b|\bcommand\s+prompt\b|\balt\s*\+|\bctrl\s*\+\s*alt\b|\bprint\s*screen\b|\bprtsc\w*\b"
    r"|\bsnipping\s+tool\b|\bsnip\s*&\s*sketch\b", re.I)
_MAC_ONLY = re.compile(
    r"(?:\bcommand|\bcmd)\s*(?:\+|-\s*\w|key\b)|⌘|\bfinder\b|\bspotlight\b|\blaunchpad\b|\bsystem\s+preferences\b|\bapple\s+menu\b"
    r"|\boption\s*(?:\+|key\b)|\bactivity\s+monitor\b|\bdisk\s+utility\b|\bkeychain\b", re.I)
# Words that may begin one of them, held while the first sentence streams
_MAY_BEGIN = {
    "mac": re.compile(r"\b(?:press|hit|windows|win|start|task|control|file|device|regedit|powershell|command|alt|ctrl|print|prtsc\w*|snip\w*)\b", re.I),
    "windows": re.compile(r"(?:\b(?:press|hit|command|cmd|finder|spotlight|launchpad|system|apple|option|activity|disk|keychain)\b|⌘)", re.I),
}
NOT_SURE = {"mac": "I'm not sure of the steps on a Mac.", "windows": "I'm not sure of the steps on Windows."}
_WINDOW = 3  # words after a beginning by which a match shows ("Windows + Shift", "task manager")


def platform_asked(question: str) -> str:
    """"mac" or "windows" when the question names that one and not the other; "" otherwise."""
    named = platforms_in(question)  # as the help desk note is narrowed (reply_grounding)
    mac, windows = "mac" in named, "windows" in named
    return "mac" if mac and not windows else "windows" if windows and not mac else ""


def other_platform(sentence: str, asked: str) -> bool:
    """The sentence names keys or places of the computer the user did not ask about."""
    if asked == "mac":
        return bool(_WINDOWS_ONLY.search(sentence))
    if asked == "windows":
        return bool(_MAC_ONLY.search(sentence))
    return False


def hold_from(text: str, asked: str) -> int:
    """Where to stop passing on a first sentence still being written (len(text): nothing held)."""
    if not asked:
        return len(text)
    for m in _MAY_BEGIN[asked].finditer(text):
        after = text[m.start():]
        if other_platform(after, asked):
            return m.start()
        if len(after.split()) <= _WINDOW:
            return m.start()
    return len(text)
