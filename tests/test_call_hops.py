"""The pieces behind a call's per-hop times and its latency cuts, one at a time: when audio
was received, decoded and seen by the VAD; when the first voiced reply sample left; the
jitter hold on the receiving track; the reply track's first frame; Piper's lead-in."""
from __future__ import annotations

import asyncio

import numpy as np
import pytest

from media.audio_buffer import AudioBuffer
from media.pcm import first_voiced_sample, trim_leading_silence

RATE = 16_000


def tone(seconds: float, rate: int = 24_000, level: float = 0.3) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * 220 * t) * level * 32767).astype("<i2").tobytes()


def quiet(seconds: float, rate: int = 24_000) -> bytes:
    return b"\0\0" * int(seconds * rate)


# -------------------------------------------------------------------------- audio in: the hops

def test_each_append_keeps_when_it_was_received_decoded_and_seen_by_the_vad() -> None:
    buf = AudioBuffer(RATE)
    buf.append(np.zeros(320, np.float32), arrived=10.0, received=9.9)
    buf.append(np.zeros(320, np.float32), arrived=10.02, received=9.95)
    first = buf.hops_of(320)
    assert first == {"received": 9.9, "arrived": 10.0}  # not yet looked at by the VAD
    buf.vad_done(512, 10.03)  # the VAD's first 32 ms frame covers only the first append
    assert buf.hops_of(320)["vad"] == 10.03 and "vad" not in buf.hops_of(640)
    buf.vad_done(1024, 10.05)
    assert buf.hops_of(640)["vad"] == 10.05 and buf.hops_of(320)["vad"] == 10.03
    # a sample inside an append was spoken before the append's end: moved back by what follows it
    assert buf.hops_of(480)["arrived"] == pytest.approx(10.02 - 160 / RATE)
    # a transport that does not know when it received audio: received is the arrival
    buf.append(np.zeros(320, np.float32), arrived=11.0)
    assert buf.hops_of(960)["received"] == 11.0


async def test_the_vad_hop_is_set_only_once_a_whole_vad_frame_was_processed(runtime) -> None:
    from media.mic_input import MicInput

    mic = MicInput(runtime.vad, input_rate=RATE, threshold=0.5, silence_duration_ms=500, min_speech_ms=250, max_buffer_s=10)
    frame = b"\0\0" * 320  # 20 ms at 16 kHz; the VAD works on 32 ms frames
    await mic.feed(frame, arrived=1.0, received=0.9)
    assert "vad" not in mic.buffer.hops_of(320)
    await mic.feed(frame, arrived=1.02, received=0.92)  # 640 samples: one VAD frame (512) done
    hops = mic.buffer.hops_of(320)
    assert hops["received"] == 0.9 and hops["arrived"] == 1.0 and hops["vad"] >= 1.0
    assert "vad" not in mic.buffer.hops_of(640)  # its last 128 samples wait for the next frame


# -------------------------------------------------------------------------- audio out

def test_first_voiced_sample_and_the_lead_in_trim() -> None:
    pcm = quiet(0.066) + tone(0.2)
    first = first_voiced_sample(pcm)
    assert first is not None and abs(first - int(0.066 * 24_000)) <= 2
    trimmed = trim_leading_silence(pcm, 24_000, keep_ms=10)
    assert len(pcm) - len(trimmed) == pytest.approx((first - 240) * 2, abs=2)  # 10 ms of lead-in kept
    assert first_voiced_sample(trimmed) == pytest.approx(240, abs=2)
    assert trim_leading_silence(quiet(0.1), 24_000) == quiet(0.1)  # nothing voiced: left alone
    assert first_voiced_sample(quiet(0.1)) is None


async def test_websocket_playback_says_when_the_first_voiced_sample_plays() -> None:
    import time

    from agent.core.playback import EventPlayback

    sent: list[dict] = []

    async def send(event: dict) -> None:
        sent.append(event)

    playback = EventPlayback(send, lambda: "audio/pcm")
    before = time.monotonic()
    await playback.play("resp_1", "item_1", 0, quiet(0.04))
    assert playback.first_voiced_at("item_1") is None  # silence so far
    await playback.play("resp_1", "item_1", 0, quiet(0.01) + tone(0.03))
    at = playback.first_voiced_at("item_1")
    # the second piece plays after the first (40 ms), its voice 10 ms into it
    assert at is not None and at >= before + 0.05
    assert at <= time.monotonic() + 0.05 + 0.001
    await playback.play("resp_1", "item_1", 0, tone(0.02))
    assert playback.first_voiced_at("item_1") == at  # the first one stays


class FrozenClock:
    def __init__(self, now: float) -> None:
        self.now = now

    def monotonic(self) -> float:
        return self.now


async def test_the_reply_track_sends_audio_pushed_while_idle_at_once() -> None:
    """A track that is idle (sending silence) sends the reply's first frame as soon as it
    is pushed, not on the next tick of its 20 ms clock. The clock is frozen so that the
    next tick is 10 s away: only the early send can deliver the frame in time."""
    from media.rtc_audio import PlaybackTrack

    clock = FrozenClock(100.0)
    track = PlaybackTrack(rate=24_000, clock=clock.monotonic)
    first = await track.recv()  # silence; the track's clock starts at 100.0
    assert not np.any(np.frombuffer(bytes(first.planes[0]), "<i2"))
    clock.now = 90.0  # the next tick (100.02) is 10.02 s of real time away
    pending = asyncio.ensure_future(track.recv())
    await asyncio.sleep(0)  # let it start waiting
    track.push(quiet(0.005) + tone(0.015), tag="item_1")
    frame = await asyncio.wait_for(pending, 2.0)
    samples = np.frombuffer(bytes(frame.planes[0]), "<i2")
    assert first_voiced_sample(samples.tobytes()) is not None
    assert track.played_by_tag["item_1"] == pytest.approx(20.0)
    # the first voiced sample left 5 ms into that frame, on the (frozen) clock of its send
    assert track.first_voiced.get("item_1") == pytest.approx(90.0 + 0.005, abs=0.0005)
    track.stop()


async def test_a_busy_reply_track_keeps_its_20_ms_clock() -> None:
    from media.rtc_audio import PlaybackTrack

    clock = FrozenClock(100.0)
    track = PlaybackTrack(rate=24_000, clock=clock.monotonic)
    track.push(tone(0.06), tag="item_1")
    await track.recv()  # a voiced frame: the track is busy now
    clock.now = 90.0  # the next tick is 10 s of real time away
    pending = asyncio.ensure_future(track.recv())
    await asyncio.sleep(0)
    track.push(tone(0.02), tag="item_1")  # more audio while busy does not hurry the clock
    await asyncio.sleep(0.2)
    assert not pending.done()
    pending.cancel()
    track.stop()


# -------------------------------------------------------------------------- the receiving track

class _Transport:
    """Just enough of an RTCDtlsTransport for a receiver that is fed packets directly."""

    state = "connected"

    def _register_rtp_receiver(self, receiver, parameters) -> None:
        pass

    def _unregister_rtp_receiver(self, receiver) -> None:
        pass

    async def _send_rtp(self, data: bytes) -> None:
        pass


def _pcmu_packet(seq: int, ts: int) -> object:
    from aiortc.rtp import RtpPacket

    from media import g711

    return RtpPacket(payload_type=0, sequence_number=seq, timestamp=ts, ssrc=1234,
                     payload=g711.ulaw_encode(tone(0.02, rate=8000)))


async def _receiver(jitter_frames: int):
    from aiortc.rtcrtpparameters import RTCRtpCodecParameters, RTCRtpReceiveParameters
    from aiortc.rtcrtpreceiver import RemoteStreamTrack, RTCRtpReceiver

    from media.rtp_receive import ReceiveHooks

    receiver = RTCRtpReceiver("audio", _Transport())
    receiver._track = RemoteStreamTrack(kind="audio")  # what RTCPeerConnection does
    hooks = ReceiveHooks(receiver, jitter_frames)
    await receiver.receive(RTCRtpReceiveParameters(codecs=[RTCRtpCodecParameters(mimeType="audio/PCMU", clockRate=8000, payloadType=0)]))
    return receiver, hooks


async def test_the_receiving_track_holds_one_packet_and_knows_when_each_arrived() -> None:
    import time

    receiver, hooks = await _receiver(jitter_frames=1)
    assert hooks.tuned and hooks.timed
    try:
        t0 = time.monotonic()
        for seq in range(3):
            await receiver._handle_rtp_packet(_pcmu_packet(1000 + seq, 5000 + 160 * seq), arrival_time_ms=0)
        t1 = time.monotonic()
        # with a hold of one packet, three packets release two frames (aiortc's default: none before the 5th)
        frames = [await asyncio.wait_for(receiver.track.recv(), 5.0) for _ in range(2)]
        assert [f.pts for f in frames] == [0, 160]
        for f in frames:
            arrived = hooks.arrival_of(f.pts)
            assert arrived is not None and t0 <= arrived <= t1
        assert hooks.arrival_of(320 * 7) is None
    finally:
        await receiver.stop()


async def test_aiortcs_default_hold_is_kept_when_asked_for() -> None:
    from media.rtp_receive import AIORTC_AUDIO_PREFETCH

    receiver, hooks = await _receiver(jitter_frames=AIORTC_AUDIO_PREFETCH)
    try:
        for seq in range(AIORTC_AUDIO_PREFETCH + 1):
            await receiver._handle_rtp_packet(_pcmu_packet(seq, 160 * seq), arrival_time_ms=0)
        frame = await asyncio.wait_for(receiver.track.recv(), 5.0)  # the 5th packet released the 1st
        assert frame.pts == 0 and hooks.arrival_of(0) is not None
    finally:
        await receiver.stop()


def test_loopback_candidates_are_added_once_and_only_when_asked() -> None:
    from media.ice_hosts import LOOPBACK, host_addresses, interface_addresses, offer_loopback_candidates

    offer_loopback_candidates()
    offer_loopback_candidates()
    offered = host_addresses()
    assert offered.count(LOOPBACK) == 1 and offered[0] == LOOPBACK
    assert LOOPBACK not in interface_addresses()  # the machine's own list is unchanged


def test_a_fresh_config_offers_no_loopback_candidates_and_holds_one_packet() -> None:
    from agent.config import load_config

    config = load_config(env={})
    assert config.webrtc_loopback_candidates is False and config.webrtc_jitter_frames == 1
    assert load_config(env={"PARLEY_WEBRTC_JITTER_FRAMES": "4"}).webrtc_jitter_frames == 4

