"""The user's own guess, kept out of what the model is asked.

A question of fact often comes with the asker's guess: "how long does light from the sun take
to get to earth, its like 8 seconds right", "who invented the world wide web? my son says it
was mark zuckerberg", "biggest planet in the solar system is saturn right?". The bundled 0.5B
model agrees with whatever the question says: asked with the guess it answered "about 8
seconds", "Mark Zuckerberg" and "Saturn"; asked the bare question, "Tim Berners-Lee", "Jupiter"
and "A byte is 8 bits". So the model is given the question without the guess
(`without_guess`). The conversation keeps the user's words as said; the safety policy, the
articles and the guard still read them whole (a friend's "it's fine" is part of a risk).

Only a guess that follows a question standing on its own is taken out, and only in these shapes:

* someone's claim after it: "… ? my son says it was mark zuckerberg", "… , my husband reckons speed",
  "… ? i think it was michelangelo";
* the guess as a question of its own: "who started microsoft, was it steve jobs?";
* the asker's own answer, ending in a tag: "… , its like 8 seconds right", "… ? 10 isnt it, like
  metric", "… ? its divisible by 4 so it has to be right";
* a statement of a fact with a tag: "(the) biggest planet in the solar system is saturn right?",
  "the capital of australia is sydney, isn't it?" asked as "What is the biggest planet in the
  solar system?" (only a superlative or an "X of Y" subject: "my laptop is 64 bit right?" is the
  user's own setup, not a fact to look up, and stays).

Everything else is given as said: a how-to with its context, a safety question, a guess inside
the question itself ("is 2100 a leap year?").
"""
from __future__ import annotations

import re

_PEOPLE = (r"son|daughter|husband|wife|partner|boyfriend|girlfriend|fianc[eé]e?|mum|mom|mother|dad|father|friend|mate|pal|"
           r"teacher|boss|manager|brother|sister|colleague|co-?worker|kids?|grandson|granddaughter|grandkids?|nan|nana|gran|"
           r"grandma|grandpa|granddad|uncle|aunt|auntie|neighbou?r|flatmate|roommate|cousin|nephew|niece|coach|tutor|other half")
_CLAIM = r"says?|said|saying|reckons?|thinks?|thought|tells? me|told me|keeps? saying|swears?|insists?|claims?|is (?:sure|convinced|adamant)"
# "my son says …", "our teacher told me …", "my mate reckons …"; the asker's own: "i think it was …", "pretty sure its …"
_SOMEONES_CLAIM = (rf"(?:(?:my|our|the)\s+(?:\w+\s+)?(?:{_PEOPLE})\s+(?:\w+\s+)?(?:{_CLAIM})"
                   r"|i\s+(?:think|thought|reckon|believe|heard|read|was told|remember)|i'?m\s+(?:pretty\s+|fairly\s+)?sure|(?:pretty|fairly)\s+sure)\b")
# a tag asking to be agreed with, at the end: "right", "isn't it", "correct?", "yeah?"
_TAG = r"(?:right|isn'?t it|isnt it|is it not|aren'?t they|arent they|wasn'?t it|wasnt it|correct|yeah|yes|innit|no)\W*"
# a question of fact standing on its own: asks who, what, how much … or whether; not what to do
# ("how do I fix my wifi? I think the router is broken": the user's thought is the problem's context)
_QUESTION = re.compile(r"^\W*(?:who|whom|whose|what|what's|whats|when|where|which|how (?:many|much|long|far|old|big|fast|tall|high|"
                       r"heavy|often|come)|is|are|was|were|does|did)\b(?!.*\b(?:should|do|can|could|would|will)\s+(?:i|we)\b)", re.I)

# "<question>? <someone's claim …>" or "<question>, <someone's claim …>"
_AFTER_QUESTION_CLAIM = re.compile(rf"^(?P<q>[^?]{{8,}}?)(?:\?+|,)\s*(?:but\s+|and\s+|cos\s+|because\s+)?{_SOMEONES_CLAIM}.*$", re.I | re.S)
# "<question>, was it steve jobs?", "<question>? is it 1995?": the guess offered as a question of its own
_AFTER_QUESTION_OFFER = re.compile(r"^(?P<q>[^?]{8,}?)(?:\?+|,)\s*(?:or\s+)?(?:was|is|were|are)\s+(?:it|they|that)\s+(?:\w+[\s,]*){1,4}\?.*$", re.I | re.S)
# "<question>? <a short answer …> right", "<question>, its like 8 seconds right", "… ? 10 isnt it, like metric"
_AFTER_QUESTION_OWN = re.compile(
    rf"^(?P<q>[^?]{{8,}}?)(?:\?+|,)\s*(?P<guess>(?:(?:it'?s|its|it is|it was|they'?re|that'?s)\s+)?(?:\w+[\s,]+){{0,8}}?\w+),?\s+{_TAG}"
    rf"(?:[,.]?\s*(?:like|cos|because|as|since)\b[^?]{{0,40}})?$", re.I | re.S)
_SUPERLATIVE = (r"biggest|largest|smallest|tallest|highest|longest|shortest|fastest|slowest|oldest|youngest|first|last|hottest|"
                r"coldest|deepest|closest|nearest|furthest|farthest|heaviest|lightest|richest|most|least|best|main")
# "(the) biggest planet in the solar system is saturn right?", "the capital of australia is sydney, isn't it?"
_FACT_WITH_TAG = re.compile(
    rf"^\W*(?:so\s+|and\s+|ok\s+|okay\s+)?(?:the\s+)?(?P<subject>(?:(?:{_SUPERLATIVE})\s+(?:\w+\s+){{0,6}}?\w+|\w+(?:\s+\w+){{0,2}}\s+of\s+(?:the\s+)?\w+(?:\s+\w+){{0,3}}?))"
    rf"\s+(?P<verb>is|was|are|were)\s+(?:\w+[\s,]*){{1,4}}?,?\s*{_TAG}(?:[,.]?\s*(?:like|cos|because|as|since)\b.{{0,60}})?$", re.I | re.S)
_NOT_A_FACT = re.compile(r"^\W*(?:my|our|your|this|that|these|those|it|i|we)\b", re.I)


def without_guess(text: str) -> str:
    """`text` without the user's guess at the answer, or `text` itself when it carries none in
    one of the shapes above (see the module doc)."""
    s = " ".join(text.split())
    if len(s) > 400:
        return text  # a long message is context to keep, not a quiz question
    bare = s
    for _ in range(3):  # "who started microsoft, was it steve jobs? my husband says it was": two guesses
        for pattern in (_AFTER_QUESTION_CLAIM, _AFTER_QUESTION_OFFER, _AFTER_QUESTION_OWN):
            m = pattern.match(bare)
            if m and _QUESTION.match(m.group("q")):
                bare = m.group("q").strip().rstrip(",") + "?"
                break
        else:
            break
    if bare != s:
        return bare
    m = _FACT_WITH_TAG.match(s)
    if m and not _NOT_A_FACT.match(m.group("subject")):
        return f"What {m.group('verb').lower()} the {m.group('subject')}?"
    return text
