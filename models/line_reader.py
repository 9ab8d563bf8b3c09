"""A second text recogniser for single lines: a CTC model in ONNX (PaddleOCR's PP-OCR format).

Tesseract's LSTM and PP-OCR's recogniser misread different characters: on the third-party
screenshots' dev half, Tesseract read `[83]` for `[03]` and `File` for `file` where PP-OCRv4
read them right, and PP-OCRv4 read `WsGl` for `WSGI` and `^perturb` for a backquoted name
where Tesseract was right. So this reader is one more voter when a ticket's error lines are
read again (`agent/tickets/error_line_reread.py`), never a reading on its own.

The model is a line image in (N×3×48×W, BGR scaled to [-1, 1]) and per-column class scores
out, decoded greedily (repeats merged, blanks dropped). Its character set is the model's own
metadata (`character`, one per line; PaddleOCR's exports carry it), else a text file named
beside it (`<model>.txt`); class 0 is the blank and the last class a space.

The default weights are PP-OCRv4's recogniser (Apache-2.0) as bundled in the PyPI package
`rapidocr-onnxruntime==1.4.4` (installed `--no-deps`: its code and OpenCV are not used, only
the model file is found in it, without importing it). Any model in the same format can be
named instead (`Config.ocr_line_model`), e.g. an English-only PP-OCR recogniser.

`read()` blocks (tens of milliseconds a line on one core): run it off the event loop.
Sessions are safe to use from several threads at once.
"""
from __future__ import annotations

import functools
import importlib.util
import logging
from pathlib import Path

import numpy as np
from PIL import Image

log = logging.getLogger(__name__)

BUNDLED_PACKAGE = "rapidocr_onnxruntime"
BUNDLED_MODEL = "models/ch_PP-OCRv4_rec_infer.onnx"
HEIGHT = 48
MAX_WIDTH = 2400  # a line wider than 50 times its height is squeezed to this (bounds the work)


class LineReaderUnavailable(RuntimeError):
    """No model file, or one that does not load or has no character set."""


def bundled_model_path() -> Path | None:
    """The PP-OCRv4 recogniser from the installed `rapidocr-onnxruntime` package, or None."""
    try:
        spec = importlib.util.find_spec(BUNDLED_PACKAGE)  # finds the package without running it
    except (ImportError, ValueError):
        return None
    for root in (spec.submodule_search_locations or []) if spec else []:
        path = Path(root) / BUNDLED_MODEL
        if path.is_file():
            return path
    return None


class CtcLineReader:
    """One ONNX CTC line recogniser, loaded once."""

    def __init__(self, model_path: str | Path, *, threads: int = 1) -> None:
        try:
            import onnxruntime as ort
        except ImportError as exc:  # faster-whisper brings it; a trimmed install may not
            raise LineReaderUnavailable("onnxruntime is not installed") from exc
        path = Path(model_path)
        if not path.is_file():
            raise LineReaderUnavailable(f"no line-recogniser model at {path}")
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own untyped errors
            raise LineReaderUnavailable(f"{path.name} would not load: {exc}") from exc
        self.path = path
        self._input = self._session.get_inputs()[0].name
        self.charset = _charset(self._session.get_modelmeta().custom_metadata_map, path)

    def read(self, image: Image.Image) -> str:
        """The text of a one-line image (any mode, any size); '' for an empty one."""
        if image.width < 2 or image.height < 2:
            return ""
        rgb = image.convert("RGB")
        width = min(MAX_WIDTH, max(HEIGHT // 4, round(rgb.width * HEIGHT / rgb.height)))
        pixels = np.asarray(rgb.resize((width, HEIGHT), Image.BICUBIC), dtype=np.float32)[:, :, ::-1]
        batch = ((pixels / 127.5) - 1.0).transpose(2, 0, 1)[None]
        scores = self._session.run(None, {self._input: np.ascontiguousarray(batch)})[0][0]
        return ctc_greedy(scores.argmax(axis=1), self.charset)


def ctc_greedy(classes: np.ndarray, charset: list[str]) -> str:
    """Classes per column -> text: a class repeated in neighbouring columns counts once, 0 is blank."""
    out, prev = [], 0
    for c in classes.tolist():
        if c != prev and 0 < c < len(charset):
            out.append(charset[c])
        prev = c
    return "".join(out)


def _charset(meta: dict[str, str], path: Path) -> list[str]:
    text = meta.get("character")
    if text is None:
        beside = path.with_suffix(".txt")
        if not beside.is_file():
            raise LineReaderUnavailable(f"{path.name} carries no character set and there is no {beside.name}")
        text = beside.read_text(encoding="utf-8")
    chars = text.splitlines()
    if not chars:
        raise LineReaderUnavailable(f"{path.name}: empty character set")
    return ["<blank>", *chars, " "]


@functools.lru_cache(maxsize=4)
def load_line_reader(setting: str) -> CtcLineReader | None:
    """`Config.ocr_line_model`: "" the bundled model when installed, "off" none, else a path.
    None (logged) where the model is missing or will not load: the reader is optional.
    Loaded once per setting (about 10 MB, 0.1 s)."""
    if setting.strip().lower() == "off":
        return None
    path = Path(setting).expanduser() if setting.strip() else bundled_model_path()
    if path is None:
        log.info("no second line recogniser: rapidocr-onnxruntime is not installed")
        return None
    try:
        return CtcLineReader(path)
    except LineReaderUnavailable as exc:
        log.warning("no second line recogniser: %s", exc)
        return None
