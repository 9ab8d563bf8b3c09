"""Photos of a screen: find the screen's quadrilateral, undo the perspective, then sharpen and
even out the light. numpy and Pillow only; never imports `agent`.

    photo = detect(image)          # None for a screenshot
    if photo: image = photo.image  # upright, rectified, the bezel cut off

Detection uses general evidence of a camera, each measured (see `Evidence`):

- a screen region: the pixels that differ from the background along the image's border form
  one region whose four sides are straight lines (fitted to the region's outline, robustly);
  the screen does not fill the frame, so background shows on at least three sides;
- those sides are not axis-aligned (a screenshot's panels and windows are);
- camera texture: few exactly-flat pixel runs, sensor noise, a soft (blurred) image, JPEG.

A photo is a straight-sided screen region whose sides lean (`skew` or keystone >= 1 deg) on an
image with camera texture. `blur` is the variance of the Laplacian of the screen's luma at a
working size of 1000 px across (lower = blurrier; a crisp screenshot of text gives thousands).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageFilter

Point = tuple[float, float]
WORK_SIDE = 480  # the quadrilateral is found at this size (longest side)


@dataclass(frozen=True)
class Evidence:
    quad_found: bool = False
    area_fraction: float = 0.0  # of the image, inside the quadrilateral
    straightness: float = 0.0  # outline points within 2 work px of their fitted side
    background_sides: int = 0  # sides with background between the screen and the image edge
    skew_degrees: float = 0.0  # in-plane rotation of the screen (mean of its four sides)
    keystone_degrees: float = 0.0  # largest angle between opposite sides (perspective)
    flat_fraction: float = 1.0  # identical horizontal neighbours (screenshots are flat)
    noise: float = 0.0  # median |Laplacian| (sensor noise, JPEG)
    blur: float = 0.0  # variance of the Laplacian, see the module doc
    jpeg: bool = False
    uneven_light: float = 0.0  # range of the background's fitted light across the frame (0..255)

    @property
    def leaning(self) -> bool:
        return abs(self.skew_degrees) >= 1.0 or self.keystone_degrees >= 1.0

    @property
    def camera(self) -> bool:
        return self.flat_fraction < 0.35 or (self.noise >= 2.0 and self.flat_fraction < 0.6)

    @property
    def is_photo(self) -> bool:
        return (self.quad_found and self.leaning and self.straightness >= 0.8 and self.background_sides >= 3
                and 0.2 <= self.area_fraction <= 0.97 and (self.camera or self.jpeg or self.uneven_light >= 8.0))


@dataclass
class ScreenPhoto:
    image: Image.Image  # the screen, rectified, sharpened, light evened out (RGB)
    corners: list[Point]  # the screen's corners in the received image: tl, tr, br, bl
    evidence: Evidence
    coeffs: tuple[float, ...]  # PERSPECTIVE coefficients: rectified (x, y) -> received point
    offset: tuple[int, int] = (0, 0)  # the bezel cut off the rectified image (left, top)
    timings: dict[str, float] = field(default_factory=dict)
    kind: str = "ui_screenshot"  # what the screen shows: terminal (one dark background) or ui_screenshot

    def to_received(self, box: tuple[int, int, int, int], size: tuple[int, int]) -> tuple[int, int, int, int]:
        """A box in `image` -> the bounding box of its four corners in the received image."""
        x, y, w, h = box
        ox, oy = self.offset
        pts = [_apply(self.coeffs, px + ox, py + oy) for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        x0 = max(0, min(size[0] - 1, int(math.floor(min(xs)))))
        y0 = max(0, min(size[1] - 1, int(math.floor(min(ys)))))
        return x0, y0, max(1, min(size[0] - x0, int(math.ceil(max(xs))) - x0)), max(1, min(size[1] - y0, int(math.ceil(max(ys))) - y0))

    def report(self) -> dict:
        """The ticket's `image.processed.photo` block."""
        e = self.evidence
        return {
            "skew_degrees": round(e.skew_degrees, 2),
            "keystone_degrees": round(e.keystone_degrees, 2),
            "blur": round(e.blur, 1),
            "corners": [[round(x), round(y)] for x, y in self.corners],
            "screen_kind": self.kind,
        }


def _apply(c: tuple[float, ...], x: float, y: float) -> Point:
    d = c[6] * x + c[7] * y + 1.0
    return (c[0] * x + c[1] * y + c[2]) / d, (c[3] * x + c[4] * y + c[5]) / d


def perspective_coeffs(dst: list[Point], src: list[Point]) -> tuple[float, ...]:
    """The 8 coefficients for Image.transform(PERSPECTIVE) that send each `dst` point (output) to its `src` point (input)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return tuple(float(v) for v in np.linalg.solve(np.array(rows, float), np.array(rhs, float)))


# --- camera texture --------------------------------------------------------------------


def _laplacian(g: np.ndarray) -> np.ndarray:
    return 4 * g[1:-1, 1:-1] - g[:-2, 1:-1] - g[2:, 1:-1] - g[1:-1, :-2] - g[1:-1, 2:]


def texture(rgb: np.ndarray) -> tuple[float, float]:
    """(flat_fraction, noise) on a central full-resolution crop, as `image_prep.features` measures them."""
    h, w = rgb.shape[:2]
    ch, cw = min(h, 512), min(w, 512)
    y0, x0 = (h - ch) // 2, (w - cw) // 2
    crop = rgb[y0:y0 + ch, x0:x0 + cw].astype(np.int16)
    flat = float(np.mean(np.all(crop[:, 1:] == crop[:, :-1], axis=2))) if cw > 1 else 1.0
    g = crop.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    noise = float(np.median(np.abs(_laplacian(g)))) if ch > 2 and cw > 2 else 0.0
    return flat, noise


def blur_measure(gray: Image.Image) -> float:
    """Variance of the Laplacian at 1000 px across (lower = blurrier)."""
    if gray.width > 1000:
        gray = gray.resize((1000, max(3, round(gray.height * 1000 / gray.width))), Image.BOX)
    g = np.asarray(gray, dtype=np.float32)
    return float(_laplacian(g).var()) if min(g.shape) > 2 else 0.0


# --- the screen's quadrilateral ----------------------------------------------------------


def _fit_line(t: np.ndarray, s: np.ndarray) -> tuple[float, float, float]:
    """s = a*t + b, refitted on inliers (within 2 px) twice; -> (a, b, inlier share)."""
    keep = np.ones(len(t), bool)
    a = b = 0.0
    for _ in range(3):
        if keep.sum() < 2:
            break
        a, b = np.polyfit(t[keep], s[keep], 1)
        r = np.abs(s - (a * t + b))
        keep = r <= max(2.0, float(np.median(r)) * 2.5)
    r = np.abs(s - (a * t + b))
    return float(a), float(b), float(np.mean(r <= 2.0))


def find_quad(rgb_small: np.ndarray) -> tuple[list[Point], float, int, float] | None:
    """The screen's corners (tl, tr, br, bl) in work pixels, the outline's straightness, the
    number of sides with background beside them and the range of the background's light
    (see `Evidence`); None when no such region is found."""
    a = rgb_small.astype(np.float32)
    h, w = a.shape[:2]
    m = max(2, min(h, w) // 40)
    frame = np.concatenate([a[:m].reshape(-1, 3), a[-m:].reshape(-1, 3), a[:, :m].reshape(-1, 3), a[:, -m:].reshape(-1, 3)])
    # the background, lit unevenly: a quadratic surface per channel fitted to the frame
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    xn, yn = xs / w - 0.5, ys / h - 0.5
    basis = np.stack([np.ones_like(xn), xn, yn, xn * xn, yn * yn, xn * yn], axis=-1)
    fb = np.concatenate([basis[:m].reshape(-1, 6), basis[-m:].reshape(-1, 6), basis[:, :m].reshape(-1, 6), basis[:, -m:].reshape(-1, 6)])
    coef, *_ = np.linalg.lstsq(fb, frame, rcond=None)
    resid = np.abs(frame - fb @ coef).max(axis=1)
    if np.percentile(resid, 90) > 40:  # the border is no plain background (a screenshot's content)
        return None
    dist = np.abs(a - basis @ coef).max(axis=2)
    thr = max(30.0, 3.0 * float(np.percentile(resid, 95)))
    mask = dist > thr
    # drop specks: a 3x3 opening
    from media.image_prep import opening

    mask = opening(mask.astype(np.uint8), 3).astype(bool)
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    if len(rows) < h * 0.3 or len(cols) < w * 0.3:
        return None
    y0, y1, x0, x1 = rows[0], rows[-1], cols[0], cols[-1]
    sides = []
    # left/right outline: first/last mask pixel per row, over the middle 70 % of the rows
    ry = np.arange(y0 + (y1 - y0) * 0.15, y0 + (y1 - y0) * 0.85).astype(int)
    ry = ry[mask[ry].any(axis=1)]
    cx = np.arange(x0 + (x1 - x0) * 0.15, x0 + (x1 - x0) * 0.85).astype(int)
    cx = cx[mask[:, cx].any(axis=0)]
    if len(ry) < 10 or len(cx) < 10:
        return None
    left = mask[ry].argmax(axis=1)
    right = w - 1 - mask[ry][:, ::-1].argmax(axis=1)
    top = mask[:, cx].argmax(axis=0)
    bottom = h - 1 - mask[:, cx][::-1].argmax(axis=0)
    fits = [_fit_line(ry.astype(float), left.astype(float)), _fit_line(ry.astype(float), right.astype(float)),
            _fit_line(cx.astype(float), top.astype(float)), _fit_line(cx.astype(float), bottom.astype(float))]
    straight = min(f[2] for f in fits)
    (la, lb, _), (ra, rb, _), (ta, tb, _), (ba, bb, _) = fits

    def meet(va: float, vb: float, ha: float, hb: float) -> Point:
        # x = va*y + vb and y = ha*x + hb
        y = (ha * vb + hb) / (1 - ha * va)
        return va * y + vb, y

    corners = [meet(la, lb, ta, tb), meet(ra, rb, ta, tb), meet(ra, rb, ba, bb), meet(la, lb, ba, bb)]
    gap = max(2, m)
    sides = sum([float(np.median(left)) > gap, float(np.median(right)) < w - 1 - gap,
                 float(np.median(top)) > gap, float(np.median(bottom)) < h - 1 - gap])
    light = (fb @ coef) @ np.array([0.299, 0.587, 0.114], np.float32)
    return corners, straight, int(sides), float(light.max() - light.min())


def _angles(c: list[Point]) -> tuple[float, float]:
    """(in-plane skew, keystone) in degrees from the corners tl, tr, br, bl."""
    def ang(p: Point, q: Point) -> float:
        return math.degrees(math.atan2(q[1] - p[1], q[0] - p[0]))

    top, bottom = ang(c[0], c[1]), ang(c[3], c[2])
    left, right = ang(c[0], c[3]) - 90.0, ang(c[1], c[2]) - 90.0  # leaning right of vertical: negative
    skew = (top + bottom - left - right) / 4.0
    return skew, max(abs(top - bottom), abs(left - right))


def _area(c: list[Point]) -> float:
    return 0.5 * abs(sum(c[i][0] * c[(i + 1) % 4][1] - c[(i + 1) % 4][0] * c[i][1] for i in range(4)))


# --- corrections -------------------------------------------------------------------------


SUSTAIN = 12  # px in a row of another level than the bezel's that start the picture inside it


def _held(flags: np.ndarray) -> np.ndarray:
    """Where `flags` is set and starts a run that holds (3/4 of the next `SUSTAIN` px)."""
    held = np.convolve(flags.astype(np.float32), np.ones(SUSTAIN, np.float32), "valid") >= 0.75 * SUSTAIN
    return flags[:len(flags) - SUSTAIN + 1] & held


def trim_bezel(a: np.ndarray, max_frac: float = 0.08) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of the picture inside a dark band (a monitor's bezel), within
    `max_frac` of each edge: where a light picture begins (a light run that holds), or where a
    dark one of another level than the bezel begins (a black terminal in a grey frame: the step
    between them would be read as ink). A bright line that dark follows (a terminal's coloured
    bar down its first column, or its first column of text) is the picture's, not its start:
    cut there, `error:` came out `or:`. A dark picture as dark as its bezel keeps the bezel."""
    g = a.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    h, w = g.shape

    def walk(lines: np.ndarray, limit: int) -> int:
        meds = np.median(lines[:limit + SUSTAIN], axis=1)
        dark = np.flatnonzero(meds[:limit] <= 90)
        if not len(dark) or dark[0] > limit // 3:  # no dark bezel (a sliver of background may come first)
            return 0
        bright = meds > meds[dark[0]] + 40
        level = float(np.median(meds[dark[0] + 1:dark[0] + 6]))  # the bezel's own (past a blurred outer edge)
        other = np.abs(meds - level) > 6
        for starts in (_held(bright), _held(other)):
            found = np.flatnonzero(starts[dark[0]:limit])
            if len(found):
                return int(dark[0] + found[0])
        return 0

    ih, iw = slice(h // 10, h - h // 10), slice(w // 10, w - w // 10)
    lx, ly = int(w * max_frac), int(h * max_frac)
    left = walk(g[ih, :].T, lx)
    right = w - walk(g[ih, ::-1].T, lx)
    top = walk(g[:, iw], ly)
    bottom = h - walk(g[::-1, iw], ly)
    return left, top, right, bottom


def even_light(rgb: np.ndarray) -> np.ndarray:
    """Flatten uneven light with a large blurred background per channel (found at 1/k size):
    divided out where the screen is light, subtracted where it is dark (there a glare adds
    light rather than scaling it), as a gain and an offset per pixel and channel."""
    h, w = rgb.shape[:2]
    k = max(8, max(w, h) // 60)
    small = Image.fromarray(rgb).resize((max(3, w // k), max(3, h // k)), Image.BOX).filter(ImageFilter.MedianFilter(5))
    bg = np.asarray(small.filter(ImageFilter.GaussianBlur(2)), dtype=np.float32)
    light = (bg @ np.array([0.299, 0.587, 0.114], np.float32) >= 110)[..., None]
    level = np.minimum(np.median(bg.reshape(-1, 3), axis=0), 40.0)
    gain = np.where(light, 235.0 / np.maximum(bg, 1.0), 1.0).astype(np.float32)
    off = np.where(light, 0.0, level - bg).astype(np.float32)
    up = lambda m: np.stack([np.asarray(Image.fromarray(np.ascontiguousarray(m[..., c]), "F").resize((w, h), Image.BILINEAR)) for c in range(3)], axis=-1)  # noqa: E731
    return np.clip(rgb * up(gain) + up(off), 0, 255).astype(np.uint8)


def screen_kind(rgb: np.ndarray) -> str:
    """terminal when one dark background covers most of the screen, else ui_screenshot."""
    g = np.asarray(Image.fromarray(rgb).convert("L").reduce(4), dtype=np.float32)
    med = float(np.median(g))
    return "terminal" if med < 80 and float(np.mean(np.abs(g - med) < 25)) >= 0.6 else "ui_screenshot"


def _evidence(image: Image.Image, rgb_img: Image.Image) -> tuple[Evidence, list[Point]]:
    rgb = np.asarray(rgb_img)
    flat, noise = texture(rgb)
    jpeg = (image.format or "").upper() in ("JPEG", "MPO")
    scale = min(1.0, WORK_SIDE / max(image.size))
    small = rgb_img.resize((max(8, round(image.width * scale)), max(8, round(image.height * scale))), Image.BOX) if scale < 1 else rgb_img
    found = find_quad(np.asarray(small))
    if found is None:
        return Evidence(False, flat_fraction=flat, noise=noise, jpeg=jpeg), []
    cw, straight, sides, light = found
    sx, sy = image.width / small.width, image.height / small.height
    corners = [(x * sx, y * sy) for x, y in cw]
    skew, keystone = _angles(corners)
    area = _area(corners) / (image.width * image.height)
    return Evidence(True, area, straight, sides, skew, keystone, flat, noise, 0.0, jpeg, light), corners


def evidence(image: Image.Image) -> Evidence:
    """The detection evidence alone (for tests and the bench); `blur` of the whole image."""
    ev, _ = _evidence(image, image.convert("RGB"))
    return Evidence(**{**ev.__dict__, "blur": blur_measure(image.convert("L"))})


def detect(image: Image.Image, *, sharpen: bool = True, denoise: bool = False, light: bool = True) -> ScreenPhoto | None:
    """A `ScreenPhoto` when `image` is a photo of a screen (see the module doc), else None."""
    import time

    t0 = time.perf_counter()
    rgb_img = image.convert("RGB")
    ev, corners = _evidence(image, rgb_img)
    if not ev.is_photo:
        return None
    t1 = time.perf_counter()
    dist = lambda p, q: math.hypot(p[0] - q[0], p[1] - q[1])  # noqa: E731
    out_w = round((dist(corners[0], corners[1]) + dist(corners[3], corners[2])) / 2)
    out_h = round((dist(corners[0], corners[3]) + dist(corners[1], corners[2])) / 2)
    coeffs = perspective_coeffs([(0, 0), (out_w, 0), (out_w, out_h), (0, out_h)], corners)
    flat_img = rgb_img.transform((out_w, out_h), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    a = np.asarray(flat_img)
    l, t, r, b = trim_bezel(a)
    a = a[t:b, l:r]
    ev = Evidence(**{**ev.__dict__, "blur": blur_measure(Image.fromarray(a).convert("L"))})
    t2 = time.perf_counter()
    kind = screen_kind(a)
    if light:
        a = even_light(a)
    out = Image.fromarray(a)
    if denoise:
        out = out.filter(ImageFilter.MedianFilter(3))
    if sharpen:
        out = out.filter(ImageFilter.UnsharpMask(radius=2, percent=120, threshold=2))
    t3 = time.perf_counter()
    timings = {"detect": (t1 - t0) * 1000, "rectify": (t2 - t1) * 1000, "enhance": (t3 - t2) * 1000}
    return ScreenPhoto(out, corners, ev, coeffs, (l, t), timings, kind)
