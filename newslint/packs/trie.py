"""Compile a list of phrases into one factored regular expression.

A plain alternation of hundreds of phrases makes the regex engine try every branch at every
position; factoring shared prefixes into a trie lets it reject most positions after one or two
characters (measured: about 14x faster on 300 phrases over news text).
"""

from __future__ import annotations

import re
from typing import Iterable

from ..warmstart import remember


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regex source matching exactly the given literal phrases (longest first at each branch).

    Kept in the start-up store between command-line runs (the big packs' tries take tens of
    milliseconds to build)."""
    ordered = sorted({phrase for phrase in phrases if phrase})
    if not ordered:
        return "(?!)"
    return remember("trie", "\n".join(ordered), lambda: _emit(ordered, 0))


def _emit(phrases: list[str], start: int) -> str:
    """The pattern of the trie node at depth `start` whose phrases (sorted, unique, sharing
    their first `start` characters) are given. Each branch takes the whole run of characters
    its phrases share at once (a chain of single-child nodes), so building the pattern of a
    few hundred phrases costs a fraction of compiling it."""
    terminal = len(phrases[0]) == start  # only the shortest phrase can end here
    rest = phrases[1:] if terminal else phrases
    if not rest:
        return ""
    branches = []
    count, i = len(rest), 0
    while i < count:
        first, char = rest[i], rest[i][start]
        j = i + 1
        while j < count and rest[j][start] == char:
            j += 1
        group = rest[i:j]
        shared = _shared_length(first, group[-1], start + 1)
        branches.append(re.escape(first[start:shared]) + _emit(group, shared))
        i = j
    if len(branches) == 1 and not terminal:
        return branches[0]
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return f"(?:{body})?"
    return body


def _shared_length(low: str, high: str, known: int) -> int:
    """Length of the common prefix of two sorted strings that agree on `known` characters
    (that of the first and last of a sorted group is the whole group's)."""
    hi = min(len(low), len(high))
    while known < hi:  # binary search on slice equality, done in C
        middle = (known + hi + 1) // 2
        if low[known:middle] == high[known:middle]:
            known = middle
        else:
            hi = middle - 1
    return known
