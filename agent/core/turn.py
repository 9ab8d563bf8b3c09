"""Turn: one user utterance, from speech start to its fate, in one object.

    speaking ──pause──► draft (final ASR + reply generated, held back)
       ▲                  │ speech resumes: the draft is discarded, the turn goes on
       └──────────────────┘
    draft ──silence long enough──► committed ──the user goes on within merge_window──► merged
      └──noise / backchannel / echo──► dropped

A turn owns its item id, where its audio starts and ends in the session's buffer, its
partial transcript, its draft (decode task, held reply, held events) and every item it
added to the conversation. `discard_draft()` and `retract()` take all of that back, so a
dropped or merged turn leaves nothing in the history.
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
    decode: asyncio.Task | None = None
    transcript: Transcript | None = None
    ready: asyncio.Event = field(default_factory=asyncio.Event)  # transcript known (or failed)
    reply: ReplyHandle | None = None  # held back (its events too) until the commit


@dataclass(eq=False)  # a turn is itself: compared and hashed by identity
class Turn:
    start: int  # buffer index where the turn's audio starts (pre-roll included)
    speech_start_ms: float
    item_id: str = field(default_factory=lambda: new_id("item"))
    state: TurnState = TurnState.SPEAKING
    continues: "Turn | None" = None  # a committed turn this one may merge with
    cut_at_max: bool = False  # ended by max_turn_s, not by silence: what follows is its own turn
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

    def history_items(self) -> list[Item]:
        items = [self.user_item] if self.user_item is not None else []
        if self.draft is not None and self.draft.reply is not None:
            items += self.draft.reply.run.history_items
        return items

    async def cancel_tasks(self) -> None:
        """Stop the draft's decode and its reply (playing or still held back)."""
        d = self.draft
        if d is None:
            return
        if d.decode is not None and not d.decode.done():
            d.decode.cancel()
            await asyncio.gather(d.decode, return_exceptions=True)
        if d.reply is not None:
            await d.reply.interrupt("turn_withdrawn")

    async def discard_draft(self, conversation: Conversation) -> None:
        """Speech resumed: throw the draft away, and everything it added to the history."""
        await self.cancel_tasks()
        self.retract(conversation)
        self.draft = None
        if self.state is TurnState.DRAFT:
            self.move(TurnState.SPEAKING)

    def retract(self, conversation: Conversation) -> list[str]:
        """Remove every item this turn added to the conversation; the ids the client knew."""
        removed = [it.id for it in self.history_items() if conversation.delete(it.id) and not it.internal]
        self.user_item = None
        return removed
