"""Broken tables (NL306) and stray markup (NL307)."""

from __future__ import annotations

import random

import pytest

from .helpers import assert_seed_rows, lint

DASHES = ["–", "—", "―", "─", "‒"]
HEAD = "Bridge closures this week"
PARA = "The council published the list of closures on Monday, officials said."


def doc(*blocks: str) -> str:
    return "\n\n".join([HEAD, PARA, *blocks, PARA]) + "\n"


def lines(diags, code):
    return [d.line for d in diags if d.code == code]


def test_seed_rows_of_markup_categories_are_reported():
    assert_seed_rows(["broken_table", "stray_markup"])


def test_table_rules_made_of_typographic_dashes_are_reported():
    rng = random.Random(2)
    for _ in range(20):
        cells = rng.randint(2, 5)
        rule = "|" + "|".join(
            f" {rng.choice(['', ':'])}{rng.choice(DASHES) * rng.randint(3, 30)}"
            f"{rng.choice(['', '-', ':'])} " for _ in range(cells)) + "|"
        header = "|" + "|".join(f" Col {i} " for i in range(cells)) + "|"
        text = doc(header + "\n" + rule)
        assert lines(lint(text, select=["NL306"]), "NL306") == [6], rule


@pytest.mark.parametrize("path", ["article.txt", "article.md"])
def test_valid_table_rule_is_not_broken(path):
    text = doc("| Road | Closed |\n| :--- | ---: |\n| Mill Street | Monday |")
    assert not lint(text, path=path, select=["NL306"])


def test_table_rows_split_by_blank_lines_are_reported_once():
    rows = ["| Road | Closed |", "| :--- | :--- |", "| Mill Street | Monday |",
            "| Quay Road | Friday |"]
    text = doc("\n\n".join(rows))
    diags = lint(text, select=["NL306"])
    assert lines(diags, "NL306") == [5]
    assert "4 rows" in diags[0].message


def test_prose_with_pipes_is_not_a_table():
    text = doc("Prices | rents | wages all rose, the survey found.", "A | B")
    assert not lint(text, select=["NL306", "NL307"])


@pytest.mark.parametrize("line, fragment", [
    ("* Permanent deployment of forces on the border", "*"),
    ("  • the role of the alliance in the talks", "•"),
    ("▪ Funding for the new bridge", "▪"),
    ("## What happens next", "##"),
    ("The plan is **not** final, officials said.", "**not**"),
    ("Read the [full report](https://example.org/report) online.", "[full report]"),
    ("> The river is rising, the mayor said.", ">"),
    ("___", "___"),
    ("* * *", "* * *"),
    ("The mayor&nbsp;said the bridge would open.", "&nbsp;"),
    ("Smith &amp; Sons won the contract.", "&amp;"),
    ("It costs &#163;40 a year.", "&#163;"),
    ("The bridge<br>opens in May.", "<br>"),
    ("<p>The bridge opens in May.</p>", "<p>"),
    ('The <a href="/x">new bridge</a> opens in May.', "<a"),
    ("[pullquote]", "[pullquote]"),
    ('[caption id="attachment_12" align="alignleft"]', "[caption"),
])
def test_stray_markup_in_plain_text_is_reported(line, fragment):
    text = doc(line)
    diags = lint(text, select=["NL307"])
    assert 5 in lines(diags, "NL307"), line


@pytest.mark.parametrize("line", [
    "* Permanent deployment of forces on the border",
    "## What happens next",
    "The plan is **not** final, officials said.",
    "Read the [full report](https://example.org/report) online.",
    "Smith &amp; Sons won the contract.",
])
def test_markdown_syntax_is_fine_in_markdown_files(line):
    assert not lint(doc(line), path="article.md", select=["NL307"])


@pytest.mark.parametrize("line", [
    "- Funding for the new bridge",  # hyphen lists are ordinary plain text
    "AT&T and Smith & Sons bid for the contract.",
    "The score was 5 * 3 in the old notation.",
    "Temperatures were < 5C and > -2C overnight.",
    "The band's album was called <Silence>.",
    "Ellipses... and dashes -- are the style guide's business.",
    "The company's __init__ file was leaked.",
    "He used [sic] twice in the letter.",
    "[Editor's note: the figures were corrected.]",
])
def test_plain_text_that_only_looks_like_markup_is_not_reported(line):
    assert not lint(doc(line), select=["NL307"]), line


def apply(text, fix):
    return text[: fix.start] + fix.replacement + text[fix.end :]


def test_bullet_fix_removes_only_the_marker():
    text = doc("• Funding for the new bridge")
    (diag,) = lint(text, select=["NL307"])
    assert "\nFunding for the new bridge\n" in apply(text, diag.fix)


def test_a_bullet_list_is_reported_once_and_fixed_whole():
    items = ["Funding for the new bridge", "A second ferry", "Longer library hours"]
    text = doc("\n".join(f"  • {item}" for item in items))
    (diag,) = lint(text, select=["NL307"])
    assert diag.line == 5 and "3 bullets" in diag.message
    assert "\n\n" + "\n".join(items) + "\n\n" in apply(text, diag.fix)
