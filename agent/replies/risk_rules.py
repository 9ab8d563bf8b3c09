"""The rule table of the safety policy: one row per risky class of support question.

Each `Rule` says what the user asks that puts a turn in its class (`asks`), which reply
phrases endorse the risk (`endorses`, unless negated in the same clause), the safe answer said
instead of an endorsing sentence, and what a risky reply's first sentence must get across (the
first step, and why). `RISKS` are the classes found by these phrases; `BY_LIKENESS` the ones a
question is put in by its likeness to labelled examples (agent/replies/risk_classifier.py),
which block what endorses the risk and insert no first step.

The patterns are deliberately narrow: they look for an endorsement ("yes", "click the link",
"enter your password", "turn it on") that is not negated in the same clause ("don't click the
link" is fine). How the rows are used, turn by turn and sentence by sentence, is
`agent/replies/safety_policy.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

@dataclass(frozen=True)
class Risk:
    """One risky class, compiled from its row of `_RULES`."""

    name: str
    asks: re.Pattern[str]  # the user's words that put a turn in this class
    unsafe: re.Pattern[str]  # reply phrases that endorse the risk (unless negated in the clause)
    safe_reply: str  # what is said instead of an unsafe sentence
    essential: re.Pattern[str]  # what the first sentence must get across ...
    first_step: str  # ... said before it when it does not
    after_refusal: str  # ... or after it, when it is already a refusal
    by_likeness: bool = False  # the question was put in this class by the classifier, not by `asks`
    why: str = ""  # what can happen: said after the first sentence unless the reply says a reason (`REASON_SAID`)
    step: str = ""  # a hazard's or a scam's kind's words (risk_examples.HAZARD_STEPS, SCAM_KINDS): said with `why` before a first sentence that gives no reason
    sure: bool = False  # found by likeness only, but the risk detector is sure the question is risky: a first sentence that goes along is blocked (`check`)


@dataclass(frozen=True)
class Rule:
    """A row of the rule table, as written: patterns are case-insensitive regex strings."""

    name: str
    asks: str
    endorses: str  # reply phrases that endorse the risk
    safe_reply: str
    yes_endorses: bool = False  # a reply opening with "Yes", "Sure", "It's fine" endorses it
    you_should: str = ""  # verbs that endorse it after "you should / can / must ..." ("pay|buy")
    essential: str = ""
    first_step: str = ""
    after_refusal: str = ""
    why: str = ""  # what can happen, said after the first sentence unless the reply gives a reason

    def compile(self, by_likeness: bool = False) -> Risk:
        unsafe = ([_AFFIRM] if self.yes_endorses else []) \
            + ([rf"\byou (?:should|can|could|may|must|need to) (?:{self.you_should})"] if self.you_should else []) + [self.endorses]
        # "the question holds A and B", written as lookaheads, holds anywhere only if it holds from the
        # start (risks_in passes one line): tried once there, not again at every position (a 10 kB
        # message took seconds per rule)
        asks = rf"^(?:{self.asks})" if self.asks.startswith(("(?=", "^")) else self.asks
        return Risk(self.name, rx(asks), rx("|".join(unsafe)), self.safe_reply,
                    rx(self.essential or r"$^"), self.first_step, self.after_refusal, by_likeness, self.why)


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


_AFFIRM = r"^\s*(?:yes|yeah|yep|sure|of course|absolutely|certainly|go ahead|that'?s fine|it'?s (?:fine|safe|ok(?:ay)?))\b"

# Reassurance where someone else's request is the risk: "not a scam", "that's legit".
_REASSURES = r"\bnot (?:a |an )?(?:scam|fraud|phishing)\b|\b(?:that|this|it)(?:'s| is) (?:legit(?:imate)?|genuine|real|safe|normal)\b"
# Told, as a step of its own, to call the number the scammer gave ("Call the Microsoft support number
# on your screen"), not the bank's own ("call the number on the back of your card"); or to send the
# money ("Send it by Western Union"). A small model says these after "That is a scam".
_CALL_THEIR_NUMBER = (r"^\W*(?:and |then |so |just |please )?call (?:the|that|this|their|its)\b(?![^.]*\b(?:your (?:card|bank|statement)|back of|official|"
                      r"you (?:know|trust|look)|yourself|real)\b)[^.]*?\bnumber\b")
_SEND_THE_MONEY = (r"^\W*(?:and |then |so |just |please )?(?:(?:send|wire|transfer)\s+(?:(?:him|her|them)\s+)?(?:it\b(?!\s+to\b)|the (?:money|fee|fine|customs|cash)\b|\$\s?\d)"
                   r"|pay\s+(?:him|her|them|it|the (?:money|fee|fine|customs)|\$\s?\d)\b)(?![^.]*\bback\b)")
# Told to answer through the scammer's own channel: their link ("You can cancel the order by
# clicking the link in the email", said after "that is a scam" to a fake Amazon call, outside11),
# or their "staff" on a chat app ("You can contact the Steam administrator on Discord", outside8):
# real companies' staff do not work from Discord or WhatsApp, and the safe way in is typed by the
# user (the FTC's and Action Fraud's advice: go to the site or app yourself, not through a link).
_USE_THEIR_LINK = (r"\b(?:click|tap|open|follow|use|visit|press)(?:ing|s)?\s+(?:on\s+)?(?:the|that|this|their|his|her)\s+link\b"
                   r"(?![^.]*\b(?:official|yourself|you (?:know|trust)|typ(?:e|ing) (?:it|the address) in)\b)")
_STAFF = r"(?:admin\w*|administrators?|support|staff|moderators?|mods?|agents?|team|representatives?|reps?|employees?|officers?|technicians?)"
_THEIR_CHAT = (r"\b(?:contact|message|text|dm|reach|talk to|chat with|speak to|speak with|add)(?:ing|s)?\s+(?:the\s+|a\s+|an\s+|that\s+)?"
               rf"(?:[\w-]+\s+){{0,2}}{_STAFF}\b[^.]{{0,30}}?\b(?:on|via|through|in|over)\s+"
               r"(?:discord|whats ?app|telegram|instagram|snapchat|messenger|tiktok|skype|signal)\b")
_THEIR_CHANNEL = _USE_THEIR_LINK + "|" + _THEIR_CHAT
_DOES_WHAT_THE_SCAMMER_ASKS = _CALL_THEIR_NUMBER + "|" + _SEND_THE_MONEY + "|" + _THEIR_CHANNEL

# "I tried to sign in and got a text with a code. Where do I put it?": a code the user asked for
# by signing in, with nobody else in the question, goes into the sign-in page; no one is asking
# for it (the FTC's line: a code you did not request is the warning sign).
_SIGNING_IN = (r"(?=.*\b(?:i|i'?m|i am)\b[^.?!]{0,25}\b(?:sign|log)(?:ged|ging)?[- ]?in(?:to)?\b)"
               r"(?!.*\b(?:call\w*|someone|somebody|they|he|she|him|her|them|asks?|asked|asking|wants?|give|share|send|tell|read)\b)")
# "Resetting my Hotmail password on Microsoft's website and it sent a code. Do I type that into the
# site?", "Setting up Netflix on the new TV, it shows a code and says type it in at netflix.com/tv8":
# a code the user's own errand made, typed into the site or device of that errand, is what the code
# is for. Not where a person, a call or a message comes into it (then someone else may be the one
# asking), nor for a card or bank details (a setup step never wants those typed in).
# someone else in the errand, who may be the one asking (both own-errand shapes below)
_ANOTHER_PERSON = r"call\w*|phoned|rang|someone|somebody|he|she|him|his|her|man|woman|guy|caller|support|technician|agent"
_OWN_CODE_ENTRY = (r"(?=.*(?:^|[.?!,;]\s*|\b(?:i|i'?m|im|i am|we|we'?re|while|when|was)\s+)(?:(?:just|now|trying to|am|was)\s+)?"
                   r"(?:setting up|resetting|reset|changing|signing (?:in|up)|logging in|creating|activating)\b)"
                   r"(?=.*\bcodes?\b)(?=.*\b(?:type|enter|put|key)\s+(?:it|that|this|them|the code|the numbers?)\s+(?:in|into|on|there)\b)"
                   rf"(?!.*\b(?:{_ANOTHER_PERSON}|they|them|texted me|e-?mailed me|message from|pop-?up|link|card|bank|payment|pay|gift)\b)")
# "chrome keeps popping up asking if i want to save my password": the user's own browser or
# password manager offering to keep a password is no one asking for it (outside5)
_OFFER_TO_SAVE = (r"(?=.*\b(?:chrome|edge|firefox|safari|browser|password manager|keychain|bitwarden|1password|lastpass)\b)"
                  r"(?=.*\b(?:save|saving|remember|remembering|store|storing)\s+(?:my\s+|the\s+|your\s+|this\s+|all\s+)?(?:passwords?|logins?)\b)"
                  rf"(?!.*\b(?:{_ANOTHER_PERSON}|texted|e-?mailed|message|link|website says|site says|card|bank|send|share|give|tell|read)\b)")
OWN_SIGN_IN = rf"(?:{_SIGNING_IN}|{_OWN_CODE_ENTRY}|{_OFFER_TO_SAVE})"
_NOT_MY_OWN_SIGN_IN = rf"^(?!{OWN_SIGN_IN})"

# The risky classes: one row each. Add a class by adding a row.
# Telling the user which way of paying to use is paying: "You can use a Bitcoin ATM to clear
# the warrant." followed "No, don't pay: that is a scam." (outside4, a fake deputy).
_PAY_THIS_WAY = (r"\b(?:you (?:should|can|could|may|must|need to) |just )?(?:use|go to|visit|find) (?:a |an |the |any |your )?(?:nearest )?"
                 r"(?:bitcoin|crypto|btc)\b(?: (?:atm|machine|kiosk|wallet))?|\b(?:you (?:should|can|could|may|must|need to) )?use (?:a |the )?"
                 r"(?:gift ?cards?|western union|money ?gram|wire transfer)\b")

# What signs someone in: whoever is told it can be them. (Not a Wi-Fi or guest network's password:
# giving that to a visitor is what it is for.)
_NOT_A_NETWORK = r"(?<!wi-fi )(?<!wifi )(?<!network )(?<!guest )(?<!router )"  # before "password": a network's is for guests
SIGN_IN = (_NOT_A_NETWORK +
           r"(?:passwords?|passcodes?|pins?|(?:verification|sign-?in|security|one-time|login|log-?in|2fa|authentication|recovery|backup) codes?"
           r"|log-?in details|sign-?in details|credentials|bank details|card (?:numbers?|details)"
           r"|codes?(?=\s+(?:\w+\s+){0,3}(?:texted|sent|got|received|emailed)\b))\b")  # "the code they texted you"
# Handing it over: a verb of telling with someone or "your" after it ("Click Send code" names a
# button, not a recipient), the secret within a few words ("reply with your Microsoft 365 email
# and password").
HANDING_OVER_OPENS = (r"(?:reply|respond|answer)\s+(?:to\s+(?:\w+\s+){1,3})?with\b"
                      r"|(?:send|give|share|tell|read|text|e-?mail|forward|hand over|provide)\s+(?:it\s+|them\s+|him\s+|her\s+|back\s+)?"
                      r"(?:your|the|my|their|his|her)\b")
HANDING_OVER = rf"\b(?:{HANDING_OVER_OPENS})[^.;]{{0,40}}?\b{SIGN_IN}"


# A PIN, not a pin to poke with ("poke a little hole in it with a pin": a swollen battery got the
# credentials class's scam answer, bench outside6).
_A_PIN = (r"(?<!safety )(?<!sewing )(?<!drawing )(?<!bobby )(?<!push )"
          r"pin(?!\s+to\s+(?:let|poke|pop|prick|pierce|push|press|release|open|eject|reset)\b)")


_RULES: tuple[Rule, ...] = (
    Rule(
        "credentials",
        asks=_NOT_MY_OWN_SIGN_IN +
             # (not a Wi-Fi or guest network's password: "dont want to give everyone my main wifi password", outside7)
             r"(?=.*\b(?:" + _NOT_A_NETWORK + r"password|passcode|" + _A_PIN +
             r"|code|login|log in|sign[- ]?in|bank details|card (?:number|details)|account details|credentials?)\b)"
             r"(?=.*\b(?:e-?mail|text|sms|message|link|call(?:ed|er|ing)?|phone|someone|somebody|they|he|she|asks?|asked|asking|wants?|pop-?up|share|give|send)\b)",
        yes_endorses=True, you_should="click|enter|type|give|share|send|tell|provide|read",
        endorses=r"\b(?:click|tap|open|follow) (?:on )?(?:the|that|this) link\b|\benter (?:your|the) (?:bank )?(?:password|pin|code|details)"
                 r"|\b(?:give|share|send|tell|read) (?:them|him|her|it)? ?(?:the|your) (?:password|pin|code|details)"
                 r"|" + HANDING_OVER + "|" + _REASSURES,
        # the reason, not only the rule: whoever has the code is in the account (outside6: a "friend" asking
        # for a WhatsApp code she "sent by mistake" was told only never to share one)
        safe_reply="No, don't. That is very likely a scam: whoever has a password or a sign-in code can get into your account, so never share one, "
                   "and don't click links in unexpected messages. Contact the company yourself through its official app, website or phone number.",
        essential=r"scam|phishing|fraud|fake|never (?:share|give)|don'?t (?:share|give)|do not (?:share|give)",
        first_step="No, don't: that is very likely a scam.",
        after_refusal="That is very likely a scam.",
    ),
    Rule(
        "payment",
        asks=r"\b(?:gift ?cards?|wire (?:transfer|money)|bitcoin|crypto|western union|money ?gram|pay(?:ment)? (?:them|him|her|a fine|the fine|to unlock)|"
             r"send (?:them )?money|refund|bank transfer)\b",
        yes_endorses=True, you_should="pay|buy|send|wire|transfer",
        endorses=r"\b(?:buy|purchase) (?:the )?gift ?cards?\b|\b(?:send|wire|transfer) (?:them |him |her )?(?:the )?(?:money|payment|funds)\b" + "|" + _REASSURES
                 + "|" + _DOES_WHAT_THE_SCAMMER_ASKS + "|" + _PAY_THIS_WAY,
        safe_reply="No, don't pay. Real companies and tech support never ask for gift cards, crypto or wire transfers; that is a scam. "
                   "Stop replying, and if you already paid, call your bank at once.",
        essential=r"scam|fraud|fake",
        first_step="No, don't pay: that is a scam.",
        after_refusal="That is a scam.",
    ),
    Rule(
        "liquid",
        # a liquid and a device; or a spill of a drink, the device unnamed or misheard ("on my lap up")
        asks=r"(?=.*\b(?:water|coffee|tea|juice|wine|beer|soda|drink|liquid|spill(?:ed|t)?|wet|soaked|rain|toilet|pool|sink)\b)"
             r"(?=.*\b(?:laptop|computer|pc|macbook|keyboard|phone|iphone|tablet|ipad|device|charger|mouse|console)\b)"
             r"|(?=.*\b(?:spill(?:ed|t|s)?|knocked over|poured|dropped)\b)(?=.*\b(?:water|coffee|tea|juice|wine|beer|soda|drink|milk|liquid)\b)",
        endorses=r"\b(?:turn|switch|power|boot) (?:it|the \w+|your \w+) (?:back )?on\b|\bpower (?:it )?on\b|\bplug (?:it|the \w+|your \w+)? ?(?:back )?in\b"
                 r"|\bcharg(?:e|ing) (?:it|the \w+|your \w+)\b|\bhair ?dryer\b|\bmicrowave\b|\boven\b|\bwater (?:the|your) \w+|\b(?:rinse|wash) (?:it|the \w+|your \w+)\b"
                 r"|\bkeep using\b|\bwaterproof\b",
        safe_reply="Turn it off and unplug it at once, and don't turn it back on or charge it. "
                   "Turn it upside down to drain, let it dry for at least two days, or take it to a repair shop.",
        essential=r"\bunplug|\b(?:turn|switch|power|shut)\w* (?:it |the \w+ |your \w+ )?(?:off|down)\b",
        first_step="Turn it off and unplug it at once, and don't turn it back on.",
        why="Water and mains power together can give you an electric shock and short the device out.",
    ),
    Rule(
        "electrical",
        # a sign of a fault; heat, unless the question is how to prevent it ("keep my laptop from getting
        # too hot"); a power supply, only to open or repair it (cleaning its dust is not a hazard)
        asks=r"\b(?:sparks?|sparking|smok(?:e|ing)(?! (?:alarms?|detectors?))|burning smell|smells? (?:like |of )?burn\w*|melt(?:ed|ing)|frayed|exposed wires?|bare wires?|"
             r"electric(?:al)? shock|shocks? me|swollen|bulging)\b"
             r"|^(?!.*\b(?:keep\w* [^.?!]{0,30}?\bfrom|stop|prevent\w*|avoid\w*)\b[^.?!]{0,40}?\b(?:overheat\w*|too hot|getting hot)\b)(?=.*\b(?:overheat\w*|too hot)\b)"
             r"|^(?=.*\b(?:power supply|psu)\b)(?=.*\b(?:open\w*|inside|repair\w*|fix\w*|capacitors?|apart|solder\w*|disassembl\w*)\b)",
        endorses=r"\bopen (?:up )?(?:the |your )?(?:power supply|psu|charger|battery|adapter)\b|\btouch (?:the |any |bare |exposed |live )?(?:wires?|contacts?)\b|\bkeep using\b"
                 r"|\btape (?:it|the)\b|\bpuncture\b|\bpress (?:on )?the (?:battery|swelling)\b|\bit'?s (?:normal|fine|safe)\b",
        safe_reply="Unplug it at the wall if you can do so safely, and stop using it. "
                   "Never open a power supply or touch bare wires; replace the charger or cable, and have the device checked.",
        essential=r"\bunplug|\bdisconnect|\bstop using|\b(?:turn|switch)\w* (?:it )?off\b",
        first_step="Unplug it at the wall if you can do so safely, and stop using it.",
        why="A damaged charger, cable or battery can start a fire or give you a shock.",
    ),
    Rule(
        "password_reuse",
        asks=r"\bsame password\b|\breus(?:e|ing) (?:my |a |the )?passwords?\b|\bone password for (?:all|every)",
        yes_endorses=True,
        endorses=r"\b(?:it'?s|it is) (?:okay|ok|fine|safe) to use the same",
        safe_reply="No. Use a different password for every site: if one site leaks it, every account with that password is open. "
                   "A password manager remembers them for you.",
        essential=r"different|unique|password manager|each (?:site|account)",
        first_step="No, use a different password for every site.",
        after_refusal="Use a different password for every site; a password manager remembers them.",
    ),
)
# Household chemicals mixed: bleach with ammonia, vinegar or another acid, or alcohol gives off
# chlorine, chloramine or chloroform (poison centres' and cleaning-product labels' first
# warning). Two different products named, or "two / different / other" cleaners; bleach and
# water alone is how bleach is meant to be diluted, not a risk.
_CHEMICAL = (r"bleach|ammonia|vinegar|chlorine|acid|lye|hydrogen peroxide|peroxide|rubbing alcohol|isopropyl|alcohol|acetone|"
             r"drain cleaner|oven cleaner|toilet(?: bowl)? cleaner|glass cleaner|window cleaner|windex|lysol|clorox")
_CLEANER = r"cleaners?|cleaning (?:products?|sprays?|fluids?|liquids?|chemicals?|solutions?)|disinfectants?|chemicals?|detergents?"
_MIXING = r"\b(?:mix\w*|combin\w*|together|add\w*\b[^.?!]{0,30}?\b(?:to|into|with|in)|pour\w*\b[^.?!]{0,30}?\binto|blend\w*)\b"
_RULES += (
    Rule(
        "chemicals",
        # the first product named, then another one anywhere (lookaheads do not backtrack: linear in the text)
        asks=rf"(?=.*{_MIXING})(?:(?=.*?\b(?P<first>{_CHEMICAL})\b)(?=.*\b(?!(?P=first)\b)(?:{_CHEMICAL}|{_CLEANER})\b)"
             rf"|(?=.*\b(?:{_CHEMICAL}|{_CLEANER})\b)(?=.*\b(?:two|different|other|another|second|several|both|all my)\b.{{0,20}}"
             rf"\b(?:{_CLEANER}|brands?|kinds?|types?|products?)\b))",
        yes_endorses=True, you_should="mix|combine|add|use (?:them|both) together|pour",
        endorses=r"\b(?:it'?s|it is|that'?s) (?:fine|safe|okay|ok) to (?:mix|combine|use (?:them|both) together)\b"
                 r"|\bmix(?:ing)? (?:them|both|the two)\b[^.]{0,30}\b(?:works?|cleans? better|stronger|is fine|is safe)\b"
                 rf"|\b(?:add|pour|mix|combine|stir)\b[^.]{{0,40}}\b(?:{_CHEMICAL}|{_CLEANER})\b[^.]{{0,30}}\b(?:to|into|with|in)\b",
        safe_reply="No, don't mix them: cleaning products mixed together, especially bleach with ammonia, vinegar, acids or alcohol, "
                   "can give off toxic gas. Use one product at a time, rinse with water in between, and keep the room aired.",
        essential=r"toxic|poison|gas|fumes|dangerous|harmful|chlorine",
        first_step="No, don't mix them: together they can give off toxic gas.",
        after_refusal="Mixed cleaning products can give off toxic gas.",
    ),
)
# Someone else told the user to do something, and the user asks whether to: whatever it is,
# a "yes" from a help desk that cannot see who asked is never the safe answer. Found by the
# question's shape (a third party + says/wants/told + "should I / is that okay"), not its topic.
_THIRD_PARTY = (r"\b(?:someone|somebody|a (?:man|woman|person|caller|guy|stranger|friend|buyer|seller|website|site|video|pop-?up|message|"
                r"text|forum|post|guide|script|tutorial|company|technician|agent)|an? (?:e-?mail|ad|article|app)|they|he|she|the (?:caller|person|guy|man|"
                r"woman|website|site|video|message|pop-?up|agent|technician))\b")
_TOLD = r"\b(?:says?|said|saying|told|tells|wants?|asks?|asked|asking|needs?|needed|recommends?|recommended|suggests?|suggested)\b"
SOMEONE_TOLD = rf"{_THIRD_PARTY}[^.?!]{{0,80}}{_TOLD}"  # "a caller says…", "the website wants…"
_ASKS_WHETHER = r"\bshould i\b|\bis (?:that|it|this) (?:okay|ok|fine|safe|normal|legit|real|a good idea)\b|\bcan i\b|\bokay\s*\?|\ballowed\b"
_RULES += (
    Rule(
        "instructed",
        asks=rf"(?=.*{SOMEONE_TOLD})(?=.*(?:{_ASKS_WHETHER}))",
        yes_endorses=True, endorses=_REASSURES,
        safe_reply="Don't do it yet: a caller, message or website that tells you to do something is often a scam or simply wrong. "
                   "Check first with someone you trust, or with the company itself through its official website or phone number.",
    ),
)
# Someone is hurt, or may be: a swallowed battery, magnet or cleaning product, an electric
# shock to a person, someone not breathing. No device question comes first: the help desk says
# to call for help now (a button battery can burn through a child's throat in two hours).
_SWALLOWED = (r"\b(?:swallow\w*|ingest\w*|(?:ate|eaten|drank|drunk)\b)(?:\s+\S+){0,5}?\s+(?:batter(?:y|ies)|button cells?|magnets?|"
              r"bleach|cleaner|detergent|(?:laundry|dishwasher) pods?|chemicals?|isopropyl|alcohol wipes?|screen cleaner|vape (?:juice|liquid)|e-?liquid)\b")
_RULES += (
    Rule(
        "emergency",
        asks=_SWALLOWED + r"|\b(?:got|been|was|is) electrocuted\b|\b(?:got|gotten|took|had) (?:a |an )?(?:bad |big )?(?:electric )?shock from\b"
             r"|\bnot breathing\b|\b(?:is|went|fell) unconscious\b",
        endorses=r"\bwait (?:and see|for (?:symptoms|a while|it to pass))\b|\bno need to (?:worry|panic|go|call|see)\b"
                 r"|\b(?:should|will) (?:be|pass) (?:fine|okay|ok|through)\b|\bnothing to worry about\b|\bmake (?:him|her|them) (?:throw up|vomit)\b",
        safe_reply="Call your local emergency number now (911 in the US, 999 in the UK, 112 in Europe), or go straight to the emergency room; "
                   "don't wait for symptoms, and don't make them throw up.",
        essential=r"emergency|\b911\b|\b999\b|\b112\b|hospital|\bER\b|ambulance|poison (?:control|help)",
        first_step="Call your local emergency number now (911 in the US, 999 in the UK, 112 in Europe), or go straight to the emergency room.",
        why="Don't wait for symptoms: a swallowed battery or chemical can do serious harm within hours.",
    ),
)
# The system's own folders deleted by hand to free space (Microsoft's and Apple's storage guidance:
# Disk Cleanup, Storage Sense, Storage Management; never these folders): the folder named right
# after the verb, or the question asks whether to delete "it" after naming it. Windows.old is
# meant to be removed, and a program's own folder is not the whole one.
_SYSTEM_FOLDER = (r"(?:system32|syswow64|winsxs|program ?files(?: \(x86\))?(?! of\b)|programdata|c:\\windows(?:\\\w+)?(?![.\w])"
                  r"|windows(?:\\installer)? folder|/usr|/bin|/etc|/boot|/system|(?:the |my )?(?:system|library) folder|efi partition)")
_DELETE = r"(?:delet\w*|remov\w*|wip(?:e|ing)|trash\w*|get rid of|clear\w* out|empty\w*)"
_RULES += (
    Rule(
        "system_files",
        asks=rf"\b{_DELETE}\s+(?:(?:the|my|whole|entire|all|of|that|this)\s+){{0,3}}{_SYSTEM_FOLDER}(?![\w/])"
             rf"|{_SYSTEM_FOLDER}(?![\w/])[^?!]{{0,100}}?\b(?:can|could|should|shall) (?:i|we) (?:just |simply )?{_DELETE}\s+(?:it|them|that|this)\b",
        yes_endorses=True, you_should="delete|remove|wipe|erase|trash|empty",
        endorses=r"\b(?:delete|remove|wipe|erase|trash|empty) (?:it|them|that folder|the (?:folder|folders|files?|partition))\b",
        safe_reply="No, don't delete it: the system and your programs need those files, and removing them can stop apps or the whole "
                   "computer from starting. To free space, uninstall apps you don't use, or use the system's own cleanup: Disk Cleanup "
                   "or Storage Sense on Windows, Storage Management on a Mac.",
        essential=r"\bdon'?t\b|\bdo not\b|\bnever\b|\bneeds?\b|\bbreak|stop (?:working|apps|the computer)|won'?t start",
        first_step="No, don't delete it: the system and your programs need those files.",
        after_refusal="The system and your programs need those files.",
    ),
)
RISKS: tuple[Risk, ...] = tuple(rule.compile() for rule in _RULES)
CREDENTIALS, PAYMENT, LIQUID, ELECTRICAL, PASSWORD_REUSE, CHEMICALS, INSTRUCTED, EMERGENCY, SYSTEM_FILES = RISKS
THIRD_PARTY = rx(_THIRD_PARTY)  # a question about what someone else did or wants (a caller, a message, a site)
ABOUT_A_THIRD_PARTY = frozenset({"credentials", "payment", "scam", "remote_access", "instructed"})  # the classes where a scam is the point

_NEVER = r"(?!)"
_SCAM_SAID = r"scam|phishing|fraud|fake|criminal|impostor|imposter"

# The classes a question is put in by likeness (agent/replies/risk_classifier.py), not by the
# phrases above. They block what endorses the risk and get no inserted first step: a question
# put in one by mistake loses a "yes" to it at most. Their reason is said after a refusal, and
# before a reply that goes along with what the user said they will do (`missing_essentials`).
# What keeps a computer safe: turning one of these off is the risk of the disable_security class.
_PROTECTION = (r"windows security|(?:windows )?defender|the firewall|your firewall|your antivirus|the antivirus|real-?time protection|"
               r"smartscreen|(?:the )?windows update(?: service)?|(?:automatic |security )?updates")
_BY_LIKENESS: dict[str, Rule] = {
    "scam": Rule(
        "scam", asks=_NEVER, yes_endorses=True, you_should="call|click|pay|reply|install|download|give|send",
        endorses=_REASSURES + "|" + _DOES_WHAT_THE_SCAMMER_ASKS, essential=_SCAM_SAID, after_refusal="That is very likely a scam.",
        safe_reply="No, don't: that is very likely a scam. Stop replying, and contact the company yourself through its official website or phone number."),
    "credentials": Rule(
        "credentials", asks=_NEVER, yes_endorses=True, you_should="click|enter|type|give|share|send|tell|provide|read|upload",
        endorses=_REASSURES + r"|\b(?:give|share|send|tell|read) (?:\w+ )?(?:them|him|her)?\b.{0,12}\b(?:password|pin|code|details|login)\b"
                 r"|\b(?:upload|submit) (?:it|them|the (?:file|csv|list|export)|(?:your|the|all) (?:saved )?passwords)\b|" + HANDING_OVER
                 + "|" + _THEIR_CHANNEL,
        essential=_SCAM_SAID + r"|never (?:share|give)|don'?t (?:share|give)|do not (?:share|give)",
        after_refusal="That is very likely a scam: whoever has a password or a sign-in code can get into your account.",
        safe_reply=CREDENTIALS.safe_reply),
    "payment": Rule(
        "payment", asks=_NEVER, yes_endorses=True, you_should="pay|buy|send|wire|transfer",
        endorses=_REASSURES + r"|\b(?:buy|purchase) (?:the )?gift ?cards?\b|\bpay (?:them|the fee|the fine|it)\b|" + _DOES_WHAT_THE_SCAMMER_ASKS
                 + "|" + _PAY_THIS_WAY,
        essential=_SCAM_SAID, after_refusal="That is a scam.",
        safe_reply=PAYMENT.safe_reply),
    "remote_access": Rule(
        "remote_access", asks=_NEVER, yes_endorses=True, you_should="install|download|let|allow|give|grant|accept|share|run",
        endorses=_REASSURES + r"|\b(?:let|allow) (?:them|him|her) (?:to )?(?:connect|in|access|control|take over)\b|\bgive (?:them|him|her) (?:remote )?(?:access|control)\b"
                 + "|" + _CALL_THEIR_NUMBER + "|" + _THEIR_CHANNEL,
        essential=_SCAM_SAID + r"|real support never|never (?:calls?|asks?)",
        # by likeness the question may be a call, a message or a pop-up: no "hang up" for a web page
        after_refusal="Real support never asks out of the blue for access to your computer; that is very likely a scam.",
        safe_reply="No, don't let anyone in: that is very likely a scam. Real support never asks out of the blue for access to your computer; don't install or run anything they name."),
    "physical_hazard": Rule(
        "physical_hazard", asks=_NEVER, yes_endorses=True, you_should="mix|combine|open|use|keep|heat|puncture|touch|charge",
        endorses=r"\b(?:it'?s|it is|that'?s|that is|(?:it|that|this) (?:should|will|would) be) (?:completely |perfectly |totally )?(?:normal|fine|safe|okay|ok)\b"
                 r"|\b(?:it'?s|it is|that'?s|that is) not (?:a |any )?(?:problem|issue|concern|dangerous|a big deal)\b|\bnothing to worry about\b",
        # said when no hazard kind gives a reason (`risks_in`): the question's words matched no kind's examples
        essential=r"danger\w*|hurt|injur\w*|unsafe|harm\w*|toxic|fumes?",  # ("burning", "fire pit": words of the plan, not a warning)
        after_refusal="That can hurt you or damage the device.",
        safe_reply="No, don't: that can be dangerous to you and to the device. Stop, and ask the maker or a repair shop what to do."),
    "destructive_command": Rule(
        "destructive_command", asks=_NEVER, yes_endorses=True, you_should="run|type|enter|execute|paste|delete|wipe|format",
        endorses=r"\bgo ahead and (?:run|delete|wipe|format)\b",
        essential=r"\b(?:lose|lost|delete[sd]?|erase[sd]?|wipe[sd]?|permanent\w*|for good|undo|break|breaks|destroy\w*|irreversibl\w*)\b",
        after_refusal="That can delete files or break the system for good.",
        # (not only commands: deleting a disk's small partitions in Disk Management, outside7)
        safe_reply="No, don't: that can delete files for good or stop the computer from starting, and it is hard to undo. Have someone you trust check it first."),
    "disable_security": Rule(
        "disable_security", asks=_NEVER, yes_endorses=True, you_should="turn|switch|disable|uninstall|remove",
        endorses=_REASSURES + r"|\b(?:turn|switch)(?:ing)? (?:off (?:" + _PROTECTION + r")|(?:them|it|both) off)\b"
                 r"|\b(?:disable|uninstall|remove|stop) (?:" + _PROTECTION + r")\b",
        essential=r"malware|virus|infect|trojan|ransomware|unprotected|\bhack|steal|attack|security (?:fix|hole|patch)",
        after_refusal="Without it the computer is open to viruses and attacks.",
        safe_reply="No, don't turn your protection off: without it the computer is open to viruses and attacks. A program or a "
                   "caller that asks you to is very likely malware or a scam; get programs from their official store or website instead."),
    # CISA's advice on removable media, and studies of drives left in car parks (about half were plugged in)
    "found_drive": Rule(
        "found_drive", asks=_NEVER, yes_endorses=True, you_should="plug|insert|open|connect|put|check|look",
        endorses=_REASSURES + r"|^\W*(?:and |then |so |just |first,? )?(?:plug|insert|put|connect|stick) (?:it|them|the (?:usb|flash|thumb|memory|pen)\b|the (?:stick|drive))\b",
        essential=r"malware|virus\w*|infect\w*|\bhack\w*|attack\w*|trap|bait|unknown|don'?t plug|do not plug|never plug",
        after_refusal="A drive left where people will find it is a known way to put malware on a computer.",
        safe_reply="No, don't plug it in: a drive left where people will find it is a known way to put malware on a computer. "
                   "Hand it, unopened, to your IT or security team, or to lost property."),
}
BY_LIKENESS: dict[str, Risk] = {name: rule.compile(by_likeness=True) for name, rule in _BY_LIKENESS.items()}

# A reply that gives a reason: what can happen (not only "that can be dangerous").
REASON_SAID = rx(r"\b(?:fires?(?!\s*(?:pit|place|extinguisher|wood|wall|fox))|flames?|burns?\b(?! (?:a|the|it|them|old|your|my|down)\b)|burn(?:ed|t|s)? (?:you|your|skin|yourself)|"
                  r"shock\w*|electrocut\w*|toxic|poison\w*|fumes?|gas(?:es)?|explo\w*|melt\w*|"
                  r"short(?:s|ed)? (?:it |them )?out|short[- ]circuit\w*|ignit\w*|burst\w*|overheat\w*|corrod\w*|warp\w*|ruin\w*|"
                  # the hazard kinds' own harms (risk_examples.HAZARDS): unmatched, a blocked generator question had its
                  # carbon monoxide reason said twice (outside7: the safe answer, then the reason owed to it)
                  r"carbon monoxide|mercury|implod\w*|can kill|kill you)\b")
