"""OpenTelemetry traces of voice turns, built after the fact from the recorded stage times.

Off unless `otel_endpoint` is set (then spans go over OTLP/HTTP to `<endpoint>/v1/traces`).
At the end of each response the session calls `runtime.observe_turn(metrics)`; the
`TurnObserver` here feeds the Prometheus histograms as before and, with tracing on, turns
the stage marks into spans with explicit start and end times, so nothing on the audio path
waits for telemetry:

    parley.turn                      speech end -> the response's end (stage times, preemptive, interrupted)
      parley.end_of_turn             speech end -> end of turn decided
      parley.asr                     speech end -> final transcript
      chat <model>                   final transcript -> LLM done (GenAI semantic conventions)
      parley.tts                     first text chunk -> its first audio
      parley.tool <name>             each server-side tool call, where recorded

No transcript or reply text is put on a span unless `otel_capture_content` is on.
Everything read from the metrics beyond the stage marks is optional and read defensively.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

log = logging.getLogger("parley.tracing")

TRACER_NAME = "parley"
STAGE_SPANS = (  # (span name, start mark, end mark)
    ("parley.end_of_turn", "speech_end", "end_of_turn"),
    ("parley.asr", "speech_end", "asr_final"),
    ("parley.tts", "first_chunk", "tts_first_audio"),
)


def _ns(monotonic_s: float, offset_ns: int) -> int:
    return int(monotonic_s * 1e9) + offset_ns


def _answering_backend(llm: Any) -> Any:
    """Of a fallback chain, the backend that answered last (else the first); else `llm`."""
    backends = getattr(llm, "backends", None)
    if not backends:
        return llm
    last = getattr(llm, "last_backend", "") or ""
    return next((b for b in backends if getattr(b, "name", None) == last), backends[0])


def model_name(llm: Any) -> str:
    """The model a turn's LLM call used: the server-side model name of an OpenAI-compatible
    backend, else the backend's name (of the answering backend of a fallback chain)."""
    if llm is None:
        return "unknown"
    backend = _answering_backend(llm)
    return str(getattr(backend, "model", "") or getattr(backend, "name", "") or type(backend).__name__)


def _provider(model_backend: Any) -> str:
    name = str(getattr(model_backend, "name", "")).lower()
    return "llama.cpp" if "llama" in name and not name.startswith("openai") else "openai"


class TurnTracer:
    """Spans for finished turns. `exporter`: an OpenTelemetry SpanExporter (tests pass an
    in-memory one); without it, OTLP/HTTP to `endpoint`."""

    def __init__(self, *, endpoint: str = "", exporter: Any = None, service_name: str = "parley", node_id: str = "",
                 capture_content: bool = False) -> None:
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

        attrs = {"service.name": service_name}
        if node_id:
            attrs["service.instance.id"] = node_id
        self.provider = TracerProvider(resource=Resource.create(attrs))
        if exporter is not None:
            self.provider.add_span_processor(SimpleSpanProcessor(exporter))
        else:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            url = endpoint.rstrip("/")
            url = url if url.endswith("/v1/traces") else url + "/v1/traces"
            self.provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=url, timeout=5)))
        self.tracer = self.provider.get_tracer(TRACER_NAME)
        self.capture_content = capture_content

    def record(self, stages: Mapping[str, float], *, llm: Any = None, ended_at: float | None = None) -> None:
        """One finished turn. `stages` is TurnMetrics.relative_ms() (its `.turn` gives the
        absolute marks); `ended_at` is the response's end (monotonic), default now."""
        from opentelemetry import trace

        now_mono = time.monotonic() if ended_at is None else ended_at
        offset_ns = time.time_ns() - int(time.monotonic() * 1e9)  # monotonic -> wall clock
        turn = getattr(stages, "turn", None)
        marks: dict[str, float] = dict(getattr(turn, "marks", None) or {})
        approximate = "speech_end" not in marks
        if approximate:  # a plain dict of relative times: anchor the last stage at now
            rel = {k[:-3]: float(v) for k, v in stages.items() if k.endswith("_ms") and isinstance(v, (int, float))}
            last = max(rel.values(), default=0.0)
            base = now_mono - last / 1000.0
            marks = {"speech_end": base, **{k: base + v / 1000.0 for k, v in rel.items()}}
        start_s = min(marks.values())
        end_s = max(now_mono, *marks.values())

        root = self.tracer.start_span("parley.turn", start_time=_ns(start_s, offset_ns), kind=trace.SpanKind.INTERNAL)
        try:
            for key, value in stages.items():
                if isinstance(value, (int, float)):
                    root.set_attribute(f"parley.stage.{key}", float(value))
            if "first_audio_sent_ms" in stages:
                root.set_attribute("parley.voice_to_voice_ms", float(stages["first_audio_sent_ms"]))
            root.set_attribute("parley.turn.preemptive", bool(getattr(turn, "preemptive", False)))
            interrupted = getattr(turn, "interrupted", None)
            if interrupted is not None:
                root.set_attribute("parley.turn.interrupted", bool(interrupted))
            if approximate:
                root.set_attribute("parley.timing.approximate", True)
            if self.capture_content and getattr(turn, "user_text", ""):
                root.set_attribute("parley.user.transcript", str(turn.user_text))
            ctx = trace.set_span_in_context(root)
            for name, a, b in STAGE_SPANS:
                if a in marks and b in marks:
                    self.tracer.start_span(name, context=ctx, start_time=_ns(marks[a], offset_ns)).end(_ns(max(marks[a], marks[b]), offset_ns))
            self._llm_span(ctx, marks, turn, llm, end_s, offset_ns)
            for call in list(getattr(turn, "tool_calls", None) or []):
                try:
                    tool, t0, t1 = call
                    span = self.tracer.start_span(f"parley.tool {tool}", context=ctx, start_time=_ns(float(t0), offset_ns))
                    span.set_attribute("gen_ai.tool.name", str(tool))
                    span.end(_ns(max(float(t0), float(t1)), offset_ns))
                except (TypeError, ValueError):
                    log.debug("skipping a malformed tool call record: %r", call)
        finally:
            root.end(_ns(end_s, offset_ns))

    def _llm_span(self, ctx: Any, marks: dict[str, float], turn: Any, llm: Any, end_s: float, offset_ns: int) -> None:
        start = marks.get("asr_final", marks.get("end_of_turn"))
        if getattr(turn, "reply_source", "model") != "model":
            return  # an article's own words: no model was asked
        if start is None or not any(k in marks for k in ("llm_first_token", "first_chunk", "llm_done")):
            return
        llm_end = marks.get("llm_done")
        model = model_name(llm)
        span = self.tracer.start_span(f"chat {model}", context=ctx, start_time=_ns(start, offset_ns))
        span.set_attribute("gen_ai.operation.name", "chat")
        span.set_attribute("gen_ai.request.model", model)
        provider = _provider(_answering_backend(llm))
        span.set_attribute("gen_ai.provider.name", provider)  # current semantic conventions
        span.set_attribute("gen_ai.system", provider)  # the older name, still read by many backends
        usage = getattr(turn, "usage", None) or {}
        for key in ("input_tokens", "output_tokens"):
            if isinstance(usage.get(key), int):
                span.set_attribute(f"gen_ai.usage.{key}", usage[key])
        if "llm_first_token" in marks:
            span.set_attribute("parley.llm.time_to_first_token_ms", round((marks["llm_first_token"] - start) * 1000.0, 1))
        if llm_end is None:
            span.set_attribute("parley.llm.end_estimated", True)  # no llm_done mark: ends with the response
        if self.capture_content and getattr(turn, "reply_text", ""):
            span.set_attribute("parley.reply.text", str(turn.reply_text))
        span.end(_ns(max(start, llm_end if llm_end is not None else end_s), offset_ns))

    def flush(self, timeout_ms: int = 10_000) -> bool:
        return bool(self.provider.force_flush(timeout_ms))

    def shutdown(self) -> None:
        self.provider.shutdown()


class TurnObserver:
    """`runtime.observe_turn`: the Prometheus histograms, then (when on) a trace. Telemetry
    never fails a turn: an error building spans is logged."""

    def __init__(self, histograms: Callable[[dict[str, float]], None], tracer: TurnTracer | None = None,
                 llm: Callable[[], Any] = lambda: None) -> None:
        self.histograms = histograms
        self.tracer = tracer
        self._llm = llm

    def __call__(self, stages: dict[str, float], **_: Any) -> None:
        self.histograms(stages)
        if self.tracer is not None:
            try:
                self.tracer.record(stages, llm=self._llm())
            except Exception as exc:  # noqa: BLE001 - telemetry must not break a conversation
                log.warning("could not record the turn's trace: %s", exc)

    def flush(self) -> bool:
        return self.tracer.flush() if self.tracer is not None else True


def turn_observer(runtime: Any, histograms: Callable[[dict[str, float]], None]) -> TurnObserver:
    """The observer for a runtime: tracing on when `otel_endpoint` is set (and the SDK is installed)."""
    config = runtime.config
    tracer = None
    endpoint = str(getattr(config, "otel_endpoint", "") or "")
    if endpoint:
        try:
            tracer = TurnTracer(endpoint=endpoint, service_name=str(getattr(config, "otel_service_name", "parley")),
                                node_id=str(getattr(config, "node_id", "")), capture_content=bool(getattr(config, "otel_capture_content", False)))
            log.info("traces: OTLP/HTTP to %s", endpoint)
        except ImportError as exc:
            log.warning("otel_endpoint is set but OpenTelemetry is not installed (%s): pip install 'parley[otel]'", exc)
    return TurnObserver(histograms, tracer, lambda: getattr(runtime, "llm", None))
