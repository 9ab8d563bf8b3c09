"""Lenient JSON from a language model: the first object in a reply, even when the model wrapped
it in prose or code fences, left trailing commas, or was cut off by the token limit."""
from __future__ import annotations

import json
import re


def parse_json_lenient(text: str) -> dict | None:
    """The first JSON object in `text`, tolerating code fences, prose around it, single quotes,
    trailing commas and a reply cut off by the token limit."""
    if not text:
        return None
    start = text.find("{")
    if start < 0:
        return None
    body = text[start:]
    end = body.rfind("}")
    candidates = [body[: end + 1]] if end >= 0 else []
    candidates.append(_close_truncated(body))
    for cand in candidates:
        for variant in (cand, re.sub(r",\s*([}\]])", r"\1", cand)):
            try:
                obj = json.loads(variant)
            except (ValueError, RecursionError):
                continue
            if isinstance(obj, dict):
                return obj
    # last resort: "key": "value" pairs
    pairs = dict(re.findall(r'"(title|summary|component|severity)"\s*:\s*"((?:[^"\\]|\\.)*)"', body))
    return pairs or None


def _close_truncated(body: str) -> str:
    out = []
    stack = []
    in_str = esc = False
    for ch in body:
        out.append(ch)
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            continue
        if ch == '"':
            in_str = True
        elif ch in "{[":
            stack.append("}" if ch == "{" else "]")
        elif ch in "}]":
            if stack:
                stack.pop()
            if not stack:
                break
    text = "".join(out)
    if in_str:
        text += '"'
    text = re.sub(r",\s*$", "", text.rstrip())
    text = re.sub(r':\s*$', ": null", text)
    return text + "".join(reversed(stack))


def _balanced(text: str) -> bool:
    start = text.find("{")
    if start < 0:
        return False
    depth = 0
    in_str = esc = False
    for ch in text[start:]:
        if in_str:
            esc = (not esc) and ch == "\\"
            if ch == '"' and not esc:
                in_str = False
            continue
        if ch == '"':
            in_str = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return True
    return False
