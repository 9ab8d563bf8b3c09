"""History truncated to what was heard, however many times it is truncated."""
from __future__ import annotations

from agent.core.conversation import Conversation, Item, Span


def spoken_item() -> Item:
    # "The cat, named Tom, sat." spoken as two chunks: 0-1000 ms and 1000-2500 ms
    text = "The cat, named Tom, sat on the mat."
    cut = text.index("named")
    return Item(type="message", role="assistant", text=text, audio_ms=2500,
                spans=[Span(0, cut, 0, 1000), Span(cut, len(text), 1000, 2500)])


def test_truncate_keeps_whole_heard_words_of_the_partly_heard_chunk():
    conv = Conversation()
    item = conv.add(spoken_item())
    conv.truncate(item.id, 1418)
    assert item.text == "The cat, named"
    assert item.status == "incomplete"


def test_a_second_truncation_at_the_same_point_keeps_the_same_words():
    conv = Conversation()
    item = conv.add(spoken_item())
    conv.truncate(item.id, 1418)  # the server's own playback clock
    conv.truncate(item.id, 1418)  # then the client's exact report
    assert item.text == "The cat, named"
    conv.truncate(item.id, 900)  # an earlier cut still works
    assert item.text == "The cat,"


def test_nothing_heard_leaves_no_text_and_messages_mark_interruptions():
    conv = Conversation()
    conv.add(Item(type="message", role="user", text="Tell me a story."))
    item = conv.add(spoken_item())
    conv.truncate(item.id, 1200)
    msgs = conv.messages("system prompt")
    assert msgs[0] == {"role": "system", "content": "system prompt"}
    assert msgs[-2] == {"role": "assistant", "content": item.text}  # what was heard, nothing the model could copy
    assert msgs[-1]["role"] == "system" and "interrupted" in msgs[-1]["content"]
    conv.truncate(item.id, 0)
    assert item.text == ""


def test_a_later_cut_past_an_earlier_one_recovers_the_words():
    conv = Conversation()
    item = conv.add(spoken_item())
    conv.truncate(item.id, 900)  # a conservative first guess
    assert item.text == "The cat,"
    conv.truncate(item.id, 2500)  # the client reports it all played
    assert item.text == "The cat, named Tom, sat on the mat."


def test_a_truncation_at_or_past_a_whole_replys_end_cuts_nothing():
    """Pipecat truncates the last reply at every speech start, played to the end or not: a
    reply heard whole stays complete, with no note that it was interrupted (the 0.5B said
    that note aloud as its next reply)."""
    conv = Conversation()
    conv.add(Item(type="message", role="user", text="Tell me a story."))
    item = conv.add(spoken_item())
    conv.truncate(item.id, 2600)
    assert item.status == "completed" and item.text == "The cat, named Tom, sat on the mat."
    assert conv.messages("system prompt")[-1] == {"role": "assistant", "content": item.text}
    conv.truncate(item.id, 2400)  # 100 ms short of its end: the last words were not heard
    assert item.status == "incomplete" and item.text == "The cat, named Tom, sat on the"
