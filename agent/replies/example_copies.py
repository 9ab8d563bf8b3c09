"""PromptExamples: is the reply copying one of the prompt's example answers, or its notes?

The small model sometimes answers with an example answer from its prompt (reply_policy.EXAMPLES)
word for word, to a question unlike the example's. `SpokenReplyGuard` asks three things of the
examples: may the open sentence still become an example's (hold it), has it already copied
enough of one to be sure (stop now), and is a whole sentence a copy (drop it). The prompt's
notes to the model (`never_said`) are asked the same, whatever the question: they are never
an answer.
"""
from __future__ import annotations

from collections.abc import Sequence

from .sentence_text import similarity, split_sentences, words_of

COPY_SHARE = 0.4  # this much of an example's sentence (and 6 words), word for word, opening an unrelated reply: a copy


class PromptExamples:
    def __init__(self, examples: Sequence[tuple[str, str]] = (), never_said: Sequence[str] = ()) -> None:
        self._examples = [(words_of(q), [words_of(s) for s in split_sentences(a)]) for q, a in examples]
        self._notes = [words_of(s) for note in never_said for s in split_sentences(note)]

    def begin(self, words: list[str]) -> bool:
        """True while the words so far begin a sentence of an example (the last word may still
        be growing: "F" of "F2")."""
        if not words:
            return False
        head, last = words[:-1], words[-1]
        return any(len(s) >= len(words) and s[: len(head)] == head and s[len(head)].startswith(last)
                   for s in [s for _q, sentences in self._examples for s in sentences] + self._notes)

    def copying(self, words: list[str], question_words: list[str]) -> bool:
        """A reply's first words so far are an example sentence's first words, word for word,
        six or more and `COPY_SHARE` of that sentence, in answer to a question unlike the
        example's: the small model that starts a copy finishes it, and the sentence would be
        dropped as a leak when whole (`leaks`), so the words after this point only delay the
        fallback (the rename example's 14 words cost 280 ms on a real recording,
        bench/asr_real.py s08)."""
        if len(words) < 6:
            return False
        whole = words[:-1]  # the last word may still be growing
        if any(s[: len(whole)] == whole and len(whole) >= COPY_SHARE * len(s) for s in self._notes):
            return True
        return any(similarity(question_words, q) < 0.5 and any(s[: len(whole)] == whole and len(whole) >= COPY_SHARE * len(s) for s in sentences)
                   for q, sentences in self._examples)

    def leaks(self, words: list[str], question_words: list[str]) -> bool:
        """A whole sentence copied from an example while the user asked something else, or
        from a note (three words or more: "The tool answered.")."""
        if len(words) >= 3 and any(similarity(words, s) >= 0.75 for s in self._notes):
            return True
        if len(words) < 5:
            return False  # "No, don't." is everyone's
        return any(any(similarity(words, s) >= 0.75 for s in sentences) and similarity(question_words, q) < 0.5
                   for q, sentences in self._examples)
