"""TurnMachine: what each listening event does to a session's turns, with no I/O.

Events in: speech began, a pause, speech resumed, the turn ended (or ran too long), the
verdict on speech over a reply, a commit reached, a manual commit, a clear, a format
change. Commands out: announce, stream partials, judge the overlap, decode a draft, withdraw
a draft, start a commit, drop, merge, interrupt, ignore, reset the input. `advance(event)`
changes state and returns commands; it never awaits, reads a clock, sends or touches audio.
The session (agent/core/turn_taking.py) turns events of the endpointer and the client into
events of this machine, and runs the commands in order.

Which turn is open, which turns are committing, which one a continuation may merge into,
and every move of a turn's state (`Turn.move`, legal moves only) live here and only here.
"""
from __future__ import annotations

from dataclasses import dataclass

from .turn import Draft, Turn, TurnState
from .turn_metrics import TurnMetrics


# -- events ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class SpeechBegan:
    start: int  # buffer index where the turn's audio starts (pre-roll included)
    speech_start: int  # buffer index of the first voiced sample
    start_ms: float
    reply_audible: bool  # a reply is playing that this speech may interrupt
    extensions: bool  # the client asked for Parley's events (it hears of speech over a reply at once)
    reply_heard_ms: float = 0.0  # how much of that reply the user had heard when this speech began


@dataclass(frozen=True)
class Paused:
    speech_end_ms: float
    last_voiced: int  # buffer index of the last voiced sample
    end: int  # buffer index where the draft's audio ends (the last voiced sample and a tail)


@dataclass(frozen=True)
class Resumed:
    pass


@dataclass(frozen=True)
class Ended:
    speech_end_ms: float
    last_voiced: int
    end: int  # where a new draft's audio would end, if the pause's draft does not fit
    cut_at_max: bool = False  # the turn outgrew max_turn_s: the speech goes on as a new turn


@dataclass(frozen=True)
class Judged:
    """The verdict on speech over a reply (or right after a committed turn)."""

    turn: Turn
    reason: str  # "" : a turn; else why not ("backchannel", "echo", "noise")
    reply_playing: bool  # a reply is still playing that a barge-in may stop
    speech_start: int


@dataclass(frozen=True)
class CommitReached:
    """A committed turn's commit holds the commit lock, its verdict known."""

    turn: Turn


@dataclass(frozen=True)
class Decoded:
    """The commit's draft is decoded; `usable`: a transcript that is not a hallucination."""

    turn: Turn
    usable: bool


@dataclass(frozen=True)
class CommitAsked:
    """input_audio_buffer.commit: everything since the last commit is a turn, now."""

    buffer_start: int
    end: int
    end_ms: float


@dataclass(frozen=True)
class Cleared:
    reason: str  # "cleared" (input_audio_buffer.clear) or "format_changed" (session.update)


@dataclass(frozen=True)
class CommitFinished:
    turn: Turn


Event = SpeechBegan | Paused | Resumed | Ended | Judged | CommitReached | Decoded | CommitAsked | Cleared | CommitFinished


# -- commands -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Announce:
    turn: Turn  # input_audio_buffer.speech_started


@dataclass(frozen=True)
class StreamPartials:
    turn: Turn


@dataclass(frozen=True)
class JudgeOverlap:
    turn: Turn
    speech_start: int


@dataclass(frozen=True)
class Decode:
    turn: Turn
    draft: Draft  # decode its audio, and prepare its reply (held back)
    create_response: bool


@dataclass(frozen=True)
class Withdraw:
    turn: Turn
    draft: Draft  # stop its decode and reply; take back what it added to the history


@dataclass(frozen=True)
class StartCommit:
    turn: Turn  # in its own task: the read loop keeps reading audio meanwhile


@dataclass(frozen=True)
class CommitNow:
    turn: Turn  # a manual commit: the client's event waits for it


@dataclass(frozen=True)
class Drop:
    turn: Turn
    reason: str  # stop what it started, take back what it added
    announce: bool = False  # the client saw its speech_started and was never told it is no turn (parley.speech.ignored)


@dataclass(frozen=True)
class Merge:
    prev: Turn  # its reply goes; `turn` decodes both parts' audio
    turn: Turn
    resumed_at: int  # buffer index of the continuation's first voiced sample: prev's audio ends before it


@dataclass(frozen=True)
class Interrupt:
    pass  # the playing reply stops (barge-in)


@dataclass(frozen=True)
class Ignore:
    turn: Turn
    reason: str  # parley.speech.ignored


@dataclass(frozen=True)
class Retract:
    turn: Turn  # merged into a continuation before its commit ran: what it added goes


@dataclass(frozen=True)
class Accept:
    turn: Turn  # into the history, and its reply takes the floor
    heard: bool = True  # False: a commit the client asked for held no speech; committed with an empty transcript, no reply


@dataclass(frozen=True)
class ResetInput:
    pass


@dataclass(frozen=True)
class ContinueSpeech:
    pass  # after a cut at max_turn_s: the endpointer starts a new turn on the same speech


Command = (Announce | StreamPartials | JudgeOverlap | Decode | Withdraw | StartCommit | CommitNow | Drop | Merge | Interrupt
           | Ignore | Retract | Accept | ResetInput | ContinueSpeech)


# A continuation merges only while the user has heard less than this of the reply to the turn
# it would continue: after that they are answering the reply (a barge-in), not finishing their
# thought. With a reply out 450 ms after the speech, speech 1.3 s later within the merge window
# had retracted a reply the user had heard for over a second (tests/test_browser.py barge-in).
MERGE_UNTIL_HEARD_MS = 1000.0


class TurnMachine:
    """The turns of one session. `create_response` and `interrupt_response` are the session's
    turn detection settings, read by the caller and kept current with `configure`."""

    def __init__(self, merge_window: int) -> None:
        self.merge_window = merge_window  # samples: speech this soon after a commit continues it
        self.open: Turn | None = None  # speaking or draft
        self.last: Turn | None = None  # the last committed turn
        self.committing: set[Turn] = set()  # ended, their commit not finished
        self.create_response = True
        self.interrupt_response = True

    def configure(self, *, create_response: bool, interrupt_response: bool) -> None:
        self.create_response, self.interrupt_response = create_response, interrupt_response

    def mergeable(self, prev: Turn | None, at: int) -> bool:
        return (prev is not None and prev.state is TurnState.COMMITTED and not prev.cut_at_max
                and at - prev.committed_end <= self.merge_window)

    def advance(self, ev: Event) -> list[Command]:
        handler = getattr(self, "_on_" + type(ev).__name__)
        return handler(ev)

    # -- the endpointer ---------------------------------------------------------------------
    def _on_SpeechBegan(self, ev: SpeechBegan) -> list[Command]:
        turn = Turn(ev.start, ev.start_ms)
        if self.mergeable(self.last, ev.start) and ev.reply_heard_ms < MERGE_UNTIL_HEARD_MS:
            turn.continues = self.last
        self.open = turn
        overlaps = ev.reply_audible and self.interrupt_response
        out: list[Command] = []
        # A standard Realtime client stops its playback at speech_started. So while a reply
        # plays, a client without Parley's extensions hears of the speech only once it is
        # judged a turn: a backchannel, noise or echo never cuts the reply it is hearing.
        if not overlaps or ev.extensions:
            turn.announced = True
            out.append(Announce(turn))
        out.append(StreamPartials(turn))
        if overlaps or turn.continues is not None:
            out.append(JudgeOverlap(turn, ev.speech_start))
        else:
            turn.overlap = "turn"
            turn.judged.set()
        return out

    def _on_Paused(self, ev: Paused) -> list[Command]:
        turn = self.open
        if turn is None:
            return []
        return self._draft(turn, ev.speech_end_ms, ev.last_voiced, ev.end)

    def _on_Resumed(self, ev: Resumed) -> list[Command]:
        turn = self.open
        if turn is None or turn.draft is None:
            return []
        draft, turn.draft = turn.draft, None
        turn.move(TurnState.SPEAKING)
        return [Withdraw(turn, draft)]

    def _on_Ended(self, ev: Ended) -> list[Command]:
        turn, self.open = self.open, None
        if turn is None:
            return []
        out: list[Command] = []
        draft = turn.draft
        if draft is None or draft.speech_end_ms != ev.speech_end_ms:  # the pause's draft is not this ending
            if draft is not None:
                turn.draft = None
                out.append(Withdraw(turn, draft))
            out += self._draft(turn, ev.speech_end_ms, ev.last_voiced, ev.end)
        draft = turn.draft
        assert draft is not None
        turn.cut_at_max = ev.cut_at_max  # the next turn may not merge it back (that would undo the cut)
        turn.move(TurnState.COMMITTED)  # closed to new audio; its commit decides its fate
        turn.committed_end = draft.end
        self.last = turn  # speech from here on may continue it (a merge), even before its commit finishes
        self.committing.add(turn)
        out.append(StartCommit(turn))
        if ev.cut_at_max:
            out.append(ContinueSpeech())
        return out

    def _draft(self, turn: Turn, speech_end_ms: float, last_voiced: int, end: int) -> list[Command]:
        draft = Draft(end, speech_end_ms, TurnMetrics(), start=turn.start, last_voiced=last_voiced)
        turn.draft = draft
        turn.move(TurnState.DRAFT)
        return [Decode(turn, draft, self.create_response)]

    # -- speech over a reply ----------------------------------------------------------------
    def _on_Judged(self, ev: Judged) -> list[Command]:
        turn = ev.turn
        turn.overlap = ev.reason or "turn"
        turn.judged.set()
        if turn.state in (TurnState.DROPPED, TurnState.MERGED):
            return []  # cleared meanwhile: nothing to announce, stop or ignore
        if ev.reason:
            return [Ignore(turn, ev.reason)]
        out: list[Command] = []
        if not turn.announced:
            turn.announced = True
            out.append(Announce(turn))
        prev = turn.continues
        if prev is not None and self.mergeable(prev, ev.speech_start):
            out += self._merge(prev, turn, ev.speech_start)
        elif ev.reply_playing and self.interrupt_response:
            out.append(Interrupt())
        return out

    def _merge(self, prev: Turn, turn: Turn, resumed_at: int) -> list[Command]:
        """The user went on right after `prev` was committed: one thought, one reply."""
        prev.move(TurnState.MERGED)
        turn.start = min(turn.start, prev.start)
        self.committing.discard(prev)
        return [Merge(prev, turn, resumed_at)]

    # -- commits ----------------------------------------------------------------------------
    def _on_CommitReached(self, ev: CommitReached) -> list[Command]:
        turn = ev.turn
        if turn.state is TurnState.MERGED:  # a continuation took it over before its commit ran
            return [Retract(turn)]
        draft = turn.draft
        assert draft is not None
        out: list[Command] = []
        if draft.start != turn.start:  # merged meanwhile: decode both parts together
            turn.draft = None
            out.append(Withdraw(turn, draft))
            out += self._draft(turn, draft.speech_end_ms, draft.last_voiced, draft.end)
            turn.move(TurnState.COMMITTED)
        elif turn.state is not TurnState.COMMITTED:
            turn.move(TurnState.COMMITTED)
        return out

    def _on_Decoded(self, ev: Decoded) -> list[Command]:
        turn = ev.turn
        if turn.state is not TurnState.COMMITTED:
            return []  # dropped or merged meanwhile
        # a commit the client asked for is answered even without speech (it waits for
        # input_audio_buffer.committed, which OpenAI's server sends for any commit): an empty
        # transcript, nothing to answer
        heard = ev.usable and turn.overlap == "turn"
        if not heard and not (turn.asked and turn.overlap == "turn" and turn.draft is not None):
            judged_a_turn = turn.overlap in ("", "turn")  # not ignored already as speech over the reply
            return self._drop(turn, "noise" if judged_a_turn else turn.overlap, announce=turn.announced and judged_a_turn)
        draft = turn.draft
        assert draft is not None
        turn.committed_end, turn.speech_end_ms = draft.end, draft.speech_end_ms
        return [Accept(turn, heard=heard)]

    def _on_CommitFinished(self, ev: CommitFinished) -> list[Command]:
        self.committing.discard(ev.turn)
        return []

    # -- the client -------------------------------------------------------------------------
    def _on_CommitAsked(self, ev: CommitAsked) -> list[Command]:
        turn, self.open = self.open or Turn(ev.buffer_start, 0.0), None
        out: list[Command] = []
        if turn.draft is not None:
            draft, turn.draft = turn.draft, None
            out.append(Withdraw(turn, draft))
            if turn.state is TurnState.DRAFT:
                turn.move(TurnState.SPEAKING)
        out += self._draft(turn, ev.end_ms, ev.end, ev.end)
        turn.overlap = turn.overlap or "turn"
        turn.asked = True
        turn.judged.set()
        turn.move(TurnState.COMMITTED)  # never `last`: a manual commit is not merged into
        return out + [ResetInput(), CommitNow(turn)]  # committed audio leaves the buffer

    def _on_Cleared(self, ev: Cleared) -> list[Command]:
        turn, self.open = self.open, None
        out = self._drop(turn, ev.reason) if turn is not None else []
        return out + [ResetInput()]

    def _drop(self, turn: Turn, reason: str, *, announce: bool = False) -> list[Command]:
        """The turn was not a turn: nothing it started goes on, nothing it added stays."""
        turn.move(TurnState.DROPPED)
        if self.open is turn:
            self.open = None
        return [Drop(turn, reason, announce)]

    # -- what audio is still needed ---------------------------------------------------------
    def oldest_needed(self, at: int) -> int | None:
        """The first buffer index a turn may still decode (again, if merged); None: none."""
        starts = []
        for turn in (self.open, *self.committing):
            if turn is not None:
                starts.append(turn.start)
                if turn.continues is not None:
                    starts.append(turn.continues.start)
        if self.mergeable(self.last, at):
            starts.append(self.last.start)  # type: ignore[union-attr]
        return min(starts) if starts else None
