"""Quotation marks: unbalanced (NL309) and turned the wrong way (NL310)."""

from __future__ import annotations

import functools
import itertools

import pytest

from newslint.config import Config
from newslint.engine import Linter
from newslint.model import Severity

from .helpers import assert_seed_rows

TITLE = "Talks resume in Brussels\n\n"


@functools.lru_cache(maxsize=None)
def _linter() -> Linter:
    return Linter(Config(select=["NL309", "NL310"]))


def lint(body: str) -> list:
    return _linter().lint_text(TITLE + body + "\n", "article.txt")


def loud(body: str) -> list:
    """Reports at warning or above (what counts against clean copy)."""
    return [(d.code, d.line, d.column) for d in lint(body) if d.severity >= Severity.WARNING]


def test_seed_rows_are_reported():
    assert_seed_rows(["unbalanced_quote", "wrong_quote_direction"])


# -- reported -------------------------------------------------------------------------------
def test_line_opening_with_a_stray_closing_mark():
    body = "” (Seoul) – There is growing interest in the guarantees.”,"
    assert loud(body) == [("NL309", 3, 1), ("NL309", 3, len(body) - 1)]


def test_closing_mark_used_to_open_is_turned_round():
    body = "It was noted that ”THE NOTION of guarantees has become critical.”"
    found = lint(body)
    assert [(d.code, d.column) for d in found] == [("NL310", 19)]
    assert found[0].fix.replacement == "“" and found[0].severity is Severity.WARNING


def test_opening_mark_used_to_close_is_turned_round():
    body = "The senator said, “There is no question the city should be chosen.“ Then he left."
    found = lint(body)
    assert [(d.code, d.fix.replacement) for d in found] == [("NL310", "”")]


def test_quotation_left_open_is_info():
    body = "“We will not give up, the minister said.\n\nThe vote is on Friday."
    found = lint(body)
    assert [(d.code, d.line, d.severity) for d in found] == [("NL309", 3, Severity.INFO)]


def test_straight_quotes_left_open_are_info():
    found = lint('He said "we are ready, and left.\n\nThe vote is on Friday.')
    assert [(d.code, d.severity) for d in found] == [("NL309", Severity.INFO)]


def test_quotation_opened_twice_without_closing():
    found = lint("He said “we are ready and she said “so are we.”")
    assert [(d.code, d.column, d.severity) for d in found] == [("NL309", 9, Severity.INFO)]


def test_single_quotation_never_closed():
    found = lint("Plague, otherwise known as the ‘black death, affects the lymph nodes.")
    assert [(d.code, d.severity) for d in found] == [("NL309", Severity.INFO)]


def _garbled_paragraphs():
    """Balanced sentences, then one mark dropped or turned round: generated, not listed."""
    speakers = ["the minister said", "Ms Lee told reporters", "a spokesman added"]
    words = ["We are ready to talk", "Nothing has been agreed", "The plan is on the table"]
    for speaker, said in itertools.product(speakers, words):
        yield f"{said},” {speaker}.", "NL309"             # opening mark lost
        yield f"”{said},” {speaker}.", "NL310"            # opening mark turned round


@pytest.mark.parametrize("body, code", list(_garbled_paragraphs()))
def test_generated_garbles(body, code):
    assert [c for c, _, _ in loud(body)] == [code], body


# -- not reported ---------------------------------------------------------------------------
BALANCED = [
    "“We are ready,” the minister said. “The plan is on the table.”",
    'He called it "a great speech" even if "it was a little long."',
    "She said the country’s ‘coalition of the willing’ would meet again.",
    "Rock ’n’ roll fans in the ’90s didn’t wait for the ‘official’ release.",
    "The players’ union said the clubs’ offer was ‘not serious’.",
    "‘He told me “no” three times,’ she said.",
    "The report – “Guarantees for Ukraine” – was published on Monday.",
    "(“We will see,” he said.)",
    "“The criticism is not going to stop,’’ said the economist.",
    "‘‘We will see,’’ the governor said.",
    "“Yes.”",
]


@pytest.mark.parametrize("body", BALANCED)
def test_balanced_quotations(body):
    assert lint(body) == [], body


def test_quotation_running_over_paragraphs_reopens_each_paragraph():
    body = ("“We came to talk about guarantees, and we did,” he said. “First, the allies "
            "agreed on the principle.\n\n"
            "“Second, they agreed on a timetable.\n\n"
            "“Third, and most important, they agreed to meet again in a month.”")
    assert lint(body) == []


def test_straight_quotation_running_over_paragraphs():
    body = ('"The first point is the timetable.\n\n'
            '"The second point is the money," she said.')
    assert lint(body) == []


def test_carried_quotation_closed_without_reopening_is_only_info():
    body = ("He said, “I think we have learned a lot today.\n\n"
            "It was an emotional day for all of us.”")
    assert loud(body) == []
    assert {d.severity for d in lint(body)} == {Severity.INFO}


def test_paired_shortcut_agrees_with_the_paragraph_pass(monkeypatch):
    """Texts the one-pass check accepts have no problem for the paragraph-by-paragraph pass."""
    import random

    from newslint.checks import quotes
    from newslint.document import Document

    rng = random.Random(3)
    pieces = ["“", "”", "a", " ", "\n", "\n\n", "\n \n", "’", "(", "—", "word "]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(3000)]
    accepted = [t for t in texts if "’’" not in t and quotes._only_paired(t)]  # as the caller
    assert len(accepted) > 200
    monkeypatch.setattr(quotes, "_only_paired", lambda text: False)
    for text in accepted:
        assert quotes._quote_problems(Document("x.txt", text)) == [], text


def _only_paired_by_splitting(text: str) -> bool:
    """The plain computation _only_paired stands for: split at every opening mark."""
    pieces = text.split("“")
    if "”" in pieces[0]:
        return False
    for piece in pieces[1:]:
        close = piece.find("”")
        if close == -1 or piece.find("”", close + 1) != -1 or piece.find("\n", 0, close) != -1:
            return False
    return True


def test_only_paired_walks_the_marks_as_splitting_would():
    from newslint.checks import quotes

    units = ["“", "”", "\n", "a", " ", "“a”", "’"]
    for size in range(7):
        for combo in itertools.product(units, repeat=size):
            text = "".join(combo)
            assert quotes._only_paired(text) == _only_paired_by_splitting(text), repr(text)
