"""What counts as a backchannel over a playing reply (agent/core/turn_taking.py): words that only
acknowledge, as tiny.en writes them down, never a request."""
from agent.core.turn_taking import is_backchannel


def test_acknowledgements_are_backchannels_and_requests_are_not():
    for words in ("okay", "mm hmm", "yes right", "and the mhm", "uh huh"):
        assert is_backchannel(words), words
    for words in ("stop", "no wait", "okay but why", "and", "uh huh yeah yeah", "right click the icon"):
        assert not is_backchannel(words), words
