"""Written markup to spoken text, as it streams: what a small model writes (bold, headings,
list markers, code fences, backticks) becomes plain sentences; a list item is a sentence, a
code line is spoken as it is. Split from spoken_reply.py: one idea per module."""
from __future__ import annotations

import re

_MARKER_DONE = re.compile(r"[ \t]*(#{1,6}|[-*•+>]|\d{1,3}[.)])[ \t]+")
_MARKER_MAYBE = re.compile(r"[ \t]*(#{1,6}|[-*•+>]|\d{1,3}[.)]?)?[ \t]*")
_FENCE = re.compile(r"[ \t]*(```|~~~)")


class MarkdownToSpeech:
    """Streaming: written markup in, plain spoken text out (holds at most a line start)."""

    def __init__(self) -> None:
        self._buf = ""
        self._line_start = True
        self._in_code = False
        self._line_has_text = False
        self._last = ""  # last non-space character emitted
        self._space_due = False

    def push(self, delta: str) -> str:
        self._buf += delta
        return self._drain(final=False)

    def flush(self) -> str:
        return self._drain(final=True)

    def _emit(self, text: str, out: list[str]) -> None:
        if not self._in_code:
            text = text.replace("*", "").replace("`", "")
        if not text.strip():
            if text and self._line_has_text:
                self._space_due = True
            return
        if self._space_due or (self._line_has_text is False and self._last and not text[0].isspace()):
            if self._last:
                out.append(" ")
            text = text.lstrip()
        self._space_due = False
        out.append(text)
        self._line_has_text = True
        stripped = text.rstrip()
        self._last = stripped[-1]
        if stripped != text:
            self._space_due = True

    def _end_line(self, out: list[str]) -> None:
        if self._line_has_text and self._last not in ".!?:;,":
            out.append(".")
            self._last = "."
        self._line_has_text = False
        self._space_due = bool(self._last)
        self._line_start = True

    def _drain(self, *, final: bool) -> str:
        out: list[str] = []
        while self._buf:
            if self._line_start:
                fence = _FENCE.match(self._buf)
                if fence or (not final and re.fullmatch(r"[ \t]*(?:`{1,2}|~{1,2})", self._buf)):
                    nl = self._buf.find("\n")
                    if fence and nl >= 0:
                        self._in_code = not self._in_code  # the fence line (with its language) is not spoken
                        self._buf = self._buf[nl + 1:]
                        continue
                    if not final:
                        break
                    self._buf = ""
                    break
                if self._in_code:
                    self._line_start = False
                    continue
                if self._buf.lstrip(" \t").startswith("\n"):
                    self._buf = self._buf.lstrip(" \t")[1:]
                    continue
                done = _MARKER_DONE.match(self._buf)
                if done and not (done.group(1) == "*" and self._buf[done.end(1):done.end(1) + 1] == "*"):
                    self._buf = self._buf[done.end():]
                    self._line_start = False
                    continue
                maybe = _MARKER_MAYBE.fullmatch(self._buf)
                if maybe and not final:
                    break  # "1", "1.", "-", "##": wait for the next character to decide
                self._line_start = False
                self._buf = self._buf.lstrip(" \t")
                continue
            nl = self._buf.find("\n")
            if nl < 0:
                self._emit(self._buf, out)
                self._buf = ""
                break
            self._emit(self._buf[:nl], out)
            self._buf = self._buf[nl + 1:]
            self._end_line(out)
        return "".join(out)
