"""Stances a reply sentence takes on an action, so a later sentence cannot reverse an earlier one.

A small model writes "No, it is not safe to charge your phone overnight." and two sentences
later "It is recommended to charge your phone at night." Said aloud, the user hears both and
cannot tell which holds. `stances(sentence)` reads the plain forms a stance takes:

* "it is (not) safe / okay / fine / a good idea / recommended / dangerous … to <action>"
* "you should (not) / can / can't / shouldn't / must never <action>" (not "need to": a
  step that is not needed is not a step to avoid)
* "don't / do not / never / avoid <action>"

* a sentence that opens with a verb, an instruction ("Keep it plugged in until…"): for it
* a bare refusal ("No." "No, don't." "No, you shouldn't.") to a yes/no question ("Should I
  keep it plugged in…?", "Is it okay to…"): against the action the question asked about
  (`asked_action`)

Each gives (action, for-or-against), the action being its first two content words, stemmed
("charge your phone overnight" -> "charg phon"). `undoes_a_warning(said, sentence)` names an
action an earlier sentence warned against and this one allows. Deliberately narrow: what it
misses is said; what it catches ends the reply before it.
"""
from __future__ import annotations

import re

_ADJ_FOR = r"safe|okay|ok|fine|a good idea|recommended|necessary|possible|best|normal|good"
_ADJ_AGAINST = r"unsafe|dangerous|harmful|bad|a bad idea|risky|not recommended"
_IT_IS = re.compile(
    rf"\b(?:it'?s|it is|that'?s|that is)\s+(not\s+|never\s+)?(?:(?:generally|usually|completely|perfectly|very)\s+)?"
    rf"({_ADJ_AGAINST}|{_ADJ_FOR})\s+(?:for you\s+)?to\s+((?:\w+['’]?\w*\s*){{1,6}})", re.I)
_YOU = re.compile(
    r"\byou\s+(should\s+not|shouldn'?t|should\s+never|should|can\s*not|cannot|can'?t|can|may|must\s+not|mustn'?t|must\s+never|must)"
    r"\s+(?!need\b)((?:\w+['’]?\w*\s*){1,6})", re.I)
_DONT = re.compile(r"(?:^|[,;:]\s*|\band\s+|\bbut\s+)(?:don'?t|do not|never|avoid)\s+((?:\w+['’]?\w*\s*){1,6})", re.I)
_NEGATIVE_MODAL = re.compile(r"not|n'?t|never|cannot", re.I)
_STOP = frozenset("a an the your my it its this that them to it's any all some of on in at for with and or too up".split())


def _action(words: str) -> str:
    content = [w for w in re.findall(r"[a-z]+", words.lower()) if w not in _STOP]
    return " ".join(_stem(w) for w in content[:2])


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "e", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_ASKED = re.compile(
    r"\b(?:should i|can i|could i|may i|do i|is it (?:okay|ok|safe|fine|alright|all right|a good idea) (?:for me )?to|"
    r"is it (?:okay|ok|fine|alright) if i|am i (?:allowed|supposed) to)\s+((?:\w+['’]?\w*\s*){1,6})", re.I)
_BARE_REFUSAL = re.compile(r"^\W*(?:no|nope)\b\W*(?:(?:please\s+)?(?:don'?t|do not|never|you (?:shouldn'?t|should not|can'?t|cannot|must not))\W*)?$"
                           r"|^\W*(?:don'?t|do not)\W*$", re.I)
# A sentence that opens with one of these is not an instruction (an imperative opens with its verb).
_NOT_A_VERB = frozenset(
    "no yes yeah sure okay ok it its it's you your i i'm we they he she this that these those there here the a an my if when "
    "while because but and or so also however instead then first next finally after before as since though although unless "
    "to in on at for with from by of about what which who how why where is are was were be been do does did can could "
    "should would will may might must not never always usually often sometimes only just please don't do not "
    "doesn't didn't can't won't shouldn't isn't aren't avoid".split())


def is_bare_refusal(sentence: str) -> bool:
    """"No." "No, don't." "No, never." "No, you shouldn't." "Don't.": a refusal that names nothing."""
    return bool(_BARE_REFUSAL.match(sentence))


def asked_action(question: str) -> str:
    """The action a yes/no question asks about ("Should I keep it plugged in…?" -> "keep plugg"), or ""."""
    m = _ASKED.search(question)
    return _action(m.group(1)) if m else ""


def stances(sentence: str, asked: str = "") -> dict[str, bool]:
    """{action: True (for it) / False (against it)} for the stances the sentence takes;
    `asked`: the action of the question this sentence may answer with a bare "No"."""
    found: dict[str, bool] = {}
    if asked and is_bare_refusal(sentence):
        found[asked] = False
    first = re.match(r"^\W*(?:please\s+|just\s+|simply\s+)?([a-z]+(?:['’][a-z]+)?)\b((?:\s+\w+['’]?\w*){0,5})", sentence, re.I)
    if first and first.group(1).lower().replace("’", "'") not in _NOT_A_VERB and not first.group(1).lower().endswith(("ly", "ing")):
        found.setdefault(_action(first.group(1) + first.group(2)), True)  # an instruction: for what it tells
    for m in _IT_IS.finditer(sentence):
        against_word = re.fullmatch(_ADJ_AGAINST, m.group(2), re.I) is not None
        found[_action(m.group(3))] = (m.group(1) is None) != against_word
    for m in _YOU.finditer(sentence):
        found[_action(m.group(2))] = _NEGATIVE_MODAL.search(m.group(1)) is None
    for m in _DONT.finditer(sentence):
        found[_action(m.group(1))] = False
    return {action: side for action, side in found.items() if action}


def undoes_a_warning(said: dict[str, bool], sentence: str) -> str:
    """The action an earlier sentence warned against and `sentence` now allows, or "". The
    other way round (allowed, then warned against) is let through: a late warning is a
    correction worth hearing."""
    for action, side in stances(sentence).items():
        if side and said.get(action) is False:
            return action
    return ""
