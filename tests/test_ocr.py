"""OCR adapter and image preparation, with real Tesseract on images rendered by Pillow."""
from __future__ import annotations

import os
import stat

import numpy as np
import pytest
from PIL import Image

from models.ocr import OCRTimeout, OCRUnavailable, OcrWord, TesseractOCR, drop_noise, group_lines

try:
    from tests import images
except ImportError:  # run from inside tests/
    import images  # type: ignore[no-redef]

from agent.tickets.ocr_step import read_screen
from media import image_prep as ip
from media import text_regions as tr
from media.ocr_prep import prepare


@pytest.fixture(scope="module")
def ocr() -> TesseractOCR:
    o = TesseractOCR()
    o.check()
    return o


def _norm(s: str) -> str:
    return " ".join(s.split())


def _has_line(lines: list[str], expected: str) -> bool:
    return any(_norm(expected) in _norm(line) for line in lines)


# --- the adapter -------------------------------------------------------------------------


def test_thread_limit_is_set_for_tesseract_only() -> None:
    import pytesseract.pytesseract as pt

    assert pt.subprocess_args()["env"]["OMP_THREAD_LIMIT"] == os.environ.get("PARLEY_TESSERACT_THREADS", "1")


def test_version(ocr: TesseractOCR) -> None:
    assert ocr.version()[0].isdigit()


def test_missing_binary_names_the_debian_package(tmp_path) -> None:
    missing = TesseractOCR(cmd=str(tmp_path / "no-such-tesseract"))
    with pytest.raises(OCRUnavailable) as err:
        missing.version()
    assert "tesseract-ocr" in err.value.hint
    with pytest.raises(OCRUnavailable):
        missing.read(Image.new("L", (40, 20), 255))


def test_read_is_bounded_by_its_timeout(tmp_path) -> None:
    slow = tmp_path / "tesseract"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(slow.stat().st_mode | stat.S_IEXEC)
    with pytest.raises(OCRTimeout):
        TesseractOCR(cmd=str(slow)).read(Image.new("L", (40, 20), 255), timeout_s=0.5)


def test_read_words_boxes_lines(ocr: TesseractOCR) -> None:
    r = images.error_dialog()
    res = ocr.read(r.image, psm=6)
    assert _has_line([ln.text for ln in res.lines], images.ERROR_LINE)
    assert res.mean_confidence > 70
    assert res.text.count("\n") + 1 == len(res.lines)
    for w in res.words:
        x, y, bw, bh = w.box
        assert 0 <= x < r.image.width and 0 <= y < r.image.height and bw > 0 and bh > 0
        assert 0 <= w.conf <= 100
    line = next(ln for ln in res.lines if "Permission" in ln.text)
    assert line.box[1] <= 62 + 15 and line.box[1] + line.box[3] >= 62  # where it was drawn
    assert abs(line.conf - np.mean([w.conf for w in line.words])) < 1e-6


def test_group_lines_splits_columns_and_joins_split_lines() -> None:
    def w(text, x, y, block=1, line=1):
        return OcrWord(text, 90.0, (x, y, 10 * len(text), 12), block, 1, line)

    words = [
        w("Logs", 10, 100, block=1),  # sidebar, same row as the table cells
        w("#4515", 300, 100, block=2), w("main", 420, 101, block=3),
        w("Failed", 10, 140, block=4), w("to", 75, 140, block=5), w("save", 100, 141, block=5),  # one line split in two
        w("Title", 10, 20, block=6),
    ]
    lines = [ln.text for ln in group_lines(words)]
    assert lines == ["Title", "Logs", "#4515", "main", "Failed to save"]
    # a label and its value aligned to a column further right (Jest's "Received message:   …") are one line
    words = [w("Received", 10, 60, block=7), w("message:", 100, 60, block=7), w('"repeat', 210, 60, block=8), w('count"', 290, 60, block=8),
             w("Logs", 10, 100, block=1), w("#4515", 300, 100, block=2)]
    assert [ln.text for ln in group_lines(words)] == ['Received message: "repeat count"', "Logs", "#4515"]


def test_drop_noise_removes_icon_junk_keeps_text() -> None:
    ws = [OcrWord("f", 40, (0, 0, 8, 12)), OcrWord("7", 25, (10, 0, 8, 12)), OcrWord("Failed", 96, (40, 0, 50, 12)),
          OcrWord("|", 30, (95, 0, 2, 12)), OcrWord("now", 95, (100, 0, 30, 12)), OcrWord("a", 91, (140, 0, 8, 12))]
    kept = drop_noise(group_lines(ws))
    assert [w.text for w in kept] == ["Failed", "now", "a"]


def test_a_word_split_after_its_hyphen_is_one_word_and_a_spaced_dash_is_not() -> None:
    """golangci-lint's CI log (third-party tp33): Tesseract read "golangci-" "lint" with a
    side bearing between them; a space is a character's width or more."""
    ws = [OcrWord("run", 95, (94, 23, 39, 13)), OcrWord("golangci-", 90, (150, 18, 123, 24)), OcrWord("lint", 90, (281, 18, 53, 18)),
          OcrWord("well-", 90, (350, 18, 68, 24)), OcrWord("known", 90, (440, 18, 68, 18))]
    assert group_lines(ws)[0].text == "run golangci-lint well- known"


def test_a_dotted_name_split_before_its_dot_is_one_word_and_a_spaced_dotfile_is_not() -> None:
    """tbvaccine's traceback (third-party tp89), word boxes as Tesseract gave them: "requests"
    ".exceptions" ".MissingSchema:" 4 and 6 px apart in 6.5 px cells; a space makes 8 px or more."""
    ws = [OcrWord("requests", 95, (19, 468, 52, 12)), OcrWord(".exceptions", 90, (75, 463, 72, 17)),
          OcrWord(".MissingSchema:", 90, (153, 467, 100, 13)), OcrWord("Invalid", 95, (263, 467, 48, 10))]
    assert group_lines(ws)[0].text == "requests.exceptions.MissingSchema: Invalid"
    spaced = [OcrWord("git", 95, (0, 0, 20, 10)), OcrWord("add", 95, (27, 0, 20, 10)), OcrWord(".gitignore", 90, (58, 0, 66, 12))]
    assert group_lines(spaced)[0].text == "git add .gitignore"


def test_rows_one_character_apart_do_not_make_a_last_column() -> None:
    """A photo's rectified terminal (thefuck's apt errors, 77 and 78 characters in an 80-column
    window with a margin): the two longest rows end a character apart, so neither marks the
    window's last column and neither is the other wrapped; two rows ending at one column do."""
    from models.ocr import OcrLine
    from models.wrapped_lines import join_wrapped

    def line(text, x, y, cell=17):
        words = tuple(OcrWord(t, 90, (x + cell * (len(text[:text.index(t)])), y, cell * len(t), 30), 1, 1, 1) for t in text.split())
        return OcrLine(text, 90, (x, y, cell * len(text), 30), words)

    first = "E: Could not open lock file /var/lib/dpkg/lock - open (13: Permission denied)"
    second = "E: Unable to lock the administration directory (/var/lib/dpkg/), are you root?"
    rows = [line(first, 38, 634), line(second, 38, 658)]
    assert [ln.text for ln in join_wrapped(rows, width=1476)] == [first, second]
    wrapped = [line(first, 38, 634), line(second[:-1], 38, 658), line("o", 38, 682)]  # 77 and 77: one column
    assert join_wrapped(wrapped, width=1476)[-1].text.endswith("are you root" + "o")


def test_a_row_that_starts_at_a_gutter_bar_is_not_the_rest_of_the_row_above() -> None:
    """friendly's SyntaxError in a photo: "| Did you mean ..." under the message, its bar in the
    gutter left of the text, both rows ending at one column: the bar starts a row of its own."""
    from models.ocr import OcrLine
    from models.wrapped_lines import join_wrapped

    def line(text, x, y, cell=19.5):
        words = tuple(OcrWord(t, 90, (round(x + cell * len(text[:text.index(t)])), y, round(cell * len(t)), 32), 1, 1, 1) for t in text.split())
        return OcrLine(text, 90, (x, y, round(cell * len(text)), 32), words)

    above = "SyntaxError: invalid character in identifier"
    bar = "| Did you mean to use a normal quote character"
    rows = [line("Traceback (most recent call last) and more words", 57, 136), line(above, 57, 306), line(bar, 43, 371)]
    assert [ln.text for ln in join_wrapped(rows, width=1540)][-2:] == [above, bar]


def test_a_gutter_number_is_not_the_rest_of_a_row_cut_at_the_right_edge() -> None:
    """A CI log captured narrower than its rows: row 28 runs to the right edge, and the next
    row starts with its number in the gutter; that number is not row 28 wrapped."""
    from models.ocr import OcrLine
    from models.wrapped_lines import join_wrapped

    def line(text, x, y, cell=13):
        words = tuple(OcrWord(t, 90, (x + cell * (len(text[:text.index(t)])), y, cell * len(t), 20), 1, 1, 1) for t in text.split())
        return OcrLine(text, 90, (x, y, cell * len(text), 20), words)

    log = [line("27", 10, 18), line("run golangci-lint with these flags: --fast --verbose --config ci.yml", 100, 18)]  # monospace: 8 words or more
    rows = [line("Running [/home/runner/golangci-lint-1.57.2-linux-amd64/golangci-lin", 100, 58),
            line("29", 10, 98), line("Error: myapp/main.go:10:5: Error return value", 100, 98)]
    out = [ln.text for ln in join_wrapped(log + rows, width=100 + 13 * 68)]
    assert out == ["27", log[1].text, rows[0].text, "29", rows[2].text]
    wrapped = [rows[0], line("t", 10, 98)]  # a lone letter at the left margin is the row's wrapped end
    assert [ln.text for ln in join_wrapped(log + wrapped, width=100 + 13 * 68)][-1] == rows[0].text + "t"


def test_a_split_off_closing_mark_is_kept_and_glued_back() -> None:
    """Monospace cells leave a gap before "." that Tesseract makes a word of its own (low
    confidence): it ends the line, it is not icon junk."""
    ws = [OcrWord("See", 95, (0, 0, 30, 14)), OcrWord("'git", 93, (40, 0, 40, 14)), OcrWord("--help'", 92, (90, 0, 70, 14)),
          OcrWord(".", 30, (163, 10, 3, 3))]
    line = group_lines(drop_noise(group_lines(ws)))[0]
    assert line.text == "See 'git --help'."
    far = ws[:3] + [OcrWord(".", 30, (200, 10, 3, 3))]  # a speck well away from the text stays noise
    assert group_lines(drop_noise(group_lines(far)))[0].text == "See 'git --help'"


# --- preparation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "render,kind",
    [
        (images.error_dialog, "ui_screenshot"),
        (images.terminal, "terminal"),
        (images.table, "ui_screenshot"),
        (lambda: images.ui_1080p(False), "ui_screenshot"),
        (lambda: images.ui_1080p(True), "ui_screenshot"),
        (images.photo_of_screen, "photo_of_screen"),
        (images.document, "document"),
    ],
)
def test_classify(render, kind) -> None:
    assert ip.classify(ip.features(render().image)) == kind


def test_dark_dialog_on_light_page_is_inverted_alone() -> None:
    img = images.ui_1080p(False).image  # a dark modal at (1100, 300, 700x260) on a light page
    gray = np.asarray(img.convert("L"))
    inv = ip.dark_regions(gray)
    assert inv[400, 1500] and inv[320:540, 1120:1780].mean() > 0.95  # the modal, its text included
    assert not inv[700, 700] and inv[600:1000, 300:1000].mean() < 0.01  # the page
    norm = ip.normalize(gray).gray
    assert norm[400:420, 1500:1520].mean() > 200  # modal background became white
    assert norm[5:50, 300:900].mean() > 200  # the blue header too


def test_morphology_matches_a_naive_filter() -> None:
    rng = np.random.default_rng(1)
    a = rng.integers(0, 255, (23, 31)).astype(np.uint8)
    for k in (1, 2, 3, 5, 8):
        r = k // 2
        p = np.pad(a, ((r, k - 1 - r), (r, k - 1 - r)), mode="edge")
        naive = np.lib.stride_tricks.sliding_window_view(p, (k, k)).max(axis=(2, 3))
        assert (ip.max_filter(a, k) == naive).all()


def test_fragments_skip_empty_space_and_rules() -> None:
    mask = np.zeros((200, 400), dtype=bool)
    glyphs = (np.arange(400) % 5) < 2  # vertical strokes, like letters
    mask[20:32, 10:120] = glyphs[10:120]  # a "line of text" ...
    mask[20:32, 300:360] = glyphs[300:360]  # ... and a second column on the same row
    mask[100, 0:400] = True  # a table rule
    mask[150:162, 10:200] = glyphs[10:200]
    frags, _ = tr.find_fragments(tr.ink_mask(np.where(mask, 0, 255).astype(np.uint8)))
    boxes = [f.box for f in frags]
    assert (10, 20, 107, 12) in boxes and (300, 20, 57, 12) in boxes and (10, 150, 187, 12) in boxes
    assert len(boxes) == 3


def test_rotate_point_round_trip() -> None:
    src = (300, 200)
    img = Image.new("L", src, 255)
    img.putpixel((250, 40), 0)
    rot = img.rotate(7, resample=Image.NEAREST, expand=True, fillcolor=255)
    ys, xs = np.nonzero(np.asarray(rot) < 128)
    x, y = ip.rotate_point(float(xs.mean()), float(ys.mean()), 7, src, rot.size)
    assert abs(x - 250) <= 1.5 and abs(y - 40) <= 1.5


def test_photo_is_deskewed() -> None:
    prep = prepare(images.photo_of_screen(angle=4).image)
    assert prep.kind == "photo_of_screen"
    assert abs(prep.angle + 4) < 0.6


def test_empty_image_needs_no_ocr(ocr: TesseractOCR) -> None:
    prep, res = read_screen(Image.new("RGB", (800, 600), (250, 250, 250)), ocr)
    assert prep.mosaics == [] and res.words == () and res.text == ""


# --- whole-screen reading ------------------------------------------------------------------


def test_error_dialog_exact_line(ocr: TesseractOCR) -> None:
    prep, res = read_screen(images.error_dialog().image, ocr)
    lines = [ln.text for ln in res.lines]
    assert images.ERROR_LINE in lines  # the exact line, on a line of its own
    assert _has_line(lines, "Error code: 0x80070005") or _has_line(lines, "code: 0x80070005")


def test_dark_terminal_traceback(ocr: TesseractOCR) -> None:
    r = images.terminal()
    prep, res = read_screen(r.image, ocr)
    assert prep.kind == "terminal"
    lines = [_norm(ln.text) for ln in res.lines]
    assert _norm(images.TRACEBACK[8]) in lines
    assert _has_line(lines, 'File "/srv/app/db.py", line 88, in connect')
    assert images.char_accuracy(r.segments, res.text) > 0.95


def test_dense_table(ocr: TesseractOCR) -> None:
    r = images.table()
    prep, res = read_screen(r.image, ocr)
    lines = [_norm(ln.text) for ln in res.lines]
    for cell in ("payments", "HTTP 503", "2024-05-02 10:14:09", "DEGRADED", "1204 ms"):
        assert any(cell in ln for ln in lines), cell
    assert images.char_accuracy(r.segments, res.text) > 0.95


@pytest.mark.parametrize("dark", [False, True])
def test_1080p_modal_error_line(ocr: TesseractOCR, dark: bool) -> None:
    r = images.ui_1080p(dark)
    prep, res = read_screen(r.image, ocr)
    lines = [_norm(ln.text) for ln in res.lines]
    assert "Error: ECONNREFUSED 10.0.3.7:5432 while running migrations" in lines
    assert images.char_accuracy(r.segments, res.text) > 0.95
    # boxes are in screenshot coordinates: the modal's line sits inside the modal
    line = next(ln for ln in res.lines if "ECONNREFUSED" in ln.text)
    assert 1100 <= line.box[0] < 1200 and 350 <= line.box[1] < 380


def test_rotated_noisy_photo(ocr: TesseractOCR) -> None:
    r = images.photo_of_screen(angle=-5, seed=11)
    prep, res = read_screen(r.image, ocr)
    assert prep.kind == "photo_of_screen"
    best = min(images.substring_distance(images.ERROR_LINE, _norm(ln.text)) for ln in res.lines)
    assert best <= 3  # fuzzy: a photo may lose a character or two
    assert images.char_accuracy(r.segments, res.text) > 0.85


def test_a_mark_beside_text_is_set_apart_so_the_text_is_scaled_for_itself() -> None:
    """A callout badge or icon at the end of a line of small text: as one fragment the text
    was scaled for the badge's height and read as "© vv cxising stave"."""
    mask = np.zeros((80, 400), dtype=bool)
    glyphs = (np.arange(400) % 5) < 2
    mask[20:44, 10:34] = True  # a badge 24 px tall ...
    mask[28:38, 40:200] = glyphs[40:200]  # ... 6 px before a line of text 10 px tall
    frags, _ = tr.find_fragments(tr.ink_mask(np.where(mask, 0, 255).astype(np.uint8)))
    text = [f for f in frags if f.box[0] >= 40]
    assert len(text) == 1 and text[0].line_height == 10, frags
    mask[28:38, 10:34] = glyphs[10:34]  # a word the same height as the text stays with it
    mask[20:28, 10:34] = mask[38:44, 10:34] = False
    frags, _ = tr.find_fragments(tr.ink_mask(np.where(mask, 0, 255).astype(np.uint8)))
    assert [f.box for f in frags] == [(10, 28, 187, 10)], frags


def test_a_callout_beside_a_button_label_on_a_third_party_screenshot(ocr: TesseractOCR) -> None:
    """KeePassXC's manual (tests/fixtures/screens/third_party/tp37): the callout "A" beside
    "Open existing database"; a dev image of the third-party set."""
    from tests.real_screens import by_name

    screen = by_name("tp37_ui_keepassxc_welcome.png")
    _, res = read_screen(Image.open(screen.path), ocr)
    assert _has_line([ln.text for ln in res.lines], "Open existing database")


def test_a_solid_underline_is_erased_and_letters_are_not() -> None:
    mask = np.zeros((60, 300), dtype=bool)
    glyphs = (np.arange(300) % 5) < 2
    mask[20:32, 10:250] = glyphs[10:250]  # a line of text 12 px tall ...
    mask[20:32, 60:64] = True  # ... with a solid letter or two
    mask[34, 10:250] = True  # an underline 2 px under it
    frags = [tr.Fragment((10, 20, 240, 15), 12.0)]
    assert tr.underlines(mask, frags) == [(10, 34, 240, 1)]
    mask[34] = False
    mask[31, 10:250] = (np.arange(10, 250) % 8) < 6  # the letters' feet: dense, but with gaps
    assert tr.underlines(mask, frags) == []


def test_an_underlined_link_is_not_read_as_an_underscore(ocr: TesseractOCR) -> None:
    """miette's report (tests/fixtures/screens/third_party/tp01, a dev image): the link
    " (link)" is underlined from the space before it, which was read as "bad_json_ (link)"."""
    from tests.real_screens import by_name

    _, res = read_screen(Image.open(by_name("tp01_term_miette_bad_json.png").path), ocr)
    assert "Error: turron::api::bad_json (link)" in [ln.text for ln in res.lines]


def _panes() -> np.ndarray:
    """A 400x120 screen: a light grey pane left of x=200, a white one right of it, and a
    white menu bar across both (rows 0-19)."""
    g = np.full((120, 400), 255, dtype=np.uint8)
    g[20:, :200] = 230
    return g


def test_side_by_side_panes_split_a_line_at_their_edge_however_narrow_the_gap() -> None:
    """An editor beside a terminal (Elm's blog, tests/fixtures/screens/third_party/tp23): a
    code row on the left and the compiler's row on the right, 2 line heights apart, were read
    as one line ("MEE ec vine mam)")."""
    g = _panes()
    glyphs = (np.arange(400) % 5) < 2
    g[60:72, 120:196] = np.where(glyphs[120:196], 0, 230)  # "...users)" up to the edge ...
    g[60:72, 205:300] = np.where(glyphs[205:300], 0, 255)  # ... "6| div ..." right after it
    walls = tr.pane_walls(g)
    assert [w.x for w in walls] == [200]
    frags, _ = tr.find_fragments(tr.ink_mask(g), col_gap=4.0, walls=walls)
    assert sorted(f.box[0] for f in frags if f.box[1] == 60) == [120, 205]
    frags, _ = tr.find_fragments(tr.ink_mask(g), col_gap=4.0)
    assert [f.box[0] for f in frags if f.box[1] == 60] == [120]  # one line without the wall


def test_a_word_across_a_pane_edge_in_a_bar_above_it_stays_whole() -> None:
    """The project's admin page: the sidebar's edge runs under the menu bar, whose word
    "Products" sits across it; and text may start right at a window's edge."""
    g = _panes()
    glyphs = (np.arange(400) % 5) < 2
    g[4:16, 170:240] = np.where(glyphs[170:240], 0, 255)  # a word in the bar, across x=200
    g[90:102, 200:280] = np.where(glyphs[200:280], 0, 255)  # a line starting on the edge
    walls = tr.pane_walls(g)
    frags, _ = tr.find_fragments(tr.ink_mask(g), walls=walls)
    assert [f.box[0] for f in frags if f.box[1] == 4] == [170]
    assert [f.box[0] for f in frags if f.box[1] == 90] == [200]
