"""Find where the text is, and pack it into few, small images for OCR. Never imports `agent`.

On a normalised image (text dark on white, see `image_prep.normalize`):

1. `ink_mask()`: pixels clearly darker than white, minus long horizontal/vertical rules
   (table grid, dialog borders) that would glue regions together.
2. `find_fragments()`: recursive XY-cut on the mask. Bands are split at empty rows, then at
   empty columns wider than ~1.5 line heights, so a fragment is a line (or a few tight
   lines) of one column: a sidebar item, a table cell, a sentence in a dialog.
3. `pack()`: fragments, each scaled so its text reaches a legible height (never scaled
   down), are stacked into `groups` mosaics with white gaps between them. Empty screen area
   is never sent to OCR, and each mosaic can go to its own Tesseract process.
   `Mosaic.to_source()` maps a box in a mosaic back to source-image coordinates.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image

Box = tuple[int, int, int, int]  # x, y, w, h


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """[start, end) of each run of True in a 1-D bool array."""
    if not flags.any():
        return []
    d = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    starts = np.flatnonzero(d == 1)
    ends = np.flatnonzero(d == -1)
    return list(zip(starts.tolist(), ends.tolist()))


def _long_runs(mask: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Pixels that belong to a run of >= `length` consecutive True along `axis`."""
    m = mask if axis == 1 else mask.T
    h, w = m.shape
    if w < length:
        out = np.zeros_like(m)
        return out if axis == 1 else out.T
    c = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(m, axis=1, out=c[:, 1:])
    full = (c[:, length:] - c[:, :-length]) == length  # window starting at j is all ink
    # dilate the window starts back over the run (a run of windows covers [j, j+length))
    d = np.zeros((h, w + 1), dtype=np.int32)
    d[:, : w - length + 1] += full
    d[:, length : w + 1] -= full
    out = np.cumsum(d, axis=1)[:, :w] > 0
    return out if axis == 1 else out.T


def _grow(mask: np.ndarray, r: int, axis: int) -> np.ndarray:
    """Dilate a bool mask by r pixels both ways along one axis."""
    out = mask.copy()
    for d in range(1, r + 1):
        if axis == 0:
            out[d:] |= mask[:-d]
            out[:-d] |= mask[d:]
        else:
            out[:, d:] |= mask[:, :-d]
            out[:, :-d] |= mask[:, d:]
    return out


def ink_mask(norm: np.ndarray, threshold: int = 190, rule_len: int = 90, vertical: np.ndarray | None = None) -> np.ndarray:
    """Text-ish pixels: darker than `threshold`, minus straight rules of >= `rule_len` px.

    Rules are found on the mask thickened across the line by 1 px each way, so a line that is
    slightly slanted (a photographed screen after deskew) still counts as one long run.
    `vertical`: the vertical ones, where the caller has them already (`vertical_rules`).
    """
    ink = norm < threshold
    if vertical is None:
        vertical = vertical_rules(norm, threshold, rule_len)
    return ink & ~(_long_runs(_grow(ink, 1, 0), rule_len, axis=1) | vertical)


def vertical_rules(norm: np.ndarray, threshold: int = 190, rule_len: int = 90) -> np.ndarray:
    """Pixels of straight vertical lines of >= `rule_len` px (a pane's border, a gutter's bar,
    a cursor column at the window's edge): never a glyph, which is at most a line tall."""
    return _long_runs(_grow(norm < threshold, 1, 1), rule_len, axis=0)


@dataclass(frozen=True)
class Fragment:
    box: Box  # in source (normalised image) coordinates
    line_height: float  # estimated height of one text line in it


def _bands(profile: np.ndarray, min_gap: int) -> list[tuple[int, int]]:
    """Split a 1-D ink profile at empty gaps of at least `min_gap` into [start, end) spans."""
    spans = _runs(profile > 0)
    if not spans:
        return []
    out = [list(spans[0])]
    for s, e in spans[1:]:
        if s - out[-1][1] < min_gap:
            out[-1][1] = e
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _strip_frame(piece: np.ndarray) -> list[tuple[str, int]]:
    """Edges of a piece that are frame lines (a button or box outline), not glyphs.

    A frame edge is a 1-2 px line covering >= 90 % of the piece's height (or width), with a
    clear gap inside it. Returns [(side, index)] of lines to erase, side in "lrtb".
    """
    h, w = piece.shape
    out: list[tuple[str, int]] = []
    if h < 8 or w < 8:
        return out
    cols = piece.sum(axis=0)
    rows = piece.sum(axis=1)
    if w >= max(12, 0.8 * h):
        for side, order in (("l", range(min(3, w))), ("r", range(w - 1, max(w - 4, -1), -1))):
            for c in order:
                if cols[c] >= 0.9 * h:
                    inner = range(c + 1, min(w, c + 4)) if side == "l" else range(max(0, c - 3), c)
                    if all(cols[i] < 0.5 * h for i in inner):
                        out.append((side, c))
                    break
                if cols[c] > 0:
                    break
    if h >= 8:
        for side, order in (("t", range(min(3, h))), ("b", range(h - 1, max(h - 4, -1), -1))):
            for r in order:
                if rows[r] >= 0.9 * w and w >= 3 * h:
                    out.append((side, r))
                    break
                if rows[r] > 0:
                    break
    return out


def _apart_from_end_marks(piece: np.ndarray, ratio: float = 1.8) -> list[tuple[int, int]]:
    """Column spans of a one-line piece, with a mark at either end (an icon, a callout
    badge, a status dot) set apart from the text beside it when the mark stands `ratio` times
    taller than that text: as one fragment the text would be scaled for the mark's height
    and left too small to read (KeePassXC's manual: a callout "A" beside "Open existing
    database")."""
    h, w = piece.shape
    cols = _runs(piece.any(axis=0))
    if len(cols) < 3:
        return [(0, w)]

    def extent(a: int, b: int) -> int:
        r = _runs(piece[:, a:b].any(axis=1))
        return r[-1][1] - r[0][0] if r else 0

    lo, hi = 0, len(cols)
    for end in ("left", "right"):
        if hi - lo < 3:
            break
        mark = cols[lo] if end == "left" else cols[hi - 1]
        rest = (cols[lo + 1][0], cols[hi - 1][1]) if end == "left" else (cols[lo][0], cols[hi - 2][1])
        gap = cols[lo + 1][0] - mark[1] if end == "left" else mark[0] - cols[hi - 2][1]
        mark_h, text_h = extent(*mark), extent(*rest)
        if gap >= 2 and text_h > 0 and mark_h >= ratio * text_h and mark[1] - mark[0] <= 2.5 * mark_h and rest[1] - rest[0] >= 3 * text_h:
            if end == "left":
                lo += 1
            else:
                hi -= 1
    spans = ([(cols[0][0], cols[lo - 1][1])] if lo else []) + [(cols[lo][0], cols[hi - 1][1])] \
        + ([(cols[hi][0], cols[-1][1])] if hi < len(cols) else [])
    return spans if len(spans) > 1 else [(0, w)]


@dataclass(frozen=True)
class Wall:
    """An edge between side-by-side panes: a column, and the rows where the background steps there."""

    x: int
    rows: np.ndarray  # bool per image row

    def stands_in(self, y0: int, y1: int) -> bool:
        """Whether the edge runs past a line of text in rows y0..y1: it is there just above and
        below the line (a menu bar above a sidebar has none; the letters of a word on the
        column make steps of their own, only within the line)."""
        margin = max(2, (y1 - y0) // 2)
        around = np.concatenate((self.rows[max(0, y0 - margin):y0], self.rows[y1:y1 + margin]))
        return bool(around.size and around.mean() >= 0.5)


def pane_walls(gray: np.ndarray, step: int = 10, share: float = 0.7, reach: int = 3) -> list[Wall]:
    """Columns where the background changes from top to bottom: the edge between side-by-side
    panes (an editor beside a terminal, a sidebar beside a page). At such a column the pixels
    `reach` px to either side differ by `step` levels or more on `share` of the rows; text
    does that on a few rows only. One wall per run of such columns, at its middle."""
    h, w = gray.shape
    if w <= 2 * reach + 2 or h < 8:
        return []
    g = gray.astype(np.int16)
    steps = np.abs(g[:, 2 * reach:] - g[:, : -2 * reach]) >= step
    frac = steps.mean(axis=0)
    return [Wall(reach + (s + e) // 2, steps[:, (s + e) // 2]) for s, e in _runs(frac >= share)]


def _split_at_walls(profile: np.ndarray, spans: list[tuple[int, int]], walls: list[int]) -> list[tuple[int, int]]:
    """Spans of a band cut at the walls inside them, each part trimmed to its ink."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        cuts = [x for x in walls if s < x < e]
        for a, b in zip([s, *cuts], [*cuts, e]):
            ink = np.flatnonzero(profile[a:b] > 0)
            if ink.size:
                out.append((a + int(ink[0]), a + int(ink[-1]) + 1))
    return out


def find_fragments(mask: np.ndarray, min_size: int = 4, max_depth: int = 8, col_gap: float = 1.5,
                   walls: list[Wall] = ()) -> tuple[list[Fragment], list[Box]]:
    """Recursive XY-cut into line-sized, single-column fragments, in reading order.

    A one-line band splits at empty columns wider than `col_gap` x its height (1.5: wider
    than any word space in proportional UI text; a terminal, whose monospace cells leave
    wide gaps around ':' and '/', passes more so "cat: /etc/shadow: ..." stays one line).

    A line never runs across a wall (`pane_walls`: the edge between side-by-side panes)
    where the wall stands beside it, however narrow the gap there.

    Also strips frame lines (button and box outlines) it meets, from `mask` in place, and
    returns their boxes so the caller can erase them from the image it crops from.
    """
    out: list[Fragment] = []
    erased: list[Box] = []

    def rec(x0: int, y0: int, x1: int, y1: int, depth: int) -> None:
        sub = mask[y0:y1, x0:x1]
        rows = sub.sum(axis=1)
        bands = _bands(rows, 1)
        if not bands:
            return
        heights = sorted(e - s for s, e in bands)
        line_h = max(4.0, float(heights[len(heights) // 2]))
        for s, e in bands:
            band = sub[s:e]
            bh = e - s
            # a band of one line splits at gaps of 1.5 line heights (wider than any word space);
            # a taller band (an icon beside two lines, lines touching) at one line height, so
            # the pieces can then be split into their lines
            min_gap = col_gap * bh if bh <= 1.8 * line_h else (col_gap / 1.5) * line_h
            profile = band.sum(axis=0)
            pieces = _bands(profile, max(6, int(round(min_gap))))
            inside = [wall.x - x0 for wall in walls  # in a gap of the line (text may start right at a window's edge)
                      if x0 < wall.x < x1 and not profile[wall.x - x0] and wall.stands_in(y0 + s, y0 + e)]
            if inside:
                pieces = _split_at_walls(profile, pieces, inside)
            for cs, ce in pieces:
                piece = band[:, cs:ce]
                if depth < max_depth:
                    frame = _strip_frame(piece)
                    if frame:
                        for side, i in frame:
                            if side in "lr":
                                piece[:, i] = False
                                erased.append((x0 + cs + i, y0 + s, 1, bh))
                            else:
                                piece[i, :] = False
                                erased.append((x0 + cs, y0 + s + i, ce - cs, 1))
                        rec(x0 + cs, y0 + s, x0 + ce, y0 + e, depth + 1)
                        continue
                    if (len(pieces) > 1 or len(bands) > 1) and bh > 2.5 * line_h:
                        rec(x0 + cs, y0 + s, x0 + ce, y0 + e, depth + 1)
                        continue
                for ps, pe in _apart_from_end_marks(piece):
                    part = piece[:, ps:pe]
                    r = _runs(part.sum(axis=1) > 0)
                    if not r:
                        continue
                    ty0, ty1 = r[0][0], r[-1][1]
                    w, h = pe - ps, ty1 - ty0
                    if (w < min_size and h < min_size) or int(part.sum()) < 6:
                        continue  # specks
                    lh = float(np.median([b - a for a, b in r])) if len(r) > 1 else float(h)
                    out.append(Fragment((x0 + cs + ps, y0 + s + ty0, w, h), max(1.0, min(lh, h))))

    h, w = mask.shape
    rec(0, 0, w, h, 0)
    return out, erased


def drop_specks(fragments: list[Fragment]) -> list[Fragment]:
    """Drop fragments far smaller than a text line in both directions (corners, dots, icons' bits)."""
    if len(fragments) < 3:
        return [f for f in fragments if f.box[3] > 4 and f.box[2] > 3]
    med = float(np.median([f.line_height for f in fragments]))
    return [
        f
        for f in fragments
        if not (f.box[3] < 0.5 * med and f.box[2] < 1.5 * med) and f.box[3] > 4 and f.box[2] > 3
    ]


def underlines(mask: np.ndarray, fragments: list[Fragment], density: float = 0.9) -> list[Box]:
    """Underlines under one-line fragments (a link, an underlined name, a dashed squiggle
    under an error), as 1-px boxes to erase before OCR: Tesseract reads a line under a space
    as "_" ("bad_json_ (link)"). An underline is a row in the lower part of the line whose ink
    runs three line heights or more, `density` of it solid (a row of letters has gaps between
    them), with little ink just above it (the gap under the baseline). Dashed and wavy lines
    are left: told apart from small bold letters by nothing this simple, they cost more text
    than they save (measured on the third-party dev half)."""
    out: list[Box] = []
    H = mask.shape[0]
    for f in fragments:
        x, y, w, h = f.box
        lh = f.line_height
        if h > 1.6 * lh or w < 3 * lh:
            continue
        for r in range(y + int(0.6 * h), min(H, y + h + 2)):
            row = mask[r, x:x + w]
            above = mask[max(0, r - 2), x:x + w]
            for s, e in _bands(row, 2):
                if e - s >= max(3 * lh, 24) and row[s:e].mean() >= density and above[s:e].mean() < 0.25:
                    out.append((x + s, r, e - s, 1))
    return out


def erase(gray: np.ndarray, boxes: list[Box], grow: int = 1) -> np.ndarray:
    """A copy of `gray` with `boxes` (frame lines) painted white, grown by `grow` px for antialiasing."""
    if not boxes:
        return gray
    g = gray.copy()
    h, w = g.shape
    for x, y, bw, bh in boxes:
        g[max(0, y - grow) : min(h, y + bh + grow), max(0, x - grow) : min(w, x + bw + grow)] = 255
    return g


@dataclass
class Placement:
    src: Box  # crop in the source image
    dst: Box  # where it sits in the mosaic (after scaling)
    scale: float
    index: int  # fragment index (reading order)


@dataclass
class Mosaic:
    image: Image.Image
    placements: list[Placement] = field(default_factory=list)

    def placement_at(self, box: Box) -> Placement | None:
        cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
        for p in self.placements:
            x, y, w, h = p.dst
            if x <= cx < x + w and y <= cy < y + h:
                return p
        return None

    def to_source(self, box: Box) -> tuple[Box, Placement] | None:
        p = self.placement_at(box)
        if p is None:
            return None
        bx, by, bw, bh = box
        dx, dy = bx - p.dst[0], by - p.dst[1]
        s = p.scale
        return (
            (p.src[0] + round(dx / s), p.src[1] + round(dy / s), max(1, round(bw / s)), max(1, round(bh / s))),
            p,
        )


def fragment_scale(f: Fragment, target_line: float, max_scale: float) -> float:
    """Upscale small text so a line reaches `target_line` pixels; never downscale."""
    if f.line_height <= 0:
        return 1.0
    return float(min(max_scale, max(1.0, target_line / f.line_height)))


def pack(
    gray: np.ndarray,
    fragments: list[Fragment],
    groups: int = 2,
    target_line: float = 24.0,
    max_scale: float = 3.0,
    pad: int = 4,
    min_group_area: float = 300_000,
) -> list[Mosaic]:
    """Stack scaled fragments into at most `groups` mosaics of about equal work.

    Fragments keep reading order inside a mosaic; consecutive fragments go to the same mosaic
    (the first ~1/groups of the work to the first one, ...), separated by white gaps of about
    one line so Tesseract never joins them.
    """
    h, w = gray.shape
    items = []
    for i, f in enumerate(fragments):
        x, y, fw, fh = f.box
        x0, y0 = max(0, x - pad), max(0, y - pad)
        x1, y1 = min(w, x + fw + pad), min(h, y + fh + pad)
        s = fragment_scale(f, target_line, max_scale)
        items.append((i, (x0, y0, x1 - x0, y1 - y0), s, (x1 - x0) * (y1 - y0) * s * s))
    if not items:
        return []
    total = sum(it[3] for it in items)
    # each Tesseract process costs ~100 ms to start: split only work worth splitting
    groups = max(1, min(groups, int(total // min_group_area)))
    per = total / groups
    chunks: list[list] = [[]]
    acc = 0.0
    for it in items:
        if acc >= per * len(chunks) and len(chunks) < groups:
            chunks.append([])
        chunks[-1].append(it)
        acc += it[3]
    mosaics = []
    src_img = Image.fromarray(gray)
    for chunk in chunks:
        if not chunk:
            continue
        tiles = []
        for i, (x0, y0, cw, ch), s, _ in chunk:
            crop = src_img.crop((x0, y0, x0 + cw, y0 + ch))
            if s != 1.0:
                crop = crop.resize((max(1, round(cw * s)), max(1, round(ch * s))), Image.LANCZOS)
            tiles.append((i, (x0, y0, cw, ch), s, crop))
        margin = 12
        gap = max(12, int(target_line * 1.25))
        mw = max(t[3].width for t in tiles) + 2 * margin
        mh = sum(t[3].height for t in tiles) + gap * (len(tiles) - 1) + 2 * margin
        canvas = Image.new("L", (mw, mh), 255)
        placements = []
        y = margin
        for i, src, s, crop in tiles:
            canvas.paste(crop, (margin, y))
            placements.append(Placement(src, (margin, y, crop.width, crop.height), s, i))
            y += crop.height + gap
        mosaics.append(Mosaic(canvas, placements))
    return mosaics
