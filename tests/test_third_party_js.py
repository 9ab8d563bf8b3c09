"""OpenAI's Agents SDK for JavaScript (`@openai/agents-realtime`, its WebSocket transport,
under Node) against a live Parley, unchanged: a real spoken turn, a spoken request for a
function tool of the client's own, and a barge-in over a playing reply (issue 22, item 6).

The client is tests/clients/js/session.mjs; its packages are pinned in package-lock.json and
installed by `scripts/setup.sh test` (`npm ci`), since the tests run with loopback only. One
session runs for the module; each test asserts on one part of its summary (tests/clients/checks.py).
The summary, the client's stderr and every server event it received are kept in
test-artifacts/third_party_js/.

The SDK drops a server event that fails its own zod schema without a word (it becomes a
"generic" event), so session.mjs checks each one against that schema and reports the failures.
"""
from __future__ import annotations

import shutil
import subprocess
from typing import Any

import pytest
import pytest_asyncio

from .clients import checks
from .conftest import ARTIFACTS, ROOT

NODE = shutil.which("node")
JS_DIR = ROOT / "tests" / "clients" / "js"
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed (the JS Agents SDK runs under Node >= 20)")


def _ensure_node_modules() -> None:
    if (JS_DIR / "node_modules" / "@openai" / "agents-realtime").is_dir():
        return
    npm = shutil.which("npm")
    r = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=JS_DIR, capture_output=True, text=True, timeout=300) if npm else None
    if r is None or r.returncode != 0:
        pytest.fail("tests/clients/js/node_modules is missing and `npm ci` failed there (the tests run with loopback "
                    "only: `scripts/setup.sh test` installs it): " + (r.stderr[-2000:] if r else "npm not found"))


@pytest_asyncio.fixture(scope="module")
async def js_run(server) -> dict[str, Any]:
    _ensure_node_modules()
    return await checks.run_client([NODE, str(JS_DIR / "session.mjs")], cwd=JS_DIR, server=server,
                                   out=ARTIFACTS / "third_party_js", timeout_s=420)


def test_session_ran_without_errors_or_exceptions(js_run):
    checks.check_ran_clean(js_run)


def test_every_event_passes_the_sdks_own_schema(js_run):
    checks.check_client_parsed_every_event(js_run)


def test_no_extension_events_reach_a_client_that_did_not_ask(js_run):
    checks.check_no_extension_events(js_run)


def test_every_event_validates_against_the_openai_types(js_run):
    checks.check_strict_openai_types(js_run)


def test_output_items_are_announced_as_conversation_items(js_run):
    checks.check_output_items_are_conversation_items(js_run)


def test_spoken_turn_is_heard_and_answered_with_audio(js_run):
    checks.check_spoken_turn(js_run)


def test_no_tool_call_for_speech_that_asks_for_none(js_run):
    checks.check_no_tool_call_unasked(js_run)


def test_client_tool_round_trip(js_run):
    checks.check_tool_round_trip(js_run)


def test_barge_in_interrupts_the_playing_reply(js_run):
    checks.check_barge_in(js_run)
