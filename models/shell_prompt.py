"""What a shell prompt looks like at the start of a line read off a terminal.

One pattern for every reader of OCR lines: the wrapped-line joiner (a prompt row begins
something of its own), the quote fixes (a command line keeps its `*glob*`), and the
error-context finder (a command line is not the sentence under an error heading).
"""
from __future__ import annotations

import re

# - "user@host:~/dir$", "user@host ~ %" (a space may be read before the separator);
# - a bare prompt sign and a space: "$ make", "# apt install", "> node", "% ls", "❯ cargo test";
# - oh-my-zsh's default prompt, "➜  thefuck git:(develop) ✗": its arrow read as anything.
SHELL_PROMPT = r"\S+@\S+ ?[:~]|[$#>%❯]\s|\S{0,2}\s*[\w.~/-]+ git:\("

_AT_START = re.compile(rf"^\s*(?:{SHELL_PROMPT})")


def starts_with_prompt(text: str) -> bool:
    """Whether `text` begins with a shell prompt (see SHELL_PROMPT)."""
    return bool(_AT_START.match(text))
