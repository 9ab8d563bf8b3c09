"""The ticket's error lines read again, alone, at other scales, and put to a token vote.

Tesseract misreads one character of an error line at one scale and not at another (`File`
for `file`, a dropped ` - `). After the first reading, each line that will be an error line
of the ticket (its title first, at most `MAX_LINES`, one row each, with a word read at less
than `SURE` confidence) is cut out of the prepared mosaic it was read from (already dark on
white, underlines and region edges cleared) and read again with `--psm 7` (one line) at
`SCALES` times the first reading's scale. One Tesseract process per scale reads all the lines
(a multi-page TIFF: the model loads once); a scale not done within the budget is left out.

With a second recogniser (`models/line_reader.py`, PP-OCRv4's, where installed) the line is
also read twice by it while Tesseract runs: the prepared tile, and the line cut from the
image that was prepared, in its own colours, reaching a character's width past the line (a
final "." the first reading dropped). The two recognisers misread different characters
(Tesseract `[83]`, `File`; PP-OCRv4 `WsGl` for `WSGI`, `^name` for a backquoted name), so a
misreading one of them makes at every scale is outvoted by the other.

Each re-reading is aligned to the first reading token by token, after a space it put inside
one of the first reading's tokens is taken out ("turron: :api" for "turron::api"). An edit (a
token replaced by one at most `MAX_CHARS` characters apart that keeps all its letters and
digits and any pair of quotes around it, or a token inserted) is made when two re-readings or
more make exactly that edit and they outnumber the re-readings that leave those tokens as
first read. Tokens are never dropped, words never joined or split, and every token put in was
read so by two re-readings: nothing is invented. Each edit is listed in the ticket's
`ocr.corrections` (`source` "reread").

Measured (`bench/screenshots.py --set third-party --reread on|off`, 2-core machine): Tesseract
alone (three scales) made dev terminal exact lines 11/15 -> 12/15 and held out 8/24 -> 8/24
(one right, `found::`; two wrong: `mergePAX*` for a backquoted name, `66` for `60`), so it
was off. With PP-OCRv4 as well, the rejoined spaces and the quote pairs (chosen on the dev
half and the project's own captures): dev 11/15 -> 13/15, held out 8/24 -> 10/24, none lost;
own captures 40/41 -> 41/41; terminal p50 about 0.36 -> 0.57 s. On by default.
Tesseract's Sauvola binarisation read these prepared tiles as its Otsu does, and Tesseract's
reading of crops of the received image was worse than the first reading (80 of 115 lines
right at best, against 99).
"""
from __future__ import annotations

import difflib
import io
import itertools
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Sequence

from PIL import Image

from agent.tickets.extract import error_score, extract
from media.ocr_prep import Prepared
from models.ocr import OCRError, OcrLine, OcrResult, OcrWord, TesseractOCR, drop_noise, group_lines, parse_tsv
from models.line_reader import CtcLineReader

SCALES: tuple[float, ...] = (2.0, 0.6, 1.0)  # times the first reading's scale (the slowest first: two run at once)
MAX_LINES = 3
SURE = 90.0  # a line whose every word Tesseract read with this confidence or more is not read again
MIN_SUPPORT = 2  # re-readings that must make the same edit
MAX_CHARS = 2  # a replaced token differs from the first reading by at most this many characters
BUDGET_S = 1.0

_POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="reread")
_STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "`": "'"})


@dataclass(frozen=True)
class Edit:
    start: int  # tokens [start, end) of the first reading ...
    end: int
    new: tuple[str, ...]  # ... read as these (start == end: inserted before token `start`)

    def touches(self, other: "Edit") -> bool:
        """Both change the same tokens, or insert at one place (or one inserts inside the other's span)."""
        if self.start == self.end and other.start == other.end:
            return self.start == other.start
        if self.start == self.end:
            return other.start < self.start < other.end
        if other.start == other.end:
            return self.start < other.start < self.end
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Correction:
    line: int
    read: str  # the tokens as first read ("" for tokens inserted)
    fixed: str
    readings: int  # re-readings that read it so

    def as_dict(self) -> dict:
        return {"line": self.line, "read": self.read, "fixed": self.fixed, "source": "reread", "readings": self.readings}


def error_line_indices(lines: Sequence[str], limit: int = MAX_LINES) -> list[int]:
    """The lines the ticket will call errors: its title first, then the most telling, at most `limit`."""
    ex = extract(lines)
    idx = ex.evidence.get("error_messages", [])
    best = sorted(idx, key=lambda i: (-error_score(" ".join(lines[i].split())), i))
    if ex.title_line in idx:
        best = [ex.title_line] + [i for i in best if i != ex.title_line]
    return best[:limit]


def one_row(line: OcrLine) -> bool:
    """The line's words sit on one row (a line joined from a wrapped pair is left alone)."""
    if not line.words:
        return False
    h = statistics.median(w.box[3] for w in line.words)
    centres = [w.box[1] + w.box[3] / 2 for w in line.words]
    return max(centres) - min(centres) <= 0.6 * h


def line_tiles(line: OcrLine, prep: Prepared) -> list[Image.Image]:
    """The line as the first reading saw it: its part of each mosaic tile it was read from,
    left to right, with a margin. [] where it cannot be found there (a deskewed image)."""
    if prep.angle or not line.words:
        return []
    placements = {p.index: (m, p) for m in prep.mosaics for p in m.placements}
    by_frag: dict[int, list[OcrWord]] = {}
    for w in line.words:  # read_prepared numbers a word's block fragment * 1000 + block
        by_frag.setdefault(w.block // 1000, []).append(w)
    tiles: list[tuple[int, Image.Image]] = []
    f = prep.reduced
    for frag, words in by_frag.items():
        if frag not in placements:
            return []
        mosaic, p = placements[frag]
        s, (dx, dy, dw, dh) = p.scale, p.dst
        x0, y0 = min(w.box[0] for w in words) / f, min(w.box[1] for w in words) / f
        x1, y1 = max(w.box[0] + w.box[2] for w in words) / f, max(w.box[1] + w.box[3] for w in words) / f
        mx, my = 0.5 * (y1 - y0) * s, 0.3 * (y1 - y0) * s
        box = (max(dx, round(dx + (x0 - p.src[0]) * s - mx)), max(dy, round(dy + (y0 - p.src[1]) * s - my)),
               min(dx + dw, round(dx + (x1 - p.src[0]) * s + mx)), min(dy + dh, round(dy + (y1 - p.src[1]) * s + my)))
        if box[2] - box[0] < 4 or box[3] - box[1] < 4:
            return []
        tiles.append((min(w.box[0] for w in words), mosaic.image.crop(box)))
    return [t for _, t in sorted(tiles, key=lambda t: t[0])]


def scaled(tile: Image.Image, scale: float, pad: int = 12) -> Image.Image:
    if scale != 1.0:
        tile = tile.resize((max(1, round(tile.width * scale)), max(1, round(tile.height * scale))), Image.LANCZOS)
    out = Image.new("L", (tile.width + 2 * pad, tile.height + 2 * pad), 255)
    out.paste(tile.convert("L"), (pad, pad))
    return out


def read_pages(ocr: TesseractOCR, pages: Sequence[Image.Image], *, terminal: bool, timeout_s: float) -> list[list[OcrWord]]:
    """Each page read as one line (--psm 7), all in one Tesseract process (a multi-page TIFF on stdin)."""
    from agent.tickets.ocr_step import TERMINAL_BLACKLIST

    extra = ("-c", f"tessedit_char_blacklist={TERMINAL_BLACKLIST}") if terminal else ()
    buf = io.BytesIO()
    pages[0].save(buf, format="TIFF", save_all=True, append_images=list(pages[1:]))
    rows = ocr.tsv(buf.getvalue(), psm=7, timeout_s=timeout_s, extra=extra).splitlines()
    header = rows[:1]
    return [parse_tsv("\n".join(header + [r for r in rows[1:] if r.split("\t")[1:2] == [str(k + 1)]])) for k in range(len(pages))]


def line_text(pieces: Sequence[Sequence[OcrWord]], terminal: bool) -> str:
    """A reading's words (one list per tile) made a line as the pipeline makes one: noise dropped, its fixes made."""
    from agent.tickets.ocr_step import line_fixes

    return line_fixes(" ".join(ln.text for words in pieces for ln in group_lines(drop_noise(group_lines(words)))), terminal)


def chars_apart(a: str, b: str) -> int:
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in ops if op != "equal")


def _pair_up(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]] | None:
    """Which tokens of `a` were read as which of `b` (in order), fewest characters apart; None for long blocks."""
    if len(a) > 6 or len(b) > 6:
        return None
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    picks = min(itertools.combinations(range(len(long_)), len(short)),
                key=lambda ps: sum(chars_apart(short[k], long_[p]) for k, p in enumerate(ps)))
    return [(k, p) if len(a) <= len(b) else (p, k) for k, p in enumerate(picks)]


def edits(base: Sequence[str], toks: Sequence[str]) -> list[Edit]:
    """How a reading differs from the first one: tokens replaced one for one, inserted or
    dropped; a block where words were split or joined is one edit."""
    out: list[Edit] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, base, toks, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "insert":
            out.append(Edit(i1, i1, tuple(toks[j1:j2])))
            continue
        pairs = _pair_up(base[i1:i2], toks[j1:j2])
        if pairs is None or any(chars_apart(base[i1 + a], toks[j1 + b]) > MAX_CHARS for a, b in pairs):
            out.append(Edit(i1, i2, tuple(toks[j1:j2])))  # "turron::api" read as "turron: :api", "to make" as "to_make"
            continue
        i = j = 0
        for a, b in [*pairs, (i2 - i1, j2 - j1)]:
            if b > j:
                out.append(Edit(i1 + a, i1 + a, tuple(toks[j1 + j:j1 + b])))
            out += [Edit(i1 + k, i1 + k + 1, ()) for k in range(i, a)]
            if a < i2 - i1 and base[i1 + a] != toks[j1 + b]:
                out.append(Edit(i1 + a, i1 + a + 1, (toks[j1 + b],)))
            i, j = a + 1, b + 1
    return out


def _plausible(e: Edit, base: Sequence[str]) -> bool:
    """A token inserted, or one replaced by one a character or two apart that has all its letters
    and digits (and differs in more than its quotes' shape)."""
    if e.start == e.end:
        return bool(e.new)
    if e.end - e.start != 1 or len(e.new) != 1 or base[e.start].translate(_STRAIGHT) == e.new[0].translate(_STRAIGHT):
        return False
    old, ops = base[e.start], difflib.SequenceMatcher(None, base[e.start], e.new[0], autojunk=False).get_opcodes()
    if any(op == "delete" and any(c.isalnum() for c in old[i1:i2]) for op, i1, i2, _, _ in ops):
        return False  # letters or digits missing from the re-reading: it missed them ("ts(2322)" read as "(2322)")
    if _quoted(old) and not _quoted(e.new[0]):
        return False  # a name in a pair of quotes read with one end as another mark (`perturb` as perturb*)
    return chars_apart(old, e.new[0]) <= MAX_CHARS


def rejoined(base: Sequence[str], toks: Sequence[str]) -> list[str]:
    """A reading's tokens with a space the first reading did not have taken out again: two
    neighbours that together are a token of the first reading, the first of them not one
    ("turron::api" read as "turron: :api"). Spacing is not what the vote is about."""
    known, out, k = set(base), [], 0
    while k < len(toks):
        if k + 1 < len(toks) and toks[k] not in known and toks[k] + toks[k + 1] in known:
            out.append(toks[k] + toks[k + 1])
            k += 2
        else:
            out.append(toks[k])
            k += 1
    return out


def _quoted(token: str) -> bool:
    """The token has a quote mark at both ends, with a letter or digit between (`name`, 'x',)."""
    core = token.translate(_STRAIGHT).rstrip(".,:;)")
    return len(core) >= 3 and core[0] in "'\"" and core[-1] in "'\"" and any(c.isalnum() for c in core)


def vote(original: str, readings: Sequence[str], min_support: int = MIN_SUPPORT) -> tuple[str, list[tuple[Edit, int]]]:
    """The line after the vote (see the module's docstring), and the edits made with their support."""
    base = original.split()
    per_reading = [edits(base, rejoined(base, r.split())) for r in readings]
    support: dict[Edit, int] = {}
    for found in per_reading:
        for e in set(found):
            support[e] = support.get(e, 0) + 1
    won: list[tuple[Edit, int]] = []
    for e, n in sorted(support.items(), key=lambda kv: (-kv[1], kv[0].start, kv[0].end)):
        if n < min_support or not _plausible(e, base):
            continue
        keep = sum(1 for found in per_reading if not any(e.touches(f) for f in found))
        if n > keep and not any(e.touches(w) for w, _ in won):
            won.append((e, n))
    out = list(base)
    for e, _ in sorted(won, key=lambda en: (-en[0].start, -en[0].end)):
        out[e.start:e.end] = list(e.new)
    return " ".join(out), sorted(won, key=lambda en: en[0].start)


def source_crop(line: OcrLine, source: Image.Image) -> Image.Image:
    """The line cut from the image that was prepared (its own colours), with a margin."""
    x0, y0, w, h = line.box  # its words' union
    x1, y1 = x0 + w, y0 + h
    m, mx = 0.3 * h, 0.8 * h  # a character's width beside it: a mark the first reading dropped
    return source.crop((max(0, round(x0 - mx)), max(0, round(y0 - m)), min(source.width, round(x1 + mx)), min(source.height, round(y1 + m))))


def second_readings(tiles: Sequence[Image.Image], line: OcrLine, source: Image.Image | None, reader: CtcLineReader) -> list[str]:
    """The other recogniser's readings of a line: of the prepared tiles, and of the line cut
    from the source image, each with its spacing collapsed (no other fix of the pipeline's)."""
    out = [" ".join(t for t in (reader.read(tile) for tile in tiles) if t)]
    if source is not None:
        out.append(reader.read(source_crop(line, source)))
    return [" ".join(r.split()) for r in out if r.strip()]


def reread_lines(lines: Sequence[OcrLine], chosen: Sequence[int], prep: Prepared, ocr: TesseractOCR,
                 scales: Sequence[float] = SCALES, *, budget_s: float = BUDGET_S,
                 source: Image.Image | None = None, reader: CtcLineReader | None = None) -> dict[int, list[str]]:
    """Line index -> its re-readings, one per scale done within `budget_s` (one process per scale),
    and, with a `reader`, two more from it (see `second_readings`) read while Tesseract runs."""
    t0 = time.perf_counter()
    terminal = prep.kind == "terminal"
    tiles = [(i, ts) for i in chosen if one_row(lines[i]) for ts in [line_tiles(lines[i], prep)] if ts]
    if not tiles:
        return {}
    pages = [t for _, ts in tiles for t in ts]
    deadline = t0 + budget_s

    def read(scale: float) -> list[list[OcrWord]]:
        if time.perf_counter() > deadline - 0.1:
            raise OCRError("no time left")
        return read_pages(ocr, [scaled(p, scale) for p in pages], terminal=terminal, timeout_s=deadline - time.perf_counter())

    futures = [_POOL.submit(read, s) for s in scales]
    out: dict[int, list[str]] = {i: [] for i, _ in tiles}
    if reader is not None:
        for i, ts in tiles:
            if time.perf_counter() > deadline - 0.1:
                break
            out[i] += second_readings(ts, lines[i], source, reader)
    for fut in futures:
        try:
            per_page = fut.result(timeout=max(0.05, deadline - time.perf_counter() + 0.1))
        except (OCRError, TimeoutError):
            continue  # not done in time, or failed: fewer readings
        k = 0
        for i, ts in tiles:
            out[i].append(line_text(per_page[k:k + len(ts)], terminal))
            k += len(ts)
    return out


def reread_error_lines(result: OcrResult, prep: Prepared, ocr: TesseractOCR, *, budget_s: float = BUDGET_S,
                       limit: int = MAX_LINES, source: Image.Image | None = None,
                       reader: CtcLineReader | None = None) -> tuple[OcrResult, list[Correction]]:
    """`result` with its error lines put right where the re-readings' vote says so, and the edits made."""
    texts = [ln.text for ln in result.lines]
    chosen = [i for i in error_line_indices(texts, limit) if min((w.conf for w in result.lines[i].words), default=100.0) < SURE]
    if not chosen or prep.page is not None:
        return result, []
    lines = list(result.lines)
    fixes: list[Correction] = []
    for i, reads in reread_lines(result.lines, chosen, prep, ocr, budget_s=budget_s, source=source, reader=reader).items():
        fixed, won = vote(texts[i], reads)
        if not won:
            continue
        base = texts[i].split()
        lines[i] = replace(lines[i], text=fixed)
        fixes += [Correction(i, " ".join(base[e.start:e.end]), " ".join(e.new), n) for e, n in won]
    if not fixes:
        return result, []
    return OcrResult(result.words, tuple(lines), result.width, result.height, result.elapsed_ms, result.meta), fixes
