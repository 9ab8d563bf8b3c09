"""Advice that is unsafe whatever the user asked: the model proposing it unprompted.

`safety_policy` judges a reply against the risk the *question* carries. A small model also
volunteers a risky step on a turn that carried none: "Check your spam folder. If you don't see
any emails, try turning off two-step verification." (to "I think my email was hacked"),
"Yes, that's a good idea. Use duct tape to cover the vent" (to a noisy fan), "Forward port
3389 on your router" (to using a home PC from anywhere), "Run sudo spctl --master-disable".
Each row here is one kind of such advice, read off the reply sentence itself, with what is
said in its place. A clause that negates it first ("Don't turn off the firewall", "never
cover the vents") is not advice to do it (`safety_policy.endorses`).

`find(sentence)` names the advice a sentence gives, if any; `hold_from(text)` is where a
first sentence that is still streaming may be starting to give it, so that those words are
held until the sentence is whole and can be judged.

The user's own words may be such advice too ("I'm going to put duct tape over the vent", "the
readme says to run sudo spctl --master-disable, doing that now"). Then the reply opens with
what to do instead, in place of a first sentence that `agrees` ("Yes, that's a good idea."),
or right after one that `refuses` ("No, that's not a good idea.").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .risk_rules import HANDING_OVER, HANDING_OVER_OPENS
from .safety_policy import endorses

# An account's protection: turning it off lets in whoever has (or guesses) the password. (Not
# Find My: turning it off is the right step before selling or trading in a phone.)
_ACCOUNT = (r"(?:2|two)[- ]?(?:step|factor)(?: verification| authentication| sign[- ]?in)?|2fa|2sv|mfa|multi-?factor(?: authentication)?|"
            r"screen lock|(?:the |your )?passcode")
# The computer's own protection: turning it off lets in malware.
_DEVICE = (r"(?:the |your |an? )?anti-?virus(?: software| program| app)?|(?:the |your |windows )?firewall|(?:windows |microsoft )?defender|"
           r"windows security|real-?time protection|tamper protection|smartscreen|gatekeeper|system integrity protection|\bsip\b|"
           r"user account control|\buac\b|(?:disk |device )?encryption|filevault|bitlocker|(?:automatic |security )?updates|windows update|"
           r"(?:google )?play protect")
_OFF_VERB = r"(?:turn|switch|shut)(?:ing|ed|s)?"
_REMOVE_VERB = r"(?:disabl|deactivat|uninstall|remov)(?:e|es|ed|ing)"


def _turning_off(things: str) -> str:
    return (rf"\b{_OFF_VERB}\s+off\s+(?:the\s+|your\s+)?(?:{things})\b|\b{_OFF_VERB}\s+(?:the\s+|your\s+)?(?:{things})\s+off\b"
            rf"|\b{_REMOVE_VERB}\s+(?:the\s+|your\s+)?(?:{things})\b")


# Paying in what can't be got back or traced: "You need to top up $380 in USDT to finish the set"
# (the bundled 0.5B, to a task-job scam it did not recognise; bench outside6). Not a clause that
# tells of someone else's demand ("if they ask you to pay in gift cards, it's a scam").
_UNTRACEABLE = (r"usdt|tether|bitcoins?|btc|crypto\w*|ethereum|eth|gift ?cards?|itunes cards?|steam cards?|google play cards?|western union|"
                r"money ?gram|(?:a )?wire(?: transfer)?")
# A clause that negates paying or reports a demand is no advice to pay (both branches); the
# "pay in …" branch also leaves out who demands it and the other negations.
_NOT_ADVISED = r"if|when|scam\w*|fraud\w*|asks?|tells?|wants?|never|not|no|don['’]?t"
_PAID_UNTRACEABLY = (rf"^(?!.*\b(?:{_NOT_ADVISED}|whoever|anyone|someone|asking|telling|demand\w*|won['’]?t|can['’]?t|cannot)\b).*?"
                     r"\b(?:pay|paying|send|sending|top(?:ping)? up|transfer|transferring|deposit|depositing|wire|wiring)\b[^.;]{0,40}?"
                     rf"\b(?:in|with|by|using|via|through|as)\s+(?:an?\s+|the\s+|some\s+)?(?:{_UNTRACEABLE})\b"
                     rf"|^(?!.*\b(?:{_NOT_ADVISED})\b).*?\bbuy\b[^.;]{{0,20}}?\b(?:{_UNTRACEABLE})\b[^.;]{{0,20}}?\bto (?:pay|send|cover)\b")


@dataclass(frozen=True)
class UnsafeAdvice:
    """One kind of advice never given: how a reply sentence gives it, and what is said instead."""

    name: str
    gives: re.Pattern[str]
    instead: str  # said in place of the sentence (after "But " when something was said before it)
    covered_by: frozenset[str] = frozenset()  # risky classes (safety_policy) whose rules block it too, with their own safe reply


ADVICE: tuple[UnsafeAdvice, ...] = (
    UnsafeAdvice(
        "account_protection_off", re.compile(_turning_off(_ACCOUNT), re.I),
        "Don't turn that protection off: it is what keeps others out of your account, even when they have your password."),
    UnsafeAdvice(
        "device_protection_off",
        re.compile(_turning_off(_DEVICE) + r"|\bspctl\s+--master-disable\b|\bcsrutil\s+disable\b|\bSet-MpPreference\s+-Disable\w+"
                   r"|\bnetsh\s+advfirewall\s+set\s+\w+\s+state\s+off\b|\bufw\s+disable\b|\bsetenforce\s+0\b", re.I),
        # what the user wanted it off for (a game blocked, an installer stopped) done the safe way (outside6:
        # a Minecraft server's friends blocked by the firewall were told where to get programs)
        "Don't turn the device's protection off: without it, it is open to viruses and attacks. "
        "If it blocks one program you trust, allow just that program through it instead."),
    UnsafeAdvice(
        "remote_desktop_open_to_the_internet",
        re.compile(r"\bforward\w*\b[^.;]{0,40}?\bports?\s+(?:3389|5900|22|23|445)\b|\bports?\s+(?:3389|5900|23|445)\b[^.;]{0,30}?\b(?:forward|open)\w*"
                   r"|\bopen\w*\s+(?:up\s+)?(?:remote desktop|rdp|vnc|port\s+(?:3389|5900))\b[^.;]{0,20}?\bto the internet\b", re.I),
        "Don't open Remote Desktop to the internet: attackers scan for it day and night and guess their way in. "
        "Use a remote-access app with two-step sign-in, or a VPN, instead."),
    UnsafeAdvice(
        "vents_covered",
        re.compile(r"\b(?:tape|cover|block|seal|plug|stuff)(?:ing)?\b[^.;]{0,25}?\b(?:vents?|air ?(?:intakes?|holes?)|fan (?:holes?|grill\w*|openings?))\b", re.I),
        "Don't cover the vents: the fan needs them to cool the computer, and blocked vents make it overheat."),
    UnsafeAdvice(
        "paid_untraceably", re.compile(_PAID_UNTRACEABLY, re.I),
        "Don't pay anyone in crypto, gift cards or by wire: that money can't be got back, and it is how scams are paid.",
        covered_by=frozenset({"payment"})),
    UnsafeAdvice(
        "sign_in_handed_over", re.compile(HANDING_OVER, re.I),
        "Don't send your password or a sign-in code to anyone: no real company or IT team asks for it, and whoever has it can get into your account.",
        covered_by=frozenset({"credentials"})),
)

# Where a sentence may begin to give one of them: held while the first sentence streams, for at
# most `_WINDOW` words (the advice shows within them) and, after "turn off", only while the next
# word can begin a protection's name ("Turn off Wi-Fi" goes on at once).
_MAY_BEGIN = re.compile(rf"\b(?:(?=(?:{HANDING_OVER_OPENS}))\w+"
                        rf"|{_OFF_VERB}(?=\s)|{_REMOVE_VERB}|disable|spctl|csrutil|set-mppreference|netsh|ufw|setenforce|forward\w*|ports?(?=\s+\d)"
                        r"|open\w*(?=\s+(?:up|remote|rdp|vnc|ports?)\b)|(?:tape|cover|block|seal|stuff)\w*"
                        r"|pay\w*|top(?=\s+up)|transfer\w*|deposit\w*|wire\w*|buy|send(?=\s+(?:\$|£|€|\d|it\b|the money|them\b|him\b|her\b)))\b", re.I)
# The first word of each name in _ACCOUNT and _DEVICE (before a hyphen).
_PROTECTION_WORDS = frozenset("2 two 2fa 2sv mfa multi multifactor screen passcode anti antivirus firewall windows microsoft "
                              "defender real realtime tamper smartscreen gatekeeper system sip user uac disk device encryption "
                              "filevault bitlocker automatic security updates update google play".split())
_LEADING = frozenset({"off", "the", "your", "an", "a", "all"})
_WINDOW = 6


def find(sentence: str) -> UnsafeAdvice | None:
    """The unsafe advice a reply sentence gives, if any."""
    clauses = [c for c in re.split(r"[,;:]|\bbut\b|\band then\b|\bthen\b", sentence)
               if not _KEPT_CLEAR.search(c) and not _SAYS_WHAT_IT_DOES.search(c)]
    return next((a for a in ADVICE if any(endorses(c, a.gives) for c in clauses)), None)


# "Covering the vents makes the laptop overheat": the step as a subject, said of what it does, is
# a warning, not advice to take it.
_SAYS_WHAT_IT_DOES = re.compile(r"\b\w+ing\b[^.;]{0,40}?\b(?:makes?|causes?|can|could|will|would|may|leads? to|traps?|stops?|blocks?)\b"
                                r"[^.;]{0,40}\b(?:overheat\w*|damage\w*|harm\w*|hurt\w*|dangerous|risk\w*|fire|unsafe|open to|attack\w*|malware|virus\w*|hack\w*)", re.I)


# A sentence that agrees with what the user said ("Yes, that's a good idea.", "Sure, here's how").
_AGREES = re.compile(r"^\W*(?:yes|yeah|yep|sure|absolutely|of course|certainly|definitely|go ahead|good idea|great idea"
                     r"|(?:that'?s|that is|it'?s|it is|this is) (?:a |an )?(?:good|great|fine|smart|clever|sensible|excellent) (?:idea|plan|way|choice|move)"
                     r"|you can (?:do (?:that|it|so)|go ahead)\b)\b", re.I)


def agrees(sentence: str) -> bool:
    """The sentence opens by agreeing with the user (said to a plan that is unsafe advice, it endorses it)."""
    return bool(_AGREES.search(sentence))


_REFUSES = re.compile(r"^\W*(?:no|nope|don'?t|do not|never|please don'?t|i (?:wouldn'?t|would not)"
                      r"|(?:that'?s|that is|it'?s|it is) not (?:a |an )?(?:good|safe|smart|great))\b", re.I)


def refuses(sentence: str) -> bool:
    """The sentence opens by advising against what the user said ("No, that's not a good idea.")."""
    return bool(_REFUSES.search(sentence))


_KEPT_CLEAR = re.compile(r"\b(?:nothing|no one|nobody|clear of|free of)\b", re.I)  # "make sure nothing covers the vents"


def hold_from(text: str) -> int:
    """Where to stop passing on a first sentence still being written: the start of words that
    may begin unsafe advice (`_MAY_BEGIN`), while they may still turn into it; len(text) when
    nothing need be held."""
    for m in _MAY_BEGIN.finditer(text):
        after = text[m.start():]
        if find(after) is not None:
            return m.start()
        words = after.split()
        if len(words) > _WINDOW:
            continue
        if re.fullmatch(_OFF_VERB, m.group(0), re.I):
            nxt = [w.strip(".,;:!?\"'()").lower() for w in words[1:]]
            named = next((w.split("-")[0] for w in nxt[:-1] if w not in _LEADING), None)  # the last word may still be growing
            if named is not None and named not in _PROTECTION_WORDS:
                continue  # "Turn off Wi-Fi", "turn it off": no protection is named
        return m.start()
    return len(text)
