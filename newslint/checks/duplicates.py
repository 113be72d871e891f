"""Repeated headlines, lines and paragraphs, exact or nearly so.

Exact copies are found by hashing each line after normalising case and white space (table
pipes count as white space, so a table row repeating a flattened row is caught). Near
copies are found sentence by sentence in two steps, so the cost stays linear in the length
of the document: each sentence is blocked under a few anchors (short slices at fixed
places: its start, quarters, middle and end), a sentence is only compared with the earlier
sentences that share an anchor and have a similar length, and only those candidates are
scored with rapidfuzz. A copy with a few words swapped keeps most of its anchors.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import chain
from operator import itemgetter
from typing import Iterable, Iterator

from ..model import Finding, Fix, Related
from ..rule import rule
from .residue import stripped_lowered_lines

#: Sentences kept per anchor; an anchor shared by more sentences is a stock phrase.
_MAX_POSTINGS = 8
#: Characters in one anchor slice.
_ANCHOR_WIDTH = 16
_START = itemgetter(0)


@rule(
    code="NL305",
    name="duplicate",
    category="duplicate",
    severity="warning",
    fixable=True,
    options={"min_words": 4, "near_min_words": 14, "near_threshold": 85},
    bad="Council approves new budget\n\nCouncil approves new budget",
    good="Council approves new budget",
)
def duplicate(doc, options) -> Iterator[Finding]:
    """A headline, line or paragraph printed twice, word for word or with a few words changed.

    Scrapers pick up the headline from the page title and again from the article header,
    templates print a teaser paragraph twice, and content farms repeat a paragraph with a
    few words swapped. The later copy is reported and the first one named; an exact copy can
    be deleted safely (offered as a fix), a near copy needs an editor to pick the better one.
    """
    low = doc.lowered
    if low is None:
        low = doc.text.lower()
        if len(low) != len(doc.text):
            return
    min_words = int(options.get("min_words", 4))
    near_min_words = int(options.get("near_min_words", 14))
    threshold = float(options.get("near_threshold", 85))
    units: list[tuple[int, int, str]] = []  # (start, end, normalised) of lines worth comparing
    if not _may_repeat_a_line(low, doc):
        yield from _near_duplicates(doc, low, (), near_min_words, threshold)
        return
    for span in doc.lines:
        norm = low[span.start : span.end].strip()
        if norm.count(" ") + 1 < min_words:
            continue
        if "  " in norm or "\t" in norm or "|" in norm:
            norm = " ".join(norm.replace("|", " ").split())  # table cells count as words
            if norm.count(" ") + 1 < min_words:
                continue
        line = span.text
        lead = len(line) - len(line.lstrip())
        units.append((span.start + lead, span.start + len(line.rstrip()), norm))

    first_seen: dict[str, int] = {}
    reported: set[int] = set()  # starts of lines already reported as exact copies
    run: list[tuple[int, int]] = []  # (copy index, first-copy index) of consecutive copies
    for index, (start, _end, norm) in enumerate(units):
        earlier = first_seen.setdefault(norm, index)
        if earlier == index:
            continue
        reported.add(start)
        if run and _continues(doc.text, units, run[-1], index, earlier):
            run.append((index, earlier))
            continue
        if run:
            yield _exact_finding(doc, units, run)
        run = [(index, earlier)]
    if run:
        yield _exact_finding(doc, units, run)
    yield from _near_duplicates(doc, low, reported, near_min_words, threshold)


def _may_repeat_a_line(low: str, doc) -> bool:
    """False when no two lines can be copies: with no run of blanks, tab or pipe anywhere, a
    line's normalised form is the line stripped, so distinct stripped lines cannot repeat.
    (One pass over the text in C instead of several string operations per line.)"""
    if "  " in low or "\t" in low or "|" in low:
        return True
    if low is doc.lowered:
        stripped = stripped_lowered_lines(doc)
    else:
        stripped = list(map(str.strip, low.split("\n")))
    # Equal lines have equal lengths: when no two non-blank lines are as long as each other
    # (most articles), no line is hashed at all (hashing the long ones is what costs).
    lengths = list(map(len, stripped))
    blank = lengths.count(0)
    distinct = set(lengths)
    if len(distinct) - (0 in distinct) == len(stripped) - blank:
        return False
    distinct = set(stripped)  # the non-blank lines, and "" once if any line is blank
    return len(distinct) - ("" in distinct) != len(stripped) - blank


def _anchors(text: str) -> set[str]:
    """Short slices at the start, the quarters, the middle and the end (the final character
    excluded: it is the sentence's closing punctuation). A copy with a word or two changed
    keeps at least the slices before its first change or after its last one."""
    n = len(text)
    width = _ANCHOR_WIDTH
    places = {0, n // 4, n // 2 - width // 2, (3 * n) // 4 - width, n - width - 1}
    return {text[i : i + width] for i in places if 0 <= i <= n - width}


def _anchor_tuple(text: str) -> tuple[str, ...] | set[str]:
    """The same slices as `_anchors`, cheaper (no set) for the usual sentence long enough
    for every place to be valid; used only to find the anchors two sentences share."""
    n = len(text)
    width = _ANCHOR_WIDTH
    if n < 2 * width:
        return _anchors(text)
    quarter, middle, last = n // 4, n // 2 - width // 2, (3 * n) // 4 - width
    return (text[:width], text[quarter:quarter + width], text[middle:middle + width],
            text[last:last + width], text[n - width - 1:n - 1])


class _AnchorGetters(dict):
    """Sentence length -> an itemgetter taking the five slices of `_anchor_tuple` at once
    (for lengths of at least twice the anchor width), made on first use."""

    def __missing__(self, length: int) -> itemgetter:
        width = _ANCHOR_WIDTH
        quarter, middle, last = length // 4, length // 2 - width // 2, (3 * length) // 4 - width
        getter = itemgetter(slice(0, width), slice(quarter, quarter + width),
                            slice(middle, middle + width), slice(last, last + width),
                            slice(length - width - 1, length - 1))
        if len(self) < 10_000:  # sentences are rarely longer than a few hundred characters
            self[length] = getter
        return getter


_ANCHOR_GETTERS = _AnchorGetters()


def _near_duplicates(doc, low, reported, near_min_words, threshold) -> Iterator[Finding]:
    """Sentences scoring at least `threshold` (rapidfuzz ratio) against an earlier sentence
    of another paragraph; one report per line; lines reported as exact copies skipped.

    Every step before the comparisons runs once per sentence of every article, so it is
    written as comprehensions and C-level passes over the sentences."""
    sentences = doc.sentences
    if len(sentences) < 2:
        return
    paragraphs = doc.paragraphs
    title = paragraphs[0] if paragraphs and paragraphs[0].start == 0 else None
    if title is not None and "\n" in title.text:
        title = None  # the first block is not a one-line title
    title_end = title.end if title is not None else -1
    kept = _comparable(sentences, title_end, near_min_words - 1)
    if len(kept) < 2:
        return
    # The anchors (`_anchor_tuple`) of each, from its normalised text.
    long_enough = 2 * _ANCHOR_WIDTH
    getters = _ANCHOR_GETTERS
    anchors = [getters[end - start](low[start:end]) if end - start >= long_enough
               else _anchors(low[start:end]) for start, end, _text in kept]
    # Only anchors that two sentences share can pair them. Most sentences share none: they
    # are skipped, which leaves the comparisons (and their order) exactly as before.
    shared = _repeated(chain.from_iterable(anchors))
    if not shared:
        return
    pairable = [i for i, keys in enumerate(anchors) if not shared.isdisjoint(keys)]
    para_starts = list(map(_START, paragraphs))
    postings: dict[str, list[int]] = {}
    done_lines = {doc.position(start)[0] for start in reported}
    ratio = None
    # (normalised text, length, paragraph start) of the sentences already in the postings
    compared: dict[int, tuple[str, int, int]] = {}
    for i in pairable:
        start, end, _text = kept[i]
        norm = low[start:end]
        count = end - start
        index = bisect_right(para_starts, start) - 1
        para = para_starts[index if index > 0 else 0] if para_starts else 0
        compared[i] = (norm, count, para)
        # the distinct anchors (a set: a key met twice in one sentence is posted once); the
        # order they are visited in does not change the best match (ties go to the earlier)
        keys = set(anchors[i])
        seen: set[int] = set()
        best, best_score = None, 0.0
        for key in keys:
            for j in postings.get(key, ()):
                if j in seen:
                    continue
                seen.add(j)
                other = compared[j]
                if other[2] == para or not 0.7 <= count / other[1] <= 1.43:
                    continue
                if ratio is None:
                    ratio = _ratio()  # imported only when there is a candidate
                score = ratio(norm, other[0], score_cutoff=threshold)
                # (a tie goes to the earlier sentence: the keys are a set, whose order
                # changes with the process's string hashing)
                if score > best_score or (score and score == best_score and j < best):
                    best, best_score = j, score
        for key in keys:
            if key in shared:
                bucket = postings.setdefault(key, [])
                if len(bucket) < _MAX_POSTINGS:
                    bucket.append(i)
        if best is None:
            continue
        line = doc.position(start)[0]
        if line in done_lines:
            continue
        done_lines.add(line)
        first_line = doc.position(kept[best][0])[0]
        how = "repeats" if best_score >= 100 else f"nearly repeats ({best_score:.0f}% similar)"
        yield Finding(start, end, f"{how} a sentence on line {first_line}",
                      related=(Related(doc.path, first_line, 1, "earlier copy"),))


def _repeated(keys: Iterable[str]) -> set[str]:
    """The keys met more than once: each is kept the second time it is met (one pass, with
    no count kept for the many keys met once)."""
    seen: set[str] = set()
    add = seen.add
    return {key for key in keys if key in seen or add(key)}


def _ratio():
    """rapidfuzz's ratio, imported on first use (an import statement in the loop runs the
    import machinery's Python code again for every article with a candidate pair)."""
    global _RATIO
    if _RATIO is None:
        from rapidfuzz.fuzz import ratio

        _RATIO = ratio
    return _RATIO


_RATIO = None


def _comparable(sentences, title_end: int, fewest_spaces: int) -> list:
    """The sentences worth comparing: after the title (a lede that restates it is good
    journalism), of at least `fewest_spaces` spaces, and without a double quotation mark
    (reporters legitimately quote the same words twice, as pull quotes). Judged on each
    sentence's own text: lower-casing that keeps the length (`low` of _near_duplicates)
    maps each character to one, and never makes or unmakes a space or a quotation mark."""
    first = bisect_left(sentences, title_end, key=_START)
    return [span for span in (sentences[first:] if first else sentences)
            if span[2].count(" ") >= fewest_spaces and '"' not in span[2]
            and "\u201c" not in span[2] and "\u201d" not in span[2]]


def _continues(text, units, last, index, earlier) -> bool:
    """The copy at `index` extends a run: only blank lines separate it from the previous
    copy, and its first copy follows the previous one's first copy the same way."""
    copy_gap = text[units[last[0]][1] : units[index][0]]
    first_gap = text[units[last[1]][1] : units[earlier][0]]
    return earlier == last[1] + 1 and not copy_gap.strip() and not first_gap.strip()


def _exact_finding(doc, units, run) -> Finding:
    """One report for a run of consecutive copied lines, with a fix deleting the copies."""
    start, end = units[run[0][0]][0], units[run[-1][0]][1]
    first_line = doc.position(units[run[0][1]][0])[0]
    if len(run) == 1:
        message = f"repeats line {first_line} word for word"
    else:
        last_line = doc.position(units[run[-1][1]][0])[0]
        message = f"repeats lines {first_line}–{last_line} word for word ({len(run)} lines)"
    return Finding(start, end, message, fix=_delete_line(doc.text, start, end),
                   related=(Related(doc.path, first_line, 1, "first copy"),))


def _delete_line(text: str, start: int, end: int) -> Fix:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return Fix(line_start, len(text) if line_end == -1 else line_end + 1, "")
