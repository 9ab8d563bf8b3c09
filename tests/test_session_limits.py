"""Limits one session cannot pass, whatever its transport: the audio budget and the idle timeout."""
from __future__ import annotations

import numpy as np

from agent.core.session_limits import AudioBudget

from .conftest import silence, start_server, stop_server
from .realtime_client import RawClient
from .session_probe import SessionProbe


def test_the_audio_budget_allows_a_burst_then_a_multiple_of_real_time():
    budget = AudioBudget(ratio=4.0, burst_s=10.0)
    assert budget.allow(10.0, now=0.0)  # a 10 s recording sent at once
    assert not budget.allow(0.1, now=0.0)  # nothing left
    assert budget.allow(0.4, now=0.1)  # 0.1 s later: 4 x 0.1 s of audio may come
    assert not budget.allow(0.1, now=0.1)
    assert budget.allow(10.0, now=100.0)  # refills, but never beyond the burst
    assert not budget.allow(0.5, now=100.0)


async def test_audio_faster_than_the_budget_is_refused_on_the_media_path(runtime):
    """WebRTC and phone audio reach the session through feed_pcm16: the same budget holds."""
    async with SessionProbe(runtime, max_audio_rate_x=2.0, max_audio_burst_s=2.0) as probe:
        await probe.configure()
        pcm = (np.zeros(24000, np.int16)).tobytes()  # 1 s at 24 kHz
        for _ in range(6):  # 6 s of audio at one instant
            await probe.session.feed_pcm16(pcm, arrived=1000.0)
        errors = probe.of("error")
        assert [e["error"]["code"] for e in errors] == ["rate_limited"]  # said once, not per frame
        assert probe.session.mic.end <= 2 * 16000 + 1600  # only the burst reached the buffer


async def test_an_idle_websocket_session_is_closed_and_its_slot_freed(runtime):
    live = await start_server(runtime, session_idle_timeout_s=0.5, max_sessions=1)
    try:
        idle = await RawClient.connect(live.ws + "/realtime")
        await idle.wait_for("session.created")
        err = await idle.wait_for("error", timeout=30)  # the server, not the test, keeps the time
        assert err["error"]["code"] == "session_idle"
        await idle.ws.wait_closed()
        assert idle.ws.close_code == 1001
        fresh = await RawClient.connect(live.ws + "/realtime")  # the one slot is free again
        await fresh.wait_for("session.created")
        await fresh.configure()
        await fresh.stream_audio(silence(0.2))
        await fresh.close()
    finally:
        await stop_server(live)
