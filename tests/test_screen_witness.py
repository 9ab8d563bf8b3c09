"""Issue 20 item 4: a misread key token is put back as the screen shows it elsewhere, and
nothing is invented (agent/tickets/screen_witness.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from agent.config import Config
from agent.tickets import schema
from agent.tickets.pipeline import analyze_screenshot
from agent.tickets.screen_witness import checked_against_screen
from models.ocr import TesseractOCR

SCREENS = Path(__file__).parent / "fixtures" / "screens"


async def test_a_real_capture_gets_its_flag_back_from_the_line_that_shows_it() -> None:
    """xterm, 10 pt, dark: Tesseract reads the usage hint's `--help` as `=-help`; the error line
    under it shows `'--help'`. The ticket says the flag as the screen does, and which line it
    was checked against."""
    data = (SCREENS / "term_click_no_option_xterm-dark-10.png").read_bytes()
    ticket = await analyze_screenshot(data, "image/png", ocr=TesseractOCR(), llm=None, config=Config(tickets_db=":memory:"))
    schema.validate(ticket)
    lines = ticket["ocr"]["lines"]
    assert "Try 'cli.py --help' for help." in lines, lines
    assert not any("=-help" in line for line in lines)
    fixes = ticket["ocr"]["corrections"]
    assert [(f["read"], f["fixed"]) for f in fixes] == [("=-help", "--help")], fixes
    assert "--help" in lines[fixes[0]["witness_line"]] and fixes[0]["line"] == lines.index("Try 'cli.py --help' for help.")
    assert "--hep" in " ".join(lines)  # the typo the user made is not "corrected" into the suggestion


@pytest.mark.parametrize("lines, want", [
    # a mark no flag holds, against a clean reading elsewhere
    (["$ tool --verbose", "unknown option =-verbose"], ["$ tool --verbose", "unknown option --verbose"]),
    # a file name's 0 read as @ in one of three places
    (["$ python 01_simple.py", "Usage: @1_simple.py [OPTIONS]", "Try '01_simple.py --help'"],
     ["$ python 01_simple.py", "Usage: 01_simple.py [OPTIONS]", "Try '01_simple.py --help'"]),
    # a digit between letters in a path, against the prompt that typed it
    (["$ cat /usr/lib/app.conf", "cat: /usr/lib/app.c0nf: Permission denied"],
     ["$ cat /usr/lib/app.conf", "cat: /usr/lib/app.conf: Permission denied"]),
])
def test_the_reading_the_screen_supports_wins(lines, want):
    fixed, fixes = checked_against_screen(lines)
    assert fixed == want and len(fixes) == 1


@pytest.mark.parametrize("lines", [
    ["No such option: --hep Did you mean --help?"],  # a suggestion is another word, not a witness
    ["$ git log", "a1b2c3d alb2c3d"],  # a commit hash is letters and digits by design
    ["built for x86_64 and x86-64"],  # two spellings, once each: nothing says which is right
    ["--h7r", "--hep"],  # 7/e and r/p are not confusions the table names: left as read
    ["Usage: Q1_simple.py", "Try '@1_simple.py --help'"],  # tp10: both misread "01_simple.py"; Q/@ is no common confusion
    ["only one --flag here"],
])
def test_nothing_is_invented_or_guessed(lines):
    fixed, fixes = checked_against_screen(lines)
    assert fixed == lines and fixes == []


def test_confidence_breaks_a_tie_only_when_clearly_apart():
    lines = ["mv conf.d/main.cfg conf.d/rnain.cfg"]  # not confusable by the table: untouched
    assert checked_against_screen(lines)[0] == lines
    lines = ["see Setup.cfg", "or 5etup.cfg"]
    weak = [{"Setup.cfg": 90.0}, {"5etup.cfg": 80.0}]
    assert checked_against_screen(lines, weak)[0] == lines  # 10 points apart: not enough
    strong = [{"Setup.cfg": 95.0}, {"5etup.cfg": 40.0}]
    assert checked_against_screen(lines, strong)[0] == ["see Setup.cfg", "or Setup.cfg"]
