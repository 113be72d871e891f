"""Markup that did not survive conversion: mangled tables and stray markup characters."""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Finding, Fix
from ..rule import lazy_regex, rule

# A table rule ("|---|:--:|") whose hyphens a word processor or a "smart punctuation" pass
# turned into en, em or box dashes: "| :————- |".
_DASHES = "-‐‑‒–—―─━−"
_RULE_CELL = rf"[ \t]*:?[ \t]*[{_DASHES}]{{3,}}[ \t]*:?[ \t]*"
_TABLE_RULE = lazy_regex(rf"^[ \t]*\|?(?:{_RULE_CELL}\|)+(?:{_RULE_CELL})?[ \t]*$", re.MULTILINE)
# A table row: starts and ends with a pipe and has at least two cells.
_TABLE_ROW = lazy_regex(r"^[ \t]*\|[^\n|]*\|[^\n]*\|[ \t]*$", re.MULTILINE)


@rule(
    code="NL306",
    name="broken-table",
    category="broken_table",
    severity="warning",
    bad="| Country | Troops |\n\n| :————- | :———— |\n\n| France | 2,000 |",
    good="| Country | Troops |\n| :--- | :--- |\n| France | 2,000 |",
)
def broken_table(doc, options) -> Iterator[Finding]:
    """A Markdown table mangled in conversion: dashes in its rule, rows split by blank lines.

    A Markdown table only renders when its rule line is made of hyphens and its rows sit on
    consecutive lines. Typographic dashes ("| :————- |") or blank lines between rows turn
    the table into a column of pipes and words in the published article. Rebuild the table,
    or rewrite its content as sentences.
    """
    text = doc.text
    if "|" not in text:
        return
    for match in _TABLE_RULE.finditer(text):
        body = match.group()
        if any(ch in body for ch in _DASHES[1:]):
            start = match.start() + len(body) - len(body.lstrip())
            yield Finding(start, match.end(),
                          "table rule made of typographic dashes: Markdown needs hyphens "
                          "(“|---|”)")
    # rows of one table separated by blank lines: one report, on the first row
    block: list[re.Match] = []
    split = False
    for match in _TABLE_ROW.finditer(text):
        gap = text[block[-1].end() : match.start()] if block else None
        if gap is not None and not gap.strip():
            split = split or gap.count("\n") >= 2
            block.append(match)
            continue
        yield from _split_table(block, split)
        block, split = [match], False
    yield from _split_table(block, split)


def _split_table(block: list, split: bool) -> Iterator[Finding]:
    if split and len(block) >= 2:
        first = block[0]
        start = first.start() + len(first.group()) - len(first.group().lstrip())
        yield Finding(start, first.end(),
                      f"table of {len(block)} rows split by blank lines (it will not render)")


# Markup characters that only mean something in Markdown or HTML.
_BULLET_MARKS = "*•·▪◦‣●■□➢►"
_BULLET = lazy_regex(rf"^[ \t]*([{_BULLET_MARKS}])[ \t]+(?=\S)", re.MULTILINE)
_HEADING = lazy_regex(r"^[ \t]*#{1,6}[ \t]+\S[^\n]*$", re.MULTILINE)
_EMPHASIS = lazy_regex(r"(?<![\w*])\*\*(?=\S)[^*\n]{1,120}(?<=\S)\*\*(?![\w*])"
                       # __strong__ only around several words: "__init__" is a name
                       r"|(?<![\w_])__(?=\S)[^_\n]{0,60}\s[^_\n]{0,60}(?<=\S)__(?![\w_])")
_LINK = lazy_regex(r"\[[^\]\n]{1,200}\]\((?:https?://|/|www\.)[^)\s]*\)")
_RULE_LINE = lazy_regex(r"^[ \t]*(?:\*[ \t]*){3,}$|^[ \t]*(?:_[ \t]*){3,}$|^[ \t]*(?:-[ \t]*){3,}$"
                        r"|^[ \t]*(?:=[ \t]*){3,}$", re.MULTILINE)
_BLOCKQUOTE = lazy_regex(r"^[ \t]*>[ \t]+\S", re.MULTILINE)
# HTML tags and entities, in any kind of file (Markdown masks its real HTML itself).
_TAG = lazy_regex(
    r"</?(?:p|div|span|br|hr|a|strong|em|b|i|u|ul|ol|li|img|h[1-6]|table|thead|tbody|tr|td|"
    r"th|iframe|script|style|figure|figcaption|blockquote|section|article|header|footer|nav|"
    r"noscript|picture|source|video|audio|sup|sub|small|font|center)(?:[ \t][^<>\n]{0,300})?/?>",
    re.IGNORECASE,
)
_ENTITY = lazy_regex(r"&(?:nbsp|amp|quot|lt|gt|apos|mdash|ndash|rsquo|lsquo|rdquo|ldquo|hellip|"
                     r"laquo|raquo|copy|reg|trade|shy|zwnj|zwj|bull|middot|eacute|#\d{2,6}|"
                     r"#x[0-9a-fA-F]{2,5});")
# WordPress-style shortcodes on a line of their own: "[pullquote]", "[caption id=…]".
_SHORTCODE = lazy_regex(r"^[ \t]*\[/?[a-z_]{3,30}(?:[ \t][^\]\n]{0,200})?\][ \t]*$",
                        re.MULTILINE)


@rule(
    code="NL307",
    name="stray-markup",
    category="stray_markup",
    severity="warning",
    fixable=True,
    bad="The mayor&nbsp;said the <b>new</b> bridge opens in May.",
    good="The mayor said the new bridge opens in May.",
)
def stray_markup(doc, options) -> Iterator[Finding]:
    """Markup left in the text: HTML tags and entities, shortcodes, Markdown in plain text.

    In plain-text files, Markdown bullets, headings, emphasis, links and rules count too.

    A plain-text article is printed as it is, so "**bold**", "## Heading", "* item",
    "&nbsp;" or "<br>" reach the reader as symbols. In Markdown files that syntax (and
    inline HTML, which the reader masks) is legitimate, so only shortcodes are judged there.
    """
    text = doc.text
    plain = doc.kind == "text"
    if "<" in text:
        for match in _TAG.finditer(text):
            yield Finding(match.start(), match.end(),
                          f"HTML tag left in the text: “{match.group()}”",
                          fix=Fix(match.start(), match.end(), "", safe=False))
    if plain and "&" in text:
        for match in _ENTITY.finditer(text):
            yield Finding(match.start(), match.end(),
                          f"HTML entity left in the text: “{match.group()}”")
    if "]" in text and ("]\n" in text or text.rstrip().endswith("]")):
        for match in _SHORTCODE.finditer(text):
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            yield Finding(start, match.end(),
                          f"shortcode left in the text: “{match.group().strip()}”")
    if not plain:
        return
    if _holds_any(text, _BULLET_MARKS):
        yield from _bullet_lists(text)
    for regex, what, hints in (
        (_HEADING, "Markdown heading marker", ("#",)),
        (_RULE_LINE, "separator line", ("___", "***", "---", "===", "* *", "_ _", "- -", "= =")),
        (_BLOCKQUOTE, "Markdown quote marker", (">",)),
    ):
        if not _holds_any(text, hints):
            continue
        for match in regex.finditer(text):
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            yield Finding(start, match.end() if regex is not _BLOCKQUOTE else start + 1,
                          f"{what} in a plain-text article")
    if ("*" in text and "**" in text) or ("_" in text and "__" in text):
        for match in _EMPHASIS.finditer(text):
            yield Finding(match.start(), match.end(),
                          f"Markdown emphasis in a plain-text article: “{match.group()[:40]}”")
    if "]" in text and "](" in text:
        for match in _LINK.finditer(text):
            yield Finding(match.start(), match.end(), "Markdown link in a plain-text article")


def _holds_any(text: str, hints) -> bool:
    """`any(hint in text for hint in hints)`, each hint's first character looked for first:
    a one-character test runs in a fraction of the time of a longer one, and these marks are
    rare in prose. Hints opening with a hyphen are tried at each hyphen instead (prose has a
    few, and "- -" makes str.find step through the text one character at a time)."""
    hyphen = None
    for hint in hints:
        if hint[0] in text:
            if hint[0] == "-" and len(hint) == 3:
                if hyphen is None:
                    hyphen = _hyphen_runs(text)
                if hint in hyphen:
                    return True
            elif hint in text:
                return True
    return False


def _hyphen_runs(text: str) -> set[str]:
    """The three characters starting at each hyphen of `text` (fewer at its end)."""
    find = text.find
    runs = set()
    at = find("-")
    while at != -1:
        runs.add(text[at : at + 3])
        at = find("-", at + 1)
    return runs


def _bullet_lists(text: str) -> Iterator[Finding]:
    """One report per list (bullets on consecutive lines), with a fix removing the markers."""
    run: list[re.Match] = []
    for match in _BULLET.finditer(text):
        if run and text.count("\n", run[-1].end(), match.start()) == 1:
            run.append(match)
            continue
        if run:
            yield _bullet_finding(text, run)
        run = [match]
    if run:
        yield _bullet_finding(text, run)


def _bullet_finding(text: str, run: list) -> Finding:
    start = run[0].start(1)
    end = text.find("\n", run[-1].end())
    end = len(text) if end == -1 else end
    fix_start = run[0].start()  # indentation goes with the marker
    pieces, cursor = [], fix_start
    for match in run:
        pieces.append(text[cursor : match.start()])
        cursor = match.end()
    pieces.append(text[cursor:end])
    what = f"list of {len(run)} bullets" if len(run) > 1 else "list bullet"
    return Finding(start, end, f"{what} “{run[0].group(1)}” in a plain-text article",
                   fix=Fix(fix_start, end, "".join(pieces), safe=False))
