"""Drill: the shared LLM server is killed and restarted in the middle of a conversation.

A real `parley serve` with `llm_backends = openai:<llama.cpp server>,local` holds one
Realtime WebSocket session, Piper-spoken questions streamed in real time. Turns:

  1. the LLM server is up                        -> it answers
  2. the server was killed (SIGKILL) before it    -> the node's `local` model answers (fallback)
  3. the server is killed while this turn waits   -> fallback if it died before the first token,
     for its reply (right after the commit)          else the turn's error event (never half a reply twice)
  4. the server was restarted                     -> it answers again

For each turn: status, voice to voice (first reply audio − end of speech, client clock)
against `budget_ms`, any error code, and the node's parley_llm_backend_failures_total. At the
end every user and assistant item of turns that completed is fetched with
`conversation.item.retrieve`: none of the session's history may be lost.

    .venv/bin/python bench/drill_llm_server_restart.py

Bounded: four turns, 60 s per turn at most, loopback only. Exits non-zero if a turn other
than 3 fails or history is lost.
"""
from __future__ import annotations

import asyncio
import base64
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.services import LlmServer, ParleyNode, http_status  # noqa: E402

RATE = 24000
FRAME = RATE // 50
QUESTIONS = ["What is the capital of France?", "How many days are in a week?", "What does a web browser do?", "How many hours are in a day?"]


def failures(node: ParleyNode) -> dict[str, int]:
    import urllib.request

    with urllib.request.urlopen(f"{node.url}/metrics", timeout=5) as resp:
        text = resp.read().decode()
    out = {}
    for line in text.splitlines():
        if line.startswith("parley_llm_backend_failures_total{"):
            name = line.split('backend="', 1)[1].split('"', 1)[0]
            out[name] = int(float(line.rsplit(" ", 1)[1]))
    return out


async def turn(ws, audio: np.ndarray, speech_end_s: float, on_commit=None) -> dict:
    from media.pcm import float_to_pcm16

    t0 = time.monotonic() + 0.05
    padded = np.concatenate([audio, np.zeros(int(2.0 * RATE), np.float32)])

    async def mic() -> None:
        for i in range(0, len(padded), FRAME):
            delay = t0 + i / RATE - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": base64.b64encode(float_to_pcm16(padded[i:i + FRAME])).decode()}))

    sender = asyncio.ensure_future(mic())
    out: dict = {"status": None, "error": None, "v2v_ms": None, "user_item": None, "reply_item": None, "reply": ""}
    first_audio = None
    try:
        async with asyncio.timeout(60):
            while out["status"] is None:
                ev = json.loads(await ws.recv())
                kind = ev["type"]
                if kind == "input_audio_buffer.committed":
                    out["user_item"] = ev["item_id"]
                    if on_commit:
                        on_commit()
                elif kind == "response.output_audio.delta" and first_audio is None:
                    first_audio = time.monotonic()
                elif kind == "error":
                    out["error"] = ev.get("error", {}).get("code")
                elif kind == "response.done":
                    resp = ev["response"]
                    out["status"] = resp["status"]
                    items = [o for o in resp.get("output", []) if o.get("role") == "assistant"]
                    if items:
                        out["reply_item"] = items[0]["id"]
                        out["reply"] = (items[0].get("content") or [{}])[0].get("transcript", "")
    except TimeoutError:
        out["status"] = "timeout"
    finally:
        sender.cancel()
        await asyncio.gather(sender, return_exceptions=True)
    if first_audio is not None:
        out["v2v_ms"] = round((first_audio - (t0 + speech_end_s)) * 1000)
    return out


async def retrieve(ws, item_id: str) -> bool:
    await ws.send(json.dumps({"type": "conversation.item.retrieve", "item_id": item_id}))
    async with asyncio.timeout(10):
        while True:
            ev = json.loads(await ws.recv())
            if ev["type"] == "conversation.item.retrieved" and ev["item"]["id"] == item_id:
                return True
            if ev["type"] == "error":
                return False


async def main() -> int:
    import websockets

    from media.pcm import pcm16_to_float, resample
    from models import weights
    from models.tts import PiperTTS

    run_dir = Path(tempfile.mkdtemp(prefix="parley-drill-llm-"))
    tts = PiperTTS(threads=1)
    spoken = []
    for q in QUESTIONS:
        chunk = tts.synthesize_all(q, variation=False)
        voice = resample(pcm16_to_float(chunk.pcm), chunk.sample_rate, RATE)
        audio = np.concatenate([np.zeros(int(0.5 * RATE), np.float32), voice])
        spoken.append((audio, (np.nonzero(np.abs(audio) > 0.02)[0][-1] + 1) / RATE))
    llm = LlmServer(weights.assemble_qwen_gguf(), run_dir / "llm-server.log").start()
    port = llm.port
    node = ParleyNode("drill", run_dir / "server.log", {"PARLEY_LLM_BACKENDS": f"{llm.backend_spec},local", "PARLEY_LOG_LEVEL": "warning"})
    results = []
    try:
        node.launch()
        node.wait_ready()
        from agent.config import load_config
        from agent.runtime import Runtime

        llm.warm(*Runtime(load_config(env={})).stable_prefix())
        budget = load_config().budget_ms
        print(f"drill: node {node.url}, LLM server {llm.base_url}, local fallback; budget {budget} ms", flush=True)
        async with websockets.connect(node.url.replace("http://", "ws://") + "/v1/realtime?parley=1", max_size=None) as ws:
            await ws.send(json.dumps({"type": "session.update", "session": {"type": "realtime", "audio": {"input": {
                "format": {"type": "audio/pcm", "rate": RATE}, "turn_detection": {"type": "server_vad"}}}}}))
            while json.loads(await ws.recv())["type"] != "session.updated":
                pass
            plan = ["server up", "server killed before the turn", "server killed at the commit", "server restarted"]
            for i, what in enumerate(plan):
                if i == 1:
                    llm.proc.kill()
                    llm.proc.wait(10)
                on_commit = None
                if i == 2:
                    llm.port = port
                    await asyncio.to_thread(llm.start)  # up again, then killed when this turn is committed
                    await asyncio.to_thread(llm.warm, *Runtime(load_config(env={})).stable_prefix())
                    on_commit = llm.proc.kill
                if i == 3:
                    llm.proc.wait(10)
                    llm.port = port
                    await asyncio.to_thread(llm.start)
                    await asyncio.to_thread(llm.warm, *Runtime(load_config(env={})).stable_prefix())
                r = await turn(ws, *spoken[i], on_commit=on_commit)
                r.update({"turn": i + 1, "what": what, "llm_server_up": http_status(f"{llm.base_url}/models") == 200,
                          "backend_failures": failures(node), "within_budget": r["v2v_ms"] is not None and r["v2v_ms"] <= budget})
                results.append(r)
                print(json.dumps(r), flush=True)
            kept = [await retrieve(ws, item) for r in results if r["status"] == "completed" for item in (r["user_item"], r["reply_item"]) if item]
    finally:
        node.stop()
        llm.stop()
    lost = kept.count(False)
    ok = all(r["status"] == "completed" for r in results if r["turn"] != 3) and lost == 0
    print(f"drill: history: {len(kept) - lost} of {len(kept)} items of completed turns still in the conversation")
    print("drill: " + ("held" if ok else f"FAILED (logs in {run_dir})"))
    if ok:
        shutil.rmtree(run_dir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
