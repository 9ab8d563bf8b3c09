"""Screenshot -> ticket benchmark: latency per step and OCR character accuracy per image kind.

    .venv/bin/python bench/screenshots.py [--runs 7] [--baseline] [--llm local] [--target-line 26]

Images are rendered with Pillow (tests/images.py), so the ground truth is exactly what was
drawn. Accuracy = 1 - CER, each drawn text segment aligned to its best match in the OCR text
(reading-order independent; a missing segment costs its full length). Targets: p50 <= 1.5 s
end to end for a 1920x1080 screenshot on 2 cores; CER <= 5 % on clean UI and terminal.
`--baseline` also times plain Tesseract on the whole image (psm 3 and psm 11 + Sauvola).
The load average is printed: other work on the machine inflates every figure.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.config import Config  # noqa: E402
from agent.tickets.pipeline import analyze_screenshot  # noqa: E402
from media.ocr_prep import PrepOptions  # noqa: E402
from models.ocr import TesseractOCR  # noqa: E402
from tests import images  # noqa: E402

STEPS = ("decode", "prepare", "ocr", "extract", "draft", "total")


def cases() -> list[images.Rendered]:
    photo2 = images.photo_of_screen(images.terminal(), angle=-3.0, seed=5)
    photo2.name = "photo_terminal"
    return [
        images.error_dialog(),
        images.table(),
        images.terminal(),
        images.ui_1080p(False),
        images.ui_1080p(True),
        images.photo_of_screen(),
        photo2,
        images.document(),
    ]


def pct(values: list[float], q: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


async def run(args: argparse.Namespace) -> None:
    ocr = TesseractOCR()
    config = Config(tickets_db=":memory:")
    llm = None
    if args.llm:
        from models.llm import build_chat

        llm = build_chat([args.llm])
        await llm.warm()
    opts = PrepOptions(target_line=args.target_line, groups=args.groups)
    print(f"tesseract {ocr.version()}, {os.cpu_count()} CPUs, load average before: {os.getloadavg()[0]:.2f}")
    print(f"runs per image: {args.runs} (first run of each image dropped as warm-up), target line {args.target_line}px, {args.groups} OCR processes\n")
    rows = []
    by_kind: dict[str, list[float]] = {}
    for r in cases():
        data = r.png()
        per_step: dict[str, list[float]] = {s: [] for s in STEPS}
        acc = 0.0
        kind = "?"
        for i in range(args.runs + 1):
            t = await analyze_screenshot(data, "image/png", ocr=ocr, llm=llm, config=config, opts=opts, llm_timeout_s=60)
            if i == 0:
                acc = images.char_accuracy(r.segments, t["ocr"]["text"])
                kind = t["image"]["kind"]
                continue
            for s in STEPS:
                per_step[s].append(t["timings"].get(s, 0.0))
        by_kind.setdefault(kind, []).append(acc)
        rows.append((r.name, f"{r.image.width}x{r.image.height}", kind, acc, per_step))
    hdr = f"{'image':16} {'size':>9} {'kind':15} {'acc':>6} " + " ".join(f"{s + ' p50/p95':>15}" for s in STEPS)
    print(hdr)
    print("-" * len(hdr))
    for name, size, kind, acc, per in rows:
        cells = " ".join(f"{pct(per[s], 0.5):7.0f}/{pct(per[s], 0.95):<7.0f}" for s in STEPS)
        print(f"{name:16} {size:>9} {kind:15} {acc:6.3f} {cells}")
    print("\naccuracy (1 - CER) by detected kind:")
    for kind, accs in sorted(by_kind.items()):
        print(f"  {kind:16} mean {statistics.fmean(accs):.3f}  (n={len(accs)})")
    if args.baseline:
        print("\nbaseline: plain Tesseract on the whole grayscale image (ms, accuracy):")
        for r in cases():
            g = r.image.convert("L")
            out = []
            for psm, sauvola in ((3, False), (11, True)):
                times = []
                res = None
                for _ in range(max(1, args.runs // 2)):
                    t0 = time.perf_counter()
                    res = ocr.read(g, psm=psm, sauvola=sauvola, timeout_s=30)
                    times.append((time.perf_counter() - t0) * 1000)
                out.append(f"psm{psm}{'+sauvola' if sauvola else ''}: {statistics.median(times):6.0f} ms acc {images.char_accuracy(r.segments, res.text):.3f}")
            print(f"  {r.name:16} " + " | ".join(out))
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    if llm is not None:
        await llm.aclose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--llm", default="", help='also draft with an LLM, e.g. "local" (slow on 2 cores)')
    ap.add_argument("--target-line", type=float, default=PrepOptions().target_line)
    ap.add_argument("--groups", type=int, default=PrepOptions().groups)
    asyncio.run(run(ap.parse_args()))


if __name__ == "__main__":
    main()
