"""Text normalisation for speech: what the TTS should say for what the LLM wrote.

One place for numbers, units, URLs, code, symbols and abbreviations, so a reply like
"Open https://x.io/docs, it's 3.5 GB (v2.1)" is spoken sensibly.
"""
from __future__ import annotations

import re

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_to_words(n: int) -> str:
    if n < 0:
        return "minus " + number_to_words(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + number_to_words(rest))
    for size, word in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= size:
            rest = n % size
            head = number_to_words(n // size) + " " + word
            if rest == 0:
                return head
            return head + (" and " if rest < 100 else " ") + number_to_words(rest)
    return str(n)


def _digits(s: str) -> str:
    return " ".join(_ONES[int(c)] for c in s)


def _number(match: re.Match[str]) -> str:
    raw = match.group(0).replace(",", "")
    if "." in raw:
        whole, frac = raw.split(".", 1)
        return f"{number_to_words(int(whole or 0))} point {_digits(frac)}"
    if len(raw) > 1 and raw.startswith("0"):
        return _digits(raw)
    if 1100 <= int(raw) <= 2099 and len(raw) == 4 and int(raw) % 100 >= 10:  # years: 1984, 2026
        return number_to_words(int(raw[:2])) + " " + number_to_words(int(raw[2:]))
    if len(raw) > 12:
        return _digits(raw)
    return number_to_words(int(raw))


_UNITS = {
    "ms": "milliseconds", "s": "seconds", "sec": "seconds", "min": "minutes", "h": "hours",
    "kb": "kilobytes", "mb": "megabytes", "gb": "gigabytes", "tb": "terabytes",
    "kib": "kibibytes", "mib": "mebibytes", "gib": "gibibytes",
    "khz": "kilohertz", "mhz": "megahertz", "ghz": "gigahertz", "hz": "hertz",
    "km": "kilometres", "m": "metres", "cm": "centimetres", "mm": "millimetres",
    "kg": "kilograms", "g": "grams", "%": "percent", "°c": "degrees Celsius", "°f": "degrees Fahrenheit",
}
_ABBREVIATIONS = {
    "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "vs.": "versus", "approx.": "approximately",
    "Dr.": "Doctor", "Mr.": "Mister", "Mrs.": "Missus", "St.": "Street", "No.": "number",
}
_SYMBOLS = {"&": " and ", "+": " plus ", "=": " equals ", "@": " at ", "#": " number ", "~": " about "}
_SPELL_OUT = {"API", "URL", "CPU", "GPU", "RAM", "SSD", "USB", "HTTP", "HTTPS", "PDF", "SQL", "DNS", "SSH", "VPN", "ID", "UI", "OS", "JSON", "HTML", "CSS"}
_SAY_AS_WORD = {"JSON": "jason", "SQL": "sequel"}


def _url(match: re.Match[str]) -> str:
    url = match.group(0).rstrip(".,;:!?)")
    tail = match.group(0)[len(url):]
    host = re.sub(r"^[a-z]+://", "", url, flags=re.I).split("/")[0]
    host = re.sub(r"^www\.", "", host)
    return host.replace(".", " dot ") + tail


def _unit(match: re.Match[str]) -> str:
    number, unit = match.group(1), match.group(2)
    word = _UNITS[unit.lower()]
    if number in ("1", "1.0"):
        word = word[:-1] if word.endswith("s") else word
    return f"{number} {word}"


def _version(match: re.Match[str]) -> str:
    parts = match.group(1).split(".")
    return "version " + " point ".join(number_to_words(int(p)) if len(p) < 5 else _digits(p) for p in parts)


def normalise_for_speech(text: str) -> str:
    """Rewrite written text into words a TTS voice can say."""
    t = text
    t = re.sub(r"```.*?```", " (code shown on screen) ", t, flags=re.S)
    t = re.sub(r"`([^`]{1,40})`", r"\1", t)
    t = re.sub(r"`[^`]*`", " that code ", t)
    t = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", t)  # markdown links
    t = re.sub(r"(?m)^\s*(?:[-*•]|\d+[.)])\s+", "", t)  # list markers
    t = re.sub(r"[*_#>]{1,3}(?=\S)|(?<=\S)[*_]{1,3}", "", t)  # emphasis, headings
    t = re.sub(r"\b(?:https?://|www\.)\S+", _url, t, flags=re.I)
    t = re.sub(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", lambda m: m.group(0).replace("@", " at ").replace(".", " dot "), t)
    for abbr, full in _ABBREVIATIONS.items():
        t = re.sub(r"(?<!\w)" + re.escape(abbr), full, t)
    t = re.sub(r"\bv(\d+(?:\.\d+)+)\b", _version, t)
    t = re.sub(r"\$(\d+(?:\.\d+)?)", r"\1 dollars", t)
    t = re.sub(r"€(\d+(?:\.\d+)?)", r"\1 euros", t)
    units = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
    t = re.sub(rf"(\d+(?:\.\d+)?)\s?({units})(?![\w])", _unit, t, flags=re.I)
    t = re.sub(r"\b(\d{1,2}):(\d{2})\b", lambda m: m.group(1) + (" o'clock" if m.group(2) == "00" else " " + ("oh " if m.group(2)[0] == "0" else "") + str(int(m.group(2)))), t)
    t = re.sub(r"(\d+)\s?[x×]\s?(\d+)", r"\1 by \2", t)
    t = re.sub(r"(?<=\d)-(?=\d)", " to ", t)
    t = re.sub(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w.])|(?<![\w.])\d+(?:\.\d+)?(?![\w])", _number, t)
    for sym, word in _SYMBOLS.items():
        t = t.replace(sym, word)
    t = re.sub(r"\b[A-Z]{2,5}\b", lambda m: _SAY_AS_WORD.get(m.group(0)) or (" ".join(m.group(0)) if m.group(0) in _SPELL_OUT else m.group(0)), t)
    t = re.sub(r"[\\/|<>{}\[\]^]", " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r"\s+([,.;:!?])", r"\1", t)
    return t
