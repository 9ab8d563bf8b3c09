"""What issue 20 (items 2-4) fixed, on the DEV half of the third-party set (odd-numbered images;
the held-out half is measured by `bench/screenshots.py --set third-party`, never tested here),
and the rules behind it on plain strings."""
from __future__ import annotations

import pytest

from agent.config import Config
from agent.tickets import error_context
from agent.tickets.extract import extract
from agent.tickets.ocr_step import line_fixes, quote_fixes
from agent.tickets.pipeline import analyze_screenshot
from models.ocr import TesseractOCR

from . import real_screens as rs


@pytest.fixture(scope="module")
def ocr() -> TesseractOCR:
    return TesseractOCR()


async def _ticket(name: str, ocr: TesseractOCR) -> tuple[rs.RealScreen, dict]:
    screen = rs.by_name(name)
    assert screen.source.startswith("third-party") and not screen.held_out, name  # dev images only
    ticket = await analyze_screenshot(screen.data, screen.content_type, ocr=ocr, llm=None, config=Config(tickets_db=":memory:"))
    return screen, ticket


async def test_large_light_on_dark_code_keeps_its_letters(ocr: TesseractOCR) -> None:
    """A VS Code hover (14 pt light code on a dark box on a white page): the specks of light inside
    its letters were kept light and their rims cleared as region edges; it read 'persen', 'strinc'."""
    screen, ticket = await _ticket("tp29_ui_vscode_ts_plain_hover.png", ocr)
    lines = ticket["ocr"]["lines"]
    for want in ("Type '() => { person: { fullName: string; email:", "in type '{ user: { name: string; email:"):
        # word for word inside a line (the hover's wrapped rows are joined: models/wrapped_lines.py _word_wrapped)
        assert any(rs.norm_line(want) in rs.norm_line(line) for line in lines), (want, lines)
    assert rs.token_recall(screen.reference, ticket["ocr"]["text"]) >= 0.95


@pytest.mark.parametrize("name", [
    "tp11_term_richclick_missing_argument.png",  # a rich panel titled "Error", the message inside
    "tp21_term_elm_string_hint.png",  # "-- TYPE MISMATCH ---- tmp.elm", then what is wrong
    "tp01_term_miette_bad_json.png",  # a red "x" before "Failed to find desired version"
    "tp07_term_thefuck_git_brnch.png",  # git: 'brnch' ... read with an opening double quote
    "tp97_term_stylelint_light.png",  # "7:3", then the message; '.foo" and "'colr" read with the wrong opening quote
    "tp99_term_vscode_errorlens_light.png",  # "More than 1 blank line not allowed."
    "tp81_term_bacon_gcc_warnings.png",  # gcc's ‘unused_var’ read without its opening quote
])
async def test_error_line_found(name: str, ocr: TesseractOCR) -> None:
    screen, ticket = await _ticket(name, ocr)
    found = [line for line in screen.expect if rs.exact_found(line, ticket["error_messages"])]
    assert found, (screen.expect, ticket["error_messages"])
    if name.startswith(("tp97", "tp99")):  # both of their lines
        assert all(rs.exact_found(line, ticket["error_messages"]) for line in screen.expect), (screen.expect, ticket["error_messages"])
    if name.startswith("tp01"):
        assert rs.exact_found("Failed to find desired version", ticket["error_messages"])


async def test_backtick_quoted_names_and_the_traceback_marker(ocr: TesseractOCR) -> None:
    _, ticket = await _ticket("tp19_term_elm_annotation_mismatch.png", ocr)
    assert "The type annotation for `perturb` does not match its definition." in ticket["ocr"]["lines"]
    _, ticket = await _ticket("tp13_ui_werkzeug_debugger.png", ocr)
    assert not any(m.startswith("Traceback") for m in ticket["error_messages"])
    assert rs.exact_found("AttributeError: 'sqlite3.Connection' object has no attribute 'comit'", ticket["error_messages"])


def test_quote_fixes() -> None:
    assert quote_fixes("The argument to function *getName* is causing a mismatch.") == "The argument to function `getName` is causing a mismatch."
    assert quote_fixes("Cannot find variable ‘List.nap*.") == "Cannot find variable `List.nap`."
    assert quote_fixes("value of *merge~ is not checked Cerrcheck)") == "value of `merge` is not checked (errcheck)"
    assert quote_fixes("git: \"brnch' is not a git command.") == "git: 'brnch' is not a git command."
    assert quote_fixes('x Duplicate selector \'.foo", first used at line 2') == 'x Duplicate selector ".foo", first used at line 2'
    assert quote_fixes('x Unknown property "\'colr"') == 'x Unknown property "colr"'
    assert quote_fixes("warning: unused variable unused_var' [-Wunused-variable]") == "warning: unused variable 'unused_var' [-Wunused-variable]"
    for same in ("the users' files are here", "don't use my_var", "echo \"'$x'\"", "it's 'ok' now"):
        assert quote_fixes(same) == same, same
    for same in ("$ ls *foo* bar", "a ‘quoted’ word", 'say "hi" now', "x * y * z", "C(x) = 1", "ls: cannot access `foo': No such file",
                 "(see Config)"):
        assert quote_fixes(same) == same, same


def test_error_context_rules() -> None:
    lines = ["Usage: tool.py [OPTIONS] INPUT", "Error", "Missing argument 'INPUT'.", "To find out more, visit https://x.io"]
    assert extract(lines).error_messages == ["Missing argument 'INPUT'."]
    lines = ["-- TYPE MISMATCH ------------------ src/Main.elm", "The left argument of (+) is causing a problem.", "3| x + 1"]
    assert extract(lines).error_messages == [lines[1]]
    lines = ["Whoops \\ Example \\ Exception", "/Users/me/example.php", "Something broke!", "50. return $frame;"]
    assert "Something broke!" in extract(lines).error_messages
    # a heading with no sentence under it finds nothing; a status word in a table is no heading
    assert extract(["Error", "42", "ok"]).error_messages == []
    # the traceback marker gives way to the exception line, and stays when none follows
    tb = ["Traceback (most recent call last):", '  File "a.py", line 1, in <module>', "KeyError: 'x'"]
    assert extract(tb).error_messages == ["KeyError: 'x'"]
    assert extract(tb[:2]).error_messages == [tb[0]]
    # a status glyph read as "x" is not part of the message; Xlib's own "X Error" stays
    assert extract(["x Failed to find desired version"]).error_messages == ["Failed to find desired version"]
    assert extract(["X Error of failed request: BadWindow"]).error_messages == ["X Error of failed request: BadWindow"]
    assert error_context.strip_glyph("× oops!") == "oops!"


def test_a_panic_announces_its_message_and_a_test_runner_pairs_expected_with_received() -> None:
    """Rust (since 1.73) and better-panic/color-eyre print the panic's message on the line
    after "panicked": that line is the error, the announcement only its marker. Jest and
    Vitest say neither "error" nor "failed" in "Expected: …" / "Received: …"."""
    rust = ["thread 'main' panicked at src/main.rs:4:5:", "index out of bounds: the len is 3 but the index is 99",
            "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace"]
    ex = extract(rust)
    assert rust[1] in ex.error_messages and ex.title == rust[1]
    crashed = ["The application panicked (crashed).", "index out of bounds: the len is 1 but the index is 10", "thread: main"]
    assert extract(crashed).title == crashed[1]
    assert extract(["The application panicked (crashed)."]).error_messages == ["The application panicked (crashed)."]  # nothing after it: kept
    jest = ["expect(received).toBe(expected) // Object.is equality", "Expected: 4", "Received: 5"]
    assert extract(jest).error_messages == jest[1:]
    assert extract(["Expected delivery: Tuesday", "Order total: $5"]).error_messages == []  # no received line: no failure


def test_warnings_and_failed_tests_are_diagnostics_below_errors() -> None:
    """gcc's warnings in bacon (tp81) had no error word; go test's "--- FAIL:" (tp91) and ward's
    "FAIL test_app:19" (tp93) name a failed test; goblin's "2 does not equal 4" an assertion."""
    from agent.tickets.extract import error_score

    for line in ("warning: statement has no effect [-Wunused-value]", "--- FAIL: Test (0.00s)",
                 "FAIL test_app:19 /users/alice returns the body 'The user is alice'", "2 does not equal 4"):
        assert error_score(line) > 0, line
    for line in ("Warnings are shown below", "warning", "FAIL", "Failed", "FAILOVER settings"):
        assert error_score(line) == 0, line
    ex = extract(["warning: unused variable 'x' [-Wunused-variable]", "error: expected ';' after expression"])
    assert ex.title == "error: expected ';' after expression"
    assert ex.error_messages == ["warning: unused variable 'x' [-Wunused-variable]", "error: expected ';' after expression"]


def test_an_exception_raised_from_a_module_supersedes_the_traceback_marker() -> None:
    """tbvaccine's traceback (tp89) ends in "requests.exceptions.MissingSchema: ...", a class
    whose name says neither Error nor Exception: the marker line is not an error of its own."""
    lines = ["Traceback (most recent call last):", '  File "./test.py", line 8, in do_stuff', "    requests.get(\"ex\")",
             "requests.exceptions.MissingSchema: Invalid URL 'ex': No schema supplied. Perhaps you meant http://ex?"]
    ex = extract(lines)
    assert ex.error_messages == [lines[-1]] and ex.title == lines[-1]
    assert extract(lines[:3] + ["see os.path for more"]).error_messages == ["Traceback (most recent call last):"]


def test_a_banner_that_lost_its_leading_rule_still_heads_its_message() -> None:
    """Elm's banner read off a photo of the screen (tp43) without its dim leading "--"."""
    lines = ["TYPE MISMATCH ---------99-9-- 99 nnn nnn tmp.elm", "The left argument of (+) is causing a type mismatch.", "3| x"]
    assert extract(lines).error_messages == ["The left argument of (+) is causing a type mismatch."]
    assert extract(["Hello world -----", "The left argument of (+) is causing a type mismatch."]).error_messages == []


def test_a_message_with_a_linters_code_is_a_diagnostic() -> None:
    """Editors and linters say what is wrong in their own words ("is missing", "is for string
    comparisons"), with the rule's code: the code marks the line as the error."""
    shellcheck = ["if [[ $# < 1 ]]", "then", '"<" is for string comparisons. Use -lt . [SC2071]']
    ex = extract(shellcheck)
    assert ex.error_messages == [shellcheck[2]] and ex.error_codes == ["SC2071"]
    hover = ["Property 'isOpen' is missing in type '{ onClose: () => void; }' but required in type 'Props'. ts(2741)", "View Problem"]
    ex = extract(hover)
    assert ex.error_messages == [hover[0]] and ex.error_codes == ["TS2741"]
    assert extract(["^-- SC2004 (style): $/${} is unnecessary on arithmetic variables."]).error_codes == ["SC2004"]
    # a code mentioned, not printed with a message, is no diagnostic
    for mention in ("See SC2086 on the wiki", "For more information: https://www.shellcheck.net/wiki/SC2086 -- Double quote"):
        assert extract([mention]).error_messages == [], mention


def test_spaces_tesseract_sets_inside_file_names_urls_and_scope_paths_are_taken_out() -> None:
    """Monospace text leaves a gap beside a narrow glyph, and Tesseract reads a space there
    (the dev half's node, mocha, miette and Elm captures)."""
    assert line_fixes("at Module._compile (module. js:456:26)", True) == "at Module._compile (module.js:456:26)"
    assert line_fixes("at Object.<anonymous> (E:\\xeno\\demo. coffee:38:5)", True) == "at Object.<anonymous> (E:\\xeno\\demo.coffee:38:5)"
    assert line_fixes("<http: //package.elm-lang.org/x>", False) == "<http://package.elm-lang.org/x>"
    assert line_fixes("in <alloc::vec::Vec<T> as core: :ops::index: :Index<I>>: :index", True) == (
        "in <alloc::vec::Vec<T> as core::ops::index::Index<I>>::index")
    assert line_fixes("<function main at @x7ff810e63bf8>", True) == "<function main at 0x7ff810e63bf8>"
    assert line_fixes("at EventEmitter._tickCallback Cnode.js:192:40)", True) == "at EventEmitter._tickCallback (node.js:192:40)"
    assert line_fixes("at /x/vendor/Connection.php: 669", True) == "at /x/vendor/Connection.php:669"
    assert line_fixes(". /wemake_python_styleguide/types.py", True) == "./wemake_python_styleguide/types.py"
    assert line_fixes("https://wemake-python-stylegui.de/en/@.10.0/pages/", True) == "https://wemake-python-stylegui.de/en/0.10.0/pages/"
    assert line_fixes('File "t.py", Line 43, in <module>', True) == 'File "t.py", line 43, in <module>'
    assert quote_fixes("error: Unexpected type in ‘+* application") == "error: Unexpected type in `+` application"
    assert quote_fixes("is to have ^Error^ as a suffix") == "is to have `Error` as a suffix"
    for same in ("Restart the app. go home", "It is done. Js is next", "Call Center (ok)", "mail me@x1234 now", "a: : b",
                 "see main.py: 6 errors", "user@.5 ok", "2^x^3", "a * b * c", "Line 4 of the Linux docs",
                 "    ^^^^^", "  ^~~~~ here", "x = y ^ z"):
        assert line_fixes(same, True) == same, same


def test_located_linter_diagnostics_are_error_lines() -> None:
    """How linters and compilers print a problem at a place (their documented formats): the
    location, then a rule code, a severity letter or word, or a message. Errors outrank warnings."""
    from agent.tickets.extract import WARNING_SCORE, error_score

    for line in ("app.py:1:1: F401 'os' imported but unused", "app.py:1:8: F401 [*] `os` imported but unused",
                 "192:32   E231  missing whitespace after ':'", "app.py:1:0: C0114: Missing module docstring (missing-module-docstring)",
                 "Dockerfile:3 DL3008 warning: Pin versions in apt get install.",
                 "README.md:3 MD022/blanks-around-headings Headings should be surrounded by blank lines",
                 "app.rb:3:5: E: Lint/Syntax: unexpected token tRPAREN"):
        assert error_score(line) > WARNING_SCORE, line
    assert error_score("More than 1 blank line not allowed.") > 0  # Error Lens (tp99): "not allowed" says what is wrong
    for line in ("main.c:3:5: warning: unused variable 'x' [-Wunused-variable]", "  5:1   warning  Missing semicolon  semi",
                 "app.rb:3:5: C: Style/StringLiterals: Prefer single-quoted strings.",
                 "main.go:12:2: ineffectual assignment to err (ineffassign)"):
        assert error_score(line) == WARNING_SCORE, line
    for line in ("12:30 Team standup in room 4", "12:30:45 W101 retry scheduled", "see main.py:12 for the definition",
                 "main.py:12: def foo(bar):", "Score 3:1 Arsenal Chelsea", "C: drive is full", "Step 1: Open the Settings app",
                 "W291 trailing whitespace"):
        assert error_score(line) == 0, line
    ex = extract(["main.c:3:5: warning: unused variable 'x'", "main.c:4:1: error: expected ';' after expression"])
    assert ex.title == "main.c:4:1: error: expected ';' after expression"


def test_messages_beside_a_reports_position_cells() -> None:
    """stylelint's report (tp97) sets "7:3" in a column of its own: the sentence beside it is the
    problem, after a severity cell if one comes between. A chat's times beside its messages are not."""
    report = ["styles.css", "6:1", "x Duplicate selector \".foo\", first used at line 2", "no-duplicate-selectors",
              "7:3", "warning", "Unexpected empty block", "block-no-empty", "12:1", "x Too many class selectors"]
    ex = extract(report)
    assert ex.error_messages == ['Duplicate selector ".foo", first used at line 2', "Unexpected empty block", "Too many class selectors"]
    assert ex.title == 'Duplicate selector ".foo", first used at line 2'  # the warning ranks below
    vale = ["8:93", "warning Avoid hyphens in ages unless", "14:16", "error", "Use 'DC' instead of 'D.C.'"]
    assert extract(vale).title == "Use 'DC' instead of 'D.C.'"  # a severity cell read into the message ranks it too
    assert extract(["10:42", "Hi Anna, are you coming?", "10:43", "Yes, in five minutes"]).error_messages == []
    assert extract(["7:3", "Prefer single quotes here"]).error_messages == []  # one cell: no report
