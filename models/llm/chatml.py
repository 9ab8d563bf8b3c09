"""ChatML prompt rendering (Qwen2.5 template semantics) and tool calls in streamed text."""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from typing import Any

from .events import LLMError, TextDelta, ToolCall, new_call_id

log = logging.getLogger("parley.llm")


# Qwen2.5's own tool preamble (from its chat template), byte for byte.
_TOOLS_HEAD = (
    "\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
    "You are provided with function signatures within <tools></tools> XML tags:\n<tools>"
)
_TOOLS_TAIL = (
    "\n</tools>\n\nFor each function call, return a json object with function name and "
    "arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n"
    '{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>'
)
DEFAULT_TOOL_SYSTEM = "You are a helpful assistant."

# A segment is (text, special): template markup is tokenized with special tokens parsed,
# message content never is, so text a user (or an OCR'd screenshot) supplies cannot forge
# `<|im_start|>system` and the like.
Segment = tuple[str, bool]


def _content_text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # OpenAI content parts: keep the text ones
        return "".join(
            p.get("text", "") for p in content if isinstance(p, dict) and p.get("type") in ("text", "input_text")
        )
    return str(content)


def _tool_call_json(call: dict) -> str:
    fn = call.get("function", call)
    args: Any = fn.get("arguments", {})
    if isinstance(args, str):
        try:
            args = json.loads(args) if args.strip() else {}
        except ValueError:
            pass  # keep the raw string; the model sees what it said
    return json.dumps({"name": fn.get("name", ""), "arguments": args}, ensure_ascii=False)


def render_chatml(
    messages: Sequence[dict], tools: Sequence[dict] | None = None, *, add_generation_prompt: bool = True
) -> list[Segment]:
    """Render OpenAI-style messages as ChatML segments, Qwen2.5 template semantics.

    Deterministic: the same messages and tools always give the same bytes, so a stable
    system prompt + tool list stays in the KV cache from one turn to the next.
    """
    segs: list[Segment] = []
    msgs = list(messages)
    first_system = msgs[0] if msgs and msgs[0].get("role") == "system" else None
    if tools:
        system_text = _content_text(first_system["content"]) if first_system else DEFAULT_TOOL_SYSTEM
        segs.append(("<|im_start|>system\n", True))
        segs.append((system_text, False))
        tool_lines = "".join("\n" + json.dumps(t, ensure_ascii=False) for t in tools)
        segs.append((_TOOLS_HEAD + tool_lines + _TOOLS_TAIL, False))
        segs.append(("<|im_end|>\n", True))
    elif first_system is not None:
        segs += [("<|im_start|>system\n", True), (_content_text(first_system["content"]), False), ("<|im_end|>\n", True)]
    if first_system is not None:
        msgs = msgs[1:]

    for i, m in enumerate(msgs):
        role = m.get("role")
        if role in ("user", "system") or (role == "assistant" and not m.get("tool_calls")):
            segs += [(f"<|im_start|>{role}\n", True), (_content_text(m.get("content")), False), ("<|im_end|>\n", True)]
        elif role == "assistant":
            segs.append(("<|im_start|>assistant", True))
            text = _content_text(m.get("content"))
            if text:
                segs.append(("\n" + text, False))
            for call in m.get("tool_calls") or []:
                segs.append(("\n<tool_call>\n" + _tool_call_json(call) + "\n</tool_call>", False))
            segs.append(("<|im_end|>\n", True))
        elif role == "tool":
            if i == 0 or msgs[i - 1].get("role") != "tool":
                segs.append(("<|im_start|>user", True))
            segs.append(("\n<tool_response>\n" + _content_text(m.get("content")) + "\n</tool_response>", False))
            if i == len(msgs) - 1 or msgs[i + 1].get("role") != "tool":
                segs.append(("<|im_end|>\n", True))
        else:
            raise LLMError(f"unknown message role {role!r}", "roles are system, user, assistant and tool", code="llm_bad_request")
    if add_generation_prompt:
        segs.append(("<|im_start|>assistant\n", True))
    return segs


def render_text(segments: Sequence[Segment]) -> str:
    return "".join(text for text, _ in segments)


# --------------------------------------------------------------------------- tool-call parsing

_OPEN, _CLOSE = "<tool_call>", "</tool_call>"


def _call_from_obj(obj: Any, names: set[str] | None = None) -> ToolCall | None:
    if not isinstance(obj, dict) or not isinstance(obj.get("name"), str) or not obj["name"]:
        return None
    if names is not None and obj["name"] not in names:
        return None
    args = obj.get("arguments", obj.get("parameters", {}))
    if isinstance(args, str):
        try:
            args = json.loads(args) if args.strip() else {}
        except ValueError:
            return None
    if not isinstance(args, dict):
        return None
    return ToolCall(id=new_call_id(), name=obj["name"], arguments=json.dumps(args, ensure_ascii=False))


def parse_tool_call(body: str) -> ToolCall | None:
    """`{"name": ..., "arguments": {...}}` (what Qwen writes inside <tool_call>) -> ToolCall."""
    body = body.strip()
    if body.startswith("```"):
        body = re.sub(r"^```[a-zA-Z]*\s*|\s*```$", "", body)
    try:
        obj = json.loads(body)
    except ValueError:
        # A small model sometimes adds trailing junk after the object: take the first one.
        try:
            obj, _ = json.JSONDecoder().raw_decode(body)
        except ValueError:
            return None
    return _call_from_obj(obj)


class ToolCallFilter:
    """Splits streamed model text into speakable text and tool calls.

    * `<tool_call>{...}</tool_call>` blocks (Qwen's format) become `ToolCall`s and are never
      emitted as text; a trailing partial `<tool_call` is held back until it is clear
      whether it opens a block, and whitespace right before a block is dropped.
    * With `tool_names`, a reply that *starts* with a bare JSON object (optionally in a
      ``` fence) naming one of those tools is a tool call too: small models often drop the
      tags. Such a reply is held back until the object is complete, so its JSON is never
      spoken; any other JSON is released as text.
    """

    max_bare_json = 4000  # chars held back at most while waiting for a bare JSON object

    def __init__(self, tool_names: Sequence[str] | None = None) -> None:
        self._buf = ""
        self._in_call = False
        self._names = set(tool_names) if tool_names else None
        self._at_start = self._names is not None  # nothing but whitespace / tool calls so far
        self.malformed: list[str] = []

    def feed(self, text: str) -> list[TextDelta | ToolCall]:
        self._buf += text
        out: list[TextDelta | ToolCall] = []
        self._drain(out, final=False)
        return out

    def close(self) -> list[TextDelta | ToolCall]:
        out: list[TextDelta | ToolCall] = []
        self._drain(out, final=True)
        if self._in_call:
            self._finish_call(self._buf, out)
        elif self._buf.strip():
            out.append(TextDelta(self._buf.rstrip()))
        self._buf, self._in_call = "", False
        return out

    def _drain(self, out: list, *, final: bool) -> None:
        while True:
            if self._in_call:
                end = self._buf.find(_CLOSE)
                if end < 0:
                    return
                self._finish_call(self._buf[:end], out)
                self._buf = self._buf[end + len(_CLOSE):]
                self._in_call = False
                continue
            if self._at_start:
                verdict = self._bare_json(out, final=final)
                if verdict is None:
                    return  # undecided: hold everything back
                if verdict:
                    continue  # consumed a bare tool call; look again
                self._at_start = False
            start = self._buf.find(_OPEN)
            if start >= 0:
                before = self._buf[:start].rstrip()
                if before:
                    out.append(TextDelta(before))
                self._buf = self._buf[start + len(_OPEN):]
                self._in_call = True
                continue
            if final:
                return  # close() flushes the rest
            # No full opening tag: emit all but a possible partial tag and trailing spaces.
            hold = 0
            for k in range(min(len(_OPEN) - 1, len(self._buf)), 0, -1):
                if _OPEN.startswith(self._buf[-k:]):
                    hold = k
                    break
            emit, rest = self._buf[: len(self._buf) - hold], self._buf[len(self._buf) - hold:]
            stripped = emit.rstrip()
            if stripped:
                out.append(TextDelta(stripped))
            self._buf = emit[len(stripped):] + rest
            return

    def _bare_json(self, out: list, *, final: bool) -> bool | None:
        """At the start of a reply: True = took a bare JSON tool call, False = plain text,
        None = cannot tell yet."""
        s = self._buf.lstrip()
        if not s:
            return None if not final else False
        if s.startswith(_OPEN[: len(s)]):
            return False  # a tagged call: the normal path handles it (and holds partial tags)
        fenced = False
        body = s
        if s[0] == "`":
            if not "```".startswith(s[:3]):
                return False
            nl = s.find("\n")
            if nl < 0:
                return None if not final and len(s) < 24 else False
            body, fenced = s[nl + 1:].lstrip(), True
            if not body:
                return None if not final else False
        if body[0] != "{":
            return False
        try:
            obj, end = json.JSONDecoder().raw_decode(body)
        except ValueError:
            return None if not final and len(body) < self.max_bare_json else False
        call = _call_from_obj(obj, self._names)
        if call is None:
            return False
        rest = body[end:]
        if fenced:
            rest = rest.lstrip()
            if rest.startswith("```"):
                rest = rest[3:]
            elif not final and "```".startswith(rest):
                return None  # wait for the closing fence so it is not spoken
        out.append(call)
        self._buf = rest
        return True

    def _finish_call(self, body: str, out: list) -> None:
        call = parse_tool_call(body)
        if call is None:
            self.malformed.append(body)
            log.warning("dropped a malformed tool call from the model (%d chars)", len(body))
        else:
            out.append(call)
