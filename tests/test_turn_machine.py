"""The turn state machine alone (agent/core/turn_machine.py): sequences of listening events
and the commands they give, with no audio, model or server. The same sequences run through
real sessions in tests/test_session_core.py and tests/test_session_races.py."""
from __future__ import annotations

import pytest

from agent.core import turn_machine as tm
from agent.core.turn import IllegalTurnMove, TurnState

MERGE = 24_000  # samples: 1 s


def kinds(commands: list[tm.Command]) -> list[str]:
    return [type(c).__name__ for c in commands]


def began(m: tm.TurnMachine, at: int = 0, *, reply: bool = False, extensions: bool = False, heard_ms: float = 0.0) -> list[tm.Command]:
    return m.advance(tm.SpeechBegan(at, at + 100, at / 24, reply_audible=reply, extensions=extensions, reply_heard_ms=heard_ms))


def ended(m: tm.TurnMachine, ms: float, end: int) -> list[tm.Command]:
    return m.advance(tm.Ended(ms, end - 10, end))


def test_a_plain_turn_speaks_drafts_at_a_pause_and_commits_that_draft():
    m = tm.TurnMachine(MERGE)
    assert kinds(began(m)) == ["Announce", "StreamPartials"]
    turn = m.open
    assert turn is not None and turn.overlap == "turn" and turn.judged.is_set()
    paused = m.advance(tm.Paused(900.0, 21_000, 21_500))
    assert kinds(paused) == ["Decode"] and turn.state is TurnState.DRAFT
    draft = turn.draft
    assert kinds(ended(m, 900.0, 21_500)) == ["StartCommit"]  # the pause's draft is this ending: kept
    assert turn.draft is draft and turn.state is TurnState.COMMITTED and m.open is None
    assert m.last is turn and turn in m.committing and turn.committed_end == 21_500
    assert kinds(m.advance(tm.CommitReached(turn))) == []
    assert kinds(m.advance(tm.Decoded(turn, usable=True))) == ["Accept"]
    m.advance(tm.CommitFinished(turn))
    assert m.committing == set()


def test_speech_resuming_withdraws_the_draft_and_a_later_ending_drafts_again():
    m = tm.TurnMachine(MERGE)
    began(m)
    turn = m.open
    m.advance(tm.Paused(500.0, 12_000, 12_500))
    first = turn.draft
    out = m.advance(tm.Resumed())
    assert kinds(out) == ["Withdraw"] and out[0].draft is first and turn.draft is None and turn.state is TurnState.SPEAKING
    out = ended(m, 1500.0, 36_500)
    assert kinds(out) == ["Decode", "StartCommit"] and turn.draft is not first and turn.draft.end == 36_500


def test_an_ending_other_than_the_pause_withdraws_the_stale_draft():
    m = tm.TurnMachine(MERGE)
    began(m)
    m.advance(tm.Paused(500.0, 12_000, 12_500))
    stale = m.open.draft
    out = ended(m, 700.0, 17_000)
    assert kinds(out) == ["Withdraw", "Decode", "StartCommit"] and out[0].draft is stale


def test_speech_over_a_reply_is_hidden_from_a_standard_client_until_judged_a_turn():
    m = tm.TurnMachine(MERGE)
    assert kinds(began(m, reply=True)) == ["StreamPartials", "JudgeOverlap"]
    turn = m.open
    assert not turn.judged.is_set() and not turn.announced
    assert kinds(m.advance(tm.Judged(turn, "", reply_playing=True, speech_start=100))) == ["Announce", "Interrupt"]
    assert turn.overlap == "turn" and turn.judged.is_set()


def test_a_backchannel_over_a_reply_is_ignored_and_never_announced_to_a_standard_client():
    m = tm.TurnMachine(MERGE)
    began(m, reply=True)
    turn = m.open
    assert kinds(m.advance(tm.Judged(turn, "backchannel", reply_playing=True, speech_start=100))) == ["Ignore"]
    assert not turn.announced
    m.advance(tm.Paused(300.0, 7_000, 7_500))
    ended(m, 300.0, 7_500)
    m.advance(tm.CommitReached(turn))
    out = m.advance(tm.Decoded(turn, usable=True))
    assert kinds(out) == ["Drop"] and out[0].reason == "backchannel" and turn.state is TurnState.DROPPED


def test_a_client_with_extensions_hears_of_speech_over_a_reply_at_once():
    m = tm.TurnMachine(MERGE)
    assert kinds(began(m, reply=True, extensions=True)) == ["Announce", "StreamPartials", "JudgeOverlap"]
    turn = m.open
    assert kinds(m.advance(tm.Judged(turn, "", reply_playing=True, speech_start=100))) == ["Interrupt"]  # announced once


def test_no_interrupt_when_the_client_turned_it_off():
    m = tm.TurnMachine(MERGE)
    m.configure(create_response=True, interrupt_response=False)
    assert kinds(began(m, reply=True)) == ["Announce", "StreamPartials"]  # not speech over a reply it may stop


def test_going_on_within_the_merge_window_merges_into_the_committed_turn():
    m = tm.TurnMachine(MERGE)
    began(m, at=0)
    first = m.open
    ended(m, 1000.0, 24_000)
    out = began(m, at=24_000 + MERGE // 2)
    second = m.open
    assert second.continues is first and kinds(out) == ["Announce", "StreamPartials", "JudgeOverlap"]
    out = m.advance(tm.Judged(second, "", reply_playing=False, speech_start=24_000 + MERGE // 2))
    assert kinds(out) == ["Merge"] and first.state is TurnState.MERGED and second.start == first.start
    assert first not in m.committing
    assert kinds(m.advance(tm.CommitReached(first))) == ["Retract"]  # its commit, when it runs, takes it back
    assert kinds(m.advance(tm.Decoded(first, usable=True))) == []


def test_speech_after_the_reply_was_heard_for_a_while_is_a_new_turn_not_a_merge():
    """Within the merge window, but the user has heard a second of the reply to the turn:
    they are answering it (a barge-in), and the reply they heard stays in the history."""
    m = tm.TurnMachine(MERGE)
    began(m, at=0)
    ended(m, 1000.0, 24_000)
    began(m, at=24_000 + MERGE // 2, reply=True, heard_ms=tm.MERGE_UNTIL_HEARD_MS)
    assert m.open.continues is None
    m2 = tm.TurnMachine(MERGE)
    began(m2, at=0)
    first = m2.open
    ended(m2, 1000.0, 24_000)
    began(m2, at=24_000 + MERGE // 2, reply=True, heard_ms=tm.MERGE_UNTIL_HEARD_MS - 500)
    assert m2.open.continues is first  # half a second of it heard: still the user's own thought


def test_a_turn_cut_at_max_length_is_never_merged_back():
    m = tm.TurnMachine(MERGE)
    began(m)
    first = m.open
    out = m.advance(tm.Ended(28_000.0, 672_000, 676_800, cut_at_max=True))
    assert kinds(out)[-2:] == ["StartCommit", "ContinueSpeech"] and first.cut_at_max
    began(m, at=676_800)
    assert m.open.continues is None


def test_a_merge_decided_after_the_commit_began_decodes_both_parts_again():
    m = tm.TurnMachine(MERGE)
    began(m, at=10_000)
    turn = m.open
    m.advance(tm.Paused(800.0, 30_000, 30_500))
    draft = turn.draft
    ended(m, 800.0, 30_500)
    turn.start = 2_000  # a continuation merged an earlier turn's audio into this one meanwhile
    out = m.advance(tm.CommitReached(turn))
    assert kinds(out) == ["Withdraw", "Decode"] and out[0].draft is draft
    assert turn.draft.start == 2_000 and turn.draft.end == 30_500 and turn.state is TurnState.COMMITTED


def test_clear_and_a_format_change_drop_the_open_turn_and_reset_the_input():
    for reason in ("cleared", "format_changed"):
        m = tm.TurnMachine(MERGE)
        began(m)
        turn = m.open
        m.advance(tm.Paused(400.0, 9_000, 9_500))
        out = m.advance(tm.Cleared(reason))
        assert kinds(out) == ["Drop", "ResetInput"] and out[0].reason == reason
        assert turn.state is TurnState.DROPPED and m.open is None
        # its verdict, if still coming, does nothing to a dropped turn
        assert m.advance(tm.Judged(turn, "", reply_playing=True, speech_start=0)) == []
    assert kinds(tm.TurnMachine(MERGE).advance(tm.Cleared("cleared"))) == ["ResetInput"]


def test_a_manual_commit_closes_the_open_turn_or_makes_one():
    m = tm.TurnMachine(MERGE)
    began(m)
    turn = m.open
    m.advance(tm.Paused(400.0, 9_000, 9_500))
    out = m.advance(tm.CommitAsked(0, 12_000, 500.0))
    assert kinds(out) == ["Withdraw", "Decode", "ResetInput", "CommitNow"] and out[-1].turn is turn
    assert turn.state is TurnState.COMMITTED and turn.draft.end == 12_000 and m.open is None
    m2 = tm.TurnMachine(MERGE)
    out = m2.advance(tm.CommitAsked(4_800, 12_000, 500.0))  # no VAD: everything since the last commit
    assert kinds(out) == ["Decode", "ResetInput", "CommitNow"] and out[-1].turn.start == 4_800 and out[-1].turn.overlap == "turn"


def test_noise_is_dropped_at_its_commit_and_a_dropped_turn_cannot_come_back():
    m = tm.TurnMachine(MERGE)
    began(m)
    turn = m.open
    ended(m, 300.0, 7_000)
    m.advance(tm.CommitReached(turn))
    out = m.advance(tm.Decoded(turn, usable=False))
    assert kinds(out) == ["Drop"] and out[0].reason == "noise"
    assert out[0].announce  # the client saw speech_started: it is told there will be no commit
    with pytest.raises(IllegalTurnMove):
        turn.move(TurnState.COMMITTED)


def test_a_commit_the_client_asked_for_is_committed_even_without_speech():
    """OpenAI's server answers every commit with input_audio_buffer.committed; a client that
    committed a cough waits for it. The turn is accepted as not heard (an empty transcript, no
    reply); the same noise ended by the server's VAD is dropped."""
    m = tm.TurnMachine(MERGE)
    out = m.advance(tm.CommitAsked(4_800, 12_000, 500.0))
    turn = out[-1].turn
    assert turn.asked
    out = m.advance(tm.Decoded(turn, usable=False))
    assert kinds(out) == ["Accept"] and out[0].heard is False and turn.state is TurnState.COMMITTED
    m2 = tm.TurnMachine(MERGE)
    out = m2.advance(tm.CommitAsked(4_800, 12_000, 500.0))
    assert [c.heard for c in m2.advance(tm.Decoded(out[-1].turn, usable=True))] == [True]


def test_the_audio_still_needed_starts_at_the_oldest_turn_that_may_decode_it():
    m = tm.TurnMachine(MERGE)
    assert m.oldest_needed(0) is None
    began(m, at=1_000)
    first = m.open
    ended(m, 500.0, 13_000)
    assert m.oldest_needed(13_000) == 1_000  # committing
    m.advance(tm.CommitFinished(first))
    assert m.oldest_needed(13_000 + MERGE // 2) == 1_000  # a continuation may still merge it
    assert m.oldest_needed(13_000 + 2 * MERGE) is None
