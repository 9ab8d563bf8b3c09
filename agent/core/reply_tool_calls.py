"""The tools a response offers the model each round, and which of the model's tool calls
it passes on (agent/core/response.py).

A call is passed on when it names an offered tool, with arguments that fit its schema and
that the user gave (models/llm/tool_calls.py), and was not made and answered already.
"""
from __future__ import annotations

import dataclasses
import json
import logging
from typing import Any

from models.llm.tool_calls import tool_name, ungrounded, valid_call, without_made_up_options

from agent.replies.tools import ToolBox

from .conversation import Conversation
from .turn_metrics import TurnMetrics

log = logging.getLogger("parley.response")


def offered_tools(
    offered: list[dict[str, Any]] | None, tool_choice: str, round_: int, calls_allowed: bool
) -> tuple[list[dict[str, Any]] | None, str | None]:
    """The tools the model sees this round (`offered`: the response's tool schemas), and the
    tool choice passed to it (None: the model decides). A forced choice holds for the first
    round only: once a tool ran, the model answers with its result. With `calls_allowed`
    false the tools stay in the prompt (its cached prefix holds) but the model may not call one."""
    if not offered:
        return None, None
    if tool_choice == "none" or not calls_allowed:
        return offered, "none"
    choice = tool_choice if round_ == 0 else "auto"
    if choice not in ("auto", "required") and choice not in {tool_name(t) for t in offered}:
        log.warning("tool_choice names %r, which is not offered; the model decides", choice)
        choice = "auto"
    return offered, None if choice == "auto" else choice


def recent_user_text(conversation: Conversation, turns: int = 2) -> str:
    """What the user said in the last `turns` messages: a call's values must be in it. The
    message before the last still grounds a follow-up ("It's order 815." "Can you check it?");
    with three, Pipecat's "Wipe the grease off his dirty face." grounded a second lookup of the
    order 815 asked about two questions before."""
    said = [it.text for it in conversation.items if it.type == "message" and it.role == "user"]
    return " ".join(said[-turns:])


def answered_calls(conversation: Conversation) -> set[tuple[str, str]]:
    """The calls made and answered since the user last spoke: calling one again would
    only loop (a small model does, given its own result)."""
    out: set[tuple[str, str]] = set()
    answered = set()
    for item in reversed(conversation.items):
        if item.type == "message" and item.role == "user":
            break
        if item.type == "function_call_output":
            answered.add(item.call_id)
        elif item.type == "function_call" and item.call_id in answered:
            out.add(call_key(item.name, item.arguments))
    return out


def call_verdict(
    call: Any,
    offered: list[dict[str, Any]],
    seen: set[tuple[str, str]],
    ruled_out: set[str],
    *,
    response_id: str,
    tools: ToolBox,
    conversation: Conversation,
    metrics: TurnMetrics,
) -> tuple[str, Any]:
    """("", call) when the call is passed on: it names an offered tool, with arguments that
    fit its schema and that the user gave (models/llm/tool_calls.py: ungrounded), and was
    not made and answered already (`seen`, to which it is added). Optional arguments the
    user never gave are taken out of it first. Else ("invalid" | "made_up" | "repeat", call)."""
    why = valid_call(offered, call.name, call.arguments)
    if why:
        log.warning("response %s: dropped a tool call of %r (%s)", response_id, call.name, why)
        metrics.rejected_calls += 1
        return "invalid", call
    if not tools.is_server_tool(call.name):
        said = recent_user_text(conversation)
        arguments, dropped = without_made_up_options(offered, call.name, call.arguments, said)
        if dropped:
            log.info("response %s: call of %r without the optional %s the user never gave", response_id, call.name, ", ".join(dropped))
            call = dataclasses.replace(call, arguments=arguments)
        made_up = ungrounded(offered, call.name, call.arguments, said, strict=bool(ruled_out))
        if made_up:
            log.warning("response %s: dropped a tool call of %r (its %s is not in what the user said)", response_id, call.name,
                        made_up.split("=")[0])  # the key only: the value may hold what the user said
            metrics.rejected_calls += 1
            return "made_up", call
    key = call_key(call.name, call.arguments)
    if key in seen:
        log.info("response %s: dropped a repeated call of %r", response_id, call.name)
        return "repeat", call
    seen.add(key)
    return "", call


def call_key(name: str, arguments: str) -> tuple[str, str]:
    """A call, with its arguments in a canonical form (key order and spacing do not matter)."""
    try:
        return name, json.dumps(json.loads(arguments or "{}"), sort_keys=True)
    except ValueError:
        return name, arguments
