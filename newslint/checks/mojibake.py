"""Mojibake: text that was decoded with the wrong character encoding somewhere upstream."""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Finding, Fix
from ..rule import lazy_regex, rule
from ..document import utf8_bytes

#: A UTF-8 lead byte read as Windows-1252/Latin-1 (Â-ô) followed by a continuation byte read
#: the same way (C1 controls, the Windows-1252 punctuation block, or NBSP-¿). Clean text
#: almost never has these pairs; ftfy then decides whether the line really is mojibake.
_SUSPECT = lazy_regex(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
    "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161"
    "\u203a\u0153\u017e\u0178]"
)
#: The UTF-8 bytes any _SUSPECT pair starts with: a lead character is C3 82-B4, and every
#: character of the second class starts with C2, C5, C6, CB or E2 (see test_mojibake).
#: Searched in the bytes (a literal first byte: fast) before the text is scanned at all.
_SUSPECT_BYTES = lazy_regex(b"\xc3[\x82-\xb4][\xc2\xc5\xc6\xcb\xe2]")
#: U+FFFD: bytes that could not be decoded were replaced and are lost.
_REPLACEMENT_CHAR = "\ufffd"


@rule(
    code="NL308",
    name="mojibake",
    category="mojibake",
    severity="error",
    fixable=True,
    bad="The minister said they donâ€™t expect a deal.",
    good="The minister said they don’t expect a deal.",
)
def mojibake(doc, options) -> Iterator[Finding]:
    """Text decoded with the wrong encoding ("donâ€™t" for "don’t").

    When UTF-8 text passes through a tool that reads it as Windows-1252 or Latin-1, every
    accented letter, dash and curly quote turns into two or three junk characters. Readers
    see "â€™" where an apostrophe was and "Ã©" for "é", and names become unreadable. The
    repair is mechanical: the fix offered is the line as ftfy restores it. A U+FFFD
    replacement character is reported too: there the original character is lost.
    """
    text = doc.text
    if _REPLACEMENT_CHAR in text:
        for match in re.finditer(_REPLACEMENT_CHAR + "+", text):
            yield Finding(match.start(), match.end(),
                          "replacement character: a character was lost in decoding; restore "
                          "it from the source")
    if _SUSPECT_BYTES.search(utf8_bytes(doc)) is None:
        return
    first = _SUSPECT.search(text)
    if first is None:
        return
    from ftfy import fix_encoding  # imported only for the rare text that needs it

    position = first.start()
    while position < len(text):
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        if line_end == -1:
            line_end = len(text)
        line = text[line_start:line_end]
        repaired = fix_encoding(line)
        if repaired != line:
            for start, end, replacement in _changed_runs(line, repaired):
                bad = line[start:end]
                yield Finding(line_start + start, line_start + end,
                              f"mojibake (text decoded with the wrong encoding): “{bad}” "
                              f"should read “{replacement}”",
                              fix=Fix(line_start + start, line_start + end, replacement))
        following = _SUSPECT.search(text, line_end)
        if following is None:
            break
        position = following.start()


def _changed_runs(line: str, repaired: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, replacement) for each garbled run of `line`, joining runs that are at
    most two characters apart so one word gives one report."""
    from difflib import SequenceMatcher

    runs: list[list] = []
    matcher = SequenceMatcher(None, line, repaired, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if runs and i1 - runs[-1][1] <= 2:
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
    for i1, i2, j1, j2 in runs:
        yield i1, i2, repaired[j1:j2]
