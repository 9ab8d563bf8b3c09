"""Turn: one user utterance, from speech start to its fate, in one object.

    speaking ──pause──► draft (final ASR + reply generated, held back)
       ▲                  │ speech resumes: the draft is discarded, the turn goes on
       └──────────────────┘
    draft ──silence long enough──► committed ──the user goes on within merge_window──► merged
      └──noise / backchannel / echo──► dropped

A turn owns its item id, where its audio starts and ends in the session's buffer, its
partial transcript, its draft (decode task, held reply, held events) and every item it
added to the conversation. `Draft.cancel()` and `retract()` take all of that back, so a
dropped or merged turn leaves nothing in the history. Its moves are made by the session's
`TurnMachine` (agent/core/turn_machine.py), and only legal ones (`MOVES`).
"""
from __future__ import annotations

import asyncio
import enum
from dataclasses import dataclass, field

from models.asr import Transcript

from .conversation import Conversation, Item
from .protocol import new_id
from .reply_handle import ReplyHandle
from .turn_metrics import TurnMetrics


class TurnState(enum.Enum):
    SPEAKING = "speaking"
    DRAFT = "draft"
    COMMITTED = "committed"
    DROPPED = "dropped"
    MERGED = "merged"


# The legal moves; anything else is a bug, and `Turn.move` says so instead of going on.
# A committed turn may be drafted again: a continuation merged into it before its commit
# ran, and both parts are decoded together.
MOVES: dict[TurnState, frozenset[TurnState]] = {
    TurnState.SPEAKING: frozenset({TurnState.DRAFT, TurnState.COMMITTED, TurnState.DROPPED}),
    TurnState.DRAFT: frozenset({TurnState.SPEAKING, TurnState.DRAFT, TurnState.COMMITTED, TurnState.DROPPED}),
    TurnState.COMMITTED: frozenset({TurnState.DRAFT, TurnState.COMMITTED, TurnState.DROPPED, TurnState.MERGED}),
    TurnState.DROPPED: frozenset({TurnState.DROPPED}),
    TurnState.MERGED: frozenset(),
}


class IllegalTurnMove(RuntimeError):
    """A turn was asked to make a move the state machine does not have."""


@dataclass
class Draft:
    """The turn's ending as prepared during a pause: final transcript and a held reply."""

    end: int  # buffer index where the decoded audio ends
    speech_end_ms: float
    metrics: TurnMetrics
    start: int = 0  # buffer index where the decoded audio starts (the turn's start then)
    last_voiced: int = 0  # buffer index of the last voiced sample (its arrival times are the turn's marks)
    decode: asyncio.Task | None = None
    transcript: Transcript | None = None
    ready: asyncio.Event = field(default_factory=asyncio.Event)  # transcript known (or failed)
    reply: ReplyHandle | None = None  # held back (its events too) until the commit

    async def cancel(self) -> None:
        """Stop its decode and its reply (playing or still held back)."""
        if self.decode is not None and not self.decode.done():
            self.decode.cancel()
            await asyncio.gather(self.decode, return_exceptions=True)
        if self.reply is not None:
            await self.reply.interrupt("turn_withdrawn")


@dataclass(eq=False)  # a turn is itself: compared and hashed by identity
class Turn:
    start: int  # buffer index where the turn's audio starts (pre-roll included)
    speech_start_ms: float
    item_id: str = field(default_factory=lambda: new_id("item"))
    state: TurnState = TurnState.SPEAKING
    continues: "Turn | None" = None  # a committed turn this one may merge with
    cut_at_max: bool = False  # ended by max_turn_s, not by silence: what follows is its own turn
    asked: bool = False  # committed by the client (input_audio_buffer.commit), not by the server's VAD
    overlap: str = ""  # while a reply plays: "" undecided, "turn", or why it is not one
    judged: asyncio.Event = field(default_factory=asyncio.Event)  # `overlap` decided
    announced: bool = False  # the client was sent input_audio_buffer.speech_started for it
    partial_text: str = ""
    partial_emitted: int = 0
    draft: Draft | None = None
    user_item: Item | None = None
    committed_end: int = 0  # buffer index where the committed audio ends
    speech_end_ms: float = 0.0

    def move(self, to: TurnState) -> None:
        if to not in MOVES[self.state]:
            raise IllegalTurnMove(f"turn {self.item_id}: {self.state.value} -> {to.value} is not a legal move")
        self.state = to

    @property
    def open(self) -> bool:
        return self.state in (TurnState.SPEAKING, TurnState.DRAFT)

    def history_items(self, draft: Draft | None = None) -> list[Item]:
        items = [self.user_item] if self.user_item is not None else []
        draft = draft or self.draft
        if draft is not None and draft.reply is not None:
            items += draft.reply.run.history_items
        return items

    async def cancel_tasks(self) -> None:
        """Stop the draft's decode and its reply (playing or still held back)."""
        if self.draft is not None:
            await self.draft.cancel()

    def retract(self, conversation: Conversation, draft: Draft | None = None) -> list[str]:
        """Remove every item this turn (with `draft`: that draft of it) added to the
        conversation; the ids the client knew."""
        removed = [it.id for it in self.history_items(draft) if conversation.delete(it.id) and not it.internal]
        self.user_item = None
        return removed
