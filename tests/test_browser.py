"""The browser voice client (web-client/) in Debian Chromium, against the real Parley server.

Chromium runs headless through Playwright (async API, on the same event loop as the in-process
server from conftest, so server state can be inspected directly). The microphone is Chromium's
fake capture device playing a wav made with Piper; everything after getUserMedia is the page's
own code: the capture AudioWorklet resamples to 24 kHz PCM16 and streams it over the Realtime
WebSocket, replies play through the playback AudioWorklet, and the page measures what it played.

Flags follow TESTING.md: fresh profile via launch_persistent_context, fake media device with
`--use-file-for-fake-audio-capture=/abs.wav%noloop`, 48 kHz wav files.
"""
from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import wave
from pathlib import Path
from typing import Any, AsyncIterator
from urllib.parse import quote

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
WAV_RATE = 48_000  # 16/24/48 kHz only: 44.1 kHz files came through corrupted in some runs
TURN_TIMEOUT_MS = 180_000  # upper bound for a spoken turn on a busy 2-core machine (not an assertion)

playwright_api = pytest.importorskip("playwright.async_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed"),
]

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    "--allow-loopback-in-peer-connection",  # WebRTC tests run in a namespace with loopback only
]


# ------------------------------------------------------------------------------------------ helpers

def piper_speech(runtime: Any, text: str, rate: int = WAV_RATE) -> np.ndarray:
    from media.pcm import pcm16_to_float, resample

    chunk = runtime.tts.synthesize_all(text, variation=False)  # reproducible input
    return resample(pcm16_to_float(chunk.pcm), chunk.sample_rate, rate)


def write_wav(path: Path, audio: np.ndarray, rate: int = WAV_RATE) -> Path:
    pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)
    return path


def mic_wav(path: Path, runtime: Any, text: str, lead_s: float = 0.6, tail_s: float = 60.0) -> Path:
    """Speech with silence before and after: the fake mic then stays quiet (%noloop)."""
    speech = piper_speech(runtime, text)
    audio = np.concatenate([np.zeros(int(lead_s * WAV_RATE), np.float32), speech, np.zeros(int(tail_s * WAV_RATE), np.float32)])
    return write_wav(path, audio)


def wav_data_url(runtime: Any, text: str, path: Path) -> str:
    write_wav(path, piper_speech(runtime, text))
    return "data:audio/wav;base64," + base64.b64encode(path.read_bytes()).decode()


def _json_or_none(payload: str | bytes) -> dict[str, Any] | None:
    try:
        event = json.loads(payload)
    except (ValueError, TypeError):
        return None
    return event if isinstance(event, dict) else None


class PageLog:
    """The page's `parley:` console lines and any page errors, for assertion messages; and
    every Realtime event the page receives on its WebSockets, checked as the Agents SDK
    checks them (tests/strict_events.py): a non-conforming one is an error of the page."""

    def __init__(self, page: Any) -> None:
        self.lines: list[str] = []
        self.errors: list[str] = []
        self.events_checked = 0
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("websocket", self._websocket)

    def _websocket(self, ws: Any) -> None:
        if "/v1/realtime" not in ws.url:
            return
        asked = {"extensions": "parley=1" in ws.url}

        def sent(payload: str | bytes) -> None:  # the page asks for Parley's events in session.update
            event = _json_or_none(payload)
            if event and event.get("type") == "session.update":
                wants = ((event.get("session") or {}).get("parley") or {}).get("events")
                if isinstance(wants, bool):
                    asked["extensions"] = wants

        ws.on("framesent", sent)
        ws.on("framereceived", lambda payload: self.check_event(_json_or_none(payload), asked["extensions"]))

    def check_event(self, event: dict[str, Any] | None, extensions: bool) -> None:
        from tests.strict_events import NonConformingEvent, check_server_event

        if event is None:
            self.errors.append("a WebSocket frame the page received is not a JSON object")
            return
        self.events_checked += 1
        try:
            check_server_event(event, extensions=extensions)
        except NonConformingEvent as exc:
            self.errors.append(str(exc)[:600])

    def _console(self, msg: Any) -> None:
        text = msg.text
        if text.startswith("parley:") or msg.type in ("error", "warning"):
            self.lines.append(text[:400])

    def tail(self, n: int = 60) -> str:
        return "\n".join(self.lines[-n:] + [f"PAGE ERROR: {e}" for e in self.errors])


@contextlib.asynccontextmanager
async def chromium(profile: Path, mic: Path | None = None, viewport: tuple[int, int] = (1000, 820)) -> AsyncIterator[Any]:
    args = list(CHROMIUM_FLAGS)
    if mic is not None:
        args += ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                 f"--use-file-for-fake-audio-capture={mic.resolve()}%noloop"]
    async with playwright_api.async_playwright() as p:
        ctx = await p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=args,
            viewport={"width": viewport[0], "height": viewport[1]},
        )
        try:
            yield ctx
        finally:
            await ctx.close()


async def open_client(ctx: Any, url: str, connected: bool = True) -> tuple[Any, PageLog]:
    page = ctx.pages[0] if ctx.pages else await ctx.new_page()
    log = PageLog(page)
    await page.goto(url)
    if connected:
        await page.wait_for_function("window.parley && window.parley.connected", timeout=30_000)
    return page, log


async def wait_for(page: Any, log: PageLog, expr: str, timeout: int = TURN_TIMEOUT_MS, arg: Any = None) -> Any:
    try:
        handle = await page.wait_for_function(expr, arg=arg, timeout=timeout, polling=100)
        return await handle.json_value()
    except playwright_api.TimeoutError:
        raise AssertionError(f"page never reached: {expr}\n--- page log ---\n{log.tail()}") from None


def is_subsequence(wanted: list[str], seq: list[str]) -> bool:
    it = iter(seq)
    return all(any(s == w for s in it) for w in wanted)


def find_session_with_item(runtime: Any, item_id: str) -> Any:
    for session in list(runtime.sessions.values()):
        if session.conversation.get(item_id) is not None:
            return session
    return None


# ------------------------------------------------------------------------------------------ tests

BARGE_IN: dict[str, Any] = {}  # what the barge-in test saw of the server's history, for the test after it


async def test_spoken_turn_shows_transcripts_and_plays_reply(server: Any, tmp_path: Path) -> None:
    """One spoken turn: live partial transcript, final transcript, streamed reply text, reply audio
    played by the page (measured at its output), latency waterfall; saves the page screenshots."""
    question = "Hello there. I have a question about my computer. Can you tell me what a web browser does?"
    mic = mic_wav(tmp_path / "question.wav", server.runtime, question)
    async with chromium(tmp_path / "profile", mic) as ctx:
        page, log = await open_client(ctx, server.http + "/")
        assert await page.evaluate("parley.state") == "ready"
        await page.click("#talk")
        await wait_for(page, log, "parley.micOn", timeout=30_000)
        assert await page.get_attribute("#talk", "aria-pressed") == "true"

        # While the reply plays, the page's output (an AnalyserNode after the playback worklet) is loud.
        await wait_for(page, log, "parley.state === 'agent-speaking'")
        level_while_playing = await page.evaluate(
            "new Promise(res => { let m = 0; const t = setInterval(() => { m = Math.max(m, parley.outputLevel()); }, 20);"
            " setTimeout(() => { clearInterval(t); res(m); }, 600); })")
        done = await wait_for(page, log, """(() => {
            const r = parley.responses().find(r => r.status === 'completed' && r.receivedSamples > 0);
            return r && !parley.playing && r.playedSamples === r.receivedSamples && r.heardMs !== null ? r : null;
        })()""")
        level_after = await page.evaluate("parley.outputLevel()")
        st = await page.evaluate("({partials: parley.partials, transcript: parley.transcript(), counters: parley.counters,"
                                 " history: parley.stateHistory.map(s => s.state), rate: parley.sampleRate(), log: parley.log})")

        # Live partial transcript: at least one partial arrived while the user was still speaking.
        assert any(p["speaking"] and p["text"].strip() for p in st["partials"]), f"no live partial transcript\n{log.tail()}"
        user = [t for t in st["transcript"] if t["role"] == "user"]
        assert user and user[0]["final"], f"no final transcript\n{log.tail()}"
        said = user[0]["text"].lower()
        assert "browser" in said or "computer" in said, said
        assert user[0]["text"] in await page.inner_text("#log .turn.user .final")

        # Reply text streamed into the page, and it is what the server's history holds.
        reply = done["text"].strip()
        assert reply, "empty reply text"
        shown = await page.inner_text("#log .turn.assistant .final")
        plain = lambda text: text.translate(str.maketrans("", "", "*_`")).strip()  # noqa: E731 - the page hides markdown marks
        assert plain(shown) == plain(reply)
        session = find_session_with_item(server.runtime, done["items"][0])
        assert session is not None, "the server has no session holding the reply"
        assert session.conversation.get(done["items"][0]).text.strip() == reply

        # Reply audio reached the page's output: all of it played, at a real level, then silence.
        assert done["receivedMs"] > 300
        assert done["maxPeak"] > 0.05, done
        assert level_while_playing > 0.05, level_while_playing
        assert level_after < 0.01, level_after

        # The mic stream went out at 24 kHz: samples sent match the page's own audio clock.
        mic_on_t = next(e["t"] for e in st["log"] if e["what"] == "mic-on")
        elapsed_s = (await page.evaluate("performance.now()") - mic_on_t) / 1000.0
        sent_s = st["counters"]["samplesSent"] / 24000.0
        assert 0.8 < sent_s / elapsed_s < 1.05, (sent_s, elapsed_s)
        assert st["rate"] in (44100, 48000)

        # States in order, and the waterfall under the reply (heard is measured in the page).
        assert is_subsequence(["listening", "user-speaking", "thinking", "agent-speaking", "listening"], st["history"]), st["history"]
        m = done["metrics"]
        assert m and m["speech_end_ms"] == 0 and done["heardMs"] >= m["first_audio_sent_ms"]
        for stage in ("end-of-speech", "end-of-turn", "transcript", "first-token", "first-audio", "heard"):
            assert await page.locator(f".turn.assistant .waterfall [data-stage='{stage}']").count() == 1, stage
        assert log.events_checked > 10, log.events_checked  # every event the page got was checked strictly
        assert not log.errors, log.errors

        ARTIFACTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / "browser-turn.png"))
        await page.set_viewport_size({"width": 390, "height": 844})
        await page.wait_for_timeout(100)  # one layout pass after the resize
        assert await page.evaluate("document.documentElement.scrollWidth") <= 390
        await page.screenshot(path=str(ARTIFACTS / "browser-turn-phone.png"))


async def test_barge_in_stops_playback_and_truncates_server_history(server: Any, tmp_path: Path, monkeypatch: Any) -> None:
    """Speaking over the reply silences it at once, drops its late audio, and the server receives
    conversation.item.truncate with exactly the ms the page played and trims its history to it."""
    from agent.core.conversation import Conversation
    from agent.core.session import VoiceSession

    received: list[dict[str, Any]] = []  # conversation.item.truncate events as the server got them
    cuts: list[dict[str, Any]] = []  # every history truncation (the server's own and the client's), state before
    original = VoiceSession._on_item_truncate
    original_cut = Conversation.truncate

    async def spy(self: Any, event: Any) -> None:  # agent.core.client_events.ItemTruncate
        received.append({"item_id": event.item_id, "audio_end_ms": event.audio_end_ms, "content_index": event.content_index, "session": self.id})
        await original(self, event)

    def spy_cut(self: Any, item_id: str, audio_end_ms: float) -> Any:
        item = self.get(item_id)
        if item is not None:
            cuts.append({"item_id": item_id, "audio_end_ms": audio_end_ms, "text": item.text,
                         "spans": list(item.spans), "audio_ms": item.audio_ms})
        return original_cut(self, item_id, audio_end_ms)

    monkeypatch.setattr(VoiceSession, "_on_item_truncate", spy)
    monkeypatch.setattr(Conversation, "truncate", spy_cut)

    mic = mic_wav(tmp_path / "question.wav", server.runtime, "Please tell me a long story about a cat who learns to fix computers.")
    barge = wav_data_url(server.runtime, "Stop. Wait a moment, I have a different question about printers.", tmp_path / "barge.wav")
    instructions = quote("You are a storyteller. Always answer with at least four long sentences.")
    async with chromium(tmp_path / "profile", mic) as ctx:
        page, log = await open_client(ctx, f"{server.http}/?instructions={instructions}")
        await page.click("#talk")
        # Let the reply play for a moment (so some words were heard), then talk over it.
        first = await wait_for(page, log, "parley.responses().find(r => r.startedPerf !== null && r.playedMs >= 800)")
        # Speak over the reply (mixed into the capture worklet's input, like a second voice at the mic).
        await page.evaluate("(url) => { parley.speak(url); }", barge)
        await wait_for(page, log, "parley.counters.truncatesSent >= 1 && parley.counters.truncatedAcks >= 1")
        level_after_cut = await page.evaluate("parley.outputLevel()")
        await wait_for(page, log, "parley.truncates[0] && parley.truncates[0].server_transcript !== undefined", timeout=30_000)
        st = await page.evaluate("({responses: parley.responses(), truncates: parley.truncates, counters: parley.counters,"
                                 " history: parley.stateHistory.map(s => s.state), log: parley.log})")
        r1 = next(r for r in st["responses"] if r["id"] == first["id"])
        t = st["truncates"][0]

        # The page: playback stopped, the reply was cancelled, and what was heard was measured.
        assert r1["cancelled"] and r1["interrupted"], r1
        assert 0 < r1["playedSamples"] <= r1["receivedSamples"], r1
        assert t["item_id"] == r1["items"][0] and t["response_id"] == r1["id"]
        assert t["audio_end_ms"] == (r1["playedSamples"] * 1000) // 24000, (t, r1)
        assert level_after_cut < 0.01, level_after_cut
        assert is_subsequence(["agent-speaking", "interrupted"], st["history"]), st["history"]
        whats = [e["what"] for e in st["log"] if e["what"] not in ("event", "state", "send", "partial")]
        # Held (silenced) at speech_started, then dropped on the server's verdict. The worklet's
        # "paused" reply may come after a verdict that was immediate (speech in a gap of the reply).
        assert is_subsequence(["barge-in-hold", "barge-in-confirmed", "flushed"], whats), (whats, log.tail(120))
        assert "paused" in whats, whats
        # Nothing of the cancelled reply played after the cut.
        await page.wait_for_timeout(300)
        later = await page.evaluate("(id) => parley.responses().find(r => r.id === id)", r1["id"])
        assert later["playedSamples"] == r1["playedSamples"]

        # The server: it received exactly that truncate, and its history keeps only what was heard.
        mine = [e for e in received if e["item_id"] == t["item_id"]]
        assert len(mine) == 1, received
        assert mine[0]["audio_end_ms"] == t["audio_end_ms"] and mine[0]["content_index"] == 0
        session = find_session_with_item(server.runtime, t["item_id"])
        assert session is not None and session.id == mine[0]["session"]
        item = session.conversation.get(t["item_id"])
        assert item.status == "incomplete"
        assert item.audio_ms <= t["audio_end_ms"] + 1
        full = r1["text"]
        assert full.startswith(item.text) and len(item.text) < len(full.rstrip()), (item.text, full)
        assert t["server_transcript"] == item.text.strip()
        # What the history should hold: the server's own rule (heard_text) applied to the whole reply
        # as it was before any truncation, at the client's measured cut. Checked in the next test.
        from agent.core.conversation import Item

        before = next(c for c in cuts if c["item_id"] == t["item_id"])
        untouched = Item(type="message", role="assistant", text=before["text"], spans=before["spans"], audio_ms=before["audio_ms"])
        BARGE_IN.update(kept=item.text, expected=untouched.heard_text(t["audio_end_ms"]), audio_end_ms=t["audio_end_ms"],
                        cuts=[(c["audio_end_ms"], len(c["spans"])) for c in cuts if c["item_id"] == t["item_id"]])
        history = session.conversation.messages("system")
        if item.text:  # words heard: the LLM sees them, marked as cut off
            at = next(i for i, msg in enumerate(history) if msg["role"] == "assistant" and msg["content"] == item.text)
            assert history[at + 1]["role"] == "system" and "interrupted" in history[at + 1]["content"], history
        else:  # not one whole word heard: the reply is not in the LLM's context at all
            assert not any(msg["role"] == "assistant" and msg["content"].startswith(full[:20]) for msg in history), history

        # The interruption became the user's next turn.
        await wait_for(page, log, "parley.transcript().some(t => t.role === 'user' && t.final && /printer/i.test(t.text))")
        assert not log.errors, log.errors


def test_server_history_keeps_the_words_heard_before_the_cut() -> None:
    """After a barge-in, the server's history holds exactly the words whose audio the page played."""
    if not BARGE_IN:
        pytest.skip("needs test_barge_in_stops_playback_and_truncates_server_history to run first")
    assert BARGE_IN["kept"] == BARGE_IN["expected"], BARGE_IN


async def test_server_errors_are_shown_and_text_input_works(server: Any, tmp_path: Path) -> None:
    """A malformed event and a rejected one come back as `error` events the page shows in words;
    the session goes on, and the keyboard-only text path still gets a reply."""
    async with chromium(tmp_path / "profile") as ctx:
        page, log = await open_client(ctx, server.http + "/")
        await page.evaluate("parley.sendRaw('{this is not json')")
        await wait_for(page, log, "parley.errors.length >= 1", timeout=30_000)
        banner = page.locator("#banner")
        assert await banner.is_visible()
        assert await banner.get_attribute("role") == "alert"
        text = await page.inner_text("#banner-text")
        assert "not valid JSON" in text and "invalid_json" in text, text

        await page.evaluate("parley.send({type: 'conversation.item.truncate', item_id: 'item_nope', content_index: 0, audio_end_ms: 5})")
        await wait_for(page, log, "parley.errors.length >= 2", timeout=30_000)
        text = await page.inner_text("#banner-text")
        assert "item_nope" in text and "item_not_found" in text, text
        assert await page.evaluate("parley.connected")  # errors are not fatal
        assert await page.evaluate("parley.state") != "error"

        assert not await page.locator("#reconnect").is_visible()  # only offered when the connection is gone

        # Keyboard only: skip link, the error's dismiss button, Talk, then the message box; Enter sends.
        focus = "document.activeElement.id || document.activeElement.className"
        await page.keyboard.press("Tab")
        assert await page.evaluate(focus) == "skip"
        await page.keyboard.press("Tab")
        assert await page.evaluate(focus) == "dismiss"
        await page.keyboard.press("Enter")
        assert not await banner.is_visible()
        await page.keyboard.press("Tab")
        assert await page.evaluate(focus) == "talk"
        await page.keyboard.press("Tab")
        assert await page.evaluate(focus) == "text-input"
        assert await page.evaluate("document.querySelector('label[for=text-input]') !== null")
        assert await page.get_attribute("#log", "aria-live") == "polite"
        await page.keyboard.type("Say hello in five words.")
        await page.keyboard.press("Enter")
        done = await wait_for(page, log, "parley.responses().find(r => r.status === 'completed' && r.text.trim())")
        assert done["text"].strip()
        assert "Say hello in five words." in await page.inner_text("#log .turn.user")
        assert not log.errors, log.errors


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_cli_server(port: int, key: str, logfile: Path) -> subprocess.Popen:
    env = {**os.environ, "PARLEY_API_KEYS": key, "PARLEY_LOG_LEVEL": "warning"}
    out = open(logfile, "ab")
    return subprocess.Popen([sys.executable, "-m", "agent.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


async def _wait_healthy(port: int, proc: subprocess.Popen, limit_s: float = 180.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit_s
    while loop.time() < deadline:
        assert proc.poll() is None, "the server process exited"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        await asyncio.sleep(0.25)
    raise AssertionError("the server never became healthy")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


async def test_api_key_prompt_server_down_and_reconnect(tmp_path: Path) -> None:
    """`parley serve` with an API key: the page asks for it (password field), says when it is
    wrong, connects with the right one; when the server dies the page shows the error and retries;
    the Reconnect button brings it back with the key kept in sessionStorage."""
    port = _free_port()
    key = "test-key-" + os.urandom(6).hex()
    logfile = tmp_path / "server.log"
    proc = _start_cli_server(port, key, logfile)
    try:
        await _wait_healthy(port, proc)
        async with chromium(tmp_path / "profile") as ctx:
            page, log = await open_client(ctx, f"http://127.0.0.1:{port}/", connected=False)
            await wait_for(page, log, "parley.state === 'auth'", timeout=30_000)
            assert await page.get_attribute("#api-key", "type") == "password"
            assert await page.evaluate("document.activeElement.id") == "api-key"
            page_html = await page.content()
            assert key not in page_html

            await page.fill("#api-key", "wrong-key")
            await page.press("#api-key", "Enter")
            await wait_for(page, log, "parley.state === 'auth' && document.getElementById('auth-msg').textContent.includes('did not accept')", timeout=30_000)

            await page.fill("#api-key", key)
            await page.press("#api-key", "Enter")
            await wait_for(page, log, "parley.connected", timeout=30_000)
            assert await page.evaluate("sessionStorage.getItem('parley.apiKey')") == key
            assert not await page.locator("#auth").is_visible()

            _stop(proc)
            await wait_for(page, log, "parley.state === 'error' && parley.counters.reconnects >= 1", timeout=60_000)
            assert await page.locator("#banner").is_visible()
            text = await page.inner_text("#banner-text")
            assert "connection lost" in text.lower() or "cannot reach the server" in text.lower(), text
            assert await page.locator("#reconnect").is_visible()
            # The button retries at once (and fails again while the server is down).
            shown = await page.evaluate("parley.counters.errorsShown")
            await page.click("#reconnect")
            await wait_for(page, log, f"parley.counters.errorsShown > {shown} && parley.state === 'error'", timeout=30_000)

            # Server back: the page reconnects by itself, with the key it kept.
            proc = _start_cli_server(port, key, logfile)
            await _wait_healthy(port, proc)
            await wait_for(page, log, "parley.connected", timeout=60_000)
            assert not await page.locator("#auth").is_visible()
            assert not await page.locator("#banner").is_visible()
            assert not log.errors, log.errors
    finally:
        _stop(proc)


async def test_screenshot_drop_shows_thumbnail_and_what_was_read(server: Any, tmp_path: Path) -> None:
    """A dropped (and a pasted) screenshot is sent as input_image, shown as a thumbnail, and the page
    shows what the server read off it (parley.image.analyzed)."""
    pytest.importorskip("agent.tickets.pipeline", reason="the screenshot pipeline (agent.tickets) is not there yet")
    from tests.images import ERROR_LINE, error_dialog, terminal

    png = error_dialog().png()
    async with chromium(tmp_path / "profile") as ctx:
        page, log = await open_client(ctx, server.http + "/")
        await page.evaluate("""(b64) => {
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], 'error.png', {type: 'image/png'}));
            document.body.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
        }""", base64.b64encode(png).decode())
        await wait_for(page, log, "document.querySelector('.turn.user .shot img') !== null", timeout=30_000)
        assert (await page.get_attribute(".turn.user .shot img", "src")).startswith("data:image/png;base64,")
        await wait_for(page, log, "parley.log.some(e => e.what === 'image-analyzed')", timeout=60_000)
        caption = await page.inner_text(".turn.user .shot figcaption")
        assert "Permission denied" in caption or ERROR_LINE.split(":")[0] in caption, caption

        # Pasting works the same way (Ctrl+V of a screenshot on the clipboard).
        await page.evaluate("""(b64) => {
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], 'pasted.png', {type: 'image/png'}));
            document.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));
        }""", base64.b64encode(terminal().png()).decode())
        await wait_for(page, log, "document.querySelectorAll('.turn.user .shot img').length === 2", timeout=30_000)
        await wait_for(page, log, "parley.log.filter(e => e.what === 'image-analyzed').length === 2", timeout=60_000)
        caption = await page.locator(".turn.user .shot figcaption").nth(1).inner_text()
        assert "ConnectionError" in caption or "cannot reach" in caption, caption
        assert not log.errors, log.errors
        ARTIFACTS.mkdir(exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / "browser-image.png"))


BROWSER_CALL = """async () => {
    // What a web page does to talk to Parley over WebRTC (README: WebRTC calls).
    const pc = new RTCPeerConnection();
    const mic = await navigator.mediaDevices.getUserMedia({audio: true});
    pc.addTrack(mic.getTracks()[0], mic);
    const events = pc.createDataChannel('oai-events');
    window.call = {pc, events: [], peak: 0};
    events.onmessage = (e) => window.call.events.push(JSON.parse(e.data));
    pc.ontrack = (e) => {
        const speaker = new Audio();
        speaker.srcObject = new MediaStream([e.track]);
        speaker.play();
        const ctx = new AudioContext();
        const analyser = ctx.createAnalyser();
        ctx.createMediaStreamSource(new MediaStream([e.track])).connect(analyser);
        const buf = new Float32Array(analyser.fftSize);
        setInterval(() => {
            analyser.getFloatTimeDomainData(buf);
            for (const v of buf) window.call.peak = Math.max(window.call.peak, Math.abs(v));
        }, 20);
    };
    await pc.setLocalDescription(await pc.createOffer());
    const answer = await fetch('/v1/realtime/calls', {method: 'POST', body: pc.localDescription.sdp,
                                                      headers: {'Content-Type': 'application/sdp'}});
    if (answer.status !== 201) return {status: answer.status, body: await answer.text()};
    await pc.setRemoteDescription({type: 'answer', sdp: await answer.text()});
    return {status: answer.status, location: answer.headers.get('Location'), secret: answer.headers.get('Parley-Call-Secret')};
}"""


async def test_a_browser_talks_to_parley_over_webrtc(server: Any, tmp_path: Path) -> None:
    """Chromium's own WebRTC stack (Opus, ICE, DTLS, SCTP) against Parley's aiortc side: the
    question from the fake mic is transcribed, the reply comes back as audio the page hears."""
    from tests.rtc_caller import why_no_webrtc_here

    if (why := why_no_webrtc_here()) is not None:
        pytest.skip(why)
    mic = mic_wav(tmp_path / "question.wav", server.runtime, "What is the capital of France?")
    async with chromium(tmp_path / "profile", mic) as ctx:
        page = ctx.pages[0] if ctx.pages else await ctx.new_page()
        log = PageLog(page)
        await page.goto(server.http + "/v1/openapi.json")  # any page of the server's origin
        started = await page.evaluate(BROWSER_CALL)
        assert started["status"] == 201, started
        await wait_for(page, log, "window.call.pc.connectionState === 'connected'", timeout=60_000)
        done = await wait_for(page, log, "window.call.events.find(e => e.type === 'response.done') || null")
        assert done["response"]["status"] == "completed", done
        events = await page.evaluate("window.call.events")
        for event in events:  # the data channel's events, checked as a strict client checks them
            log.check_event(event, extensions=False)
        heard = next(e["transcript"] for e in events if e["type"] == "conversation.item.input_audio_transcription.completed")
        reply = next(e["transcript"] for e in events if e["type"] == "response.output_audio_transcript.done")
        assert "capital of france" in heard.lower() and "paris" in reply.lower(), (heard, reply)
        peak = await wait_for(page, log, "window.call.peak > 0.05 ? window.call.peak : null", timeout=30_000)
        assert peak > 0.05  # the reply's audio reached the page over the RTP track
        import httpx

        async with httpx.AsyncClient() as http:
            assert (await http.post(server.http + started["location"] + "/hangup", headers={"Parley-Call-Secret": started["secret"]})).status_code == 200
        assert not log.errors, log.errors
