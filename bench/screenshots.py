"""Screenshot -> ticket benchmark on real screenshots, with plain Tesseract in the same run.

    .venv/bin/python bench/screenshots.py [--runs 3] [--only SUBSTR] [--no-baseline] [--pillow] [--llm local]
    .venv/bin/python bench/screenshots.py --set third-party [--runs 1] [--reread on|off]

Images: `tests/real_screens.py` (real terminals under Xvfb, headless Chromium pages at device
scale 1 and 2 as PNG and JPEG q75, and the real images of `../shared/images-dev/`). Per image
kind it reports:

- exact error lines found in the ticket's `error_messages` (word for word, see
  `tests/real_screens.exact_found`), and for the baseline the same rules run on its lines;
- CER (each reference line aligned to its best match in the OCR text);
- token recall (reference word tokens found in the OCR text);
- latency: p50 per step (decode, prepare, ocr, extract, total) over `--runs` runs.

Baseline: the `tesseract` binary on the whole received image, `--psm 3`, nothing else.
`--set third-party` measures only the third-party set (`tests/fixtures/screens/third_party/`:
screenshots other people made, and camera-like renderings of some; see its SOURCES.md), reports
dev and held-out images separately and lists each expected error line the pipeline missed with
the OCR line nearest to it (tune on dev only).
`--pillow` runs the older Pillow-drawn set (tests/images.py) instead. The load average is
printed: on a shared machine compare the ratios inside one run, not absolute figures.
"""
from __future__ import annotations

import argparse
import asyncio
import difflib
import io
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from agent.config import Config  # noqa: E402
from agent.tickets.extract import extract  # noqa: E402
from agent.tickets.pipeline import analyze_screenshot  # noqa: E402
from models.ocr import TesseractOCR  # noqa: E402
from tests import real_screens as rs  # noqa: E402
from tests.images import substring_distance  # noqa: E402

STEPS = ("decode", "prepare", "ocr", "extract", "total")


def pct(values: list[float], q: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


@dataclass
class Score:
    found: int = 0  # expected error lines found exactly in error_messages
    expected: int = 0
    ocr_found: int = 0  # ... found exactly among the OCR lines (OCR right, rules aside)
    cer: float = 0.0
    recall: float = 0.0
    false_errors: int = 0  # not_errors lines listed as errors
    ms: list[float] = field(default_factory=list)
    steps: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # the lines called errors (for the list of misses)


def score(screen: rs.RealScreen, lines: list[str], errors: list[str]) -> Score:
    text = "\n".join(lines)
    s = Score(expected=len(screen.expect), cer=rs.cer(screen.reference, text), recall=rs.token_recall(screen.reference, text))
    s.found = sum(rs.exact_found(e, errors) for e in screen.expect)
    s.ocr_found = sum(rs.exact_found(e, lines) for e in screen.expect)
    s.false_errors = sum(rs.exact_found(n, errors) for n in screen.not_errors)
    s.errors = list(errors)
    return s


async def pipeline(screen: rs.RealScreen, ocr: TesseractOCR, config: Config, runs: int, llm=None) -> tuple[Score, dict]:
    ticket: dict = {}
    steps: dict[str, list[float]] = {k: [] for k in (*STEPS, "draft")}
    for _ in range(runs):
        ticket = await analyze_screenshot(screen.data, screen.content_type, ocr=ocr, llm=llm, config=config, llm_timeout_s=60)
        for k in steps:
            steps[k].append(float(ticket["timings"].get(k, 0.0)))
    s = score(screen, ticket["ocr"]["lines"], ticket["error_messages"])
    s.ms, s.steps = steps["total"], steps
    return s, ticket


def baseline(screen: rs.RealScreen, ocr: TesseractOCR, runs: int) -> Score:
    """Plain Tesseract: the decoded image as received, psm 3, then the same extraction rules."""
    times = []
    res = None
    for _ in range(runs):
        t0 = time.perf_counter()
        img = Image.open(io.BytesIO(screen.data))
        img.load()
        res = ocr.read(img.convert("RGB"), psm=3, timeout_s=120)
        times.append((time.perf_counter() - t0) * 1000)
    lines = [ln.text for ln in res.lines]
    s = score(screen, lines, extract(lines).error_messages)
    s.ms = times
    return s


def _fmt_found(found: int, expected: int) -> str:
    return f"{found}/{expected}" if expected else "-"


async def run_real(args: argparse.Namespace) -> None:
    ocr = TesseractOCR()
    config = Config(tickets_db=":memory:", **({"ocr_reread_error_lines": args.reread == "on"} if args.reread else {}),
                    **({"ocr_lift_faint": args.lift_faint == "on"} if args.lift_faint else {}),
                    **({"ocr_line_model": args.line_model} if args.line_model else {}))
    third_party = args.set == "third-party"
    pool = rs.load_third_party() if third_party else rs.load()
    screens = [s for s in pool if not args.only or any(p in s.name for p in args.only.split(","))]
    llm = None
    if args.llm:  # the LLM's draft time per image (slow on 2 cores; accuracy figures do not change)
        from models.llm import build_chat

        llm = build_chat([args.llm])
        await llm.warm()
    print(f"tesseract {ocr.version()}, {os.cpu_count()} CPUs, load average before: {os.getloadavg()[0]:.2f}")
    what = (f"third-party images ({sum(s.held_out for s in screens)} held out, marked H)" if third_party else "real images")
    print(f"{len(screens)} {what}; {args.runs} runs each (p50 reported); baseline: tesseract --psm 3 on the whole image\n")
    hdr = (f"{'image':52} {'kind':8} {'size':>9} {'err found':>9} {'base':>5} {'ocr':>4} {'CER':>6} {'base':>6} "
           f"{'recall':>6} {'base':>6} {'ms p50':>7} {'base':>6}  steps p50 (prepare/ocr)")
    print(hdr)
    print("-" * len(hdr))
    rows: list[tuple[rs.RealScreen, Score, Score | None]] = []
    tickets: dict[str, dict] = {}
    await pipeline(screens[0], ocr, config, 1)  # warm-up
    for screen in screens:
        p, ticket = await pipeline(screen, ocr, config, args.runs, llm)
        b = None if args.no_baseline else baseline(screen, ocr, max(1, args.runs // 2))
        rows.append((screen, p, b))
        tickets[screen.name] = ticket
        size = f"{ticket['image']['received']['width']}x{ticket['image']['received']['height']}"
        print(f"{screen.name[:52]:52} {screen.kind:8} {size:>9} {_fmt_found(p.found, p.expected):>9} "
              f"{_fmt_found(b.found, b.expected) if b else '':>5} {_fmt_found(p.ocr_found, p.expected):>4} {p.cer:6.3f} "
              f"{b.cer if b else float('nan'):6.3f} {p.recall:6.3f} {b.recall if b else float('nan'):6.3f} "
              f"{pct(p.ms, 0.5):7.0f} {pct(b.ms, 0.5) if b else float('nan'):6.0f}  "
              f"{pct(p.steps['prepare'], 0.5):.0f}/{pct(p.steps['ocr'], 0.5):.0f}"
              + (f" draft {pct(p.steps['draft'], 0.5):.0f}" if llm else "")
              + (f"  FALSE ERROR x{p.false_errors}" if p.false_errors else "")
              + ("  H" if third_party and screen.held_out else ""), flush=True)
        if args.verbose and p.found < p.expected and (args.held_out_misses or not screen.held_out):
            print("      expected:", screen.expect, "\n      got:", ticket["error_messages"][:6])
    print(f"\nper kind (pipeline vs plain tesseract psm 3); load average after: {os.getloadavg()[0]:.2f}\n")
    _kind_table(rows)
    if third_party:
        for label, half in (("dev", False), ("held-out", True)):
            sub = [r for r in rows if r[0].held_out == half]
            if sub:
                print(f"\n{label} half ({len(sub)} images):")
                _kind_table(sub)
        _miss_reasons(rows, tickets)
        _misses([r for r in rows if args.held_out_misses or not r[0].held_out], tickets)
    print("\nper kind, p50 of each step over the images' p50s (ms):")
    for kind in ("terminal", "ui", "document"):
        sub = [p for s, p, _ in rows if s.kind == kind]
        if sub:
            print(f"  {kind:10} " + "  ".join(f"{k} {statistics.median(pct(p.steps[k], 0.5) for p in sub):.0f}" for k in STEPS))
    big = [pct(p.ms, 0.5) for s, p, _ in rows if "_x2" in s.name or s.path.stat().st_size > 400_000]
    if big:
        print(f"\ndevice-scale-2 and large images: p50 {statistics.median(big):.0f} ms, max {max(big):.0f} ms (n={len(big)})")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if llm is not None:
        await llm.aclose()


def _kind_table(rows: list[tuple[rs.RealScreen, Score, Score | None]]) -> None:
    print(f"{'kind':10} {'n':>3} {'exact err lines':>16} {'base':>9} {'images all found':>17} {'CER':>6} {'base':>6} "
          f"{'recall':>6} {'base':>6} {'p50 ms':>7} {'base':>6} {'max ms':>7} {'false err':>9}")
    for kind in ("terminal", "ui", "document"):
        sub = [r for r in rows if r[0].kind == kind]
        if not sub:
            continue
        exp = sum(p.expected for _, p, _ in sub)
        found = sum(p.found for _, p, _ in sub)
        bfound = sum(b.found for _, _, b in sub if b)
        with_exp = [(p, b) for _, p, b in sub if p.expected]
        all_found = sum(p.found == p.expected for p, _ in with_exp)
        ms = [pct(p.ms, 0.5) for _, p, _ in sub]
        bms = [pct(b.ms, 0.5) for _, _, b in sub if b]
        mean = statistics.fmean
        print(f"{kind:10} {len(sub):3} {found:>5}/{exp:<3} {found / max(1, exp):6.0%} {bfound:>3}/{exp:<3} "
              f"{all_found:>8}/{len(with_exp):<3} {all_found / max(1, len(with_exp)):5.0%} "
              f"{mean(p.cer for _, p, _ in sub):6.3f} {mean(b.cer for _, _, b in sub if b) if bms else float('nan'):6.3f} "
              f"{mean(p.recall for _, p, _ in sub):6.3f} {mean(b.recall for _, _, b in sub if b) if bms else float('nan'):6.3f} "
              f"{statistics.median(ms):7.0f} {statistics.median(bms) if bms else float('nan'):6.0f} {max(ms):7.0f} "
              f"{sum(p.false_errors for _, p, _ in sub):9}")


def _nearest(line: str, candidates: list[str]) -> str:
    want = rs.norm_line(line)
    best = max(candidates, key=lambda c: difflib.SequenceMatcher(None, want, rs.norm_line(c)).ratio(), default="")
    return best


def _misses(rows: list[tuple[rs.RealScreen, Score, Score | None]], tickets: dict[str, dict]) -> None:
    """Each expected error line the pipeline did not put in error_messages word for word, with what it read."""
    print("\nexpected error lines missed by the pipeline (H = held out, listed only with --held-out-misses): "
          "nearest OCR line / nearest error_messages entry")
    n = 0
    for screen, p, b in rows:
        ticket = tickets[screen.name]
        lines, errors = ticket["ocr"]["lines"], ticket["error_messages"]
        for want in screen.expect:
            if rs.exact_found(want, errors):
                continue
            n += 1
            where = "in OCR lines, not called an error" if rs.exact_found(want, lines) else "not read word for word"
            base = "" if b is None else "; plain tesseract " + ("found it" if rs.exact_found(want, b.errors) else "missed it too")
            print(f"- {screen.name}{' H' if screen.held_out else ''}: {where}{base}")
            print(f"    expected: {want}")
            print(f"    OCR:      {_nearest(want, lines)}")
            print(f"    errors:   {_nearest(want, errors) if errors else '(none)'}")
    print(f"{n} missed")


MISS_REASONS = (
    "read exactly, not called an error",
    "read exactly inside a longer line",
    "read 1-2 characters off",
    "read 3+ characters off (70 % or more right)",
    "not read (less than 70 % right)",
)


def miss_reason(want: str, lines: list[str]) -> str:
    """Why an expected error line is not in error_messages, from the OCR lines alone: a count per
    reason says where the loss is (rules, layout, reading) without showing any line."""
    if rs.exact_found(want, lines):
        return MISS_REASONS[0]
    w = rs.norm_line(want)
    best = min((substring_distance(w, rs.norm_line(x)) + max(0, len(w) - len(rs.norm_line(x))) for x in lines), default=len(w))
    if best == 0:
        return MISS_REASONS[1]
    if best <= 2:
        return MISS_REASONS[2]
    return MISS_REASONS[3] if best <= 0.3 * len(w) else MISS_REASONS[4]


def _miss_reasons(rows: list[tuple[rs.RealScreen, Score, Score | None]], tickets: dict[str, dict]) -> None:
    """Missed expected lines per reason, for each half: counts only (held-out lines stay unseen)."""
    print("\nmissed expected error lines by reason (counts only):")
    print(f"  {'reason':46} {'dev':>4} {'held':>5}")
    counts = {(r, h): 0 for r in MISS_REASONS for h in (False, True)}
    for screen, _, _ in rows:
        ticket = tickets[screen.name]
        for want in screen.expect:
            if not rs.exact_found(want, ticket["error_messages"]):
                counts[(miss_reason(want, ticket["ocr"]["lines"]), screen.held_out)] += 1
    for r in MISS_REASONS:
        print(f"  {r:46} {counts[(r, False)]:>4} {counts[(r, True)]:>5}")


async def run_pillow(args: argparse.Namespace) -> None:
    """The older, secondary set: images drawn with Pillow (exact ground truth, clean fonts)."""
    from tests import images

    ocr = TesseractOCR()
    config = Config(tickets_db=":memory:")
    print(f"Pillow-drawn set; load average before: {os.getloadavg()[0]:.2f}")
    for r in images.all_cases():
        t = await analyze_screenshot(r.png(), "image/png", ocr=ocr, llm=None, config=config)
        times = []
        for _ in range(args.runs):
            t = await analyze_screenshot(r.png(), "image/png", ocr=ocr, llm=None, config=config)
            times.append(t["timings"]["total"])
        print(f"  {r.name:18} {t['image']['kind']:16} acc {images.char_accuracy(r.segments, t['ocr']['text']):.3f}  p50 {pct(times, 0.5):6.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default="", help="images whose name contains one of these (comma-separated)")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--pillow", action="store_true", help="the Pillow-drawn set instead of the real images")
    ap.add_argument("--set", default="real", choices=("real", "third-party"),
                    help="real: tests/real_screens.load() (default); third-party: only the third-party set, dev and held-out apart")
    ap.add_argument("--llm", default="", help='also draft with an LLM, e.g. "local" (slow on 2 cores)')
    ap.add_argument("--lift-faint", choices=("on", "off"), default="", help="ocr_lift_faint for this run (default: the Config default)")
    ap.add_argument("--reread", choices=("on", "off"), default="",
                    help="error lines read again and put to a vote (agent/tickets/error_line_reread.py); default: the Config default")
    ap.add_argument("--line-model", default="",
                    help='Config.ocr_line_model for this run: "off", or a PP-OCR-format .onnx recogniser (default: the bundled one)')
    ap.add_argument("--held-out-misses", action="store_true",
                    help="also list the held-out images' missed lines (off by default, so that a run does not show what to tune on)")
    ap.add_argument("-v", "--verbose", action="store_true", help="show what was found when an error line was missed")
    args = ap.parse_args()
    asyncio.run(run_pillow(args) if args.pillow else run_real(args))


if __name__ == "__main__":
    main()
