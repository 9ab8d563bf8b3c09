"""Tool-calling cases for bench/tools.py: seven client tools of different shapes and the
questions a user might ask of them (or that need no tool at all).

Shapes: a required string id (lookup_order), the same id in a tool it could be confused
with (cancel_order, with an optional reason), a number with an optional enum
(set_thermostat), a required enum (create_ticket), two numbers and two strings
(convert_currency), an optional enum (get_weather), and an integer with a time string
(book_table).

Each case: the question; the tool expected (None: no tool may be called); the arguments
that must be there (values compared loosely: case, spaces, 22 == 22.0); the output the test
gives the tool; words of which one must be in the follow-up reply. `held_out` cases were
written after the tools and the first half, and are reported apart; nothing was tuned on them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TOOLS: list[dict[str, Any]] = [
    {"type": "function", "name": "lookup_order", "description": "Look up the delivery status of a customer's order by its order number.",
     "parameters": {"type": "object", "properties": {"order_id": {"type": "string", "description": "the order number, digits only"}},
                    "required": ["order_id"]}},
    {"type": "function", "name": "cancel_order", "description": "Cancel a customer's order that has not shipped yet.",
     "parameters": {"type": "object", "properties": {"order_id": {"type": "string", "description": "the order number, digits only"},
                                                     "reason": {"type": "string", "description": "why the customer cancels, if they said"}},
                    "required": ["order_id"]}},
    {"type": "function", "name": "set_thermostat", "description": "Set the home thermostat to a temperature in degrees Celsius.",
     "parameters": {"type": "object", "properties": {"celsius": {"type": "number"},
                                                     "room": {"type": "string", "enum": ["living room", "bedroom", "kitchen"]}},
                    "required": ["celsius"]}},
    {"type": "function", "name": "create_ticket", "description": "Open a support ticket for a problem the user cannot solve themselves.",
     "parameters": {"type": "object", "properties": {"summary": {"type": "string", "description": "one line describing the problem"},
                                                     "priority": {"type": "string", "enum": ["low", "normal", "high"]}},
                    "required": ["summary", "priority"]}},
    {"type": "function", "name": "convert_currency", "description": "Convert an amount of money from one currency to another.",
     "parameters": {"type": "object", "properties": {"amount": {"type": "number"},
                                                     "from_currency": {"type": "string", "description": "ISO code, e.g. USD"},
                                                     "to_currency": {"type": "string", "description": "ISO code, e.g. EUR"}},
                    "required": ["amount", "from_currency", "to_currency"]}},
    {"type": "function", "name": "get_weather", "description": "Get the current weather in a city.",
     "parameters": {"type": "object", "properties": {"city": {"type": "string"},
                                                     "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
                    "required": ["city"]}},
    {"type": "function", "name": "book_table", "description": "Book a table at a restaurant.",
     "parameters": {"type": "object", "properties": {"restaurant": {"type": "string"}, "party_size": {"type": "integer"},
                                                     "time": {"type": "string", "description": "e.g. 19:30"}},
                    "required": ["restaurant", "party_size"]}},
]


@dataclass(frozen=True)
class ToolCase:
    id: str
    question: str
    tool: str | None
    args: dict[str, Any] = field(default_factory=dict)
    output: str = ""
    follow_words: tuple[str, ...] = ()
    held_out: bool = False


CASES: list[ToolCase] = [
    # -- lookup_order / cancel_order (confusable) ------------------------------------------------
    ToolCase("order-status", "Where is my order 4417? It still hasn't arrived.", "lookup_order", {"order_id": "4417"},
             '{"status": "shipped", "carrier": "DHL", "expected": "Thursday"}', ("thursday", "dhl", "shipped")),
    ToolCase("order-track", "Can you track order number 90210 for me?", "lookup_order", {"order_id": "90210"},
             '{"status": "out for delivery", "expected": "today"}', ("today", "delivery")),
    ToolCase("order-cancel", "Please cancel my order 5521, I ordered the wrong size.", "cancel_order", {"order_id": "5521"},
             '{"cancelled": true, "refund": "5 business days"}', ("cancel", "refund", "five", "5")),
    ToolCase("order-cancel-plain", "I want to cancel order 3300.", "cancel_order", {"order_id": "3300"},
             '{"cancelled": false, "why": "already shipped"}', ("shipped", "can't", "cannot", "not")),
    ToolCase("order-when", "When will order 1288 be delivered?", "lookup_order", {"order_id": "1288"},
             '{"status": "processing", "expected": "next Monday"}', ("monday",)),
    # -- set_thermostat -------------------------------------------------------------------------
    ToolCase("thermo-bedroom", "Set the bedroom to 20 degrees.", "set_thermostat", {"celsius": 20, "room": "bedroom"},
             '{"ok": true, "celsius": 20, "room": "bedroom"}', ("20", "twenty", "bedroom")),
    ToolCase("thermo-plain", "Turn the heating up to 23 degrees please.", "set_thermostat", {"celsius": 23},
             '{"ok": true, "celsius": 23}', ("23", "twenty-three", "twenty three")),
    ToolCase("thermo-kitchen", "Make the kitchen 18 degrees.", "set_thermostat", {"celsius": 18, "room": "kitchen"},
             '{"ok": true}', ("18", "eighteen", "kitchen")),
    # -- create_ticket --------------------------------------------------------------------------
    ToolCase("ticket-urgent", "Our whole office has lost internet, please open an urgent ticket.", "create_ticket", {"priority": "high"},
             '{"ticket": "T-1042"}', ("1042", "t-1042", "ticket")),
    ToolCase("ticket-low", "Open a low priority ticket: my second monitor flickers sometimes.", "create_ticket", {"priority": "low"},
             '{"ticket": "T-2210"}', ("2210", "ticket")),
    # -- convert_currency -----------------------------------------------------------------------
    ToolCase("fx-usd-eur", "How much is 100 US dollars in euros?", "convert_currency",
             {"amount": 100, "from_currency": "USD", "to_currency": "EUR"}, '{"result": 92.4, "currency": "EUR"}', ("92",)),
    ToolCase("fx-gbp-jpy", "Convert 50 pounds to Japanese yen.", "convert_currency",
             {"amount": 50, "from_currency": "GBP", "to_currency": "JPY"}, '{"result": 9450, "currency": "JPY"}', ("9450", "9,450", "nine thousand")),
    # -- get_weather ----------------------------------------------------------------------------
    ToolCase("weather-paris", "What's the weather like in Paris right now?", "get_weather", {"city": "Paris"},
             '{"condition": "light rain", "celsius": 12}', ("rain", "12", "twelve")),
    ToolCase("weather-f", "How hot is it in Phoenix, in Fahrenheit?", "get_weather", {"city": "Phoenix", "unit": "fahrenheit"},
             '{"condition": "sunny", "fahrenheit": 104}', ("104", "sunny", "hundred")),
    # -- book_table -----------------------------------------------------------------------------
    ToolCase("table-4", "Book a table for four at Luigi's at 7:30 tonight.", "book_table", {"restaurant": "Luigi's", "party_size": 4},
             '{"booked": true, "time": "19:30"}', ("7:30", "19:30", "booked", "seven thirty")),
    ToolCase("table-2", "Can you reserve a table for two at the Blue Fig?", "book_table", {"restaurant": "Blue Fig", "party_size": 2},
             '{"booked": false, "why": "fully booked tonight"}', ("full", "booked", "not", "unavailable")),
    # -- no tool --------------------------------------------------------------------------------
    ToolCase("none-capital", "What is the capital of Italy?", None, follow_words=("rome",)),
    ToolCase("none-hello", "Hi there, how are you today?", None),
    ToolCase("none-thanks", "Thanks, that's all I needed.", None),
    ToolCase("none-password", "How do I change my password on Windows?", None, follow_words=("password",)),
    # -- held out: written after the first half, never tuned on ---------------------------------
    ToolCase("h-order-late", "My package, order 7781, is a week late. What's going on with it?", "lookup_order", {"order_id": "7781"},
             '{"status": "held at customs", "expected": "unknown"}', ("customs",), True),
    ToolCase("h-order-status2", "Check the status of order 66012.", "lookup_order", {"order_id": "66012"},
             '{"status": "delivered", "signed_by": "front desk"}', ("delivered", "front desk"), True),
    ToolCase("h-cancel-reason", "Cancel order 4040 because I found it cheaper elsewhere.", "cancel_order", {"order_id": "4040"},
             '{"cancelled": true}', ("cancel",), True),
    ToolCase("h-cancel-2", "I don't need order 8123 anymore, stop it please.", "cancel_order", {"order_id": "8123"},
             '{"cancelled": true}', ("cancel", "stopped"), True),
    ToolCase("h-thermo-living", "It's cold, put the living room on 22.", "set_thermostat", {"celsius": 22, "room": "living room"},
             '{"ok": true}', ("22", "twenty-two", "twenty two", "living"), True),
    ToolCase("h-thermo-cool", "Cool the bedroom down to 17 degrees.", "set_thermostat", {"celsius": 17, "room": "bedroom"},
             '{"ok": true}', ("17", "seventeen"), True),
    ToolCase("h-ticket-normal", "Please file a ticket, normal priority: the printer on floor two jams.", "create_ticket", {"priority": "normal"},
             '{"ticket": "T-3307"}', ("3307", "ticket"), True),
    ToolCase("h-ticket-high", "The payroll server is down and nobody can get paid, raise a high priority ticket now.", "create_ticket",
             {"priority": "high"}, '{"ticket": "T-0001"}', ("ticket", "0001", "one"), True),
    ToolCase("h-fx-eur-usd", "What is 250 euros in US dollars?", "convert_currency",
             {"amount": 250, "from_currency": "EUR", "to_currency": "USD"}, '{"result": 270.5, "currency": "USD"}', ("270",), True),
    ToolCase("h-fx-cad", "Convert 80 Canadian dollars to euros.", "convert_currency",
             {"amount": 80, "from_currency": "CAD", "to_currency": "EUR"}, '{"result": 54.1, "currency": "EUR"}', ("54",), True),
    ToolCase("h-weather-tokyo", "Is it raining in Tokyo?", "get_weather", {"city": "Tokyo"},
             '{"condition": "clear", "celsius": 9}', ("clear", "not", "no"), True),
    ToolCase("h-weather-oslo", "Tell me the temperature in Oslo in Celsius.", "get_weather", {"city": "Oslo", "unit": "celsius"},
             '{"condition": "snow", "celsius": -4}', ("-4", "minus four", "snow", "4"), True),
    ToolCase("h-table-6", "Get us a table for six at Sakura at eight.", "book_table", {"restaurant": "Sakura", "party_size": 6},
             '{"booked": true, "time": "20:00"}', ("booked", "8", "eight", "20:00"), True),
    ToolCase("h-table-1", "Reserve a table for one at Nando's at noon.", "book_table", {"restaurant": "Nando's", "party_size": 1},
             '{"booked": true, "time": "12:00"}', ("booked", "noon", "12"), True),
    ToolCase("h-none-math", "What is seven times eight?", None, follow_words=("56", "fifty-six", "fifty six"), held_out=True),
    ToolCase("h-none-joke", "Tell me something interesting about octopuses.", None, held_out=True),
    ToolCase("h-none-wifi", "My wifi keeps dropping, any tips?", None, held_out=True),
    ToolCase("h-none-who", "Who wrote Romeo and Juliet?", None, follow_words=("shakespeare",), held_out=True),
    ToolCase("h-none-orderq", "What does an order number usually look like?", None, held_out=True),
    ToolCase("h-none-weatherq", "Why is the sky blue?", None, follow_words=("light", "scatter"), held_out=True),
]
