"""`OpenAICompatChat`: any OpenAI-compatible `/chat/completions` server, streamed over SSE."""
from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any

from .chatml import _content_text
from .events import BackendUnavailable, ChatBackend, LLMError, LLMEvent, TextDelta, ToolCall, Usage, new_call_id



class OpenAICompatChat(ChatBackend):
    """Any OpenAI-compatible `/chat/completions` server, streamed over SSE."""

    accepts_priority = True  # accepted and ignored: the server schedules its own requests

    def __init__(self, base_url: str, model: str, *, api_key: str | None = None, timeout_s: float = 30.0,
                 seed: int = -1) -> None:
        self.base_url = base_url.rstrip("/")
        self.seed = int(seed)  # >= 0: sent as the request's "seed" (servers that honour it repeat their replies)
        self.model = model
        self._api_key = api_key or None
        self.timeout_s = float(timeout_s)
        # userinfo in the URL (http://user:secret@host) never reaches names, logs or errors
        self.name = f"openai {re.sub(r'//[^/@]*@', '//', self.base_url)}#{model}"
        self._client: Any = None

    def __repr__(self) -> str:  # never shows the key
        return f"OpenAICompatChat({self.name!r})"

    def _http(self):
        import httpx

        if self._client is None or self._client.is_closed:
            headers = {"Accept": "text/event-stream"}
            if self._api_key:
                headers["Authorization"] = f"Bearer {self._api_key}"
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(self.timeout_s, connect=min(self.timeout_s, 10.0)), headers=headers
            )
        return self._client

    async def warm(self) -> None:
        """Check the server answers (a GET of /models); raises BackendUnavailable if not."""
        import httpx

        try:
            resp = await self._http().get(f"{self.base_url}/models")
        except httpx.HTTPError as exc:
            raise BackendUnavailable(f"{self.name}: {_describe_http_error(exc)}", _UNAVAILABLE_HINT) from exc
        if resp.status_code >= 500:
            raise BackendUnavailable(f"{self.name}: HTTP {resp.status_code}", _UNAVAILABLE_HINT)

    async def prefill(self, messages: list[dict], tools: list[dict] | None = None, owner: str = "") -> None:
        return None  # the server keeps its own prompt cache

    async def stream(
        self,
        messages: list[dict],
        *,
        tools: list[dict] | None = None,
        max_tokens: int = 160,
        temperature: float = 0.2,
        owner: str = "",  # who asks (holds are per owner)
        priority: Any = None,  # ignored: the server schedules (and batches) its own requests
        tool_choice: str | None = None,
    ) -> AsyncIterator[LLMEvent]:
        import httpx

        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "stream": True,
            "stream_options": {"include_usage": True},
            "max_tokens": max_tokens,
            "temperature": temperature,
        }
        if self.seed >= 0:
            body["seed"] = self.seed
        if tools:
            body["tools"] = tools
            if tool_choice in ("auto", "required", "none"):
                body["tool_choice"] = tool_choice
            elif tool_choice:
                body["tool_choice"] = {"type": "function", "function": {"name": tool_choice}}
        url = f"{self.base_url}/chat/completions"
        started = False
        calls: dict[int, dict[str, str]] = {}
        emitted: set[int] = set()
        usage: Usage | None = None
        n_deltas = 0
        finished = False

        def flush_calls(upto: int | None = None) -> list[ToolCall]:
            out = []
            for idx in sorted(calls):
                if idx in emitted or (upto is not None and idx >= upto):
                    continue
                c = calls[idx]
                if not c["name"]:
                    continue
                emitted.add(idx)
                out.append(ToolCall(id=c["id"] or new_call_id(), name=c["name"], arguments=c["args"] or "{}"))
            return out

        try:
            async with self._http().stream("POST", url, json=body) as resp:
                if resp.status_code >= 500:
                    text = (await resp.aread()).decode("utf-8", "replace")
                    raise BackendUnavailable(
                        f"{self.name}: HTTP {resp.status_code} {_server_message(text)}".rstrip(), _UNAVAILABLE_HINT
                    )
                if resp.status_code >= 400:
                    text = (await resp.aread()).decode("utf-8", "replace")
                    raise LLMError(
                        f"{self.name} refused the request: HTTP {resp.status_code} {_server_message(text)}".rstrip(),
                        "check the model name, API key and request limits of the LLM server",
                        code="llm_rejected",
                    )
                if resp.headers.get("content-type", "").startswith("application/json"):
                    # A server that ignored stream=true: take the whole answer at once.
                    for event in _events_from_completion(self.name, await resp.aread()):
                        started = started or not isinstance(event, Usage)
                        yield event
                    return
                async for line in resp.aiter_lines():
                    line = line.strip()
                    if not line or line.startswith(":") or not line.startswith("data:"):
                        continue
                    data = line[5:].strip()
                    if data == "[DONE]":
                        finished = True
                        break
                    try:
                        chunk = json.loads(data)
                    except ValueError:
                        raise _malformed(self.name, started, "a stream line is not JSON") from None
                    if not isinstance(chunk, dict):
                        raise _malformed(self.name, started, "a stream chunk is not an object")
                    if "error" in chunk:
                        err = chunk["error"]
                        msg = err.get("message", str(err)) if isinstance(err, dict) else str(err)
                        raise _malformed(self.name, started, f"server error: {msg}")
                    if chunk.get("usage"):
                        u = chunk["usage"]
                        details = u.get("prompt_tokens_details") or {}
                        usage = Usage(
                            prompt_tokens=int(u.get("prompt_tokens") or 0),
                            completion_tokens=int(u.get("completion_tokens") or 0),
                            cached_tokens=int(details.get("cached_tokens") or 0),
                        )
                    for choice in chunk.get("choices") or []:
                        delta = choice.get("delta") or {}
                        text = delta.get("content")
                        if text:
                            started = True
                            n_deltas += 1
                            yield TextDelta(text)
                        for tc in delta.get("tool_calls") or []:
                            idx = int(tc.get("index", len(calls)))
                            # A new index means the earlier calls are complete.
                            for call in flush_calls(upto=idx):
                                started = True
                                yield call
                            c = calls.setdefault(idx, {"id": "", "name": "", "args": ""})
                            if tc.get("id"):
                                c["id"] = tc["id"]
                            fn = tc.get("function") or {}
                            if fn.get("name"):
                                c["name"] += fn["name"]
                            if fn.get("arguments"):
                                c["args"] += fn["arguments"]
                        if choice.get("finish_reason"):
                            finished = True
                            for call in flush_calls():
                                started = True
                                yield call
        except httpx.HTTPError as exc:
            raise BackendUnavailable(f"{self.name}: {_describe_http_error(exc)}", _UNAVAILABLE_HINT) from exc
        for call in flush_calls():
            started = True
            yield call
        if not finished:
            # No finish_reason and no [DONE]: the connection was cut short.
            what = "before the reply was complete" if started else "without any output"
            raise BackendUnavailable(f"{self.name}: the stream ended {what}", _UNAVAILABLE_HINT)
        yield usage or Usage(prompt_tokens=0, completion_tokens=n_deltas)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


_UNAVAILABLE_HINT = "check that the OpenAI-compatible LLM server is running and reachable, or configure a fallback"


def _events_from_completion(name: str, raw: bytes) -> list[LLMEvent]:
    try:
        obj = json.loads(raw)
        message = obj["choices"][0].get("message") or {}
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        raise BackendUnavailable(f"{name}: malformed response (not a chat completion)", _UNAVAILABLE_HINT) from None
    events: list[LLMEvent] = []
    if message.get("content"):
        events.append(TextDelta(_content_text(message["content"])))
    for tc in message.get("tool_calls") or []:
        fn = tc.get("function") or {}
        args = fn.get("arguments", "{}")
        if not isinstance(args, str):
            args = json.dumps(args, ensure_ascii=False)
        events.append(ToolCall(id=tc.get("id") or new_call_id(), name=fn.get("name", ""), arguments=args or "{}"))
    u = obj.get("usage") or {}
    details = u.get("prompt_tokens_details") or {}
    events.append(
        Usage(
            prompt_tokens=int(u.get("prompt_tokens") or 0),
            completion_tokens=int(u.get("completion_tokens") or 0),
            cached_tokens=int(details.get("cached_tokens") or 0),
        )
    )
    return events


def _malformed(name: str, started: bool, what: str) -> LLMError:
    cls = LLMError if started else BackendUnavailable
    return cls(f"{name}: malformed stream ({what})", _UNAVAILABLE_HINT, code=None if not started else "llm_bad_stream")


def _server_message(text: str) -> str:
    try:
        obj = json.loads(text)
    except ValueError:
        return text.strip()[:300]
    if isinstance(obj, dict):
        err = obj.get("error", obj)
        if isinstance(err, dict):
            return str(err.get("message") or err.get("detail") or err)[:300]
        return str(err)[:300]
    return str(obj)[:300]


def _describe_http_error(exc: Exception) -> str:
    import httpx

    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({exc})"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({type(exc).__name__})"
    return f"{type(exc).__name__}: {exc}"
