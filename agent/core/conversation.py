"""The conversation: items in order, rendered as LLM messages, truncated to what was heard."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from agent.replies.reply_policy import INTERRUPTED_NOTE

from .protocol import new_id


@dataclass
class Span:
    """A piece of assistant text and where its audio sits in the item's audio."""

    text_start: int
    text_end: int
    audio_start_ms: float
    audio_end_ms: float


@dataclass
class Item:
    type: str  # message | function_call | function_call_output
    role: str | None = None
    text: str = ""
    id: str = field(default_factory=lambda: new_id("item"))
    status: str = "completed"
    call_id: str = ""
    name: str = ""
    arguments: str = ""
    output: str = ""
    images: list[str] = field(default_factory=list)  # summaries of shared screenshots (untrusted)
    spans: list[Span] = field(default_factory=list)  # over full_text (or text, before any cut)
    full_text: str = ""  # the whole reply as written, kept once the item is truncated
    audio_ms: float = 0.0
    from_audio: bool = False
    canned: bool = False  # the spoken-reply guard's fallback line: the user heard it, the model never sees it
    internal: bool = False  # a call of a tool Parley ran itself, and its output: for the LLM only, never shown to the client

    def to_json(self) -> dict[str, Any]:
        if self.type == "function_call":
            return {"id": self.id, "object": "realtime.item", "type": "function_call", "status": self.status,
                    "call_id": self.call_id, "name": self.name, "arguments": self.arguments}
        if self.type == "function_call_output":
            return {"id": self.id, "object": "realtime.item", "type": "function_call_output", "call_id": self.call_id, "output": self.output}
        if self.role == "assistant":
            content = [{"type": "output_audio", "transcript": self.text}]
        elif self.from_audio:
            content = [{"type": "input_audio", "transcript": self.text}]
        else:
            content = [{"type": "input_text", "text": self.text}]
        return {"id": self.id, "object": "realtime.item", "type": "message", "role": self.role, "status": self.status, "content": content}

    @property
    def sent_ms(self) -> float:
        """All the audio sent for this item (truncation lowers `audio_ms`, not this)."""
        return max(self.audio_ms, self.spans[-1].audio_end_ms if self.spans else 0.0)

    def heard_text(self, audio_end_ms: float) -> str:
        """The part of the assistant text whose audio had played by `audio_end_ms`."""
        full = self.full_text or self.text
        if not self.spans:
            return full if audio_end_ms >= self.sent_ms else ""
        end = 0
        for span in self.spans:
            if audio_end_ms >= span.audio_end_ms:
                end = span.text_end
                continue
            if audio_end_ms > span.audio_start_ms:
                frac = (audio_end_ms - span.audio_start_ms) / max(span.audio_end_ms - span.audio_start_ms, 1e-6)
                cut = span.text_start + int(frac * (span.text_end - span.text_start))
                piece = full[span.text_start:cut]
                at_word_end = cut >= span.text_end or full[cut].isspace()
                if not at_word_end:  # keep whole heard words only
                    cut = span.text_start + piece.rfind(" ") if " " in piece else span.text_start
                end = cut
            break
        return full[:end].rstrip()


class Conversation:
    """`max_items`: how many recent items the LLM sees; `max_history`: how many are kept at
    all (the oldest are dropped, with a tool call's output never kept without its call)."""

    def __init__(self, max_items: int = 40, max_history: int = 200) -> None:
        self.items: list[Item] = []
        self.max_items = max_items
        self.max_history = max(2, max_history)
        self.trimmed = 0  # items dropped for length over the conversation's life

    def add(self, item: Item, after: str | None = None) -> Item:
        if after:
            idx = next((i for i, it in enumerate(self.items) if it.id == after), len(self.items) - 1)
            self.items.insert(idx + 1, item)
        else:
            self.items.append(item)
        self._trim()
        return item

    def _trim(self) -> None:
        while len(self.items) > self.max_history or (self.items and self.items[0].type == "function_call_output"):
            self.items.pop(0)
            self.trimmed += 1

    def previous_id(self, item_id: str) -> str | None:
        """The item the client sees before `item_id` (internal items are not the client's)."""
        idx = next((i for i, it in enumerate(self.items) if it.id == item_id), 0)
        return next((it.id for it in reversed(self.items[:idx]) if not it.internal), None)

    def get(self, item_id: str) -> Item | None:
        """A client-visible item by id."""
        return next((it for it in self.items if it.id == item_id and not it.internal), None)

    def delete(self, item_id: str) -> bool:
        """Remove an item, internal ones included (a retracted turn takes all it added)."""
        item = next((it for it in self.items if it.id == item_id), None)
        if item:
            self.items.remove(item)
        return item is not None

    def truncate(self, item_id: str, audio_end_ms: float) -> Item | None:
        item = self.get(item_id)
        if item is None or item.role != "assistant":
            return None
        if item.status == "completed" and audio_end_ms >= item.sent_ms:
            return item  # all of it was heard (Pipecat truncates the last reply at every speech start): nothing is cut
        # Always cut from the full spoken text and its original spans, so truncating twice
        # (the server's playback clock, then the client's exact report) is exact either way.
        if not item.full_text:
            item.full_text = item.text
        item.text = item.heard_text(audio_end_ms)
        item.audio_ms = min(item.sent_ms, audio_end_ms)
        item.status = "incomplete"
        return item

    def opening(self) -> bool:
        """Nothing said or answered yet (no user message, no tool output): a response now opens
        the conversation."""
        return not any((it.type == "message" and it.role == "user") or it.type == "function_call_output" for it in self.items)

    def shows_screenshots(self) -> bool:
        """Whether a message the model sees carries what was read off a shared screenshot."""
        return any(item.images for item in self.items[-self.max_items:])

    def messages(self, system: str) -> list[dict[str, Any]]:
        """Chat messages for the LLM: a stable system prompt first (it stays KV-cached)."""
        out: list[dict[str, Any]] = [{"role": "system", "content": system}]
        for item in self.items[-self.max_items:]:
            if item.type == "message":
                text = item.text
                if item.images:
                    blocks = "\n".join(item.images)
                    text = (text + "\n" if text else "") + blocks
                if not text or item.canned:
                    continue
                out.append({"role": item.role or "user", "content": text})
                if item.role == "assistant" and item.status == "incomplete":
                    # a note of its own: inside the reply's text the model copied it into its next reply
                    out.append({"role": "system", "content": INTERRUPTED_NOTE})
            elif item.type == "function_call":
                out.append({"role": "assistant", "content": "", "tool_calls": [
                    {"id": item.call_id, "type": "function", "function": {"name": item.name, "arguments": item.arguments}}]})
            elif item.type == "function_call_output":
                out.append({"role": "tool", "tool_call_id": item.call_id, "content": item.output})
        return out


def tool_output_json(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
