"""What counts as a backchannel over a playing reply (agent/core/turn_taking.py): words that only
acknowledge, as tiny.en writes them down, never a request."""
from agent.core.turn_taking import is_backchannel, too_little_to_tell


def test_acknowledgements_are_backchannels_and_requests_are_not():
    for words in ("okay", "mm hmm", "yes right", "and the mhm", "uh huh", "in the mhcm", "hmm okay"):
        assert is_backchannel(words), words
    for words in ("stop", "no wait", "okay but why", "and", "uh huh yeah yeah", "right click the icon", "in the settings", "try"):
        assert not is_backchannel(words), words


def test_one_word_that_is_no_call_to_stop_is_too_little_to_tell():
    """300 ms of tiny.en's Piper "Mm-hm." read "them."; of a real sentence, "life." or "the"."""
    for text in ("them.", "Life.", "Amen."):
        assert too_little_to_tell(text), text
    for text in ("Stop.", "wait", "No!", "Hold", "he could", "Sorry, but"):
        assert not too_little_to_tell(text), text
