"""TurnTaking: the listening half of a VoiceSession, from microphone PCM to committed turns.

Audio in → `MicInput` (buffer, VAD, endpointing) → events of the session's `TurnMachine`
(agent/core/turn_machine.py), which decides, with no I/O, what each one does to the turns;
this module runs the commands it returns: streaming partial transcripts; at the first pause
a *draft* (final decode + reply, held back); on enough silence a commit, or a drop (noise,
backchannel, echo), or a merge into the next turn when the user goes on within
`merge_window_ms`. Speech over a playing reply is judged here (a decode, the echo check):
a barge-in interrupts the reply, anything else is announced as `parley.speech.ignored`.
Turns commit one at a time (`_commit_lock`).

It is a mixin of `VoiceSession` (agent/core/session.py), which owns the state it uses: the
task group (`_spawn`), the conversation, the response (`audible_reply`, `interrupt`,
`_new_reply`, `_take_floor`) and `send`.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

import anyio

from media.audio_buffer import AudioBufferFull
from media.endpointing import PauseStarted, SpeechResumed, SpeechStarted, TurnEnded
from media.mic_input import RATE
from models.asr import Transcript, is_probable_hallucination, normalise_words
from models.priority_gate import Priority, Rank

from .conversation import Item
from .protocol import AUDIO_FORMATS, ProtocolError, error_event
from .response import ResponseRun
from . import turn_machine as tm
from .turn import Draft, Turn, TurnState

log = logging.getLogger("parley.session")

BACKCHANNELS = {"mm hmm", "mhm", "mm", "hmm", "uh huh", "yeah", "yep", "yes", "ok", "okay", "right", "sure", "uh", "um", "ah", "oh", "i see"}
BACKCHANNEL_WORDS = {w for phrase in BACKCHANNELS for w in phrase.split()} - {"i", "see"}
FILLERS = {"and", "the", "a", "an", "in", "so"}  # tiny.en writes Piper's "Mm-hm." as "and the MHM.", "in the MHCM."
INTERRUPTIONS = {"stop", "wait", "no", "hold", "hang", "sorry", "excuse", "pardon", "hey", "but", "actually", "what"}
PARTIAL_EVERY_MS = 600
# The speech has been silent this long: a pause (its draft's final decode) is at most a few
# frames away. A partial started now held the one ASR slot ahead of that decode: on real
# recordings a final transcript waited 200-600 ms behind a partial of the same words.
PARTIAL_SKIP_SILENCE_MS = 32
TAIL_MS = 200  # audio decoded past the last voiced frame
OVERLAP_MAX_MS = 1200  # speech over a reply judged "not a turn" this long is ignored even if it goes on
ECHO_SIMILARITY = 0.55  # the mic's waveform matches the reply's played audio this well: its echo (media/echo_reference.py)


class TurnTaking:
    # -- audio in -------------------------------------------------------------------------------
    async def _reset_input(self) -> None:
        self.mic.reset(AUDIO_FORMATS[self.input_format])
        self._buffer_full_reported = False

    async def feed_pcm16(self, pcm: bytes, arrived: float, received: float | None = None) -> None:
        """Microphone PCM16 from a media transport (WebRTC, phone); errors become events.
        `arrived`: now (decoded); `received`: when the transport got it (the RTP packet, the
        Twilio frame), for the turn's per-hop times."""
        try:
            await self._feed(pcm, arrived, received)
        except ProtocolError as exc:
            await self.send(error_event(exc.code, exc.message, param=exc.param, hint=exc.hint))

    async def _feed(self, pcm: bytes, arrived: float, received: float | None = None) -> None:
        if not self._audio_budget.allow(len(pcm) / 2 / self.mic.input_rate, arrived):
            if self._rate_reported:
                return  # said once until audio slows down; the rest is dropped
            self._rate_reported = True
            raise ProtocolError("rate_limited", f"audio arrives faster than {self.config.max_audio_rate_x:g}x real time",
                                param="audio", hint="stream audio as it is recorded (a burst of "
                                f"{self.config.max_audio_burst_s:g} s is allowed)")
        self._rate_reported = False
        try:
            events = await self.mic.feed(pcm, arrived, received)
        except AudioBufferFull as exc:
            if self._buffer_full_reported:
                return  # said once; the client must commit or clear
            self._buffer_full_reported = True
            raise ProtocolError("input_audio_buffer_full", str(exc), param="audio",
                                hint="commit or clear the buffer (input_audio_buffer.commit / .clear), or enable server_vad") from None
        self._buffer_full_reported = False
        for ev in events:
            await self._on_endpoint(ev)
        await self._split_long_turn()
        self._release_old_audio()
        await self._turn_changed()

    def _release_old_audio(self) -> None:
        if not self.mic.detect:
            return  # no turn detection: everything since the last commit stays
        pad = int((self.turn_detection or {}).get("prefix_padding_ms", 300)) + 600
        keep = self.mic.end - pad * RATE // 1000
        needed = self.turns.oldest_needed(self.mic.end)  # their audio may still be decoded (again, if merged)
        self.mic.buffer.keep_from(keep if needed is None else min(keep, needed))

    async def _split_long_turn(self) -> None:
        """A turn may not outgrow `max_turn_s` (hold music, a monologue): it is committed
        there and the speech goes on as a new turn."""
        turn = self.turns.open
        if turn is None or self.mic.end - turn.start < self.config.max_turn_s * RATE:
            return
        log.info("session %s: turn over %.0f s, committed and continued", self.id, self.config.max_turn_s)
        end_ms = self.mic.eos.now_ms
        last = self.mic.sample_at_ms(end_ms)
        await self._advance(tm.Ended(end_ms, last, last + TAIL_MS * RATE // 1000, cut_at_max=True))

    async def _on_endpoint(self, ev: Any) -> None:
        if isinstance(ev, SpeechStarted):
            td = self.turn_detection or {}
            speech_start = self.mic.sample_at_ms(ev.start_ms)
            start = max(self.mic.buffer.start, speech_start - int(td.get("prefix_padding_ms", 300)) * RATE // 1000)
            reply = self.audible_reply
            await self._advance(tm.SpeechBegan(start, speech_start, ev.start_ms, reply is not None, self.extensions,
                                               reply_heard_ms=reply.heard_ms if reply is not None else 0.0))
        elif isinstance(ev, PauseStarted):
            await self._advance(tm.Paused(ev.speech_end_ms, *self._draft_span(ev.speech_end_ms)))
        elif isinstance(ev, SpeechResumed):
            await self._advance(tm.Resumed())
        elif isinstance(ev, TurnEnded):
            await self._advance(tm.Ended(ev.speech_end_ms, *self._draft_span(ev.speech_end_ms)))

    def _count_thrown_away(self, draft: Draft) -> None:
        """What a withdrawn draft cost (`runtime.counters`, read by bench/voice_latency.py and
        bench/asr_real.py): its final decode, and the reply it had started, if any."""
        self.runtime.count("drafts_withdrawn")
        marks = draft.metrics.marks
        if "asr_final" in marks and "speech_end" in marks:
            self.runtime.count("drafts_withdrawn_decode_ms", round((marks["asr_final"] - marks["speech_end"]) * 1000))
        if draft.reply is not None:
            self.runtime.count("drafts_withdrawn_with_reply")
            self.runtime.count("drafts_withdrawn_reply_ms", round((time.monotonic() - draft.reply.run.created_at) * 1000))

    def _draft_span(self, speech_end_ms: float) -> tuple[int, int]:
        """The last voiced sample of a speech ending at `speech_end_ms`, and where its
        decoded audio ends (a little past it)."""
        last = self.mic.sample_at_ms(speech_end_ms)
        return last, last + TAIL_MS * RATE // 1000

    # -- running the turn machine's commands ----------------------------------------------------
    async def _advance(self, ev: tm.Event) -> list[tm.Command]:
        """One event into the turn machine; its commands run in order (each may await)."""
        commands = self.turns.advance(ev)
        await self._run_all(commands)
        return commands

    async def _run_all(self, commands: list[tm.Command]) -> None:
        for cmd in commands:
            await self._run(cmd)
        if not commands:
            await self._turn_changed()  # a move without commands (a commit's state) still wakes waiters

    async def _run(self, cmd: tm.Command) -> None:
        if isinstance(cmd, tm.Announce):
            await self.send({"type": "input_audio_buffer.speech_started", "audio_start_ms": int(cmd.turn.speech_start_ms), "item_id": cmd.turn.item_id})
        elif isinstance(cmd, tm.StreamPartials):
            self._spawn(self._partials(cmd.turn), "partials")
        elif isinstance(cmd, tm.JudgeOverlap):
            self._spawn(self._judge_overlap(cmd.turn, cmd.speech_start), "barge-in")
        elif isinstance(cmd, tm.Decode):
            self.runtime.count("drafts_started")
            self._decode(cmd.turn, cmd.draft, cmd.create_response)
        elif isinstance(cmd, tm.Withdraw):
            self._count_thrown_away(cmd.draft)
            await cmd.draft.cancel()
            cmd.turn.retract(self.conversation, cmd.draft)
        elif isinstance(cmd, tm.StartCommit):
            assert cmd.turn.draft is not None
            cmd.turn.draft.metrics.mark("end_of_turn")
            self._spawn(self._commit(cmd.turn), "commit")  # the read loop keeps reading audio meanwhile
        elif isinstance(cmd, tm.CommitNow):
            await self._commit(cmd.turn)
        elif isinstance(cmd, tm.Drop):
            log.info("session %s: turn %s dropped (%s)", self.id, cmd.turn.item_id, cmd.reason)
            await self._take_back(cmd.turn)
            if cmd.announce:  # after speech_stopped a client waits for a commit that will not come
                await self._announce_ignored(cmd.turn, cmd.reason)
        elif isinstance(cmd, tm.Merge):
            await self._merge(cmd.prev, cmd.turn, cmd.resumed_at)
        elif isinstance(cmd, tm.Interrupt):
            await self.interrupt("barge_in")
        elif isinstance(cmd, tm.Ignore):
            log.info("session %s: speech over the reply ignored (%s)", self.id, cmd.reason)
            await self._announce_ignored(cmd.turn, cmd.reason)
        elif isinstance(cmd, tm.Retract):
            await self._take_back(cmd.turn)
        elif isinstance(cmd, tm.Accept):
            await self._accept(cmd.turn, cmd.heard)
        elif isinstance(cmd, tm.ResetInput):
            await self._reset_input()
        elif isinstance(cmd, tm.ContinueSpeech):
            self.mic.eos.reset()  # the speech goes on: EndOfSpeech starts a new turn
            self.mic.origin = self.mic.end
        await self._turn_changed()

    async def _wait_audio(self, turn: Turn, until: int, *, through_pauses: bool = False) -> None:
        """Until the buffer reaches sample `until`, or the turn stops speaking (with
        `through_pauses`: until the turn has ended)."""
        def done() -> bool:
            going = turn.open if through_pauses else turn.state is TurnState.SPEAKING
            return self.mic.end >= until or not going or self._closed

        async with self._arrived:
            await self._arrived.wait_for(done)

    # -- streaming partial transcripts --------------------------------------------------------
    async def _partials(self, turn: Turn) -> None:
        last_end = turn.start
        waiting_out_silence = False  # a partial is due, but the speech has gone quiet
        while turn.open:
            await self._wait_audio(turn, last_end + PARTIAL_EVERY_MS * RATE // 1000)
            if turn.state is not TurnState.SPEAKING:
                if turn.state is TurnState.DRAFT:
                    async with self._arrived:  # paused: wait for speech to resume or the turn to end
                        await self._arrived.wait_for(lambda: turn.state is not TurnState.DRAFT)
                continue
            if not turn.judged.is_set():  # speech over a reply: the verdict's decode first (it may cancel the reply)
                await turn.judged.wait()
                continue
            if self.mic.eos.silence_ms >= PARTIAL_SKIP_SILENCE_MS:
                if not waiting_out_silence:
                    self.runtime.count("partials_skipped_in_silence")
                waiting_out_silence = True
                await self._wait_audio(turn, self.mic.end + 1)  # the next frame: speech resumes, or the pause comes
                continue
            waiting_out_silence = False
            last_end = self.mic.end
            if self.runtime.a_user_waits_for_a_reply(besides=self.id, drafts=True):
                # another user's reply needs the cores more than a live caption: a partial beside
                # another user's draft made its prompt evaluation 230 ms instead of 120 (bench/load.py)
                self.runtime.count("partials_deferred")
                continue
            t = await self._transcribe(self.mic.slice(turn.start, last_end), rank=Rank.BACKGROUND)
            if is_probable_hallucination(t) or turn.state is not TurnState.SPEAKING:
                continue
            prev, turn.partial_text = turn.partial_text, t.text
            self.mic.eos.transcript_hint = t.text
            self.runtime.reply_policy.note_user_text(t.text)
            await self._prefill_while_speaking(t.text)
            await self._emit_partial(turn, _common_word_prefix(prev, t.text))

    async def _prefill_while_speaking(self, partial: str) -> None:
        """Put the prompt the reply will most likely get (history, the knowledge note the
        words so far call for, and the words themselves) into the local LLM's KV cache
        while the user still speaks, so that at the end of the turn only the words the
        final transcript adds or changes are left to evaluate. Only when the model is idle."""
        llm = self.runtime.llm
        if not hasattr(llm, "prefill") or getattr(llm, "busy", True):
            return
        history = self.conversation.messages(self.model_instructions)
        # off the event loop: the note's article is checked by meaning (a forward pass of the sentence encoder)
        msgs = await asyncio.to_thread(self.runtime.reply_policy.speculative_messages, history, partial)
        if msgs is not None and msgs != self._speculated and not getattr(llm, "busy", True):
            self._speculated = msgs
            # the tools the reply's prompt will list (with tool_choice none too: its cache holds; agent/core/response.py)
            tools = self.tools.schemas(self.client_tools, builtin=self.offers_builtin_tools)
            self._spawn(llm.prefill(msgs, tools, owner=self.id), "prefill")

    async def _emit_partial(self, turn: Turn, stable: str) -> None:
        if turn.announced and len(stable) > turn.partial_emitted:
            delta = stable[turn.partial_emitted:]
            turn.partial_emitted = len(stable)
            await self.send({"type": "conversation.item.input_audio_transcription.delta", "item_id": turn.item_id, "content_index": 0, "delta": delta})

    async def _transcribe(self, audio: Any, final: bool = False, rank: Rank = Rank.WAITING, since: float | None = None) -> Transcript:
        """One decode on the shared ASR slot. A turn's final transcript (and a check of speech
        over a reply) ranks first; a partial (`Rank.BACKGROUND`) waits behind any of them."""
        asr = self.runtime.asr
        priority = Priority(rank, time.monotonic() if since is None else since)
        async with self.runtime.asr_limit.hold(priority):  # the thread finishes before the slot is freed, even on cancel
            return await anyio.to_thread.run_sync(asr.transcribe_final if final else asr.transcribe, audio)

    # -- drafts and commits ---------------------------------------------------------------------
    def _decode(self, turn: Turn, draft: Draft, create_response: bool) -> None:
        """Decode a draft's audio and prepare its reply (held back until the commit)."""
        metrics = draft.metrics
        hops = self.mic.buffer.hops_of(draft.last_voiced)
        metrics.mark("audio_received", hops["received"])
        metrics.mark("speech_end", hops["arrived"])
        if "vad" in hops:
            metrics.mark("vad_seen", hops["vad"])
        audio = self.mic.slice(draft.start, draft.end)
        draft.decode = self._spawn(self._prepare(turn, draft, audio, create_response), "decode")

    async def _prepare(self, turn: Turn, draft: Draft, audio: Any, create_response: bool) -> None:
        try:
            draft.transcript = await self._transcribe(audio, final=True, since=draft.metrics.marks.get("speech_end"))
            draft.metrics.mark("asr_final")
        finally:
            draft.ready.set()
        t = draft.transcript
        if turn.draft is draft and turn.state is TurnState.DRAFT:
            self.mic.eos.transcript_hint = t.text  # a finished question ends the turn sooner
        if not create_response or is_probable_hallucination(t):
            return
        self.runtime.reply_policy.note_user_text(t.text)
        await turn.judged.wait()
        if turn.overlap != "turn" or turn.draft is not draft or draft.start != turn.start:
            return
        turn.user_item = self.conversation.add(Item(type="message", role="user", text=t.text, id=turn.item_id, from_audio=True))

        draft.metrics.preemptive = True
        draft.reply = self._new_reply(self._spec(), draft.metrics, gated=True)  # held back until the commit
        draft.reply.start(self._spawn)

    async def _commit(self, turn: Turn) -> None:
        try:
            await self._commit_turn(turn)
        finally:
            await self._advance(tm.CommitFinished(turn))

    async def _commit_turn(self, turn: Turn) -> None:
        draft = turn.draft
        assert draft is not None
        stopped = {"type": "input_audio_buffer.speech_stopped", "audio_end_ms": int(draft.speech_end_ms), "item_id": turn.item_id}
        told_stopped = turn.announced
        if told_stopped:
            await self.send(stopped)
        await turn.judged.wait()  # outside the lock: a merge decided meanwhile needs it
        if turn.announced and not told_stopped:  # judged a turn only now: the client hears of it now
            await self.send(stopped)
        async with self._commit_lock:
            await self._advance(tm.CommitReached(turn))
            draft = turn.draft
            if turn.state is not TurnState.COMMITTED or draft is None:
                return  # merged into a continuation before its commit ran
            await draft.ready.wait()
            t = draft.transcript
            await self._advance(tm.Decoded(turn, t is not None and not is_probable_hallucination(t)))

    async def _accept(self, turn: Turn, heard: bool = True) -> None:
        """The turn is the user's: into the history, told to the client, its reply released.
        Not `heard`: a commit the client asked for held no speech; it is committed with an
        empty transcript and nothing is said."""
        draft = turn.draft
        assert draft is not None and (draft.transcript is not None or not heard)
        self.runtime.count("turns_committed")
        if draft.reply is not None and draft.metrics.marks.get("end_of_turn", 0) > draft.reply.run.created_at:
            self.runtime.count("drafts_kept")  # its reply started before the end of turn and is the one heard
        text = draft.transcript.text if heard and draft.transcript is not None else ""
        if draft.decode is not None:
            await asyncio.gather(draft.decode, return_exceptions=True)  # the reply has started, if any
        draft.metrics.user_text = text
        user = turn.user_item
        if user is None:
            user = turn.user_item = self.conversation.add(Item(type="message", role="user", text=text, id=turn.item_id, from_audio=True))
        prev = self.conversation.previous_id(user.id)
        await self.send({"type": "input_audio_buffer.committed", "item_id": user.id, "previous_item_id": prev})
        await self.send({"type": "conversation.item.added", "previous_item_id": prev, "item": {**user.to_json(), "content": [{"type": "input_audio", "transcript": None}]}})
        turn.partial_emitted = min(turn.partial_emitted, len(text)) if text.startswith(turn.partial_text[:turn.partial_emitted]) else len(text)
        await self._emit_partial(turn, text)
        seconds = round(max(draft.end - turn.start, 0) / RATE, 3)  # the audio decoded for it (Whisper bills no tokens)
        await self.send({"type": "conversation.item.input_audio_transcription.completed", "item_id": user.id, "content_index": 0,
                         "transcript": text, "usage": {"type": "duration", "seconds": seconds}})
        await self.send({"type": "conversation.item.done", "item": user.to_json()})
        if draft.reply is not None and heard:
            await self._take_floor(draft.reply)
            await draft.reply.release()
        elif draft.reply is not None:
            await draft.reply.interrupt("no_speech")

    async def _take_back(self, turn: Turn) -> list[str]:
        """Stop what the turn started and remove what it added to the history; the ids the
        client knew."""
        await turn.cancel_tasks()
        return turn.retract(self.conversation)

    async def _turn_changed(self) -> None:
        async with self._arrived:
            self._arrived.notify_all()

    # -- speech over a reply: barge-in, merge, or not a turn ------------------------------------
    async def _judge_overlap(self, turn: Turn, speech_start: int) -> None:
        try:
            need_ms = self.config.barge_in_min_speech_ms
            decoded_ms = 0.0  # time spent decoding speech over the reply, over every look at it
            park_ms, tts_busy = 0.0, 0  # ... of it, waiting for the reply's LLM token in progress; looks begun while TTS ran
            commands: list[tm.Command] | None = None
            interrupts = False  # the verdict stops the reply
            with contextlib.ExitStack() as pauses:
                # The reply is paused from the onset, not from the first look: a sentence's
                # synthesis started meanwhile ran beside the look's decode at nearly every
                # look and made a 80 ms decode take 150-450 ms. What is synthesized plays on.
                paused: set[int] = set()
                while commands is None:
                    playing = self.audible_reply
                    if playing is not None and id(playing.run) not in paused:
                        paused.add(id(playing.run))
                        pauses.enter_context(playing.run.paused())
                    await self._wait_audio(turn, speech_start + need_ms * RATE // 1000, through_pauses=need_ms > self.config.barge_in_min_speech_ms)
                    audio = self.mic.slice(speech_start, self.mic.end)
                    asked = time.monotonic()
                    tts_busy += self.runtime.tts_limit.locked()
                    playing = self.audible_reply
                    if playing is not None:
                        if id(playing.run) not in paused:
                            paused.add(id(playing.run))
                            pauses.enter_context(playing.run.paused())
                        await playing.run.until_llm_parked()  # the decode gets the cores, not one more token beside it
                    park_ms += (time.monotonic() - asked) * 1000
                    t = await self._transcribe(audio)
                    decoded_ms += (time.monotonic() - asked) * 1000
                    reply = self.audible_reply
                    run = reply.run if reply is not None else None
                    echo = self.echo.similarity(audio) if run is not None else 0.0
                    reason = "echo" if echo >= ECHO_SIMILARITY else self._not_a_turn(t, run)
                    unsure = not reason and too_little_to_tell(t.text)
                    log.debug("session %s: speech over the reply (%d ms): %d words, echo %.2f, verdict %r",
                              self.id, need_ms, len(t.text.split()), echo, reason or ("unsure" if unsure else "turn"))
                    # A few hundred ms may read as noise or "okay" while the user is still going
                    # on ("Stop, I have..."; "okay, but..."): "not a turn" is final only once the
                    # turn has ended or ran for OVERLAP_MAX_MS. "A turn" is final at once, unless
                    # it is one word that is no call to stop (a hum heard as "them."): then once more.
                    if (not reason and not unsure) or not turn.open or need_ms >= OVERLAP_MAX_MS:
                        confirmed = time.monotonic()
                        commands = self.turns.advance(tm.Judged(turn, reason, run is not None, speech_start))
                        interrupts = any(isinstance(c, tm.Interrupt) for c in commands)
                        if interrupts:
                            # Still paused: the cancel finds the reply's decoding between two
                            # tokens, not one more token into a core the new turn needs.
                            await self._run_all(commands)
                    if commands is None:
                        need_ms = min(need_ms * 2, OVERLAP_MAX_MS)
            if not interrupts:
                await self._run_all(commands)  # an ignore or a merge: after the pause (a merge waits for a commit)
            else:
                onset = self.mic.buffer.arrival_of(speech_start)
                took = {"onset_to_confirm_ms": (confirmed - onset) * 1000, "decode_ms": decoded_ms, "park_ms": park_ms, "heard_ms": need_ms,
                        "confirm_to_stop_ms": (time.monotonic() - confirmed) * 1000}
                self.barge_ins.append(took)
                log.info("session %s: barge-in: onset to confirmed %.0f ms (%d ms heard, decoding %.0f ms of which %.0f waiting for "
                         "the reply's token, TTS running at %d of the looks), confirmed to stopped %.0f ms",
                         self.id, took["onset_to_confirm_ms"], need_ms, decoded_ms, park_ms, tts_busy, took["confirm_to_stop_ms"])
        finally:
            turn.judged.set()

    async def _merge(self, prev: Turn, turn: Turn, resumed_at: int) -> None:
        """The user went on right after `prev` was committed: one thought. Its reply is
        dropped without residue (`turn` decodes both parts' audio together, from `prev`'s
        final transcript on: the audio up to the pause is settled with it)."""
        draft = prev.draft
        if draft is not None and draft.transcript is not None and not is_probable_hallucination(draft.transcript):
            cut = min(draft.end, resumed_at)  # in the pause: after prev's decoded audio, before the new words
            if cut > draft.start and draft.start == turn.start:
                self.runtime.asr.settle(self.mic.slice(draft.start, cut), draft.transcript.text)
        async with self._commit_lock:  # after its commit, if one is running
            removed = await self._take_back(prev)  # its reply too, playing or still held back
        for item_id in removed:
            await self.send({"type": "conversation.item.deleted", "item_id": item_id})
        log.info("session %s: turn %s continues %s: merged", self.id, turn.item_id, prev.item_id)

    async def _announce_ignored(self, turn: Turn, reason: str) -> None:
        reply = self.audible_reply
        await self.send({"type": "parley.speech.ignored", "item_id": turn.item_id, "reason": reason,
                         "response_id": reply.run.id if reply is not None else None})

    def _not_a_turn(self, t: Transcript, run: ResponseRun | None) -> str:
        """Why this speech is not a turn: noise, a backchannel ("mm-hm", "okay") or the agent's
        own voice echoing back; "" when it is one."""
        words = normalise_words(t.text)
        if is_backchannel(words):
            return "backchannel"
        if is_probable_hallucination(t):
            return "noise"
        said = set(normalise_words(run.item.text if run and run.item else "").split())
        heard = words.split()
        if heard and sum(w in said for w in heard) / len(heard) >= 0.8:
            return "echo"  # one word of its own reply is an echo until more is heard (the verdict waits while the speech goes on)
        return ""


def _common_word_prefix(a: str, b: str) -> str:
    """The words two successive decodes agree on (a stable partial transcript)."""
    aw, bw = a.split(), b.split()
    n = 0
    while n < min(len(aw), len(bw)) and normalise_words(aw[n]) == normalise_words(bw[n]):
        n += 1
    return " ".join(bw[:n]) + (" " if 0 < n < len(bw) else "")


def is_backchannel(words: str) -> bool:
    """Normalised words that only acknowledge ("mm-hm", "okay right", "and the mhm"), at most
    three; a hum may be written as any word without a vowel ("mhm", "hmm", "mhcm")."""
    if words in BACKCHANNELS:
        return True
    kept = [w for w in words.split() if w not in FILLERS]
    return 0 < len(kept) <= 3 and all(w in BACKCHANNEL_WORDS or is_hum(w) for w in kept)


def is_hum(word: str) -> bool:
    """A non-lexical sound as Whisper writes it: letters, and no vowel ("mhm", "hmm", "mhcm")."""
    return len(word) >= 2 and word.isalpha() and not set(word) & set("aeiouy")


def too_little_to_tell(text: str) -> bool:
    """One word that is no call to stop: the first few hundred ms of a hum or of a sentence."""
    words = normalise_words(text).split()
    return len(words) == 1 and words[0] not in INTERRUPTIONS
