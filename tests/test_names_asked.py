"""`asked_lower_words` and `may_contain_word` against the plain computation they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.names import asked_lower_words, may_contain_word, name_table, proper_nouns
from newslint.readers import read_plain


def _doc(text: str):
    return read_plain("a.txt", text.encode("utf-8"))


def _ascii_proper_nouns() -> set[str]:
    known = proper_nouns()
    return {word for word in known["places"] | known["peoples"]
            if word.isascii() and word.isalpha() and word.islower()}


def _plain_present(text: str, asked: set[str]) -> set[str]:
    """The asked words standing in the text as whole runs of lower-case ASCII letters
    (a run of ASCII letters that holds a capital is no such word)."""
    runs = {run for run in re.findall(r"[A-Za-z]+", text) if run.islower()}
    return runs & asked


_WORDS = ["ukraine", "european", "france", "kyiv", "Kyiv", "Zelensky", "zelensky", "the",
          "Talks", "talks", "Hospital", "hospital", "Erdoğan", "erdoğan", "café", "Paris",
          "paris", "iPhone", "chinese", "Chinese", "x2", "Mr", "NATO", "nato"]
_GAPS = [" ", " ", " ", ". ", ", ", "\n", "-", "’s ", "'", "é", "3", "_", "“", "”", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=40))
def test_asked_lower_words_is_the_plain_intersection(pieces):
    text = "".join(word + gap for word, gap in pieces)
    doc = _doc(text)
    present, names = asked_lower_words(doc)
    assert names == {form.lower() for form in name_table(doc).counts}
    assert set(present) == _plain_present(doc.text, _ascii_proper_nouns() | names)
    for word, _gap in pieces:
        lower = word.lower()
        if not may_contain_word(doc, lower):
            assert lower not in {run for run in re.findall(r"[A-Za-z]+", doc.text)
                                 if run.islower()}


def test_asked_lower_words_examples():
    doc = _doc("Talks in Kyiv went on. The kyiv office and ukraine’s envoy met Zelensky in "
               "the Hospital. Zelensky said the hospital was calm.")
    present, names = asked_lower_words(doc)
    assert "kyiv" in present and "ukraine" in present and "zelensky" not in present
    assert "hospital" in present  # a lower-case copy of a capitalised word
    assert may_contain_word(doc, "kyiv") and not may_contain_word(doc, "zelensky")
    assert not may_contain_word(doc, "france")  # a country the text never mentions
