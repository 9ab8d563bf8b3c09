"""Sums over a rate of one quantity per another, worked out before the model answers.

"My car uses 8 litres per 100 km, how much fuel for a 350 km trip?", "my phone records
about 150 MB a minute and I have 6 GB free, how many minutes?", "at 35% and it charges 2% a
minute, how long till 95%?": one rate (a quantity per a quantity), one amount of either of
its two kinds, and a question. The 0.5B answered these "divide the distance by the fuel
consumption rate", a slow-motion article's steps, and "10 minutes" (bench/reply_cases_outside3,
5 and 8). An amount of the rate's second kind gives its first (350 km: 28 litres); an amount
of its first kind gives its second (6 GB: 40 minutes).

A percentage rate is applied to the change between the two percentages named ("35% ... 95%"),
or from the one named to full or to empty where the words say which. Units of one kind are
converted (`unit_conversions`' table; data sizes by the decimal prefixes shops and phones show,
so a result in data is "about"); a count noun is its own unit where the amount names it too
("20 pages a minute ... 300 pages"). Like `worked_sums`, nothing is guessed: two rates, two
amounts of one kind, or no question give no note. Money per period is `rate_sums`' and a
download's speed per second its `transfer_time`'s, tried first.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .rate_sums import DECIMAL_PREFIX
from .unit_conversions import DIGITS, shown, unit_named


def _number(name: str) -> str:
    return rf"(?<![\d.,$£€])(?P<{name}>{DIGITS})"


_DATA = re.compile(r"(?P<prefix>[kmgt])(?:ilo|ega|iga|era)?(?P<what>b|bytes?|bits?|bps)$", re.I)
_PERCENT = r"%|percent|per\s?cent"
_PER = r"\s*(?:(?:an?|per|every|each|for\s+every|in\s+(?:an?|one))\s+|/\s*)"
_RATE = re.compile(
    _number("n1") + rf"\s*(?P<u1>{_PERCENT}|[a-z]+)" + _PER + "(?:" + _number("n2") + r"\s*)?(?P<u2>[a-z]+)\b", re.I)
_AMOUNT = re.compile(rf"(?:{_number('n')}|(?:(?<=\bin )|(?<=\bfor )|(?<=\bover ))(?P<one>a|an|one))\s*-?\s*(?P<u>%|(?:percent|[a-z]+)\b)", re.I)
_ASKS = re.compile(r"\bhow\s+(?:many|much|long|far)\b|\bwhat(?:'s|\s+is|\s+would|\s+will)\b|\bwill\s+(?:it|that|i)\b|\benough\b", re.I)
_TO_FULL = re.compile(r"\b(?:full|fully|100\s?%|a\s+hundred\s+percent)\b", re.I)
_TO_EMPTY = re.compile(r"\b(?:dead|empty|dies|die|run(?:s)?\s+out|flat|zero|0\s?%)\b", re.I)


def _kind(unit: str) -> tuple[str, Decimal] | None:
    """(kind, size in the kind's base unit) of a unit word, or None."""
    word = unit.strip().lower()
    if re.fullmatch(_PERCENT, word):
        return "percent", Decimal(1)
    data = _DATA.match(word)
    if data and (len(word) <= 3 or word[1:4] in ("ilo", "ega", "iga", "era")):
        # "Mb" and "Mbps" are bits; "MB" and "mb" as typed bytes, as phones and shops show sizes
        bits = "bit" in word or word.endswith("bps") or bool(re.fullmatch(r"[KMGT]b", unit.strip()))
        return "data", DECIMAL_PREFIX[data["prefix"].lower()] / (8 if bits else 1)
    found = unit_named(word)
    if found is None or found[0] in ("temperature",) or found[0].startswith("data"):
        return None
    return found


def per_unit_sum(text: str) -> str:
    """"350 km at 8 litres per 100 km is 28 litres (350 divided by 100, times 8)", or ""."""
    if not _ASKS.search(text):
        return ""
    rates = [(m, pair) for m in _RATE.finditer(text) for pair in (_unit_pair(m),) if pair]
    if len(rates) != 1:
        return ""
    rate, ((k1, s1), (k2, s2)) = rates[0]
    n1, n2 = Decimal(rate["n1"].replace(",", "")), Decimal((rate["n2"] or "1").replace(",", ""))
    if not n1 or not n2 or k1 == k2:
        return ""
    u1, u2 = rate["u1"].lower(), rate["u2"].lower()
    amounts = [m for m in _AMOUNT.finditer(text) if not (rate.start() <= m.start() < rate.end())]
    of_kind = [(m, kind) for m in amounts for kind in (_amount_kind(m["u"], u1, k1),) if kind is not None]
    if k1 == "percent":
        percents = [_value(m) for m, kind in of_kind if kind[0] == "percent"]
        full, empty = bool(_TO_FULL.search(text)), bool(_TO_EMPTY.search(text))
        if len(percents) == 1 and full != empty:  # to one end, named
            percents.append(Decimal(100) if full else Decimal(0))
        if len(percents) != 2 or percents[0] == percents[1]:
            return ""
        change = abs(percents[1] - percents[0])
        result = change / n1 * n2
        return (f"from {shown(percents[0])}% to {shown(percents[1])}% at {rate['n1']}% {_per_word(rate)} is "
                f"{_in_units(result, u2, k2)} ({shown(change)} divided by {rate['n1']}{_times(n2)})")
    first = [(m, kind) for m, kind in of_kind if kind[0] == k1]
    second = [(m, s) for m in amounts for s in (_kind(m["u"]),) if s is not None and s[0] == k2]
    if len(first) + len(second) != 1:
        return ""
    data = k1 == "data" or k2 == "data"  # decimal prefixes: "about"
    said = f"{rate['n1']} {rate['u1']} {_per_word(rate)}"
    if second:  # an amount of the rate's second kind: how much of the first
        m, (_, size) = second[0]
        amount = _value(m) * size / s2
        how = f"{shown(amount)}{f' divided by {shown(n2)},' if n2 != 1 else ''} times {rate['n1']}"
        return f"{_said(m)} at {said} is {_in_units(amount / n2 * n1, u1, k1, data)} ({how})"
    m, (_, size) = first[0]  # an amount of its first kind: how much of the second
    amount = _value(m) * size / s1
    how = f"{shown(amount)} {rate['u1']} divided by {rate['n1']}{_times(n2)}"
    return f"{_said(m)} at {said} is {_in_units(amount / n1 * n2, u2, k2, data)} ({how})"


def _unit_pair(rate: re.Match[str]) -> tuple[tuple[str, Decimal], tuple[str, Decimal]] | None:
    """The two kinds of a rate, where both are units (or the first a count noun the text counts again)."""
    second = _kind(rate["u2"])
    if second is None:
        return None
    first = _kind(rate["u1"])
    if first is None:
        noun = rate["u1"].lower()
        if not (noun.endswith("s") and len(noun) > 3 and re.search(rf"(?<![\d.,])\d[\d,.]*\s*-?\s*{re.escape(noun[:-1])}s?\b",
                                                                    rate.string[: rate.start()] + " " + rate.string[rate.end():], re.I)):
            return None
        first = (f"count:{noun}", Decimal(1))
    return first, second


def _amount_kind(unit: str, rate_unit: str, rate_kind: str) -> tuple[str, Decimal] | None:
    if rate_kind.startswith("count:"):
        return (rate_kind, Decimal(1)) if unit.lower().rstrip("s") == rate_unit.rstrip("s") else None
    return _kind(unit)


def _value(m: re.Match[str]) -> Decimal:
    return Decimal(m["n"].replace(",", "")) if m["n"] else Decimal(1)


def _said(m: re.Match[str]) -> str:
    return f"{m['n'] or m['one']} {m['u']}"


def _per_word(rate: re.Match[str]) -> str:
    """"per 100 km", "an hour": as the user put it."""
    return " ".join(rate.string[rate.end("u1"):rate.end()].split())


def _times(n2: Decimal) -> str:
    return "" if n2 == 1 else f", times {shown(n2)}"


def _in_units(value: Decimal, unit: str, kind: str, about: bool = False) -> str:
    """The result in the unit the user used, as said aloud: a time in hours and minutes (from
    90 minutes) or minutes and seconds, anything else to one decimal from 10 up and two below;
    "about" where that rounds it (or `about`: sizes by the decimal prefixes)."""
    if kind == "time" and unit_named(unit) is not None:
        seconds = value * unit_named(unit)[1]
        whole = seconds.to_integral_value()
        about = about or whole != seconds
        minutes, rest = divmod(int(whole), 60)
        if minutes >= 90:
            hours, minutes = divmod(minutes + (1 if rest >= 30 else 0), 60)
            said = f"{hours} hours" + (f" and {minutes} minutes" if minutes else "")
            return ("about " if about or rest else "") + said
        if minutes:
            said = f"{minutes} minute{'s' if minutes != 1 else ''}" + (f" and {rest} seconds" if rest else "")
        else:
            said = f"{rest} seconds"
        return ("about " if about else "") + said
    rounded = value.quantize(Decimal("0.1") if abs(value) >= 10 else Decimal("0.01"))
    about = about or rounded != value
    word = unit if rounded == 1 or unit.endswith("s") or len(unit) <= 3 or kind == "percent" else unit + "s"
    return ("about " if about else "") + f"{shown(rounded)} {word}".replace(" %", "%")
