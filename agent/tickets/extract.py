"""Rule-based field extraction from OCR lines. Rules first: the ticket must be right without an LLM.

Input: the OCR text lines in reading order (strings; their index is the evidence). Output:
`Extracted`, every field with the line indices it came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from agent.tickets import error_context

WARNING_SCORE = 2  # a compiler's "warning: ..." with no error word: listed, but any error line outranks it for the title
HEADED_SCORE = 3  # a message found under an error heading (see error_context): as telling as "x: failed"

# --- error lines -------------------------------------------------------------------------

_ERROR_WORDS = re.compile(
    r"(?i)\b(error|errors|exception|failed|failure|fails|traceback|fatal|denied|timeout|timed out|"
    r"refused|cannot|can't|could not|couldn't|unable to|not found|not allowed|not permitted|invalid|panic|panicked|segmentation fault|"
    r"segfault|crash(?:ed)?|abort(?:ed)?|unhandled|unexpected|forbidden|unauthorized|unavailable|"
    r"unreachable|rejected|corrupt(?:ed)?|overflow|violation|killed|oom|deadlock|stack trace|"
    r"(?:does|do|did)(?: not|n't) (?:match|equal)|is not assignable to)\b"
)
_EXC_CLASS = re.compile(r"\b([A-Z][A-Za-z0-9_]*(?:Error|Exception|Fault|Failure|Panic|Warning))\b(?::|\s*\(|\s+at\s|\s*$)")
_STRONG = re.compile(r"(?i)\b(error|exception|fatal|panic)\s*[:\[(]|^\s*(E|F)\d{0,4}\s*[:\]]")
_GENERIC_ONLY = re.compile(r"(?i)^\s*traceback \(most recent call last\):?\s*$")
_STATUS_WORDS = re.compile(r"(?i)^\s*(failed|error|errors|failure|denied|timeout|invalid|cancel+ed)\s*$")
# The shapes real command-line tools word their errors in (each one a whole error line):
# "fatal: ...", "E: ...", "error[E0425]: ...", "npm ERR! ..." / "npm error ...", "make: *** ...",
# "git: 'x' is not a git command", "bash: x: command not found", "cat: x: No such file or directory".
_CLI_ERROR = re.compile(
    r"(?i)^\s*(?:fatal|error|err!?|e|f|critical|panic)(?:\[[A-Z]?\d+\])?\s*:\s*\S"
    r"|^\s*npm (?:ERR!|error) \S|^\s*[\w./-]+: \*\*\* "
    r"|\bis not an? (?:[\w-]+ )?command\b|\bcommand not found\b|\bno such (?:file or directory|option|command|table|host|device|process|user|module|key)\b"
    r"|\bpermission denied\b|\bno rule to make target\b|\bnot a git repository\b|\bdid not match any\b|\bmissing script\b"
    r"|\bno matching distribution\b|\bunable to locate\b|\bsegmentation fault\b|\bcore dumped\b"
)
# A linter's or compiler's rule code printed with its message, as editors and linters show
# them: "... Use -lt . [SC2071]", "... in type 'Props'. ts(2741)", "Error (TS2322)", "[E501]", "^-- SC2004 (style): ...".
# The message says what is wrong in its own words ("is missing", "is for string comparisons"),
# so the code is what marks it as a diagnostic.
_VSCODE_TS = re.compile(r"\bts\((\d{3,5})\)")  # VS Code's "ts(2741)": TypeScript's TS2741
_LINT_CODE = re.compile(rf"\[(?:SC|E|W|F|B|C|D|N)\d{{3,4}}\]|{_VSCODE_TS.pattern}|\(TS\d{{3,5}}\)|\bSC\d{{4}}(?:\s*\((?:error|warning|info|style)\))?:")
# Where a compiler or linter places the problem, printed before its message: "app.py:192:32:",
# "Dockerfile:3", "src/a.ts(3,7):", or a bare "192:32" in a report grouped by file
_LOCATION = r"(?!\d{1,2}:\d{2}:\d{2}\b)(?:[\w./\\~-]*[\w/\\](?::\d+){1,2}:?|[\w./\\~-]+\(\d+,\d+\):?|\d+:\d+)"
# A linter's rule code after the location, then its message, as flake8, ruff, pycodestyle,
# pylint and hadolint print them: "app.py:1:1: F401 'os' imported but unused",
# "app.py:1:0: C0114: Missing module docstring", "Dockerfile:3 DL3008 warning: Pin versions",
# "README.md:3 MD022/blanks-around-headings Headings should be ...". The message is in the
# linter's own words, so the located code is what marks the line.
_LOCATED_CODE = re.compile(rf"^\s*{_LOCATION}\s*[A-Z]{{1,3}}\d{{3,4}}(?:/[\w-]+)?:?\s+\S")
# rubocop's and pylint's one-letter severity after the location: "app.rb:3:5: E: Lint/Syntax: ...", "x.py:3:0: W: ..."
_LOCATED_LETTER = re.compile(rf"^\s*{_LOCATION}\s*([CWREF]):\s+\S")
# a compiler's or linter's warning ("warning: unused variable 'x' [-Wunused-variable]",
# "warning[E0170]: ...", "main.c:3:5: warning: ...", ESLint's and yamllint's "5:1  warning  Missing
# semicolon"): a diagnostic, below an error of the same screen
_CLI_WARNING = re.compile(rf"(?i)^\s*(?:{_LOCATION}\s*)?warning(?:\[[\w-]+\])?\s*:\s*\S|^\s*\d+:\d+\s+warning\s+\S")
# a located message with no code or severity word ("main.go:12:2: ineffectual assignment to err
# (ineffassign)", ESLint's unix format): a file with an extension, a line and a column, then words
_LOCATED_MESSAGE = re.compile(r"^\s*[\w./\\~-]*\w\.[A-Za-z]{1,6}:\d+:\d+:\s+[A-Za-z\"'`‘(][^\s]*\s+\S+\s+\S")
# a test runner's failed test: go test's "--- FAIL: TestX (0.00s)", "FAIL test_app:19 ...", "FAILED tests/x.py::t"
_TEST_FAILED = re.compile(r"^\s*(?:---\s*)?FAIL(?:ED)?\b:?\s+\S")
_BARE_PREFIX = re.compile(r"(?i)^\s*(?:npm (?:ERR!|error)|error|fatal|E)\s*:?\s*$")  # "npm error" alone: a continuation, not a message
# "Error - Spreadsheet Studio", "Warning | App": a window or tab title naming the app, not the error
_WINDOW_TITLE = re.compile(r"^\s*(?:Error|Warning|Alert|Problem|Crash)\s+[-–—|]\s+(\S.{0,40})$", re.I)


@dataclass
class Extracted:
    lines: list[str]
    error_messages: list[str] = field(default_factory=list)
    error_codes: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)
    timestamps: list[str] = field(default_factory=list)
    stack_frames: list[dict] = field(default_factory=list)
    environment: dict = field(default_factory=lambda: {"app": None, "os": None, "browser": None})
    evidence: dict[str, list[int]] = field(default_factory=dict)
    title: str = ""
    title_line: int | None = None
    injection_lines: list[int] = field(default_factory=list)

    def add(self, fld: str, value, line: int) -> None:
        target = getattr(self, fld)
        key = value if not isinstance(value, dict) else tuple(sorted(value.items()))
        existing = [v if not isinstance(v, dict) else tuple(sorted(v.items())) for v in target]
        if key not in existing:
            target.append(value)
        ev = self.evidence.setdefault(fld, [])
        if line not in ev:
            ev.append(line)


def error_score(line: str) -> int:
    """How much a line looks like an error message (0 = not an error line)."""
    s = line.strip()
    if len(s) < 4:
        return 0
    if _BARE_PREFIX.match(s):
        return 0
    title = _WINDOW_TITLE.match(s)
    if title and not _ERROR_WORDS.search(title.group(1)) and not _CLI_ERROR.search(title.group(1)):
        return 0  # "Error - Spreadsheet Studio" names the app; "Error - Could not save" is an error
    kw = len(_ERROR_WORDS.findall(s))
    exc = bool(_EXC_CLASS.search(s))
    cli = bool(_CLI_ERROR.search(s) or _TEST_FAILED.match(s))
    codes = bool(_HTTP_ERR.search(s) or _ERRNO.search(s) or _HEX_CODE.search(s) or _CHROME_ERR.search(s) or _LINT_CODE.search(s)
                 or _LOCATED_CODE.match(s))
    letter = _LOCATED_LETTER.match(s)
    cli = cli or bool(letter and letter.group(1) in "EF")
    if not (kw or exc or codes or cli):
        return WARNING_SCORE if _CLI_WARNING.match(s) or letter or _LOCATED_MESSAGE.match(s) else 0
    if _STATUS_WORDS.match(s):
        return 0  # a bare status cell ("Failed") is a signal, not a message
    score = 2 * min(kw, 3) + (4 if exc else 0) + (2 if codes else 0) + (2 if _STRONG.search(s) else 0) + (3 if cli else 0)
    words = len(s.split())
    if ":" in s and words >= 3:
        score += 2
    if words < 3 and not (codes or exc):
        score -= 2
    if _GENERIC_ONLY.match(s):
        score = 1  # an error marker; never the title
    return max(score, 1)


# --- codes ---------------------------------------------------------------------------------

_HTTP_PHRASES = (
    "Bad Request|Unauthorized|Payment Required|Forbidden|Not Found|Method Not Allowed|Not Acceptable|"
    "Request Timeout|Conflict|Gone|Payload Too Large|Unsupported Media Type|Unprocessable (?:Entity|Content)|"
    "Too Many Requests|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout"
)
_HTTP_ERR = re.compile(
    rf"(?i)\b(?:HTTP(?:/\d(?:\.\d)?)?\s*(?:error\s*|status\s*)?:?\s*([45]\d\d)\b|(?:status(?: code)?|response code)\s*[:=]?\s*([45]\d\d)\b|([45]\d\d)\s+(?:{_HTTP_PHRASES})\b)"
)
_HEX_CODE = re.compile(r"\b0x[0-9A-Fa-f]{8}\b")
_ERRNO_NAMES = (
    "EACCES|EPERM|ENOENT|ECONNREFUSED|ECONNRESET|ECONNABORTED|ETIMEDOUT|EADDRINUSE|EADDRNOTAVAIL|EAGAIN|EPIPE|"
    "EEXIST|ENOTDIR|EISDIR|ENOSPC|EMFILE|ENFILE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EINVAL|EROFS|EBUSY|"
    "ENOMEM|ENOTEMPTY|EBADF|EPROTO|ECANCELED|ENOTSUP|EDQUOT|ESRCH|ECHILD|EXDEV|ELOOP|ENAMETOOLONG|ENOEXEC"
)
_ERRNO = re.compile(rf"\b({_ERRNO_NAMES})\b|\[Errno\s*(\d+)\]|\berrno[\s=:]*(\d+)\b", re.I)
_PREFIXED = re.compile(r"\b((?:ORA|PLS|TNS|SQL|ERR|ERROR|MSB|CS|TS|SC|NU|NETSDK|AADSTS|KB|VS|LNK|C|E|W|F|X)-?\d{3,6})\b")
_CHROME_ERR = re.compile(r"\b(ERR_[A-Z_]{4,}|NS_ERROR_[A-Z_]+|SEC_ERROR_[A-Z_]+|SSL_ERROR_[A-Z_]+|DLL_NOT_FOUND)\b")
_SIGNAL = re.compile(r"\b(SIG(?:SEGV|KILL|ABRT|BUS|FPE|ILL|TERM|PIPE))\b")
_EXIT = re.compile(r"(?i)\b(?:exit(?:ed)?(?: with)?(?: code| status)|return(?:ed)? code|exit code)\s*[:=]?\s*(-?\d{1,3})\b")
_NOT_CODES = re.compile(r"^(?:C\d{3,4}|E\d{3}|X\d{3,4})$")  # too ambiguous without an error context


def _codes(line: str, is_error: bool) -> list[str]:
    out: list[str] = []
    for m in _HTTP_ERR.finditer(line):
        out.append(f"HTTP {next(g for g in m.groups() if g)}")
    out += [m.group(0).lower()[:2] + m.group(0)[2:].upper() for m in _HEX_CODE.finditer(line)]
    for m in _ERRNO.finditer(line):
        if m.group(1):
            out.append(m.group(1).upper())
        else:
            out.append(f"errno {m.group(2) or m.group(3)}")
    out += [m.group(1) for m in _CHROME_ERR.finditer(line)]
    out += [m.group(1) for m in _SIGNAL.finditer(line)]
    out += [f"TS{m.group(1)}" for m in _VSCODE_TS.finditer(line)]
    for m in _EXIT.finditer(line):
        if m.group(1) != "0":
            out.append(f"exit {m.group(1)}")
    if is_error or re.search(r"(?i)\b(code|error|err|ora|fault)\b", line):
        for m in _PREFIXED.finditer(line):
            code = m.group(1)
            if _NOT_CODES.match(code) and not is_error:
                continue
            if re.fullmatch(r"[A-Z]+\d{3,6}", code) and re.search(rf"\b{code}\.\w", line):
                continue  # part of a file or host name
            out.append(code)
    return out


# --- urls, versions, timestamps ----------------------------------------------------------------

_URL = re.compile(r"\b(?:https?|wss?|ftp)://[^\s<>\"'`|]+|\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/[^\s<>\"'`|]*)?", re.I)
_VERSION_V = re.compile(r"(?<![\w.])v(\d+(?:\.\d+){1,3}(?:-[0-9A-Za-z.]+)?)\b")
_VERSION_WORD = re.compile(r"(?i)\b(?:version|ver\.|release|build)\s*:?\s*v?(\d+(?:\.\d+){1,3}(?:-[0-9A-Za-z.]+)?)\b")
_SEMVER = re.compile(r"(?<![\w./:-])(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)(?![\w.]*\d*\.\d)(?![\w/:])")
_TS = [
    re.compile(r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:\s?Z|\s?[+-]\d{2}:?\d{2}|\s?UTC)?(?![\d:])"),
    re.compile(r"\[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2}\s[+-]\d{4}\]"),
    re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s\d{1,2}\s[A-Z][a-z]{2}\s\d{4}\s\d{2}:\d{2}:\d{2}\s(?:GMT|UTC|[+-]\d{4})"),
    re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s{1,2}\d{1,2}(?:,\s\d{4})?\s\d{2}:\d{2}:\d{2}\b"),
    re.compile(r"\b\d{1,2}/\d{1,2}/\d{4},?\s\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M)?\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"^\s*\[?(\d{2}:\d{2}:\d{2}(?:[.,]\d{1,6})?)\]?(?=\s)"),  # a log line's time prefix
]
_IPV4 = re.compile(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b")

# --- stack frames --------------------------------------------------------------------------

_PY_FRAME = re.compile(r"File\s*[\"'“”‘’]+([^\"'“”‘’]+)[\"'“”‘’]+\s*,?\s*line\s*(\d+)(?:\s*,?\s*in\s+([\w<>.$]+))?")
_JAVA_FRAME = re.compile(r"\bat\s+([\w$.]+)\.([\w$<>]+)\(([\w$]+\.(?:java|kt|scala|groovy)):(\d+)\)")
_JAVA_NATIVE = re.compile(r"\bat\s+([\w$.]+)\.([\w$<>]+)\((Native Method|Unknown Source)\)")
_JS_FRAME = re.compile(r"\bat\s+(?:(?:async\s+)?([\w$.<>\[\] ]+?)\s+\()?((?:[a-z]+:/+)?[^\s()]+?\.(?:m?js|cjs|ts|tsx|jsx|vue)):(\d+)(?::(\d+))?\)?")
_CS_FRAME = re.compile(r"\bat\s+([\w.`<>]+)\(.*?\)\s+in\s+(.+?):line\s+(\d+)")
_GO_FRAME = re.compile(r"^\s*((?:[\w.-]+/)*[\w.-]+\.go):(\d+)\b")

# --- environment ---------------------------------------------------------------------------

_OS = re.compile(
    r"\b(Windows(?:\s(?:11|10|8\.1|8|7|Server\s\d{4}))?|mac\s?OS(?:\sX)?(?:\s\d+(?:\.\d+)*)?|OS X(?:\s\d+(?:\.\d+)*)?|"
    r"Ubuntu(?:\s\d+\.\d+(?:\.\d+)?)?(?:\sLTS)?|Debian(?:\s\d+)?|Fedora(?:\s\d+)?|CentOS(?:\s\d+)?|Red Hat Enterprise Linux(?:\s\d+(?:\.\d+)?)?|"
    r"Arch Linux|Linux|Android(?:\s\d+(?:\.\d+)?)?|iOS(?:\s\d+(?:\.\d+)*)?|iPadOS(?:\s\d+(?:\.\d+)*)?|ChromeOS|Chrome OS)\b"
)
_BROWSER = re.compile(r"\b(Chrome|Chromium|Firefox|Safari|Edge|Opera|Brave|Vivaldi)(?:[/\s](\d+(?:\.\d+)*))?\b")
_APP_VERSION_WORD = re.compile(r"\b((?:[A-Z][\w+.-]*\s){0,3}[A-Z][\w+.-]*)\s+(?:[Vv]ersion|v)\s?\d+(?:\.\d+)+")
_APP_SEMVER = re.compile(r"\b((?:[A-Z][\w+-]*\s){0,3}[A-Z][\w+-]*)\s+v?\d+\.\d+(?:\.\d+)+\b")
_APP_TITLE = re.compile(r"^\s*(?:Error|Warning|Alert|Problem|Crash)\s+[-–—|:]\s+(.{3,40}?)\s*$", re.I)

# --- prompt injection ----------------------------------------------------------------------

_INJECTION = re.compile(
    r"(?i)(ignore\s+(?:all\s+|any\s+|the\s+|your\s+)*(?:previous|prior|above|earlier|preceding|other)?\s*(?:instructions?|prompts?|rules|directions)"
    r"|disregard\s+(?:all|any|the|your|previous|prior|above|earlier|these|those)"
    r"|forget\s+(?:all|everything|your|previous|prior)\s*(?:instructions?|rules|you)?"
    r"|you\s+are\s+now\b|from\s+now\s+on\s+you|act\s+as\s+(?:an?\s+)?(?:admin|root|system|developer|dan)\b"
    r"|system\s+prompt|developer\s+mode|jailbreak|new\s+instructions?\s*:|override\s+(?:your|the|all)\s+(?:instructions|rules|settings)"
    r"|do\s+not\s+follow\s+(?:your|the)|(?:set|change)\s+the\s+(?:ticket\s+)?(?:title|severity|summary)\s+to"
    r"|reveal\s+(?:your|the)\s+(?:system|hidden|secret)|<\|?(?:im_start|system)\|?>|\bBEGIN\s+(?:SYSTEM|INSTRUCTIONS)\b)"
)


def injection_suspected(line: str) -> bool:
    return bool(_INJECTION.search(" ".join(line.split())))


def _clean_url(u: str) -> str:
    u = u.rstrip(".,;:!?")
    while u.endswith(")") and u.count(")") > u.count("("):
        u = u[:-1]
    while u.endswith("]") and u.count("]") > u.count("["):
        u = u[:-1]
    return u


def extract(lines: Sequence[str]) -> Extracted:
    ex = Extracted(lines=list(lines))
    scored: list[tuple[int, int]] = []
    flat = [" ".join(raw.split()) for raw in lines]
    scores = [error_score(line) if line else 0 for line in flat]
    headed = error_context.messages_under_headings(flat)
    for i in headed + error_context.assertion_pairs(flat):  # "Error" / a class / a banner, then the message; "Expected:" / "Received:"
        scores[i] = max(scores[i], HEADED_SCORE)
    for i, warning in error_context.messages_beside_positions(flat):  # "7:3", then "Unknown property "colr""
        scores[i] = max(scores[i], WARNING_SCORE if warning else HEADED_SCORE)
    for i in error_context.superseded_markers(flat):  # "Traceback (...)" when the exception line follows
        scores[i] = 0
    for i in error_context.announcers(flat, headed):  # "... panicked at src/main.rs:4:5:" with its message after it
        scores[i] = min(scores[i], 1)
    for i, line in enumerate(flat):
        if not line:
            continue
        if injection_suspected(line):
            ex.injection_lines.append(i)
        score = scores[i]
        is_error = score > 0
        if is_error and not _INJECTION.search(line):
            ex.add("error_messages", error_context.strip_glyph(line), i)
            scored.append((score, i))
        for c in _codes(line, is_error):
            ex.add("error_codes", c, i)
        urls = [_clean_url(m.group(0)) for m in _URL.finditer(line)]
        for u in urls:
            ex.add("urls", u, i)
        no_urls = _URL.sub(" ", line)
        no_ip = _IPV4.sub(" ", no_urls)
        for pat in (_VERSION_V, _VERSION_WORD):
            for m in pat.finditer(no_ip):
                ex.add("versions", m.group(0) if pat is _VERSION_V else m.group(1), i)
        for m in _SEMVER.finditer(no_ip):
            v = m.group(1)
            if not any(v in existing for existing in ex.versions):
                ex.add("versions", v, i)
        taken: list[tuple[int, int]] = []
        for pat in _TS:
            for m in pat.finditer(no_urls):
                span = m.span(1) if pat.groups else m.span()
                if any(a <= span[0] < b or a < span[1] <= b for a, b in taken):
                    continue
                taken.append(span)
                ex.add("timestamps", (m.group(1) if pat.groups else m.group(0)).strip("[]"), i)
        _frames(line, i, ex)
        _environment(line, i, ex, is_error)
    if ex.injection_lines:
        ex.evidence["prompt_injection"] = list(ex.injection_lines)
    _pick_title(ex, scored)
    return ex


def _frames(line: str, i: int, ex: Extracted) -> None:
    for m in _PY_FRAME.finditer(line):
        ex.add("stack_frames", {"language": "python", "file": m.group(1), "line": int(m.group(2)), "function": m.group(3) or None, "text": line}, i)
    for m in _JAVA_FRAME.finditer(line):
        ex.add("stack_frames", {"language": "java", "file": m.group(3), "line": int(m.group(4)), "function": f"{m.group(1)}.{m.group(2)}", "text": line}, i)
    for m in _JAVA_NATIVE.finditer(line):
        ex.add("stack_frames", {"language": "java", "file": None, "line": None, "function": f"{m.group(1)}.{m.group(2)}", "text": line}, i)
    if not _JAVA_FRAME.search(line):
        for m in _JS_FRAME.finditer(line):
            fn = (m.group(1) or "").strip() or None
            ex.add("stack_frames", {"language": "javascript", "file": m.group(2), "line": int(m.group(3)), "function": fn, "text": line}, i)
    for m in _CS_FRAME.finditer(line):
        ex.add("stack_frames", {"language": "csharp", "file": m.group(2), "line": int(m.group(3)), "function": m.group(1), "text": line}, i)
    for m in _GO_FRAME.finditer(line):
        ex.add("stack_frames", {"language": "go", "file": m.group(1), "line": int(m.group(2)), "function": None, "text": line}, i)


def _set_env(ex: Extracted, key: str, value: str, i: int) -> None:
    if value and not ex.environment.get(key):
        ex.environment[key] = value
        ev = ex.evidence.setdefault(f"environment.{key}", [])
        if i not in ev:
            ev.append(i)


def _environment(line: str, i: int, ex: Extracted, is_error: bool = False) -> None:
    m = _OS.search(line)
    if m:
        _set_env(ex, "os", m.group(1), i)
    for m in _BROWSER.finditer(line):
        if m.group(1) == "Chrome" and line[m.end() : m.end() + 3] == " OS":
            continue
        if m.group(1) in ("Edge", "Safari", "Opera") and not m.group(2):
            continue  # too common as plain words
        _set_env(ex, "browser", f"{m.group(1)} {m.group(2)}" if m.group(2) else m.group(1), i)
        break
    if ex.environment.get("app"):
        return
    if not is_error:
        for pat in (_APP_VERSION_WORD, _APP_SEMVER):
            m = pat.search(_IPV4.sub(" ", _URL.sub(" ", line)))
            if m:
                name = m.group(1).strip()
                if _OS.fullmatch(name) or _BROWSER.fullmatch(name) or name.lower() in ("version", "release", "build") or name.isupper():
                    continue
                _set_env(ex, "app", name, i)
                return
    m = None if is_error else _APP_TITLE.match(line)  # "Error - Could not save x" names no app
    if m:
        _set_env(ex, "app", m.group(1).strip(), i)


def _pick_title(ex: Extracted, scored: list[tuple[int, int]]) -> None:
    """The default title: the most telling error line (first one among equals)."""
    if scored:
        best = max(scored, key=lambda si: (si[0], -si[1]))
        ex.title_line = best[1]
        ex.title = error_context.strip_glyph(" ".join(ex.lines[best[1]].split()))
        ex.evidence["title"] = [best[1]]
        return
    for i, line in enumerate(ex.lines):  # no error line: the first substantial line
        s = " ".join(line.split())
        if len(s) >= 12 and i not in ex.injection_lines:
            ex.title_line = i
            ex.title = s
            ex.evidence["title"] = [i]
            return
