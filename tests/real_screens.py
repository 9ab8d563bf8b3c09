"""Real screenshots with references, and the scores used by tests and `bench/screenshots.py`.

Sources:

- `tests/fixtures/screens/`: terminals (xterm, urxvt under Xvfb, real failing commands) and
  web pages (headless Chromium, device scale 1 and 2, PNG and JPEG q75), made by
  `bench/capture_screens.py`; `manifest.json` lists each image's kind, reference text and the
  exact error lines a ticket must contain.
- `tests/fixtures/screens/dev/`: real images copied from `../shared/images-dev/` (a `rich`
  traceback, Word, two document scans), plus the Windows desktop read from
  `../shared/images-dev/` when that folder is there (it is 1.2 MB, so it is not copied).
- `tests/fixtures/screens/third_party/` (`load_third_party()`, not in `load()`): screenshots other
  people made (project READMEs and docs, licences in its `SOURCES.md`) and camera-like renderings
  of some of them; `manifest.json` gives kind, reference file, expected error lines and
  `held_out` (half the set, alternating by collection order: do not tune on those).

"Exact" error line: the line on the screen, word for word, compared after collapsing runs of
spaces and straightening typographic quotes (OCR cannot count spaces, and a curly quote read
as a straight one is the same text to a reader).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .images import substring_distance

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "screens"
SHARED_DEV = ROOT.parent / "shared" / "images-dev"
THIRD_PARTY = FIXTURES / "third_party"

# the five shared real images: file stem -> (kind, expected exact error lines)
DEV_IMAGES = {
    "i08_terminal_rich_python_traceback": ("terminal", ["ZeroDivisionError: division by zero"]),
    "i12_ui_windows11_desktop": ("ui", []),
    "i13_ui_word_blank_document": ("ui", []),
    "i03_doc_unlv_magazine_scan_8087_054": ("document", []),
    "i05_doc_typewriter_dutch_recipe": ("document", []),
}


@dataclass(frozen=True)
class RealScreen:
    name: str
    path: Path
    kind: str  # terminal | ui | document
    source: str
    reference: list[str]  # reference text lines (labels and comments removed)
    expect: list[str] = field(default_factory=list)  # exact error lines
    not_errors: list[str] = field(default_factory=list)  # lines that must not be called errors
    held_out: bool = False  # third-party hold-out half: measure, never tune on it

    @property
    def data(self) -> bytes:
        return self.path.read_bytes()

    @property
    def content_type(self) -> str:
        return "image/jpeg" if self.path.suffix.lower() in (".jpg", ".jpeg") else "image/png"


def _reference(path: Path, labelled: bool) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if labelled and re.match(r"^[a-z][a-z ]{1,30}: ", line):
            line = line.split(": ", 1)[1]
        out.append(line)
    return out


def load(include_shared: bool = True) -> list[RealScreen]:
    """Every real screenshot with a reference, captured ones first."""
    out: list[RealScreen] = []
    manifest = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))
    for e in manifest["images"]:
        out.append(RealScreen(e["file"], FIXTURES / e["file"], e["kind"],
                              e["source"], _reference(FIXTURES / e["reference"], False), e["expect"], e.get("not_errors", [])))
    for stem, (kind, expect) in DEV_IMAGES.items():
        local, shared = FIXTURES / "dev" / f"{stem}.png", SHARED_DEV / f"{stem}.png"
        path = local if local.exists() else shared
        if not path.exists() or not (include_shared or path == local):
            continue
        gt = path.with_suffix(".gt.txt")
        out.append(RealScreen(stem, path, kind, "shared images-dev (real)", _reference(gt, kind == "ui"), expect))
    return out


def load_third_party() -> list[RealScreen]:
    """The third-party set (source "third-party", or "third-party (camera-like rendering)"), in collection order."""
    manifest = json.loads((THIRD_PARTY / "manifest.json").read_text(encoding="utf-8"))
    return [RealScreen(e["file"], THIRD_PARTY / e["file"], e["kind"], e["source"],
                       _reference(THIRD_PARTY / e["reference"], e["kind"] == "ui"), e["expect"], e.get("not_errors", []),
                       held_out=e["held_out"]) for e in manifest["images"]]


def by_name(name: str) -> RealScreen:
    for s in load():
        if s.name == name:
            return s
    for s in load_third_party():
        if s.name == name:
            return s
    raise KeyError(name)


# --- scores --------------------------------------------------------------------------------

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'", "´": "'"})


def norm_line(s: str) -> str:
    return " ".join(s.translate(_QUOTES).split())


def exact_found(expected: str, lines: list[str]) -> bool:
    """The expected error line is one of `lines`, word for word (see the module doc)."""
    want = norm_line(expected)
    return any(norm_line(x) == want for x in lines)


def cer(reference: list[str], ocr_text: str) -> float:
    """Character error rate: each reference line aligned to its best match in the OCR text
    (reading-order free; a missing line costs its full length)."""
    hay = norm_line(ocr_text.replace("\n", " \u2029 "))
    total = dist = 0
    for line in reference:
        seg = norm_line(line)
        if not seg:
            continue
        total += len(seg)
        dist += min(len(seg), substring_distance(seg, hay))
    return dist / max(1, total)


_TOKEN = re.compile(r"[0-9A-Za-zÀ-ÿ]+")


def tokens(text: str) -> Counter:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def token_recall(reference: list[str], ocr_text: str) -> float:
    """Share of the reference's word tokens (letters and digits, case-folded) found in the OCR text, with multiplicity."""
    ref = tokens("\n".join(reference))
    got = tokens(ocr_text)
    total = sum(ref.values())
    return sum(min(n, got[t]) for t, n in ref.items()) / max(1, total)
