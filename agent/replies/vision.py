"""Screenshots shared inside a voice session: decode the data URL and run the ticket pipeline
beside the conversation (never on the voice critical path)."""
from __future__ import annotations

import base64
import binascii
import re
from typing import Any

from agent.core.protocol import ProtocolError

_DATA_URL = re.compile(r"^data:(image/[\w.+-]+)?(;[\w=.+-]+)*;base64,", re.I)


def decode_data_url(url: str, max_bytes: int) -> tuple[bytes, str | None]:
    m = _DATA_URL.match(url)
    if not m:
        raise ProtocolError("invalid_image", "input_image.image_url must be a base64 data: URL (data:image/png;base64,...)")
    payload = url[m.end():]
    if len(payload) * 3 // 4 > max_bytes:
        raise ProtocolError("image_too_large", f"image exceeds the {max_bytes}-byte limit")
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ProtocolError("invalid_base64", "input_image data URL is not valid base64") from None
    return data, m.group(1)


async def analyze_data_url(runtime: Any, url: str) -> tuple[dict[str, Any], str]:
    """The ticket for a shared image and a short, delimited summary for the LLM context."""
    from agent.edge.errors import ParleyError
    from agent.tickets.pipeline import analyze_screenshot, context_summary

    data, content_type = decode_data_url(url, runtime.config.max_upload_bytes)
    if runtime.ocr is None:
        raise ProtocolError("vision_unavailable", "OCR is not available on this server (parley doctor tells why)")
    try:
        async with runtime.ocr_limit:
            ticket = await analyze_screenshot(data, content_type, ocr=runtime.ocr, llm=None, config=runtime.config)
    except ParleyError as exc:
        raise ProtocolError(exc.code, exc.message) from None
    return ticket, context_summary(ticket)
