"""Each recogniser alone on the third-party screenshots' expected error lines, beside the pipeline.

For every expected error line of a half (`tests/fixtures/screens/third_party/`), the row of the
ticket's OCR words nearest to it is cut from the received image by the words' boxes (a margin of
0.3 line heights) and read alone by: Tesseract `--psm 7` on the grey crop at ×3 (inverted when
dark), the bundled PP-OCRv4 line recogniser, and, with `--model`, another PP-OCR-format one. A
reading counts as exact when the expected line is inside it word for word (quotes straightened,
spaces collapsed), as `bench/screenshots.py` compares. The pipeline column says whether the
ticket's error messages had the line. The held-out half prints counts only.

    OMP_THREAD_LIMIT=1 .venv/bin/python bench/line_readers.py [--half dev|held-out] [--model PATH.onnx]
"""
from __future__ import annotations

import argparse
import asyncio
import io
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import pytesseract  # noqa: E402
from PIL import Image, ImageOps  # noqa: E402

from agent.config import Config  # noqa: E402
from agent.tickets.pipeline import analyze_screenshot  # noqa: E402
from models.line_reader import CtcLineReader, bundled_model_path  # noqa: E402
from models.ocr import TesseractOCR  # noqa: E402
from tests import real_screens as rs  # noqa: E402
from tests.images import substring_distance  # noqa: E402


def rows(words: list[dict]) -> list[dict]:
    """The ticket's OCR words grouped into rows by their vertical centres."""
    out: list[dict] = []
    for w in sorted(words, key=lambda w: w["box"][1] + w["box"][3] / 2):
        x, y, bw, bh = w["box"]
        cy = y + bh / 2
        row = next((r for r in out if abs(r["cy"] - cy) < 0.5 * max(r["h"], bh)), None)
        if row is None:
            out.append({"cy": cy, "h": bh, "words": [w]})
        else:
            row["words"].append(w)
    for r in out:
        r["words"].sort(key=lambda w: w["box"][0])
        r["text"] = " ".join(w["text"] for w in r["words"])
    return out


def distance(want: str, got: str) -> int:
    w, g = rs.norm_line(want), rs.norm_line(got)
    return substring_distance(w, g) + max(0, len(w) - len(g))


def crop_of(row: dict, image: Image.Image) -> Image.Image:
    x0 = min(w["box"][0] for w in row["words"])
    y0 = min(w["box"][1] for w in row["words"])
    x1 = max(w["box"][0] + w["box"][2] for w in row["words"])
    y1 = max(w["box"][1] + w["box"][3] for w in row["words"])
    pad = max(2, int(0.3 * (y1 - y0)))
    return image.crop((max(0, x0 - pad), max(0, y0 - pad), min(image.width, x1 + pad), min(image.height, y1 + pad)))


def tesseract_line(crop: Image.Image) -> str:
    grey = ImageOps.grayscale(crop)
    if statistics.mean(grey.getdata()) < 128:
        grey = ImageOps.invert(grey)
    return pytesseract.image_to_string(grey.resize((grey.width * 3, grey.height * 3), Image.LANCZOS), config="--psm 7").strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("dev", "held-out"), default="dev")
    ap.add_argument("--model", default="", help="another PP-OCR-format line recogniser (.onnx, its dictionary beside it as .txt)")
    args = ap.parse_args()
    readers = {"pp-ocrv4": CtcLineReader(bundled_model_path())} if bundled_model_path() else {}
    if args.model:
        readers[Path(args.model).stem] = CtcLineReader(args.model)
    config, ocr = Config(tickets_db=":memory:"), TesseractOCR()
    exact: dict[str, list[bool]] = {k: [] for k in ("pipeline", "tesseract psm 7 x3", *readers)}
    for screen in rs.load_third_party():
        if screen.held_out != (args.half == "held-out") or not screen.expect:
            continue
        ticket = asyncio.run(analyze_screenshot(screen.data, screen.content_type, ocr=ocr, llm=None, config=config))
        image = Image.open(io.BytesIO(screen.data)).convert("RGB")
        found = rows(ticket["ocr"]["words"])
        for want in screen.expect:
            readings = {}
            if found:
                crop = crop_of(min(found, key=lambda r: distance(want, r["text"])), image)
                readings = {"tesseract psm 7 x3": tesseract_line(crop), **{k: r.read(crop) for k, r in readers.items()}}
            exact["pipeline"].append(rs.exact_found(want, ticket["error_messages"]))
            for k in exact.keys() - {"pipeline"}:
                exact[k].append(k in readings and distance(want, readings[k]) == 0)
            if args.half == "dev":
                print(f"{screen.name[:36]:36} " + "  ".join(f"{k}={'ok' if v[-1] else '--'}" for k, v in exact.items()))
    n = len(exact["pipeline"])
    print(f"\n{args.half} half, {n} expected error lines, exact:")
    for k, v in exact.items():
        print(f"  {k:22} {sum(v)}/{n}")
    alone = [k for k in exact if k != "pipeline"]
    print(f"  {'any recogniser alone':22} {sum(any(exact[k][i] for k in alone) for i in range(n))}/{n}")
    print(f"  {'pipeline or any':22} {sum(any(exact[k][i] for k in exact) for i in range(n))}/{n}")


if __name__ == "__main__":
    main()
