"""The shape of one glyph, where OCR's language model picks the wrong one of two look-alikes.

Tesseract reads a lower-case `l` at the start of a word in monospace text as a capital `L`
(`Line 43` in a Python traceback, `Lib/mix/tasks`, `Linux-image-generic`, `(Link)`): in those
fonts the `l` has a foot, and its model prefers a capitalised word. The glyph tells them
apart: a capital L's foot runs well to the right of its stem (0.56-0.80 of a character cell on
the third-party dev captures), an `l`'s foot or tail at most a third of a cell (0.00-0.35).
"""
from __future__ import annotations

import numpy as np

CAPITAL_FOOT = 0.45  # a foot reaching this share of a cell right of the stem is a capital L's


def foot_reach(cell: np.ndarray, dark: int = 128) -> float | None:
    """How far (in cells) the glyph's bottom stroke reaches right of its stem: `cell` is one
    character cell of dark-on-light text (grey levels). None where the cell holds no glyph
    of stem-and-foot shape (too little ink, or too short to tell)."""
    ink = cell < dark
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size < 6 or cell.shape[1] < 4:
        return None
    top, bottom = int(rows[0]), int(rows[-1])
    height = bottom - top + 1
    foot = np.flatnonzero(ink[bottom - max(1, height // 6) + 1: bottom + 1].any(axis=0))
    stem = np.flatnonzero(ink[top + height // 3: top + 2 * height // 3].any(axis=0))
    if foot.size == 0 or stem.size == 0:
        return None
    return float(foot[-1] - stem[-1]) / cell.shape[1]


def is_lower_l(cell: np.ndarray) -> bool:
    """The glyph in `cell` is a lower-case l (its foot stays near its stem), not a capital L."""
    reach = foot_reach(cell)
    return reach is not None and reach < CAPITAL_FOOT
