"""The second line recogniser (models/line_reader.py): PP-OCRv4's recogniser from the PyPI
package rapidocr-onnxruntime, on lines cut from real third-party captures (dev half)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from agent.config import Config
from agent.tickets.error_line_reread import source_crop
from agent.tickets.pipeline import image_steps
from models.line_reader import (
    CtcLineReader, LineReaderUnavailable, _charset, bundled_model_path, ctc_greedy, load_line_reader,
)
from models.ocr import TesseractOCR

THIRD_PARTY = Path(__file__).parent / "fixtures" / "screens" / "third_party"


@pytest.fixture(scope="module")
def reader() -> CtcLineReader:
    path = bundled_model_path()
    assert path is not None, "rapidocr-onnxruntime is not installed (scripts/setup.sh installs it --no-deps)"
    return CtcLineReader(path)


def _line(name: str, starts: str) -> tuple[Image.Image, object]:
    data = (THIRD_PARTY / name).read_bytes()
    decoded, _, _, result, _ = image_steps(data, None, ocr=TesseractOCR(), config=Config(tickets_db=":memory:", ocr_reread_error_lines=False))
    line = next(ln for ln in result.lines if ln.text.startswith(starts))
    return decoded.image.convert("RGB"), line


@pytest.mark.parametrize("name, starts, want, token", [
    # Tesseract reads this one right too: the reader agrees with it, word for word
    ("tp11_term_richclick_missing_argument.png", "Missing argument", "Missing argument 'INPUT'.", None),
    # Tesseract's first reading is `[83]`: this reader sees the zero (it drops an `r` of
    # "Error" in this crop, which is why it is one voter among several, never the reading)
    ("tp03_term_ariadne_incompatible_types.png", "[", None, "[03]"),
    # Tesseract's first reading is `-1t`
    ("tp25_term_shellcheck_emacs.png", '"<"', '"<" is for string comparisons. Use -lt .', "-lt"),
])
def test_a_real_line_is_read_in_its_own_colours(reader: CtcLineReader, name: str, starts: str, want: str | None, token: str | None) -> None:
    image, line = _line(name, starts)
    got = " ".join(reader.read(source_crop(line, image)).split())
    if want is not None:
        assert got == want
    if token is not None:
        assert token in got.split() and token not in line.text.split(), (got, line.text)


def test_an_empty_or_blank_image_reads_as_nothing(reader: CtcLineReader) -> None:
    assert reader.read(Image.new("RGB", (1, 40))) == ""
    assert reader.read(Image.new("RGB", (300, 40), "white")).strip() == ""


def test_a_very_long_line_is_bounded(reader: CtcLineReader) -> None:
    """A line 400 times as wide as it is tall is squeezed to MAX_WIDTH columns, not refused."""
    assert isinstance(reader.read(Image.new("L", (16000, 40), 255)), str)


def test_ctc_greedy_merges_repeats_and_drops_blanks() -> None:
    charset = ["<blank>", "a", "b", " "]
    assert ctc_greedy(np.array([0, 1, 1, 0, 1, 2, 2, 3, 0]), charset) == "aab "
    assert ctc_greedy(np.array([0, 0, 7]), charset) == ""  # a class past the set is dropped, not an IndexError


def test_the_setting(tmp_path: Path) -> None:
    assert load_line_reader("off") is None
    assert load_line_reader(str(tmp_path / "missing.onnx")) is None  # logged; the reader is optional
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"not a model")
    assert load_line_reader(str(junk)) is None
    with pytest.raises(LineReaderUnavailable, match="would not load"):
        CtcLineReader(junk)
    bundled = load_line_reader("")
    assert bundled is not None and bundled.path == bundled_model_path()
    assert load_line_reader("") is bundled  # loaded once


def test_a_character_set_comes_from_the_model_or_a_file_beside_it(tmp_path: Path) -> None:
    model = tmp_path / "rec.onnx"
    assert _charset({"character": "a\nb"}, model) == ["<blank>", "a", "b", " "]
    with pytest.raises(LineReaderUnavailable, match="no character set"):
        _charset({}, model)
    (tmp_path / "rec.txt").write_text("x\ny\n", encoding="utf-8")
    assert _charset({}, model) == ["<blank>", "x", "y", " "]
