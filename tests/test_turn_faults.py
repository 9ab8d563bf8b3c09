"""Faults inside a turn: a dead LLM server, and interruptions around tool calls."""
from __future__ import annotations

import json
from typing import Any, AsyncIterator

from models.llm import BackendUnavailable, OpenAICompatChat, TextDelta, ToolCall, build_chat

from .conftest import free_port, start_server, stop_server
from .realtime_client import RawClient


def user_text(text: str) -> dict[str, Any]:
    return {"type": "conversation.item.create", "item": {"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}}


async def test_dead_llm_server_gives_a_coded_error_and_the_session_goes_on(runtime):
    dead = OpenAICompatChat(f"http://127.0.0.1:{free_port()}/v1", "nothing-listens-here", timeout_s=2)
    live = await start_server(runtime, runtime_fields={"llm": dead})
    try:
        c = await RawClient.connect(live.ws + "/realtime")
        await c.configure()
        await c.send(user_text("Hello?"))
        await c.send({"type": "response.create"})
        err = await c.wait_for("error")
        assert err["error"]["code"] == "llm_unavailable"
        assert err["error"]["type"] == "server_error"
        done = await c.wait_for("response.done")
        assert done["response"]["status"] == "failed"
        await c.configure()  # still serving this session
        await c.close()
    finally:
        await stop_server(live)


async def test_fallback_to_the_local_model_when_the_remote_one_is_down(runtime):
    dead = OpenAICompatChat(f"http://127.0.0.1:{free_port()}/v1", "down", timeout_s=2)
    from models.llm import FallbackChat

    chain = FallbackChat([dead, runtime.llm])
    live = await start_server(runtime, runtime_fields={"llm": chain})
    try:
        c = await RawClient.connect(live.ws + "/realtime")
        await c.configure()
        await c.send(user_text("What is the capital of France?"))
        await c.send({"type": "response.create"})
        done = await c.wait_for("response.done")
        assert done["response"]["status"] == "completed"
        assert "paris" in done["response"]["output"][0]["content"][0]["transcript"].lower()
        assert chain.failures[dead.name] == 1
        await c.close()
    finally:
        await stop_server(live)


class ToolThenTalk:
    """Fault injection: calls the server tool once, then talks at length (so it can be cut)."""

    name = "scripted tool-then-talk"

    def __init__(self) -> None:
        self.calls = 0

    async def stream(self, messages: list[dict], *, tools=None, max_tokens: int = 160, temperature: float = 0.2, owner: str = "") -> AsyncIterator[Any]:
        if not any(m["role"] == "tool" for m in messages):
            self.calls += 1
            yield ToolCall(id=f"call_{self.calls}", name="get_current_time", arguments="{}")
            return
        for word in ("It is late, " + "and here is a very long explanation of the time. " * 20).split(" "):
            yield TextDelta(word + " ")

    async def warm(self) -> None: ...
    async def prefill(self, messages, tools=None, owner: str = "") -> None: ...
    async def aclose(self) -> None: ...


async def test_a_tool_call_that_ran_is_kept_once_across_an_interruption(runtime):
    llm = ToolThenTalk()
    live = await start_server(runtime, runtime_fields={"llm": llm})
    try:
        c = await RawClient.connect(live.ws + "/realtime")
        await c.configure()
        await c.send(user_text("What time is it?"))
        await c.send({"type": "response.create"})
        first = await c.wait_for("response.output_audio.delta")
        # a built-in tool is Parley's own business: a client is never asked to run it
        assert not [e for e in c.events if e["type"].startswith("response.function_call")
                    or e.get("item", {}).get("type") == "function_call"], c.events
        await c.send({"type": "response.cancel"})
        done = await c.wait_for("response.done", lambda e: e["response"]["id"] == first["response_id"])
        assert done["response"]["status"] == "cancelled"
        # a new response reuses the recorded result instead of calling the tool again
        await c.send(user_text("Go on."))
        await c.send({"type": "response.create"})
        await c.wait_for("response.output_audio.delta")
        await c.send({"type": "response.cancel"})
        await c.wait_for("response.done")
        session = next(iter(live.runtime.sessions.values()))
        kinds = [(i.type, i.call_id, i.internal) for i in session.conversation.items if i.type.startswith("function_call")]
        assert kinds == [("function_call", "call_1", True), ("function_call_output", "call_1", True)]
        assert session.tools.calls_run == ["get_current_time"]
        assert llm.calls == 1
        output = json.loads(next(i.output for i in session.conversation.items if i.type == "function_call_output"))
        assert "local_time" in output
        await c.close()
    finally:
        await stop_server(live)
