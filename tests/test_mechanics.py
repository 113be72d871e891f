"""Spacing (NL504-NL507) and repeated words (NL503)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .helpers import assert_seed_rows, codes, lint


def _apply(text, diags):
    """Apply the fixes of the diagnostics (right to left) to the text."""
    for diag in sorted((d for d in diags if d.fix), key=lambda d: d.fix.start, reverse=True):
        text = text[:diag.fix.start] + diag.fix.replacement + text[diag.fix.end:]
    return text


def test_seed_rows_for_spacing_are_reported():
    assert_seed_rows(["spacing"])


# -- repeated words ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The minister said the the plan would be published.",
    "Officials said that the\nthe budget was final.",
    "It was was a long night for the rescuers.",
    "The The report was leaked.",
])
def test_repeated_word_reported(text):
    diags = lint(text, select=["NL503"])
    assert codes(diags) == ["NL503"]
    fixed = _apply(text, diags)
    assert "the the" not in fixed.lower() and "was was" not in fixed


@pytest.mark.parametrize("text", [
    "Whatever he had had before the war was gone.",
    "She said that that decision was final.",
    "The band played Girls Girls Girls to close the night.",
    "They flew to Bora Bora and then to Walla Walla.",
    "Her mama said so.",  # one word, not a doubling
    "The section was titled Spending\n\nSpending rose by 3% last year.",
    "Budget\nBudget talks resume on Monday.",  # a heading line, then the paragraph
    "Grade A A-rated bonds rallied.",
])
def test_repeated_word_not_reported(text):
    assert lint(text, select=["NL503"]) == []


# -- double space -----------------------------------------------------------------------------
def test_double_space_reported_and_fixed():
    text = "Ukraine seeks robust  security guarantees.\nAid:  more shells."
    diags = lint(text, select=["NL504"])
    assert [d.line for d in diags] == [1, 2]
    assert _apply(text, diags) == "Ukraine seeks robust security guarantees.\nAid: more shells."


@pytest.mark.parametrize("text", [
    "| Country  | Pledge   |\n| France   | 2bn      |",  # a table's padding
    "Name     Age     Town\nAnna     34      Lyon",      # columns aligned with spaces
    "Line one ends here.  \nTrailing spaces are not inside text.",
    "Intro.\n\n    x  =  1  # an indented code block",
])
def test_double_space_not_reported(text):
    assert lint(text, select=["NL504"]) == []
    assert lint(text, path="article.md", select=["NL504"]) == []


# -- missing space after punctuation ----------------------------------------------------------
@pytest.mark.parametrize("text, mark", [
    ("A team,including the minister, will go.", ","),
    ("The framework.This commitment is new.", "."),
    ("Two options remain;neither is popular.", ";"),
    ("The agenda:talks first, then lunch.", ":"),
    ("Will it pass?Nobody knows yet.", "?"),
])
def test_missing_space_reported(text, mark):
    diags = lint(text, select=["NL505"])
    assert codes(diags) == ["NL505"] and mark in diags[0].message
    assert "  " not in _apply(text, diags)


@pytest.mark.parametrize("text", [
    "Growth was 3.5 percent, up from 2,100 jobs.",
    "The meeting starts at 11:22 on Monday.",
    "The U.S. and the U.K. agreed, said J.K. Rowling.",
    "Read more at https://example.com/news,politics?id=3.",
    "Write to press.office@example.org for details.",
    "See www.example.co.uk or example.com for the text.",
    "He paused... then carried on.",
    "The file report.pdf and the site Node.js were cited.",
    "Visit bbc.co.uk, then call 555-0100.",
    "The ratio was 3:1 in the final.",
    "Ticket prices &amp;nbsp;rose sharply.",
])
def test_missing_space_not_reported(text):
    assert lint(text, select=["NL505"]) == []


# -- space before punctuation -----------------------------------------------------------------
def test_space_before_punctuation_reported_and_fixed():
    text = "The vote was close , officials said ."
    diags = lint(text, select=["NL506"])
    assert len(diags) == 2
    assert _apply(text, diags) == "The vote was close, officials said."


@pytest.mark.parametrize("text", [
    "He trailed off ... and left.",
    "The index .IXIC rose while the .45-caliber gun was found.",
    "She smiled :) and waved.",
])
def test_space_before_punctuation_not_reported(text):
    assert lint(text, select=["NL506"]) == []


# -- leading space ----------------------------------------------------------------------------
def test_spaces_standing_for_markdown_markup_are_not_reported():
    text = ("See [the report](https://example.com/a,b) , and `x.Y` code.\n\n"
            "A [link](http://x.org).Next and `a  b` and [x](y)  here.\n")
    assert lint(text, path="article.md", select=["NL504", "NL505", "NL506"]) == []


def test_leading_space_reported_and_fixed():
    text = "Title\n\n Providing aid to the army.\n\nNext paragraph."
    diags = lint(text, select=["NL507"])
    assert [d.line for d in diags] == [3]
    assert _apply(text, diags) == "Title\n\nProviding aid to the army.\n\nNext paragraph."


@pytest.mark.parametrize("text, path", [
    ("Intro.\n\n  • the first point\n\n  - the second point", "article.txt"),
    ("Intro.\n\n    deliberately indented quotation", "article.txt"),
    ("Intro.\n\n - a Markdown list item", "article.md"),
])
def test_leading_space_not_reported(text, path):
    assert lint(text, path=path, select=["NL507"]) == []


# -- the repeated-word shortcut equals the plain scan ---------------------------------------------
_REPEAT_PIECES = ["the", "The", "THE", "a", "A", "é", "É", "ÿ", "Ÿ", "ß", "don", "’", "'", "t",
                  "-", "_", "x1", "1", "Ω", " ", "  ", "\t", "\n", "\n\n", ",", ".", "“", "so"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_REPEAT_PIECES), max_size=40).map("".join))
def test_repeat_shortcut_equals_the_plain_scan(text):
    """_REPEAT tried only where two equal runs start finds what a scan of the whole text finds,
    and there are such starts exactly when the plain gate says a repeat may be there."""
    from newslint.checks.mechanics import (_REPEAT, _equal_run_starts, _may_repeat,
                                           _repeats_at)

    low = text.lower()
    if len(low) != len(text):
        return
    starts = _equal_run_starts(low)
    assert bool(starts) == _may_repeat(low)
    assert ([m.span(0) + m.span(2) for m in _repeats_at(low, starts)]
            == [m.span(0) + m.span(2) for m in _REPEAT.finditer(low)])
