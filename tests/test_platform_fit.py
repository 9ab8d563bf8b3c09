"""A reply for the other computer (agent/replies/platform_fit.py): Windows keys told to a Mac
user, or Mac keys to a Windows user, are not said; the first sentence waits at words that may
begin them, and goes on when they do not."""
from __future__ import annotations

import pytest

from agent.replies import platform_fit

from .test_reply_policy import guard_for, llm_tokens, stream

MAC_WINDOW_SHOT = "how do i take a screenshot of only one window on my mac, not the whole screen"


def test_windows_keys_told_to_a_mac_user_are_never_said():
    g = guard_for(MAC_WINDOW_SHOT)  # the bundled 0.5B's reply (bench/reply_cases_outside4.py)
    out, pieces = stream(g, "Select the window, press Windows + Shift + S, and press Enter.")
    assert "Windows" not in out and "other_platform_dropped" in g.events
    assert out == "Select the window, … sorry, " + platform_fit.NOT_SURE["mac"], out  # held from "press", where the keys begin
    assert "Windows" not in "".join(pieces[:-1])  # not even streamed before the sentence was whole


def test_a_later_sentence_for_the_other_computer_is_dropped_and_the_rest_said():
    g = guard_for("How do I see which app is using all my memory on Windows 11?")
    out, _ = stream(g, "Open Task Manager with Ctrl + Shift + Esc. On a Mac, open Activity Monitor from Spotlight. Sort by Memory.")
    assert out == "Open Task Manager with Ctrl + Shift + Esc. Sort by Memory.", out


@pytest.mark.parametrize("question, reply", [
    ("How do I right click on my MacBook trackpad?", "Click with two fingers, or hold Control and click."),  # Control is a Mac key too
    ("How do I find a file on my Mac?", "Open Finder and type the file name in the search box."),
    ("How do I take a screenshot on Windows?", "Press Windows + Shift + S and drag over the area."),
    ("How do I copy text?", "Press Ctrl + C on Windows or Command + C on a Mac."),  # no computer named: both may be said
    ("I have a Mac and a Windows PC. How do I move files between them?", "Use a USB stick formatted as exFAT, or File Explorer and Finder over the network."),
])
def test_a_reply_for_the_computer_asked_about_is_said_as_written(question, reply):
    g = guard_for(question)
    out, _ = stream(g, reply)
    assert out == reply
    assert "other_platform_dropped" not in g.events


def test_a_first_sentence_streams_on_past_a_word_that_only_might_have_begun_it():
    g = guard_for("How do I change my wallpaper on my Mac?")
    streamed = "".join(g.push(t) for t in llm_tokens("Open the file menu in Photos and choose Set Wallpaper"))  # no end yet
    assert streamed.startswith("Open the file menu in Photos"), streamed  # "file" held three words, then went on


async def test_the_real_model_tells_a_mac_user_no_windows_keys(server):
    """The 0.5B had said "press Windows + Shift + S" to this question (bench/reply_cases_outside4.py)."""
    from .test_reply_policy import ask, reply_text

    (resp,) = await ask(server, MAC_WINDOW_SHOT)
    text = reply_text(resp)
    assert not platform_fit.other_platform(text, "mac"), text
    assert text.strip()
