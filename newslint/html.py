"""HTML articles: lint the visible text, report positions in the HTML source.

CMS exports and saved pages arrive as HTML. The reader parses them with the standard
library's `html.parser` (a tolerant, well-kept tokenizer that reports where each token starts)
and builds a `Document` whose text has exactly the length and the line breaks of the source:

- markup, comments, doctypes, processing instructions and the content of elements a reader
  never sees (``script``, ``style``, ``head``/``title``, ``template``, ``noscript``, ``svg``,
  ``math``, ``iframe``, ``object``, ``canvas``, ``select``, ``textarea``, and any element with
  a ``hidden`` attribute, ``aria-hidden="true"`` or an inline ``display:none``), and code
  (``pre``, ``code``, ``kbd``, ``samp``: not prose, as in Markdown) are blanked with spaces
  and masked, so no rule reports them and no fix rewrites them;
- character references are decoded (``&amp;`` reads as ``&``, ``&rsquo;`` as ``’``), because
  rules must see the words a reader sees. A reference is longer than the character it stands
  for, so the characters after it, up to the next tag or line end, move left and the gap is
  filled with masked spaces just before that tag or line end. Lines are therefore always exact;
  a column reported on the CLI after a reference on the same line may point a few characters
  early. Fixes (``--fix``) and the language server map every offset back through the
  references, so they always edit and highlight the exact source characters.

Block boundaries are not turned into line breaks (that would move every line number), so
``<p>One</p><p>Two</p>`` on one source line reads as one line of text; a finding that spans
markup is dropped, as everywhere a finding touches a masked region.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from html.parser import HTMLParser
from pathlib import PurePath

from .document import Document, decode
from .readers import merge_ranges

__all__ = ["HTML_SUFFIXES", "HtmlDocument", "is_html", "read_html", "visible_ranges"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")

#: Elements whose content is never shown as article text, or is code rather than prose (as in
#: Markdown, code is not linted).
_HIDDEN = frozenset({"script", "style", "head", "title", "template", "noscript", "svg", "math",
                     "iframe", "object", "canvas", "select", "textarea", "pre", "code", "kbd",
                     "samp"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr", "keygen", "frame", "basefont", "isindex"})
#: Elements whose end tag HTML lets authors omit: a hidden attribute on them is not trusted to
#: find its end, so their content stays visible.
_OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
                           "thead", "tbody", "tfoot", "colgroup", "rt", "rp", "caption", "html",
                           "body"})
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_BREAK = re.compile(r"\r\n|\r")


def is_html(path: str) -> bool:
    return PurePath(path).suffix.lower() in HTML_SUFFIXES


class _Scanner(HTMLParser):
    """Records where each token starts and whether a reader would see it."""

    def __init__(self, line_starts: list[int]) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = line_starts
        self.events: list[tuple[int, bool]] = []
        self.hidden_tag: str | None = None
        self.hidden_depth = 0

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _mark(self, visible: bool) -> None:
        self.events.append((self._here(), visible and self.hidden_tag is None))

    def handle_starttag(self, tag, attrs):
        self._mark(False)
        if tag in _VOID:
            return
        if self.hidden_tag is not None:
            if tag == self.hidden_tag:
                self.hidden_depth += 1
            elif self.hidden_tag == "head" and tag == "body":  # </head> may be omitted
                self.hidden_tag, self.hidden_depth = None, 0
            return
        if tag in _HIDDEN or (tag not in _OPTIONAL_END and _hidden_by_attribute(attrs)):
            self.hidden_tag, self.hidden_depth = tag, 1

    def handle_startendtag(self, tag, attrs):
        self._mark(False)

    def handle_endtag(self, tag):
        self._mark(False)
        if self.hidden_tag == tag:
            self.hidden_depth -= 1
            if self.hidden_depth <= 0:
                self.hidden_tag, self.hidden_depth = None, 0

    def handle_data(self, data):
        self._mark(True)

    def handle_entityref(self, name):
        self._mark(True)

    def handle_charref(self, name):
        self._mark(True)

    def handle_comment(self, data):
        self._mark(False)

    def handle_decl(self, decl):
        self._mark(False)

    def handle_pi(self, data):
        self._mark(False)

    def unknown_decl(self, data):
        self._mark(False)


def _hidden_by_attribute(attrs) -> bool:
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "aria-hidden" and (value or "").strip().lower() == "true":
            return True
        if name == "style" and value and _DISPLAY_NONE.search(value):
            return True
    return False


def visible_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the text a reader sees, in `text` (line breaks normalised)."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    scanner = _Scanner(line_starts)
    scanner.feed(text)
    scanner.close()
    events = scanner.events
    out: list[tuple[int, int]] = []
    for index, (start, visible) in enumerate(events):
        if not visible:
            continue
        end = events[index + 1][0] if index + 1 < len(events) else len(text)
        if end <= start:
            continue
        if out and out[-1][1] == start:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


class HtmlDocument(Document):
    """A Document of an HTML file: `text` is the visible text laid over the source positions.

    `source_range` maps a range of `text` to the range of `source` it was read from (they differ
    only around decoded character references).
    """

    def __init__(self, path: str, source: str, *, encoding: str = "utf-8") -> None:
        normalised = _BREAK.sub("\n", source) if "\r" in source else source
        visible = visible_ranges(normalised)
        text, masked, self._pieces = _visible_text(normalised, visible)
        super().__init__(path, source, masked=masked, encoding=encoding, kind="html")
        self.text = text
        self._piece_starts = [piece[0] for piece in self._pieces]

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """The source range a text range was read from (an identity outside references)."""
        return self._map(start, end_side=False), self._map(end, end_side=True)

    def _map(self, offset: int, end_side: bool) -> int:
        pieces = self._pieces
        if not pieces:
            return offset
        probe = offset - 1 if end_side else offset
        index = bisect_right(self._piece_starts, probe) - 1
        if index < 0:
            return offset
        t_start, t_end, s_start, s_end, kind = pieces[index]
        inside = t_start < offset <= t_end if end_side else t_start <= offset < t_end
        if not inside:
            return offset
        if kind == "shift":
            return s_start + (offset - t_start)
        if kind == "pad":
            return s_start
        # a decoded reference: a range edge inside it takes the whole reference
        if offset == t_start:
            return s_start
        return s_end if end_side or offset == t_end else s_start


def _visible_text(source: str, visible: list[tuple[int, int]]):
    """Build the linted text: hidden parts blanked, references decoded, length unchanged.

    Returns (text, masked ranges, pieces) where pieces are (text start, text end, source start,
    source end, kind) for every stretch whose offsets differ from the source's.
    """
    parts: list[str] = []
    masked: list[tuple[int, int]] = []
    pieces: list[tuple[int, int, int, int, str]] = []
    cursor = 0
    for v_start, v_end in visible:
        if v_start > cursor:
            parts.append(_blank(source[cursor:v_start]))
            masked.append((cursor, v_start))
        chunk = source[v_start:v_end]
        if "&" in chunk:
            _decode_run(source, v_start, v_end, parts, masked, pieces)
        else:
            parts.append(chunk)
        cursor = v_end
    if cursor < len(source):
        parts.append(_blank(source[cursor:]))
        masked.append((cursor, len(source)))
    text = "".join(parts)
    assert len(text) == len(source)  # offsets must equal source offsets
    return text, merge_ranges(masked), pieces


def _decode_run(source, start, end, parts, masked, pieces) -> None:
    """Decode the references of one visible run [start, end) into `parts`, keeping its length.

    The characters after a reference move left; the freed room becomes masked spaces just
    before the next line break or the end of the run.
    """
    out_pos = start  # where the next emitted character lands in the text
    src_pos = start
    for match in _REFERENCE.finditer(source, start, end):
        ref_start, ref_end = match.span()
        decoded = html.unescape(match.group())
        if decoded == match.group() or len(decoded) > ref_end - ref_start or "\n" in decoded:
            continue  # not a reference after all: keep it as written
        out_pos = _copy(source, src_pos, ref_start, out_pos, parts, masked, pieces)
        parts.append(decoded)
        pieces.append((out_pos, out_pos + len(decoded), ref_start, ref_end, "ref"))
        out_pos += len(decoded)
        src_pos = ref_end
    out_pos = _copy(source, src_pos, end, out_pos, parts, masked, pieces)
    if out_pos < end:  # close the gap at the end of the run
        _pad(out_pos, end, end, parts, masked, pieces)


def _copy(source, src_from, src_to, out_pos, parts, masked, pieces) -> int:
    """Copy source[src_from:src_to] to position `out_pos`, closing any gap at a line break."""
    if out_pos == src_from:
        parts.append(source[src_from:src_to])
        return out_pos + (src_to - src_from)
    while src_from < src_to:
        newline = source.find("\n", src_from, src_to)
        if newline == -1:
            piece = source[src_from:src_to]
            parts.append(piece)
            pieces.append((out_pos, out_pos + len(piece), src_from, src_to, "shift"))
            return out_pos + len(piece)
        piece = source[src_from:newline]
        if piece:
            parts.append(piece)
            pieces.append((out_pos, out_pos + len(piece), src_from, newline, "shift"))
            out_pos += len(piece)
        _pad(out_pos, newline, newline, parts, masked, pieces)
        # the line break and everything after it are back in place
        parts.append(source[newline:src_to])
        return src_to
    return out_pos


def _pad(out_pos: int, until: int, source_at: int, parts, masked, pieces) -> None:
    parts.append(" " * (until - out_pos))
    masked.append((out_pos, until))
    pieces.append((out_pos, until, source_at, source_at, "pad"))


def _blank(chunk: str) -> str:
    if "\n" not in chunk:
        return " " * len(chunk)
    return "\n".join(" " * len(part) for part in chunk.split("\n"))


def read_html(path: str, raw: bytes) -> Document:
    text, encoding = decode(raw)
    return HtmlDocument(path, text, encoding=encoding)
