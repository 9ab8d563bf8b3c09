"""A screenshot shared inside a voice session: read beside the conversation, answered from."""
from __future__ import annotations

import base64

import numpy as np

from .conftest import silence, speech
from .images import ERROR_LINE, error_dialog, to_bytes
from .realtime_client import RawClient


async def test_shared_screenshot_is_read_and_its_error_answered_verbatim(server):
    png = to_bytes(error_dialog().image, "PNG")
    c = await RawClient.connect(server.ws + "/realtime?parley=1")  # parley.image.analyzed: an extension
    try:
        await c.configure()
        await c.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user", "content": [
            {"type": "input_image", "image_url": "data:image/png;base64," + base64.b64encode(png).decode()}]}})
        analyzed = await c.wait_for("parley.image.analyzed")
        assert ERROR_LINE in analyzed["ticket"]["error_messages"]
        assert ERROR_LINE in analyzed["summary"] and "SCREEN_TEXT" in analyzed["summary"]
        # then the user asks, by voice, what the error says
        await c.stream_audio(np.concatenate([silence(0.3), speech(server.runtime, "What does the message on my screen say?"), silence(1.2)]))
        done = await c.wait_for("response.done")
        said = "".join(o["content"][0]["transcript"] for o in done["response"]["output"] if o.get("content"))
        said += "".join(o.get("output", "") for o in done["response"]["output"])
        assert "permission denied" in said.lower(), said
    finally:
        await c.close()


async def test_a_bad_image_in_a_session_is_a_coded_error_and_the_session_goes_on(server):
    c = await RawClient.connect(server.ws + "/realtime?parley=1")  # parley.image.analyzed: an extension
    try:
        await c.configure()
        await c.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user", "content": [
            {"type": "input_image", "image_url": "data:image/png;base64," + base64.b64encode(b"%PDF-1.7 not an image").decode()}]}})
        err = await c.wait_for("error")
        assert err["error"]["code"] in ("unsupported_media_type", "not_an_image")
        await c.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user", "content": [
            {"type": "input_image", "image_url": "https://example.com/x.png"}]}})
        assert (await c.wait_for("error"))["error"]["code"] == "invalid_image"
        await c.configure()
    finally:
        await c.close()
