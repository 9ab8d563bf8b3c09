"""What support answers contain, spoken the way a person would say it (media/speech_text.py)."""
from __future__ import annotations

import pytest

from media.speech_text import normalise_for_speech, ordinal_words


@pytest.mark.parametrize("written, spoken", [
    ("Error 0x80070005 means access denied.", "Error zero x eight zero zero seven zero zero zero five means access denied."),
    ("Stop code 0xc000021a", "Stop code zero x C zero zero zero zero two one A"),
    ("It failed with error 404", "It failed with error four zero four"),
    ("Install KB5034441 first", "Install K B five zero three four four four one first"),
])
def test_error_codes_are_read_digit_by_digit(written, spoken):
    assert normalise_for_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("Released on 2024-03-18.", "Released on March eighteenth, twenty twenty-four."),
    ("Due March 3, 2025", "Due March third, twenty twenty-five"),
    ("Since 21 June", "Since the twenty-first of June"),
    ("On 2009-12-01", "On December first, two thousand and nine"),
    ("Not a date: 2024-13-45", "Not a date: twenty twenty-four to thirteen to forty-five"),
])
def test_dates_are_said_as_dates(written, spoken):
    assert normalise_for_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("It costs $4.50.", "It costs four dollars and fifty cents."),
    ("Only $0.99", "Only ninety-nine cents"),
    ("A $1 fee", "A one dollar fee"),
    ("It was $1,200", "It was one thousand two hundred dollars"),
    ("€20.05 or £3.50", "twenty euros and five cents or three pounds and fifty pence"),
])
def test_money_is_said_as_money(written, spoken):
    assert normalise_for_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("Run git reset --soft HEAD~1 now.", "Run git reset dash dash soft HEAD tilde one now."),
    ("Use `rm -rf build` with care", "Use rm dash r f build with care"),
    ("git push --force-with-lease", "git push dash dash force-with-lease"),
    ("Compare HEAD^ with main", "Compare HEAD caret with main"),
    ("Wi-Fi and re-enter stay words", "Wi-Fi and re-enter stay words"),
])
def test_command_flags_and_git_revisions(written, spoken):
    assert normalise_for_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("Open /etc/hosts in an editor", "Open slash etc slash hosts in an editor"),
    ("Look in ~/Downloads", "Look in your home folder slash Downloads"),
    ("Go to C:\\Users\\Dana\\Documents", "Go to C drive, Users, Dana, Documents"),
    ("Edit config.json and main.py", "Edit config dot json and main dot py"),
    ("Turn it on/off", "Turn it on or off"),
    ("Run the setup_wizard tool", "Run the setup wizard tool"),
])
def test_paths_and_file_names(written, spoken):
    assert normalise_for_speech(written) == spoken


@pytest.mark.parametrize("written, spoken", [
    ("Press Ctrl+Alt+Delete.", "Press Control Alt Delete."),
    ("Press Cmd + Shift + 4", "Press Command Shift four"),
    ("Try Win+Shift+S or Ctrl+C", "Try Windows Shift S or Control C"),
    ("Use Ctrl-Shift-S, or Cmd-c on a Mac.", "Use Control Shift S, or Command C on a Mac."),
    ("It is a win-win.", "It is a win-win."),
    ("Press Command+Option+Esc", "Press Command Option Escape"),
])
def test_keyboard_shortcuts(written, spoken):
    assert normalise_for_speech(written) == spoken


def test_ordinals():
    assert [ordinal_words(n) for n in (1, 2, 3, 12, 20, 21, 30, 31)] == [
        "first", "second", "third", "twelfth", "twentieth", "twenty-first", "thirtieth", "thirty-first"]


def test_plain_sentences_are_unchanged():
    text = "Restart the router, then try again."
    assert normalise_for_speech(text) == text
