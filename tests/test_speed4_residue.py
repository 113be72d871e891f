"""Speed pass 4 shortcuts of the phrase packs, the machine-writing rules and the residue
rules, each tied to the plain computation it replaces."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.config import Config
from newslint.document import Document
from newslint.engine import Linter
from newslint.packs import phrase


def _shared_phrase_regexes() -> list[tuple[str, object]]:
    """(code, WORD_START regex) of every rule that scans doc.lowered for phrases given to the
    shared word gate: the shipped phrase packs that share their phrases, and NL201's anchors."""
    from newslint.checks import machine

    linter = Linter(Config(select=["NL2", "NL3"]))
    found = [("NL201", machine._ANCHORS.compiled())]
    for rule in linter.document_rules:
        check = rule.check
        if isinstance(check, phrase.PhraseCheck) and check._shared:
            for regex, on_lowered, word_start in check._pairs():
                if word_start and on_lowered:
                    found.append((rule.code, regex.compiled()))
    return found


_REGEXES = _shared_phrase_regexes()


def _shared_phrases() -> list[str]:
    from newslint.checks import machine, residue

    linter = Linter(Config(select=["NL2", "NL3"]))
    words = set(machine._SELF_REPORT_WORDS | machine._PRODUCTION_WORDS)
    words |= set(residue._SPLICED_WORDS)
    for rule in linter.document_rules:
        if isinstance(rule.check, phrase.PhraseCheck) and rule.check._shared:
            words |= set(rule.check._table["phrases"])
    return sorted(words)


_PHRASES = _shared_phrases()
# Pieces that touch the edges of a phrase: word characters glued to it (ASCII and not),
# marks, curly quotes, characters beyond Latin-1 and ones whose lower case is longer in UTF-8.
_GLUE = ["", " ", "  ", "a", "é", "_", "1", "’", "“", "”", "—", ".", ",", "\n", "\t", "\xa0",
         "Ⱥ", "ẞ", "Ω", "K", "ǅ", "日本", "'", "-", "(", "s"]


@st.composite
def _texts(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        parts.append(draw(st.sampled_from(_GLUE)))
        word = draw(st.sampled_from(_PHRASES))
        if draw(st.booleans()):
            word = word.upper() if draw(st.booleans()) else word.title()
        parts.append(word)
    parts.append(draw(st.sampled_from(_GLUE)))
    return "".join(parts)


def test_word_bytes_has_one_byte_per_character_of_the_padded_lowered_text():
    for text in ["Mr. Ó’Brien — “Ⱥ” said: ok", "日本 AI tools", "plain ascii text", "\ud800x"]:
        doc = Document("x.txt", text)
        if doc.lowered is None:
            continue
        padded = " " + doc.lowered
        found = phrase.word_bytes(doc)
        assert len(found) == len(padded)
        for char, byte in zip(padded, found):
            expected = char if char.isascii() and (char.isalnum() or char == "_") else " "
            assert chr(byte) == expected.lower()


@settings(max_examples=400, deadline=None)
@given(_texts())
def test_shared_word_start_spans_find_what_the_whole_text_scan_finds(text):
    """The phrase rules and NL201 try their phrase regex only at the shared scan's hits: the
    spans must be exactly those word_start_spans finds in the whole lower-cased text."""
    doc = Document("x.txt", text)
    if doc.lowered is None:
        return
    for code, regex in _REGEXES:
        expected = list(phrase.word_start_spans(regex, doc.lowered))
        assert list(phrase.shared_word_start_spans(regex, doc)) == expected, (code, text)


def test_shared_word_start_spans_on_every_shipped_phrase():
    for word in _PHRASES:
        for text in (f"{word}", f"Before it, {word}. After it.", f"x{word} {word}x {word}",
                     f"“{word.upper()}”, {word}{word} {word} {word}"):
            doc = Document("x.txt", text)
            if doc.lowered is None:
                continue
            for code, regex in _REGEXES:
                expected = list(phrase.word_start_spans(regex, doc.lowered))
                assert list(phrase.shared_word_start_spans(regex, doc)) == expected, (code, text)


def test_gate_forms_keep_one_byte_per_character():
    for word in ["i’m", "n.b.", "café au lait", "Ⱥx", "ai"]:
        form = phrase._gate_form(word)
        assert len(form) == len(word.lower())
        assert re.fullmatch(r"[a-z0-9_ ]*", form)


def _entry_patterns():
    from newslint.checks import residue

    _whole, _starts, _anchored, _short, inline = residue._chrome()
    return [(hints, regex.compiled()) for scope in ("document", "short", "tail")
            for hints, regex in inline[scope] if hints in residue._ENTRY_WORDS]


def test_every_gated_boilerplate_pattern_is_listed():
    from newslint.checks import residue

    assert {hints for hints, _ in _entry_patterns()} == set(residue._ENTRY_WORDS)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_boilerplate_entry_words_are_in_every_match(data):
    """NL301 skips a document-scope pattern when the shared word scan found none of one of
    its word sets: every line the pattern matches must hold one of each set's words."""
    from newslint.checks import residue

    for hints, regex in _entry_patterns():
        line = data.draw(st.from_regex(regex, fullmatch=True), label=str(hints))
        low = line.lower()
        if "\n" in low or regex.search(low.strip()) is None:
            continue
        doc = Document("x.txt", "Title\n\n" + low + "\n")
        if doc.lowered is None:
            continue
        for gate in residue._ENTRY_GATES[hints]:
            assert phrase.gate_finds(gate.compiled(), doc), (hints, low)


def test_boilerplate_entry_words_in_written_examples():
    from newslint.checks import residue

    for line, hints in [
        ("Posted in Grants | Permalink | 1 Comment", ("permalink",)),
        ("Get the news delivered straight to your inbox.", ("inbox",)),
        ("We may earn a commission from sales made through links.", ("commission",
                                                                     "share of the sale")),
        ("We may\treceive a share of the revenue", ("commission", "share of the sale")),
    ]:
        doc = Document("x.txt", line)
        regex = dict(_entry_patterns())[hints]
        assert regex.search(doc.lowered)
        for gate in residue._ENTRY_GATES[hints]:
            assert phrase.gate_finds(gate.compiled(), doc), line


_EMAIL_PIECES = ["dot", " dot ", "Dot", " ", "x", "at", "]", ")", ">", "}", "protected",
                 "\t", "é", "’", ".", "com", "dots", "adot", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_EMAIL_PIECES), max_size=12).map("".join))
def test_email_hint_with_the_word_gate_equals_the_plain_test(text):
    from newslint.checks import residue

    doc = Document("x.txt", text)
    low = doc.lowered
    if low is None:
        return
    plain = any(hint in low for hint in residue._EMAIL_HINTS)
    assert residue._has_email_hint(low, doc) == plain == residue._has_email_hint(low)


_MARK_PIECES = ["-", "--", "- -", "---", " ", "—", "_", "*", "=", "x", "\n", "-\n", "é"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_MARK_PIECES), max_size=10).map("".join))
def test_markup_hint_test_equals_the_plain_test(text):
    from newslint.checks import markup

    for hints in [("___", "***", "---", "===", "* *", "_ _", "- -", "= ="), ("#",), (">",),
                  ("-", "--", "- -"), tuple(markup._BULLET_MARKS)]:
        assert markup._holds_any(text, hints) == any(hint in text for hint in hints), hints


_CASE_PIECES = ["A", "z", "Q_", "9", " ", "\n", "É", "é", "İ", "K", "\u212a", "Σ", "ς", "ẞ", "Ⱥ",
                "ǅ", "“", "—", "日", "\U0001f600", "\ud800", "\x00", "ﬁ", "Ω", "\u2126", "ı"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CASE_PIECES), max_size=12).map("".join))
def test_word_bytes_from_the_utf8_form_equal_those_of_the_lowered_text(text):
    """word_bytes lowers the capitals of the document's UTF-8 form with its table instead of
    encoding doc.lowered: the bytes must be those of _word_form(" " + doc.lowered)."""
    doc = Document("x.txt", text)
    if doc.lowered is None:
        return
    assert phrase.word_bytes(doc) == phrase._word_form(" " + doc.lowered)


def test_only_the_kelvin_sign_lowers_to_an_ascii_word_character():
    import sys

    found = [code for code in range(0x80, sys.maxunicode + 1)
             if len(chr(code).lower()) == 1 and chr(code).lower().isascii()]
    assert [chr(code) for code in found] == [phrase._LOWERS_TO_ASCII]
