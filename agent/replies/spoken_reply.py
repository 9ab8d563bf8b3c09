"""The spoken-reply contract, enforced on the LLM's text as it streams.

`SpokenReplyGuard` sits between the LLM and the sentence chunker (`ResponseRun` feeds it every
text delta). What it guarantees, whatever the model writes:

* **Speech, not markup.** Markdown (bold, headings, list markers, code fences, backticks)
  becomes plain sentences: a list item is a sentence, a code line is spoken as it is.
* **Short.** About three sentences or `soft_words` words; the reply then ends with a spoken
  offer to go on ("Shall I go on?"). A sentence that would run past `max_words` is not said.
* **No loops.** A sentence that repeats an earlier one, or a run of five words said before,
  ends the reply there.
* **No reversals.** A sentence that allows what an earlier one warned against ("it is not
  safe to charge it overnight" ... "it is recommended to charge it at night") ends the
  reply there (`stance.py`).
* **No prompt leaks.** A sentence copied from a prompt example, when the user asked
  something else, is dropped (`example_copies.py`); so is a help desk note's label ("Help desk note for the next
  question:") opening the reply.
* **Grounded keys.** A key combination that differs from the help desk note's only in its
  modifiers is said as the note gives it (`reply_grounding.KeyGrounding`).
* **No unsure numbers as facts.** Asked for a year or a count, a sentence stating a number
  the model sampled with low probability, not given by the user or the note, becomes "I'm
  not sure of the exact year" (`unsure_numbers.py`).
* **A worked sum's answer.** Given a sum worked out as its note, the first sentence states
  its result, or the worked answer is said instead ("Yes, 3 PM in London is 8 PM in NY." to a
  note that said 10 AM; `worked_answer.py`).
* **No reflexive "No".** Asked leave for something harmless ("Can I use a paperclip for the
  SIM tray?"), the reply does not open with "No": the LLM gets a bias against it as the first
  word (`opening_bias`); on a risky turn it keeps its own opening.
* **Safe.** Each sentence passes `safety_policy.check`: an endorsement of a risk is replaced
  by the safe answer, minus what was said already (`safe_wording.py`); a destructive
  command gets its warning first. Advice that is unsafe
  whatever was asked (turning off two-step verification or the firewall, covering the vents)
  ends the reply with what to do instead (`unsafe_advice.py`).

Latency: the first sentence streams through as it comes (the first audio is not delayed),
except on a risky turn, a turn that asks for a number or has a worked sum, or while it matches
a prompt example word for word, when it is held until complete. Later sentences are held until complete, which costs nothing: the chunker
cuts later chunks at sentence ends anyway.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from . import platform_fit, risk_rules, safety_policy, unsafe_advice
from .markdown_speech import MarkdownToSpeech
from .example_copies import PromptExamples
from .reply_guard import ReplyGuard
from .reply_grounding import KeyGrounding
from .safe_wording import safe_wording
from .sentence_text import sentence_end, similarity, words_of
from .stance import asked_action, asks_leave, command_tokens, is_bare_refusal, plan_words, planned_verb, stances, states_a_plan, undoes_a_warning
from .unsure_numbers import UnsureNumbers
from .worked_answer import WorkedAnswer

OFFER = "Shall I go on?"
# Words a bare "No." can answer: a question, or a plan or request ("I'm going to...", "Let me...").
_ASKS_OR_PLANS = re.compile(
    r"\?|^\W*(?:should|can|could|may|might|must|shall|will|would|do|does|did|is|are|am|was|were|have|has|had|"
    r"what|why|how|when|where|who|which|whose|isn't|aren't|don't|doesn't|can't|won't|shouldn't)\b|"
    r"\b(?:i|we)(?:'m| am|'re| are)? (?:going to|gonna|about to|planning|thinking|want|wanna|will|'ll|need|have to|plan|"
    r"intend|try|trying)\b|\b(?:i'll|we'll|let me|let's|okay if|alright if|ok if|mind if|is it)\b|\bor not\b", re.I)
FALLBACK = "Sorry, I'm not sure about that one. Could you tell me a bit more?"
LOOP_NGRAM = 5
NO_OPENING_PENALTY = 4.0  # logits off "No" as a harmless yes/no question's first word: twice the widest "No" lead measured
YES_OPENING_PENALTY = 4.0  # logits off "Yes" to a plan that is unsafe advice (the same size: the model's first word is a coin toss)

def _cut_off(already: str) -> bool:
    """A first sentence passed on in part, without its end: what replaces the rest starts anew."""
    return bool(already) and not already.rstrip().endswith((".", "!", "?"))


_ASKS_IF_BAD = re.compile(r"\b(?:is|isn'?t|would|will|does|can) (?:it|that|this|doing that|\w+ing\b[^?]{0,40}?) (?:be )?(?:bad|dangerous|harmful|risky|unsafe|a bad idea|a problem|damage|hurt|harm)\b"
                          r"|\bwhy (?:is|would|does|shouldn'?t)\b", re.I)
_WELCOME = re.compile(r"^\W*(?:you'?re|you are) (?:very |most |so )?welcome\b", re.I)
_WELCOME_START = re.compile(r"^\W*(?:y|yo|you|you'|you'r|you'?re|you a|you ar|you are)?(?:\s+(?:v\w*|m\w*|s\w*|w\w*))?\s*$", re.I)  # a prefix of it
_CALLS_IT_A_SCAM = re.compile(r"\b(?:is|it'?s|that'?s|this is)\s+(?:\w+\s+){0,2}(?:a\s+)?(?:scam|phishing|fraud)\b", re.I)
# JSON, tool-call markup, or talk about calling a function: never meant to be heard.
_MACHINE_TEXT = re.compile(r"[{}\[]\s*\"|\"\w+\"\s*:|</?tool_call>|\b(?:call|use|run|invoke)\s+the\s+\S*_\w+\S*\s+(?:function|tool)", re.I)


class SpokenReplyGuard(ReplyGuard):
    """The spoken-reply contract for one response (see the module docstring)."""

    def __init__(
        self,
        *,
        voice: bool = True,
        max_words: int = 50,
        soft_words: int = 30,
        max_sentences: int = 3,
        offer: str = OFFER,
        examples: Sequence[tuple[str, str]] = (),
        note_label: str = "",
        never_said: Sequence[str] = (),
    ) -> None:
        self.voice = voice
        self.max_words = max_words if voice else 10 * max_words
        self.soft_words = soft_words if voice else 10 * soft_words
        self.max_sentences = max_sentences if voice else 10 * max_sentences
        self.offer = offer
        self.examples = PromptExamples(examples, never_said)  # copies of either are dropped
        self._markup = MarkdownToSpeech() if voice else None
        self._note_label = note_label.strip().lower()  # the help desk note's label, which the model sometimes copies: never said
        self.question_words: list[str] = []
        self._asks_only_if_bad = False
        self.risks: tuple[risk_rules.Risk, ...] = ()
        self.stopped = False
        self.cut = False  # stopped early with more to say: the offer is added
        self._stopped_for = ""  # why it stopped (one of the `_stop` reasons)
        self.events: list[str] = []  # what the guard did (observability, tests, the benchmark)
        self._open = ""  # the current, unfinished sentence
        self._open_sent = 0  # characters of it already passed on (the first sentence streams)
        self._said = ""  # everything passed on so far
        self._said_words: list[str] = []  # the model's words said (the soft cap is on them)
        self._inserted_words = 0  # the policy's words said (first steps, reasons, warnings): toward the hard cap
        self._sentences: list[list[str]] = []
        self._at_limit = False
        self._owed: tuple[safety_policy.Owed, ...] = ()  # what a risky turn's reply still has to say (safety_policy.missing_essentials)
        self._keys: KeyGrounding | None = None  # the help desk note's key combinations
        self._stances: dict[str, bool] = {}  # action -> for (True) / against (False), as first said (stance.py)
        self._asked = ""  # the action the user's yes/no question asks about (stance.asked_action)
        self._plan = ""  # the verb of what the user means to do (stance.planned_verb): on a risky turn, never told to do it
        self._plan_words: frozenset[str] = frozenset()  # ... and its content words (stance.plan_words): nor told it in its own words
        self._command: frozenset[str] = frozenset()  # the flags and paths of a command the user quoted: on a risky turn, never told to run it
        self._stated_plan = False  # the user said they will do it, not only asked (stance.states_a_plan)
        self._no_fits = True  # a bare "No, don't." may answer what the user said (a question, a plan)
        self._asks_leave = False  # the user asks whether they may do something (stance.asks_leave)
        self._planned_advice: unsafe_advice.UnsafeAdvice | None = None  # the user's own words are unsafe advice: the reply opens with what to do instead
        self._advised: set[str] = set()  # unsafe advice whose `instead` was said
        self._platform = ""  # "mac" or "windows": the one computer the question names (platform_fit)
        self._numbers = UnsureNumbers()
        self._worked = WorkedAnswer()  # the worked sum the note gave: the first sentence states its result

    # -- set by the policy once it knows the turn ------------------------------------------
    def expect(self, question: str, risks: tuple[risk_rules.Risk, ...], note: str = "") -> None:
        self.question_words = words_of(question)
        # "Is that a problem?" (not "Can I ..., or does that hurt it?"): a refusal would answer nothing asked
        self._asks_only_if_bad = bool(_ASKS_IF_BAD.search(question)) and not asks_leave(question)
        self._asked = asked_action(question)  # what a bare "No." in the first sentence is against
        self._plan = planned_verb(question, safety_policy.off_is_safe(risks))
        self._plan_words = plan_words(question)
        self._command = command_tokens(question)
        self._stated_plan = states_a_plan(question)
        self._no_fits = not question.strip() or bool(risks) or bool(_ASKS_OR_PLANS.search(question))
        self._asks_leave = asks_leave(question)
        # the user's own words are such advice (not when asking whether it is bad: "Is it bad to
        # cover the vents?" is rightly answered "Yes")
        planned = unsafe_advice.find(question) if not _ASKS_IF_BAD.search(question) else None
        # (not when a risky class of the turn blocks it already: its safe reply says the same)
        self._planned_advice = planned if planned is None or not planned.covered_by & {r.name for r in risks} else None
        self._platform = platform_fit.platform_asked(question)
        self.risks = risks
        self._numbers.expect(question, note)
        self._worked = WorkedAnswer(note)
        keys = KeyGrounding(note)
        self._keys = keys if keys else None

    def opening_bias(self) -> dict[str, float]:
        """Against opening with "No" when the user asks leave for something ("Can I use a
        paperclip for the SIM tray?", "Is that normal?") and no risk was found in it. Asked
        that, the 0.5B model put "No" first, "Yes" a close second (0.1 to 2.1 logits behind),
        whether the thing was harmless or a scam (bench/RESULTS.md, "A yes to a harmless question"):
        its first word carries no judgement, the risk classifier's does. A risky turn keeps
        the model's own opening, and the safety policy answers it. A plan that is unsafe advice
        ("I'm going to tape over the vent") gets the same bias against "Yes"."""
        if self._planned_advice is not None:
            return {word: -YES_OPENING_PENALTY for word in ("Yes", "Sure", "Absolutely")}
        if self.risks or not self._asks_leave:
            return {}
        return {word: -NO_OPENING_PENALTY for word in ("No", "Not", "Nope")}

    # -- the stream --------------------------------------------------------------------------
    def number_token(self, text: str, p: float) -> None:
        self._numbers.sampled(text, p)

    def forget_doubts(self) -> None:
        self._numbers.forget()

    def push(self, delta: str) -> str:
        if self.stopped:
            return ""
        text = self._markup.push(delta) if self._markup else delta
        return self._feed(text, final=False)

    def flush(self, fallback: bool = True, finished: bool = True) -> str:
        out = ""
        if not self.stopped:
            text = self._markup.flush() if self._markup else ""
            if not finished:
                self._drop_unfinished(text)
                text = ""
            out = self._feed(text, final=True)
        if not fallback:
            self._said += out
            return out
        if self._owed and (not self.stopped or self._stopped_for in _OWED_OUTLIVES):
            out += (" " if (self._said + out).strip() else "") + " ".join(self._owed_unsaid(""))
            self.events.append("essentials_added")
            self._owed = ()
        if self.cut and self.voice and self._said.strip():
            out += (" " if (self._said + out)[-1:] not in (" ", "") else "") + self.offer
            self.events.append("offer")
        if not (self._said + out).strip():
            out += FALLBACK
            self.events.append("fallback")
        self._said += out
        return out

    def _feed(self, text: str, *, final: bool) -> str:
        out: list[str] = []
        self._open += text
        if self._note_label and not self._sentences and self._open_sent == 0:
            lead = self._open.lstrip()
            if lead.lower().startswith(self._note_label):
                self._open = lead[len(self._note_label):].lstrip()
                self.events.append("note_label_dropped")
            elif lead and self._note_label.startswith(lead.lower()) and not final:
                return ""  # it may still become the label: wait (a few characters at most)
        if self._keys is not None:  # only the part not yet passed on can change
            self._open = self._open[: self._open_sent] + self._keys.rewrite(self._open[self._open_sent:], final=final)
        closed = False
        while not self.stopped:
            end = sentence_end(self._open)
            if end is None:
                break
            sentence, self._open = self._open[:end], self._open[end:]
            whole = self._complete(sentence)
            out.append(whole)
            closed = closed or bool(whole.strip())
            self._open_sent = 0
        if not self.stopped:
            if final and self._open.strip():
                out.append(self._complete(self._open))
                self._open, self._open_sent = "", 0
            elif not final:
                piece = self._stream_open()
                out.append(piece)
                closed = closed and not piece.strip()
        said = "".join(out)
        if said.strip():
            self.sentence_closed = closed
        if not self._said:
            said = said.lstrip()
        self._said += said
        return said

    def _drop_unfinished(self, text: str) -> None:
        """The model was cut off: whole sentences still go out, the unfinished one after them
        does not ("Malware, on the other hand, is a type of."), and the offer to go on is
        added. Words of it already streamed (the first sentence) cannot be taken back."""
        self._open += text
        probe = self._open + " "  # a sentence end at the very end counts too
        end = sentence_end(probe)
        while end is not None and end < len(self._open.rstrip()):
            nxt = sentence_end(probe[end:])
            if nxt is None:
                break
            end += nxt
        whole = self._open[:end] if end is not None else ""
        rest = self._open[len(whole):]
        if words_of(rest) and len(whole) < self._open_sent:
            return  # the unfinished sentence has begun to be heard: it ends as it is
        if words_of(rest):
            self._open = whole
            self.cut = True
            self.events.append("unfinished_dropped")

    # -- the first sentence, as it streams ----------------------------------------------------
    def _stream_open(self) -> str:
        if (self._sentences or self._at_limit or self.risks or self._planned_advice is not None or self._numbers.asks_for_a_number
                or self._worked or not self._open.strip()):
            return ""  # later sentences, and a risky, number-asking or worked-sum turn's first one, go out whole
        words = list(re.finditer(r"\S+", self._open))
        if self._open_sent == 0 and not self._said.strip() and self.examples.copying(words_of(self._open), self.question_words):
            self.events.append("leak_dropped")
            self._stop(cut=False, why="leak")  # the rest of the copy is not worth waiting for
            return ""
        if self._open_sent == 0 and (_WELCOME_START.match(self._open) or _WELCOME.match(self._open)):
            return ""  # may be "You're welcome": said only to thanks (`_complete`)
        if self._open_sent == 0 and (self.examples.begin(words_of(self._open)) or self._open.lstrip()[:1] in ("{", "[", "<")):
            return ""  # might be a prompt example word for word, or JSON: wait for the whole sentence
        hold_at = len(self._open)
        if words and not self._open[-1].isspace():
            hold_at = words[-1].start()  # a word still being written: its end may be markup or a loop
        loop = self._loop_start(words_of(self._open[:hold_at]))
        if loop is not None:
            self._stop(cut=False, why="loop")
            return ""
        hold_at = self._hold_repeating_tail(words, hold_at)
        if self._keys is not None:  # a key combination being written may still be corrected
            hold_at = max(self._open_sent, min(hold_at, KeyGrounding.hold_from(self._open[:hold_at])))
        hold_at = max(self._open_sent, min(hold_at, unsafe_advice.hold_from(self._open[:hold_at])))  # may be turning unsafe
        hold_at = max(self._open_sent, min(hold_at, platform_fit.hold_from(self._open[:hold_at], self._platform)))  # the other computer's keys?
        if len(self._said_words) + len(words_of(self._open[:hold_at])) > self.max_words:
            self._stop(cut=True, why="max_words")
            return ""
        piece = self._open[self._open_sent:hold_at]
        self._open_sent = max(self._open_sent, hold_at)
        return piece

    def _loop_start(self, open_words: list[str]) -> int | None:
        """Where a run of LOOP_NGRAM words said before begins in the open sentence."""
        seq = self._said_words_before_open() + open_words
        n = LOOP_NGRAM
        seen: set[tuple[str, ...]] = set()
        base = len(seq) - len(open_words)
        for i in range(len(seq) - n + 1):
            gram = tuple(seq[i:i + n])
            if gram in seen and i + n > base:
                return max(0, i - base)
            seen.add(gram)
        return None

    def _hold_repeating_tail(self, words: list[re.Match[str]], hold_at: int) -> int:
        """Hold back the last words while they repeat the start of a run said before (two to
        four words): if the run goes on to repeat, nothing of it has been said."""
        whole = [w for w in words if w.end() <= hold_at]
        seq = self._said_words_before_open() + [words_of(w.group())[0] if words_of(w.group()) else "" for w in whole]
        for k in range(LOOP_NGRAM - 1, 1, -1):
            if len(whole) < k or len(seq) <= k:
                continue
            tail = seq[-k:]
            if any(seq[j:j + k] == tail for j in range(len(seq) - k)):
                return max(self._open_sent, whole[-k].start())
        return hold_at

    def _said_words_before_open(self) -> list[str]:
        return [w for s in self._sentences for w in s]

    # -- a whole sentence ---------------------------------------------------------------------
    def _complete(self, sentence: str) -> str:
        words = words_of(sentence)
        already = sentence[: self._open_sent]
        rest = sentence[self._open_sent:]
        if not words:
            return rest if already else ""
        if self._at_limit:
            self._stop(cut=True, why="enough")
            return ""
        if not already:
            if any(similarity(words, s) >= 0.7 for s in self._sentences if len(s) >= 4):
                self._stop(cut=False, why="repeat")
                return ""
            loop = self._loop_start(words)
            if loop is not None:
                self._stop(cut=False, why="loop")
                return ""  # the words before the loop are an unfinished sentence: never spoken
            if self.examples.leaks(words, self.question_words):
                self.events.append("leak_dropped")
                if not self._said.strip():
                    self._stop(cut=False, why="leak")  # a reply that opens with a copy goes on copying: the fallback, now
                return ""
            if not self._sentences and not self._said.strip() and not self._no_fits and is_bare_refusal(sentence):
                # "No, don't." to "A gold ring will please most any girl.": a prompt
                # example's opening copied to words that ask nothing and plan nothing
                self.events.append("unasked_refusal_dropped")
                self._stop(cut=False, why="unasked_refusal")  # what follows a copied opening is the copy: the fallback
                return ""
            if _MACHINE_TEXT.search(sentence):
                self.events.append("machine_text_dropped")
                sentence = re.sub(r"[{\[].*[}\]]", " ", sentence, flags=re.S)  # a JSON object: the words after it may stand
                if _MACHINE_TEXT.search(sentence) or not words_of(sentence):
                    return ""
                rest, words = sentence, words_of(sentence)
        if platform_fit.other_platform(rest, self._platform):
            self.events.append("other_platform_dropped")  # "press Windows + Shift + S" to a Mac user
            if not already:
                return ""
            self._stop(cut=False, why="other_platform")  # the first sentence's start was said: it cannot go on
            return ("… sorry, " if _cut_off(already) else " Sorry, ") + platform_fit.NOT_SURE[self._platform]
        if not already and _WELCOME.match(sentence) and not any(w.startswith(("thank", "thx", "cheers")) for w in self.question_words):
            self.events.append("unthanked_welcome_dropped")  # "You're welcome!" to a swallowed battery: nobody thanked
            return ""
        if not already and self._calls_it_a_scam_unasked(sentence):
            self.events.append("scam_claim_dropped")
            return ""
        if not already and undoes_a_warning(self._stances, sentence):
            self._stop(cut=False, why="contradiction")  # what follows a reversal is no surer
            return ""
        verdict = safety_policy.check(sentence, self.risks, self._said, plan=self._plan, command=self._command, plan_words=self._plan_words)
        if verdict.risk.endswith((":plan", ":plan_words")) and unsafe_advice.find(sentence) is not None:
            verdict = safety_policy.OK  # the plan told back is advice of a known kind: its own instead (below) fits better than a class found by likeness
        if verdict.action == "block":
            self.events.append(f"blocked:{verdict.risk}")
            self._stop(cut=False, why="unsafe")
            lead = ". " if _cut_off(already) else " "
            text = verdict.text
            if self._planned_advice is not None and verdict.risk.startswith("physical_hazard") and not risk_rules.REASON_SAID.search(text):
                # the user's plan is advice of a known kind and the block's answer is the hazard class's general one, which
                # gives no reason: the advice's instead says why ("a strip of tape over the vent", the fan article parroted)
                text = self._take_planned_advice().instead
            safe = safe_wording(text, self._said + " " + already, asks_only_if_bad=self._asks_only_if_bad)
            owed = self._owed_unsaid(safe)  # a reason owed to the refusal said first
            self._owed = ()
            return (lead if self._said.strip() or already else "") + " ".join([*owed, safe])
        if (advice := unsafe_advice.find(sentence)) is not None:  # volunteered, whatever was asked
            self.events.append(f"unsafe_advice:{advice.name}")
            self._stop(cut=False, why="unsafe")
            if advice.name in self._advised:  # the user's plan was this advice: its instead was said, or is owed to a refusal
                owed, self._owed = self._owed_unsaid(""), ()
                if not owed:
                    return ""
                return (". " if _cut_off(already) else " " if (self._said.strip() or already) else "") + " ".join(owed)
            if not (self._said.strip() or already):
                return advice.instead
            if _cut_off(already):
                return ". " + advice.instead  # the instead stands on its own
            return " But " + advice.instead[:1].lower() + advice.instead[1:]
        if not already and not self._sentences and (answer := self._worked.check(sentence)) is not None:
            self.events.append("worked_answer")  # "Yes, 3 PM in London is 8 PM in NY." to a note that says 10 AM
            self._stop(cut=False, why="worked")  # what follows a wrong result builds on it
            self._sentences.append(words_of(answer))
            self._said_words += words_of(answer)
            return (" " if self._said.strip() else "") + answer
        if (hedge := self._numbers.check(sentence)) is not None:
            self.events.append("unsure_number")
            if self._numbers.hedged > 1:
                return ""  # said once is enough
            lead = "… " if already else (" " if self._said.strip() else "")
            self._sentences.append(words_of(hedge))
            self._said_words += words_of(hedge)
            return lead + hedge
        prefix = ""
        owed_advice: safety_policy.Owed | None = None
        if self._planned_advice is not None and not self._sentences and not already:  # held: see _stream_open
            advice = self._take_planned_advice()
            if unsafe_advice.agrees(sentence):  # "Yes, that's a good idea." to taping over the vent
                sentence = rest = advice.instead
                words = words_of(sentence)
            elif advice.gives.search(sentence):
                pass  # a negated mention (`find` passed it): "No, don't cover the vent: it will overheat."
            elif unsafe_advice.refuses(sentence):  # "No, that's not a good idea.": the instead is its reason
                owed_advice = safety_policy.Owed(advice.instead, advice.gives)
            else:
                prefix = advice.instead + " "
        if verdict.action == "warn":
            self.events.append("warned")
            prefix = verdict.text + " " + prefix
        if self.risks and not self._sentences and not already:  # a risky turn's first sentence (held)
            before, after = safety_policy.missing_essentials(sentence, self.risks, self._stated_plan)
            if before:
                self.events.append("essentials_added")
                prefix = before + " " + prefix
            self._owed = after  # a refusal without the reason: the next sentence may give it
        elif self._owed:
            owed = self._owed_unsaid(sentence)
            if owed:
                self.events.append("essentials_added")
                prefix = " ".join(owed) + " " + prefix
            self._owed = ()
        if owed_advice is not None:
            self._owed += (owed_advice,)
        inserted = len(words_of(prefix))  # what the policy adds counts toward the hard cap: the user hears it too
        if not already and self._sentences and len(self._said_words) + self._inserted_words + inserted + len(words) > self.max_words:
            self._stop(cut=True, why="max_words")
            return " " + prefix.strip() if prefix.strip() else ""  # a reason owed is said, the sentence is not
        first_sentence = not self._sentences
        self._sentences.append(words)
        for action, side in stances(sentence, self._asked if first_sentence else "").items():
            self._stances.setdefault(action, side)  # the first stance on an action is the one that holds
        self._said_words += words
        self._inserted_words += inserted
        if len(self._sentences) >= self.max_sentences or len(self._said_words) >= self.soft_words:
            self._at_limit = True
        if prefix:
            lead = " " if self._said.strip() or already else ""
            return lead + prefix + rest.lstrip() if not already else rest + " " + prefix.strip()
        return rest

    def _take_planned_advice(self) -> unsafe_advice.UnsafeAdvice:
        """The advice the user's own plan is (held since `expect`), taken once: recorded as advised."""
        advice, self._planned_advice = self._planned_advice, None
        self.events.append(f"planned_advice:{advice.name}")
        self._advised.add(advice.name)
        return advice

    def _calls_it_a_scam_unasked(self, sentence: str) -> bool:
        """A sentence calling the matter a scam in a turn about no scam (a swollen battery, a
        slow PC): the small model copies "That is a scam" from its examples."""
        if not _CALLS_IT_A_SCAM.search(sentence) or any(r.name in risk_rules.ABOUT_A_THIRD_PARTY for r in self.risks):
            return False
        if risk_rules.THIRD_PARTY.search(" ".join(self.question_words)):
            return False  # someone else is involved: a scam is plausible
        return not any(w.startswith(("scam", "phish", "fraud", "fake", "hack")) for w in self.question_words)

    def _owed_unsaid(self, sentence: str) -> list[str]:
        """What is still owed beside `sentence`: each text unless the sentence, or an owed text
        before it, says it already (a fire's reason says more than "That can hurt you")."""
        out: list[str] = []
        for o in self._owed:
            if not o.said_by.search(" ".join([sentence, *out])):
                out.append(o.text)
        return out

    def _stop(self, *, cut: bool, why: str) -> None:
        self.stopped = True
        self.cut = cut
        self._stopped_for = why
        self.events.append(why)


# Stops after which a reason still owed to the refusal is said: the model's text ended (it went
# back on its word, repeated itself, or reached the cap), not the turn's safety.
_OWED_OUTLIVES = frozenset({"contradiction", "repeat", "loop", "enough", "max_words"})

