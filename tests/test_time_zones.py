"""Time differences between places (agent/replies/time_zones.py): worked from the IANA database
on the day asked, summer time included; a clock time converted; never guessed."""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from agent.replies.reply_policy import ReplyPolicy
from agent.replies.time_zones import place_asked_the_time_of, time_between_places

JANUARY = dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.timezone.utc)
MARCH_GAP = dt.datetime(2027, 3, 20, 12, 0, tzinfo=dt.timezone.utc)  # US summer time began on the 14th, the UK's on the 28th


@pytest.mark.parametrize("question, now, worked", [
    ("whats the time difference between london and new york", JANUARY, "London is 5 hours ahead of New York today"),
    ("whats the time difference between london and new york", MARCH_GAP, "London is 4 hours ahead of New York today"),
    # outside9: the 0.5B agreed it would be 8pm in New York
    ("ok so if i ring my sister at 3pm my time in london, its 8pm for her in ny?", JANUARY,
     "3 PM in London is 10 AM in NY (London is 5 hours ahead of NY today)"),
    ("How many hours ahead is India of the UK?", JANUARY, "India is 5 hours and 30 minutes ahead of the UK today"),
    ("My meeting is at 9:30 am in Sydney, what time will it be in London?", JANUARY,
     "9:30 AM in Sydney is 10:30 PM the day before in London (Sydney is 11 hours ahead of London today)"),
    ("Is Lisbon ahead of London?", JANUARY, "Lisbon and London are on the same time today"),
    # a place's name as said, not its title case ("Rio De Janeiro")
    ("whats the time difference between rio de janeiro and the uk", JANUARY, "the UK is 3 hours ahead of Rio de Janeiro today"),
    ("The webinar is at 18:00 in Berlin. What time is that for me in Chicago?", JANUARY,
     "6 PM in Berlin is 11 AM in Chicago (Berlin is 7 hours ahead of Chicago today)"),
])
def test_a_difference_or_a_clock_time_between_two_places_is_worked_out(question, now, worked):
    assert time_between_places(question, now) == worked


@pytest.mark.parametrize("question", [
    "I moved from London to New York, how do I change my iPhone's time zone?",  # no difference asked
    "I'm flying from Paris to Tokyo tomorrow at 10am, how long is the flight?",
    "What's the time difference between London, Paris and Tokyo?",  # three places: left to the model
    "what time is it",
    "My meeting at 3pm ends at what time if it lasts 2 hours?",
])
def test_what_names_no_two_places_or_asks_no_time_gets_no_note(question):
    assert time_between_places(question, JANUARY) == ""


def test_the_time_now_in_one_place_is_the_clock_notes_and_said_there():
    name, zone = place_asked_the_time_of("What time is it in Tokyo right now?")
    assert (name, zone) == ("Tokyo", ZoneInfo("Asia/Tokyo"))
    assert place_asked_the_time_of("What time is it?") is None
    assert place_asked_the_time_of("I live in Tokyo. How do I change my clock?") is None
    note = next(m["content"] for m in ReplyPolicy(None).messages(
        [{"role": "system", "content": "x"}, {"role": "user", "content": "What time is it in Tokyo right now?"}]) if m["role"] == "system"
        and m["content"].startswith("It is now"))
    there = dt.datetime.now(ZoneInfo("Asia/Tokyo"))
    days = {there.strftime("%A"), (there - dt.timedelta(minutes=1)).strftime("%A")}  # the note may be a minute older, across midnight
    assert note.endswith(" in Tokyo.") and any(day in note for day in days), note


# -- the real model, through a real session ---------------------------------------------------------
async def test_the_real_model_says_the_worked_difference(server):
    """The bundled 0.5B with the note: the hours it speaks are today's (it had said 2)."""
    from .test_reply_policy import ask, reply_text

    now = dt.datetime.now(dt.timezone.utc)
    hours = int((now.astimezone(ZoneInfo("Europe/London")).utcoffset() - now.astimezone(ZoneInfo("America/New_York")).utcoffset())
                .total_seconds() // 3600)
    (resp,) = await ask(server, "whats the time difference between london and new york")
    text = reply_text(resp)
    assert re.search(rf"\b{hours}\b|\b{['zero', 'one', 'two', 'three', 'four', 'five', 'six'][hours]}\b", text, re.I), text
    assert not re.search(r"\b2 hours\b|\btwo hours\b", text, re.I), text
