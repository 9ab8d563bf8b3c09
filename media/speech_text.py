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
_SYMBOLS = {"&": " and ", "+": " plus ", "=": " equals ", "@": " at ", "#": " number ", "~": " about "}  # "~" left after _support_terms: approximately
_SPELL_OUT = {"API", "URL", "CPU", "GPU", "RAM", "SSD", "USB", "HTTP", "HTTPS", "PDF", "SQL", "DNS", "SSH", "VPN", "ID", "UI", "OS", "JSON", "HTML", "CSS"}
_SAY_AS_WORD = {"JSON": "jason", "SQL": "sequel"}


_MONTHS = "January February March April May June July August September October November December".split()
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}


def ordinal_words(n: int) -> str:
    """1 -> "first", 18 -> "eighteenth", 21 -> "twenty-first"."""
    words = number_to_words(n)
    head, sep, last = words.rpartition("-") if "-" in words.split(" ")[-1] else words.rpartition(" ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def _year(y: int) -> str:
    if 2000 <= y <= 2009:
        return number_to_words(y)
    return number_to_words(y // 100) + " " + (number_to_words(y % 100) if y % 100 >= 10 else "oh " + number_to_words(y % 100) if y % 100 else "hundred")


def _iso_date(match: re.Match[str]) -> str:
    y, m, d = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return match.group(0)
    return f"{_MONTHS[m - 1]} {ordinal_words(d)}, {_year(y)}"


_MONTH_RE = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"


def _month_name(abbr: str) -> str:
    return next(m for m in _MONTHS if m.lower().startswith(abbr.lower()[:3]))


def _month_day(match: re.Match[str]) -> str:
    day = int(match.group(2))
    out = f"{_month_name(match.group(1))} {ordinal_words(day)}" if 1 <= day <= 31 else match.group(0)
    if match.group(3):
        out += ", " + _year(int(match.group(3)))
    return out


_CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "€": ("euro", "euros", "cent", "cents"),
               "£": ("pound", "pounds", "penny", "pence")}


def _money(match: re.Match[str]) -> str:
    one, many, sub_one, sub_many = _CURRENCIES[match.group(1)]
    whole = int(match.group(2).replace(",", ""))
    frac = match.group(3)
    if frac is not None and len(frac) != 2:  # "$4.5": say it as written
        return f"{number_to_words(whole)} point {_digits(frac)} {many}"
    cents = int(frac or 0)
    main = f"{number_to_words(whole)} {one if whole == 1 else many}"
    sub = f"{number_to_words(cents)} {sub_one if cents == 1 else sub_many}"
    if not cents:
        return main
    return sub if whole == 0 else f"{main} and {sub}"


def _spell_code(code: str) -> str:
    """Read a code character by character: "0x80070005" -> "zero x eight zero zero seven ..."."""
    out = []
    for ch in code:
        if ch.isdigit():
            out.append(_ONES[int(ch)])
        elif ch.isalpha():
            out.append(ch.upper() if len(code) > 1 and ch not in "x" else ch)
    return " ".join(out)


_KEYS = {
    "ctrl": "Control", "control": "Control", "cmd": "Command", "command": "Command", "⌘": "Command",
    "alt": "Alt", "option": "Option", "opt": "Option", "shift": "Shift", "win": "Windows", "windows": "Windows",
    "super": "Super", "fn": "Function", "esc": "Escape", "escape": "Escape", "del": "Delete", "delete": "Delete",
    "tab": "Tab", "enter": "Enter", "return": "Return", "space": "Space", "backspace": "Backspace",
    "pgup": "Page Up", "pgdn": "Page Down", "prtsc": "Print Screen", "prtscn": "Print Screen", "ins": "Insert",
    "up": "Up", "down": "Down", "left": "Left", "right": "Right", "home": "Home", "end": "End",
}
_MODIFIER = r"(?:Ctrl|Control|Cmd|Command|⌘|Alt|Option|Opt|Shift|Win|Windows|Super|Fn)"
# "Ctrl+Shift+S", and "Ctrl-Shift-S" when it starts with a key no other word starts with ("win-win" is no shortcut)
_SHORTCUT = re.compile(rf"(?<![\w+]){_MODIFIER}(?:\s*\+\s*[A-Za-z0-9⌘]+)+|(?<![\w+-])(?:Ctrl|Cmd|⌘|Alt|Shift)(?:-[A-Za-z0-9]+)+\b", re.I)


def _shortcut(match: re.Match[str]) -> str:
    keys = [k.strip() for k in re.split(r"\+|-", match.group(0))]
    return " ".join(_KEYS.get(k.lower(), k.upper() if len(k) == 1 else k) for k in keys)


def _flags(match: re.Match[str]) -> str:
    dashes, name = match.group(1), match.group(2)
    if dashes == "--":
        return "dash dash " + name
    return "dash " + (" ".join(name) if len(name) <= 3 else name)


_FILE_EXT = r"(?:py|js|ts|txt|log|exe|msi|dmg|pkg|zip|json|yaml|yml|toml|ini|cfg|conf|csv|pdf|docx?|xlsx?|pptx?|png|jpe?g|gif|md|html?|css|sh|bat|ps1|dll|sys|iso|app|deb|rpm)"


def _path(match: re.Match[str]) -> str:
    path = match.group(0)
    drive = re.match(r"([A-Za-z]):\\", path)
    if drive:
        parts = [p for p in path[3:].split("\\") if p]
        return f"{drive.group(1).upper()} drive" + "".join(", " + p for p in parts)
    home = path.startswith("~/")
    parts = [p for p in (path[2:] if home else path).split("/") if p]
    spoken = " slash ".join(parts)
    if home:
        return "your home folder slash " + spoken
    return ("slash " if path.startswith("/") else "") + spoken


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
    t = re.sub(r"\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b", lambda m: m.group(0).replace("_", " "), t)  # snake_case, ERROR_CODES
    t = re.sub(r"[*_#>]{1,3}(?=\S)|(?<=\S)[*_]{1,3}", "", t)  # emphasis, headings
    t = re.sub(r"\b(?:https?://|www\.)\S+", _url, t, flags=re.I)
    t = re.sub(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b", lambda m: m.group(0).replace("@", " at ").replace(".", " dot "), t)
    t = _support_terms(t)
    for abbr, full in _ABBREVIATIONS.items():
        t = re.sub(r"(?<!\w)" + re.escape(abbr), full, t)
    t = re.sub(r"\bv(\d+(?:\.\d+)+)\b", _version, t)
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


def _support_terms(t: str) -> str:
    """What support answers contain, said the way a person would: shortcuts, error codes,
    dates, money, command flags, git revisions, paths and file names."""
    t = _SHORTCUT.sub(_shortcut, t)
    t = re.sub(r"\b0x[0-9a-fA-F]+\b", lambda m: _spell_code(m.group(0)), t)  # error codes: digit by digit
    t = re.sub(r"\b((?:error|code|status|exit code|stop code)\s+(?:code\s+)?#?)(\d{3,})\b",
               lambda m: m.group(1).replace("#", "") + _digits(m.group(2)), t, flags=re.I)
    t = re.sub(r"\b([A-Z]{1,4})[-_]?(\d{3,})\b", lambda m: " ".join(m.group(1)) + " " + _digits(m.group(2)), t)  # KB5034441, E1234
    t = re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b", _iso_date, t)
    t = re.sub(rf"\b{_MONTH_RE}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?", _month_day, t)
    t = re.sub(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_RE}\b",
               lambda m: f"the {ordinal_words(int(m.group(1)))} of {_month_name(m.group(2))}" if 1 <= int(m.group(1)) <= 31 else m.group(0), t)
    t = re.sub(r"([$€£])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?", _money, t)
    t = re.sub(r"(?<=\w)~(\d+)", lambda m: " tilde " + m.group(1), t)  # HEAD~1
    t = re.sub(r"(?<=\w)\^(\d*)", lambda m: " caret " + m.group(1), t)  # HEAD^
    t = re.sub(r"(?<![\w-])(--?)([A-Za-z][\w-]*)", _flags, t)
    t = re.sub(r"\b[A-Za-z]:\\[^\s,;]*|(?<![\w.:/])~?/[\w.-]+(?:/[\w.-]+)*/?|\b[\w.-]+(?:/[\w.-]+)+/?", _path_or_keep, t)
    t = re.sub(rf"\b([\w-]+)\.({_FILE_EXT})\b", r"\1 dot \2", t, flags=re.I)
    return t


def _path_or_keep(match: re.Match[str]) -> str:
    text = match.group(0)
    if re.fullmatch(r"[\d/.-]+", text):  # 3/18/2024, 1/2: not a path
        return text
    if "/" in text and not text.startswith(("/", "~/")) and text.count("/") == 1 and len(text) <= 12 and text.isalpha() is False and re.fullmatch(r"[A-Za-z]+/[A-Za-z]+", text):
        return text.replace("/", " or ")  # and/or, on/off
    return _path(match)
