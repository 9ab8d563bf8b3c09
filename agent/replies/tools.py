"""ToolBox: the tools the agent may call.

Built-in tools run here; their calls and results join the history for the model only (a
client never sees them as function calls: it could not run them). Client-defined tools
(from `session.update`) are announced with function-call events and answered by the
client. Built-in tools are offered only where they fit (`builtin_tools`: by default, only
while the client declares no tools of its own). Arguments come from the LLM: parse
defensively, never trust them.
"""
from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Awaitable, Callable

ToolFn = Callable[[dict[str, Any]], Awaitable[Any]]


class ToolBox:
    def __init__(self) -> None:
        self._tools: dict[str, tuple[dict[str, Any], ToolFn]] = {}
        self.calls_run: list[str] = []  # call names, in order (observability and tests)

    def register(self, name: str, description: str, parameters: dict[str, Any], fn: ToolFn) -> None:
        schema = {"type": "function", "function": {"name": name, "description": description, "parameters": parameters}}
        self._tools[name] = (schema, fn)

    def is_server_tool(self, name: str) -> bool:
        return name in self._tools

    def schemas(self, client_tools: list[dict[str, Any]], builtin: bool = True) -> list[dict[str, Any]] | None:
        """The tools offered to the model, in the chat-completions shape: the built-in ones
        (when `builtin`), then the client's (a client tool never shadows a built-in one)."""
        out = [schema for schema, _ in self._tools.values()] if builtin else []
        for t in client_tools:  # Realtime shape {type, name, description, parameters} → chat shape
            if t.get("name") and not (builtin and t["name"] in self._tools):
                out.append({"type": "function", "function": {"name": t["name"], "description": t.get("description", ""),
                                                             "parameters": t.get("parameters") or {"type": "object", "properties": {}}}})
        return out or None

    async def run(self, name: str, arguments: str) -> Any:
        schema, fn = self._tools[name]
        try:
            args = json.loads(arguments or "{}")
            if not isinstance(args, dict):
                raise ValueError("arguments must be a JSON object")
        except (json.JSONDecodeError, ValueError) as exc:
            return {"error": "invalid_arguments", "message": str(exc)}
        self.calls_run.append(name)
        try:
            return await fn(args)
        except Exception as exc:  # noqa: BLE001 - a failing tool is reported to the model, not raised
            return {"error": "tool_failed", "message": f"{type(exc).__name__}: {exc}"}


def default_toolbox(screenshots: Callable[[], list[dict[str, Any]]]) -> ToolBox:
    box = ToolBox()

    async def current_time(_args: dict[str, Any]) -> dict[str, Any]:
        now = _dt.datetime.now().astimezone()
        return {"local_time": now.strftime("%H:%M"), "date": now.strftime("%A %d %B %Y"), "timezone": str(now.tzinfo)}

    async def read_screenshot(_args: dict[str, Any]) -> dict[str, Any]:
        shots = screenshots()
        if not shots:
            return {"error": "no_screenshot", "message": "the user has not shared a screenshot yet"}
        latest = shots[-1]
        return {"untrusted_screen_text": True, **latest}

    box.register("get_current_time", "Get the current local date and time.", {"type": "object", "properties": {}}, current_time)
    box.register("read_screenshot", "Read the exact text and error lines from the screenshot the user shared most recently.",
                 {"type": "object", "properties": {}}, read_screenshot)
    return box
