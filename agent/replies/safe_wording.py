"""What the user hears when a sentence is blocked: the safe answer, fitted to what was said.

`SpokenReplyGuard` (spoken_reply.py) replaces a sentence that endorses a risk with the risky
class's safe answer (`safety_policy.check`). Said as it is, that answer can repeat the reply's
own opening: "No, don't: that is very likely a scam." then "No, don't. That is very likely a
scam: never share…". `safe_wording` drops what was said already, and answers "Is that a
problem?" with "Yes, …" rather than "No, don't".
"""
from __future__ import annotations

import re

from .sentence_text import similarity, split_sentences, words_of
from .stance import is_bare_refusal

_REFUSAL_OPENING = re.compile(r"^\s*(?:No, (?:don'?t|do not)|Please don'?t)(?: \w+){0,2}[:.]\s*", re.I)
_LEADING_NO = re.compile(r"^\s*No\b[.,!]?\s*(?:(?:don'?t|do not)\b[^:.,!?]{0,20}[:,]\s*)?", re.I)


def safe_wording(safe_answer: str, said: str, *, asks_only_if_bad: bool = False) -> str:
    """`safe_answer` as it should follow `said` (what the user has heard of the reply, and the
    start of the blocked sentence): its sentences said already are left out; after a refusal
    ("No, don't." or "Please don't: …"), its own refusal and a reason said already are too."""
    said_sentences = split_sentences(said)
    heard = [words_of(x) for x in said_sentences]
    safe = " ".join(x for x in split_sentences(safe_answer) if not any(similarity(words_of(x), y) >= 0.8 for y in heard))
    if said_sentences and (is_bare_refusal(said_sentences[-1]) or _REFUSAL_OPENING.match(said_sentences[0])):
        # "No, don't." or "Please don't: ..." was said: not "No, don't: ..." or "No, don't pay." again
        first, *rest = split_sentences(safe) or [""]
        if rest and len(first.split()) <= 4 and re.match(r"\W*(?:no|don'?t|please don'?t)\b", first, re.I):
            safe = " ".join(rest)
        else:
            safe = _LEADING_NO.sub("", safe, count=1)
    if said_sentences:
        # "That is very likely a scam: never share…" after "No, don't: that is very likely a scam." or after
        # "That is very likely a scam." (a later sentence blocked: outside8's Discord "admin")
        parts = [x.partition(":") for x in split_sentences(safe)]
        safe = " ".join(_capital(tail.strip()) if colon and _heard(head, said_sentences) else head + colon + tail for head, colon, tail in parts)
        safe = _capital(safe)
    if not said_sentences and asks_only_if_bad and (m := _REFUSAL_OPENING.match(safe)):
        # "Is that a problem?" is answered yes, not "No, don't"
        rest = safe[m.end():]
        safe = "Yes, " + rest[:1].lower() + rest[1:]
    return safe


def _heard(clause: str, said_sentences: list[str]) -> bool:
    """The clause was said already, as a sentence or as a part of one before or after a colon."""
    return any(similarity(words_of(clause), words_of(part)) >= 0.8 for x in said_sentences for part in x.split(":"))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
