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

    def to_source(self, mosaic: tr.Mosaic, box: Box) -> tuple[Box, int] | None:
        """Mosaic box -> (box in the upright received image, fragment index), or None."""
        mapped = mosaic.to_source(box)
        if mapped is None:
            return None
        (x, y, w, h), placement = mapped
        if self.angle:
            cx, cy = ip.rotate_point(x + w / 2, y + h / 2, self.angle, self.size, self.processed)
            x, y = round(cx - w / 2), round(cy - h / 2)
        x = max(0, min(x, self.size[0] - 1))
        y = max(0, min(y, self.size[1] - 1))
        return (x, y, max(1, min(w, self.size[0] - x)), max(1, min(h, self.size[1] - y))), placement.index


def prepare(image: Image.Image, opts: PrepOptions = PrepOptions(), kind: str | None = None) -> Prepared:
    t: dict[str, float] = {}
    t0 = time.perf_counter()
    feats = ip.features(image)
    kind = kind or ip.classify(feats)
    t1 = time.perf_counter()
    t["classify"] = (t1 - t0) * 1000
    gray = np.asarray(image.convert("L"))
    norm = ip.normalize(gray)
    g = norm.gray
    mask = tr.ink_mask(g, opts.ink_threshold)
    angle = 0.0
    if kind in opts.deskew_kinds and mask.any():
        angle = ip.estimate_skew(mask)
        if abs(angle) >= 0.3:
            g = ip.deskew(g, angle)
            mask = tr.ink_mask(g, opts.ink_threshold)
        else:
            angle = 0.0
    t2 = time.perf_counter()
    t["normalize"] = (t2 - t1) * 1000
    frags, frames = tr.find_fragments(mask)
    frags = tr.drop_specks(frags)
    mosaics = tr.pack(tr.erase(g, frames), frags, opts.groups, opts.target_line, opts.max_scale)
    t["regions"] = (time.perf_counter() - t2) * 1000
    h, w = g.shape
    return Prepared(kind, feats, mosaics, frags, image.size, (w, h), angle, norm.inverted_fraction, t)
