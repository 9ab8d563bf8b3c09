"""Sums over a rate, worked out before the model answers: a price per period over another
period ("$12.99 a month ... for a whole year") or over a count of periods ("$35 a month on a
24 month plan"), a time spent per day over a week or a year, for each of a few people ("my 3
kids get 45 mins each every day, how many hours a week"), a download's size over its speed
("45 GB at 25 MB/s, how long?"), and the seconds from lightning to thunder as a distance.

The 0.5B model answered the first "I'm not sure of the exact number" and the second "45 GB /
25 MB/s = 1.8 GB/s" (bench/reply_cases_outside6.py). Like `worked_sums`, each shape is worked
out only when the words hold exactly one of it and ask for it; nothing is guessed: a day to a
month (30 or 31 days?) and a week to a month give no note.

Sizes use the decimal prefixes download managers and shops show (1 GB = 1,000 MB) and the
time is said as "about": with 1,024 it is 2 to 10 % longer, within what a speed varies anyway.
"mbps", "Mb/s" and "megabits" are bits (internet plans), "MB/s" and "megabytes" bytes.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .unit_conversions import NUMBER, money, shown

_PERIOD = r"(day|week|month|year)"
# how many of the first period make the second: only where the count is exact
_IN = {("day", "week"): Decimal(7), ("day", "year"): Decimal(365), ("week", "year"): Decimal(52), ("month", "year"): Decimal(12)}
_PRICE_PER = re.compile(rf"(?P<cur>[$£€])\s?{NUMBER}\s*(?:a|an|per|each|every|/|a\s+single)\s*{_PERIOD}\b", re.I)
_ASKED_PERIOD = re.compile(rf"\b(?:a|an|per|one|the|whole|full|each|every|for\s+a|in\s+a)\s+(?:whole\s+|full\s+|entire\s+)?{_PERIOD}\b"
                           r"|\b(annually|yearly|monthly|weekly|daily)\b", re.I)
_ASKS_AMOUNT = re.compile(r"\bhow\s+much\b|\bwhat(?:'s|\s+is|\s+would|\s+does|\s+(?:do|will)\s+(?:i|we|you)\s+pay)\b|\btotal\b|\bcost\b|\bcome\s+to\b|\bwork\s+out\b", re.I)
_ADVERB = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day"}

_SIZE = re.compile(rf"{NUMBER}\s*(?P<unit>kb|mb|gb|tb|kilobytes?|megabytes?|gigabytes?|terabytes?)\b(?!\s*(?:/|per|a)\s*s)", re.I)
_SPEED = re.compile(rf"{NUMBER}\s*(?P<unit>(?:k|m|g)(?:bit|byte|b)s?|(?:kilo|mega|giga)(?:bit|byte)s?)"
                    r"\s*(?P<tail>/\s*s(?:ec)?\b|ps\b|\s+(?:per|a)\s+second\b)", re.I)
_ASKS_TIME = re.compile(r"\bhow\s+long\b|\bhow\s+many\s+(?:minutes|hours|seconds)\b|\bwhat\s+time\b|\bwhen\s+will\b", re.I)
_PREFIX_NAME = {"k": "kilo", "m": "mega", "g": "giga", "t": "tera"}
DECIMAL_PREFIX = {"k": Decimal(10) ** 3, "m": Decimal(10) ** 6, "g": Decimal(10) ** 9, "t": Decimal(10) ** 12}  # (also `per_unit_sums`')


def price_over_period(text: str) -> str:
    """"$12.99 a month for a year is $155.88", or ""."""
    prices = list(_PRICE_PER.finditer(text))
    if len(prices) != 1 or not _ASKS_AMOUNT.search(text):
        return ""
    m = prices[0]
    given = m[3].lower()
    asked = {(a[1] or _ADVERB[a[2].lower()]).lower() for a in _ASKED_PERIOD.finditer(text[m.end():] + " " + text[: m.start()])} - {given}
    if len(asked) != 1:
        return ""
    wanted = asked.pop()
    price = Decimal(m[2].replace(",", ""))
    if (given, wanted) in _IN:
        value, how = price * _IN[given, wanted], f"times {_IN[given, wanted]}"
    elif (wanted, given) in _IN:
        value, how = price / _IN[wanted, given], f"divided by {_IN[wanted, given]}"
    else:
        return ""
    return f"{m['cur']}{m[2]} a {given} is {money(m['cur'], value)} a {wanted} ({m[2]} {how})"


# A count of periods: "a 24 month plan", "for 18 months", "over two years" (not the price's own "a month")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_COUNT_OF = re.compile(rf"(?<![$£€\d.,])\b(?P<n>\d{{1,4}}|{'|'.join(_COUNTS)})\s*-?\s*{_PERIOD}s?\b(?!\s*(?:old|ago|later|from now)\b)", re.I)


def price_for_periods(text: str) -> str:
    """"$35 a month for 24 months is $840 in all", or "": one price per period, one count of
    periods, and a question of how much."""
    prices, counts = list(_PRICE_PER.finditer(text)), list(_COUNT_OF.finditer(text))
    if len(prices) != 1 or len(counts) != 1 or not _ASKS_AMOUNT.search(text):
        return ""
    m, c = prices[0], counts[0]
    n = Decimal(_COUNTS.get(c["n"].lower(), c["n"]))
    given, counted = m[3].lower(), c[2].lower()
    if n < 2:
        return ""
    price = Decimal(m[2].replace(",", ""))
    if given == counted:
        per_counted = price
    elif (given, counted) in _IN:
        per_counted = price * _IN[given, counted]
    elif (counted, given) in _IN:
        per_counted = price / _IN[counted, given]
    else:
        return ""
    return f"{m['cur']}{m[2]} a {given} for {shown(n)} {counted}s is {money(m['cur'], per_counted * n)} in all"


def transfer_time(text: str) -> str:
    """"45 GB at 25 MB per second takes about 30 minutes (1,800 seconds)", or ""."""
    sizes, speeds = list(_SIZE.finditer(text)), list(_SPEED.finditer(text))
    if len(sizes) != 1 or len(speeds) != 1 or not _ASKS_TIME.search(text):
        return ""
    size = Decimal(sizes[0][1].replace(",", "")) * DECIMAL_PREFIX[sizes[0]["unit"][0].lower()]
    s = speeds[0]
    number, unit, bits = s[1], s["unit"], _is_bits(s["unit"], s["tail"])
    rate = Decimal(number.replace(",", "")) * DECIMAL_PREFIX[unit[0].lower()] / (8 if bits else 1)
    if not rate:
        return ""
    seconds = size / rate
    speed_said = f"{number} {_PREFIX_NAME[unit[0].lower()]}{'bits' if bits else 'bytes'} a second"
    return f"{sizes[0][1]} {sizes[0]['unit']} at {speed_said} takes about {_duration(seconds)} ({shown(seconds.quantize(Decimal(1)))} seconds)"


def _is_bits(unit: str, tail: str) -> bool:
    """Bits or bytes: "Mbps", "Mb/s", "megabits" are bits; "MB/s", "MBps", "megabytes" bytes;
    "mb/s" as typed is read as download managers show it, bytes."""
    if "bit" in unit.lower() or "byte" in unit.lower():
        return "bit" in unit.lower()
    if unit[1] == "B":
        return False
    return tail.lower().startswith("ps") or unit[0].isupper()


def _duration(seconds: Decimal) -> str:
    minutes = int((seconds / 60).to_integral_value())
    if minutes < 1:
        return f"{shown(seconds.quantize(Decimal(1)))} seconds"
    if minutes < 90:
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours, rest = divmod(minutes, 60)
    return f"{hours} hours" + (f" and {rest} minutes" if rest else "")


# A time spent per period: "45 mins each on the ipad every day", "2 hours a day"
_TIME_PER = re.compile(rf"{NUMBER}\s*(?P<unit>hours?|hrs?|minutes?|mins?)\b(?P<between>[^.?!\d]{{0,40}}?)"
                       rf"\b(?:a|an|per|each|every|/)\s*(?P<period>day|week)\b", re.I)
# the people or things each spending it: "my 3 kids", "two of us" (a count, and "each" said)
_HOW_MANY_EACH = re.compile(rf"(?<![$£€\d.,:])\b(?P<n>\d{{1,2}}|{'|'.join(_COUNTS)})\s+(?:of\s+(?:us|them)\b|(?:[a-z]+\s+)?(?P<noun>[a-z]+s)\b)", re.I)
_NOT_PEOPLE = re.compile(r"^(?:hours|hrs|minutes|mins|seconds|secs|days|weeks|months|years|times|percent)$", re.I)
_EACH = re.compile(r"\beach\b|\bevery one of\b|\bapiece\b", re.I)
_ASKS_TOTAL = re.compile(r"\bhow\s+(?:much|many|long)\b|\bwhat(?:'s|\s+is|\s+does)\b|\btotal\b|\badd(?:s)?\s+up\b|\ball\s+together\b", re.I)


def time_over_period(text: str) -> str:
    """"45 minutes a day, for 3 each, is 2 hours and 15 minutes a day, and 15 hours and 45
    minutes a week (times 7)", or "": one time per day or week, a longer period asked, and a
    count only where "each" says the time is each one's."""
    times = list(_TIME_PER.finditer(text))
    if len(times) != 1 or not _ASKS_TOTAL.search(text):
        return ""
    m = times[0]
    given = m["period"].lower()
    asked = {(a[1] or _ADVERB[a[2].lower()]).lower() for a in _ASKED_PERIOD.finditer(text[m.end():])} - {given}
    if len(asked) != 1 or (given, next(iter(asked))) not in _IN:
        return ""
    wanted = asked.pop()
    minutes = Decimal(m[1].replace(",", "")) * (60 if m["unit"].lower().startswith("h") else 1)
    said = f"{m[1]} {m['unit']} a {given}"
    if _EACH.search(text):
        counts = [c for c in _HOW_MANY_EACH.finditer(text) if c.start() != m.start() and not _NOT_PEOPLE.match(c["noun"] or "")]
        if len(counts) > 1:
            return ""  # "each" of which count is not clear: not guessed
        if counts:
            n = Decimal(_COUNTS.get(counts[0]["n"].lower(), counts[0]["n"]))
            minutes *= n
            said = f"{said} each for {shown(n)} is {_hours_and_minutes(minutes)} a {given}, and"
        else:
            said = f"{said} each is"  # "we each spend 2 hours a day": each one's
    else:
        said = f"{said} is"
    return f"{said} {_hours_and_minutes(minutes * _IN[given, wanted])} a {wanted} (times {_IN[given, wanted]})"


def _hours_and_minutes(minutes: Decimal) -> str:
    """(In Decimal throughout: a number of 10,000 digits is an ArithmeticError, which `work_out`
    turns into no note, not a ValueError from printing a huge int.)"""
    if minutes < 60 or minutes != minutes.to_integral_value():
        return f"{shown(minutes)} minutes"
    hours, rest = divmod(minutes, 60)
    return f"{shown(hours)} hour{'s' if hours != 1 else ''}" + (f" and {shown(rest)} minutes" if rest else "")


# Seconds between a flash and its thunder: sound covers about 343 metres a second (a mile in
# about 5 seconds, a kilometre in about 3), the rule weather services give
_STORM = re.compile(r"\b(?:lightning|thunder)\b", re.I)
# (not a rule the user quotes: "1 second per mile")
_SECONDS = re.compile(rf"{NUMBER}\s*(?:seconds?|secs?)\b(?!\s*(?:per|a|an|each|for\s+(?:each|every))\s+(?:mile|km|kilomet))", re.I)
_ASKS_DISTANCE = re.compile(r"\bhow\s+(?:far|close|many\s+(?:miles|km|kilomet(?:er|re)s))\b|\baway\b|\bdistance\b|\bmiles?\b|\bkm\b", re.I)
SPEED_OF_SOUND = Decimal(343)  # metres a second, in air at about 20 °C


def storm_distance(text: str) -> str:
    """"10 seconds from lightning to thunder is about 3.4 kilometres, or about 2.1 miles", or ""."""
    seconds = list(_SECONDS.finditer(text))
    if len(seconds) != 1 or not _STORM.search(text) or not _ASKS_DISTANCE.search(text):
        return ""
    n = Decimal(seconds[0][1].replace(",", ""))
    metres = n * SPEED_OF_SOUND
    km, miles = (metres / 1000).quantize(Decimal("0.1")), (metres / Decimal("1609.344")).quantize(Decimal("0.1"))
    return (f"{seconds[0][1]} {_plural(n, 'second')} from lightning to thunder is about {shown(km)} {_plural(km, 'kilometre')}, "
            f"or about {shown(miles)} {_plural(miles, 'mile')} "
            f"(sound covers about a mile in 5 seconds, a kilometre in 3)")


def _plural(value: Decimal, word: str) -> str:
    return word if value == 1 else f"{word}s"
