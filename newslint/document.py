"""The Document: one article's text, its structure, and the only place offsets become lines.

Rules work in code-point offsets into `Document.text`. That text has its line breaks
normalised to "\\n" (CRLF and lone CR count as one break each), so (line, column) pairs are
exactly those of the original file. Regions a format says must not be linted (Markdown code,
front matter, link URLs, HTML markup) are blanked with spaces in `text` (newlines kept), and
listed in `masked`; the engine drops any finding that touches them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from itertools import accumulate, chain, compress, repeat
from operator import add, is_not, itemgetter, not_
from typing import Iterator, NamedTuple

from .rule import lazy_regex

__all__ = ["Document", "Span", "decode", "DecodeError", "utf8_bytes"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Unicode line breaks other than CR/LF that str.splitlines() honours but editors and
# pre-commit count as ordinary characters; we keep them as characters too.

# A sentence ends at . ! ? (or an ellipsis) followed by optional closing quotes/brackets and
# white space, when the next word starts like a sentence. The match starts at the end mark
# (the sentence ends one character later): a leading character class lets the matcher skip
# ahead, where a look-behind was tried at every position (four times slower).
_MARK_TAIL = r"""["'”’»)\]]*\s+"""  # closing quotes or brackets, then white space
_NEXT_WORD = r"""["'“‘«(\[]?[A-Z0-9À-Þ]"""
_SENTENCE_END = lazy_regex(rf"[.!?…]{_MARK_TAIL}(?={_NEXT_WORD})")  # for split_sentences
#: What str.rstrip takes off the last word before an end mark to compare it with abbreviations.
_CLOSERS = ".!?…\"'”’»)]"
# A paragraph: from a non-space to the last line before a blank line. Whole lines are taken
# with [^\n]* (a per-character alternation was seven times slower).
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n(?![ \t]*(?:\n|$))[^\n]*)*")
_ASCII_BYTES = bytes(range(128))
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st sen rep gov gen col lt sgt capt cmdr adm maj jr sr rev hon pres
    vs etc inc ltd co corp no nos fig approx est dept univ mt ft jan feb mar apr jun jul aug
    sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m d.c""".split()
)


# The same, one pattern per end mark, for `Document.sentences`: a pattern that starts with a
# literal character is scanned for it at C speed, where a leading class is tested character by
# character (eight times slower). Matches of different marks never overlap (a match holds one
# mark), so together they are exactly the matches of _SENTENCE_END. Group 1 is the match (for
# re.split); group 2 takes part only when the word before the mark may be an abbreviation or
# an initial (`_is_abbreviation` decides): one character, an abbreviation in any case, or any
# word ending in a closing mark ("etc.)."). Any other word is one that splits.
def _maybe_abbreviation_before(mark: str) -> str:
    by_length: dict[int, list[str]] = {}
    for word in sorted(_ABBREVIATIONS):
        by_length.setdefault(len(word), []).append(re.escape(word))
    mark = re.escape(mark)
    alternatives = [rf"(?<=[{re.escape(_CLOSERS)}]{mark})", rf"(?<=(?<!\S)\S{mark})"]
    alternatives += [rf"(?<=(?<!\S)(?i:{'|'.join(words)}){mark})"
                     for _, words in sorted(by_length.items())]
    return "(?:" + "|".join(alternatives) + ")"


_SENTENCE_END_BY_MARK = tuple(  # compiled on first use: most texts have no "…"
    (mark, lazy_regex(f"({re.escape(mark)}(?:{_maybe_abbreviation_before(mark)}()|){_MARK_TAIL})"
                      f"(?={_NEXT_WORD})"))
    for mark in ".!?…"
)


#: File signatures of common binary formats, named in the report (an image renamed .txt).
_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or office document"), (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"), (b"\xd0\xcf\x11\xe0", "an old Office document"),
)


class DecodeError(Exception):
    """The bytes are not text newslint can read (binary, or not UTF-8/UTF-16)."""


class Span(NamedTuple):
    """A piece of the document: offsets (end exclusive) and its text.

    A named tuple rather than a frozen dataclass: documents make hundreds of these, and a
    tuple is built three times faster."""

    start: int
    end: int
    text: str


def decode(raw: bytes) -> tuple[str, str]:
    """Decode file bytes; return (text, encoding label). Raise DecodeError with a reason.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are accepted. A known binary signature
    (an image, a PDF, an archive) or NUL bytes in a file with no UTF-16 BOM mean binary; invalid
    UTF-8 is reported with its line and byte offset and the file is skipped, never linted with
    replacement characters (a fix written back would corrupt the article).
    """
    for magic, label in _BINARY_SIGNATURES:
        if raw.startswith(magic):
            raise DecodeError(f"binary file ({label}); not linted")
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise DecodeError("UTF-32 text is not supported; not linted: convert the file to UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding, body = "utf-8-sig", raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 at byte {exc.start}") from None
    else:
        encoding, body = "utf-8", raw
    nul = body.find(b"\x00")
    if nul != -1:
        offset = nul + len(raw) - len(body)
        line = raw.count(b"\n", 0, offset) + 1
        raise DecodeError(f"binary file (contains NUL bytes, first at line {line}, byte offset "
                          f"{offset}); not linted")
    try:
        return body.decode("utf-8"), encoding
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if encoding == "utf-8-sig" else 0)
        line = raw.count(b"\n", 0, offset) + 1
        raise DecodeError(
            f"not valid UTF-8 (byte 0x{raw[offset]:02x} at line {line}, byte offset {offset}); "
            "not linted: convert the file to UTF-8"
        ) from None


class Document:
    """One article ready for linting.

    :param path: the path as given on the command line (or the stdin filename).
    :param source: the decoded text as in the file (any line endings; no BOM).
    :param masked: (start, end) offset ranges, in normalised text, that are not linted.
    """

    def __init__(
        self,
        path: str,
        source: str,
        *,
        masked: tuple[tuple[int, int], ...] = (),
        encoding: str = "utf-8",
        kind: str = "text",
    ) -> None:
        self.path = path
        self.encoding = encoding
        self.kind = kind
        if "\r" in source:
            self.newline = _dominant_newline(source)
            self.source = _LINE_BREAK.sub("\n", source)
        else:  # no CR: the text's own breaks are "\n" (also when it has none)
            self.newline, self.source = "\n", source
        self.masked = tuple(sorted(masked))
        self.text = _blank(self.source, self.masked) if self.masked else self.source

    # -- positions -------------------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        return _line_starts(self.text.split("\n"))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; O(log n)."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of position(): the offset of a 1-based (line, column)."""
        starts = self.line_starts
        if not 1 <= line <= len(starts):
            raise ValueError(f"line {line} outside 1..{len(starts)}")
        return min(starts[line - 1] + column - 1, len(self.text))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end != -1 else len(self.text)]

    def is_masked(self, start: int, end: int) -> bool:
        """True when [start, end) touches a region that must not be linted."""
        for m_start, m_end in self.masked:
            if m_start >= end:
                break
            if m_end > start and m_start < end:
                return True
        return False

    # -- structure --------------------------------------------------------------------------
    @cached_property
    def lowered(self) -> str | None:
        """text.lower() when it keeps every offset (almost always); None otherwise."""
        text = self.text
        if text.isascii():
            return text.lower()
        # str.lower() of a text holding a curly quote goes through every character in
        # Python's Unicode tables (three times slower than what follows). Lowering the ASCII
        # bytes of the UTF-8 form lowers every ASCII letter; the few characters outside ASCII
        # (the non-ASCII bytes, decoded on their own) that change in lower case are then
        # replaced one by one. That is text.lower() when each of them lowers to one character
        # that stays as it is, whatever its neighbours: all but "İ"-like expansions and the
        # Greek capital sigma, whose lower case depends on the letters around it (then, and
        # for the rare odd cases, plain lower()). The UTF-8 form is kept for the byte tests
        # of the rules. (A test checks this against lower() for every code point.)
        raw = utf8_bytes(self)
        low = raw.lower().decode("utf-8", "surrogatepass")
        others = raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        if others.lower() != others:
            for char in set(others):
                lower = char.lower()
                if lower != char:
                    if len(lower) != 1 or lower.lower() != lower or char == "\u03a3":
                        low = text.lower()
                        return low if len(low) == len(text) else None
                    low = low.replace(char, lower)
        return low

    @cached_property
    def lines(self) -> list[Span]:
        """Every line, without its line break (empty lines included)."""
        texts = self.text.split("\n")
        starts = self.__dict__.get("line_starts")
        if starts is None:  # made from the same split (cached as the line_starts property)
            starts = self.__dict__["line_starts"] = _line_starts(texts)
        ends = map(add, starts, map(len, texts))
        return list(map(_new_tuple, repeat(Span), zip(starts, ends, texts)))

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Blocks of consecutive non-blank lines, trimmed of surrounding white space."""
        single = _single_line_paragraphs(self.lines)
        if single is not None:
            return single
        out: list[Span] = []
        append = out.append
        for match in _PARAGRAPH.finditer(self.text):
            start = match.start()
            stripped = match.group().rstrip()
            append(_new_tuple(Span, (start, start + len(stripped), stripped)))
        return out

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The offset where each sentence starts, in order (for bisecting an offset into
        the sentences; `sentences` sets it from the starts it found)."""
        return list(map(itemgetter(0), self.sentences))

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences within paragraphs (a heuristic splitter aware of abbreviations).

        The same splits as `split_sentences` on each paragraph, from one scan of the whole
        text and no Python loop over sentences: an end mark inside a paragraph matches as it
        would in the paragraph alone; one whose white space runs on to the next paragraph
        (the match ends where a paragraph starts) is its paragraph's last mark and splits
        nothing. Sentences then start at paragraph starts and after split marks, and end at
        paragraph ends and just after split marks, in the same order."""
        paragraphs = self.paragraphs
        text = self.text
        marks, afters, befores, maybe = _sentence_ends(text)
        if not marks:
            return list(paragraphs)  # one sentence per paragraph: the same spans
        para_starts = list(map(itemgetter(0), paragraphs))
        splits = list(map(not_, map(frozenset(para_starts).__contains__, afters)))
        for index in maybe:
            if splits[index] and _is_abbreviation(befores[index]):
                splits[index] = False
        starts = sorted(chain(para_starts, compress(afters, splits)))
        ends = sorted(chain(map(itemgetter(1), paragraphs),
                            map((1).__add__, compress(marks, splits))))
        self.__dict__["sentence_starts"] = starts  # (found here: cached as the property)
        texts = map(text.__getitem__, map(slice, starts, ends))
        return list(map(_new_tuple, repeat(Span), zip(starts, ends, texts)))

    def paragraph_at(self, offset: int) -> Span | None:
        return _containing(self.paragraphs, offset)

    def sentence_at(self, offset: int) -> Span | None:
        return _containing(self.sentences, offset)

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.text)} chars)"


def utf8_bytes(doc) -> bytes:
    """The document's text as UTF-8 (lone surrogates kept), made once per document and
    shared by every rule: byte tests (`in`, `translate`, `split`) run in C far faster than
    scans of a text that holds characters outside ASCII, and an ASCII substring is found in
    the bytes as in the text (every byte of another character is above 0x7F)."""
    store = getattr(doc, "__dict__", {})
    cached = store.get("_newslint_utf8")
    if cached is None:
        cached = store["_newslint_utf8"] = doc.text.encode("utf-8", "surrogatepass")
    return cached


def _single_line_paragraphs(lines: list[Span]) -> list[Span] | None:
    """The paragraphs of most articles, without a scan of the text: when the lines alternate
    between text and nothing (one blank line between paragraphs, none doubled, none at the
    start or the end) and no text line starts or ends with white space, each text line is a
    paragraph, trimmed as it stands: its Span is the line's. None for any other layout.
    (A test checks this against the paragraph scan.)"""
    texts = list(map(itemgetter(2), lines))
    tops = texts[0::2]
    if any(texts[1::2]) or not all(tops):
        return None
    edges = "".join(map(itemgetter(0), tops)) + "".join(map(itemgetter(-1), tops))
    if edges.split() != [edges]:  # white space (as \s and rstrip() see it) at an edge
        return None
    return lines[0::2]


def _sentence_ends(text: str) -> tuple[list[int], list[int], list[str], list[int]]:
    """Where _SENTENCE_END matches in `text`, in order: the offsets of the end marks, the
    offsets where the matches end, the text from the end of the match before (or the start)
    to each mark, and the indexes of the matches after a word that may be an abbreviation."""
    present = [pattern for mark, pattern in _SENTENCE_END_BY_MARK if mark in text]
    if len(present) == 1:  # nearly always "." alone: re.split does the work in C
        parts = present[0].split(text)  # [before, match, maybe, before, match, maybe, ..., rest]
        maybe = parts[2::3]  # "" where the word before may be an abbreviation, else None
        del parts[2::3]
        bounds = list(accumulate(map(len, parts)))
        return (bounds[0:-1:2], bounds[1::2], parts[0:-1:2],
                list(compress(range(len(maybe)), map(is_not, maybe, repeat(None)))))
    matches = sorted(chain.from_iterable(pattern.finditer(text) for pattern in present),
                     key=re.Match.start)
    marks = [match.start() for match in matches]
    afters = [match.end() for match in matches]
    befores = list(map(text.__getitem__, map(slice, [0, *afters], marks)))
    maybe = [index for index, match in enumerate(matches) if match.group(2) is not None]
    return marks, afters, befores, maybe


def _is_abbreviation(before: str) -> bool:
    """True when the last word of `before` (the text up to an end mark) is an abbreviation
    or an initial, so that the mark ends no sentence."""
    words = before.rsplit(None, 1)
    if not words or before[-1].isspace():  # "Mr ." is a word and a stray mark
        return False
    last = words[-1].rstrip(_CLOSERS).lower()
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def split_sentences(text: str, base: int = 0) -> Iterator[Span]:
    """Split one paragraph into sentences; offsets are shifted by `base`."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        cut = match.start() + 1  # just after the end mark
        words = text[start:cut].rsplit(None, 1)
        last = words[-1].rstrip(".!?…\"'”’»)]").lower() if words else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        piece = text[start:cut]
        yield Span(base + start, base + cut, piece)
        start = match.end()
    # each line of a multi-line paragraph without end punctuation stays in one sentence
    if start < len(text):
        yield Span(base + start, base + len(text), text[start:])


def _line_starts(lines: list[str]) -> list[int]:
    """Where each of the lines of str.split("\\n") starts: one past the end of the one before
    (sums in C, no Python loop)."""
    starts = list(accumulate(map((1).__add__, map(len, lines)), initial=0))
    starts.pop()  # one past the end of the text
    return starts


#: Builds a named tuple from a tuple of its fields without a Python-level call (twice as fast
#: as calling the class): `_new_tuple(Span, (start, end, text))`.
_new_tuple = tuple.__new__


def _containing(spans: list[Span], offset: int) -> Span | None:
    starts = [s.start for s in spans]
    index = bisect_right(starts, offset) - 1
    if index >= 0 and spans[index].start <= offset < max(spans[index].end, spans[index].start + 1):
        return spans[index]
    return None


def _dominant_newline(source: str) -> str:
    crlf = source.count("\r\n")
    cr = source.count("\r") - crlf
    lf = source.count("\n") - crlf
    best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"))
    return best[1] if best[0] else "\n"


def _blank(text: str, masked: tuple[tuple[int, int], ...]) -> str:
    """Replace masked ranges by spaces, keeping newlines so positions do not move."""
    parts: list[str] = []
    last = 0
    for start, end in masked:
        start = max(start, last)
        if end <= start:
            continue
        parts.append(text[last:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)
