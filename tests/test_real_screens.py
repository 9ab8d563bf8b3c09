"""Real renderings (xterm and urxvt under Xvfb, headless Chromium, real captures) through the
whole ticket pipeline with the real Tesseract: the exact error line must come out.

The images and their references were made by `bench/capture_screens.py` (see
`tests/real_screens.py`); accuracy and speed over all of them are in `bench/screenshots.py`.
"""
from __future__ import annotations

import pytest

from agent.config import Config
from agent.tickets.extract import extract
from agent.tickets.pipeline import analyze_screenshot, context_summary
from models.ocr import TesseractOCR

from . import real_screens as rs

TERMINALS = [
    "term_git_typo_xterm-light-10.png",  # git's "is not a git command" (issue 11)
    "term_py_zero_division_xterm-light-10.png",  # a traceback's last line, small light xterm
    "term_pip_no_dist_urxvt-dark-15.png",  # red "ERROR:" lines on a dark teal urxvt
    "term_no_such_file_urxvt-dark-15.png",  # two errors: "No such file or directory" twice
    "term_perm_shadow_urxvt-dark-11.png",  # "cat: /etc/shadow: Permission denied" stays one line
    "term_click_no_option_xterm-dark-10.png",  # Click's "Error: No such option"
    "term_rustc_e0425_urxvt-dark-15.png",  # "error[E0425]: ... `totl` ..." with its backticks
    "term_apt_locate_xterm-dark-14.png",  # apt's "E: Unable to locate package"
    "term_npm_missing_script_urxvt-dark-11.png",  # npm's "npm error Missing script"
    "i08_terminal_rich_python_traceback",  # a real macOS capture of a `rich` traceback
    "term_py_json_wrapped_xterm-dark-10.png",  # the exception line wrapped at 96 columns, mid-number (issue 20)
    "term_py_json_wrapped_xterm-light-14.png",  # the same in a large light xterm (read as a UI: joined by its monospace grid)
]
APPS = [
    "web_locked_dialog_x1.png",  # a modal under a window title "Error - Spreadsheet Studio"
    "web_500_toast_x1.jpg",  # white on a red toast, JPEG q75
    "web_dark_dashboard_x2.png",  # a red toast on a dark page, device scale 2
    "web_refused_x2.jpg",  # Chromium's error page, scale 2, JPEG: "ERR_CONNECTION_REFUSED"
    "web_django_debug_x1.png",  # "OperationalError at /api/orders/"
    "web_nginx_404_x2.png",  # a bold serif heading at scale 2
]


@pytest.fixture(scope="module")
def ocr() -> TesseractOCR:
    return TesseractOCR()


async def _ticket(name: str, ocr: TesseractOCR) -> tuple[rs.RealScreen, dict]:
    screen = rs.by_name(name)
    ticket = await analyze_screenshot(screen.data, screen.content_type, ocr=ocr, llm=None, config=Config(tickets_db=":memory:"))
    return screen, ticket


@pytest.mark.parametrize("name", TERMINALS)
async def test_terminal_exact_error_line(name: str, ocr: TesseractOCR) -> None:
    screen, ticket = await _ticket(name, ocr)
    assert screen.expect
    for line in screen.expect:
        assert rs.exact_found(line, ticket["error_messages"]), (line, ticket["error_messages"])
    # the line a support engineer needs is also what the voice agent is given first
    assert rs.norm_line(screen.expect[0]) in rs.norm_line(context_summary(ticket))


@pytest.mark.parametrize("name", APPS)
async def test_app_exact_error_line(name: str, ocr: TesseractOCR) -> None:
    screen, ticket = await _ticket(name, ocr)
    for line in screen.expect:
        assert rs.exact_found(line, ticket["error_messages"]), (line, ticket["error_messages"])
    for title in screen.not_errors:  # a window title naming the app is not an error message
        assert rs.norm_line(title) in [rs.norm_line(x) for x in ticket["ocr"]["lines"]]
        assert not rs.exact_found(title, ticket["error_messages"])


async def test_window_title_names_the_app_and_the_dialog_is_the_title(ocr: TesseractOCR) -> None:
    screen, ticket = await _ticket("web_locked_dialog_x1.png", ocr)
    assert ticket["environment"]["app"] == "Spreadsheet Studio"
    assert rs.norm_line(ticket["title"]) == rs.norm_line(screen.expect[0])


def test_real_set_is_complete() -> None:
    """Every captured image has its reference and expected lines, and each expected line is
    in its reference (the text the program printed)."""
    screens = rs.load(include_shared=False)
    kinds = {s.kind for s in screens}
    assert kinds == {"terminal", "ui", "document"}
    assert sum(s.kind == "terminal" for s in screens) >= 30
    for s in screens:
        assert s.path.exists() and s.reference, s.name
        rows = s.reference
        wrapped = ["".join(rows[i:i + k]) for k in (2, 3) for i in range(len(rows))]  # a line the terminal wrapped
        for line in s.expect:
            assert any(rs.norm_line(line) == rs.norm_line(r) for r in [*rows, *wrapped]), (s.name, line)


def test_only_a_monospace_line_that_runs_to_the_edge_is_joined_with_the_row_under_it() -> None:
    from models.ocr import OcrLine, OcrWord
    from models.wrapped_lines import join_wrapped

    def line(text: str, x: int, y: int, cell: float = 8.0) -> OcrLine:
        words, at = [], x
        for part in text.split(" "):
            words.append(OcrWord(part, 90.0, (int(at), y, int(len(part) * cell), 14)))
            at += (len(part) + 1) * cell
        return OcrLine(text, 90.0, (x, y, int(len(text) * cell), 14), tuple(words))

    long = "ValueError: the configuration value for timeout must be a number, got ninety"  # 76 cells
    width = 2 + 76 * 8 + 2
    rows = [line("Traceback (most recent call last):", 2, 0), line("File \"app.py\", line 3, in main", 2, 20),
            line(long, 2, 40), line("0 seconds", 2, 60), line("root@devbox:~$ ls", 2, 80)]
    joined = join_wrapped(rows, width)
    assert [r.text for r in joined][2] == long + "0 seconds" and len(joined) == 4
    assert join_wrapped(rows, width + 40) == rows  # short of the image's edge: never joined
    prompt = [*rows[:3], line("root@devbox:~$ ls", 2, 60)]
    assert join_wrapped(prompt, width) == prompt  # a prompt starts a row of its own
    misread = [*rows[:3], line("root@devbox :~/shop#", 2, 60)]
    assert join_wrapped(misread, width) == misread  # ... also with the space Tesseract sets before its colon
    # the space between two words fell in the first column: the rest starts one column in, and keeps its space
    spaced = join_wrapped([*rows[:3], line("'seconds'. (2345)", 2 + 8, 60)], width)
    assert spaced[2].text == long + " 'seconds'. (2345)" and len(spaced) == 3
    assert len(join_wrapped([*rows[:3], line("indented by two", 2 + 16, 60)], width)) == 4  # two columns in: a line of its own
    proportional = [line(r.text, r.box[0], r.box[1], cell=c) for r, c in zip(rows, (5.0, 9.0, 8.0, 6.5, 11.0))]
    proportional = [OcrLine(r.text, r.conf, r.box, tuple(OcrWord(w.text, w.conf, (w.box[0], w.box[1], int(w.box[2] * (1.0 + 0.3 * (i % 3))), 14))
                                                         for i, w in enumerate(r.words))) for r in proportional]
    assert join_wrapped(proportional, width) == proportional  # not a grid of equal cells


def test_proportional_text_wrapped_at_a_word_is_one_line_again() -> None:
    """A dialog wraps its message at a word: the row under a full row, at the same left edge, in
    the same type, starting as only a continuation can, is the rest of it. A short row, a
    sentence's end, a capital and a row whose first word would have fit above all stay apart."""
    from models.ocr import OcrLine, OcrWord
    from models.wrapped_lines import join_wrapped

    def line(text: str, x: int, y: int) -> OcrLine:
        words, at = [], x
        for i, part in enumerate(text.split(" ")):
            wide = int(len(part) * (6.0 + 2.0 * (i % 3)))  # proportional: no grid of equal cells
            words.append(OcrWord(part, 90.0, (at, y, wide, 14)))
            at += wide + 5
        return OcrLine(text, 90.0, (x, y, at - 5 - x, 14), tuple(words))

    full = line("This history seems old. It will work with this program, but some messages", 20, 0)
    rest = line("have been added since the history was created:", 20, 19)
    after = line("Main.Msg", 20, 60)
    assert [r.text for r in join_wrapped([full, rest, after], 1000)] == [full.text + " " + rest.text, after.text]
    assert join_wrapped([line("Save changes?", 20, 0), line("changes are kept", 20, 19)], 1000)[0].text == "Save changes?"  # a short row
    ended = line("This history seems old. It will work with this program, but it is done.", 20, 0)
    assert len(join_wrapped([ended, rest], 1000)) == 2  # the row above ended a sentence
    capital = line("Have been added since the history was created:", 20, 19)
    assert len(join_wrapped([full, capital], 1000)) == 2  # a capital starts something of its own
    assert len(join_wrapped([full, line("have been added", 40, 19)], 1000)) == 2  # another left edge
    assert len(join_wrapped([full, line("have been added", 20, 60)], 1000)) == 2  # a gap: another paragraph
    short = line("have been added since the history was created:", 20, 38)
    assert len(join_wrapped([full, rest, short], 1000)) == 2  # "have" fitted after "created:": not wrapped


def test_monospace_text_wrapped_at_a_word_is_one_line_again() -> None:
    """An editor's hover wraps monospace text at a word, before the image's right edge: the
    row under it is its rest when its first word would not have fit up there. A row whose
    first word would have fit (`warning:` under `error:`) stays a line of its own."""
    from models.ocr import OcrLine, OcrWord
    from models.wrapped_lines import join_wrapped

    cell = 8.0

    def line(text: str, y: int) -> OcrLine:
        words, at = [], 4.0
        for part in text.split(" "):
            words.append(OcrWord(part, 90.0, (int(at), y, int(len(part) * cell), 14)))
            at += (len(part) + 1) * cell
        return OcrLine(text, 90.0, (4, y, int(len(text) * cell), 14), tuple(words))

    first = "Type '() => { person: { fullName: string; email:"  # 48 cells
    width = 4 + 52 * 8  # "string;" (7 cells) would not fit after it
    rows = [line(first, 0), line("string; }; }' is not assignable to type", 20), line("'GetUserFunction'.", 40),
            line("Property 'user' is missing", 60)]
    assert [r.text for r in join_wrapped(rows, width)] == [
        first + " string; }; }' is not assignable to type 'GetUserFunction'.", "Property 'user' is missing"]
    assert len(join_wrapped(rows, width + 20 * 8)) == 4  # room for "string;" up there: not wrapped
    status = [line("error: could not compile `parley` due to 2 previous errors", 0), line("warning: build failed, waiting", 20)]
    assert join_wrapped(status, 4 + 80 * 8) == status


def test_a_terminal_in_a_window_with_a_margin_wraps_at_its_own_last_column() -> None:
    """A macOS capture keeps the window's shadow around it: the terminal's last column ends
    well inside the image. Two rows or more that run to the same right end mark it; one long
    row alone does not (it may be the longest line, not a wrapped one)."""
    from models.ocr import OcrLine, OcrWord
    from models.wrapped_lines import join_wrapped

    cell = 8.0

    def line(text: str, y: int, x: int = 100) -> OcrLine:
        words, at = [], float(x)
        for part in text.split(" "):
            words.append(OcrWord(part, 90.0, (int(at), y, int(len(part) * cell), 14)))
            at += (len(part) + 1) * cell
        return OcrLine(text, 90.0, (x, y, int(len(text) * cell), 14), tuple(words))

    sql = "SQLSTATE[HY000] [2002] Connection refused (SQL: select * from information_schema.tables where larav"  # 99 cells
    frame = "Illuminate\\Foundation\\Console\\Kernel::handle(Object(Symfony\\Component\\Console\\Input\\ArgvInput), Object(Symfony"
    frame = frame[:99]
    rows = [line("art migrate", 0), line(sql, 20), line("el and table_name = migrations)", 40), line("+32 vendor frames", 60), line(frame, 80)]
    image_width = 100 + 99 * 8 + 300  # the window's shadow and margin to its right
    joined = [r.text for r in join_wrapped(rows, image_width)]
    assert joined[1] == sql + "el and table_name = migrations)" and len(joined) == 4
    alone = [line("art migrate", 0), line(sql, 20), line("el and table_name = migrations)", 40)]
    assert join_wrapped(alone, image_width) == alone  # one long row: where the terminal ends is not known


@pytest.mark.parametrize("name", [
    "tp17_ui_elm_debugger_warning.png",  # a dialog's sentence wrapped at a word (Elm's debugger, Safari)
    "tp19_term_elm_annotation_mismatch.png",  # "... does not match its definition." under a banner OCR garbles
    "tp29_ui_vscode_ts_plain_hover.png",  # a monospace hover wrapped at a word, three rows
    "tp55_term_jest_throw.png",  # Jest's "Expected substring:" over "Received message:   " (a label and its aligned value)
    "tp57_term_rust_panic.png",  # the message on the line after "The application panicked (crashed)."
    "tp59_term_ts_node.png",  # wrapped where a space fell in the first column (a macOS window: its edge inside the image)
    "tp63_term_codespan.png",  # an operator in backticks read "‘+*"
    "tp75_term_hwlang_domain.png",  # a cursor bar down the window's left edge, read as "l" before "error:"
])
async def test_third_party_dev_captures_give_their_whole_error_line(name: str, ocr: TesseractOCR) -> None:
    screen, ticket = await _ticket(name, ocr)
    assert not screen.held_out and screen.expect
    for line in screen.expect:
        assert rs.exact_found(line, ticket["error_messages"]), (line, ticket["error_messages"])


async def test_a_line_wrapped_in_a_terminal_window_with_a_shadow_is_one_line(ocr: TesseractOCR) -> None:
    """Laravel Collision in a macOS window (its shadow around it, tp65, dev half): the SQL error
    wraps at the terminal's last column, 50 px inside the image; it is quoted whole."""
    screen, ticket = await _ticket("tp65_term_collision_laravel.png", ocr)
    assert not screen.held_out
    sql = next(e for e in screen.expect if e.startswith("SQLSTATE"))
    assert rs.exact_found(sql, ticket["error_messages"]), ticket["error_messages"]


# --- the rules on the shapes real tools print ------------------------------------------------

CLI_ERRORS = [
    "git: 'brnch' is not a git command. See 'git --help'.",
    "fatal: not a git repository (or any of the parent directories): .git",
    "error: pathspec 'feature/login' did not match any file(s) known to git",
    "E: Unable to locate package nosuchpkg",
    "npm ERR! Missing script: \"build\"",
    'npm error Missing script: "build"',
    "bash: ./deploy.sh: Permission denied",
    "bash: dokcer: command not found",
    "cat: config.yaml: No such file or directory",
    "make: *** No rule to make target 'test'. Stop.",
    "error[E0425]: cannot find value `totl` in this scope",
    "Error: No such option: --hep",
    "Error: No such option '--hep'. Did you mean '--help'?",
    "ZeroDivisionError: division by zero",
    "KeyError: 'user_id'",
    "OperationalError at /api/orders/",
    "ERR_CONNECTION_REFUSED",
    "Segmentation fault (core dumped)",
    "Error - Could not save Q3 budget.xlsx",  # a title that says what failed is an error
]
NOT_ERRORS = ["Error - Spreadsheet Studio", "Warning | Acme Mail", "npm error", "The most similar command is",
              "root@devbox:~/shop# git brnch", "Try 'cli.py --help' for help."]


def test_cli_error_shapes_are_error_messages() -> None:
    ex = extract(CLI_ERRORS + NOT_ERRORS)
    assert ex.error_messages == CLI_ERRORS
    assert ex.environment["app"] == "Spreadsheet Studio"


def test_a_traceback_titles_with_its_last_line() -> None:
    lines = ["root@devbox:~/shop# python3 report.py", "Traceback (most recent call last):",
             '  File "/tmp/shop/report.py", line 9, in <module>', "    print(monthly_report([]))",
             "ZeroDivisionError: division by zero", "root@devbox:~/shop#"]
    ex = extract(lines)
    assert ex.title == "ZeroDivisionError: division by zero"


# --- the image side: what kind a real capture is, and how large text is prepared -----------


@pytest.mark.parametrize("name, kind", [
    ("term_perm_denied_xterm-light-10.png", "terminal"),  # light: found by its layout (rows flush left)
    ("term_py_key_error_urxvt-light-15.png", "terminal"),  # solarized light, an indented traceback
    ("term_pip_no_dist_urxvt-dark-15.png", "terminal"),
    ("web_settings_x1.png", "ui_screenshot"),
    ("web_nginx_404_x1.png", "ui_screenshot"),
    ("doc_article_x1.png", "document"),
    ("i05_doc_typewriter_dutch_recipe", "document"),  # a bilevel scan, landscape
])
def test_real_kinds(name: str, kind: str) -> None:
    from PIL import Image

    from media.ocr_prep import prepare

    assert prepare(Image.open(rs.by_name(name).path).convert("RGB")).kind == kind


def test_device_scale_2_is_prepared_at_half_size_and_boxes_come_back_in_full_pixels(ocr: TesseractOCR) -> None:
    from PIL import Image

    from agent.tickets.ocr_step import read_screen

    image = Image.open(rs.by_name("web_refused_x2.png").path).convert("RGB")
    prep, result = read_screen(image, ocr)
    assert prep.reduced == 2 and prep.processed == (image.width // 2, image.height // 2)
    line = next(ln for ln in result.lines if "refused to connect" in ln.text)
    # the page centres a 600-CSS-px box: the line starts at x = 340 CSS px, about y = 210 (twice that at scale 2)
    x, y, w, h = line.box
    assert 660 < x < 700 and 380 < y < 460 and 16 < h < 40, line.box


def test_terminal_line_fixes() -> None:
    from agent.tickets.ocr_step import terminal_line_fixes as fix

    assert fix("fatal : not a git repository") == "fatal: not a git repository"
    assert fix("cannot find value ~totl~ in this scope") == "cannot find value `totl` in this scope"
    assert fix("Failed to connect after @ ms") == "Failed to connect after 0 ms"
    assert fix("bash: -/deploy.sh: Permission denied") == "bash: ./deploy.sh: Permission denied"
    for same in ("root@devbox:~/shop# cd ~/x", "npm i @types/node", "ls -la", "a:b"):
        assert fix(same) == same
