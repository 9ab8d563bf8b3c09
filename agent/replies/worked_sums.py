"""Sums a small model gets wrong, worked out before it answers.

A 0.5B model says "The meeting ends at 2:55" for a meeting at 2:45 that lasts 50 minutes,
and is as likely to miss a percentage. When the user's words hold one plain sum, it is
worked out here and given to the model as a note ("Worked out exactly: 20 percent of 150 is
30."), which it repeats. One operation with two numbers, a percentage of a number (or of the
one amount of money named: "$64 ... an 18% tip"), or a
clock time plus or minus minutes and hours, or a unit conversion or a priced count
(`unit_conversions`), or a price per period over another or a download's size over its
speed, or a price per period over a count of periods, or a time per day over a week, or the
seconds from lightning to thunder (`rate_sums`), or the time
difference between two places or a clock time in one said in the other (`time_zones`), or
whether a year is a leap year; anything else is left to the model, and nothing
is guessed: no note when the words do not fit one of these shapes.
"""
from __future__ import annotations

import re
from decimal import Decimal, DivisionByZero, InvalidOperation

from .per_unit_sums import per_unit_sum
from .rate_sums import price_for_periods, price_over_period, storm_distance, time_over_period, transfer_time
from .time_zones import time_between_places
from .unit_conversions import DIGITS, NUMBER, convert, how_many_fit, money, shown

_PERCENT = re.compile(rf"{NUMBER}\s*(?:percent|per cent|%)\s+of\s+{NUMBER}", re.I)
# "-" and "/" only with spaces round them: "COVID-19", "12/25" and "Windows 10-11" are not sums
_OPERATION = re.compile(
    rf"{NUMBER}\s*(plus|\+|minus|\s-\s|times|multiplied by|\s[x×*]\s|divided by|\s/\s|over)\s*{NUMBER}(?!\s*(?:percent|%|:\d))", re.I)
# A price and a percentage off it, either way round: "$850 and it's 30% off", "25% off a £40 jumper".
_OFF = r"\s*(?:%|percent|per cent)\s+off\b"
_DISCOUNT = re.compile(rf"(?P<cur>[$£€])\s?(?P<price>{DIGITS})[^.?!%$£€]{{0,60}}?\b(?P<share>{DIGITS}){_OFF}"
                       rf"|\b(?P<share2>{DIGITS}){_OFF}\s+(?:(?:a|an|the|my|this|that)\s+)?(?:[a-z]+\s+){{0,3}}?(?P<cur2>[$£€])\s?(?P<price2>{DIGITS})", re.I)
# A percentage on an amount of money said elsewhere: "Bill came to $64. What's an 18% tip on that?"
_SHARE = re.compile(rf"{NUMBER}\s*(?:%|percent|per cent)(?!\s+off\b)(?!\s+of\b)", re.I)
_AMOUNT = re.compile(rf"(?P<cur>[$£€])\s?(?P<value>{DIGITS})")
_ASKS_SHARE = re.compile(r"\b(?:what(?:'s| is| would be)|how much(?: is| would)?|calculate|work out)\b", re.I)
_ASKS_PRICE = re.compile(r"\b(?:pay|paying|cost|costs|price|how much|total|come to|comes to|works? out)\b", re.I)
_SIGN = {"plus": "+", "+": "+", "minus": "-", "-": "-", "times": "*", "multiplied by": "*", "x": "*", "×": "*", "*": "*",
         "divided by": "/", "/": "/", "over": "/"}
_WORD = {"+": "plus", "-": "minus", "*": "times", "/": "divided by"}
_CLOCK = r"(?<!\d)(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?P<half>a\.?m\.?|p\.?m\.?)?"
_DURATION = r"(?<![\d.])(?P<amount>\d+(?:\.\d+)?|an?|one|half an?)\s*(?P<unit>hours?|hrs?|minutes?|mins?)"
_CLOCK_PLUS = re.compile(
    rf"{_CLOCK}[^.?!\d]{{0,40}}?\b(?:lasts?|takes?|for|plus|add(?:ing)?|and|runs?|then)\s+(?:another\s+)?{_DURATION}", re.I)
_DURATION_AFTER = re.compile(rf"{_DURATION}\s+(?P<direction>after|before|from)\s+{_CLOCK}", re.I)


def work_out(text: str) -> str:
    """The one sum in `text`, worked out ("20 percent of 150 is 30"), or ""."""
    for find in (_leap_year, time_between_places, _clock_sum, _discount, _percentage, _share_of_amount, how_many_fit, transfer_time,
                 price_for_periods, price_over_period, time_over_period, storm_distance, per_unit_sum, convert, _operation):
        try:
            found = find(text)
        except ArithmeticError:  # a number past Decimal's precision (10,000 digits): no note, not a failed turn
            continue
        if found:
            return found
    return ""


def _num(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _percentage(text: str) -> str:
    m = _PERCENT.search(text)
    if not m:
        return ""
    share, whole = m.group(1), m.group(2)
    return f"{share} percent of {whole} is {shown(_num(share) * _num(whole) / 100)}"


def _share_of_amount(text: str) -> str:
    """One percentage and one amount of money, apart, and a question: the share, and the amount
    with it added (a tip or tax is asked as either)."""
    shares, amounts = list(_SHARE.finditer(text)), list(_AMOUNT.finditer(text))
    if len(shares) != 1 or len(amounts) != 1 or not _ASKS_SHARE.search(text):
        return ""
    share, cur, whole = shares[0].group(1), amounts[0]["cur"], _num(amounts[0]["value"])
    part = _num(share) * whole / 100
    return (f"{share} percent of {money(cur, whole)} is {money(cur, part)}, "
            f"and {money(cur, whole)} plus that is {money(cur, whole + part)}")


def _discount(text: str) -> str:
    found = list(_DISCOUNT.finditer(text))
    if len(found) != 1 or not _ASKS_PRICE.search(text):
        return ""  # "save 20% off orders over $50" asks no price
    m = found[0]
    cur, price, share = m["cur"] or m["cur2"], m["price"] or m["price2"], m["share"] or m["share2"]
    off = _num(share) * _num(price) / 100
    if off > _num(price):
        return ""
    return f"{share} percent off {cur}{price} is {money(cur, off)} off, so the price is {money(cur, _num(price) - off)}"


# "is 2100 a leap year? it's divisible by 4": the Gregorian rule, which a small model answers by
# the first half of it (bench outside8: "Yes, 2100 is a leap year")
_LEAP_YEAR = re.compile(r"\b(?:is|was|will)\s+(?:the\s+year\s+)?(?P<year>\d{4})\s+(?:be\s+)?a\s+leap\s*year\b"
                        r"|\b(?P<year2>\d{4})\s+(?:is\s+|was\s+)?a\s+leap\s*year\s*\?", re.I)


def _leap_year(text: str) -> str:
    found = list(_LEAP_YEAR.finditer(text))
    if len(found) != 1 or len(re.findall(r"(?<![\d.,])\d{4}(?![\d.,])", text)) != 1:  # one year named, one asked
        return ""
    year = int(found[0]["year"] or found[0]["year2"])
    if year % 4:
        return f"{year} is not a leap year: it is not divisible by 4"
    if year % 100:
        return f"{year} is a leap year: it is divisible by 4 and is not a century year"
    if year % 400:
        return f"{year} is not a leap year: a century year is a leap year only when divisible by 400"
    return f"{year} is a leap year: a century year divisible by 400 is one"


def _operation(text: str) -> str:
    found = list(_OPERATION.finditer(text))
    if len(found) != 1 or _CHAINED.match(text, found[0].end()) or _CHAINED_BEFORE.search(text, 0, found[0].start()):
        return ""  # none, or a chain of them ("5 plus 3 times 2"): left to the model rather than half worked out
    a, op, b = found[0].groups()
    op = op.strip().lower()
    if op in ("-", "x", "×", "*", "/", "+") and not _ASKS_A_SUM.search(text):
        return ""  # a symbol alone is no sum asked for: "Windows 10 - 11"
    sign = _SIGN[op]
    try:
        x, y = _num(a), _num(b)
        value = {"+": x + y, "-": x - y, "*": x * y}.get(sign) if sign != "/" else x / y
    except (DivisionByZero, InvalidOperation):
        return ""
    said = shown(value)
    return f"{a} {_WORD[sign]} {b} is {'about ' if _num(said) != value else ''}{said}"


_ANY_OPERATOR = r"(?:plus|\+|minus|-|times|multiplied by|[x×*]|divided by|/|over)"  # spaced or not: a chain is a chain
_CHAINED = re.compile(rf"\s*{_ANY_OPERATOR}\s*\d", re.I)
_CHAINED_BEFORE = re.compile(rf"\d\s*{_ANY_OPERATOR}\s*$", re.I)
_ASKS_A_SUM = re.compile(r"\b(?:what(?:'s| is)|how much is|calculate|work out|equals?)\b|=", re.I)


def _minutes(amount: str, unit: str) -> int:
    amount = amount.lower()
    n = Decimal("0.5") if amount.startswith("half") else Decimal(1) if amount in ("a", "an", "one") else Decimal(amount)
    return int(n * (60 if unit.lower().startswith("h") else 1))


def _clock(hour: str, minute: str, half: str | None) -> tuple[int, str] | None:
    h, m = int(hour), int(minute)
    if m > 59 or h > 23 or (half and not 1 <= h <= 12):
        return None
    if half:
        pm = half.lower().startswith("p")
        return ((h % 12) + (12 if pm else 0)) * 60 + m, "pm" if pm else "am"
    return h * 60 + m, "12h" if h <= 12 else "24h"


def _as_clock(minutes: int, style: str) -> str:
    minutes %= 24 * 60
    h, m = divmod(minutes, 60)
    if style == "24h":
        return f"{h:02d}:{m:02d}"
    shown = f"{(h % 12) or 12}:{m:02d}"
    return shown + (" " + ("pm" if h >= 12 else "am") if style in ("am", "pm") else "")


def _clock_sum(text: str) -> str:
    """"2:45 plus 50 minutes is 3:35" ("starts at 2:45 and lasts 50 minutes"), or "45 minutes after 10:30 is 11:15"."""
    for pattern in (_CLOCK_PLUS, _DURATION_AFTER):
        m = pattern.search(text)
        if m is None:
            continue
        start = _clock(m["hour"], m["minute"], m["half"])
        if start is None:
            return ""
        at, style = start
        direction = (m.groupdict().get("direction") or "plus").lower()
        spent = _minutes(m["amount"], m["unit"]) * (-1 if direction == "before" else 1)
        clock = f"{m['hour']}:{m['minute']}" + (f" {m['half']}" if m["half"] else "")
        duration = f"{m['amount']} {m['unit']}"
        said = f"{clock} plus {duration}" if pattern is _CLOCK_PLUS else f"{duration} {direction} {clock}"
        return f"{said} is {_as_clock(at + spent, style)}"
    return ""
