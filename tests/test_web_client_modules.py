"""The web client's browser-free modules, under Node's own test runner (tests/web/*.test.mjs)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT


def test_web_client_modules_pass_their_node_tests():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (the browser tests still drive the whole client in Chromium)")
    run = subprocess.run([node, "--test", *sorted(str(p) for p in (ROOT / "tests" / "web").glob("*.test.mjs"))],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
