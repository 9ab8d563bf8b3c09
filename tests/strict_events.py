"""Every server event a test receives is checked here, as a strict Realtime client checks it.

OpenAI's Agents SDK validates each server event against the `openai` package's types
(`openai.types.realtime.RealtimeServerEvent`, a union discriminated by `type`) and reports
any event that does not fit as an error. The stock `openai` client does not, so a test
could pass on an event a real client rejects. Every WebSocket, data-channel and in-process
test client goes through `check_server_event`; a non-conforming event fails the test where
it arrived.

`parley.*` events are Parley's own extensions. They are legal only on a session that asked
for them (`?parley=1` on the URL or `"parley": {"events": true}` in `session.update`); a
client that did not ask must never see one, so a test client that did not opt in fails on it.
"""
from __future__ import annotations

from typing import Annotated, Any

from openai.types.realtime import RealtimeServerEvent
from pydantic import Field, TypeAdapter, ValidationError

_ADAPTER: TypeAdapter[Any] = TypeAdapter(Annotated[RealtimeServerEvent, Field(discriminator="type")])


class NonConformingEvent(AssertionError):
    """A server event that a strict Realtime client would reject."""


def check_server_event(event: dict[str, Any], *, extensions: bool = False) -> None:
    kind = event.get("type")
    if isinstance(kind, str) and kind.startswith("parley."):
        if not extensions:
            raise NonConformingEvent(f"{kind} sent to a client that did not ask for Parley's extensions: {event}")
        if not isinstance(event.get("event_id"), str):
            raise NonConformingEvent(f"{kind} has no event_id: {event}")
        return
    try:
        _ADAPTER.validate_python(event, strict=True)
    except ValidationError as exc:
        raise NonConformingEvent(f"{kind} does not validate as a Realtime server event:\n{exc}\nevent: {event}") from None
