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

The user's side: `planned_verb(question)` is the verb of what they say they will do or ask
whether to do ("I'm going to delete that folder" -> "delet"), `states_a_plan` whether they
said it as a plan rather than a question, and `instructed_verbs(sentence)` the verbs a reply
tells them to do; the safety policy holds the two against each other on a risky turn.
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


def _action(words: str, width: int = 2) -> str:
    content = [w for w in re.findall(r"[a-z]+", words.lower()) if w not in _STOP]
    return " ".join(_stem(w) for w in content[:width])


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "e", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    # one letter for a doubled last one, in every stem: "running" and "run", "putting" and
    # "put" are one verb ("running it now" was answered "Run sudo chmod -R 777 /")
    return word[:-1] if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "aeiou" else word


def _act(verb: str) -> str:
    """A verb's stem, the same for verbs of one act (`_SAME_ACT`)."""
    stem = _stem(verb)
    return _stem(_SAME_ACT[stem]) if stem in _SAME_ACT else stem


# Verbs for one act, said as one: "so I'm gonna ring them now" was answered "Call the billing
# line..." (the scam's own number), which a plan to "ring" did not match.
_SAME_ACT = {"ring": "call", "rang": "call", "phon": "call", "dial": "call", "wir": "transfer"}


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


# A yes/no question asking leave to do something, or whether something is all right: "Should
# I restart?", "Can I use a paperclip?", "Is it okay to end the task?", "Is that normal?". Not
# "Do I need to…", "Should I worry?", "Is it bad…", "Will it wipe…": their plain answer is often no.
_ASKS_LEAVE = re.compile(
    r"(?<!how )(?<!where )(?<!what )(?<!when )(?<!why )\b(?:should i|can i|could i|may i|am i (?:allowed|able) to|is it (?:okay|ok|safe|fine|alright|all right|a good idea)"
    r"(?: for me)?(?: to| if)?|is (?:that|this) (?:okay|ok|safe|fine|alright|all right|normal|a good idea))\b", re.I)
_ASKS_WORRY = re.compile(r"\b(?:should|can|could|may) i (?:not|never|stop|avoid|be (?:worried|concerned|scared)|worry|panic)\b", re.I)


def asks_leave(question: str) -> bool:
    """The user asks whether they may or should do something, or whether it is all right."""
    return bool(_ASKS_LEAVE.search(question)) and not _ASKS_WORRY.search(question)


# A sentence of the question that opens with an auxiliary verb asks for a verdict ("Is it safe
# to clear my cache?", "Should I reset it first?", "Are they gone forever?"), which a how-to
# answer does not give. Not a request put politely ("Could you tell me how…", "Is there a way to…").
_AUX = r"is|are|was|were|will|would|should|does|do|did|has|have|am|could|can|may|must|isn't|aren't|won't|shouldn't|doesn't|don't|can't"
_ASKS_VERDICT = re.compile(
    rf"^\W*(?:(?:so|and|but|ok(?:ay)?|hey|hi|um|hmm|also|then|now|please)\W+)*(?:{_AUX})\b"
    r"(?!\s+(?:you|u)\s+(?:please\s+)?(?:tell|show|help|explain|walk)\b)"
    r"(?!\s+there\s+(?:a|an|any)\s+(?:\w+\s+)?(?:way|shortcut|setting|option|button|app|key)\b)", re.I)
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+|\n")


def asks_yes_or_no(question: str) -> bool:
    """Whether a sentence of the question asks for a yes or a no rather than how to do something."""
    return any(_ASKS_VERDICT.search(part) for part in _SENTENCE_BREAK.split(question) if part.strip())


# A yes/no question asks whether something is fine, or whether it is bad, or neither: a
# verdict answers the question its article's title asks, and "Yes" to "Is it okay to leave it
# plugged in?" is "No" to "Will leaving it plugged in ruin the battery?".
_ASKS_IF_FINE = re.compile(r"\b(?:safe|okay|ok|fine|alright|all right|good|worth|enough|better|faster|help)\b", re.I)
_ASKS_IF_BAD = re.compile(r"\b(?:bad|worse|risky|risks?|dangerous|danger|unsafe|harm(?:ful)?|ruin|damage|hurt|kill|"
                          r"problems?|wrong|mistake|shorten|wear(?:s|ing)? out|a threat|vulnerable|los[et]|losing|erase|wipe)\b", re.I)


def _asks_if(text: str) -> str:
    """"bad" (whether it is bad), "fine" (whether it is fine, or plainly "Can I…?"), or "both"."""
    fine, bad = _ASKS_IF_FINE.search(text), _ASKS_IF_BAD.search(text)
    return "both" if fine and bad else "bad" if bad else "fine"


def asked_the_same_way(question: str, title: str) -> bool:
    """Whether a question and a whether-article's title ask alike, so that the article's
    verdict answers the question. "Is it okay to…?" asks as "Can I…?" does; one that asks
    both ways ("Is it safe, or will I lose…?") is never answered with a bare verdict."""
    return _asks_if(question) == _asks_if(title) != "both"


def asked_action(question: str) -> str:
    """The action a yes/no question asks about ("Should I keep it plugged in…?" -> "keep plugg"), or ""."""
    m = _ASKED.search(question)
    return _action(m.group(1)) if m else ""


# What the user means to do: "I'm going to delete that folder", "I'll just send it", "Should I
# wipe it?", "Is it okay to charge it under my pillow?". Only the verb is kept: a reply that
# tells the user to do it ("Delete the folder.") agrees with the plan, whatever the object.
# (an adverb may come between: "im just gonna unscrew the cover", "i'm probably going to", outside7)
_INTENT = (r"(?:i'?m|i am) (?:just |really |probably |actually |now |literally |prob )?(?:going to|gonna|about to|planning to|planning on|trying to)|"
           r"i'?ll|i will|i plan to|i want to|i intend to|"
           r"i need to|i have to|i must|i always|i usually|i often|i normally|(?<![\w'’]\s)(?:gonna|about to)")  # "… springs. gonna scrape it off": the "I'm" dropped ("it's gonna rain" is not)
_PLAN = re.compile(
    rf"\b(?:{_INTENT}|should i|can i|could i|may i|is it (?:okay|ok|safe|fine|alright|all right|a good idea) (?:for me )?to|"
    r"am i (?:allowed|supposed) to)((?:\s+\w+['’]?\w*){1,4})", re.I)
_DOING_NOW = re.compile(r"\b(?:i'?m|i am) (?:now |just )?([a-z]+ing)\b(?!\s+to\b)", re.I)  # "I'm typing in the code now"
# A message that opens with what the user is doing: "Packing my power banks in my checked bag."
_OPENS_DOING = re.compile(r"^\W*(?:just\s+|now\s+)?([a-z]+ing)\b(?!\s+to\b)", re.I)
_NOT_DOING = frozenset("nothing something anything everything during according regarding morning evening thing string "
                       "king ring spring ceiling building setting settings".split())


def _opens_doing(text: str) -> re.Match | None:
    """The match of the "-ing" word a message opens with when it says what the user is doing."""
    m = _OPENS_DOING.match(text)
    return m if m and m.group(1).lower() not in _NOT_DOING else None
_STATES_A_PLAN = re.compile(rf"\b(?:{_INTENT})\b|\bi (?:keep|leave|put|charge|plug|store|run)\b|\b(?:i'?m|i am) (?:now |just )?[a-z]+ing\b|^\s*(?:turning|sending|deleting|paying|"
                            r"installing|opening|wiring|formatting)\b|[.!]\s*(?:turning|sending|deleting|paying|installing|opening|wiring|formatting)\b",
                            re.I)
_NOT_THE_VERB = frozenset("just simply quickly go ahead and also then first try to now really actually finally still be".split())
# Verbs that say nothing of the risk ("keep using it", "use it"), and the safe steps a user may
# ask about on a risky turn ("Should I unplug it?"): no plan to hold a reply against.
_NO_PLAN = frozenset("keep use do get make have let take unplug disconnect stop hang report contact cancel block ask check wait".split())
_SAFE_PARTICLE = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:off|down)\b", re.I)  # "turn it off", "shut down"
# The verbs whose "off"/"down" is the safe step of stopping something; "scrape it off" or "tear
# it down" is a plan like any other.
_SWITCH_VERBS = frozenset("turn switch shut power log sign cool calm slow put set lay hang back".split())


def _switches_off(verb: str, rest: str) -> bool:
    """`verb` + `rest` is "turn it off" / "shut down" / "power it down"."""
    return verb in _SWITCH_VERBS and bool(_SAFE_PARTICLE.match(rest))


def _doing(question: str) -> list[tuple[int, str]]:
    """Where the user says what they are doing, as (offset, the "-ing" verb): "I'm typing in
    the code now", or a sentence opening with it ("... for a $500 fee up front. Sending it to
    him tonight.")."""
    out = [(m.start(1), m.group(1)) for m in _DOING_NOW.finditer(question)]
    at = 0
    for part in re.split(r"(?<=[.!?])\s+", question):
        at = question.index(part, at)
        if m := _opens_doing(part):
            out.append((at + m.start(1), m.group(1)))
        at += len(part)
    return out


def planned_verb(question: str, off_is_safe: bool = True) -> str:
    """The stemmed verb of what the user says they will do, or asks whether to do ("delet"),
    or "" (no plan, or a plan to do a safe step). `off_is_safe`: "turn it off" / "shut it
    down" is a safe step (a hot or sparking device); not where switching something off is the
    risk (the computer's protection, its updates)."""
    tails = [m.group(1) for m in _PLAN.finditer(question)]
    tails += [" " + verb for _, verb in _doing(question) if verb.lower() not in ("going", "trying", "planning", *_NOT_DOING)]
    for tail in tails:
        for word in re.finditer(r"[a-z]+(?:['’][a-z]+)?", tail.lower()):
            verb = word.group(0)
            if verb in _NOT_THE_VERB:
                continue
            if verb in _NOT_A_VERB or verb in _NO_PLAN or (off_is_safe and _switches_off(verb, tail[word.end():])):
                return ""
            return _act(verb)
    return ""


# A command's own words: a flag, a path, a home-relative path ("--master-disable", "-rf",
# "~/Library", "/etc/hosts"). The words around them ("run", "in Terminal") say nothing.
_COMMAND_TOKEN = re.compile(r"(?<![\w/~-])(?:-{1,2}[a-z][\w-]*|~/[\w./-]*|/[\w.-]+(?:/[\w.-]*)*)(?![\w/])", re.I)


def command_tokens(text: str) -> frozenset[str]:
    """The flags and paths of a command the user quotes ("run sudo rm -rf ~/Library" ->
    {"-rf", "~/Library"}): a reply sentence that tells them to run it repeats them."""
    return frozenset(m.group(0).rstrip(".,;:") for m in _COMMAND_TOKEN.finditer(text) if len(m.group(0).rstrip(".,;:")) > 2)


def instructs_command(sentence: str, tokens: frozenset[str]) -> bool:
    """The sentence tells the user to run the quoted command: a clause that opens with a verb
    ("Run sudo spctl --master-disable in Terminal.") and repeats one of its flags or paths."""
    return bool(tokens) and any(tokens & command_tokens(clause) for clause, _ in _instructions(sentence))


def plan_words(question: str) -> frozenset[str]:
    """The stemmed content words of what the user says they will do or asks whether to do:
    each clause from its plan's first word ("I'm going to leave the ebike battery charging in
    the hallway overnight") to the end of its sentence."""
    starts = [m.start(1) for m in _PLAN.finditer(question)] + [at for at, _ in _doing(question)]
    words: set[str] = set()
    for start in starts:
        end = re.search(r"[.!?](?:\s|$)", question[start:])
        words |= _content_words(question[start:start + end.start()] if end else question[start:])
    return frozenset(words)


def _content_words(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in _STOP and w not in _NOT_A_VERB}


# A sentence with one of these changes the plan ("Use hydrogen peroxide alone", "Run it on sdb
# instead") or warns against it: not a restatement.
_CORRECTS = re.compile(r"\b(?:instead|only|alone|separately|never|not|don'?t|without|rather|different|another)\b|n't\b", re.I)
_YOU_MAY = re.compile(r"^\W*you (?:can|could|should|may|might want to)\b", re.I)


def restates_plan(sentence: str, plan: frozenset[str]) -> bool:
    """The sentence tells the user to do what they planned, in their own words: "Plug in the
    battery in the hallway overnight while we're all asleep." after "…I'm going to leave the
    ebike battery charging in the hallway overnight…" (the 0.5B's reply after "Please don't").
    An instruction clause (or a "you can…" sentence) that corrects nothing, with at least three
    content words of the plan and at least half of its own."""
    if len(plan) < 3 or _CORRECTS.search(sentence):
        return False
    parts = [clause for clause, _ in _instructions(sentence)] + ([sentence] if _YOU_MAY.match(sentence) else [])
    for part in parts:
        mine = _content_words(part)
        shared = mine & plan
        if len(shared) >= 3 and 2 * len(shared) >= len(mine):
            return True
    return False


def states_a_plan(text: str) -> bool:
    """The user says what they will do or are doing ("I'm going to…", "I always…", "Turning them
    off now.", "Packing my power banks in my checked bag."), rather than only asking."""
    return bool(_STATES_A_PLAN.search(text)) or _opens_doing(text) is not None


_OPENING = re.compile(r"^\W*(?:please\s+|just\s+|simply\s+|now\s+)?([a-z]+(?:['’][a-z]+)?)\b", re.I)
_TAIL = re.compile(r"(?:\s+\w+['’]?\w*){0,5}")


def _opening_verb(text: str) -> re.Match | None:
    """The match of `text`'s opening word when it is a verb (an instruction opens with its
    verb: "Keep it plugged in", "Please open Settings"), else None."""
    m = _OPENING.match(text)
    if not m:
        return None
    word = m.group(1).lower().replace("’", "'")
    return None if word in _NOT_A_VERB or word.endswith(("ly", "ing")) else m


# "…, you can try pushing it back down": permission given mid-sentence, to do or to try doing
# (the 0.5B to a bulging MacBook trackpad, outside7; not "you can't", "you cannot", "you should not")
_PERMITS = re.compile(r"\byou (?:can|could|should|may|might|must|need to|have to)(?: (?:just|simply|also|still|safely|always))?"
                      r" (?:(?:try|start|go ahead and|carefully|gently)(?: to)? )?([a-z]+)\b", re.I)


def permitted_verbs(sentence: str) -> set[str]:
    """The stemmed verbs a sentence tells the user they can or should do, anywhere in it
    ("If it is bulging, you can try pushing it back down." -> {"push"})."""
    return {_act(m.group(1).lower()) for m in _PERMITS.finditer(sentence) if m.group(1).lower() not in _NOT_A_VERB}


def instructed_verbs(sentence: str, off_is_safe: bool = True) -> set[str]:
    """The stemmed verbs a sentence tells the user to do: the first word of each clause that
    opens with a verb ("Open Quick Assist, type the code" -> {"open", "typ"}); "turn it off"
    only where `off_is_safe` is False (see `planned_verb`)."""
    verbs = set()
    for clause, m in _instructions(sentence):
        if not (off_is_safe and _switches_off(m.group(1).lower(), clause[m.end():])):
            verbs.add(_act(m.group(1).lower().replace("’", "'")))
    return verbs


def _instructions(sentence: str) -> list[tuple[str, re.Match]]:
    """The sentence's clauses that open with a verb, each with the match of its verb."""
    clauses = (c.strip() for c in re.split(r"[,;:]|\band then\b|\bthen\b|\band\b", sentence))
    return [(c, m) for c in clauses if (m := _opening_verb(c))]


def stances(sentence: str, asked: str = "", width: int = 2) -> dict[str, bool]:
    """{action: True (for it) / False (against it)} for the stances the sentence takes, each
    action its first `width` content words; `asked`: the action of the question this sentence
    may answer with a bare "No"."""
    found: dict[str, bool] = {}
    if asked and is_bare_refusal(sentence):
        found[asked] = False
    first = _opening_verb(sentence)
    if first:  # an instruction: for what it tells
        found.setdefault(_action(first.group(1) + _TAIL.match(sentence, first.end()).group(0), width), True)
    for m in _IT_IS.finditer(sentence):
        against_word = re.fullmatch(_ADJ_AGAINST, m.group(2), re.I) is not None
        found[_action(m.group(3), width)] = (m.group(1) is None) != against_word
    for m in _YOU.finditer(sentence):
        found[_action(m.group(2), width)] = _NEGATIVE_MODAL.search(m.group(1)) is None
    for m in _DONT.finditer(sentence):
        found[_action(m.group(1), width)] = False
    return {action: side for action, side in found.items() if action}


def undoes_a_warning(said: dict[str, bool], sentence: str) -> str:
    """The action an earlier sentence warned against and `sentence` now allows, or "". The
    other way round (allowed, then warned against) is let through: a late warning is a
    correction worth hearing. The sentence's action may name more than the warning did:
    after "No, don't." to "Should I keep it plugged in…?", "Keep the phone plugged in…"
    allows it again (same verb, the warned action's other word among its next three)."""
    for action, side in stances(sentence, width=4).items():
        if not side:
            continue
        verb, *rest = action.split()
        for warned, was in said.items():
            w_verb, *w_rest = warned.split()
            if was is False and w_verb == verb and (set(w_rest) <= set(rest) if w_rest else not rest):
                return warned
    return ""
