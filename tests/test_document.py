"""The document model: offsets and positions, line endings, BOM, structure, Markdown masks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.document import DecodeError, Document, decode
from newslint.readers import read_markdown, read_plain


def test_position_and_offset_round_trip():
    """Every offset maps to a (line, column) that maps back to it."""
    doc = Document("a.txt", "Title\n\nFirst line.\nSecond é line.\n")
    for offset in range(len(doc.text) + 1):
        line, column = doc.position(offset)
        assert doc.offset(line, column) == offset
    assert doc.position(0) == (1, 1)
    assert doc.position(doc.text.index("Second")) == (4, 1)
    assert doc.position(doc.text.index("line.", 20)) == (4, 10)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_keep_columns(newline):
    """CRLF and lone CR count as one break: lines and columns match the file's."""
    source = newline.join(["Headline", "", "He said  so.", "End"])
    doc = Document("a.txt", source)
    assert doc.newline == newline
    offset = doc.text.index("  so")
    assert doc.position(offset) == (3, 8)
    assert doc.line_text(3) == "He said  so."
    assert len(doc.lines) == 4


def test_bom_is_skipped_and_columns_start_after_it():
    text, encoding = decode("\ufeffHello world".encode("utf-8"))
    assert text == "Hello world" and encoding == "utf-8-sig"
    doc = read_plain("a.txt", "\ufeffHello  world".encode("utf-8"))
    assert doc.position(doc.text.index("  ")) == (1, 6)


def test_utf16_with_bom_is_read():
    text, encoding = decode("Ünïcode news".encode("utf-16"))
    assert text == "Ünïcode news" and encoding == "utf-16"


@pytest.mark.parametrize("raw, reason", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"Caf\xe9 au lait\n", "not valid UTF-8"),
])
def test_undecodable_bytes_raise_a_clear_reason(raw, reason):
    with pytest.raises(DecodeError, match=reason):
        decode(raw)


def test_invalid_utf8_names_the_line():
    with pytest.raises(DecodeError, match="line 3"):
        decode(b"one\ntwo\nth\xffree\n")


def test_paragraphs_and_sentences():
    doc = Document("a.txt", "Headline here\n\nMr. Smith said it. U.S. officials agreed! Why?\n"
                   "Second line of the paragraph.\n\n\nLast one.")
    assert [p.text for p in doc.paragraphs] == [
        "Headline here",
        "Mr. Smith said it. U.S. officials agreed! Why?\nSecond line of the paragraph.",
        "Last one.",
    ]
    sentences = [s.text for s in doc.sentences]
    assert sentences[:4] == ["Headline here", "Mr. Smith said it.", "U.S. officials agreed!",
                             "Why?"]
    for span in doc.sentences + doc.paragraphs + doc.lines:
        assert doc.text[span.start:span.end] == span.text
    para = doc.paragraph_at(doc.text.index("officials"))
    assert para is not None and para.text.startswith("Mr. Smith")


def test_markdown_masks_code_front_matter_urls_and_comments_with_true_lines():
    source = (
        "---\ntitle: Skip to content\n---\n"            # lines 1-3: front matter
        "# Headline\n\n"                                  # 4-5
        "See [the report](https://example.org/skip-to-content) and `Read also:` here.\n\n"  # 6
        "```\nLeave a Comment\n```\n\n"                  # 8-10
        "<!-- Share this -->\n\n"                         # 12
        "    indented code block\n\n"                    # 14
        "Leave a Comment\n"                               # 16
    )
    doc = read_markdown("a.md", source.encode())
    assert len(doc.text) == len(doc.source)
    assert "Skip to content" not in doc.text
    assert "example.org" not in doc.text and "the report" in doc.text
    assert "Read also" not in doc.text
    assert doc.text.count("Leave a Comment") == 1
    assert "Share this" not in doc.text
    assert "indented code" not in doc.text
    last = doc.text.rindex("Leave a Comment")
    assert doc.position(last) == (16, 1)
    assert doc.is_masked(doc.source.index("example.org"), doc.source.index("example.org") + 3)


def test_markdown_findings_point_into_the_original_file(lint_text):
    source = "---\nauthor: x\n---\n\n```\nSkip to content\n```\n\nSkip to content\n"
    diags = lint_text(source, path="story.md", select=["NL301"])
    assert [(d.line, d.column) for d in diags] == [(9, 1)]


def test_crlf_file_reports_true_columns(lint_text):
    diags = lint_text("Title\r\n\r\nHe said the the plan.\r\n", select=["NL503"])
    assert [(d.line, d.column, d.end_column) for d in diags] == [(3, 9, 16)]


def test_findings_running_into_masked_markup_are_trimmed_not_dropped():
    """A finding whose edge spills into a masked region keeps its visible part; one with a
    masked region inside it, or that starts in one, is dropped."""
    import newslint
    from newslint import Finding, hookimpl
    from newslint.config import Config
    from newslint.engine import Linter

    class Spill:
        @newslint.rule(code="XNL950", name="spill", category="spacing", severity="warning",
                       bad="x", good="y")
        def spill(doc, options):
            """Test rule: one span running into inline code, one spanning over it."""
            at = doc.source.index("plan")
            yield Finding(at, doc.source.index("`code`") + 6, "edge")
            yield Finding(at, doc.source.index("today") + 5, "inside")

        @hookimpl
        def newslint_add_rules(self):
            return [self.spill.rule]

    diags = Linter(Config(select=["XNL950"]), extra_plugins=[Spill()]).lint_text(
        "Title\n\nHe said the plan `code` today\n", "a.md")
    assert [(d.message, d.column, d.end_column) for d in diags] == [("edge", 13, 18)]


# -- the fast structure equals its plain definition ----------------------------------------------
# Document computes lines, line starts and sentences with whole-text scans (one regex split, no
# Python loop per sentence); these are the plain definitions they must equal on any text.
_STRUCTURE_PIECES = ["Mr", "mR", "U.S", "e.g", "etc", "approx", "A", "x", "É", "said", "Kyiv",
                     "2024", " ", "  ", "\t", "\xa0", "\u2009", "\n", "\n\n", "\n \n", "\n\t\n",
                     "\r\n", "\u2028", "\x0c", "\x1c", ".", "!", "?", "…", "..", '"', "“", "”",
                     "'", "’", "»", "«", ")", "]", "(", "[", "K", "\u212a", " A. ", "Mr. ",
                     ". The ", " U.S. ", " etc.) ", "! Then ", "? “Why ", "… And ", ".\n\nNew"]


def _plain_sentences(doc):
    from newslint.document import split_sentences

    return [span for para in doc.paragraphs for span in split_sentences(para.text, para.start)]


def _plain_line_starts(text):
    return [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_STRUCTURE_PIECES), max_size=60).map("".join))
def test_structure_equals_its_plain_definition(text):
    doc = Document("a.txt", text)
    assert doc.line_starts == _plain_line_starts(doc.text)
    assert doc.lines == [(start, start + len(line), line) for start, line
                         in zip(doc.line_starts, doc.text.split("\n"))]
    assert doc.sentences == _plain_sentences(doc)
    assert all(type(span).__name__ == "Span" for span in doc.sentences + doc.lines)


@pytest.mark.parametrize("text", [
    "Mr. Smith met Dr. Jones. They spoke.\n\nThe U.S. Senate voted. It passed!",
    "He left (at 5 p.m.). Then “it ended.” Next one? Yes… Done.\nA. B. Carter wrote.",
    "Headline with no mark\n\nBy A Reporter\n\nFirst. Second.  \n \nThird paragraph here.",
    "Ends with a mark.\n\n\"Quoted start.\" And etc.) Then. ",
])
def test_sentences_match_the_paragraph_splitter(text):
    doc = Document("a.txt", text)
    assert doc.sentences == _plain_sentences(doc)
    for span in doc.sentences:
        assert doc.text[span.start:span.end] == span.text


_CASE_PIECES = ["Mr", "said", "É", "é", "ß", "Σ", "ΣΑ", "σ", "İ", "\u212a", "“", "”", "’", "—",
                "Ø", "Ń", "GDAŃSK", "ÍSLAND", "Ÿ", "ẞ", "Ω", "\u2126", "Ⅻ", "Ⓐ", "ᾈ", "Ǆ", "ǈ",
                "\xa0", "ǅ", "ﬁ", "Ω", "\ud800", "\udc80", "😀", "\n", " ", "A", "z", "1"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_CASE_PIECES), max_size=30).map("".join))
def test_lowered_equals_its_plain_definition(text):
    """The UTF-8 shortcut of `lowered` gives what text.lower() gives (None when the length
    changes), and the UTF-8 form it keeps is the text's."""
    doc = Document("a.txt", text)
    low = text.lower()
    assert doc.lowered == (low if len(low) == len(text) else None)
    cached = doc.__dict__.get("_newslint_utf8")
    assert cached is None or cached == text.encode("utf-8", "surrogatepass")


def test_lowered_equals_lower_for_every_code_point():
    """The UTF-8 shortcut of `lowered` against str.lower() for every character outside ASCII:
    in blocks that take the shortcut (each character next to letters), and one by one for the
    characters that send it back to plain lower()."""
    plain = set()
    for code in range(0x80, 0x110000):
        char = chr(code)
        lower = char.lower()
        if len(lower) != 1 or lower.lower() != lower or char == "\u03a3":
            plain.add(char)
    for first in range(0x80, 0x110000, 512):
        chars = [chr(code) for code in range(first, min(first + 512, 0x110000))]
        text = "A" + "b".join(char for char in chars if char not in plain) + "C"
        assert Document("a.txt", text).lowered == text.lower()
    for char in plain:
        text = "A" + char + "b"
        low = text.lower()
        assert Document("a.txt", text).lowered == (low if len(low) == len(text) else None)
