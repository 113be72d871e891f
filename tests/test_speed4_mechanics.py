"""Speed pass 4 shortcuts of the Document structure and the mechanics and readability rules,
each tied to the plain computation it replaces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.document import _PARAGRAPH, Document, Span, _single_line_paragraphs

# Lines made of pieces that touch every edge case of the paragraph scan: white space that
# \s and rstrip() see (but split("\n") does not), blanked markup, marks.
_LINE_PIECES = ["Kyiv", "said", "A", "é", "1", ".", "“", "”", " ", "  ", "\t", "\xa0", "\u2009",
                "\u2028", "\x0c", "\x1c", "\x85", "\u3000", "|", "-"]
_BREAKS = ["\n", "\n\n", "\n\n", "\n\n", "\n\n\n", "\n \n", "\n\t\n", "\n\xa0\n"]


def _plain_paragraphs(text: str) -> list[Span]:
    """The paragraph scan of Document.paragraphs: whole blocks of non-blank lines, trimmed."""
    out = []
    for match in _PARAGRAPH.finditer(text):
        stripped = match.group().rstrip()
        out.append(Span(match.start(), match.start() + len(stripped), stripped))
    return out


_line = st.lists(st.sampled_from(_LINE_PIECES), max_size=6).map("".join)


@st.composite
def _layouts(draw) -> str:
    """Articles laid out as lines and breaks (mostly one blank line between paragraphs)."""
    lines = draw(st.lists(_line, max_size=8))
    breaks = draw(st.lists(st.sampled_from(_BREAKS), min_size=len(lines), max_size=len(lines)))
    text = "".join(line + brk for line, brk in zip(lines, breaks))
    return text if draw(st.booleans()) else text.rstrip("\n")


@settings(max_examples=500, deadline=None, derandomize=True)
@given(_layouts())
def test_single_line_paragraphs_are_the_paragraph_scan(text):
    doc = Document("a.txt", text)
    plain = _plain_paragraphs(doc.text)
    assert doc.paragraphs == plain
    shortcut = _single_line_paragraphs(doc.lines)
    assert shortcut is None or shortcut == plain
    assert all(type(span) is Span for span in doc.paragraphs)


def test_single_line_paragraphs_taken_for_the_usual_layout():
    text = "Headline here\n\nFirst paragraph. It goes on.\n\n“A quote,” she said.\n"
    doc = Document("a.txt", text)
    assert _single_line_paragraphs(doc.lines) is not None
    assert doc.paragraphs == _plain_paragraphs(text)
    for layout in ("Title\nBody\n", "Title\n\n\nBody", " Lead\n\nBody", "Lead \n\nBody",
                   "Lead\n\nBody\n\n", "\nLead", "Lead\n\xa0\nBody", ""):
        doc = Document("a.txt", layout)
        assert _single_line_paragraphs(doc.lines) is None, layout
        assert doc.paragraphs == _plain_paragraphs(layout)


_LEAD_PIECES = ["Kyiv", "a", "•", "-", "|", "#", "1", " ", "  ", "   ", "    ", "\t", "\xa0", "\n",
                "\n\n", "\n \n", "\n\t\n", "\n  \n", "\u2028", ".", "“"]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.one_of(_layouts(), st.lists(st.sampled_from(_LEAD_PIECES), max_size=20).map("".join)))
def test_leading_space_gate_passes_wherever_the_scan_finds(text):
    """NL507 scans only where a paragraph starts after a space; _LEADING finds nothing else."""
    from newslint.checks.mechanics import _LEADING, _paragraph_after_space, leading_space_findings

    doc = Document("a.txt", text)
    if _LEADING.search(doc.text):
        assert _paragraph_after_space(doc)
    plain = [(m.start(1), m.end(1)) for m in _LEADING.finditer(doc.text)]
    assert [(f.start, f.end) for f in leading_space_findings(doc)] == plain


_SENTENCE_PIECES = ["Kyiv", "said", "Mr", "U.S", "A", " ", "  ", "\n", "\n\n", "\n \n", ". ", "! ",
                    "? ", "… ", ".", "“", "”", ")", " etc.) ", ".\n\nNew", "\xa0"]


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.one_of(_layouts(), st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=40).map("".join)))
def test_the_sentence_starts_the_document_keeps_are_those_of_its_sentences(text):
    """`sentences` leaves the starts it found as `sentence_starts` (the long-paragraph rule
    bisects them): they must be its sentences' starts, however they were computed."""
    doc = Document("a.txt", text)
    sentences = doc.sentences  # (they set the starts)
    assert doc.sentence_starts == [span.start for span in sentences]
    fresh = Document("a.txt", text)
    starts = fresh.sentence_starts  # (asked first: made from the sentences)
    assert starts == [span.start for span in fresh.sentences]
