"""The image half of the screenshot flow: classify, normalise, deskew, find and pack text.

`prepare(image)` turns a decoded RGB screenshot into a few small grayscale mosaics ready for
OCR, plus what is needed to map OCR boxes back to the received image. Never imports `agent`
or runs OCR itself (see `agent/tickets/pipeline.py`).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from media import image_prep as ip
from media import text_regions as tr

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class PrepOptions:
    groups: int = 2  # mosaics (one Tesseract process each)
    target_line: float = 26.0  # upscale text lines to about this many pixels (never down)
    max_scale: float = 3.0
    ink_threshold: int = 190
    deskew_kinds: tuple[str, ...] = ("photo_of_screen", "document")
    colour_contrast: bool = True  # see image_prep.normalize(rgb=...)
    reduce_min_pixels: int = 1_600_000  # from about 1600x1000 up, try preparing at half size ...
    reduce_min_line: float = 9.0  # ... and keep it when the median text line there is this tall
    page_recipe: bool = True  # documents: OCR the page as a page (psm 3), not cut-out lines
    terminal_col_gap: float = 4.0  # a terminal line splits only at gaps of 4 line heights (tmux panes, not words)
    screen_photos: bool = True  # a photo of a screen is rectified first (media/screen_photo.py)
    erase_vertical_rules: bool = True  # vertical lines of 90 px or more are painted out before OCR
    # Faint ink lifted (`lifted`): not on photos, nor where lifting makes a speckled background
    # ink. The ticket pipeline reads a screen both ways when `ocr_lift_faint` is on (agent/tickets/pipeline.py).
    lift_faint: bool = False
    speck_share: float = 0.03  # not lifted when over this share of the new ink is 1-2 px specks ...
    speck_density: float = 2.0  # ... and they number over this many per 10,000 px (a dithered GIF frame)


@dataclass
class Prepared:
    kind: str
    features: ip.Features
    mosaics: list[tr.Mosaic]
    fragments: list[tr.Fragment]
    size: tuple[int, int]  # the received (upright) image
    processed: tuple[int, int]  # after deskew
    angle: float = 0.0
    inverted_fraction: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    reduced: int = 1  # the image was prepared at 1/reduced of its size (large text: see `prepare`)
    page: Image.Image | None = None  # documents: the whole page, read as a page (see `page_recipe`)
    page_scale: int = 1  # the page image is 1/page_scale of the received one
    photo: object | None = None  # a photo of a screen: its media.screen_photo.ScreenPhoto (set by the caller)
    lift: float = 0.0  # share of the image's pixels that lifting faint ink made ink (0: not lifted)

    def to_source(self, mosaic: tr.Mosaic, box: Box) -> tuple[Box, int] | None:
        """Mosaic box -> (box in the upright received image, fragment index), or None."""
        mapped = mosaic.to_source(box)
        if mapped is None:
            return None
        (x, y, w, h), placement = mapped
        f = self.reduced
        if self.angle:
            small = (self.size[0] // f, self.size[1] // f) if f > 1 else self.size
            cx, cy = ip.rotate_point(x + w / 2, y + h / 2, self.angle, small, self.processed)
            x, y = round(cx - w / 2), round(cy - h / 2)
        if f > 1:
            x, y, w, h = x * f, y * f, w * f, h * f
        x = max(0, min(x, self.size[0] - 1))
        y = max(0, min(y, self.size[1] - 1))
        return (x, y, max(1, min(w, self.size[0] - x)), max(1, min(h, self.size[1] - y))), placement.index


def prepare(image: Image.Image, opts: PrepOptions = PrepOptions(), kind: str | None = None) -> Prepared:
    """Classify, then find and pack the text; a large image whose text is large too (a
    device-scale-2 capture, a 300 dpi scan) is prepared at half size: its text still reaches
    `reduce_min_line` px there, the normalising windows are sized for such text, and it
    costs a quarter of the work."""
    prep = _prepare_screen(image, opts, kind)
    if prep.kind == "document" and opts.page_recipe:
        t = time.perf_counter()
        prep.page, prep.page_scale = page_recipe(image, prep)
        prep.timings["page"] = (time.perf_counter() - t) * 1000
    return prep


def page_recipe(image: Image.Image, prep: Prepared, reduce_from_line: float = 60.0) -> tuple[Image.Image, int]:
    """A document is read as a page (Tesseract's own layout analysis keeps columns and
    paragraphs, which cut-out lines lose): plain grayscale, halved when its text lines are
    `reduce_from_line` px or taller (typewriter at 300 dpi; a magazine's 40 px lines lose
    accuracy when halved)."""
    lines = sorted(f.line_height * prep.reduced for f in prep.fragments)
    page = image.convert("L")
    if lines and lines[len(lines) // 2] >= reduce_from_line:
        return page.reduce(2), 2
    return page, 1


def _prepare_screen(image: Image.Image, opts: PrepOptions, kind: str | None) -> Prepared:
    t0 = time.perf_counter()
    feats = ip.features(image)
    kind = kind or ip.classify(feats)
    classify_ms = (time.perf_counter() - t0) * 1000
    w, h = image.size
    if w * h >= opts.reduce_min_pixels:
        t1 = time.perf_counter()
        small = image.reduce(2)
        prep = _prepare(small, opts, kind, feats, image.size, reduced=2)
        lines = sorted(f.line_height for f in prep.fragments)
        if lines and lines[len(lines) // 2] >= opts.reduce_min_line:
            prep.timings = {"classify": classify_ms, "reduce": (time.perf_counter() - t1) * 1000 - sum(prep.timings.values()), **prep.timings}
            return prep
        probe_ms = (time.perf_counter() - t1) * 1000
        prep = _prepare(image, opts, kind, feats, image.size)
        prep.timings = {"classify": classify_ms, "probe": probe_ms, **prep.timings}
        return prep
    prep = _prepare(image, opts, kind, feats, image.size)
    prep.timings = {"classify": classify_ms, **prep.timings}
    return prep


def looks_like_terminal(frags: list[tr.Fragment], feats: ip.Features) -> bool:
    """A light terminal window: one flat light background, and (nearly) every text row starts
    flush at the window's left edge, where a page or an app leaves a margin or a sidebar."""
    if feats.dominant_luma < 180 or feats.dominant_fraction < 0.85 or len(frags) < 3:
        return False
    rows: list[list[tr.Fragment]] = []
    for f in sorted(frags, key=lambda f: f.box[1]):
        if rows and f.box[1] < rows[-1][0].box[1] + 0.6 * rows[-1][0].box[3]:
            rows[-1].append(f)
        else:
            rows.append([f])
    starts = [min(f.box[0] for f in row) for row in rows]
    left = min(starts)
    if left > 10 or len(rows) < 3:  # terminals pad 2-10 px; pages and apps leave 14 px and more
        return False
    return sum(s <= left + 3 for s in starts) >= 0.5 * len(rows)  # (tracebacks indent the rest)


def _prepare(image: Image.Image, opts: PrepOptions, kind: str, feats: ip.Features, size: tuple[int, int], reduced: int = 1) -> Prepared:
    t: dict[str, float] = {}
    t1 = time.perf_counter()
    rgb = np.asarray(image.convert("RGB"))
    gray = np.asarray(image.convert("L"))
    # (a photo's region edges are noisy and run through its text: they stay)
    norm = ip.normalize(gray, rgb=rgb if opts.colour_contrast else None, clear_edges=kind != "photo_of_screen")
    g = norm.gray
    lift = 0.0
    if opts.lift_faint:
        g, lift = lifted(g, kind, opts)
    vertical = tr.vertical_rules(g, opts.ink_threshold)  # found once: the mask leaves them out, the image loses them below
    mask = tr.ink_mask(g, opts.ink_threshold, vertical=vertical)
    angle = 0.0
    if kind in opts.deskew_kinds and mask.any():
        angle = ip.estimate_skew(mask)
        if abs(angle) >= 0.3:
            g = ip.deskew(g, angle)
            vertical = tr.vertical_rules(g, opts.ink_threshold)
            mask = tr.ink_mask(g, opts.ink_threshold, vertical=vertical)
        else:
            angle = 0.0
    t2 = time.perf_counter()
    t["normalize"] = (t2 - t1) * 1000
    walls = tr.pane_walls(gray) if not angle and kind != "photo_of_screen" else []
    unstripped = mask.copy() if kind == "ui_screenshot" else None  # find_fragments strips frame lines from its mask in place
    frags, frames = tr.find_fragments(mask, col_gap=opts.terminal_col_gap if kind == "terminal" else 1.5, walls=walls)
    if unstripped is not None and looks_like_terminal(frags, feats):
        kind = "terminal"  # a light-themed terminal: found by its layout, not its colours
        frags, frames = tr.find_fragments(unstripped, col_gap=opts.terminal_col_gap, walls=walls)
    frags = tr.drop_specks(frags)
    frames += tr.underlines(mask, frags)
    # a vertical rule inside a text fragment's box (a bar at the window's edge beside "error:")
    # is read as "l" or "|": it is painted out of the image the fragments are cut from
    if opts.erase_vertical_rules:
        g = np.where(ip.max_filter(vertical.astype(np.uint8), 3).astype(bool), np.uint8(255), g)
    mosaics = tr.pack(tr.erase(g, frames), frags, opts.groups, opts.target_line, opts.max_scale)
    t["regions"] = (time.perf_counter() - t2) * 1000
    h, w = g.shape
    return Prepared(kind, feats, mosaics, frags, size, (w, h), angle, norm.inverted_fraction, t, reduced, lift=lift)


def lifted(g: np.ndarray, kind: str, opts: PrepOptions) -> tuple[np.ndarray, float]:
    """`g` with faint ink lifted (`image_prep.lift_faint`), and the share of its pixels that
    lifting made ink; `g` itself and 0.0 for a photo (its noise and uneven light would become
    ink) and where over `speck_share` of the new ink is 1-2 px specks, `speck_density` per
    10,000 px or more (a dithered GIF frame's background). Measured on the third-party dev half
    (bench/RESULTS.md, "Faint ink"): lifted everywhere, dev terminal exact lines 35 -> 30/53; guarded so,
    35/53 (two won, two lost: a link's underline read as "_", a UI's words split apart); read
    both ways and the surer reading kept (the pipeline's `ocr_lift_faint`), 37/53, none lost."""
    if kind == "photo_of_screen":
        return g, 0.0
    out = ip.lift_faint(g)
    t = opts.ink_threshold
    new = (out < t) & (g >= t)
    n_new = int(new.sum())
    n_specks = int((ip.isolated_ink(out < t) & new).sum())
    if n_specks > opts.speck_share * max(1, n_new) and n_specks * 1e4 > opts.speck_density * g.size:
        return g, 0.0
    return out, float(new.mean())
