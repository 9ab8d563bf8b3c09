"""OCR of prepared mosaics, in parallel Tesseract processes, mapped back to the screenshot.

Split from pipeline.py so the OCR step can be benchmarked and tested alone.
"""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

from PIL import Image

from media.ocr_prep import PrepOptions, Prepared, prepare
from models.ocr import OCRError, OCRTimeout, OcrResult, OcrWord, TesseractOCR, drop_noise, group_lines

# Shared by all requests; the runtime's `ocr_limit` semaphore bounds how many screenshots
# are read at once, and each screenshot uses at most `PrepOptions.groups` workers.
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="ocr")


def read_prepared(prep: Prepared, ocr: TesseractOCR, *, timeout_s: float = 10.0, psm: int = 6) -> OcrResult:
    """OCR every mosaic (one Tesseract process each, concurrently) and merge the words.

    A mosaic that fails or times out is skipped (its text is missing, `meta["failed"]` counts
    it); if all fail, the first error is raised.
    """
    t0 = time.perf_counter()
    deadline = t0 + timeout_s
    futures = [
        _POOL.submit(ocr.read, m.image, psm=psm, timeout_s=max(0.5, deadline - time.perf_counter()))
        for m in prep.mosaics
    ]
    words: list[OcrWord] = []
    errors: list[OCRError] = []
    for mosaic, fut in zip(prep.mosaics, futures):
        try:
            res = fut.result(timeout=max(0.5, deadline - time.perf_counter() + 1.0))
        except OCRError as exc:
            errors.append(exc)
            continue
        except TimeoutError:
            errors.append(OCRTimeout(f"OCR took longer than {timeout_s:g} s"))
            continue
        for w in res.words:
            mapped = prep.to_source(mosaic, w.box)
            if mapped is None:
                continue
            box, frag = mapped
            words.append(OcrWord(w.text, w.conf, box, frag * 1000 + w.block, w.par, w.line))
    if errors and len(errors) == len(prep.mosaics):
        raise errors[0]
    elapsed = (time.perf_counter() - t0) * 1000
    meta = {"mosaics": len(prep.mosaics), "failed": len(errors), "psm": psm}
    if errors:
        meta["error"] = errors[0].code
    w, h = prep.size
    words = drop_noise(group_lines(words))
    return OcrResult(tuple(words), tuple(group_lines(words)), w, h, elapsed, meta)


def read_screen(image: Image.Image, ocr: TesseractOCR, *, timeout_s: float = 10.0, opts: PrepOptions = PrepOptions()) -> tuple[Prepared, OcrResult]:
    """prepare + OCR, blocking (run it in a thread)."""
    prep = prepare(image, opts)
    if not prep.mosaics:
        w, h = prep.size
        return prep, OcrResult((), (), w, h, 0.0, {"mosaics": 0, "failed": 0})
    return prep, read_prepared(prep, ocr, timeout_s=timeout_s)
