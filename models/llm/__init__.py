"""Streaming chat with tools behind one narrow, cancellable async interface.

Three backends share the `ChatBackend` protocol:

* `LlamaCppChat` (`llama_local.py`): a GGUF model in-process through llama.cpp (`llama-cpp-python`). The
  blocking work runs in one dedicated worker thread; tokens cross to the event loop through
  an `asyncio.Queue` fed with `loop.call_soon_threadsafe`. One generation at a time per
  model (`.busy`). The prompt is rendered here (ChatML, Qwen2.5 tool format) and tokenized
  piecewise, so the KV cache keeps every token the new prompt shares with the previous one:
  a stable system prompt and earlier turns cost nothing on the next turn, and `prefill()`
  lets the caller feed a prompt ahead of time (e.g. while the user is still speaking).
* `OpenAICompatChat` (`openai_http.py`): any OpenAI-compatible `/chat/completions` server (vLLM, Ollama,
  llama.cpp server, ...), streamed over SSE with httpx.
* `FallbackChat` (`fallback.py`): tries backends in order while a backend is unavailable before it said
  anything.
* `RoutedChat` (`routed.py`): a turn the prompt grounds (a note beside the question) to a small model,
  the rest to a larger one.

Every backend yields `TextDelta`s and `ToolCall`s and ends with one `Usage`; the local one
first says when it took the request and evaluated the prompt (`PromptEvaluated`), and sends
each digit-bearing token's probability (`NumberToken`) before its text. Closing the
async generator (or cancelling the task iterating it) stops the generation: the local
worker checks a stop flag before every token and the lock is only released once the worker
thread has finished.
"""
from __future__ import annotations

from .build import SPEC_FORMS, build_chat
from .chatml import ToolCallFilter, parse_tool_call, render_chatml, render_text
from .events import BackendUnavailable, ChatBackend, LLMError, LLMEvent, NumberToken, PromptEvaluated, TextDelta, ToolCall, Usage, new_call_id
from .fallback import FallbackChat
from .llama_local import LlamaCppChat
from .openai_http import OpenAICompatChat
from .routed import RoutedChat

__all__ = [
    "BackendUnavailable",
    "ChatBackend",
    "FallbackChat",
    "LLMError",
    "LLMEvent",
    "LlamaCppChat",
    "NumberToken",
    "SPEC_FORMS",
    "OpenAICompatChat",
    "RoutedChat",
    "TextDelta",
    "ToolCallFilter",
    "ToolCall",
    "Usage",
    "build_chat",
    "new_call_id",
    "parse_tool_call",
    "render_chatml",
    "render_text",
]
