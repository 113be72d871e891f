"""Inline suppression comments for Markdown and HTML articles.

``<!-- newslint-disable NL301 NL3 -->`` ... ``<!-- newslint-enable -->`` switch rules off for a
range of lines (no codes: every rule); ``<!-- newslint-disable-next-line NL301 -->`` for the
next non-blank line only. Codes may be prefixes or rule names. Plain-text articles have no
comment syntax: use ``per-file-ignores`` for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMENT = re.compile(
    r"<!--\s*newslint-(disable-next-line|disable|enable)\b([^>]*?)-->", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Suppression:
    first_line: int
    last_line: int  # inclusive; a large number for "to the end"
    codes: tuple[str, ...]  # empty: every rule

    def covers(self, line: int, code: str, name: str) -> bool:
        if not self.first_line <= line <= self.last_line:
            return False
        return not self.codes or any(
            c == name or code.startswith(c.upper()) for c in self.codes
        )


def parse_suppressions(text: str) -> tuple[Suppression, ...]:
    """Find suppression comments in normalised text (lines separated by "\\n")."""
    if "newslint-" not in text:
        return ()
    lines = text.split("\n")
    line_of = _line_index(text)
    out: list[Suppression] = []
    open_ranges: list[tuple[int, tuple[str, ...]]] = []
    for match in _COMMENT.finditer(text):
        kind = match.group(1).lower()
        codes = tuple(c for c in re.split(r"[\s,]+", match.group(2).strip()) if c)
        line = line_of(match.start())
        if kind == "disable-next-line":
            target = line + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            out.append(Suppression(target, target, codes))
        elif kind == "disable":
            open_ranges.append((line, codes))
        else:
            kept = []
            for start, open_codes in open_ranges:
                if not codes or set(open_codes) & set(codes) or not open_codes:
                    out.append(Suppression(start, line, open_codes))
                else:
                    kept.append((start, open_codes))
            open_ranges = kept
    out.extend(Suppression(start, 10**9, codes) for start, codes in open_ranges)
    return tuple(out)


def _line_index(text: str):
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    from bisect import bisect_right

    return lambda offset: bisect_right(starts, offset)
