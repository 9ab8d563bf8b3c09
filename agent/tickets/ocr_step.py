"""OCR of prepared mosaics, in parallel Tesseract processes, mapped back to the screenshot.

Split from pipeline.py so the OCR step can be benchmarked and tested alone.
"""
from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from PIL import Image

from media.glyph_shape import is_lower_l
from media.ocr_prep import PrepOptions, Prepared, prepare
from models.ocr import OCRError, OCRTimeout, OcrLine, OcrResult, OcrWord, TesseractOCR, drop_noise, group_lines, merge_results
from models.shell_prompt import starts_with_prompt

# Terminal text is ASCII in a monospace font: symbols Tesseract's language model likes to
# read into it (a zero as "©", a straight quote as "‘") are ruled out there.
TERMINAL_BLACKLIST = "©®‘’“”„«»°•·—–€£¥§¶¢™éèáàóòúùñ"
_SPACE_COLON = re.compile(r"(\w) :(?=\s|$)")  # "fatal :" -> "fatal:" (a colon sits mid-cell in monospace)
_TILDE_QUOTED = re.compile(r"(?<![\w~/])~([A-Za-z_][\w.:-]*)~(?![\w/])")  # rustc's `name` read as ~name~


_LONE_AT = re.compile(r"(?<=\s)@(?=\s)")  # a dotted monospace zero read as "@" ("after @ ms"); a real @ is glued to a name
_DASH_SLASH = re.compile(r"(?:(?<=\s)|^)-/(?=[\w.])")  # "./deploy.sh" read as "-/deploy.sh" at small sizes
# "json.decoder. JSONDecodeError": a qualified exception name has no space after a dot
_DOTTED_CLASS = re.compile(r"\b([a-z_]\w*(?:\.[a-z_]\w*)*)\. (?=[A-Z]\w*(?:Error|Exception|Warning)\b)")


def terminal_line_fixes(text: str) -> str:
    """Undo the misreadings monospace terminal text gets from Tesseract: tokens a shell never
    shows ("fatal :", "~name~", a lone "@", "-/path", "module. NameError") put back as what a terminal does show."""
    text = _SPACE_COLON.sub(r"\1:", text)
    text = _TILDE_QUOTED.sub(r"`\1`", text)
    text = _LONE_AT.sub("0", text)
    text = _DOTTED_CLASS.sub(r"\1.", text)
    return _DASH_SLASH.sub("./", text)


# Marks Tesseract reads in place of others, on any screen (each fixed only where the line
# itself shows the misreading):
# - a backtick quoting a name (`perturb`, `List.nap`) read as "*", "~" or "‘": "*perturb*",
#   "‘List.nap*" (a name quoted by a star or a tilde on either side is a backtick pair; a
#   pair of curly or straight quotes is left alone, and so is a shell command line: `ls *foo*`;
#   an operator so quoted too: "in ‘+* application", codespan's `+`; a caret pair too: "^Error^");
_STAR_QUOTED = re.compile(r"(?:(?<=[\s(\[])|^)([*~^‘“`])([A-Za-z_][\w.:/-]*[\w]|[-+/%<>=!&|]{1,3})([*~^’'`])(?=[\s.,:;!?)\]]|$)")
# - an opening parenthesis read as "C" before a word or a path that closes one: "Clink)",
#   "Cerrcheck)", "Cnode.js:192:40)", "C/Users/tj/lib/test.js:80:29)", "CE:\\src\\app.js:9:1)";
_C_PAREN = re.compile(r"(?:(?<=\s)|^)C((?:[a-z/\\]|[A-Z]:[\\/])[\w.:/\\<>-]*\))")
# - a quote pair whose marks differ: the opening mark is the one misread, the closing one is
#   kept (an opening single quote read as a double one: "brnch' in `git: "brnch' is not a git
#   command`; an opening double one read as a single: stylelint's `Duplicate selector '.foo",`);
#   each (pattern, closing mark), tried in this order where the line's double quotes are odd;
_MISMATCHED_PAIRS = tuple((re.compile(rf"(?:(?<=\s)|^){opening}([\w.-]+){closing}(?=[\s.,:;!?)]|$)"), closing)
                          for opening, closing in (('"', "'"), ("'", '"')))
# - a stray tick read beside an opening double quote: stylelint's `Unknown property "'colr"`;
_GHOST_TICK = re.compile(r"(?:(?<=\s)|^)\"'([\w.-]+)\"(?=[\s.,:;!?)]|$)")
# - the opening quote of a quoted identifier lost, its closing one kept: gcc's ‘unused_var’ read
#   as "unused_var'" (only a name with an underscore, a digit or an inner capital: "users' files" is English).
_LOST_OPEN = re.compile(r"(?:(?<=\s)|^)([A-Za-z_]\w*(?:_|\d|[a-z][A-Z])\w*)['’](?=[\s.,:;!?)\]]|$)")


# - a space after the dot of a file name, or in a URL's scheme, beside the narrow glyphs of
#   monospace text ("(module. js:456:26)", "demo. coffee:38:5", "https ://", "<http: //"): a
#   file extension or "://" never follows a space.
_EXTENSIONS = ("c|h|cc|cpp|cxx|hpp|hh|m|mm|rs|go|py|pyi|pyx|rb|js|jsx|mjs|cjs|ts|tsx|java|kt|kts|scala|cs|fs|php|pl|pm|"
               "swift|lua|elm|ex|exs|erl|hs|ml|clj|dart|zig|nim|sh|bash|zsh|ps1|json|yaml|yml|toml|ini|cfg|conf|xml|html|"
               "htm|css|scss|vue|svelte|md|rst|txt|log|sql|coffee|lock|gradle|cmake|tf|proto|csv|env")
_SPACED_EXTENSION = re.compile(rf"(?<=[A-Za-z0-9_-])\. ({_EXTENSIONS})(?=[:)\]'\",(]|$)")
_SPACED_SCHEME = re.compile(r"\b(https?|file|ftp|wss?) ?: ?//(?=\S)")
# - a space after a file name's colon, before its line number ("Connection.php: 669" is read
#   so; a tool prints "file.ext:669"), and inside a relative path's "./" (". /src");
_SPACED_LINE_NUMBER = re.compile(rf"(\.(?:{_EXTENSIONS})): (?=\d+(?:[:)\],]|$))")
_SPACED_DOT_SLASH = re.compile(r"(?:(?<=[\s(\[\"'])|^)\. /(?=[\w.])")
# - a path separator "::" read with a space inside ("core: :ops", ">: :index", "turron: :api");
_SPACED_SCOPE = re.compile(r"(?<=[\w>]): :(?=[\w<])")
# - the zero of a number read as "@": a hex number's "@x7ff810e63bf8", a version's "@.10.0";
_AT_ZERO = re.compile(r"(?<![\w@])@(?=x[0-9a-fA-F]{4}|\.\d)")
# - a Python traceback's "line" read with a capital ("File "t.py", Line 43, in <module>").
_PY_FRAME_LINE = re.compile(r"(\bFile \"[^\"]+\", )Line(?= \d)")


def file_name_fixes(text: str) -> str:
    """Take out the spaces Tesseract sets inside a file name, a URL's scheme, a "::" path or
    before a line number, and put back a number's zero and a frame's "line" (see above)."""
    text = _SPACED_SCHEME.sub(r"\1://", _SPACED_EXTENSION.sub(r".\1", text))
    text = _SPACED_DOT_SLASH.sub("./", _SPACED_LINE_NUMBER.sub(r"\1:", text))
    text = _PY_FRAME_LINE.sub(r"\1line", text)
    return _AT_ZERO.sub("0", _SPACED_SCOPE.sub("::", text))


def line_fixes(text: str, terminal: bool) -> str:
    """All of the above, as every reading of a line gets them (the first, and the re-readings)."""
    return file_name_fixes(quote_fixes(terminal_line_fixes(text) if terminal else text))


def quote_fixes(text: str) -> str:
    """Put back the quotes and brackets Tesseract misreads (see above) where the line cannot be right as read."""
    if not starts_with_prompt(text):
        text = _STAR_QUOTED.sub(lambda m: f"`{m.group(2)}`" if set(m.group(1) + m.group(3)) & {"*", "~", "^"} else m.group(0), text)
    if text.count(")") > text.count("("):
        text = _C_PAREN.sub(r"(\1", text, count=text.count(")") - text.count("("))
    for pair, closing in _MISMATCHED_PAIRS:
        if text.count('"') % 2:
            text = pair.sub(rf"{closing}\1{closing}", text, count=1)
    text = _GHOST_TICK.sub(r'"\1"', text)
    if text.count("'") + text.count("’") + text.count("‘") == 1:
        text = _LOST_OPEN.sub(r"'\1'", text, count=1)
    return text


_CAPITAL_L = re.compile(r"^([^A-Za-z0-9]*)L(?=[a-z]{2})")  # "Line", "(Link)", "Lib/mix", not "LDAP"


def initial_l(word: OcrWord, image: Image.Image) -> str:
    """A monospace word Tesseract read with a capital L at its start, with an l where the
    glyph has an l's shape (`media/glyph_shape.py`): `word.box` is in `image`'s pixels, and
    its first letter fills one cell of the word's width."""
    m = _CAPITAL_L.match(word.text)
    if not m:
        return word.text
    x, y, w, h = word.box
    cell = w / len(word.text)
    x0 = x + cell * len(m.group(1))
    glyph = np.asarray(image.crop((round(x0), y, round(x0 + cell), y + h)).convert("L"))
    if not is_lower_l(glyph):
        return word.text
    k = len(m.group(1))
    return word.text[:k] + "l" + word.text[k + 1:]


# Shared by all requests; the runtime's `ocr_limit` semaphore bounds how many screenshots
# are read at once, and each screenshot uses at most `PrepOptions.groups` workers.
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="ocr")


def read_prepared(prep: Prepared, ocr: TesseractOCR, *, timeout_s: float = 10.0, psm: int = 6) -> OcrResult:
    """OCR every mosaic (one Tesseract process each, concurrently) and merge the words.

    A mosaic that fails or times out is skipped (its text is missing, `meta["failed"]` counts
    it); if all fail, the first error is raised.
    """
    t0 = time.perf_counter()
    deadline = t0 + timeout_s
    terminal = prep.kind == "terminal"
    # (not elsewhere: told to avoid "“", Tesseract drops the quote on a UI rather than read '"')
    extra = ("-c", f"tessedit_char_blacklist={TERMINAL_BLACKLIST}") if terminal else ()
    futures = [
        _POOL.submit(ocr.read, m.image, psm=psm, timeout_s=max(0.5, deadline - time.perf_counter()), extra=extra)
        for m in prep.mosaics
    ]
    words: list[OcrWord] = []
    errors: list[OCRError] = []
    for mosaic, fut in zip(prep.mosaics, futures):
        try:
            res = fut.result(timeout=max(0.5, deadline - time.perf_counter() + 1.0))
        except OCRError as exc:
            errors.append(exc)
            continue
        except TimeoutError:
            errors.append(OCRTimeout(f"OCR took longer than {timeout_s:g} s"))
            continue
        for w in res.words:
            mapped = prep.to_source(mosaic, w.box)
            if mapped is None:
                continue
            box, frag = mapped
            text = initial_l(w, mosaic.image) if terminal else w.text
            words.append(OcrWord(text, w.conf, box, frag * 1000 + w.block, w.par, w.line))
    if errors and len(errors) == len(prep.mosaics):
        raise errors[0]
    elapsed = (time.perf_counter() - t0) * 1000
    meta = {"mosaics": len(prep.mosaics), "failed": len(errors), "psm": psm}
    if errors:
        meta["error"] = errors[0].code
    w, h = prep.size
    words = drop_noise(group_lines(words))
    lines = group_lines(words)
    lines = [OcrLine(line_fixes(ln.text, terminal), ln.conf, ln.box, ln.words) for ln in lines]
    return OcrResult(tuple(words), tuple(lines), w, h, elapsed, meta)


def _split_rows(page: Image.Image, parts: int) -> list[int]:
    """Row offsets that cut `page` into `parts` bands at its emptiest rows near the even cuts."""
    if parts <= 1 or page.height < 400:
        return [0]
    ink = (np.asarray(page) < 128).sum(axis=1)
    cuts = [0]
    for k in range(1, parts):
        mid = page.height * k // parts
        lo, hi = max(cuts[-1] + 50, mid - page.height // 8), min(page.height - 50, mid + page.height // 8)
        if hi <= lo:
            continue
        window = ink[lo:hi]
        quiet = np.flatnonzero(window == window.min())
        cuts.append(int(lo + quiet[len(quiet) // 2]))  # the middle of the emptiest stretch
    return cuts


def read_page(prep: Prepared, ocr: TesseractOCR, *, timeout_s: float = 10.0, parts: int = 2) -> OcrResult:
    """A document read as a page: psm 3 (Tesseract's layout analysis), in `parts` horizontal
    bands cut at empty rows, one process each; boxes back in received-image pixels."""
    t0 = time.perf_counter()
    page = prep.page
    assert page is not None
    cuts = _split_rows(page, parts)
    bounds = list(zip(cuts, cuts[1:] + [page.height]))
    futures = [_POOL.submit(ocr.read, page.crop((0, a, page.width, b)), psm=3, timeout_s=timeout_s) for a, b in bounds]
    done: list[tuple[OcrResult, tuple[int, int], float]] = []
    errors: list[OCRError] = []
    for (a, _), fut in zip(bounds, futures):
        try:
            done.append((fut.result(timeout=timeout_s + 1.0), (0, a * prep.page_scale), 1.0 / prep.page_scale))
        except OCRError as exc:
            errors.append(exc)
        except TimeoutError:
            errors.append(OCRTimeout(f"OCR took longer than {timeout_s:g} s"))
    if not done:
        raise errors[0]
    w, h = prep.size
    merged = merge_results(done, w, h)
    words = drop_noise(group_lines(merged.words))
    meta = {"mosaics": 0, "page_parts": len(bounds), "failed": len(errors), "psm": 3}
    return OcrResult(tuple(words), tuple(group_lines(words)), w, h, (time.perf_counter() - t0) * 1000, meta)


def read_screen(image: Image.Image, ocr: TesseractOCR, *, timeout_s: float = 10.0, opts: PrepOptions = PrepOptions()) -> tuple[Prepared, OcrResult]:
    """prepare + OCR, blocking (run it in a thread)."""
    prep = prepare(image, opts)
    if prep.page is not None:
        return prep, read_page(prep, ocr, timeout_s=timeout_s)
    if not prep.mosaics:
        w, h = prep.size
        return prep, OcrResult((), (), w, h, 0.0, {"mosaics": 0, "failed": 0})
    return prep, read_prepared(prep, ocr, timeout_s=timeout_s)
