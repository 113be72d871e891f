"""Mechanics: slips of the keyboard that an editor fixes without a second thought."""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Finding, Fix
from ..rule import rule

# "the the", also across a line break; the second copy is what gets deleted.
_REPEAT = re.compile(r"\b([A-Za-z]+)(\s+)(\1)\b", re.IGNORECASE)
#: Doublings that are good English ("had had", "that that") or names ("Duran Duran").
_ALLOWED_REPEATS = frozenset({"had", "that", "is", "do", "bye", "no", "very", "so", "ha", "far",
                              "knock", "tut", "chop", "hush", "pooh", "yada", "bora", "duran",
                              "sirhan", "walla", "mahi", "aye", "night", "there", "now",
                              "go", "yes", "many", "again", "more", "over", "round", "blah",
                              "out", "on"})


@rule(
    code="NL503",
    name="repeated-word",
    category="repeated_word",
    severity="warning",
    fixable=True,
    bad="The minister said the the plan would be published on Monday.",
    good="The minister said the plan would be published on Monday.",
)
def repeated_word(doc, options) -> Iterator[Finding]:
    """A word typed twice in a row ("the the"), also across a line break.

    Doubled words survive spell-checkers because each copy is spelled correctly. Good
    English doublings ("had had", "that that") and reduplicated names are left alone, and so
    are doublings across a paragraph break, which are usually a heading and its first line.
    """
    text = doc.text
    for match in _REPEAT.finditer(text):
        word = match.group(1)
        if word.lower() in _ALLOWED_REPEATS or match.group(3) != word and not (
            match.group(3).lower() == word.lower() and match.group(3)[0].islower()
        ):
            continue
        if match.group(2).count("\n") > 1:
            continue
        start, end = match.start(2), match.end(3)
        yield Finding(match.start(1), end, f"repeated word “{word}”",
                      fix=Fix(start, end, ""))
