"""Classify a decoded screenshot and normalise it for OCR. No learned models; never imports `agent`.

Steps (each a plain function over numpy arrays, so they can be measured and tested alone):

- `features()` / `classify()`: measurable statistics -> `ui_screenshot`, `terminal`,
  `photo_of_screen` or `document`.
- `normalize()`: grayscale, per-region polarity (a dark dialog on a light page is inverted
  on its own), background division (flattens uneven light in photos and lifts grey text),
  so that all text becomes dark on a white background.
- `estimate_skew()` / `deskew()`: small rotations of photos.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from PIL import Image

KINDS = ("ui_screenshot", "terminal", "photo_of_screen", "document")


@dataclass(frozen=True)
class Features:
    width: int
    height: int
    aspect: float  # height / width
    dark_fraction: float  # pixels with luminance < 80
    dominant_fraction: float  # share of the most common (quantised) colour
    dominant_luma: float  # its luminance 0..255
    second_fraction: float  # share of the second most common colour (a sidebar, a header: UI structure)
    colour_count: int  # distinct quantised colours covering >= 0.1 % of the image
    saturation: float  # mean HSV-like saturation 0..1
    flat_fraction: float  # horizontally adjacent pixel pairs that are identical (screenshots are flat)
    noise: float  # median absolute Laplacian-like residual (sensor noise, JPEG)

    def as_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def _sample(rgb: np.ndarray, max_side: int = 640) -> np.ndarray:
    """A strided (not interpolated) sample so flat areas stay exactly flat."""
    h, w = rgb.shape[:2]
    step = max(1, int(np.ceil(max(h, w) / max_side)))
    return rgb[::step, ::step]


def luminance(rgb: np.ndarray) -> np.ndarray:
    """ITU-R 601 luma as float32 (what Pillow's convert('L') uses)."""
    return rgb[..., 0] * np.float32(0.299) + rgb[..., 1] * np.float32(0.587) + rgb[..., 2] * np.float32(0.114)


def features(image: Image.Image) -> Features:
    rgb = np.asarray(image.convert("RGB"))
    h, w = rgb.shape[:2]
    s = _sample(rgb)
    luma = luminance(s.astype(np.float32))
    q = (s >> 4).astype(np.int32)
    codes = (q[..., 0] << 8) | (q[..., 1] << 4) | q[..., 2]
    counts = np.bincount(codes.ravel(), minlength=4096)
    order = np.argsort(counts)
    top, second = int(order[-1]), int(order[-2])
    n = codes.size
    dom_rgb = np.array([(top >> 8) & 15, (top >> 4) & 15, top & 15], dtype=np.float32) * 16 + 8
    mx = s.max(axis=2).astype(np.float32)
    mn = s.min(axis=2).astype(np.float32)
    sat = np.where(mx > 0, (mx - mn) / np.maximum(mx, 1), 0)
    # flatness and noise on a contiguous crop at full resolution (striding would hide noise)
    ch, cw = min(h, 512), min(w, 512)
    y0, x0 = (h - ch) // 2, (w - cw) // 2
    crop = rgb[y0 : y0 + ch, x0 : x0 + cw].astype(np.int16)
    flat = float(np.mean(np.all(crop[:, 1:] == crop[:, :-1], axis=2))) if cw > 1 else 1.0
    g = luminance(crop.astype(np.float32))
    if ch > 2 and cw > 2:
        lap = 4 * g[1:-1, 1:-1] - g[:-2, 1:-1] - g[2:, 1:-1] - g[1:-1, :-2] - g[1:-1, 2:]
        noise = float(np.median(np.abs(lap)))
    else:
        noise = 0.0
    return Features(
        width=w,
        height=h,
        aspect=h / max(1, w),
        dark_fraction=float(np.mean(luma < 80)),
        dominant_fraction=float(counts[top] / n),
        dominant_luma=float(luminance(dom_rgb)),
        second_fraction=float(counts[second] / n),
        colour_count=int(np.sum(counts >= max(1, n // 1000))),
        saturation=float(sat.mean()),
        flat_fraction=flat,
        noise=noise,
    )


def classify(f: Features) -> str:
    """Rules over `Features`; thresholds were set on rendered and photographed screens.

    - photo_of_screen: almost no exactly-flat pixel runs, or visible sensor noise.
    - terminal: one dark background colour dominates, with no second large flat area (a dark
      UI has a sidebar, a header, cards).
    - document: one light, unsaturated background dominates a portrait page; or a bilevel
      (black and white only) scan of any shape.
    - ui_screenshot: everything else.
    """
    if f.flat_fraction < 0.30 or (f.noise >= 3.0 and f.flat_fraction < 0.55):
        return "photo_of_screen"
    if f.dominant_luma < 80 and f.dominant_fraction >= 0.6 and (f.second_fraction < 0.07 or f.dominant_fraction >= 0.88):
        return "terminal"
    if f.dominant_luma > 200 and f.dominant_fraction >= 0.75 and f.saturation < 0.05 and f.aspect >= 1.2:
        return "document"
    if f.dominant_luma > 200 and f.colour_count <= 2 and f.saturation < 0.01:
        return "document"  # a bilevel scan in landscape (a screen has anti-aliasing greys)
    return "ui_screenshot"


# --- polarity and contrast ---------------------------------------------------------------


def _run_max(a: np.ndarray, k: int, axis: int, op=np.maximum) -> np.ndarray:
    """Centred running max (or min, `op=np.minimum`) of width `k` along `axis`, O(n) in k.

    van Herk / Gil-Werman: prefix and suffix extrema inside blocks of length k.
    """
    if k <= 1:
        return a
    a = np.moveaxis(a, axis, -1)
    n = a.shape[-1]
    r = k // 2
    padded = np.pad(a, [(0, 0)] * (a.ndim - 1) + [(r, k - 1 - r)], mode="edge")
    L = padded.shape[-1]
    m = -(-L // k) * k
    if m > L:
        padded = np.pad(padded, [(0, 0)] * (a.ndim - 1) + [(0, m - L)], mode="edge")
    blocks = padded.reshape(padded.shape[:-1] + (m // k, k))
    pre = op.accumulate(blocks, axis=-1).reshape(padded.shape)
    suf = op.accumulate(blocks[..., ::-1], axis=-1)[..., ::-1].reshape(padded.shape)
    out = op(suf[..., :n], pre[..., k - 1 : k - 1 + n])
    return np.moveaxis(out, -1, axis)


def max_filter(a: np.ndarray, k: int) -> np.ndarray:
    return _run_max(_run_max(a, k, 1), k, 0)


def min_filter(a: np.ndarray, k: int) -> np.ndarray:
    return _run_max(_run_max(a, k, 1, np.minimum), k, 0, np.minimum)


def closing(a: np.ndarray, k: int) -> np.ndarray:
    """Grey closing (max then min): removes dark features narrower than k, keeps step edges."""
    return min_filter(max_filter(a, k), k)


def opening(a: np.ndarray, k: int) -> np.ndarray:
    return max_filter(min_filter(a, k), k)


@dataclass
class Normalized:
    gray: np.ndarray  # uint8, text dark on white
    inverted_fraction: float  # share of the image whose polarity was flipped
    background: np.ndarray | None = None


def _pool2(a: np.ndarray, op) -> np.ndarray:
    """2x2 pooling (max or min), odd edges replicated."""
    h, w = a.shape
    if h % 2 or w % 2:
        a = np.pad(a, ((0, h % 2), (0, w % 2)), mode="edge")
    return op(op(a[0::2, 0::2], a[0::2, 1::2]), op(a[1::2, 0::2], a[1::2, 1::2]))


def _up2(a: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    return np.repeat(np.repeat(a, 2, axis=0), 2, axis=1)[: shape[0], : shape[1]]


def _box_mean(a: np.ndarray, k: int) -> np.ndarray:
    """Mean over a centred k x k window (integral image; edges replicated)."""
    r = k // 2
    p = np.pad(a.astype(np.float32), ((r + 1, k - r - 1), (r + 1, k - r - 1)), mode="edge")
    c = p.cumsum(axis=0).cumsum(axis=1)
    h, w = a.shape
    s = c[k:, k:] - c[:-k, k:] - c[k:, :-k] + c[:-k, :-k]
    return s[:h, :w] / (k * k)


def dark_regions(gray: np.ndarray, threshold: int = 110, solid: int = 10, window: int = 16) -> np.ndarray:
    """Pixels that lie on a dark background (a terminal, a dark dialog, a blue button).

    Every pixel is one of: inside a solid dark area (dark pixels opened with a `solid`-px
    square: text strokes are thinner and drop out), inside a solid light area (same for light
    pixels), or in between, i.e. in text. Text pixels take the polarity of their surroundings:
    light text on dark leaves most of a `window`-px neighbourhood dark, dark text on light
    leaves most of it light. Computed at half resolution (2 px precision at region edges).
    """
    h, w = gray.shape
    full = gray < threshold
    if not full.any():
        return np.zeros((h, w), dtype=bool)
    if h % 2 or w % 2:
        full = np.pad(full, ((0, h % 2), (0, w % 2)), mode="edge")
    frac = (full[0::2, 0::2].astype(np.float32) + full[0::2, 1::2] + full[1::2, 0::2] + full[1::2, 1::2]) / 4
    dark = (frac >= 0.5).astype(np.uint8)
    k = max(3, solid // 2)
    solid_dark = opening(dark, k).astype(bool)
    solid_light = opening(1 - dark, k).astype(bool)
    mostly_dark = _box_mean(frac, max(3, window // 2)) > 0.5
    # Bold dark text on a light page is "mostly dark" inside its strokes too: only text near a
    # solid dark area (a terminal, a button), or in a wider mostly dark neighbourhood, flips.
    near_solid = max_filter(solid_dark.astype(np.uint8), max(3, window)).astype(bool)
    wide_dark = _box_mean(frac, max(3, 2 * window)) > 0.5
    inv = solid_dark | (~solid_light & mostly_dark & (near_solid | wide_dark))
    # Light text on dark set large and dense (a hover's 14 pt code) leaves specks of "mostly
    # light" inside its letters; left as holes they would stay light and their rims be cleared
    # as region edges, cutting letters apart. A light area that cannot hold a `solid` square is
    # no light region: it takes its dark surroundings' polarity.
    inv |= ~opening((~inv).astype(np.uint8), k).astype(bool)
    return _up2(inv, (h, w))


def background(gray: np.ndarray, window: int = 21) -> np.ndarray:
    """Local background of dark-on-light text: a grey closing wider than text strokes.

    Run at half resolution: a 2x2 max pool is itself part of the dilation.
    """
    small = _pool2(gray, np.maximum)
    return _up2(closing(small, max(3, window // 2)), gray.shape)


def normalize(gray: np.ndarray, dark_threshold: int = 110, bg_window: int = 21, flatten: bool = True,
              rgb: np.ndarray | None = None, clear_edges: bool = True) -> Normalized:
    """Make every text region dark-on-white, region by region.

    1. Invert the dark-background regions (`dark_regions`), exact to 2 px at region edges.
       With `rgb`, colour counts as contrast: on a dark background a pixel is as bright as
       its brightest channel (red error text on a dark terminal has low luma but a bright
       red channel), on a light one as dark as its darkest channel (red or blue text on
       white). Regions are still found on luma.
    2. (`flatten`) Divide by the local background (`background`): evens out uneven light in
       photos, turns grey-on-grey and text-on-a-button into black on white, and keeps region
       edges sharp (closing preserves steps), so no halo becomes "ink".
    """
    gray = gray.astype(np.uint8)
    inv = dark_regions(gray, dark_threshold)
    edge = None
    if inv.any() and not inv.all():
        # The border of a dark region (found to 2 px at half resolution; anti-aliased,
        # rounded) is ink in either polarity and reads as "[" or "(" beside a toast's or a
        # button's text: it is painted white below.
        half = inv[::2, ::2].astype(np.uint8)  # inv is a 2x upsample: this is exact, and 4x cheaper
        edge = _up2(max_filter(half, 4).astype(bool) & ~min_filter(half, 4).astype(bool), gray.shape)
    if rgb is not None:
        mx = rgb.max(axis=2)
        # the brightest channel only where the background itself is dark in every channel
        # (a red toast's background has a bright red channel: there luma contrasts better)
        # (a grey opening: thin bright strokes drop out, the step at a region's edge stays)
        by_max = opening(_pool2(mx, np.minimum), 6) < 100  # half resolution
        on_dark = np.where(_up2(by_max, gray.shape), 255 - mx, 255 - gray)
        if not by_max.all() and by_max.any():  # where the two recipes meet (a red toast on a dark page): an edge too
            u = by_max.astype(np.uint8)
            seam = _up2(max_filter(u, 4).astype(bool) & ~min_filter(u, 4).astype(bool), gray.shape) & inv
            edge = seam if edge is None else (edge | seam)
        g = np.where(inv, on_dark, rgb.min(axis=2)).astype(np.uint8)
    else:
        g = np.where(inv, 255 - gray, gray).astype(np.uint8) if inv.any() else gray
    bg = None
    if flatten:
        bg = background(g, bg_window)
        scale = np.float32(255.0) / np.maximum(bg, 24).astype(np.float32)
        g = np.minimum(g * scale, 255).astype(np.uint8)
    if edge is not None and clear_edges:  # after flattening: the background estimate is itself off at the edge
        g = np.where(edge, np.uint8(255), g)
    return Normalized(g, float(inv.mean()), bg)


# --- deskew ------------------------------------------------------------------------------


def estimate_skew(ink: np.ndarray, max_angle: float = 10.0) -> float:
    """Rotation (degrees, PIL convention) that makes text lines horizontal.

    Maximises the variance of the row profile of the ink mask over candidate angles:
    coarse 0.5 deg steps, then 0.1 deg around the best.
    """
    h, w = ink.shape
    step = max(1, int(np.ceil(max(h, w) / 700)))
    small = Image.fromarray((ink[::step, ::step] * 255).astype(np.uint8))

    def score(angle: float) -> float:
        rot = np.asarray(small.rotate(angle, resample=Image.NEAREST, expand=False))
        prof = rot.sum(axis=1, dtype=np.float64)
        return float(prof.var())

    coarse = np.arange(-max_angle, max_angle + 1e-6, 0.5)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.4, best + 0.41, 0.1)
    best = max(fine, key=score)
    return round(float(best), 2)


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < 0.15:
        return gray
    img = Image.fromarray(gray)
    return np.asarray(img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255))


def rotate_point(x: float, y: float, angle: float, src: tuple[int, int], dst: tuple[int, int]) -> tuple[float, float]:
    """Map a point in the image rotated by `angle` (expand=True, size `dst`) back to the source `src` (w, h)."""
    a = np.deg2rad(angle)
    cx, cy = dst[0] / 2, dst[1] / 2
    sx, sy = src[0] / 2, src[1] / 2
    dx, dy = x - cx, y - cy
    # PIL rotates counter-clockwise for positive angles (y down): undo it
    ox = dx * np.cos(a) - dy * np.sin(a)
    oy = dx * np.sin(a) + dy * np.cos(a)
    return float(ox + sx), float(oy + sy)


# --- faint ink ---------------------------------------------------------------------------


def lift_faint(gray: np.ndarray, reach: int = 9, floor: int = 48) -> np.ndarray:
    """Faint ink made as dark as the deepest ink near it: each pixel's ink depth (255 - gray)
    divided by the deepest depth within `reach` px (at least `floor`, so that a flat background's
    few levels of noise stay light). Dim grey or coloured text on white (a grey `file.go:39:`
    prefix, a pink `error:`) then reads as black; text already black is unchanged."""
    ink = 255 - gray.astype(np.int16)
    peak = max_filter(ink.astype(np.uint8), 2 * reach + 1).astype(np.float32)
    lifted = np.minimum(ink * (np.float32(255.0) / np.maximum(peak, floor)), 255)
    return (255 - lifted).astype(np.uint8)


def isolated_ink(mask: np.ndarray) -> np.ndarray:
    """Ink pixels with at most one ink neighbour among their eight: specks of 1-2 px (a
    dithered background's dots), not strokes."""
    m = mask.astype(np.uint8)
    p = np.pad(m, 1)
    h, w = m.shape
    n = sum(p[1 + dy:1 + dy + h, 1 + dx:1 + dx + w] for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx)
    return mask & (n <= 1)
