"""Tools as a standard Realtime client meets them, with the real bundled model.

A client tool's call ends the response (nothing is spoken after it), its arguments fit the
tool's schema, the answer after `function_call_output` uses the output, `tool_choice` is
honoured, and a tool Parley runs itself never reaches the client as a function call.
Every event is checked as a strict client checks it (tests/realtime_client.py).
"""
from __future__ import annotations

import json
from typing import Any

from .realtime_client import RawClient

LOOKUP_ORDER = {
    "type": "function", "name": "lookup_order", "description": "Look up the delivery status of a customer's order by its order number.",
    "parameters": {"type": "object", "properties": {"order_id": {"type": "string", "description": "the order number"}},
                   "required": ["order_id"]},
}
SET_THERMOSTAT = {
    "type": "function", "name": "set_thermostat", "description": "Set the home thermostat to a temperature.",
    "parameters": {"type": "object", "properties": {"celsius": {"type": "number"},
                                                    "room": {"type": "string", "enum": ["living room", "bedroom", "kitchen"]}},
                   "required": ["celsius"]},
}


def user_text(text: str) -> dict[str, Any]:
    return {"type": "conversation.item.create", "item": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}}


async def ask(c: RawClient, text: str, **response: Any) -> dict[str, Any]:
    await c.send(user_text(text))
    await c.send({"type": "response.create", **({"response": response} if response else {})})
    return (await c.wait_for("response.done", timeout=120))["response"]


def calls_in(response: dict[str, Any]) -> list[dict[str, Any]]:
    return [it for it in response["output"] if it["type"] == "function_call"]


def spoken(response: dict[str, Any]) -> str:
    return " ".join(p.get("transcript") or "" for it in response["output"] if it["type"] == "message" for p in it["content"])


async def test_a_client_tool_round_trips(server):
    c = await RawClient.connect(server.ws + "/realtime")
    try:
        await c.configure(tools=[LOOKUP_ORDER, SET_THERMOSTAT])
        first = await ask(c, "Where is my order number 4417? It has not arrived.")
        assert first["status"] == "completed"
        calls = calls_in(first)
        assert [call["name"] for call in calls] == ["lookup_order"], first
        assert json.loads(calls[0]["arguments"]) == {"order_id": "4417"}
        assert first["output"][-1]["type"] == "function_call"  # the response ends with the call
        assert "not sure" not in spoken(first).lower()  # no canned words while the client's tool runs
        added = [e for e in c.events if e["type"] == "response.output_item.added" and e["item"]["type"] == "function_call"]
        assert [e["item"]["status"] for e in added] == ["in_progress"]  # done (completed) only once the arguments are whole
        await c.send({"type": "conversation.item.create", "item": {"type": "function_call_output", "call_id": calls[0]["call_id"],
                      "output": json.dumps({"status": "shipped", "carrier": "DHL", "expected": "Thursday"})}})
        await c.send({"type": "response.create"})
        follow = (await c.wait_for("response.done", timeout=120))["response"]
        said = spoken(follow).lower()
        assert not calls_in(follow), follow  # the same call is not made again
        assert "thursday" in said or "dhl" in said or "shipped" in said, said
    finally:
        await c.close()


async def test_tool_choice_is_honoured(server):
    c = await RawClient.connect(server.ws + "/realtime")
    try:
        await c.configure(tools=[LOOKUP_ORDER, SET_THERMOSTAT], tool_choice="none")
        none = await ask(c, "Where is my order number 4417?")
        assert not calls_in(none) and spoken(none)
        named = await ask(c, "Make it warmer in the bedroom, 22 degrees please.",
                          tool_choice={"type": "function", "name": "set_thermostat"})
        calls = calls_in(named)
        assert [call["name"] for call in calls] == ["set_thermostat"], named
        args = json.loads(calls[0]["arguments"])
        assert args["celsius"] == 22 and args.get("room", "bedroom") in ("bedroom", "living room", "kitchen")
        await c.send({"type": "conversation.item.create", "item": {"type": "function_call_output", "call_id": calls[0]["call_id"], "output": "ok"}})
        required = await ask(c, "Thanks. And what about my order 5521?", tool_choice="required")
        assert [call["name"] for call in calls_in(required)] == ["lookup_order"], required
        assert json.loads(calls_in(required)[0]["arguments"]) == {"order_id": "5521"}
    finally:
        await c.close()


async def test_a_builtin_tool_never_reaches_the_client_as_a_function_call(server):
    """With no client tools, Parley may run its own (the time); the client sees only the answer."""
    import datetime as dt

    c = await RawClient.connect(server.ws + "/realtime")
    try:
        await c.configure()
        response = await ask(c, "What time is it right now?", tool_choice="required")
        assert not calls_in(response), response
        assert not [e for e in c.events if e["type"].startswith("response.function_call")
                    or (e.get("item") or {}).get("type") in ("function_call", "function_call_output")], c.events
        session = next(s for s in server.runtime.sessions.values() if any(i.internal for i in s.conversation.items))
        assert session.tools.calls_run == ["get_current_time"]
        # ... the history the model reads has the call and its output; the items the client can fetch do not
        internal = [i for i in session.conversation.items if i.internal]
        assert [i.type for i in internal] == ["function_call", "function_call_output"]
        await c.send({"type": "conversation.item.retrieve", "item_id": internal[0].id})
        assert (await c.wait_for("error"))["error"]["code"] == "item_not_found"
        now = dt.datetime.now().astimezone()
        said = spoken(response)
        assert str(now.hour % 12 or 12) in said or f"{now.hour:02d}" in said, said
    finally:
        await c.close()


async def test_builtin_tools_are_not_offered_beside_the_clients(server):
    c = await RawClient.connect(server.ws + "/realtime")
    try:
        await c.configure(tools=[LOOKUP_ORDER], tool_choice="required")
        response = await ask(c, "What time is it? And where is my order 4417?")
        assert [call["name"] for call in calls_in(response)] == ["lookup_order"]  # the only tool there is
    finally:
        await c.close()


async def test_parley_events_only_on_request(server):
    """A spoken turn on two sessions: only the one that asked gets parley.turn.metrics."""
    import numpy as np

    from .conftest import silence, speech

    audio = np.concatenate([silence(0.3), speech(server.runtime, "What is the capital of France?"), silence(1.2)])
    plain = await RawClient.connect(server.ws + "/realtime")
    wants = await RawClient.connect(server.ws + "/realtime")
    try:
        await plain.configure()
        await wants.configure(parley={"events": True})
        for c in (plain, wants):
            await c.stream_audio(audio)
            await c.wait_for("response.done", timeout=120)
        assert wants.of("parley.turn.metrics")  # sent before response.done
        assert not [e for e in plain.events if e["type"].startswith("parley.")]
    finally:
        await plain.close()
        await wants.close()


async def test_tool_definitions_are_checked(server):
    c = await RawClient.connect(server.ws + "/realtime")
    try:
        bad = {**LOOKUP_ORDER, "description": "x" * 9000}
        await c.send({"type": "session.update", "session": {"type": "realtime", "tools": [bad]}})
        err = (await c.wait_for("error"))["error"]
        assert (err["code"], err["param"]) == ("invalid_value", "session.tools[0]")
        await c.send({"type": "session.update", "session": {"type": "realtime", "tools": [LOOKUP_ORDER, LOOKUP_ORDER]}})
        assert (await c.wait_for("error"))["error"]["code"] == "invalid_tools"
        await c.send({"type": "session.update", "session": {"type": "realtime", "tool_choice": {"type": "function", "name": "no such"}}})
        assert (await c.wait_for("error"))["error"]["param"] == "session.tool_choice.name"
        await c.send(user_text("hi"))
        await c.wait_for("conversation.item.done")
        item_id = c.of("conversation.item.done")[-1]["item"]["id"]
        await c.send({"type": "conversation.item.create", "item": {"id": item_id, "type": "message", "role": "user",
                      "content": [{"type": "input_text", "text": "again"}]}})
        assert (await c.wait_for("error"))["error"]["code"] == "item_id_in_use"
    finally:
        await c.close()
