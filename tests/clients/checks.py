"""What every third-party client test runs and asserts (tests/test_third_party_*.py).

Each client (tests/clients/js/session.mjs, tests/clients/py/pipecat_session.py) runs one
session against a live Parley: a real spoken turn, a spoken request for a function tool of the
client's own, and a barge-in over a playing reply. It prints one JSON summary of the same shape,
and writes every server event it received to events.jsonl. The checks below read that summary.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any, Sequence

import numpy as np

TURN_CLIP = "s13"  # "A gold ring will please most any girl."
# Piper speech: a question whose answer takes several seconds to say, so the barge-in lands while
# it plays (a real clip, "produced the block books, ...", drew a 2-second restatement that could end
# before speech over it was judged)
BARGE_TURN_REQUEST = "How do I back up the photos on my phone to my computer?"
BARGE_CLIP = "s17"  # "Wipe the grease off his dirty face."
TOOL_REQUEST = "Can you check the status of my order 815?"  # Piper speech: no recording asks for a tool
TOOL_RESULT_WORDS = ("shipped", "dhl", "friday")  # from the clients' lookup_order result


def _words(text: str) -> set[str]:
    from models.asr import normalise_words

    return set(normalise_words(text).split())


def heard_enough(reference: str, heard: str) -> tuple[bool, list[str]]:
    """At least half of the reference's words of 4+ letters were heard."""
    ref = [w for w in _words(reference) if len(w) >= 4]
    missing = sorted(w for w in ref if w not in _words(heard))
    return len(missing) <= len(ref) // 2, missing


def write_clips(runtime: Any, out: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """The four inputs as 24 kHz PCM16 wavs ({cli flag: path}) and what each one says."""
    from bench.real_clips import load_clips, write_wav
    from tests.conftest import silence, speech

    clips = {c.name[:3]: c for c in load_clips()}
    pad = silence(0.3)
    audio = {
        "turn": np.concatenate([pad, clips[TURN_CLIP].at(24000)]),
        "tool-turn": np.concatenate([pad, speech(runtime, TOOL_REQUEST)]),
        "barge-turn": np.concatenate([pad, speech(runtime, BARGE_TURN_REQUEST)]),
        "barge": clips[BARGE_CLIP].at(24000),
    }
    paths = {}
    for flag, a in audio.items():
        paths[flag] = out / f"{flag}.wav"
        write_wav(paths[flag], 24000, a)
    refs = {"turn": clips[TURN_CLIP].reference, "barge-turn": BARGE_TURN_REQUEST,
            "barge-in": clips[BARGE_CLIP].reference, "tool": TOOL_REQUEST}
    return paths, refs


async def run_client(argv: Sequence[str], *, cwd: Path, server: Any, out: Path, timeout_s: float) -> dict[str, Any]:
    """Run one client session against `server`; its summary, with `returncode`, `references`
    and `events_path` added. Everything is kept under `out` (test-artifacts/...)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    wavs, refs = write_clips(server.runtime, out)
    events = out / "events.jsonl"
    cmd = [*argv, "--url", f"{server.ws}/realtime", "--events-out", str(events), "--timeout-s", str(int(timeout_s - 20))]
    for flag, p in wavs.items():
        cmd += [f"--{flag}", str(p)]
    # asynchronous: the server under test runs on this same event loop
    proc = await asyncio.create_subprocess_exec(*cmd, cwd=cwd, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    try:
        stdout, stderr = await asyncio.wait_for(proc.communicate(), timeout_s)
    except TimeoutError:
        proc.kill()
        stdout, stderr = await proc.communicate()
    (out / "stderr.txt").write_bytes(stderr)
    lines = [ln for ln in stdout.decode(errors="replace").splitlines() if ln.startswith("{")]
    assert lines, f"the client printed no summary (rc {proc.returncode}): {stderr.decode(errors='replace')[-3000:]}"
    summary = json.loads(lines[-1])
    summary.update(returncode=proc.returncode, references=refs, events_path=str(events))
    (out / "summary.json").write_text(json.dumps(summary, indent=1))
    return summary


def responses(s: dict[str, Any], phase: str, status: str | None = None) -> list[dict[str, Any]]:
    return [r for r in s["responses"] if r["phase"] == phase and (status is None or r["status"] == status)]


def spoken_replies(s: dict[str, Any], phase: str) -> list[dict[str, Any]]:
    return [r for r in responses(s, phase, "completed") if not r["function_calls"] and r["audio_bytes"] > 0]


def transcripts(s: dict[str, Any], phase: str) -> str:
    return " ".join(t["transcript"] or "" for t in s["user_transcripts"] if t["phase"] == phase)


# --- the checks ---------------------------------------------------------------------------

def check_ran_clean(s: dict[str, Any]) -> None:
    """Every step done, no `error` (a server error event, or one the client raised), nothing raised."""
    assert not s["timed_out"] and s["returncode"] == 0, (s["exceptions"], s["phases"])
    assert s["errors"] == [], s["errors"]
    assert s["exceptions"] == [], s["exceptions"]


def check_client_parsed_every_event(s: dict[str, Any]) -> None:
    assert s["invalid_events"] == [], s["invalid_events"]


def ga_event_types() -> set[str]:
    """Every server event type of the GA protocol (the `openai` package's RealtimeServerEvent)."""
    import typing

    from openai.types.realtime import RealtimeServerEvent

    union = typing.get_args(RealtimeServerEvent)[0]
    return {t for m in typing.get_args(union) for t in typing.get_args(m.model_fields["type"].annotation)}


def check_no_extension_events(s: dict[str, Any]) -> None:
    """`parley.*` (or any other non-GA) events go only to a session that asked for them."""
    assert set(s["counts"]) <= ga_event_types(), sorted(set(s["counts"]) - ga_event_types())


def check_strict_openai_types(s: dict[str, Any]) -> None:
    """Every event through the suite's strict check (tests/strict_events.py: the `openai`
    package's RealtimeServerEvent). Audio deltas' payloads were elided by the client."""
    from tests.strict_events import NonConformingEvent, check_server_event

    bad: dict[str, str] = {}
    for line in Path(s["events_path"]).read_text().splitlines():
        ev = json.loads(line)
        try:
            check_server_event(ev)
        except NonConformingEvent as e:
            bad.setdefault(ev["type"], str(e).split("\nevent:")[0][-1500:])
    assert bad == {}, "\n".join(f"{k}: {v}" for k, v in bad.items())


def check_output_items_are_conversation_items(s: dict[str, Any]) -> None:
    """GA: when the model starts an output item, `conversation.item.added` announces it (and
    `conversation.item.done` ends it). Pipecat learns of a function call only from
    `conversation.item.added`: without it, it never runs the client's tool."""
    added, done, output = set(), set(), []
    for line in Path(s["events_path"]).read_text().splitlines():
        ev = json.loads(line)
        if ev["type"] == "conversation.item.added":
            added.add(ev["item"].get("id"))
        elif ev["type"] == "conversation.item.done":
            done.add(ev["item"].get("id"))
        elif ev["type"] == "response.output_item.added":
            output.append((ev["item"].get("id"), ev["item"].get("type")))
    missing = [(i, t, "added" if i not in added else "done") for i, t in output if i not in added or i not in done]
    assert not missing, missing


def check_spoken_turn(s: dict[str, Any]) -> None:
    heard = transcripts(s, "turn")
    ok, missing = heard_enough(s["references"]["turn"], heard)
    assert ok, (heard, missing)
    replies = spoken_replies(s, "turn")
    assert replies and replies[0]["audio_bytes"] / 2 / 24000 > 0.5, responses(s, "turn")
    assert replies[0]["transcript"].strip(), replies


def check_no_tool_call_unasked(s: dict[str, Any]) -> None:
    """The spoken turn and the barge-in speech (sentences about gold rings, backing up photos and
    dirty faces) do not call the client's `lookup_order`; neither does a client's opening response."""
    wrong = [c for c in s["tool_calls"] if c["phase"] != "tool"]
    asked = [(r["phase"], r["function_calls"]) for r in s["responses"] if r["function_calls"] and r["phase"] != "tool"]
    assert not wrong and not asked, (wrong or asked, s["user_transcripts"])


def check_tool_round_trip(s: dict[str, Any]) -> None:
    """A spoken request for the client's `lookup_order`: the response ends with the
    function_call, the client runs the tool (once) and asks for a reply, which uses the result."""
    heard = transcripts(s, "tool")
    heard_id = re.sub(r"\D", "", heard)
    assert heard_id, heard  # the order number was heard (the ASR's part)
    calls = [c for c in s["tool_calls"] if c["phase"] == "tool" and c["name"] == "lookup_order"]
    assert len(calls) == 1, (calls, s["phases"].get("tool"), responses(s, "tool"))  # run, and run once
    assert re.sub(r"\D", "", calls[0]["arguments"]["order_id"]) == heard_id, (calls, heard)
    assert "result" in calls[0], calls
    with_call = [r for r in responses(s, "tool") if r["function_calls"]]
    assert with_call[0]["status"] == "completed", responses(s, "tool")
    assert with_call[0]["output_types"][-1] == "function_call", with_call  # nothing after the call
    follow = [r for r in spoken_replies(s, "tool") if r["created_ms"] > with_call[0]["done_ms"]]
    assert follow, responses(s, "tool")
    said = follow[0]["transcript"].lower()
    assert any(w in said for w in TOOL_RESULT_WORDS), said


def check_barge_in(s: dict[str, Any]) -> None:
    """Speech over a playing reply: the client stops it while it is still playing, Parley
    cancels it (`response.done` cancelled), and the interrupting speech is heard and answered."""
    barge = s["phases"].get("barge", {})
    target_id = barge.get("interrupted_response_id")
    target = next((r for r in s["responses"] if r["id"] == target_id), None)
    assert target is not None, (s["phases"], s["exceptions"], responses(s, "barge"))
    assert not barge.get("reply_done_before_barge_in"), (barge, target)
    interrupts = [i for i in s["interruptions"] if i["phase"] == "barge-in" and i["response_id"] == target_id]
    assert interrupts, s["interruptions"]
    # Still under way when the user spoke over it: not done when the barge-in speech began
    # (above), and cancelled by Parley (below). Neither the client's clock against the audio it
    # had (Parley pauses a reply while it judges speech over it: the JS client "played" 1,927 ms
    # of 790 ms) nor the time Pipecat's pipeline handled the interruption (1 ms after the
    # cancelled response.done it caused) says more.
    assert target["status"] == "cancelled", target
    heard = transcripts(s, "barge-in")
    ok, missing = heard_enough(s["references"]["barge-in"], heard)
    assert ok, (heard, missing)
    assert spoken_replies(s, "barge-in"), responses(s, "barge-in")
