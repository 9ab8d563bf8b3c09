"""A lower-case l told from a capital L by its glyph (`media/glyph_shape.py`,
`agent/tickets/ocr_step.initial_l`): on glyph cells, then on real third-party captures (dev
half) where Tesseract read `Lib/` and kept `List`."""
from __future__ import annotations

import numpy as np
import pytest

from agent.config import Config
from agent.tickets.pipeline import analyze_screenshot
from media.glyph_shape import foot_reach, is_lower_l
from models.ocr import TesseractOCR

from . import real_screens as rs


def _cell(foot_to: int, width: int = 10, height: int = 20) -> np.ndarray:
    """A white cell with a 2 px stem at x 3-4 and a 2 px foot from x 3 to `foot_to`."""
    cell = np.full((height + 4, width), 255, dtype=np.uint8)
    cell[2:height + 2, 3:5] = 0
    cell[height:height + 2, 3:foot_to] = 0
    return cell


def test_a_foot_far_right_of_the_stem_is_a_capital_and_a_short_tail_is_not() -> None:
    assert foot_reach(_cell(foot_to=10)) == pytest.approx(0.5)
    assert not is_lower_l(_cell(foot_to=10))  # L
    assert is_lower_l(_cell(foot_to=7))  # l with a tail
    assert is_lower_l(_cell(foot_to=5))  # l, a plain stem
    assert foot_reach(np.full((20, 10), 255, dtype=np.uint8)) is None  # no glyph: no verdict


@pytest.fixture(scope="module")
def ocr() -> TesseractOCR:
    return TesseractOCR()


async def _lines(name: str, ocr: TesseractOCR) -> list[str]:
    screen = rs.by_name(name)
    assert not screen.held_out, name  # dev images only
    ticket = await analyze_screenshot(screen.data, screen.content_type, ocr=ocr, llm=None, config=Config(tickets_db=":memory:"))
    return ticket["ocr"]["lines"]


async def test_credo_paths_keep_their_lower_case_l(ocr: TesseractOCR) -> None:
    """credo's report (tp67): Tesseract reads every `lib/` as `Lib/`."""
    lines = await _lines("tp67_term_credo.png", ocr)
    assert "lib/my_project.ex:9:5 (MyProject.add)" in lines, lines
    assert not any(line.startswith("Lib/") for line in lines), lines


async def test_a_capital_l_stays_one(ocr: TesseractOCR) -> None:
    """Elm's naming error (tp23): `List.nap`, `List.map` keep their capital."""
    lines = await _lines("tp23_term_elm_naming_error.png", ocr)
    assert "List.map" in lines and any("`List.nap`" in line for line in lines), lines
