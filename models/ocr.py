"""Tesseract OCR adapter: word boxes, confidences and reconstructed text lines.

`TesseractOCR.read()` is blocking (it runs the `tesseract` binary as a subprocess through
pytesseract); callers run it in a worker thread. Several reads can run at once: each is its
own process, so two threads keep two cores busy. Never imports `agent`.
"""
from __future__ import annotations

import os

import pytesseract.pytesseract as _pt_module

from models.openmp_env import TESSERACT_THREADS

# Tesseract's default OpenMP threading is 2-4x slower on small CPUs: one thread per process,
# and we run processes in parallel instead. Set for the tesseract subprocess only: in
# *this* process OMP_THREAD_LIMIT would cap the models' OpenMP pools (models/openmp_env.py).
_base_subprocess_args = _pt_module.subprocess_args


def _tesseract_env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": os.environ.get(TESSERACT_THREADS, "1")}


def _tesseract_subprocess_args(include_stdout: bool = True) -> dict:
    kwargs = _base_subprocess_args(include_stdout)
    kwargs["env"] = _tesseract_env()
    return kwargs


_pt_module.subprocess_args = _tesseract_subprocess_args

import io
import shutil
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from PIL import Image

APT_HINT = "install the Debian package tesseract-ocr: `apt-get install -y tesseract-ocr`"

Box = tuple[int, int, int, int]  # x, y, w, h in pixels


class OCRError(RuntimeError):
    """OCR could not run or did not finish."""

    code = "ocr_failed"
    hint = ""


class OCRUnavailable(OCRError):
    """The tesseract binary (or its English data) is missing."""

    code = "ocr_unavailable"
    hint = APT_HINT


class OCRTimeout(OCRError):
    code = "ocr_timeout"
    hint = "try a smaller crop of the screenshot"


@dataclass(frozen=True)
class OcrWord:
    text: str
    conf: float  # 0..100
    box: Box
    block: int = 0
    par: int = 0
    line: int = 0

    def as_dict(self) -> dict:
        return {"text": self.text, "conf": round(self.conf, 1), "box": list(self.box)}


@dataclass(frozen=True)
class OcrLine:
    text: str
    conf: float  # mean of its words' confidences
    box: Box
    words: tuple[OcrWord, ...] = ()


@dataclass(frozen=True)
class OcrResult:
    words: tuple[OcrWord, ...]
    lines: tuple[OcrLine, ...]
    width: int = 0
    height: int = 0
    elapsed_ms: float = 0.0
    meta: dict = field(default_factory=dict, compare=False)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def mean_confidence(self) -> float:
        """Character-weighted mean word confidence (0..100); 0 when nothing was read."""
        total = sum(len(w.text) for w in self.words)
        if not total:
            return 0.0
        return sum(w.conf * len(w.text) for w in self.words) / total


# --- line reconstruction -----------------------------------------------------------------


def union_box(boxes: Iterable[Box]) -> Box:
    boxes = list(boxes)
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[0] + b[2] for b in boxes)
    y1 = max(b[1] + b[3] for b in boxes)
    return (x0, y0, x1 - x0, y1 - y0)


_TRAILING_MARK = frozenset(".,:;!?)]}'\"")


def _join(words: Sequence[OcrWord]) -> str:
    """Words joined by spaces, except that a lone closing mark ("." "," ":" ...) that Tesseract
    split off a word it nearly touches (monospace cells leave a gap) joins that word."""
    out = ""
    prev: OcrWord | None = None
    for w in words:
        if prev is not None:
            out += "" if _glued_mark(prev, w) or _split_at_hyphen(prev, w) or _split_at_dot(prev, w) else " "
        out += w.text
        prev = w
    return out


def _glued_mark(prev: OcrWord, w: OcrWord) -> bool:
    """`w` is a closing mark ("." "," ":" ...) nearly touching the word before it: the end of
    that word that Tesseract split off (monospace cells leave a gap), not icon noise."""
    gap = w.box[0] - (prev.box[0] + prev.box[2])
    return len(w.text) <= 2 and all(ch in _TRAILING_MARK for ch in w.text) and gap <= 0.6 * max(prev.box[3], w.box[3])


def _split_at_hyphen(prev: OcrWord, w: OcrWord) -> bool:
    """One word that Tesseract split after a hyphen ("golangci-" "lint"): the gap is a glyph's
    side bearing, well under a character's width, where a space is one character or more."""
    if len(prev.text) < 3 or not prev.text.endswith("-") or not prev.text[-2].isalnum() or not w.text[:1].isalnum():
        return False
    gap = w.box[0] - (prev.box[0] + prev.box[2])
    return gap <= 0.8 * prev.box[2] / len(prev.text)


def _split_at_dot(prev: OcrWord, w: OcrWord) -> bool:
    """One dotted name that Tesseract split before a dot ("requests" ".exceptions"): the gap
    is under a character's width (a dot's ink sits mid-cell: 0.6-0.9 of a character measured on
    tbvaccine's traceback), where a space and the dot's bearing make 1.2 or more."""
    if len(w.text) < 2 or w.text[0] != "." or not (w.text[1].isalpha() or w.text[1] == "_") or not prev.text[-1:].isalnum():
        return False
    gap = w.box[0] - (prev.box[0] + prev.box[2])
    return gap <= max(prev.box[2] / len(prev.text), w.box[2] / len(w.text))


def _make_line(words: Sequence[OcrWord]) -> OcrLine:
    words = sorted(words, key=lambda w: w.box[0])
    text = _join(words)
    conf = sum(w.conf for w in words) / len(words)
    return OcrLine(text=text, conf=conf, box=union_box(w.box for w in words), words=tuple(words))


def vertical_overlap(a: Box, b: Box) -> float:
    top = max(a[1], b[1])
    bottom = min(a[1] + a[3], b[1] + b[3])
    return max(0, bottom - top) / max(1, min(a[3], b[3]))


# A label and its value, aligned to a column further right ("Received message:   "…"", Jest's
# failure report; "Status:      Failed"): one line up to this many line heights apart.
LABEL_GAP = 2.5


def group_lines(words: Sequence[OcrWord], max_gap: float = 1.2) -> list[OcrLine]:
    """Text lines in reading order.

    Starts from Tesseract's own (block, paragraph, line) grouping, then joins pieces of the
    same visual line that Tesseract split (sparse-text mode splits at wide spaces) when the
    gap is at most `max_gap` x the line height (`LABEL_GAP` after a label ending in ":");
    wider gaps (table columns, a sidebar next to the page) stay separate lines. Lines are
    ordered top to bottom, then left to right.
    """
    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        groups.setdefault((w.block, w.par, w.line), []).append(w)
    lines = [_make_line(g) for g in groups.values()]
    lines.sort(key=lambda ln: (ln.box[0], ln.box[1]))
    merged = True
    while merged and len(lines) > 1:
        merged = False
        lines.sort(key=lambda ln: (ln.box[1] + ln.box[3] / 2, ln.box[0]))
        out: list[OcrLine] = []
        used = [False] * len(lines)
        for i, a in enumerate(lines):
            if used[i]:
                continue
            cur = a
            for j in range(i + 1, len(lines)):
                if used[j]:
                    continue
                b = lines[j]
                if b.box[1] > cur.box[1] + cur.box[3]:
                    break
                h = max(1, min(cur.box[3], b.box[3]))
                hmax = max(cur.box[3], b.box[3])
                if hmax > 2.2 * h:  # very different sizes: a heading beside body text
                    continue
                if vertical_overlap(cur.box, b.box) < 0.5:
                    continue
                left, right = (cur, b) if cur.box[0] <= b.box[0] else (b, cur)
                gap = right.box[0] - (left.box[0] + left.box[2])
                if -h <= gap <= (LABEL_GAP if left.text.endswith(":") else max_gap) * h:
                    cur = _make_line(cur.words + b.words)
                    used[j] = True
                    merged = True
            out.append(cur)
        lines = out
    return _reading_order(lines)


_JUNK = set("|!/\\_-—–~`'\".,:;()[]{}<>*+=^°«»“”‘’")


def _is_junk(w: OcrWord, max_conf: float = 60.0) -> bool:
    t = w.text
    if w.conf >= max_conf:
        return False
    return all(ch in _JUNK for ch in t) or len(t) <= 2


def drop_noise(lines: Sequence[OcrLine], max_conf: float = 60.0) -> list[OcrWord]:
    """Words of `lines` minus OCR noise: low-confidence 1-2 character or punctuation-only
    words at the ends of a line (icons, checkboxes, button frames read as text), and
    punctuation-only low-confidence words anywhere."""
    kept: list[OcrWord] = []
    for ln in lines:
        ws = list(ln.words)
        if len(ws) == 1 and len(ws[0].text) == 1 and not ws[0].text.isalnum():
            continue  # a lone symbol: an icon read as text
        while ws and _is_junk(ws[0], max_conf):
            ws.pop(0)
        while ws and _is_junk(ws[-1], max_conf) and not (len(ws) > 1 and _glued_mark(ws[-2], ws[-1])):
            ws.pop()
        kept += [w for k, w in enumerate(ws)
                 if not (w.conf < max_conf and all(ch in _JUNK for ch in w.text)) or (k and _glued_mark(ws[k - 1], w))]
    return kept


def _reading_order(lines: list[OcrLine]) -> list[OcrLine]:
    """Rows top to bottom (lines whose centres are within half a line height share a row), then x."""
    lines = sorted(lines, key=lambda ln: ln.box[1] + ln.box[3] / 2)
    rows: list[list[OcrLine]] = []
    for ln in lines:
        c = ln.box[1] + ln.box[3] / 2
        if rows:
            last = rows[-1]
            rc = statistics.fmean(x.box[1] + x.box[3] / 2 for x in last)
            rh = statistics.fmean(x.box[3] for x in last)
            if abs(c - rc) <= 0.5 * min(rh, ln.box[3]):
                last.append(ln)
                continue
        rows.append([ln])
    return [ln for row in rows for ln in sorted(row, key=lambda x: x.box[0])]


def merge_results(parts: Sequence[tuple[OcrResult, tuple[int, int], float]], width: int, height: int) -> OcrResult:
    """Join results read from crops back into one, in source-image coordinates.

    Each part is (result, (x0, y0) of the crop in the source, scale the crop was resized by).
    Block ids are renumbered so lines from different crops never merge by id.
    """
    words: list[OcrWord] = []
    elapsed = 0.0
    for k, (res, (ox, oy), scale) in enumerate(parts):
        elapsed += res.elapsed_ms
        for w in res.words:
            x, y, bw, bh = w.box
            box = (ox + round(x / scale), oy + round(y / scale), max(1, round(bw / scale)), max(1, round(bh / scale)))
            words.append(OcrWord(w.text, w.conf, box, k * 10000 + w.block, w.par, w.line))
    return OcrResult(tuple(words), tuple(group_lines(words)), width, height, elapsed, {"parts": len(parts)})


# --- the adapter -------------------------------------------------------------------------


def parse_tsv(tsv: str) -> list[OcrWord]:
    """Words from Tesseract's TSV output (level 5 rows with text and a confidence)."""
    words: list[OcrWord] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        try:
            conf = float(cols[10])
            box = (int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9]))
            block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
        except ValueError:
            continue
        if text and conf >= 0:
            words.append(OcrWord(text, conf, box, block, par, line))
    return words


class TesseractOCR:
    """Tesseract 5. `read()` blocks: run it in a thread; reads may run concurrently.

    The image goes to the `tesseract` binary on stdin (uncompressed PGM/PPM: no temporary
    files, ~1 ms to encode) and TSV comes back on stdout. pytesseract is used for the version
    check only: its own `image_to_data` keeps the binary path in a module global (two
    instances with different binaries would interfere) and writes temporary files.
    """

    def __init__(self, lang: str = "eng", cmd: str | None = None, oem: int = 1) -> None:
        self.lang = lang
        self.oem = oem
        self.cmd = cmd or shutil.which("tesseract") or "tesseract"
        self._version: str | None = None

    def check(self) -> str:
        """Raise OCRUnavailable unless the binary runs; return its version."""
        return self.version()

    def version(self) -> str:
        if self._version is None:
            if not shutil.which(self.cmd):
                raise OCRUnavailable(f"the tesseract binary was not found ({self.cmd!r})")
            try:
                out = subprocess.run([self.cmd, "--version"], capture_output=True, text=True, timeout=10, env=_tesseract_env())
            except (OSError, subprocess.SubprocessError) as exc:
                raise OCRUnavailable(f"tesseract would not start: {exc}") from exc
            first = (out.stdout or out.stderr).strip().splitlines()
            if out.returncode != 0 or not first or "tesseract" not in first[0].lower():
                raise OCRUnavailable(f"{self.cmd!r} --version did not answer like tesseract")
            self._version = first[0].split()[-1]
        return self._version

    def args(self, psm: int, sauvola: bool = False, extra: Sequence[str] = ()) -> list[str]:
        a = [self.cmd, "stdin", "stdout", "-l", self.lang, "--oem", str(self.oem), "--psm", str(psm)]
        if sauvola:
            a += ["-c", "thresholding_method=2"]
        return a + list(extra) + ["tsv"]

    def read(
        self, image: Image.Image, *, psm: int = 11, timeout_s: float = 10, sauvola: bool = False, extra: Sequence[str] = ()
    ) -> OcrResult:
        """OCR one image: words with boxes and confidences, lines in reading order.

        Always bounded by `timeout_s`: past it the process is killed and OCRTimeout raised.
        """
        if image.mode not in ("L", "RGB"):
            image = image.convert("RGB")
        buf = io.BytesIO()
        image.save(buf, format="PPM")
        t0 = time.perf_counter()
        words = parse_tsv(self.tsv(buf.getvalue(), psm=psm, timeout_s=timeout_s, sauvola=sauvola, extra=extra))
        elapsed = (time.perf_counter() - t0) * 1000
        return OcrResult(tuple(words), tuple(group_lines(words)), image.width, image.height, elapsed, {"psm": psm, "sauvola": sauvola})

    def tsv(self, data: bytes, *, psm: int, timeout_s: float = 10, sauvola: bool = False, extra: Sequence[str] = ()) -> str:
        """Tesseract's TSV for an encoded image on stdin (any format it reads, a multi-page TIFF
        too), bounded by `timeout_s`, with the same errors as `read()`. Blocking."""
        try:
            proc = subprocess.run(
                self.args(psm, sauvola, extra), input=data, capture_output=True,
                timeout=max(0.2, timeout_s), env=_tesseract_env(),
            )
        except FileNotFoundError as exc:
            raise OCRUnavailable(f"the tesseract binary was not found ({self.cmd!r})") from exc
        except PermissionError as exc:
            raise OCRUnavailable(f"the tesseract binary is not executable ({self.cmd!r})") from exc
        except subprocess.TimeoutExpired as exc:
            raise OCRTimeout(f"OCR took longer than {timeout_s:g} s") from exc
        except OSError as exc:
            raise OCRError(f"tesseract would not start: {exc}") from exc
        if proc.returncode != 0:
            err = proc.stderr.decode("utf-8", "replace")
            if "traineddata" in err or "Failed loading language" in err:
                raise OCRUnavailable(f"tesseract has no {self.lang!r} language data (tesseract-ocr-{self.lang})")
            raise OCRError(f"tesseract failed (exit {proc.returncode}): {err.strip()[-200:]}")
        return proc.stdout.decode("utf-8", "replace")
