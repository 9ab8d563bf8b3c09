"""Screenshot -> bug ticket: validation, OCR, rule extraction, LLM draft, schema, store, routes.

Public entry points:
- `agent.tickets.routes.ticket_routes(get_runtime)` and `openapi_paths()` for the HTTP API;
- `agent.tickets.pipeline.analyze_screenshot(...)` and `context_summary(ticket)` for a voice session.
"""
from agent.tickets.redact import mask_secrets, redact

__all__ = ["mask_secrets", "redact"]
