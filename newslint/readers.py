"""Readers turn file bytes into Documents: plain text as it is, Markdown with its code,
front matter, link targets and HTML comments masked (positions unchanged)."""

from __future__ import annotations

import os
import re
from functools import lru_cache

from .document import Document, decode

__all__ = ["read_plain", "read_markdown", "markdown_masks", "MARKDOWN_SUFFIXES"]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n.*?\n\1[ \t]*(?:\n|\Z)", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE)


def _may_need_parser(body: str) -> bool:
    """Whether the parser could find a mask: each needs a backtick (code span, fence), "~~~"
    (fence), "<" (HTML, autolink), "](" (link or image target), or four spaces (a code block:
    indented at the start of a line, or after a list or quote marker, as in "*     code").
    A body without any of them is all prose and is not parsed (most articles). Substring
    tests: a regular expression anchored at line starts was ten times slower."""
    return ("`" in body or "<" in body or "](" in body or "~~~" in body or "\t" in body
            or "    " in body)


# A link or image in its plainest form: a one-line label without brackets, a destination
# without spaces, brackets, parentheses or escapes, and no title.
_SIMPLE_LINK = re.compile(r"(!?)\[[^\[\]\n]*\]\(([^\s()<>\[\]\\\x00-\x1f\x7f]*)\)")
#: Link destinations markdown-it refuses (its validateLink): such a "link" stays text.
_REFUSED_SCHEMES = ("vbscript:", "javascript:", "file:", "data:")


def _simple_link_masks(body: str) -> list[tuple[int, int]] | None:
    """The masks the parser would give a body whose only markup (of what `_may_need_parser`
    looks for) is plain links and images, or None when the parser must decide.

    Without code, HTML, indentation, backslash escapes or reference definitions in the body,
    nothing can hide a link or make it something else; when every "](" of the body is one of
    plain links found by _SIMPLE_LINK (a plain link holds exactly one), those are the links
    the parser finds, and each is masked as `_inline_masks` masks it: a link from its "(" to
    its ")", an image from its "!". A body with links is one article in ten, and parsing it
    costs fifty times what this costs."""
    if ("`" in body or "<" in body or "~~~" in body or "\t" in body or "    " in body
            or "\\" in body or "]:" in body):
        return None  # (four spaces anywhere: code can be indented inside a list or quote)
    masks = []
    for match in _SIMPLE_LINK.finditer(body):
        destination = match.group(2)
        if destination.lower().startswith(_REFUSED_SCHEMES):
            return None
        entity = destination.find("&")  # the parser decodes entities: "&#58;" is a colon
        if entity != -1 and not 0 <= destination.find(":") < entity:
            return None  # an entity before the first colon could spell a refused scheme
        masks.append((match.start() if match.group(1) else match.start(2) - 1, match.end()))
    return masks if len(masks) == body.count("](") else None


def read_plain(path: str, raw: bytes) -> Document:
    text, encoding = decode(raw)
    return Document(path, text, encoding=encoding, kind="text")


def read_markdown(path: str, raw: bytes) -> Document:
    text, encoding = decode(raw)
    normalised = re.sub(r"\r\n|\r", "\n", text)
    return Document(path, text, masked=markdown_masks(normalised), encoding=encoding,
                    kind="markdown")


def is_markdown(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in MARKDOWN_SUFFIXES


def markdown_masks(text: str) -> tuple[tuple[int, int], ...]:
    """Offset ranges of a Markdown text that are not prose: code, front matter, URLs, HTML."""
    masks: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(text)
    body_start = front.end() if front else 0
    if front:
        masks.append((0, front.end()))
    # Parse the body only; the parser's line numbers are shifted back by the front matter.
    shift = text.count("\n", 0, body_start)
    body = text[body_start:]
    tokens = ()
    if _may_need_parser(body):
        links = _simple_link_masks(body)
        if links is None:
            tokens = _commonmark().parse(body)
        else:
            masks.extend((start + body_start, end + body_start) for start, end in links)
    starts = [0] + [m.end() for m in re.finditer("\n", text)] if tokens else [0]
    starts.append(len(text) + 1)

    def line_range(first: int, last: int) -> tuple[int, int]:
        return starts[first], min(starts[min(last, len(starts) - 1)], len(text) + 1) - 1

    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map[0] + shift, token.map[1] + shift
        if token.type in ("fence", "code_block", "html_block"):
            masks.append(line_range(first, last))
        elif token.type == "inline" and token.children:
            seg_start, seg_end = line_range(first, last)
            masks.extend(_inline_masks(text, seg_start, seg_end, token.children))
    if "<!--" in body:
        masks.extend(m.span() for m in _HTML_COMMENT.finditer(text, body_start))
    if "]:" in body:
        masks.extend(m.span() for m in _REFERENCE_DEF.finditer(text, body_start))
    return merge_ranges(masks)


@lru_cache(maxsize=1)
def _commonmark():
    """One CommonMark parser per process (building one costs a third of a parse)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _inline_masks(text: str, start: int, end: int, children) -> list[tuple[int, int]]:
    """Locate code spans, link targets and inline HTML of one inline run in the source."""
    out: list[tuple[int, int]] = []
    cursor = start
    for child in children:
        if child.type == "code_inline":
            ticks = child.markup or "`"
            open_at = text.find(ticks, cursor, end)
            if open_at == -1:
                continue
            close_at = text.find(ticks, open_at + len(ticks) + max(len(child.content) - 1, 0), end)
            if close_at == -1:
                continue
            cursor = close_at + len(ticks)
            out.append((open_at, cursor))
        elif child.type == "link_open":
            if child.markup == "autolink":
                open_at = text.find("<", cursor, end)
                close_at = text.find(">", open_at, end) if open_at != -1 else -1
                if close_at != -1:
                    out.append((open_at, close_at + 1))
                    cursor = close_at + 1
                continue
            target = text.find("](", cursor, end)
            if target == -1:
                continue
            close_at = _closing_paren(text, target + 1, end)
            if close_at != -1:
                out.append((target + 1, close_at + 1))
                cursor = close_at + 1
        elif child.type == "html_inline":
            found = text.find(child.content, cursor, end)
            if found != -1:
                out.append((found, found + len(child.content)))
                cursor = found + len(child.content)
        elif child.type == "image":
            target = text.find("](", cursor, end)
            close_at = _closing_paren(text, target + 1, end) if target != -1 else -1
            if close_at != -1:
                bang = text.rfind("![", cursor, target)
                out.append((bang if bang != -1 else target, close_at + 1))
                cursor = close_at + 1
    return out


def _closing_paren(text: str, open_at: int, end: int) -> int:
    depth = 0
    for index in range(open_at, min(end, len(text))):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        elif char == "\n":
            return -1
    return -1


def merge_ranges(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sorted, non-overlapping (start, end) ranges covering the same offsets."""
    merged: list[list[int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)
