"""The interface a response's text filter offers the response stage (agent/core/response.py):
text in as it streams, text out to be spoken, a bias for the first token. `ReplyGuard` itself
passes everything through; `spoken_reply.SpokenReplyGuard` is the voice agent's."""
from __future__ import annotations


class ReplyGuard:
    """Filters one response's text as it streams. This base class passes everything through."""

    stopped = False  # True once the reply should end (the LLM stream is closed)
    sentence_closed = False  # the text passed on so far ends with a whole sentence (its end is known, not guessed)

    def push(self, delta: str) -> str:
        """Text to keep from this delta ("" to hold it back for now)."""
        return delta

    def opening_bias(self) -> dict[str, float]:
        """Logit bias for the reply's first token, by word ({}: none)."""
        return {}

    def number_token(self, text: str, p: float) -> None:
        """A digit token the model sampled, with its probability (in-process models only)."""

    def forget_doubts(self) -> None:
        """The model called a tool: digits sampled so far were the call's."""

    def flush(self, fallback: bool = True, finished: bool = True) -> str:
        """Text to add at the end (held-back text, a spoken offer to go on). `fallback=False`:
        the reply ended in a client's tool call, so nothing canned is added, only what the
        model itself wrote. `finished=False`: the model was stopped (its token limit), so
        its last sentence may be unfinished."""
        return ""
