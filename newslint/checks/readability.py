"""Readability: sentences, paragraphs and articles that are harder to read than news should be.

Counts come from the document's own sentence and paragraph spans and cheap string counts;
textstat (pinned to 0.7.8, which needs no download) is called only for an article whose
estimated grade is close enough to the threshold for the exact figure to matter.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from ..document import Span
from ..model import Finding
from ..rule import rule

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")

#: The estimate below (cheap counts) and textstat's grade differed by at most 3.1 grades on
#: 280 edited news articles; nearer than this to the threshold, ask textstat (about a quarter
#: of news articles, at ~2.5 ms each, instead of every article).
_ESTIMATE_MARGIN = 3.2


def _words(text: str) -> int:
    return len(_WORD.findall(text))


_TERMINAL = (".", "!", "?", "\"", "”", "’", ":", ")", "…")


def paragraph_units(doc) -> list[Span]:
    """Paragraphs as a reader sees them. In a block of lines that mostly end a sentence
    (one paragraph per line, no blank line between), each line is a paragraph; a block of
    lines that mostly stop mid-sentence is one hard-wrapped paragraph."""
    out: list[Span] = []
    for block in doc.paragraphs:
        if "\n" not in block.text:
            out.append(block)
            continue
        lines = block.text.split("\n")
        ending = sum(1 for line in lines if line.rstrip().endswith(_TERMINAL))
        if ending * 2 < len(lines):
            out.append(block)
            continue
        offset = block.start
        for line in lines:
            stripped = line.strip()
            if stripped:
                start = offset + line.index(stripped[0])
                out.append(Span(start, start + len(stripped), stripped))
            offset += len(line) + 1
    return out


def _is_table(text: str) -> bool:
    return text.count("|") >= 3 or text.count("\t") >= 3


def estimate_grade(text: str) -> float:
    """Flesch–Kincaid grade from string counts only: words by spaces, sentences by end marks,
    syllables from letters per word. Calibrated against textstat on edited news."""
    words = text.count(" ") + text.count("\n") // 2 + 1
    sentences = max(1, text.count(".") + text.count("?") + text.count("!"))
    letters_per_word = (len(text) - words) / words
    raw = 0.39 * words / sentences + 11.8 * letters_per_word / 3.2 - 15.59
    return 1.441 + 0.936 * raw


def exact_grade(text: str) -> float:
    """textstat's Flesch–Kincaid grade (imported on first use)."""
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


@rule(
    code="NL601",
    name="long-sentence",
    category="readability",
    severity="info",
    options={"max_words": 40},
    bad="The ministry, which had been under pressure from opposition parties, unions and "
        "several regional governments for months, said on Tuesday that it would review the "
        "plan, which critics say would cut services in rural areas, after the summer recess "
        "and a consultation with local councils.",
    good="The ministry said on Tuesday that it would review the plan after the summer recess. "
         "It has been under pressure for months. Critics say the plan would cut rural services.",
)
def long_sentence(doc, options) -> Iterator[Finding]:
    """A sentence longer than `max-words` words (default 40).

    Readers of news skim; a sentence past about forty words usually holds two or three
    ideas that read better as separate sentences. Tables are not counted.
    """
    limit = int(options["max_words"])
    for sentence in doc.sentences:
        text = sentence.text
        if text.count(" ") + text.count("\n") < limit or _is_table(text):
            continue
        for start, piece in _line_pieces(text):
            count = _words(piece)
            if count > limit:
                yield Finding(sentence.start + start, sentence.start + start + len(piece),
                              f"sentence of {count} words (more than {limit}): "
                              "consider splitting it")


# A line break before a capital, a digit, a quote or a list marker starts a new piece: a
# heading or list item with no full stop is not part of the next sentence.
_LINE_BREAK = re.compile(r"\n(?=[ \t]*[A-Z0-9\"“‘'•*+\-–—])")


def _line_pieces(text: str) -> list[tuple[int, str]]:
    if "\n" not in text:
        return [(0, text)]
    pieces, start = [], 0
    for match in _LINE_BREAK.finditer(text):
        pieces.append((start, text[start:match.start()]))
        start = match.end()
    pieces.append((start, text[start:]))
    return pieces


@rule(
    code="NL602",
    name="long-paragraph",
    category="readability",
    severity="info",
    options={"max_words": 120, "max_sentences": 6},
    bad="A single paragraph of 339 words that runs through the background, three quotes and "
        "the reaction of four governments.",
    good="Short paragraphs of one to four sentences, one idea each.",
)
def long_paragraph(doc, options) -> Iterator[Finding]:
    """A paragraph longer than `max-words` words (default 120) or `max-sentences` sentences (6).

    A news paragraph is short: one idea, a few sentences. A wall of text on a phone screen
    loses readers, and often means a paste joined paragraphs that belonged apart.
    """
    max_words, max_sentences = int(options["max_words"]), int(options["max_sentences"])
    paragraphs = paragraph_units(doc)
    if not paragraphs:
        return
    starts = [p.start for p in paragraphs]
    per_paragraph = [0] * len(paragraphs)
    for sentence in doc.sentences:
        per_paragraph[bisect_right(starts, sentence.start) - 1] += 1
    for paragraph, sentences in zip(paragraphs, per_paragraph):
        text = paragraph.text
        rough = text.count(" ") + text.count("\n")
        if rough < max_words and sentences <= max_sentences:
            continue
        if _is_table(text):
            continue
        words = _words(text)
        if words > max_words or sentences > max_sentences:
            yield Finding(paragraph.start, paragraph.end,
                          f"paragraph of {words} words and {sentences} sentences (news "
                          f"paragraphs: at most {max_words} words, {max_sentences} sentences)")


@rule(
    code="NL603",
    name="reading-grade",
    category="readability",
    severity="info",
    options={"target_grade": 12.0, "tolerance": 4.0, "min_words": 150},
    bad="An article whose sentences average forty words of several syllables each "
        "(Flesch–Kincaid grade 18).",
    good="An article of short sentences and plain words (grade 9 to 12).",
)
def reading_grade(doc, options) -> Iterator[Finding]:
    """An article whose reading grade is far above the newsroom target.

    The Flesch–Kincaid grade estimates the years of schooling a text asks of its reader;
    newsrooms aim at about grade 12 or below. An article more than `tolerance` grades above
    `target-grade` is reported on its hardest paragraph, where rewriting helps most.
    Articles shorter than `min-words` are not graded (the formula needs text to average).
    """
    text = doc.text
    threshold = float(options["target_grade"]) + float(options["tolerance"])
    if text.count(" ") < int(options["min_words"]):
        return
    if estimate_grade(text) < threshold - _ESTIMATE_MARGIN:
        return
    grade = exact_grade(text)
    if grade <= threshold:
        return
    prose = [p for p in paragraph_units(doc) if p.text.count(" ") >= 8 and not _is_table(p.text)]
    if not prose:
        return
    hardest = max(prose, key=lambda p: estimate_grade(p.text))
    yield Finding(hardest.start, hardest.end,
                  f"reading grade {grade:.1f} (Flesch–Kincaid), far above the target of "
                  f"{float(options['target_grade']):g}: this is its hardest paragraph; "
                  "shorter sentences and plainer words help")
