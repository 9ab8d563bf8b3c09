"""Pipecat (`pipecat-ai`, `OpenAIRealtimeLLMService`) against a live Parley: a spoken turn, a
spoken request for the client's own function tool, and a barge-in over a playing reply.
Prints one JSON summary on stdout, shaped like tests/clients/js/session.mjs's
(tests/test_third_party_pipecat.py).

    .venv/bin/python pipecat_session.py --url ws://127.0.0.1:8765/v1/realtime --turn a.wav \
        --tool-turn b.wav --barge-turn c.wav --barge d.wav [--events-out events.jsonl]

Every wav: PCM16 mono 24 kHz. No transport and no room: the pipeline is the context
aggregators around the LLM service, and a "microphone" task queues 40 ms InputAudioRawFrames
in real time (the clip's, or silence). Pipecat parses each server event it knows with its own
pydantic models (`events.parse_server_event`); a failure there is recorded in
`invalid_events` (Pipecat itself would raise in its receive task).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import wave
from typing import Any, Callable

from pipecat.adapters.llm.schemas.function_schema import FunctionSchema
from pipecat.adapters.llm.schemas.tools_schema import ToolsSchema
from pipecat.frames.frames import EndFrame, ErrorFrame, Frame, InputAudioRawFrame, InterruptionFrame, LLMRunFrame
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.runner import PipelineRunner
from pipecat.pipeline.task import PipelineParams, PipelineTask
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import LLMContextAggregatorPair
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.services.openai.realtime import events
from pipecat.services.openai.realtime.llm import OpenAIRealtimeLLMService

RATE = 24000
CHUNK = RATE * 2 * 40 // 1000  # 40 ms of PCM16
TOOL_RESULT = {"status": "shipped", "carrier": "DHL", "delivery_day": "Friday"}
MAX_TOOL_ROUNDS = 3

T0 = time.monotonic()


def now() -> int:
    return int((time.monotonic() - T0) * 1000)


def read_wav(path: str) -> bytes:
    with wave.open(path) as w:
        if (w.getnchannels(), w.getsampwidth(), w.getframerate()) != (1, 2, RATE):
            raise ValueError(f"{path}: need PCM16 mono {RATE} Hz")
        return w.readframes(w.getnframes())


class Run:
    def __init__(self, events_out: str | None) -> None:
        self.phase = "connect"
        self.summary: dict[str, Any] = {
            "sdk": "pipecat-ai", "counts": {}, "errors": [], "invalid_events": [], "unknown_event_types": {},
            "exceptions": [], "user_transcripts": [], "responses": [], "tool_calls": [], "interruptions": [],
            "truncations": [], "phases": {}, "speech_started": [], "committed": [], "timed_out": False,
        }
        self.responses: dict[str, dict[str, Any]] = {}
        self.events_out = open(events_out, "w") if events_out else None
        self.changed = asyncio.Event()

    def on_server_event(self, raw: str) -> None:
        try:
            ev = json.loads(raw)
        except ValueError:
            return
        kind = ev.get("type")
        s = self.summary
        if self.events_out:
            copy = {**ev, "delta": f"<{len(ev.get('delta') or '')} base64 chars>"} if kind == "response.output_audio.delta" else ev
            self.events_out.write(json.dumps(copy) + "\n")
        s["counts"][kind] = s["counts"].get(kind, 0) + 1
        if kind == "input_audio_buffer.speech_started":
            s["speech_started"].append({"t_ms": now(), "phase": self.phase})
        elif kind == "input_audio_buffer.committed":
            s["committed"].append({"t_ms": now(), "phase": self.phase, "item_id": ev.get("item_id")})
        elif kind == "conversation.item.input_audio_transcription.completed":
            s["user_transcripts"].append({"t_ms": now(), "phase": self.phase, "item_id": ev.get("item_id"),
                                          "transcript": ev.get("transcript")})
        elif kind == "conversation.item.truncated":
            s["truncations"].append({"t_ms": now(), "phase": self.phase, "item_id": ev.get("item_id"),
                                     "audio_end_ms": ev.get("audio_end_ms")})
        elif kind == "error":
            s["errors"].append({"t_ms": now(), "phase": self.phase, "kind": "server_error", **(ev.get("error") or {})})
        elif kind == "response.created":
            rid = (ev.get("response") or {}).get("id")
            row = {"id": rid, "phase": self.phase, "created_ms": now(), "status": None, "transcript": "",
                   "audio_bytes": 0, "first_audio_ms": None, "done_ms": None, "output_types": [], "function_calls": []}
            self.responses[rid] = row
            s["responses"].append(row)
        elif kind == "response.output_audio_transcript.delta":
            if row := self.responses.get(ev.get("response_id")):
                row["transcript"] += ev.get("delta") or ""
        elif kind == "response.output_audio.delta":
            if row := self.responses.get(ev.get("response_id")):
                if row["first_audio_ms"] is None:
                    row["first_audio_ms"] = now()
                row["audio_bytes"] += len(ev.get("delta") or "") * 3 // 4
        elif kind == "response.done":
            resp = ev.get("response") or {}
            if row := self.responses.get(resp.get("id")):
                out = resp.get("output") or []
                row.update(status=resp.get("status"), done_ms=now(), output_types=[o.get("type") for o in out],
                           function_calls=[{"name": o.get("name"), "arguments": o.get("arguments"), "call_id": o.get("call_id")}
                                           for o in out if o.get("type") == "function_call"])
        self.changed.set()

    # --- waiting on the summary -------------------------------------------------------
    async def until(self, what: str, pred: Callable[[], bool], timeout_s: float = 150) -> None:
        deadline = time.monotonic() + timeout_s
        while not pred():
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"timed out after {timeout_s} s waiting for {what} (phase {self.phase})")
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), min(left, 0.5))
            except TimeoutError:
                pass

    def phase_responses(self, p: str) -> list[dict[str, Any]]:
        return [r for r in self.summary["responses"] if r["phase"] == p]

    def done_in(self, p: str) -> list[dict[str, Any]]:
        return [r for r in self.phase_responses(p) if r["done_ms"] is not None]

    def turn_ended(self, p: str) -> bool:
        """A response without a function call is done (a spoken reply, or the follow-up after
        the client's tool ran); or MAX_TOOL_ROUNDS responses only called a tool; or a call was
        made that the client never ran (10 s later): each recorded, and the test fails on it."""
        done = self.done_in(p)
        if any(not r["function_calls"] for r in done):
            return True
        if sum(1 for r in done if r["function_calls"]) >= MAX_TOOL_ROUNDS:
            self.summary["phases"][p]["tool_call_loop"] = True
            return True
        if done and now() - done[-1]["done_ms"] > 10_000 and not any(
                c["phase"] == p and c["t_ms"] >= done[-1]["done_ms"] - 100 for c in self.summary["tool_calls"]):
            self.summary["phases"][p]["tool_call_not_run"] = True
            return True
        return False


class Watch(FrameProcessor):
    """Records errors and interruptions wherever it sits (both directions)."""

    def __init__(self, run: Run, **kw: Any) -> None:
        super().__init__(**kw)
        self.run = run

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, ErrorFrame):
            self.run.summary["errors"].append({"t_ms": now(), "phase": self.run.phase, "kind": "pipecat_error",
                                               "message": str(frame.error), "fatal": bool(getattr(frame, "fatal", False))})
        elif isinstance(frame, InterruptionFrame) and direction == FrameDirection.DOWNSTREAM and self.name.startswith("after"):
            playing = [r for r in self.run.summary["responses"] if r["first_audio_ms"] is not None]
            last = playing[-1] if playing else None
            self.run.summary["interruptions"].append({
                "t_ms": now(), "phase": self.run.phase, "response_id": last["id"] if last else None,
                "played_ms": now() - last["first_audio_ms"] if last else None,
                "audio_ms": last["audio_bytes"] / 2 / RATE * 1000 if last else None})
        self.run.changed.set()
        await self.push_frame(frame, direction)


async def main() -> int:
    ap = argparse.ArgumentParser()
    for a in ("--url", "--turn", "--tool-turn", "--barge-turn", "--barge"):
        ap.add_argument(a, required=True)
    ap.add_argument("--events-out")
    ap.add_argument("--timeout-s", type=float, default=400)
    ap.add_argument("--no-tools", action="store_true", help="declare no tool (diagnosis: the spoken path alone)")
    args = ap.parse_args()
    clips = {k: read_wav(getattr(args, k)) for k in ("turn", "tool_turn", "barge_turn", "barge")}
    run = Run(args.events_out)
    s = run.summary

    original_parse = events.parse_server_event

    def parse(message: Any) -> Any:
        run.on_server_event(message)
        try:
            parsed = original_parse(message)
        except Exception as e:  # what Pipecat would raise in its receive task
            kind = json.loads(message).get("type")
            s["invalid_events"].append({"type": kind, "issues": [{"message": str(e).split("\n\n")[0][:2000]}]})
            return None
        if parsed is None:
            kind = json.loads(message).get("type")
            s["unknown_event_types"][kind] = s["unknown_event_types"].get(kind, 0) + 1
        return parsed

    events.parse_server_event = parse  # the service calls it through the module

    async def lookup_order(params: Any) -> None:
        call = {"t_ms": now(), "phase": run.phase, "name": "lookup_order", "arguments": dict(params.arguments)}
        s["tool_calls"].append(call)
        result = {"order_id": str(params.arguments.get("order_id", "")), **TOOL_RESULT}
        call["result"] = json.dumps(result)
        await params.result_callback(result)

    llm = OpenAIRealtimeLLMService(
        api_key="parley-test-key", base_url=args.url,
        settings=OpenAIRealtimeLLMService.Settings(
            model="parley",
            system_instruction="You are a helpful voice assistant. When the user asks about an order, call "
                               "lookup_order with its order id, then tell the user its status.",
            session_properties=events.SessionProperties(audio=events.AudioConfiguration(
                input=events.AudioInput(format=events.PCMAudioFormat(rate=RATE),
                                        turn_detection=events.TurnDetection(silence_duration_ms=500)),
                output=events.AudioOutput(format=events.PCMAudioFormat(rate=RATE))))))
    llm.register_function("lookup_order", lookup_order)
    tools = ToolsSchema(standard_tools=[FunctionSchema(
        name="lookup_order", description="Look up the status of a customer order by its order id.",
        properties={"order_id": {"type": "string", "description": "The order id"}}, required=["order_id"])])
    context = LLMContext() if args.no_tools else LLMContext(tools=tools)
    aggregators = LLMContextAggregatorPair(context, realtime_service_mode=True)
    pipeline = Pipeline([Watch(run, name="before-llm"), aggregators.user(), llm, Watch(run, name="after-llm"),
                         aggregators.assistant()])
    task = PipelineTask(pipeline, params=PipelineParams(audio_in_sample_rate=RATE, audio_out_sample_rate=RATE))

    queue: list[bytes] = []
    queue_done: asyncio.Future[None] | None = None
    mic_on = True

    async def mic() -> None:
        nonlocal queue_done
        silence = bytes(CHUNK)
        nxt = time.monotonic()
        while mic_on:
            chunk = queue.pop(0) if queue else silence
            if not queue and queue_done is not None and not queue_done.done():
                queue_done.set_result(None)
            await task.queue_frame(InputAudioRawFrame(audio=chunk, sample_rate=RATE, num_channels=1))
            nxt += 0.04
            await asyncio.sleep(max(0.0, nxt - time.monotonic()))

    async def speak(pcm: bytes) -> None:
        nonlocal queue, queue_done
        queue_done = asyncio.get_running_loop().create_future()
        queue = [pcm[i:i + CHUNK].ljust(CHUNK, b"\0") for i in range(0, len(pcm), CHUNK)]
        await queue_done

    async def script() -> None:
        nonlocal mic_on
        # Pipecat's way to start a realtime conversation: run the LLM once on the (empty)
        # context; the reply to it is awaited before anyone speaks.
        run.phase = "connect"
        s["phases"]["connect"] = {"start_ms": now()}
        await task.queue_frame(LLMRunFrame())
        mic_task = asyncio.ensure_future(mic())
        try:
            await run.until("the first response", lambda: bool(run.done_in("connect")))
            await asyncio.sleep(1.0)

            async def spoken_phase(phase: str, clip: str, what: str) -> None:
                run.phase = phase
                s["phases"][phase] = {"start_ms": now()}
                await speak(clips[clip])
                s["phases"][phase]["speech_sent_ms"] = now()
                await run.until(what, lambda: run.turn_ended(phase))
                await asyncio.sleep(1.5)  # the user is silent past the merge window (the mic streams silence meanwhile)

            await spoken_phase("turn", "turn", "the reply to the spoken turn")
            await spoken_phase("tool", "tool_turn", "the tool call and the reply that follows it")

            run.phase = "barge"
            s["phases"]["barge"] = b = {"start_ms": now()}
            await speak(clips["barge_turn"])
            b["speech_sent_ms"] = now()
            await run.until("reply audio to interrupt",
                            lambda: any(r["audio_bytes"] > 0 for r in run.phase_responses("barge")) or run.turn_ended("barge"))
            target = next((r for r in run.phase_responses("barge") if r["audio_bytes"] > 0), None)
            if target is None:
                b["no_reply_audio"] = True
                raise RuntimeError("no reply audio to barge in on: the question's turn ended without any")
            b["interrupted_response_id"] = target["id"]
            commits = [c for c in s["committed"] if c["phase"] == "barge"]
            start = commits[-1]["t_ms"] if commits else b["speech_sent_ms"]
            await asyncio.sleep(max(300, start + 1800 - now()) / 1000)
            if target["done_ms"] is not None:
                b["reply_done_before_barge_in"] = True
            b["barge_in_ms"] = now()
            run.phase = "barge-in"
            s["phases"]["barge-in"] = {"start_ms": b["barge_in_ms"]}
            await speak(clips["barge"])
            b["barge_in_sent_ms"] = now()
            await run.until("the interrupted reply to end", lambda: target["done_ms"] is not None)
            await run.until("a reply to the interrupting speech", lambda: run.turn_ended("barge-in"))
            await asyncio.sleep(1.0)
        finally:
            mic_on = False
            await mic_task
            await task.queue_frame(EndFrame())

    runner = PipelineRunner(handle_sigint=False)
    code = 0
    try:
        results = await asyncio.wait_for(asyncio.gather(runner.run(task), script(), return_exceptions=True), args.timeout_s)
        for r in results:
            if isinstance(r, BaseException):
                s["exceptions"].append({"name": type(r).__name__, "message": str(r)})
                code = 1
    except TimeoutError:
        s["timed_out"] = True
        code = 2
        await task.cancel()
    s["elapsed_ms"] = now()
    if run.events_out:
        run.events_out.close()
    sys.stdout.write(json.dumps(s) + "\n")
    sys.stdout.flush()
    return code


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
