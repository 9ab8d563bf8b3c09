"""What a well-formed tool call is: the JSON schema of a call, its llama.cpp grammar, its check.

A small model writes tool calls badly: arguments that are a JSON schema instead of values,
junk keys, a name it was never offered. With a grammar built from the offered tools'
parameter schemas, llama.cpp can only sample a call that parses and fits; `valid_call`
checks a call from any backend (a remote server has no grammar) before anyone sees it.

Tools are in the chat-completions shape: `{"type": "function", "function": {"name",
"description", "parameters"}}`.
"""
from __future__ import annotations

import copy
import functools
import json
import logging
import re
from collections.abc import Sequence
from typing import Any

log = logging.getLogger("parley.llm")

ANY_OBJECT: dict[str, Any] = {"type": "object"}


def tool_name(tool: dict[str, Any]) -> str:
    return str((tool.get("function") or tool).get("name", ""))


def tool_parameters(tool: dict[str, Any]) -> dict[str, Any]:
    params = (tool.get("function") or tool).get("parameters")
    return params if isinstance(params, dict) and params else {"type": "object", "properties": {}}


def _closed(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with `additionalProperties: false` on every object that does not say
    otherwise: a grammar then never lets the model invent keys."""
    out = copy.deepcopy(schema)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "additionalProperties" not in node and "properties" in node:
                node["additionalProperties"] = False
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(out)
    return out


def call_schema(tools: Sequence[dict[str, Any]], only: str | None = None) -> dict[str, Any]:
    """`{"name": <one of the tools>, "arguments": <that tool's parameters>}` as one schema."""
    variants = []
    for tool in tools:
        name = tool_name(tool)
        if not name or (only is not None and name != only):
            continue
        variants.append({"type": "object", "properties": {"name": {"const": name}, "arguments": _closed(tool_parameters(tool))},
                         "required": ["name", "arguments"], "additionalProperties": False})
    if not variants:
        raise ValueError(f"no tool named {only!r} was offered" if only else "no tools were offered")
    return variants[0] if len(variants) == 1 else {"oneOf": variants}


@functools.lru_cache(maxsize=64)
def _grammar_text(schema_json: str) -> str:
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    return json_schema_to_gbnf(schema_json)


def call_grammar(tools: Sequence[dict[str, Any]], only: str | None = None) -> Any:
    """A `llama_cpp.LlamaGrammar` that admits exactly the calls `call_schema` describes.
    A tool whose parameter schema the converter cannot express is constrained to
    `{"name": ..., "arguments": {any object}}` instead (its arguments are still checked
    by `valid_call` afterwards)."""
    from llama_cpp import LlamaGrammar

    schema = call_schema(tools, only)
    try:
        text = _grammar_text(json.dumps(schema, sort_keys=False))
    except Exception as exc:  # noqa: BLE001 - an exotic client schema: fall back to a looser grammar
        log.warning("tool schema not expressible as a grammar (%s); constraining the call's shape only", exc)
        loose = [{"type": "function", "function": {"name": tool_name(t), "parameters": ANY_OBJECT}} for t in tools]
        text = _grammar_text(json.dumps(call_schema(loose, only)))
    return LlamaGrammar.from_string(text, verbose=False)


def valid_call(tools: Sequence[dict[str, Any]], name: str, arguments: str) -> str:
    """"" when `name(arguments)` is a call of an offered tool whose arguments fit its
    parameter schema; otherwise why not (for the log)."""
    tool = next((t for t in tools if tool_name(t) == name), None)
    if tool is None:
        return f"{name!r} was not offered"
    try:
        args = json.loads(arguments or "{}")
    except ValueError:
        return "arguments are not JSON"
    if not isinstance(args, dict):
        return "arguments are not a JSON object"
    import jsonschema

    try:
        jsonschema.validate(args, tool_parameters(tool))
    except jsonschema.ValidationError as exc:
        return f"arguments do not fit the schema: {exc.message}"
    except jsonschema.SchemaError:
        return ""  # the client's schema itself is broken: nothing to check against
    return ""


_WORD = re.compile(r"[a-z0-9]+")
_ID_KEY = re.compile(r"(^|_)(id|number|no|num)$", re.I)  # an identifier: order_id, ticket_number
_SPELLED = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "a": "1"}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("'", ""))


_STOP = {"a", "an", "the", "to", "of", "for", "in", "on", "at", "and", "or", "is", "it", "my", "me", "i", "you", "your",
         "be", "can", "please", "with", "this", "that", "what", "how", "do"}


def _number_heard(n: str, heard: set[str]) -> bool:
    """A number of a value was said, as written or on a 24-hour clock ("19" for "7"); a zero
    ("20:00") needs no saying."""
    v = int(n)
    return n in heard or str(v) in heard or v == 0 or (13 <= v <= 23 and str(v - 12) in heard)


def _made_up(key: str, value: Any, spec: dict[str, Any], heard: set[str]) -> bool | None:
    """True when a value that must come from the user does not, False when it does; None
    for a value that is the model's to choose (an enum, a boolean, a short code it maps
    from words)."""
    if "enum" in spec or isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return not set(_words(f"{value:g}")) <= heard
    if not isinstance(value, str):
        return None
    if _ID_KEY.search(key) and not any(ch.isdigit() for ch in value):
        return True  # an order id that is a phrase of the sentence ("Gold Ring")
    words = _words(value)
    if not words or (len(value) <= 3 and value.isupper()):
        return None  # a code the model maps from words ("US dollars" -> USD)
    numbers = [w for w in words if w.isdigit()]
    if numbers:
        return not any(_number_heard(n, heard) for n in numbers if int(n))  # "19:30" for "7:30 tonight"
    content = [w for w in words if w not in _STOP]
    return not any(w in heard for w in content or words)  # a tool's own description copied in shares only "a", "the", ...


_DIGIT_GROUPS = re.compile(r"\d+(?:[, -]\d+)+")  # "4,417", "90 210", "12-88": one number said in groups


def _heard(said: str) -> set[str]:
    heard = set(_words(said))
    heard |= {re.sub(r"[, -]", "", m) for m in _DIGIT_GROUPS.findall(said)}  # a transcript writes "order 4,417"
    return heard | {_SPELLED[w] for w in heard if w in _SPELLED}


def _every_number_heard(value: Any, heard: set[str]) -> bool:
    """Each number in a text value was said: "19:30" for "7:30", "20:00" for "eight", but
    not "8:30" for "at eight"."""
    return not isinstance(value, str) or all(_number_heard(w, heard) for w in _words(value) if w.isdigit())


def without_made_up_options(tools: Sequence[dict[str, Any]], name: str, arguments: str, said: str) -> tuple[str, list[str]]:
    """The call's arguments less the optional ones the user never gave, and their keys.
    A small model fills optional fields from its own imagination (a `reason` "because they
    said", a `room` nobody named): the call is right without them, wrong with them. An
    optional enum value counts as given when its words were said ("in Fahrenheit")."""
    tool = next((t for t in tools if tool_name(t) == name), None)
    try:
        args = json.loads(arguments or "{}")
    except ValueError:
        return arguments, []
    if tool is None or not isinstance(args, dict):
        return arguments, []
    params = tool_parameters(tool)
    props, required = params.get("properties") or {}, set(params.get("required") or ())
    heard = _heard(said)
    dropped = []
    for key, value in args.items():
        spec = props.get(key) if isinstance(props.get(key), dict) else {}
        if key in required:
            continue
        if "enum" in spec and isinstance(value, str):
            made_up = not set(_words(value)) & heard
        elif isinstance(value, str) and any(ch.isdigit() for ch in value):
            made_up = not _every_number_heard(value, heard)
        else:
            made_up = bool(_made_up(key, value, spec, heard))
        if made_up:
            dropped.append(key)
    if not dropped:
        return arguments, []
    return json.dumps({k: v for k, v in args.items() if k not in dropped}), dropped


def ungrounded(tools: Sequence[dict[str, Any]], name: str, arguments: str, said: str, *, strict: bool = False) -> str:
    """"" when every value of the call that must come from the user does: a number (an
    order id, an amount) is in what was said, and a free-text value shares words with it.
    Enum values, booleans and a tool's own wording are the model's to choose. Otherwise the
    value the model made up (for the log): a small model calls a tool on an unrelated
    sentence with an invented id ("12345"). `strict` (a second choice after a wrong tool):
    at least one free-text or id value must come from what was said, not only numbers."""
    tool = next((t for t in tools if tool_name(t) == name), None)
    if tool is None:
        return name
    try:
        args = json.loads(arguments or "{}")
    except ValueError:
        return "arguments"
    props = tool_parameters(tool).get("properties") or {}
    heard = _heard(said)
    said_in_words = False
    for key, value in (args.items() if isinstance(args, dict) else ()):
        spec = props.get(key) if isinstance(props.get(key), dict) else {}
        made_up = _made_up(key, value, spec, heard)
        if made_up:
            return f"{key}={value!r}"
        if made_up is False and isinstance(value, str):
            said_in_words = True
    if strict and not said_in_words:
        return "every value (none is the user's own words)"
    return ""
