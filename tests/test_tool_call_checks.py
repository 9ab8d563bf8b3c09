"""What a tool call may carry (models/llm/tool_calls.py): values the user gave, not ones the
model made up. Unit tests of the checks every call from any backend goes through."""
from __future__ import annotations

import json

from models.llm.tool_calls import ungrounded, valid_call, without_made_up_options

CANCEL = {"type": "function", "name": "cancel_order", "parameters": {"type": "object", "properties": {
    "order_id": {"type": "string"}, "reason": {"type": "string"}}, "required": ["order_id"]}}
THERMO = {"type": "function", "name": "set_thermostat", "parameters": {"type": "object", "properties": {
    "celsius": {"type": "number"}, "room": {"type": "string", "enum": ["living room", "bedroom"]}}, "required": ["celsius"]}}
TABLE = {"type": "function", "name": "book_table", "parameters": {"type": "object", "properties": {
    "restaurant": {"type": "string"}, "party_size": {"type": "integer"}, "time": {"type": "string"}}, "required": ["restaurant", "party_size"]}}
TICKET = {"type": "function", "name": "create_ticket", "parameters": {"type": "object", "properties": {
    "summary": {"type": "string"}, "priority": {"type": "string", "enum": ["low", "high"]}}, "required": ["summary", "priority"]}}
TOOLS = [CANCEL, THERMO, TABLE, TICKET]


def strip(name: str, args: dict, said: str) -> tuple[dict, list[str]]:
    out, dropped = without_made_up_options(TOOLS, name, json.dumps(args), said)
    return json.loads(out), dropped


def test_an_optional_value_the_user_never_gave_is_taken_out():
    args, dropped = strip("cancel_order", {"order_id": "3300", "reason": "The customer cancels because they said."}, "I want to cancel order 3300.")
    assert (args, dropped) == ({"order_id": "3300"}, ["reason"])
    assert ungrounded(TOOLS, "cancel_order", json.dumps(args), "I want to cancel order 3300.") == ""
    # a time nobody said: the booking is right without it
    assert strip("book_table", {"restaurant": "Blue Fig", "party_size": 2, "time": "19:30"}, "A table for two at the Blue Fig?") == \
        ({"restaurant": "Blue Fig", "party_size": 2}, ["time"])
    # an optional enum nobody named ("the heating", no room)
    assert strip("set_thermostat", {"celsius": 23, "room": "living room"}, "Turn the heating up to 23 degrees.") == ({"celsius": 23}, ["room"])


def test_optional_values_the_user_gave_stay():
    assert strip("cancel_order", {"order_id": "4040", "reason": "found it cheaper elsewhere"},
                 "Cancel order 4040 because I found it cheaper elsewhere.") == ({"order_id": "4040", "reason": "found it cheaper elsewhere"}, [])
    assert strip("set_thermostat", {"celsius": 17, "room": "bedroom"}, "Cool the bedroom down to 17 degrees.")[1] == []
    assert strip("book_table", {"restaurant": "Luigi's", "party_size": 4, "time": "19:30"}, "Table for four at Luigi's at 7:30.")[1] == []


def test_required_values_are_never_taken_out_and_a_made_up_one_refuses_the_call():
    args, dropped = strip("cancel_order", {"order_id": "12345"}, "Hello, how are you?")
    assert dropped == [] and args == {"order_id": "12345"}
    assert ungrounded(TOOLS, "cancel_order", json.dumps(args), "Hello, how are you?") == "order_id='12345'"
    # a required enum is the model's to choose ("urgent" -> high); a copied tool description is not the user's
    assert ungrounded(TOOLS, "create_ticket", json.dumps({"summary": "whole office lost internet", "priority": "high"}),
                      "Our whole office has lost internet, open an urgent ticket.") == ""
    assert ungrounded(TOOLS, "create_ticket", json.dumps({"summary": "Open a support ticket for a problem.", "priority": "low"}),
                      "Book a table for two.").startswith("summary=")


def test_what_is_not_a_call_is_left_to_valid_call():
    assert without_made_up_options(TOOLS, "cancel_order", "{not json", "x") == ("{not json", [])
    assert without_made_up_options(TOOLS, "no_such_tool", '{"a": 1}', "x") == ('{"a": 1}', [])
    assert valid_call(TOOLS, "no_such_tool", "{}") == "'no_such_tool' was not offered"
    assert valid_call(TOOLS, "set_thermostat", '{"room": "bedroom"}').startswith("arguments do not fit the schema")


def test_an_optional_time_keeps_only_numbers_the_user_said():
    said = "Get us a table for six at Sakura at eight."
    assert strip("book_table", {"restaurant": "Sakura", "party_size": 6, "time": "8:30"}, said)[1] == ["time"]
    assert strip("book_table", {"restaurant": "Sakura", "party_size": 6, "time": "20:00"}, said)[1] == []
    assert strip("book_table", {"restaurant": "Sakura", "party_size": 6, "time": "08:00"}, said)[1] == []


def test_a_number_the_transcript_wrote_in_groups_is_the_number_said():
    """Whisper writes a spoken order number as "4,417" or "90,210"."""
    assert ungrounded(TOOLS, "cancel_order", json.dumps({"order_id": "4417"}), "Cancel my order 4,417.") == ""
    assert ungrounded(TOOLS, "cancel_order", json.dumps({"order_id": "90210"}), "Cancel order number 90,210 for me.") == ""
    assert ungrounded(TOOLS, "cancel_order", json.dumps({"order_id": "4418"}), "Cancel my order 4,417.") == "order_id='4418'"


def test_a_value_said_two_questions_ago_no_longer_grounds_a_call():
    """Pipecat's session: "Can you check my order 815?", a question about photos, then a read
    sentence about a dirty face, which the 0.5B answered with a second lookup of 815."""
    from agent.core.conversation import Conversation, Item
    from agent.core.reply_tool_calls import call_verdict
    from agent.core.turn_metrics import TurnMetrics
    from agent.replies.tools import ToolBox
    from models.llm.events import ToolCall

    def verdict(*said: str) -> str:
        conv = Conversation()
        for text in said:
            conv.add(Item(type="message", role="user", text=text))
        call = ToolCall("c1", "cancel_order", json.dumps({"order_id": "815"}))
        return call_verdict(call, TOOLS, set(), set(), response_id="r", tools=ToolBox(), conversation=conv, metrics=TurnMetrics())[0]

    assert verdict("Can you check my order 815?", "Wipe the grease off his dirty face.") == ""  # a follow-up's context
    assert verdict("Can you check my order 815?", "How do I back up my photos?", "Wipe the grease off his dirty face.") == "made_up"
