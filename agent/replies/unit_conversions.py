"""Unit conversions and prices a small model gets wrong, worked out before it answers.

Asked "how many minutes is three and a half hours?", the 0.5B model said it was not sure;
asked for 3 notebooks at $4.75 each, it said $14.75. When the user's words hold one plain
conversion between units of one kind (time, length, weight, temperature, volume, bits and
bytes of one prefix) or a
count of things at a price each, it is worked out here and given to the model as a note,
the way `worked_sums` does for sums. Numbers may be digits or words ("three and a half").
Nothing is guessed: no note when the words do not fit one of these shapes.
"""
from __future__ import annotations

import re
from decimal import Decimal

_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_WORD_NUMBER = re.compile(
    rf"\b(?P<n>(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(k for k in _SMALL if k != 'zero')}))?|{'|'.join(_SMALL)}|a|an)"
    r"(?P<frac>\s+and\s+a\s+(?:half|quarter)|\s+and\s+three\s+quarters)?\b(?=\s+[a-z°])", re.I)


def _digits(text: str) -> str:
    """Number words as digits: "three and a half hours" -> "3.5 hours", "an hour" -> "1 hour"."""
    def one(m: re.Match[str]) -> str:
        words = re.split(r"[- ]", m["n"].lower())
        value = Decimal(sum(_TENS.get(w, _SMALL.get(w, 1 if w in ("a", "an") else 0)) for w in words))
        frac = (m["frac"] or "").lower()
        value += Decimal("0.5") if "half" in frac else Decimal("0.75") if "three" in frac else Decimal("0.25") if frac else 0
        return shown(value)
    return _WORD_NUMBER.sub(one, text)


# unit name pattern -> (kind, size in the kind's base unit); temperature is handled apart
_UNITS: tuple[tuple[str, str, Decimal], ...] = (
    (r"seconds?|secs?", "time", Decimal(1)), (r"minutes?|mins?", "time", Decimal(60)), (r"hours?|hrs?", "time", Decimal(3600)),
    (r"days?", "time", Decimal(86400)), (r"weeks?", "time", Decimal(604800)),
    (r"millimet(?:er|re)s?|mm", "length", Decimal("0.001")), (r"centimet(?:er|re)s?|cm", "length", Decimal("0.01")),
    (r"kilomet(?:er|re)s?|km", "length", Decimal(1000)), (r"met(?:er|re)s?", "length", Decimal(1)),
    (r"inch(?:es)?|in\.", "length", Decimal("0.0254")), (r"feet|foot|ft", "length", Decimal("0.3048")),
    (r"yards?|yd", "length", Decimal("0.9144")), (r"miles?", "length", Decimal("1609.344")),
    (r"grams?|g", "weight", Decimal(1)), (r"kilograms?|kilos?|kg", "weight", Decimal(1000)),
    (r"pounds?|lbs?", "weight", Decimal("453.59237")), (r"ounces?|oz", "weight", Decimal("28.349523125")),
    (r"millilit(?:er|re)s?|ml", "volume", Decimal("0.001")), (r"lit(?:er|re)s?", "volume", Decimal(1)),
    (r"(?:us )?gallons?", "volume", Decimal("3.785411784")),
    # bits and bytes of one prefix (200 megabits a second is 25 megabytes): between prefixes a
    # gigabyte is 1,000 or 1,024 megabytes, as the asker means it, so no note is given
    (r"bits?", "data-", Decimal(1)), (r"bytes?", "data-", Decimal(8)),  # "how many bits make a byte"
    *((rf"{p}bits?|{a}bps|{a}bits?", f"data-{p}", Decimal(1)) for p, a in (("kilo", "k"), ("mega", "m"), ("giga", "g"), ("tera", "t"))),
    *((rf"{p}bytes?|{a}b", f"data-{p}", Decimal(8)) for p, a in (("kilo", "k"), ("mega", "m"), ("giga", "g"), ("tera", "t"))),
    (r"(?:degrees? )?(?:celsius|centigrade|c)", "temperature", Decimal(0)), (r"(?:degrees? )?(?:fahrenheit|f)", "temperature", Decimal(0)),
)
# a number as people write it, "1,250" or "19.99", captured from its first digit (also `worked_sums`' and `rate_sums`')
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = rf"(?<![\d.,])({DIGITS})"
_UNIT = "|".join(f"(?:{p})" for p, _, _ in _UNITS)
_NUM = r"(?<![\d.])(\d+(?:\.\d+)?)"  # from a number's first digit: tried inside a run of 10,000 digits, each start scanned the rest (13 s)
_FROM_TO = re.compile(rf"{_NUM}\s*(?:°\s*)?({_UNIT})\s+(?:is\s+|are\s+)?(?:in|to|into|in\s+terms\s+of|as)\s+({_UNIT})\b", re.I)
_HOW_MANY = re.compile(rf"\bhow\s+many\s+({_UNIT})\s+(?:are\s+|is\s+|make\s+|in\s+)*(?:there\s+)?(?:in\s+)?{_NUM}\s*({_UNIT})\b", re.I)
# "my tank is 15 gallons. how many liters is that": the amount first, then asked of "that"
_PER_SECOND = r"(?:\s*/\s*s\b|\s+(?:per|a)\s+second\b)?"  # a rate: the same conversion
_THAT_IN = re.compile(rf"\b{_NUM}\s*({_UNIT})\b[^?]{{0,80}}?\bhow\s+many\s+({_UNIT}){_PER_SECOND}\s+(?:is|are|would|does|makes?)\s+(?:that|this|it|those)\b", re.I)
# "…wrote my weight down as 70 kg, what is that in pounds": the same, asked as "what is that in"
_WHAT_IN = re.compile(rf"\b{_NUM}\s*({_UNIT})\b[^?]{{0,80}}?\b(?:what|how much)(?:\s+is|'s|s)\s+(?:that|this|it|those)\s+in\s+({_UNIT})\b", re.I)
# "how many km is a marathon? it's 26.2 miles right": the unit asked, the text's one amount said after
_HOW_MANY_IS = re.compile(rf"\bhow\s+many\s+({_UNIT})\s+(?:is|are|was|in)\b(?P<rest>.*)", re.I | re.S)
_AMOUNT = re.compile(rf"\b{_NUM}\s*(?:{_UNIT})\b", re.I)
_AMOUNT_UNIT = re.compile(rf"\b{_NUM}\s*({_UNIT})\b", re.I)
_EACH = re.compile(rf"\b{_NUM}\s+([a-z][a-z -]{{0,30}}?)\s+(?:at|for|costing)\s+\$\s?{_NUM}\s+(?:each|apiece|a piece|per \w+)\b", re.I)


def _unit(name: str) -> tuple[str, str, Decimal]:
    for pattern, kind, size in _UNITS:
        if re.fullmatch(pattern, name.strip(), re.I):
            return name.strip(), kind, size
    raise KeyError(name)


def unit_named(name: str) -> tuple[str, Decimal] | None:
    """(kind, size in the kind's base unit) of a unit's name ("km": length, 1000), or None."""
    try:
        return _unit(name)[1:]
    except KeyError:
        return None


def shown(value: Decimal) -> str:
    """A number as said in a note: at most two decimals, thousands grouped from 10,000 (also `worked_sums`')."""
    value = value.quantize(Decimal("0.01")) if value != value.to_integral_value() else value.to_integral_value()
    text = f"{value:,f}" if abs(value) >= 10000 else f"{value:f}"  # never "5.28E+3": a product keeps its exponent
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(currency: str, value: Decimal) -> str:
    """An amount as said in a note: "$155.88", "$10" (also `worked_sums`' and `rate_sums`')."""
    text = f"{value:,.2f}"
    return currency + (text[:-3] if text.endswith(".00") else text)


_FITS = re.compile(r"\bhow\s+many\b[^.?!]{0,60}?\b(?:fit|go(?:es)?\s+in|go(?:es)?\s+on)\b", re.I)


def how_many_fit(text: str) -> str:
    """Two amounts of one kind and "how many ... fit": the whole number of the smaller in the
    larger ("16 GB ... 3.5 GB each: 4 whole ones fit"), or ""."""
    text = _digits(text)
    amounts = [(Decimal(m[1]), _unit(m[2])) for m in _AMOUNT_UNIT.finditer(text)]
    if len(amounts) != 2 or not _FITS.search(text):
        return ""
    (x, (xu, kind, xs)), (y, (yu, kind_y, ys)) = amounts
    if kind != kind_y or kind == "temperature" or not x or not y:
        return ""
    (big, bu, bs), (small, su, ss) = sorted([(x, xu, xs), (y, yu, ys)], key=lambda a: a[0] * a[2], reverse=True)
    whole = int(big * bs // (small * ss))
    return f"{whole} whole {small} {su} {'ones fit' if whole != 1 else 'one fits'} in {big} {bu}"


def convert(text: str) -> str:
    """The one conversion or priced count in `text`, worked out ("3.5 hours is 210 minutes"), or ""."""
    text = _digits(text)
    each = list(_EACH.finditer(text))
    if len(each) == 1:
        count, price = Decimal(each[0][1]), Decimal(each[0][3])
        return f"{each[0][1]} {each[0][2]} at ${price:.2f} each is ${count * price:,.2f} in all"
    found = [(m[1], m[2], m[3]) for m in _FROM_TO.finditer(text)] + [(m[2], m[3], m[1]) for m in _HOW_MANY.finditer(text)]
    if len(_AMOUNT.findall(text)) == 1:  # "3 miles and 2 km, how many km is that": a sum, not a conversion
        found += [(m[1], m[2], m[3]) for m in _THAT_IN.finditer(text)] + [(m[1], m[2], m[3]) for m in _WHAT_IN.finditer(text)]
        if not found:
            found += [(a[1], a[2], m[1]) for m in _HOW_MANY_IS.finditer(text) for a in _AMOUNT_UNIT.finditer(m["rest"])]
    if len(found) != 1:
        return ""
    amount, source, target = found[0]
    try:
        (src, kind, size), (dst, kind_to, size_to) = _unit(source), _unit(target)
    except KeyError:
        return ""
    if kind != kind_to or src.lower() == dst.lower():
        return ""
    x = Decimal(amount)
    if kind == "temperature":
        to_f = re.search(r"f", dst, re.I) is not None and re.search(r"c", src, re.I) is not None
        to_c = re.search(r"c", dst, re.I) is not None and re.search(r"f", src, re.I) is not None
        if not (to_f or to_c):
            return ""
        value = x * 9 / 5 + 32 if to_f else (x - 32) * 5 / 9
        src, dst = ("Celsius", "Fahrenheit") if to_f else ("Fahrenheit", "Celsius")
        exact = value == value.quantize(Decimal("0.01"))
        return f"{amount} degrees {src} is {'' if exact else 'about '}{_about(value)} degrees {dst}"
    value = x * size / size_to
    exact = value == value.quantize(Decimal("0.01"))
    return f"{amount} {src} is {'' if exact else 'about '}{_about(value)} {dst}"


def _about(value: Decimal) -> str:
    """An inexact result as said aloud: one decimal from 10 up ("about 42.2 km", not "42.16"),
    two below it ("about 6.21 miles")."""
    if value != value.quantize(Decimal("0.01")) and abs(value) >= 10:
        return shown(value.quantize(Decimal("0.1")))
    return shown(value)
