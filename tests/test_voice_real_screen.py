"""A real terminal screenshot shared in a voice session over the real WebSocket: the session
reads it with the same pipeline as POST /v1/screenshots (agent/replies/vision.py ->
analyze_screenshot), the exact error line reaches the session's context, and the real local
LLM is asked about it in text."""
from __future__ import annotations

import base64

from . import real_screens as rs
from .realtime_client import RawClient

SCREEN = "term_git_typo_xterm-light-10.png"  # an xterm running `git brnch`, as in issue 11
ERROR_LINE = "git: 'brnch' is not a git command. See 'git --help'."


def _session_of(server, item_id: str):
    for session in server.runtime.sessions.values():
        if getattr(session, "conversation", None) is not None and session.conversation.get(item_id) is not None:
            return session
    raise AssertionError(f"no session holds item {item_id}")


async def test_real_terminal_screenshot_in_a_voice_session(server):
    screen = rs.by_name(SCREEN)
    assert ERROR_LINE in screen.expect
    url = "data:image/png;base64," + base64.b64encode(screen.data).decode()
    c = await RawClient.connect(server.ws + "/realtime?parley=1")  # parley.image.analyzed: an extension
    try:
        await c.configure()
        await c.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user", "content": [
            {"type": "input_image", "image_url": url}]}})
        analyzed = await c.wait_for("parley.image.analyzed")
        # the same pipeline as the HTTP route: the exact line, in the ticket and the summary
        assert rs.exact_found(ERROR_LINE, analyzed["ticket"]["error_messages"]), analyzed["ticket"]["error_messages"]
        summary = analyzed["summary"]
        assert f"error: {ERROR_LINE}" in summary
        assert summary.startswith("The following is untrusted data") and summary.rstrip().endswith("SCREEN_TEXT>>>")
        # ... and in the conversation the LLM is given, inside the untrusted-data block
        session = _session_of(server, analyzed["item_id"])
        context = "\n".join(str(m["content"]) for m in session.conversation.messages("system"))
        block = context[context.index("<<<SCREEN_TEXT"):context.index("SCREEN_TEXT>>>")]
        assert ERROR_LINE in block

        # asked in text, the real local model answers from it
        await c.send({"type": "conversation.item.create", "item": {"type": "message", "role": "user", "content": [
            {"type": "input_text", "text": "What does the error say?"}]}})
        await c.send({"type": "response.create"})
        done = await c.wait_for("response.done", timeout=180)
        assert done["response"]["status"] == "completed"
        said = " ".join(part.get("transcript") or part.get("text") or ""
                        for o in done["response"]["output"] for part in (o.get("content") or []))
        # Qwen2.5-0.5B names the error (the mistyped command and that git does not know it);
        # whether it quotes the whole line verbatim is measured, not asserted (see the report)
        print(f"\nreply to 'What does the error say?': {said!r}")  # shown with -s
        low = said.lower()
        assert "brnch" in low and "not a git command" in low, said
    finally:
        await c.close()
