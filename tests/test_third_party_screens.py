"""The third-party screenshot set (tests/fixtures/screens/third_party/, issue 20 item 1) is
complete and honest: sources and licences recorded, sizes kept small, the hold-out half fixed by
collection order, and each expected error line really on the screen per its reference. No OCR
here; the measurement is `bench/screenshots.py --set third-party`."""
from __future__ import annotations

import json
from collections import Counter

from . import real_screens as rs

MANIFEST = json.loads((rs.THIRD_PARTY / "manifest.json").read_text(encoding="utf-8"))["images"]
SOURCES = (rs.THIRD_PARTY / "SOURCES.md").read_text(encoding="utf-8")


def test_size_mix_and_licences() -> None:
    screens = rs.load_third_party()
    assert len(screens) == len(MANIFEST) >= 40
    originals = [e for e in MANIFEST if not e.get("rendering_of")]
    kinds = Counter(e["kind"] for e in originals)
    assert sum(1 for e in originals if e["kind"] == "terminal" and e["expect"]) >= 20
    assert kinds["ui"] >= 12
    assert sum(1 for e in MANIFEST if e.get("rendering_of")) >= 8
    total = 0
    for e in MANIFEST:
        path = rs.THIRD_PARTY / e["file"]
        size = path.stat().st_size
        total += size
        assert size < 600_000, e["file"]
        assert e["repo"] and e["path"] and len(e["commit"]) == 40 and e["licence"], e["file"]
        row = next(line for line in SOURCES.splitlines() if f"| {e['file']} |" in line)
        assert e["repo"] in row and e["commit"][:12] in row and e["licence"] in row, e["file"]
    assert total < 12_000_000


def test_hold_out_is_every_second_image_in_collection_order() -> None:
    screens = rs.load_third_party()
    assert [s.held_out for s in screens] == [i % 2 == 1 for i in range(len(screens))]
    assert sum(s.held_out for s in screens) == len(screens) // 2
    by_file = {e["file"]: e for e in MANIFEST}
    for e in MANIFEST:  # a rendering never crosses the line between the halves
        if e.get("rendering_of"):
            assert by_file[e["rendering_of"]]["held_out"] == e["held_out"]
            assert by_file[e["rendering_of"]]["reference"] == e["reference"]


def test_expected_lines_are_on_the_screen() -> None:
    """Each expected line is a reference row, or rows the screen wrapped (joined without or with a
    space), or the message part of a row that also holds a gutter number, a ruler or a caret."""
    for s in rs.load_third_party():
        assert s.reference, s.name
        rows = [rs.norm_line(r) for r in s.reference]
        joined = [sep.join(rows[i:i + k]) for k in (2, 3, 4, 5, 8) for i in range(len(rows)) for sep in ("", " ")]
        for line in [*s.expect, *s.not_errors]:
            want = rs.norm_line(line)
            assert want in rows or want in joined or any(want in r for r in rows), (s.name, line)
