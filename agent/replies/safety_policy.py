"""SafetyPolicy: the risky kinds of support question, and a check on every spoken sentence.

A small model does not hold safety rules from a prompt alone (it answered "Yes, you should
do it." to a phishing mail), so the rules live here, in code:

* `risks_in(question)`: which risky classes a user's words touch: handing over credentials,
  paying a stranger, liquid on a device, electrical hazards, deleting the system's own folders.
* `check(sentence, risks, said, plan)`: a verdict on one reply sentence before it is spoken:
  `ok`; `warn` (a destructive command with no warning yet: the warning is said first); or
  `block` (the sentence endorses the risk, or tells the user to carry out the risky plan
  they stated: it is replaced by the class's safe answer).
* `missing_essentials(first_sentence, risks)`: what a risky reply must still say, before
  or after its first sentence: the first step, and why (what can happen).

The rules are data: `agent/replies/risk_rules.py` has one row per risky class (what the user
asks, what endorses it, the safe answer, what a first sentence must say), `_DESTRUCTIVE` here
one row per kind of destructive command with its warning. The patterns are deliberately narrow: they look for an endorsement ("yes", "click the link",
"enter your password", "turn it on") that is not negated in the same clause ("don't click
the link" is fine).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .risk_examples import ENDORSES_FOR_REASON, OWN_RISK_KINDS, SCAM_KINDS, STEP_FOR_REASON
from .risk_rules import ABOUT_A_THIRD_PARTY, BY_LIKENESS, OWN_SIGN_IN, REASON_SAID, RISKS, SOMEONE_TOLD, Risk, rx
from .stance import instructed_verbs, instructs_command, permitted_verbs, restates_plan, states_a_plan

if TYPE_CHECKING:
    from .risk_classifier import ClassifiesRisk

# A hazard's general harm ("That can hurt you or damage the device.") is said by a sentence that
# names what can happen ("Overheating can damage the laptop"): it is not said before it.
_HARM_OR_REASON = rx(f"(?:{BY_LIKENESS['physical_hazard'].essential.pattern})|(?:{REASON_SAID.pattern})")

# Commands and steps that destroy data: a warning must be said before (or with) them.
_DESTRUCTIVE = (
    (rx(r"\bgit reset --hard\b|\breset --hard\b"), "Careful: git reset --hard throws away uncommitted changes for good."),
    (rx(r"\bgit push (?:-f\b|--force\b)|\bforce[- ]push"), "Careful: a force push overwrites the history others may have pulled."),
    (rx(r"\bgit clean -\w*f"), "Careful: git clean deletes untracked files for good."),
    (rx(r"\brm -\w*r\w*\b|\brm -\w*f\w*\b|\brmdir /s\b|\bdel /[sq]\b|\bRemove-Item\b.*-Recurse"), "Careful: that deletes files permanently, with no trash to restore from."),
    (rx(r"\bformat (?:the |your )?(?:drive|disk|[a-z]:)|\bmkfs\b|\bdd if=|\bdiskpart\b|\bclean all\b"), "Careful: that erases everything on the drive."),
    (rx(r"\bfactory reset\b|\breset (?:this|your|the) (?:pc|computer|phone|mac)\b|\breinstall (?:windows|macos)\b|"
         # (not wiping it down with a cloth: "safe to wipe your iPhone with alcohol wipes" got "that erases everything", outside6)
         r"\bwipe (?:(?:the|your|this|my|its) )?(?:(?:hard |internal )?(?:drive|disk|ssd)|phone|device|computer|pc|mac|laptop|tablet|ipad|iphone|data|everything|it clean)\b"
         r"(?!\s+(?:down|off|over|gently|with\b|using\b)(?!\s+(?:a |the )?(?:factory|reset|erase|format)))"),
     "Back up your files first, because that erases everything on the device."),
)
_WARNED = rx(r"\b(?:careful|caution|warning|be sure|make sure|back ?up|backed up|lose|lost|losing|permanent(?:ly)?|for good|cannot be undone|can't be undone|"
              r"irreversible|erases?|deletes? everything|throws? away|avoid|don't use|do not use|destroy)")
_NEGATION = rx(r"\b(?:no|not|don'?t|do not|never|avoid|stop|without|instead of|rather than|refuse|won'?t|shouldn'?t|should not|isn'?t|is not)\b")


@dataclass(frozen=True)
class Verdict:
    action: str  # "ok" | "warn" | "block"
    text: str = ""  # the warning to say first, or the safe replacement
    risk: str = ""  # which class or command triggered it


OK = Verdict("ok")


# Turning on the account's or the device's own protection ("Should I turn on 2-Step
# Verification?", "…log in with Face ID instead of my password?") gives nothing away: asked by
# the user of themselves (no third party told them to), the classes about handing something
# over do not hold. A caller who says to "set up two-factor" and read back the code still does.
_PROTECTIVE = rx(r"\b(?:turn(?:ing|ed)? on|switch(?:ing|ed)? on|enabl(?:e|ed|ing)|set(?:ting)? up|us(?:e|ing)|log(?:ging)? in with|"
                  r"sign(?:ing)? in with|add(?:ing)?)\s+(?:the |a |my |it |on )?(?:2-?step|two-?step|2fa|two-?factor|multi-?factor|mfa|"
                  r"face ?id|touch ?id|fingerprint|windows hello|passkeys?|biometric\w*|screen lock|encryption|bitlocker|filevault|find my)")
_TOLD_BY_SOMEONE = rx(SOMEONE_TOLD)
_HANDS_OVER = rx(r"\b(?:give|giving|send|sending|share|sharing|tell|telling|read|reading|text|email|hand|handing|pass)\b[^.?!]{0,40}"
                  r"\b(?:passwords?|passcodes?|codes?|pins?|logins?|credentials|recovery)\b")
_MY_OWN_SIGN_IN = rx(rf"^{OWN_SIGN_IN}")
# "I didn't tap the link, I called the number on the back of my card instead, and they asked my
# date of birth to confirm it's me": the user made the call, to the number the bank itself gives,
# which is the safe step a scam warning would have told them to take. Likeness to scams (a text,
# a card, a fraud team) is no risk then; a secret asked for, or money to move, still is.
_CALLED_THE_REAL_NUMBER = rx(r"\b(?:i|we)\s+(?:then\s+|instead\s+|just\s+)?(?:called|rang|phoned)\s+(?:up\s+)?"
                             r"(?:the (?:phone )?number (?:on|printed on) the back of (?:my|the|our) (?:\w+ )?card"
                             r"|(?:my|our|the) bank(?:'s)? (?:own |official |real )?(?:number|helpline|line)"
                             r"|the (?:official|real) number (?:on|from) (?:their|its|the) (?:official )?(?:website|site|app|statement))")
_STILL_RISKY = rx(r"\b(?:mov(?:e|ing) (?:\w+ )?(?:money|savings|funds|cash)|transfer\w*|safe account|gift|crypto|bitcoin|wire|remote|install\w*|anydesk|teamviewer"
                  r"|passwords?|passcodes?|pins?|codes?|logins?|online banking)\b")
_GIVING_AWAY = frozenset({"credentials", "payment", "remote_access", "scam"})
# Who or what a scam reaches the user through: a person, a call, a message, a page. A question put
# in a scam-like class by likeness alone, with none of these, is the user's own errand.
_SCAM_SOURCE = rx(r"\b(?:call(?:s|ed|er|ing)?|phoned?|e-?mail(?:s|ed)?|texts?|texted|sms|messages?d?|dms?|sent|invoices?|pop-?ups?|"
                   r"warnings?|alerts?|voice|numbers?|whatsapp|telegram|discord|facebook|instagram|links?|qr|websites?|sites?|ads?|"
                   r"mate|friend|guy|stranger|buyer|seller|agent|technician|support|someone|somebody|they|he|she|his|her|their)\b")
# A message the user writes or sends is their own errand, not a source: "write an email tonight
# and have it send at 8am", "trying to email a 60 MB video".
_OWN_MESSAGE = rx(r"\b(?:write|writing|wrote|type|typing|send|sending|compose|composing|draft|drafting|schedul\w*)\s+"
                   r"(?:(?:a|an|the|my|this|that|some|our)\s+)?(?:e-?mails?|texts?|messages?)\b"
                   r"|(?<!\bme )(?<!\bus )\bto (?:e-?mail|text|message) (?:a|an|the|my|this|it|them|him|her)\b")  # not "wants me to email a copy"


# "How do I throw away all my local changes in git?", "How do I wipe my old laptop?": a
# destructive step asked for by name, on the user's own things, is a task whose answer is the
# steps with a warning (the rubric's git-discard, rm-folder, factory-reset), not "No, don't".
_ASKS_HOW_TO = rx(r"^\W*(?:how (?:do|can|would|should) (?:i|we|you)|how to|what'?s the (?:best |right |safest )?way to)\b")


def _own_task(risk: Risk, question: str) -> bool:
    """A destructive command the user asks how to do, with no plan of theirs or anyone's
    instruction in the question: the detector's certainty does not make "No, don't" its first
    sentence (the warning is still owed: `missing_essentials`, `_DESTRUCTIVE`)."""
    return (risk.name == "destructive_command" and bool(_ASKS_HOW_TO.search(question))
            and not states_a_plan(question) and not _TOLD_BY_SOMEONE.search(question))


def risks_in(question: str, classifier: "ClassifiesRisk | None" = None) -> tuple[Risk, ...]:
    """The risky classes a user's words put this turn in: by the rules' phrases, and, given
    a `classifier` (agent/replies/risk_classifier.py), by likeness to labelled examples
    where no rule of the same class matched. Turning on one's own protection is not handing
    anything over (`_PROTECTIVE`)."""
    q = " ".join(question.split())
    found = tuple(r for r in RISKS if r.asks.search(q))
    alike = classifier.classify(q) if classifier is not None else ""
    if alike in ABOUT_A_THIRD_PARTY and not _SCAM_SOURCE.search(_OWN_MESSAGE.sub(" ", q)):
        alike = ""  # a scam needs someone running it: "how do I change my Apple ID password" names no one
    if alike and alike not in {r.name for r in found}:
        found += (BY_LIKENESS[alike],)
    if _PROTECTIVE.search(q) and not _TOLD_BY_SOMEONE.search(q) and not _HANDS_OVER.search(q):
        found = tuple(r for r in found if r.name not in _GIVING_AWAY)
    if _MY_OWN_SIGN_IN.search(q):  # as the credentials rule reads it, so likeness does too
        found = tuple(r for r in found if r.name != "credentials")
    if _CALLED_THE_REAL_NUMBER.search(q) and not _STILL_RISKY.search(q):
        found = tuple(r for r in found if not (r.by_likeness and r.name in _GIVING_AWAY))
    found = _with_own_risk(q, found) or _with_scam_reason(q, found)
    named_kind = any(r.step for r in found)  # a scam kind's own words (`_with_scam_reason`): as sure as the detector
    if found and all(r.by_likeness for r in found) and (named_kind or classifier is not None and classifier.sure(q)):
        found = tuple(r if _own_task(r, q) else replace(r, sure=True) for r in found)
    hazard = next((r for r in found if r.name == "physical_hazard"), None)
    # by meaning too only where likeness found every risk (a swallowed button battery is the
    # emergency rule's, not a battery fire)
    reason = classifier.hazard_reason(q, by_meaning=all(r.by_likeness for r in found)) if classifier is not None and hazard is not None else ""
    if not reason:
        return found
    # the hazard kind's reason ("A swollen ... battery can catch fire"), said in the safe answer
    # too; a rule's class keeps its own (water and mains: a shock), which fits it better than a guess
    # and the kind's own step after it (a swollen battery: leave it unplugged, have the battery replaced)
    step = STEP_FOR_REASON.get(reason, "")
    unsafe = rx(f"{hazard.unsafe.pattern}|{ENDORSES_FOR_REASON[reason]}") if reason in ENDORSES_FOR_REASON else hazard.unsafe
    with_reason = replace(hazard, why=reason, after_refusal="", step=step, unsafe=unsafe,
                          safe_reply=f"No, don't: {reason[:1].lower()}{reason[1:]} {step or 'Stop, and ask the maker or a repair shop what to do.'}")
    # first, before the electrical rule (any sign of a fault): a kind found by its examples and named
    # by the question fits it better (a bulging trackpad is a battery's swelling, not bare wires);
    # after any other rule (water and mains: drain it, not the fuse box)
    rest = tuple(r for r in found if r is not hazard)
    if {r.name for r in rest} <= {"electrical"}:
        return (with_reason,) + rest
    return tuple(with_reason if r is hazard else r for r in found)


def _compiled(kinds: tuple[tuple[str, str, str], ...]) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """A kind's pattern that holds lookaheads is tried from the start only (a one-line text holds
    them from its start whenever it does anywhere; searched, each position was tried again)."""
    return tuple((kind, rx(rf"^(?:{pattern})" if pattern.startswith("(?=") else pattern), said) for kind, pattern, said in kinds)


_SCAM_KINDS = _compiled(SCAM_KINDS)
_OWN_RISK_KINDS = _compiled(OWN_RISK_KINDS)


def _with_own_risk(q: str, found: tuple[Risk, ...]) -> tuple[Risk, ...]:
    """The turn's classes with a risky plan of the user's own in the first one found by likeness
    (risk_examples.OWN_RISK_KINDS: a spy app on a partner's phone, a passport on an unknown site,
    cracked software), or () where the question names none. Its words replace the class's general
    ones: "that is very likely a scam" fits no one's own plan, and the plan needs its own reason
    and step. Where only rules found the turn's classes, the kind comes first, in the scam class's
    shape (what endorses going ahead: "yes", install, send)."""
    said = next((said for _, pattern, said in _OWN_RISK_KINDS if pattern.search(q)), "")
    if not said:
        return ()
    step = said[:1].upper() + said[1:]
    target = next((r for r in found if r.by_likeness), None)
    kind = replace(target or BY_LIKENESS["scam"], why="", after_refusal="", step=step, safe_reply=f"No, don't: {said}")
    if target is None:
        return (kind,) + found
    return tuple(kind if r is target else r for r in found)


def _with_scam_reason(q: str, found: tuple[Risk, ...]) -> tuple[Risk, ...]:
    """The first scam-like class of the turn, with its kind's reason (risk_examples.SCAM_KINDS)
    where the question names one: "the check will bounce", not only "that is a scam"."""
    said = next((said for _, pattern, said in _SCAM_KINDS if pattern.search(q)), "")
    if not said:
        return found
    scam_like = next((r for r in found if r.name in _GIVING_AWAY), None)
    if scam_like is None:  # the kind says it is one ("a site removes the iCloud lock for $79"): the scam class
        scam_like = BY_LIKENESS["scam"]
        found = (scam_like,) + found  # first: the kind fits better than a class beside it (protection turned off)
    # the safe answer: its refusal, then the kind's words in place of the class's general ones
    refusal = scam_like.safe_reply.partition(". ")[0].rstrip(".") + "."
    return tuple(replace(r, step=said, safe_reply=f"{refusal} {said}") if r is scam_like else r for r in found)


def endorses(sentence: str, pattern: re.Pattern[str]) -> bool:
    """True when a clause of the sentence endorses the pattern without negating it first."""
    for clause in re.split(r"[,;:]|\bbut\b|\band then\b|\bthen\b", sentence):
        for m in pattern.finditer(clause):
            if not _NEGATION.search(clause[: m.start()]) and not (m.group(0).strip().lower() in ("it's fine", "it's safe", "it's normal") and _NEGATION.search(clause)):
                return True
    return False


# A first sentence that refuses what was asked: "No, don't", "No, you can't", "No, it is not safe to…",
# "No. That can…". "No, it doesn't matter which port you use" and "No, there is no shortcut" answer
# a question of fact with "no": they refuse nothing, and a reason for refusing would not fit them.
_REFUSAL = rx(r"^\W*(?:no\b(?![,.!]?\s+(?:it|this|there|they|he|she|the|your|my|i)\b(?!'?s not (?:safe|a good idea|okay|ok)|"
               r" is not (?:safe|a good idea|okay|ok)|'?s (?:dangerous|unsafe|risky)| is (?:dangerous|unsafe|risky)| (?:can|could|will|may) (?:hurt|harm|damage|start|cause)))"
               r"|don'?t\b|do not\b|never\b)")


@dataclass(frozen=True)
class Owed:
    """What a risky reply still has to say after its first sentence, unless a later sentence
    says it (`said_by`)."""

    text: str
    said_by: re.Pattern[str]


def _step_said_already(step: str, sentence: str) -> bool:
    """The sentence is the step's own first words (a safe answer said whole)."""
    return bool(sentence) and step.startswith(sentence.strip()[:40])


def missing_essentials(first_sentence: str, risks: tuple[Risk, ...], stated_plan: bool = False) -> tuple[str, tuple[Owed, ...]]:
    """What a risky turn's first sentence leaves out: (said before it, owed after it).

    A class found by likeness has no first step (the guess may be wrong): after a refusal it
    gets its reason; a hazard whose kind the question names gets the kind's reason and step
    (`Risk.step`) before a first sentence that gives no reason; when the user said they will do it (`stated_plan`: "I'm going to
    delete…", "I always charge it under my pillow") and the reply goes along, "Please don't:"
    and the reason go first."""
    before: list[str] = []
    after: dict[str, Owed] = {}  # by text: two classes may owe the same words
    refusal = bool(_REFUSAL.search(first_sentence))
    by_rule = any(not r.by_likeness for r in risks)  # a rule's first step already stops the user
    reason_owed = bool(REASON_SAID.search(first_sentence))  # one reason is enough: the first class's
    for risk in risks:
        reason = risk.why or risk.after_refusal
        if risk.step and not reason_owed and not REASON_SAID.search(first_sentence) and not _step_said_already(risk.step, first_sentence):
            # a kind the question names (a swollen battery, a generator in the garage, a buyer who
            # overpaid): what can happen and what to do instead, whether the user asked or said
            # they will do it
            text = f"{reason} {risk.step}".strip() if reason and reason not in risk.step else risk.step
            if refusal:  # "No, don't." first: the reason and the step after it
                after.setdefault(text, Owed(text, REASON_SAID))
            else:
                opening = "Please don't: " if stated_plan else ""
                before.append(f"{opening}{text[:1].lower() if opening else text[:1]}{text[1:]}")
            reason_owed = True
            continue
        if risk.by_likeness and stated_plan and not by_rule and not refusal and reason and not risk.essential.search(first_sentence) \
                and not reason_owed:
            before.append(f"Please don't: {reason[:1].lower()}{reason[1:]}")
            reason_owed = True
            continue
        if not risk.essential.search(first_sentence):
            if risk.after_refusal and refusal:
                said_by = _HARM_OR_REASON if risk.name == "physical_hazard" else risk.essential
                after.setdefault(risk.after_refusal, Owed(risk.after_refusal, said_by))
            elif risk.first_step:
                before.append(risk.first_step)
        if risk.why and not reason_owed and (refusal or not risk.by_likeness):
            after.setdefault(risk.why, Owed(risk.why, REASON_SAID))
            reason_owed = True
    return " ".join(before), tuple(after.values())


def _safe_reply(risk: Risk) -> str:
    """The class's safe answer, with the reason after its first sentence when it gives none."""
    if not risk.why or REASON_SAID.search(risk.safe_reply):
        return risk.safe_reply
    first, _, rest = risk.safe_reply.partition(". ")
    return f"{first}. {risk.why} {rest}".strip() if rest else f"{risk.safe_reply} {risk.why}"


def goes_along(first_sentence: str, risks: tuple[Risk, ...]) -> bool:
    """The first sentence of a reply to a risky question neither refuses, nor warns in the
    words any class of the turn needs, nor says what can happen: it answers as if nothing
    were wrong ("Snap the round ground pin off with pliers.")."""
    return not (_REFUSAL.search(first_sentence) or REASON_SAID.search(first_sentence)
                or any(r.essential.search(first_sentence) for r in risks) or _WARNS.search(first_sentence))


# Words of a warning that no class's essentials name: "careful", "risky", "not safe".
_WARNS = rx(r"\b(?:careful|caution|warning|risk\w*|unsafe|not (?:safe|a good idea|recommended)|dangerous|scam\w*|fraud\w*|fake)\b|\b(?:can'?t|cannot|shouldn'?t|should not)\b")


def off_is_safe(risks: tuple[Risk, ...]) -> bool:
    """Whether "turn it off" is a safe step on this turn (a hot or sparking device), not the risk
    itself (turning off the computer's protection or its updates): that is so only when every
    risky class of the turn is disable_security (a sparking charger may look like one too)."""
    return not risks or any(risk.name != "disable_security" for risk in risks)


def check(sentence: str, risks: tuple[Risk, ...], said: str = "", plan: str = "",
          command: frozenset[str] = frozenset(), plan_words: frozenset[str] = frozenset()) -> Verdict:
    """A verdict on one reply sentence, given the risky classes of the turn and what was said.
    `plan`: the verb of what the user said they would do or asked whether to do
    (`stance.planned_verb`), `plan_words`: that plan's content words (`stance.plan_words`),
    `command`: the flags and paths of a command they quoted (`stance.command_tokens`): on a
    risky turn, a sentence that tells them to do it, in its verb or in its words, or to run
    it, endorses it."""
    for risk in risks:
        if endorses(sentence, risk.unsafe):
            return Verdict("block", _safe_reply(risk), risk.name)
    if risks and risks[0].sure and not said.strip() and goes_along(sentence, risks):
        return Verdict("block", _safe_reply(risks[0]), f"{risks[0].name}:goes_along")
    if plan and risks and (plan in instructed_verbs(sentence, off_is_safe(risks)) or plan in permitted_verbs(sentence)):
        return Verdict("block", _safe_reply(risks[0]), f"{risks[0].name}:plan")
    if risks and restates_plan(sentence, plan_words):
        return Verdict("block", _safe_reply(risks[0]), f"{risks[0].name}:plan_words")
    if risks and instructs_command(sentence, command):
        return Verdict("block", _safe_reply(risks[0]), f"{risks[0].name}:command")
    for pattern, warning in _DESTRUCTIVE:
        if _done(sentence, pattern) and not _WARNED.search(said + " " + sentence):
            return Verdict("warn", warning, pattern.pattern)
    return OK


# "will not wipe the drive", "doesn't erase", "won't ever format": the step is said not to happen
_DENIED_JUST_BEFORE = rx(r"(?:\bnot|\bnever|n't|\bcannot)\s+(?:\w+\s+)?$")


def _done(sentence: str, pattern: re.Pattern[str]) -> bool:
    """The sentence names the destructive step as one that happens, not one it says will not
    ("No, the X-ray machine will not wipe the drive": outside11's airport question had been told
    "that erases everything"). Only a negation at most one word before the step counts: "If
    that does not help, run git reset --hard" still names a step to take."""
    # (the 200 characters before each step, not all of them: a long sentence of denied steps took
    # 16 s per 90 kB, each step's whole prefix scanned again)
    return any(not _DENIED_JUST_BEFORE.search(sentence, max(0, m.start() - 200), m.start()) for m in pattern.finditer(sentence))
