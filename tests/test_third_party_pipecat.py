"""Pipecat (`pipecat-ai`, `OpenAIRealtimeLLMService` with `base_url` pointed at Parley) against
a live Parley: a real spoken turn, a spoken request for a function tool of the client's own,
and a barge-in over a playing reply (issue 22, item 6: the voice framework).

No cloud service, no transport and no room: tests/clients/py/pipecat_session.py builds the
pipeline (context aggregators around the LLM service) and feeds it audio frames itself. Pipecat
runs from its own virtualenv, tests/clients/py/.venv, made by tests/clients/py/setup.sh (its
pins are not Parley's; the tests run with loopback only, so it is installed beforehand). One
session runs for the module; each test asserts on one part of its summary
(tests/clients/checks.py). Everything is kept in test-artifacts/third_party_pipecat/.

Pipecat parses each server event it knows with its own pydantic models and raises on one that
does not fit; pipecat_session.py records those failures instead.
"""
from __future__ import annotations

from typing import Any

import pytest
import pytest_asyncio

from .clients import checks
from .conftest import ARTIFACTS, ROOT

PY_DIR = ROOT / "tests" / "clients" / "py"
PYTHON = PY_DIR / ".venv" / "bin" / "python"
pytestmark = pytest.mark.skipif(not PYTHON.exists(), reason="Pipecat's own virtualenv is missing: run tests/clients/py/setup.sh")


@pytest_asyncio.fixture(scope="module")
async def pipecat_run(server) -> dict[str, Any]:
    return await checks.run_client([str(PYTHON), str(PY_DIR / "pipecat_session.py")], cwd=PY_DIR, server=server,
                                   out=ARTIFACTS / "third_party_pipecat", timeout_s=480)


def test_session_ran_without_errors_or_exceptions(pipecat_run):
    checks.check_ran_clean(pipecat_run)


def test_every_event_passes_pipecats_own_models(pipecat_run):
    checks.check_client_parsed_every_event(pipecat_run)


def test_no_extension_events_reach_a_client_that_did_not_ask(pipecat_run):
    checks.check_no_extension_events(pipecat_run)


def test_every_event_validates_against_the_openai_types(pipecat_run):
    checks.check_strict_openai_types(pipecat_run)


def test_output_items_are_announced_as_conversation_items(pipecat_run):
    checks.check_output_items_are_conversation_items(pipecat_run)


def test_spoken_turn_is_heard_and_answered_with_audio(pipecat_run):
    checks.check_spoken_turn(pipecat_run)


def test_no_tool_call_for_speech_that_asks_for_none(pipecat_run):
    checks.check_no_tool_call_unasked(pipecat_run)


def test_client_tool_round_trip(pipecat_run):
    checks.check_tool_round_trip(pipecat_run)


def test_barge_in_interrupts_the_playing_reply(pipecat_run):
    checks.check_barge_in(pipecat_run)
