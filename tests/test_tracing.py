"""Traces of voice turns (agent/tracing.py): spans built from the recorded stage times, with
the GenAI semantic conventions on the LLM span and no text unless content capture is on;
an in-memory exporter for the shape, and a real spoken turn exported over OTLP/HTTP to a
receiver on a loopback port."""
from __future__ import annotations

import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from typing import Any, Iterator

import numpy as np
import pytest

pytest.importorskip("opentelemetry.sdk", reason="OpenTelemetry is not installed (pip install -e '.[dev]')")

from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter  # noqa: E402

from agent.tracing import TurnObserver, TurnTracer  # noqa: E402
from agent.core.turn_metrics import TurnMetrics  # noqa: E402

from .conftest import silence, speech, start_server, stop_server  # noqa: E402
from .realtime_client import RawClient  # noqa: E402

QUESTION = "What is the capital of France?"


def recorded_turn(t0: float, *, interrupted: bool | None = None) -> TurnMetrics:
    """A turn's marks as the session records them (monotonic seconds)."""
    m = TurnMetrics()
    for stage, dt in (("speech_end", 0.0), ("asr_final", 0.21), ("end_of_turn", 0.30), ("llm_first_token", 0.45),
                      ("first_chunk", 0.52), ("tts_first_audio", 0.61), ("first_audio_sent", 0.63), ("llm_done", 0.90)):
        m.mark(stage, t0 + dt)
    m.preemptive = True
    m.interrupted = interrupted
    m.usage = {"input_tokens": 312, "output_tokens": 17}
    m.tool_calls = [("lookup_ticket", t0 + 0.46, t0 + 0.50)]
    m.user_text, m.reply_text = "What is the capital of France?", "Paris."
    return m


def traced(capture: bool = False) -> tuple[TurnObserver, InMemorySpanExporter, list[dict[str, float]]]:
    exporter = InMemorySpanExporter()
    seen: list[dict[str, float]] = []
    llm = SimpleNamespace(name="openai http://127.0.0.1:1/v1#qwen2.5-coder-0.5b", model="qwen2.5-coder-0.5b")
    return TurnObserver(seen.append, TurnTracer(exporter=exporter, capture_content=capture), lambda: llm), exporter, seen


def test_one_span_per_turn_with_children_at_the_recorded_times() -> None:
    import time

    observer, exporter, seen = traced()
    t0 = time.monotonic() - 2.0
    turn = recorded_turn(t0, interrupted=True)
    stages = turn.relative_ms()
    observer(stages)
    assert seen == [stages]  # the Prometheus histograms still get every turn
    spans = {s.name: s for s in exporter.get_finished_spans()}
    assert set(spans) == {"parley.turn", "parley.end_of_turn", "parley.asr", "parley.tts", "chat qwen2.5-coder-0.5b",
                          "parley.tool lookup_ticket"}
    root = spans.pop("parley.turn")
    assert all(s.parent is not None and s.parent.span_id == root.context.span_id for s in spans.values())
    assert all(s.context.trace_id == root.context.trace_id for s in spans.values())

    def ms(span: Any) -> float:
        return (span.end_time - span.start_time) / 1e6

    assert ms(spans["parley.asr"]) == pytest.approx(210, abs=0.01)
    assert ms(spans["parley.end_of_turn"]) == pytest.approx(300, abs=0.01)
    assert ms(spans["parley.tts"]) == pytest.approx(90, abs=0.01)
    assert ms(spans["chat qwen2.5-coder-0.5b"]) == pytest.approx(690, abs=0.01)  # asr_final -> llm_done
    assert spans["parley.asr"].start_time == root.start_time
    assert all(root.start_time <= s.start_time and s.end_time <= root.end_time for s in spans.values())
    assert root.end_time >= spans["chat qwen2.5-coder-0.5b"].end_time
    # the root carries the stage times and what kind of turn it was
    assert root.attributes["parley.voice_to_voice_ms"] == pytest.approx(630)
    assert root.attributes["parley.stage.llm_first_token_ms"] == pytest.approx(450)
    assert root.attributes["parley.turn.preemptive"] is True and root.attributes["parley.turn.interrupted"] is True
    llm = spans["chat qwen2.5-coder-0.5b"].attributes
    assert llm["gen_ai.operation.name"] == "chat" and llm["gen_ai.request.model"] == "qwen2.5-coder-0.5b"
    assert llm["gen_ai.provider.name"] == "openai"  # the API it was reached by
    assert llm["gen_ai.usage.input_tokens"] == 312 and llm["gen_ai.usage.output_tokens"] == 17
    assert llm["parley.llm.time_to_first_token_ms"] == pytest.approx(240)
    # no text by default
    every_value = [str(v) for s in exporter.get_finished_spans() for v in s.attributes.values()]
    assert not any("France" in v or "Paris" in v for v in every_value)


def test_content_only_when_capture_is_on() -> None:
    import time

    observer, exporter, _ = traced(capture=True)
    observer(recorded_turn(time.monotonic() - 2.0).relative_ms())
    spans = {s.name: s for s in exporter.get_finished_spans()}
    assert spans["parley.turn"].attributes["parley.user.transcript"] == "What is the capital of France?"
    assert spans["chat qwen2.5-coder-0.5b"].attributes["parley.reply.text"] == "Paris."


def test_a_plain_stage_dict_still_gives_a_trace_marked_approximate() -> None:
    observer, exporter, _ = traced()
    observer({"end_of_turn_ms": 300.0, "asr_final_ms": 210.0, "llm_first_token_ms": 450.0, "first_audio_sent_ms": 630.0})
    spans = {s.name: s for s in exporter.get_finished_spans()}
    root = spans["parley.turn"]
    assert root.attributes["parley.timing.approximate"] is True
    assert (spans["parley.asr"].end_time - spans["parley.asr"].start_time) / 1e6 == pytest.approx(210, abs=0.01)
    assert "parley.turn.interrupted" not in root.attributes  # unknown, so not claimed


def test_a_broken_tracer_never_breaks_the_turn(caplog) -> None:
    class Broken:
        def record(self, *a: Any, **kw: Any) -> None:
            raise RuntimeError("exporter exploded")

    seen: list[Any] = []
    TurnObserver(seen.append, Broken())({"first_audio_sent_ms": 1.0})  # type: ignore[arg-type]
    assert len(seen) == 1 and "exporter exploded" in caplog.text


# --- a real spoken turn, exported over OTLP/HTTP to a loopback receiver ----------------------------


class OtlpReceiver:
    """A minimal OTLP/HTTP trace receiver: POST /v1/traces with protobuf bodies."""

    def __init__(self) -> None:
        from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

        receiver = self
        self.bodies: list[bytes] = []
        self.spans: list[Any] = []
        self.resources: list[Any] = []
        self.got = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                ok = self.path == "/v1/traces" and self.headers.get("content-type") == "application/x-protobuf"
                if ok:
                    req = ExportTraceServiceRequest.FromString(body)
                    receiver.bodies.append(body)
                    for rs in req.resource_spans:
                        receiver.resources.append(rs.resource)
                        for ss in rs.scope_spans:
                            receiver.spans.extend(ss.spans)
                    receiver.got.set()
                self.send_response(200 if ok else 404)
                self.send_header("content-type", "application/x-protobuf")
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[OtlpReceiver]:
    r = OtlpReceiver()
    yield r
    r.close()


def _attrs(span: Any) -> dict[str, Any]:
    out = {}
    for kv in span.attributes:
        v = kv.value
        out[kv.key] = getattr(v, v.WhichOneof("value")) if v.WhichOneof("value") else None
    return out


async def test_a_spoken_turn_is_exported_over_otlp_http(runtime, receiver) -> None:
    live = await start_server(runtime, otel_endpoint=receiver.url, node_id="t1")
    try:
        c = await RawClient.connect(live.ws + "/realtime")
        try:
            await c.configure()
            await c.stream_audio(np.concatenate([silence(0.3), speech(runtime, QUESTION), silence(1.2)]))
            done = await c.wait_for("response.done")
            assert done["response"]["status"] == "completed"
            while live.runtime.latency.voice_to_voice.n < 1:  # the server has observed the turn
                await asyncio.sleep(0.02)
        finally:
            await c.close()
        assert await asyncio.to_thread(live.runtime.observe_turn.flush)
        assert await asyncio.to_thread(receiver.got.wait, 15)
    finally:
        await stop_server(live)
    spans = {s.name: s for s in receiver.spans}
    assert "parley.turn" in spans and "parley.asr" in spans and "parley.end_of_turn" in spans and "parley.tts" in spans
    llm = next(s for name, s in spans.items() if name.startswith("chat "))
    root = spans["parley.turn"]
    assert llm.parent_span_id == root.span_id and spans["parley.asr"].parent_span_id == root.span_id
    attrs = _attrs(llm)
    assert attrs["gen_ai.operation.name"] == "chat" and "qwen" in attrs["gen_ai.request.model"].lower()
    root_attrs = _attrs(root)
    assert root_attrs["parley.voice_to_voice_ms"] > 0
    assert root.start_time_unix_nano < root.end_time_unix_nano
    resource = {kv.key: kv.value.string_value for kv in receiver.resources[0].attributes}
    assert resource["service.name"] == "parley" and resource["service.instance.id"] == "t1"
    raw = b"".join(receiver.bodies).lower()
    assert b"france" not in raw and b"paris" not in raw  # no transcript or reply text without otel_capture_content
