"""Readability (NL601-NL603): long sentences, long paragraphs, reading grade."""

from __future__ import annotations

import subprocess
import sys
from bisect import bisect_right
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks import readability
from newslint.checks.readability import estimate_grade, exact_grade
from newslint.document import Document, Span

from .helpers import assert_seed_rows, codes, lint

SHORT = "The council met on Monday. It approved the budget. Officials said work starts soon."
LONG_SENTENCE = ("The ministry, which had been under pressure from opposition parties, unions and "
                 "several regional governments for months, said on Tuesday that it would review "
                 "the plan, which critics say would cut services in rural areas, after the "
                 "summer recess and a consultation with councils.")


def test_seed_rows_for_readability_are_reported():
    assert_seed_rows(["readability"])


def test_long_sentence_reported_on_that_sentence():
    text = f"{SHORT}\n\n{SHORT} {LONG_SENTENCE}"
    diags = lint(text, select=["NL601"])
    assert codes(diags) == ["NL601"]
    assert diags[0].line == 3 and text[diags[0].start:diags[0].end] == LONG_SENTENCE
    assert str(diags[0].severity) == "info"


def test_long_sentence_threshold_is_an_option():
    assert lint(LONG_SENTENCE, select=["NL601"], rules={"long-sentence": {"max-words": 60}}) == []


@pytest.mark.parametrize("text", [
    SHORT,
    # a heading line with no full stop is not glued to the next sentence
    "Security guarantees for Ukraine amid talks on a ceasefire and on the future of the "
    "alliance\n" + SHORT,
    # a table row is not a sentence
    "| " + " | ".join(["cell"] * 50) + " |",
])
def test_long_sentence_not_reported(text):
    assert lint(text, select=["NL601"]) == []


def test_long_paragraph_by_words_points_at_the_paragraph():
    words = " ".join(["The committee reviewed the plan and the budget again"] * 15) + "."
    text = f"Title\n\n{SHORT}\n\n{words}\n\n{SHORT}"
    diags = lint(text, select=["NL602"])
    assert [d.line for d in diags] == [5]


def test_long_paragraph_by_sentences():
    text = " ".join(["Officials met."] * 7)
    assert codes(lint(text, select=["NL602"])) == ["NL602"]
    assert lint(" ".join(["Officials met."] * 6), select=["NL602"]) == []


def test_paragraphs_one_per_line_are_counted_separately():
    # no blank lines between paragraphs: each line that ends a sentence is a paragraph
    text = "Title\n" + "\n".join([SHORT] * 8)
    assert lint(text, select=["NL602"]) == []


def test_hard_wrapped_paragraph_counts_as_one():
    line = "the committee reviewed the plan and the budget again and"
    text = "\n".join([line] * 14) + " stopped."
    assert codes(lint(text, select=["NL602"])) == ["NL602"]


def test_reading_grade_reported_for_dense_copy():
    dense = ("Notwithstanding considerable institutional uncertainty, intergovernmental "
             "negotiators characterised the comprehensive multilateral reconstruction "
             "arrangements as fundamentally unsustainable, emphasising the extraordinarily "
             "complicated administrative, constitutional and jurisdictional considerations "
             "accompanying implementation. ")
    text = dense * 8
    diags = lint(text, select=["NL603"])
    assert codes(diags) == ["NL603"] and "reading grade" in diags[0].message


def test_reading_grade_quiet_on_plain_copy_and_short_text():
    assert lint((SHORT + " ") * 20, select=["NL603"]) == []
    assert lint("Notwithstanding institutional considerations.", select=["NL603"]) == []


def test_estimate_tracks_textstat():
    plain = (SHORT + " ") * 10
    assert abs(estimate_grade(plain) - exact_grade(plain)) < 3.5


def test_textstat_works_with_the_network_off():
    """textstat 0.7.8 needs no download; later versions fetch NLTK data at run time."""
    code = (
        "import pytest_socket; pytest_socket.disable_socket()\n"
        "import textstat\n"
        "grade = textstat.flesch_kincaid_grade('The council met on Monday. It approved the "
        "budget for the coming year after a long debate.')\n"
        "assert 0 < grade < 20, grade\n"
        "from newslint.checks.readability import exact_grade\n"
        "print(exact_grade('Officials met. They agreed.'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


_GRADES = r'''
import json, sys
from pathlib import Path
if sys.argv[1] != "plain":
    from newslint import warmstart
    warmstart.enable(Path(sys.argv[1]))
from newslint.checks.readability import exact_grade
texts = json.loads(sys.stdin.read())
print(json.dumps([exact_grade(t) for t in texts]))
'''


def test_grades_from_the_start_up_store_equal_textstat_s_own(tmp_path):
    """With the store on, syllables come from a stored table and Pyphen's stored patterns
    instead of parsing the CMU dictionary (1.3 s): every grade must stay textstat's."""
    import json
    import os
    import subprocess
    import sys

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    texts += [
        "Zelenskyy and Witkoff met in Riyadh; the Kremlin's envoy, Dmitriev, did not attend.",
        "Photosynthesis notwithstanding, the antidisestablishmentarian quorum adjourned.",
        "Short. Very short. Yes.",
        "",
    ]
    env = {k: v for k, v in os.environ.items() if k != "NEWSLINT_NO_CACHE"}

    def grades(mode: str) -> list[float]:
        done = subprocess.run([sys.executable, "-c", _GRADES, mode], input=json.dumps(texts),
                              capture_output=True, text=True, check=True, env=env)
        return json.loads(done.stdout)

    plain = grades("plain")
    store = tmp_path / "cache"
    assert grades(str(store)) == plain  # first run: tables computed and stored
    from newslint import warmstart

    [path] = store.glob("regex-*.marshal")
    kinds = {kind for kind, _ in warmstart._load(path)["memo"]}
    assert {"cmu-syllables", "pyphen"} <= kinds
    assert grades(str(store)) == plain  # later runs: served from the store


# -- the counting shortcuts equal their plain loops -----------------------------------------------
def _plain_sentences_per(paragraphs, sentences):
    starts = [p.start for p in paragraphs]
    counts = [0] * len(paragraphs)
    for sentence in sentences:
        counts[bisect_right(starts, sentence.start) - 1] += 1
    return counts


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.integers(0, 30), min_size=1), st.lists(st.integers(0, 30)))
def test_sentences_per_paragraph_equals_the_bisect_loop(paragraph_starts, sentence_starts):
    paragraphs = [Span(start, start + 1, "p") for start in sorted(paragraph_starts)]
    sentences = [Span(start, start + 1, "s") for start in sorted(sentence_starts)]
    assert (readability._sentences_per(paragraphs, [sentence.start for sentence in sentences])
            == _plain_sentences_per(paragraphs, sentences))


def _plain_paragraph_units(doc):
    out = []
    for block in doc.paragraphs:
        lines = block.text.split("\n")
        ending = sum(1 for line in lines if line.rstrip().endswith(readability._TERMINAL))
        if "\n" in block.text and ending * 2 >= len(lines):
            offset = block.start
            for line in lines:
                stripped = line.strip()
                if stripped:
                    start = offset + line.index(stripped[0])
                    out.append(Span(start, start + len(stripped), stripped))
                offset += len(line) + 1
        else:
            out.append(block)
    return out


def _plain_long_sentences(doc, limit):
    out = []
    for sentence in doc.sentences:
        text = sentence.text
        if text.count(" ") + text.count("\n") < limit or readability._is_table(text):
            continue
        for start, piece in readability._line_pieces(text):
            if readability._words(piece) > limit:
                out.append((sentence.start + start, sentence.start + start + len(piece)))
    return out


def _plain_long_paragraphs(doc, max_words, max_sentences):
    paragraphs = _plain_paragraph_units(doc)
    out = []
    for paragraph, sentences in zip(paragraphs, _plain_sentences_per(paragraphs, doc.sentences)):
        text = paragraph.text
        if text.count(" ") + text.count("\n") < max_words and sentences <= max_sentences:
            continue
        if readability._is_table(text):
            continue
        if readability._words(text) > max_words or sentences > max_sentences:
            out.append((paragraph.start, paragraph.end))
    return out


_TEXT_PIECES = ["Word", "word", " ", "  ", "\n", "\n\n", ". ", "! ", "? ", "Mr. ", "The end.",
                "a b c d", "|", "\t", "said.\n", "One. Two. Three.", "\n \n"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=50).map("".join),
       st.integers(1, 6), st.integers(1, 3))
def test_readability_shortcuts_equal_the_plain_loops(text, max_words, max_sentences):
    doc = Document("a.txt", text)
    assert readability.paragraph_units(doc) == _plain_paragraph_units(doc)
    options = {"max_words": max_words}
    assert ([(f.start, f.end) for f in readability.long_sentence(doc, options)]
            == _plain_long_sentences(doc, max_words))
    options = {"max_words": max_words, "max_sentences": max_sentences}
    assert ([(f.start, f.end) for f in readability.long_paragraph(doc, options)]
            == _plain_long_paragraphs(doc, max_words, max_sentences))


def _plain_estimate(text):
    words = text.count(" ") + text.count("\n") // 2 + 1
    sentences = max(1, text.count(".") + text.count("?") + text.count("!"))
    letters_per_word = (len(text) - words) / words
    raw = 0.39 * words / sentences + 11.8 * letters_per_word / 3.2 - 15.59
    return 1.441 + 0.936 * raw


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_TEXT_PIECES + ["?", "!", "“Why?”", "Stop!"]), max_size=40)
       .map("".join))
def test_estimate_equals_its_plain_formula(text):
    assert readability.estimate_grade(text) == _plain_estimate(text)
    assert readability.estimate_grade(text, text.count(" ")) == _plain_estimate(text)
