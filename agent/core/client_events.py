"""Typed client events: every field of every Realtime client event, checked once, here.

`parse(event)` turns a decoded JSON object into one of the frozen dataclasses below or
raises `ProtocolError` with a `param` that names the offending field ("wrong type", "out of
range", "not finite"), so the session answers with an `error` event and goes on. Nothing
past this module looks at raw client dicts.
"""
from __future__ import annotations

import base64
import binascii
import json
import math
import re
from dataclasses import dataclass
from typing import Any, Union

from .protocol import AUDIO_FORMATS, ProtocolError

UNSET: Any = object()  # a field the client did not send (as opposed to null)
MAX_ID = 64
MAX_TEXT = 32_000
MAX_INSTRUCTIONS = 16_000
MAX_TOOLS = 32
MAX_TOOL_JSON = 8_000  # characters of one tool definition (name, description, parameters)
TOOL_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
TOOL_CHOICE_MODES = ("auto", "none", "required")


# -- field checks ---------------------------------------------------------------------------
def _obj(v: Any, param: str) -> dict[str, Any]:
    if not isinstance(v, dict):
        raise ProtocolError("invalid_type", f"{param} must be an object", param=param)
    return v


def _str(v: Any, param: str, *, max_len: int = MAX_TEXT) -> str:
    if not isinstance(v, str):
        raise ProtocolError("invalid_type", f"{param} must be a string", param=param)
    if len(v) > max_len:
        raise ProtocolError("invalid_value", f"{param} is longer than {max_len} characters", param=param)
    return v


def _num(v: Any, param: str, lo: float, hi: float) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise ProtocolError("invalid_type", f"{param} must be a number", param=param)
    if not math.isfinite(v) or not lo <= v <= hi:
        raise ProtocolError("invalid_value", f"{param} must be a finite number from {lo:g} to {hi:g}", param=param)
    return float(v)


def _int(v: Any, param: str, lo: int, hi: int) -> int:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, bool) or not isinstance(v, int):
        raise ProtocolError("invalid_type", f"{param} must be an integer", param=param)
    if not lo <= v <= hi:
        raise ProtocolError("invalid_value", f"{param} must be from {lo} to {hi}", param=param)
    return v


def _bool(v: Any, param: str) -> bool:
    if not isinstance(v, bool):
        raise ProtocolError("invalid_type", f"{param} must be true or false", param=param)
    return v


def _opt(d: dict[str, Any], key: str) -> Any:
    """The value, UNSET when absent; null counts as absent too (Realtime's "leave as is")."""
    v = d.get(key, UNSET)
    return UNSET if v is None else v


def _item_id(v: Any, param: str) -> str:
    s = _str(v, param, max_len=MAX_ID)
    if not s:
        raise ProtocolError("invalid_value", f"{param} must not be empty", param=param)
    return s


def audio_format(v: Any, param: str) -> str:
    fmt = _obj(v, param)
    kind = fmt.get("type")
    if kind not in AUDIO_FORMATS:
        raise ProtocolError("unsupported_audio_format", f"{param}: supported formats are audio/pcm (24 kHz), audio/pcmu, audio/pcma", param=param + ".type")
    if "rate" in fmt and fmt["rate"] is not None:
        rate = _int(fmt["rate"], param + ".rate", 1, 1_000_000)
        if rate != AUDIO_FORMATS[kind]:
            raise ProtocolError("unsupported_sample_rate", f"{param}: {kind} must be {AUDIO_FORMATS[kind]} Hz, got {rate}", param=param + ".rate")
    return kind


# -- session.update -------------------------------------------------------------------------
@dataclass(frozen=True)
class TurnDetection:
    """server_vad settings; `None` fields keep the session's current value."""

    threshold: float | None = None
    prefix_padding_ms: int | None = None
    silence_duration_ms: int | None = None
    create_response: bool | None = None
    interrupt_response: bool | None = None

    @classmethod
    def parse(cls, v: Any, param: str) -> "TurnDetection":
        d = _obj(v, param)
        if d.get("type", "server_vad") not in ("server_vad", "semantic_vad"):
            raise ProtocolError("unsupported_turn_detection", "turn_detection must be null or {type: server_vad}", param=param + ".type")
        get = lambda k: _opt(d, k)  # noqa: E731
        return cls(
            threshold=None if get("threshold") is UNSET else _num(d["threshold"], param + ".threshold", 0.01, 0.99),
            prefix_padding_ms=None if get("prefix_padding_ms") is UNSET else _int(d["prefix_padding_ms"], param + ".prefix_padding_ms", 0, 5000),
            silence_duration_ms=None if get("silence_duration_ms") is UNSET else _int(d["silence_duration_ms"], param + ".silence_duration_ms", 100, 10_000),
            create_response=None if get("create_response") is UNSET else _bool(d["create_response"], param + ".create_response"),
            interrupt_response=None if get("interrupt_response") is UNSET else _bool(d["interrupt_response"], param + ".interrupt_response"),
        )


@dataclass(frozen=True)
class SessionUpdate:
    instructions: str | None = None
    input_format: str | None = None
    output_format: str | None = None
    turn_detection: Any = UNSET  # UNSET: unchanged; None: off; TurnDetection: merged in
    tools: list[dict[str, Any]] | None = None
    tool_choice: str | None = None  # auto | none | required | the name of the one function to call
    extensions: bool | None = None  # `parley: {events: true}`: Parley's own parley.* events wanted

    @classmethod
    def parse(cls, e: dict[str, Any]) -> "SessionUpdate":
        s = _obj(e.get("session"), "session")
        audio = _obj(s.get("audio") or {}, "session.audio")
        inp = _obj(audio.get("input") or {}, "session.audio.input")
        out = _obj(audio.get("output") or {}, "session.audio.output")
        td: Any = UNSET
        if "turn_detection" in inp:
            raw = inp["turn_detection"]
            td = None if raw is None else TurnDetection.parse(raw, "session.audio.input.turn_detection")
        tools = None
        if _opt(s, "tools") is not UNSET:
            raw_tools = s["tools"]
            if not isinstance(raw_tools, list) or len(raw_tools) > MAX_TOOLS:
                raise ProtocolError("invalid_tools", f"tools must be a list of at most {MAX_TOOLS} function definitions", param="session.tools")
            for i, t in enumerate(raw_tools):
                if not isinstance(t, dict) or not isinstance(t.get("name"), str) or not t["name"]:
                    raise ProtocolError("invalid_tools", "each tool needs {type: function, name, parameters}", param=f"session.tools[{i}]")
                if t.get("type", "function") != "function":
                    raise ProtocolError("invalid_tools", f"tool type {t.get('type')!r} is not supported; use function tools", param=f"session.tools[{i}].type")
                if not TOOL_NAME.fullmatch(t["name"]):
                    raise ProtocolError("invalid_tools", "a tool name is 1-64 letters, digits, _ or -", param=f"session.tools[{i}].name")
                if "parameters" in t and not isinstance(t["parameters"], dict):
                    raise ProtocolError("invalid_tools", "a tool's parameters must be a JSON schema object", param=f"session.tools[{i}].parameters")
                if len(json.dumps(t)) > MAX_TOOL_JSON:
                    raise ProtocolError("invalid_value", f"a tool definition is limited to {MAX_TOOL_JSON} characters of JSON", param=f"session.tools[{i}]")
            names = [t["name"] for t in raw_tools]
            if len(set(names)) != len(names):
                raise ProtocolError("invalid_tools", "tool names must be unique", param="session.tools")
            tools = raw_tools
        tool_choice = None if _opt(s, "tool_choice") is UNSET else parse_tool_choice(s["tool_choice"], "session.tool_choice")
        extensions = None
        if _opt(s, "parley") is not UNSET:
            ext = _obj(s["parley"], "session.parley")
            if _opt(ext, "events") is not UNSET:
                extensions = _bool(ext["events"], "session.parley.events")
        return cls(
            instructions=None if _opt(s, "instructions") is UNSET else _str(s["instructions"], "session.instructions", max_len=MAX_INSTRUCTIONS),
            input_format=None if _opt(inp, "format") is UNSET else audio_format(inp["format"], "session.audio.input.format"),
            output_format=None if _opt(out, "format") is UNSET else audio_format(out["format"], "session.audio.output.format"),
            turn_detection=td, tools=tools, tool_choice=tool_choice, extensions=extensions,
        )


def parse_tool_choice(v: Any, param: str) -> str:
    """"auto" | "none" | "required", or `{"type": "function", "name": ...}` (the GA shape;
    the chat shape `{"function": {"name": ...}}` too): the function's name."""
    if isinstance(v, str):
        if v not in TOOL_CHOICE_MODES:
            raise ProtocolError("invalid_value", "tool_choice must be auto, none, required or {type: function, name}", param=param)
        return v
    d = _obj(v, param)
    if d.get("type") != "function":
        raise ProtocolError("invalid_value", "tool_choice objects are {type: function, name}", param=param + ".type")
    name = d.get("name", (d.get("function") or {}).get("name") if isinstance(d.get("function"), dict) else None)
    name = _str(name, param + ".name", max_len=64)
    if not TOOL_NAME.fullmatch(name):
        raise ProtocolError("invalid_value", "tool_choice.name must be a tool name", param=param + ".name")
    return name


def tool_choice_json(choice: str) -> Any:
    """The GA shape of a tool choice: a mode string, or `{"type": "function", "name"}`."""
    return choice if choice in TOOL_CHOICE_MODES else {"type": "function", "name": choice}


# -- audio buffer ---------------------------------------------------------------------------
@dataclass(frozen=True)
class AudioAppend:
    audio: bytes  # raw bytes in the session's input format

    @classmethod
    def parse(cls, e: dict[str, Any], max_bytes: int) -> "AudioAppend":
        data = _str(e.get("audio"), "audio", max_len=max_bytes * 2)
        try:
            raw = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            raise ProtocolError("invalid_base64", "audio is not valid base64", param="audio") from None
        if len(raw) > max_bytes:
            raise ProtocolError("audio_too_large", f"{len(raw)} bytes of audio in one append; the limit is {max_bytes}", param="audio")
        return cls(raw)


@dataclass(frozen=True)
class BufferCommit:
    pass


@dataclass(frozen=True)
class BufferClear:
    pass


# -- conversation items ---------------------------------------------------------------------
@dataclass(frozen=True)
class NewItem:
    type: str  # message | function_call_output
    role: str = "user"
    text: str = ""
    images: tuple[str, ...] = ()
    call_id: str = ""
    output: str = ""
    id: str | None = None

    @classmethod
    def parse(cls, v: Any, max_image_bytes: int) -> "NewItem":
        d = _obj(v, "item")
        kind = _str(d.get("type", "message"), "item.type", max_len=MAX_ID)
        item_id = None if _opt(d, "id") is UNSET else _item_id(d["id"], "item.id")
        if kind == "function_call_output":
            call_id = _item_id(d.get("call_id"), "item.call_id")
            output = d.get("output", "")
            output = _str(output, "item.output") if isinstance(output, str) else _str(str(output), "item.output")
            return cls("function_call_output", role="tool", call_id=call_id, output=output, id=item_id)
        if kind != "message":
            raise ProtocolError("unsupported_item", f"item type {kind!r} is not supported", param="item.type")
        role = _str(d.get("role", "user"), "item.role", max_len=MAX_ID)
        if role not in ("user", "assistant", "system"):
            raise ProtocolError("invalid_item", f"unsupported role {role!r}", param="item.role")
        content = d.get("content", [])
        if not isinstance(content, list) or len(content) > 16:
            raise ProtocolError("invalid_item", "item.content must be a list of at most 16 content parts", param="item.content")
        texts, images = [], []
        for i, part in enumerate(content):
            param = f"item.content[{i}]"
            p = _obj(part, param)
            ptype = p.get("type")
            if ptype in ("input_text", "text", "output_text"):
                texts.append(_str(p.get("text", ""), param + ".text"))
            elif ptype in ("input_audio", "output_audio", "audio"):
                transcript = p.get("transcript")
                texts.append("" if transcript is None else _str(transcript, param + ".transcript"))
            elif ptype == "input_image":
                url = _str(p.get("image_url"), param + ".image_url", max_len=max_image_bytes * 2)
                images.append(url)
            else:
                raise ProtocolError("unsupported_content", f"content part type {ptype!r} is not supported", param=param + ".type")
        return cls("message", role=role, text=" ".join(t for t in texts if t).strip(), images=tuple(images), id=item_id)


@dataclass(frozen=True)
class ItemCreate:
    item: NewItem
    previous_item_id: str | None = None


@dataclass(frozen=True)
class ItemDelete:
    item_id: str


@dataclass(frozen=True)
class ItemRetrieve:
    item_id: str


@dataclass(frozen=True)
class ItemTruncate:
    item_id: str
    content_index: int
    audio_end_ms: float


# -- responses ------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResponseCreate:
    instructions: str | None = None
    conversation: bool = True  # False: out of band, not added to history
    tool_choice: str | None = None  # this response only (None: the session's)

    @classmethod
    def parse(cls, e: dict[str, Any]) -> "ResponseCreate":
        r = _obj(e.get("response") or {}, "response")
        conv = r.get("conversation", "auto")
        if conv not in ("auto", "none", None):
            raise ProtocolError("invalid_value", "response.conversation must be 'auto' or 'none'", param="response.conversation")
        return cls(
            instructions=None if _opt(r, "instructions") is UNSET else _str(r["instructions"], "response.instructions", max_len=MAX_INSTRUCTIONS),
            conversation=conv != "none",
            tool_choice=None if _opt(r, "tool_choice") is UNSET else parse_tool_choice(r["tool_choice"], "response.tool_choice"),
        )


@dataclass(frozen=True)
class ResponseCancel:
    response_id: str | None = None


@dataclass(frozen=True)
class OutputAudioBufferClear:
    pass


ClientEvent = Union[SessionUpdate, AudioAppend, BufferCommit, BufferClear, ItemCreate, ItemDelete, ItemRetrieve,
                    ItemTruncate, ResponseCreate, ResponseCancel, OutputAudioBufferClear]


@dataclass(frozen=True)
class Limits:
    max_audio_append_bytes: int = 512 * 1024
    max_image_bytes: int = 20 * 1024 * 1024


def parse(e: dict[str, Any], limits: Limits) -> ClientEvent:
    """One typed event from a JSON object whose `type` `protocol.parse_client_event` checked."""
    kind = e.get("type")
    if kind == "session.update":
        return SessionUpdate.parse(e)
    if kind == "input_audio_buffer.append":
        return AudioAppend.parse(e, limits.max_audio_append_bytes)
    if kind == "input_audio_buffer.commit":
        return BufferCommit()
    if kind == "input_audio_buffer.clear":
        return BufferClear()
    if kind == "conversation.item.create":
        prev = None if _opt(e, "previous_item_id") is UNSET else _item_id(e["previous_item_id"], "previous_item_id")
        return ItemCreate(NewItem.parse(e.get("item"), limits.max_image_bytes), prev)
    if kind == "conversation.item.delete":
        return ItemDelete(_item_id(e.get("item_id"), "item_id"))
    if kind == "conversation.item.retrieve":
        return ItemRetrieve(_item_id(e.get("item_id"), "item_id"))
    if kind == "conversation.item.truncate":
        return ItemTruncate(_item_id(e.get("item_id"), "item_id"), _int(e.get("content_index", 0), "content_index", 0, 0),
                            _num(e.get("audio_end_ms"), "audio_end_ms", 0, 24 * 3600 * 1000))
    if kind == "response.create":
        return ResponseCreate.parse(e)
    if kind == "response.cancel":
        rid = None if _opt(e, "response_id") is UNSET else _item_id(e["response_id"], "response_id")
        return ResponseCancel(rid)
    if kind == "output_audio_buffer.clear":
        return OutputAudioBufferClear()
    raise ProtocolError("unknown_event_type", f"unknown event type {kind!r}", param="type")
