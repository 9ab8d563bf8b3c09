"""A real `parley serve` process for tests: the CLI in a subprocess on a free loopback port,
configured by PARLEY_* environment variables, ready once /health answers 200, stopped with
SIGTERM (then SIGKILL) when the block ends. Its stderr goes to test-artifacts/<log_name>."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from typing import Iterator

import httpx

from tests.conftest import ARTIFACTS, ROOT, free_port

READY_TIMEOUT_S = 240.0  # loading and warming every model on a small machine
STOP_TIMEOUT_S = 60.0


class Serve:
    def __init__(self, port: int, proc: subprocess.Popen) -> None:
        self.port, self.proc = port, proc
        self.http = f"http://127.0.0.1:{port}"
        self.ws = f"ws://127.0.0.1:{port}/v1"


@contextlib.contextmanager
def serve_process(env: dict[str, str], log_name: str) -> Iterator[Serve]:
    """`parley serve --host 127.0.0.1 --port <free>` with this process's environment plus `env`."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / log_name, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "agent.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=log)
    try:
        _wait_ready(f"http://127.0.0.1:{port}", proc, log_name)
        yield Serve(port, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_ready(url: str, proc: subprocess.Popen, log_name: str) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            if httpx.get(url + "/health", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)  # polling the server's own readiness endpoint while it loads models
    raise AssertionError(f"parley serve did not become ready (exit code {proc.poll()}); see test-artifacts/{log_name}")


async def holds_a_spoken_turn(serve: Serve, **connect: object) -> None:
    """A new Realtime session on `serve` hears a real recording (LJ Speech, public domain)
    and answers it: what each adversarial test checks after its attack."""
    import numpy as np

    from bench.real_clips import read_wav
    from media.pcm import resample
    from tests.realtime_client import RawClient

    rate, audio = read_wav(ROOT / "tests" / "fixtures" / "speech" / "s08_ljspeech_LJ001-0013.wav")
    voice = resample(audio.astype("float32"), rate, 24000)
    c = await RawClient.connect(serve.ws + "/realtime", **connect)
    try:
        await c.configure()
        await c.stream_audio(np.concatenate([np.zeros(7200, np.float32), voice, np.zeros(36000, np.float32)]))
        heard = await c.wait_for("conversation.item.input_audio_transcription.completed", timeout=120)
        assert "ugly" in heard["transcript"].lower(), heard
        done = await c.wait_for("response.done", timeout=120)
        assert done["response"]["status"] == "completed"
        assert done["response"]["output"][0]["content"][0]["transcript"]
    finally:
        await c.close()
