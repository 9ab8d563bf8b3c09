"""Masking of secrets and personal data.

- `mask_secrets()`: API keys, tokens, JWTs, passwords in URLs or `key=value` pairs. Applied to
  everything a ticket stores or sends to an LLM: a key that was on screen is never needed to
  reproduce a bug.
- `redact()`: `mask_secrets` plus e-mail addresses and any long hex/base64 string. Applied to
  anything written to the log. Raw OCR text is never logged.
"""
from __future__ import annotations

import re

_SECRET_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"), "[jwt]"),
    (re.compile(r"\b(?:sk|rk|pk)-(?:proj-|live-|test-|ant-)?[A-Za-z0-9_-]{16,}"), "[api-key]"),
    (re.compile(r"\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{10,}"), "[api-key]"),
    (re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"), "[aws-key]"),
    (re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}"), "[github-token]"),
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"), "[slack-token]"),
    (re.compile(r"\bAIza[0-9A-Za-z_-]{30,}"), "[api-key]"),
    (re.compile(r"\bglpat-[A-Za-z0-9_-]{16,}"), "[gitlab-token]"),
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), "[private-key]"),
]
# "Bearer xyz", "password=xyz", "api_key: xyz", "token xyz"
_KEYVAL = re.compile(
    r"(?i)\b(bearer|authorization|passw(?:or)?d|pwd|secret|api[_-]?key|access[_-]?key|token|client[_-]?secret)"
    r"(\s*[:=]\s*|\s+)(\"?)([^\s\"',;&]{6,})"
)
_URL_PASSWORD = re.compile(r"\b([a-z][a-z0-9+.-]*://[^\s:/@]+:)([^\s@/]+)(@)", re.I)
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
_LONG_HEX = re.compile(r"\b[0-9a-fA-F]{32,}\b")
_LONG_B64 = re.compile(r"(?<![A-Za-z0-9+/_-])(?=[A-Za-z0-9+/_-]*[0-9])(?=[A-Za-z0-9+/_-]*[a-z])(?=[A-Za-z0-9+/_-]*[A-Z])[A-Za-z0-9+/_-]{40,}={0,2}")


def mask_secrets(text: str) -> str:
    if not text:
        return text
    for pat, repl in _SECRET_PATTERNS:
        text = pat.sub(repl, text)
    text = _URL_PASSWORD.sub(r"\1[password]\3", text)

    def keyval(m: re.Match[str]) -> str:
        value = m.group(4)
        if value.startswith("[") or value.lower() in ("required", "invalid", "expired", "missing", "incorrect", "denied"):
            return m.group(0)
        return f"{m.group(1)}{m.group(2)}{m.group(3)}[redacted]"

    return _KEYVAL.sub(keyval, text)


def redact(text: str) -> str:
    """For logs: secrets, e-mail addresses and long opaque strings masked."""
    if not text:
        return text
    text = mask_secrets(text)
    text = _EMAIL.sub("[email]", text)
    text = _LONG_HEX.sub("[hex]", text)
    return _LONG_B64.sub("[secret]", text)
