"""Issue 20 item 4: an error line read again at other scales and put to a token vote
(agent/tickets/error_line_reread.py), on real captures with real Tesseract."""
from __future__ import annotations

from pathlib import Path

import pytest

from agent.config import Config
from agent.tickets import schema
from agent.tickets.error_line_reread import error_line_indices, reread_lines, vote
from models.line_reader import load_line_reader
from agent.tickets.pipeline import analyze_screenshot, image_steps
from models.ocr import TesseractOCR

SCREENS = Path(__file__).parent / "fixtures" / "screens"
TP09 = SCREENS / "third_party" / "tp09_term_thefuck_sleep_apt.png"  # dev half
LOCK_LINE = "E: Could not open lock file /var/lib/dpkg/lock - open (13: Permission denied)"
# generous: a loaded test machine must not turn a re-reading into a missing one
ON = Config(tickets_db=":memory:", ocr_reread_error_lines=True, ocr_reread_budget_s=20.0)


async def test_a_misread_error_line_is_put_right_and_each_edit_is_listed() -> None:
    """thefuck's apt demo: the first reading gives `lock File ... lock open` (a capital F, the
    ` - ` dropped); read at 0.6 and 2 times the scale it says `file` and `-`, and the ticket's
    error line is the one on the screen."""
    data = TP09.read_bytes()
    before = await analyze_screenshot(data, "image/png", ocr=TesseractOCR(), llm=None, config=ON.replace(ocr_reread_error_lines=False))
    assert LOCK_LINE not in before["error_messages"]  # else this capture tests nothing
    ticket = await analyze_screenshot(data, "image/png", ocr=TesseractOCR(), llm=None, config=ON.replace(ocr_line_model="off"))
    schema.validate(ticket)
    assert LOCK_LINE in ticket["error_messages"], ticket["error_messages"]
    line = ticket["ocr"]["lines"].index(LOCK_LINE)
    rereads = [c for c in ticket["ocr"]["corrections"] if c.get("source") == "reread"]
    assert [(c["line"], c["read"], c["fixed"]) for c in rereads] == [(line, "File", "file"), (line, "", "-")], rereads
    assert all(c["readings"] >= 2 for c in rereads)
    # the other error line was read right the first time and is as it was
    assert "E: Unable to lock the administration directory (/var/lib/dpkg/), are you root?" in ticket["error_messages"]


async def test_on_by_default_and_when_off_nothing_is_read_again() -> None:
    assert Config().ocr_reread_error_lines is True
    off = Config(tickets_db=":memory:", ocr_reread_error_lines=False)
    ticket = await analyze_screenshot(TP09.read_bytes(), "image/png", ocr=TesseractOCR(), llm=None, config=off)
    assert "reread" not in ticket["timings"]
    assert not [c for c in ticket["ocr"].get("corrections", []) if c.get("source") == "reread"]


@pytest.mark.parametrize("name", ["term_git_typo_xterm-dark-14.png", "term_no_such_file_urxvt-dark-15.png", "web_form_invalid_x1.jpg"])
def test_every_token_of_a_voted_line_was_read_so_by_the_first_reading_or_two_rereadings(name: str) -> None:
    """On the project's own captures: whatever the vote makes of an error line, each of its
    tokens is the first reading's or one that two re-readings read (nothing invented), and
    the lines these captures' first readings got right stay as they were (`ls:` is not
    turned into `1s:`, nor `Invalid` into `invalid`, which one scale reads there)."""
    ocr = TesseractOCR()
    _, _, prep, result, _ = image_steps((SCREENS / name).read_bytes(), None, ocr=ocr, config=ON.replace(ocr_reread_error_lines=False))
    texts = [ln.text for ln in result.lines]
    chosen = error_line_indices(texts)
    readings = reread_lines(result.lines, chosen, prep, ocr, budget_s=20.0)
    assert readings, "no error line was read again"
    for i, reads in readings.items():
        assert len(reads) == 3
        fixed, won = vote(texts[i], reads)
        first = texts[i].split()
        for tok in fixed.split():
            assert tok in first or sum(tok in r.split() for r in reads) >= 2, (tok, texts[i], reads)
        if name != "term_git_typo_xterm-dark-14.png":
            assert fixed == " ".join(first) and not won, (texts[i], reads)


@pytest.mark.parametrize("first, reads, want", [
    # one character misread, two re-readings agree: put right
    ("[83] Error: Incompatible types", ["[03] Error: Incompatible types", "[03] Error: Incompatible types", "[@3] Error: Incompatible types"],
     "[03] Error: Incompatible types"),
    # a dropped token, read by two of three: inserted
    ("foo 60", ["foo == 60", "foo == 60", "foo 60"], "foo == 60"),
    # two against one that keeps the first reading: 2 > 1, made
    ("ls: x", ["1s: x", "1s: x", "ls: x"], "1s: x"),
    # one re-reading alone changes nothing
    ("ls: x", ["1s: x", "ls: x", "ls: x"], "ls: x"),
    # a space a re-reading put inside a token is not an edit: the rest of the line still counts
    ("Error: turron::api::bad_json (lnk)", ["Error: turron: :api::bad_json (link)", "Error: turron::api::bad_json (link)", "Error: turron::api::bad_json (lnk)"],
     "Error: turron::api::bad_json (link)"),
    # a name between quotes is not read as one without them (`perturb` as perturb*)
    ("annotation for `perturb` does not", ["annotation for perturb* does not"] * 3, "annotation for `perturb` does not"),
    # a token dropped, words joined or split, letters lost, only quotes reshaped: never made
    ("-- NAMING ERROR ------ x", ["NAMING ERROR x"] * 3, "-- NAMING ERROR ------ x"),
    ("No rule to make target", ["No rule to_make target"] * 3, "No rule to make target"),
    ("turron::api::bad_json (link)", ["turron: :api::bad_json (link)"] * 3, "turron::api::bad_json (link)"),
    ("}'. ts(2322)", ["}'. (2322)"] * 3, "}'. ts(2322)"),
    ("Missing argument 'INPUT'.", ["Missing argument ‘INPUT’."] * 3, "Missing argument 'INPUT'."),
])
def test_the_vote(first: str, reads: list[str], want: str) -> None:
    assert vote(first, reads)[0] == want


TP03 = SCREENS / "third_party" / "tp03_term_ariadne_incompatible_types.png"  # dev half


async def test_the_second_recogniser_puts_right_what_tesseract_misreads_at_every_scale() -> None:
    """ariadne's `[03] Error: Incompatible types`: Tesseract reads `[83]` first and `[@3]`,
    `[83]` or the right `[03]` at the other scales (not two alike); PP-OCRv4 reads `[03]` in the
    prepared tile and in the received image, and with it the vote puts the line right."""
    data = TP03.read_bytes()
    alone = await analyze_screenshot(data, "image/png", ocr=TesseractOCR(), llm=None, config=ON.replace(ocr_line_model="off"))
    assert "[03] Error: Incompatible types" not in alone["error_messages"], alone["error_messages"]
    ticket = await analyze_screenshot(data, "image/png", ocr=TesseractOCR(), llm=None, config=ON)
    assert "[03] Error: Incompatible types" in ticket["error_messages"], ticket["error_messages"]
    fix = [c for c in ticket["ocr"]["corrections"] if c.get("source") == "reread"]
    assert [(c["read"], c["fixed"]) for c in fix] == [("[83]", "[03]")] and fix[0]["readings"] >= 2, fix


def test_a_mark_the_first_reading_dropped_at_the_end_is_read_by_two() -> None:
    """The project's own xterm capture: Tesseract drops the final "." of git's line at the first
    scale; the second recogniser's crop of the received image reaches a character past the
    line and sees it, and so does Tesseract at two scales: it is put back."""
    ocr = TesseractOCR()
    data = (SCREENS / "term_git_typo_xterm-dark-14.png").read_bytes()
    decoded, _, prep, result, _ = image_steps(data, None, ocr=ocr, config=ON.replace(ocr_reread_error_lines=False))
    texts = [ln.text for ln in result.lines]
    [i] = [k for k in error_line_indices(texts) if texts[k].startswith("git: 'brnch'")]
    assert texts[i].endswith("'git --help'")  # the first reading drops the "." (else this tests nothing)
    reads = reread_lines(result.lines, [i], prep, ocr, budget_s=20.0, source=decoded.image.convert("RGB"), reader=load_line_reader(""))[i]
    assert len(reads) == 5
    assert vote(texts[i], reads)[0] == "git: 'brnch' is not a git command. See 'git --help'."
