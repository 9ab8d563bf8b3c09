"""Faint ink lifting (media/image_prep.lift_faint) and its guard (media/ocr_prep.lifted)."""
from dataclasses import replace

import numpy as np

from media import image_prep as ip
from media.ocr_prep import PrepOptions, lifted


def test_faint_stroke_becomes_black_and_black_text_stays():
    g = np.full((40, 80), 255, np.uint8)
    g[10:30, 10:12] = 200  # a dim grey stroke, far from any black ink
    g[10:30, 60:62] = 0  # black text
    out = ip.lift_faint(g)
    assert out[20, 10] < 30 and out[20, 60] == 0
    assert (out[:, 30:45] == 255).all()  # the background stays white


def test_background_noise_stays_light():
    rng = np.random.default_rng(0)
    g = (255 - rng.integers(0, 6, (40, 80))).astype(np.uint8)
    assert ip.lift_faint(g).min() > 220


def test_guard_skips_dithered_background_and_photos():
    g = np.full((100, 100), 255, np.uint8)
    g[::4, ::4] = 195  # a dithered background: specks just too light to be ink
    opts = replace(PrepOptions(), lift_faint=True)
    out, share = lifted(g, "terminal", opts)
    assert share == 0.0 and (out == g).all()
    faint = np.full((100, 100), 255, np.uint8)
    faint[40:60, 10:12] = 200  # a dim stroke: lifted on a screen, not on a photo
    assert lifted(faint, "terminal", opts)[1] > 0
    out, share = lifted(faint, "photo_of_screen", opts)
    assert share == 0.0 and (out == faint).all()
    assert ip.isolated_ink(g < 200).sum() == 25 * 25


def test_a_faint_prefix_is_read_when_the_screen_is_read_both_ways():
    """The real pipeline and Tesseract: a light-grey `file:line:` prefix before black text (as
    Go's test output shows it) is lost by the plain reading and read with ocr_lift_faint."""
    from PIL import Image, ImageDraw

    from agent.config import Config
    from agent.tickets.pipeline import image_steps
    from models.ocr import TesseractOCR

    from .images import font, to_bytes

    image = Image.new("RGB", (520, 110), "white")
    draw, mono = ImageDraw.Draw(image), font("mono", 16)
    lines = [("    is_test.go:39: ", "expected 3 but got 4"), ("    is_test.go:52: ", "unexpected nil error"),
             ("--- FAIL: ", "TestParse (0.00s)")]
    for i, (faint, black) in enumerate(lines):
        y = 20 + 28 * i
        draw.text((10, y), faint, fill=(185, 185, 185), font=mono)
        draw.text((10 + draw.textlength(faint, font=mono), y), black, fill="black", font=mono)
    data = to_bytes(image, "PNG")
    reads = {}
    for lift in (False, True):
        config = Config(tickets_db=":memory:", ocr_reread_error_lines=False, ocr_lift_faint=lift)
        _, _, _, result, timings = image_steps(data, None, ocr=TesseractOCR(), config=config)
        reads[lift] = (result.text, timings)
    assert "is_test.go:39" not in reads[False][0]
    assert "is_test.go:39" in reads[True][0] and "expected 3 but got 4" in reads[True][0]
    assert "lift" in reads[True][1] and "lift" not in reads[False][1]
