"""News filters: what a general-purpose speller or grammar checker gets wrong on news copy.

News is full of names, acronyms, model numbers, web addresses and foreign words that no
dictionary knows. These helpers find those spans cheaply (one regex pass each) so that the
spelling and grammar rules can drop a backend's report before it reaches the editor.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable, Sequence

__all__ = [
    "address_spans",
    "inside_any",
    "names_in",
    "is_acronym_or_alphanumeric",
    "overlaps_any",
]

# Web addresses, e-mail addresses, bare domains and @handles / #hashtags: never prose.
_ADDRESS = re.compile(
    r"""(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>"'”’)\]]+"""
    r"""|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"""
    r"""|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io|co|uk|de|fr|info|ai|ly|me|tv|us"""
    r"""|int|mil|ru|ua|cn|in|au|ca|eu)\b(?:/[^\s<>"'”’)\]]*)?"""
    r"""|(?<![\w@#])[@#][A-Za-z_]\w*""",
    re.IGNORECASE,
)

# A capitalised word that follows a lower-case word (or a comma) on the same line: it is not
# capitalised because it starts a sentence, so it is a name.
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z0-9,;:)] )[A-Z][\w’'-]*")


def address_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every URL, e-mail address, bare domain, handle or hashtag, in order."""
    return [m.span() for m in _ADDRESS.finditer(text)]


def inside_any(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps one of the sorted, non-overlapping `spans`."""
    if not spans:
        return False
    index = bisect_right(spans, (start, float("inf"))) - 1
    for i in (index, index + 1):
        if 0 <= i < len(spans) and spans[i][0] < end and start < spans[i][1]:
            return True
    return False


def overlaps_any(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """Like `inside_any` for an unsorted, small collection of spans."""
    end = max(end, start + 1)
    return any(s < end and start < max(e, s + 1) for s, e in spans)


def names_in(text: str) -> frozenset[str]:
    """Lower-cased words the text capitalises in mid-sentence: names, as far as it knows."""
    out = set()
    for match in _MID_SENTENCE_CAPITAL.finditer(text):
        word = match.group().replace("’", "'").rstrip("'-")
        if word.endswith("'s"):
            word = word[:-2]
        out.add(word.lower())
    return frozenset(out)


def is_acronym_or_alphanumeric(token: str) -> bool:
    """G7, COVID-19, F-16, NATO, iPhone, 5G: tokens that are not dictionary words by design."""
    if any(c.isdigit() for c in token):
        return True
    uppers = sum(1 for c in token if c.isupper())
    return uppers >= 2 or (uppers == 1 and not token[0].isupper())
