"""Time differences between places, worked out before the model answers, from the IANA time
zone database (the standard library's `zoneinfo`, with the `tzdata` package where the system
has none) on today's date, so summer time is counted where it is in force.

The 0.5B model said "London and New York are 2 hours apart" and agreed that 3 PM in London
is 8 PM in New York (bench/reply_cases_outside9.py). Three shapes, each only when the words
name places this table knows and ask for it; nothing is guessed:

* the difference between two places: "time difference between London and New York", "how
  many hours ahead is Tokyo": "London is 5 hours ahead of New York today";
* a clock time in one place said in the other: "if I ring at 3pm my time in London, what time
  is it in New York": "3 PM in London is 10 AM in New York";
* the time now in one place: "what time is it in Tokyo" (`place_asked_the_time_of`; the
  policy's clock note says it, fixed when first asked as the local time is).

A clock time belongs to the place named nearest to it. Places with more than one zone (the
United States, Australia, Texas) are not in the table: their cities are.
"""
from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

# the names not said in title case ("Rio De Janeiro", "The Uk")
_SAID_AS = {"ny": "NY", "nyc": "NYC", "the uk": "the UK", "the uae": "the UAE", "washington dc": "Washington DC",
            "the netherlands": "the Netherlands", "the philippines": "the Philippines", "rio de janeiro": "Rio de Janeiro"}
# name as typed -> (name as said, IANA zone)
_PLACES: dict[str, tuple[str, str]] = {}
for _zone, _names in {
    "Europe/London": "london|the uk|england|britain|scotland|wales|edinburgh|manchester",
    "Europe/Dublin": "dublin|ireland",
    "Europe/Lisbon": "lisbon|portugal",
    "Europe/Paris": "paris|france",
    "Europe/Berlin": "berlin|germany|munich|frankfurt",
    "Europe/Madrid": "madrid|spain|barcelona",
    "Europe/Rome": "rome|italy|milan",
    "Europe/Amsterdam": "amsterdam|the netherlands|holland",
    "Europe/Brussels": "brussels|belgium",
    "Europe/Zurich": "zurich|switzerland|geneva",
    "Europe/Vienna": "vienna|austria",
    "Europe/Stockholm": "stockholm|sweden",
    "Europe/Oslo": "oslo|norway",
    "Europe/Copenhagen": "copenhagen|denmark",
    "Europe/Warsaw": "warsaw|poland",
    "Europe/Helsinki": "helsinki|finland",
    "Europe/Athens": "athens|greece",
    "Europe/Istanbul": "istanbul|turkey",
    "Europe/Kyiv": "kyiv|kiev|ukraine",
    "Europe/Moscow": "moscow",
    "Africa/Cairo": "cairo|egypt",
    "Africa/Lagos": "lagos|nigeria",
    "Africa/Nairobi": "nairobi|kenya",
    "Africa/Johannesburg": "johannesburg|cape town|south africa",
    "Asia/Dubai": "dubai|abu dhabi|the uae",
    "Asia/Karachi": "karachi|lahore|pakistan",
    "Asia/Kolkata": "india|delhi|new delhi|mumbai|bangalore|bengaluru|chennai|kolkata",
    "Asia/Dhaka": "dhaka|bangladesh",
    "Asia/Bangkok": "bangkok|thailand",
    "Asia/Singapore": "singapore",
    "Asia/Kuala_Lumpur": "kuala lumpur|malaysia",
    "Asia/Jakarta": "jakarta",
    "Asia/Manila": "manila|the philippines",
    "Asia/Hong_Kong": "hong kong",
    "Asia/Shanghai": "china|beijing|shanghai",
    "Asia/Taipei": "taipei|taiwan",
    "Asia/Seoul": "seoul|south korea",
    "Asia/Tokyo": "tokyo|japan|osaka",
    "Australia/Sydney": "sydney|melbourne|canberra",
    "Australia/Brisbane": "brisbane",
    "Australia/Perth": "perth",
    "Pacific/Auckland": "auckland|wellington|new zealand",
    "America/New_York": "new york|nyc|ny|boston|washington dc|miami|atlanta|philadelphia|toronto|montreal|florida",
    "America/Chicago": "chicago|dallas|houston",
    "America/Denver": "denver",
    "America/Phoenix": "phoenix|arizona",
    "America/Los_Angeles": "los angeles|san francisco|seattle|vancouver|california|las vegas",
    "America/Mexico_City": "mexico city",
    "America/Sao_Paulo": "sao paulo|são paulo|rio de janeiro|rio",
    "America/Argentina/Buenos_Aires": "buenos aires|argentina",
    "Pacific/Honolulu": "hawaii|honolulu",
}.items():
    for _name in _names.split("|"):
        _PLACES[_name] = (_SAID_AS.get(_name) or _name.title(), _zone)

_PLACE = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, _PLACES), key=len, reverse=True)) + r")(?![\w-])", re.I)
_CLOCK = re.compile(r"(?<![\d:.])(?P<hour>\d{1,2})(?::(?P<minute>[0-5]\d))?\s*(?P<half>[ap])\.?\s?m\b\.?|(?<![\d:.])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])", re.I)
_ASKS_DIFFERENCE = re.compile(r"\btime difference\b|\bdifference in (?:the )?time\b|\bhours? (?:ahead|behind)\b|\bhow (?:many hours|far) (?:ahead|behind)\b"
                              r"|\b(?:ahead|behind) of\b|\bhow many hours\b[^.?!]{0,40}\b(?:apart|between|difference)\b", re.I)
_ASKS_CLOCK = re.compile(r"\bwhat time\b|\bwhat(?:'s| is) (?:the )?time\b|\btime (?:is it|will it be|would it be|for (?:her|him|them|me|you))\b"
                         r"|\b(?:it'?s|is it|be|that'?s|that is)\s+\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b|\bfor (?:her|him|them)\b", re.I)
_ASKS_NOW = re.compile(r"\bwhat time is it (?:now |right now )?in\b|\bwhat(?:'s| is) the time (?:now |right now )?in\b|\bcurrent time in\b", re.I)


def _said(value: dt.datetime) -> str:
    return value.strftime("%-I:%M %p").replace(":00 ", " ")


def _hours(delta: dt.timedelta) -> str:
    minutes = abs(int(delta.total_seconds())) // 60
    hours, rest = divmod(minutes, 60)
    text = f"{hours} hour{'s' if hours != 1 else ''}" if hours else ""
    return f"{text} and {rest} minutes" if text and rest else text or f"{rest} minutes"


def _places(text: str) -> list[tuple[int, str, str]]:
    """(position, name, zone) of each place named, in order; one entry per zone."""
    seen: dict[str, tuple[int, str, str]] = {}
    for m in _PLACE.finditer(text):
        name, zone = _PLACES[m[1].lower()]
        seen.setdefault(zone, (m.start(), name, zone))
    return sorted(seen.values())


def place_asked_the_time_of(text: str) -> tuple[str, ZoneInfo] | None:
    """"What time is it in Tokyo?": the one place named, as said, and its zone; or None."""
    places = _places(text)
    if len(places) != 1 or not _ASKS_NOW.search(text) or _CLOCK.search(text):
        return None
    _, name, zone = places[0]
    return name, ZoneInfo(zone)


def time_between_places(text: str, now: dt.datetime | None = None) -> str:
    """The difference between two places, or a clock time in one said in the other; or ""."""
    places = _places(text)
    now = now or dt.datetime.now(dt.timezone.utc)
    if len(places) != 2:
        return ""
    (pos_a, name_a, zone_a), (pos_b, name_b, zone_b) = places
    offset_a = now.astimezone(ZoneInfo(zone_a)).utcoffset() or dt.timedelta()
    offset_b = now.astimezone(ZoneInfo(zone_b)).utcoffset() or dt.timedelta()
    diff = offset_a - offset_b
    if not diff:
        difference = f"{name_a} and {name_b} are on the same time today"
    else:
        ahead, behind = (name_a, name_b) if diff > dt.timedelta() else (name_b, name_a)
        difference = f"{ahead} is {_hours(diff)} ahead of {behind} today"
    clocks = list(_CLOCK.finditer(text))
    if clocks and _ASKS_CLOCK.search(text):
        clock = clocks[0]
        hour = int(clock["hour"] or clock["h24"])
        minute = int(clock["minute"] or clock["m24"] or 0)
        if clock["half"]:
            if not 1 <= hour <= 12:
                return ""
            hour = hour % 12 + (12 if clock["half"].lower() == "p" else 0)
        # the clock time is in the place named nearest to it
        from_a = abs(pos_a - clock.start()) <= abs(pos_b - clock.start())
        (src_name, src_zone), (dst_name, dst_zone) = ((name_a, zone_a), (name_b, zone_b)) if from_a else ((name_b, zone_b), (name_a, zone_a))
        day = now.astimezone(ZoneInfo(src_zone)).date()
        at = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(src_zone))
        there = at.astimezone(ZoneInfo(dst_zone))
        when = "" if there.date() == at.date() else (" the next day" if there.date() > at.date() else " the day before")
        return f"{_said(at)} in {src_name} is {_said(there)}{when} in {dst_name} ({difference})"
    if _ASKS_DIFFERENCE.search(text):
        return difference
    return ""
