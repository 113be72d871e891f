"""Property tests: hostile Unicode never crashes the document model or any registered rule,
and every report lies inside the document at a consistent line and column.

The rules are taken from the registry at run time (every code, enabled or not), so a rule
added later is fuzzed without editing this file. CI runs a bounded number of examples; the
long campaign (``fuzz/campaign.py``) raises it with ``NEWSLINT_FUZZ_EXAMPLES`` and its
findings are kept in ``tests/regressions/`` and replayed below.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.config import Config
from newslint.document import Document
from newslint.engine import Linter
from newslint.readers import markdown_masks

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
EXAMPLES = int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "150"))

settings.register_profile(
    "newslint-fuzz", max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 200,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("newslint-fuzz")

# -- the hostile alphabet -------------------------------------------------------------------------
LINE_BREAKS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x1c", "\x1d",
               "\x1e", "\n\n", "\r\n\r\n"]
ODD = [
    "\u0301", "\u0308\u0323", "e\u0301", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
    "\u202e", "\u202d", "\u200f", "\u200e", "\u2066", "\u2069", "\u0627\u0644\u0639",
    "\u05e9\u05dc\u05d5\u05dd", "👩\u200d👩\u200d👧", "🇺🇦", "👍🏽", "\ufe0f", "\udc80",
    "\udcff", "\ud800", "\udfff", "\x00", "\x7f", "\x1b[31m", "\ufffd", "İ", "ß", "ﬁ", "ǅ",
    "ΐ", "\u1e9e", "\u0130stanbul", "\u00a0", "\u2009", "\u3000", "\t", "…", "—", "–",
]
NEWSY = [
    "Skip to content", "[email protected]", "the the", "Read more:", "Share this:",
    "“", "”", "‘", "’", '"', "'", "«", "»", "(", ")", "[", "]", "<b>", "</p>", "&amp;",
    "```", "`", "# ", "> ", "- ", "* ", "| a | b |", "---", "[link](http://x.y/z)",
    "http://example.com/a?b=c", "Mr.", "U.S.", "e.g.", "$4.5 million", "45%", "1,200",
    "on the 18th", "Monday, February 30, 2024", "yesterday", "Zelensky", "Zelenskyy",
    "As an AI language model", "Headline:", "In conclusion,", "Ã©", "donâ€™t", "Visited 3 times",
    "By 11:22 AM", "(Reuters) -", "said", "The council", "met", ".", ",", "!", "?", ";", ":",
]
WORDS = ["council", "budget", "Monday", "said", "plan", "residents", "a", "vote", "the",
         "mayor", "Kyiv", "Kiev", "police", "report", "percent", "spokesperson"]

unit = st.one_of(
    st.characters(codec=None),                       # any code point, surrogates included
    st.sampled_from(LINE_BREAKS), st.sampled_from(ODD), st.sampled_from(NEWSY),
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.integers(1, 40).map(lambda n: " " * n),
)
texts = st.lists(unit, max_size=80).map("".join)


@lru_cache(maxsize=None)
def every_rule_linter() -> Linter:
    """A linter with every registered rule selected, default options."""
    codes = list(Linter(Config()).registry.rules)
    return Linter(Config(select=codes))


def lint_document(doc: Document):
    linter = every_rule_linter()
    result = linter.check_document(doc)
    return linter.finish([result])


def assert_consistent(doc: Document, diagnostics) -> None:
    """No rule crashed; every span is inside the text at the line/column the model gives."""
    crashed = [d.message for d in diagnostics if d.code == "NL002"]
    assert not crashed, crashed
    length = len(doc.text)
    for d in diagnostics:
        assert 0 <= d.start <= d.end <= length, d
        assert (d.line, d.column) == doc.position(d.start), d
        assert (d.end_line, d.end_column) == doc.position(d.end), d
        assert doc.offset(d.line, d.column) == d.start, d
        if d.fix is not None:
            assert 0 <= d.fix.start <= d.fix.end <= length, d


def make_documents(text: str) -> list[Document]:
    """The text as a plain article and as Markdown (with its masks)."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Document("fuzz.txt", text),
            Document("fuzz.md", text, masked=markdown_masks(normalised), kind="markdown")]


# -- the document model ---------------------------------------------------------------------------
@FUZZ
@given(texts)
def test_document_model_offsets_round_trip(text):
    doc = Document("fuzz.txt", text)
    assert "\r" not in doc.text and len(doc.text) == len(text) - text.count("\r\n")
    assert "\n".join(span.text for span in doc.lines) == doc.text
    for offset in range(len(doc.text) + 1):
        line, column = doc.position(offset)
        assert doc.offset(line, column) == offset
        assert 1 <= column <= len(doc.line_text(line)) + 1
    for span in [*doc.paragraphs, *doc.sentences]:
        assert 0 <= span.start <= span.end <= len(doc.text)
        assert doc.text[span.start:span.end] == span.text
    assert doc.lowered is None or len(doc.lowered) == len(doc.text)


@FUZZ
@given(texts)
def test_markdown_masks_keep_positions(text):
    doc = make_documents(text)[1]
    assert len(doc.text) == len(doc.source)
    assert all(a == b or a == " " for a, b in zip(doc.text, doc.source) if b != "\n")
    assert all(0 <= s < e <= len(doc.text) for s, e in doc.masked)


# -- every rule -----------------------------------------------------------------------------------
@FUZZ
@given(texts)
def test_every_rule_survives_hostile_unicode(text):
    for doc in make_documents(text):
        assert_consistent(doc, lint_document(doc))


@FUZZ
@given(st.lists(st.sampled_from(NEWSY + WORDS + LINE_BREAKS + ODD[:8]), max_size=120)
       .map(" ".join))
def test_every_rule_survives_newsy_collages(text):
    for doc in make_documents(text):
        assert_consistent(doc, lint_document(doc))


def test_the_fuzzed_linter_covers_every_registered_rule():
    linter = every_rule_linter()
    assert set(linter.registry.rules) == {r.code for r in linter.selection.selected}


# -- regressions found by campaigns ---------------------------------------------------------------
def _regression_cases():
    return sorted(REGRESSIONS.glob("*.json")) if REGRESSIONS.is_dir() else []


@pytest.mark.parametrize("case", _regression_cases(), ids=lambda p: p.stem)
def test_fuzz_regressions(case):
    """Each file holds {"text": ..., "found": ...}: a campaign finding or a hostile seed."""
    text = json.loads(case.read_text(encoding="utf-8"))["text"]
    for doc in make_documents(text):
        assert_consistent(doc, lint_document(doc))
