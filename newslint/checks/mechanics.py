"""Mechanics: slips of the keyboard that an editor fixes without a second thought.

Each detector is a plain function of the document (``*_findings``) so that the grammar and
spelling rules can drop a backend's report of a problem one of these rules already reports
(one problem, one report).
"""

from __future__ import annotations

import re
from itertools import islice
from operator import eq
from typing import Iterator

from ..backends.filters import address_spans, inside_any
from ..document import utf8_bytes
from ..model import Finding, Fix
from ..rule import lazy_regex, rule

# -- repeated words ------------------------------------------------------------------------------
# "the the", also across a line break; the second copy (with the space before it) is deleted.
# Matched on the lower-cased text (same offsets), so no IGNORECASE; the possessive ``++``
# stops the engine from retrying every shorter prefix of each word.
# Latin letters only (what English copy doubles): a narrow class is twice as fast as \w.
_REPEAT = re.compile(r"\b([a-zà-öø-ÿ]++)([ \t]++|[ \t]*\n[ \t]*)(\1)(?![\w'’-])")
_REPEAT_ANY_CASE = re.compile(_REPEAT.pattern.replace("a-zà-öø-ÿ", "a-zA-Zà-öø-ÿÀ-ÖØ-Þ"),
                              re.IGNORECASE)
#: Doublings that are good English ("had had", "that that") or names ("Duran Duran").
_ALLOWED_REPEATS = frozenset({"had", "that", "is", "do", "bye", "no", "very", "so", "ha", "far",
                              "knock", "tut", "chop", "hush", "pooh", "yada", "bora", "duran",
                              "sirhan", "walla", "mahi", "aye", "night", "there", "now",
                              "go", "yes", "many", "again", "more", "over", "round", "blah",
                              "out", "on", "too", "wait", "well", "why", "ho", "hee", "la",
                              "bla", "choo", "dum", "tom", "pago", "baden", "cous", "sing",
                              "bang", "mau", "tsk", "ding", "dong", "boo", "gee", "oh", "uh",
                              "hip", "hear", "kiss", "whoa", "wow", "cha", "ba", "xi", "ma"})

#: Short words whose capitalised doubling ("In In 2020") is still a slip, not a title.
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "to", "in", "on", "at", "for", "and",
                             "but", "or", "with", "by", "from", "as", "it", "he", "she",
                             "we", "they", "this", "his", "her", "their", "its"})


# The gate: the words of the text as runs of the letters _REPEAT repeats (Latin-1 lower case,
# one byte each, so offsets are the text's), everything else a space. A repeat is two equal
# runs side by side, so an article whose adjacent runs all differ (nine in ten) needs no scan
# of the text, which tries _REPEAT at every word.
_REPEAT_LETTERS = bytes(b if 0x61 <= b <= 0x7A or 0xE0 <= b <= 0xF6 or 0xF8 <= b <= 0xFF
                        else 0x20 for b in range(256))
# A run (after a space) that the next run repeats; the look-ahead lets pairs overlap ("a a a").
# Starting with a literal space, it is tried only at word starts.
_EQUAL_RUNS = re.compile(rb" ([^ ]++)(?= ++\1(?![^ ]))")
_EQUAL_RUNS_AT_START = re.compile(rb"([^ ]++)(?= ++\1(?![^ ]))")


def _may_repeat(lowered: str) -> bool:
    """Whether two adjacent runs of the text are equal (the plain definition of the gate)."""
    runs = lowered.encode("latin-1", "replace").translate(_REPEAT_LETTERS).split()
    return any(map(eq, runs, islice(runs, 1, None)))


def _equal_run_starts(lowered: str) -> list[int]:
    """Where each run that the next run repeats starts, in order. Every _REPEAT match starts at
    one of them (its first word is a whole run, followed by white space and the same run),
    so _REPEAT need only be tried there."""
    runs = lowered.encode("latin-1", "replace").translate(_REPEAT_LETTERS)
    starts = [match.start(1) for match in _EQUAL_RUNS.finditer(runs)]
    if runs[:1] != b" " and _EQUAL_RUNS_AT_START.match(runs):
        starts.insert(0, 0)
    return starts


def _repeats_at(lowered: str, starts: list[int]) -> Iterator[re.Match]:
    """_REPEAT.finditer(lowered), given every offset where a match may start: the first match
    at or after the end of the one before, as finditer takes them."""
    end = 0
    match_at = _REPEAT.match
    for start in starts:
        if start >= end:
            match = match_at(lowered, start)
            if match is not None:
                end = match.end()
                yield match


def repeated_word_findings(doc) -> Iterator[Finding]:
    text = doc.text
    lowered = doc.lowered
    if lowered is None:  # lower-casing changed the length (rare): fall back to the slow way
        matches = _REPEAT_ANY_CASE.finditer(text)
    else:
        starts = _equal_run_starts(lowered)
        if not starts:
            return
        matches = _repeats_at(lowered, starts)
    for match in matches:
        start1, end1 = match.span(1)
        start2, end2 = match.span(3)
        if start1 and text[start1 - 1] in "'’-":
            continue
        first, gap, second = text[start1:end1], match.group(2), text[start2:end2]
        if first.lower() in _ALLOWED_REPEATS:
            continue
        if second != first and not second[0].islower():
            continue  # "Walla Walla"-like names differ in case only when the second is lower
        if len(first) == 1 and first.isupper():
            continue  # "A A" ratings, list labels, initials
        if second[0].isupper() and first.lower() not in _FUNCTION_WORDS:
            continue  # "Girls Girls Girls", "New York, New York": titles and names
        if "\n" in gap and not second[0].islower():
            continue  # a heading or list line ending in the word the next line starts with
        yield Finding(start1, end2, f"repeated word “{first}”",
                      fix=Fix(match.start(2), end2, ""))


@rule(
    code="NL503",
    name="repeated-word",
    category="repeated_word",
    severity="warning",
    fixable=True,
    bad="The minister said the the plan would be published on Monday.",
    good="The minister said the plan would be published on Monday.",
)
def repeated_word(doc, options) -> Iterator[Finding]:
    """A word typed twice in a row ("the the"), also across a line break.

    Doubled words survive spell-checkers because each copy is spelled correctly. Good
    English doublings ("had had", "that that") and reduplicated names are left alone, and so
    are doublings across a paragraph break or after a heading line, which are usually a
    heading and its first line.
    """
    yield from repeated_word_findings(doc)


# -- spacing -------------------------------------------------------------------------------------
# Two spaces or more between words, not the padding of a | table cell. The two spaces come
# first (a literal the matcher finds at C speed) and the look-behind checks what precedes
# them; "(?<=[^\s|])  +" was tried at every character.
_DOUBLE_SPACE = re.compile(r"  (?<=[^\s|]  ) *(?=[^\s|])")
_COLUMNS = re.compile(r"\S {3,}\S.* {3,}\S")  # a line laid out in columns: spaces align it

# , ; : glued to the next word: "team,including". A letter (or closing mark) must come before.
_GLUED_CLAUSE = r"[,;:](?<=[^\W\d_)\]”’\"][,;:])(?=[^\W\d_])"
# . ? ! glued to the next sentence: "framework.This". The word before has two letters or more
# and ends in lower case (not U.S, J.K or a product like ASP.NET); the next word is capitalised
# and then lower case (a sentence, not an initialism or a file extension).
_GLUED_SENTENCE = r"[.?!](?<=[a-z][a-z][.?!])(?=[A-Z][a-z])"
# Spaces before , ; : . ? ! that end a clause (followed by a space or the end of the line).
# (The first space comes first and the look-behind checks the character before it: a pattern
# that starts with a literal is scanned for it at C speed, a look-behind is tried everywhere.)
_SPACE_BEFORE = re.compile(r" (?<=(?:[^\W_]|[)\]”’\"]) ) *([,;:.?!])(?=\s|$)")
# A paragraph whose first line starts with one to three spaces (four or more is indentation).
_LEADING = re.compile(r"(?m)(?:\A|(?<=\n\n)|(?<=\n[ \t]\n))( {1,3})"
                      r"(?=[^\s•·▪‣◦*+\-–—|>#\d])")  # not an indented list item or table


def _one_per_mark(pattern: str, marks: str) -> tuple[tuple[str, re.Pattern], ...]:
    """The regex `pattern`, which starts with the class [marks], as one pattern per mark.

    Each starts with its mark as a literal, which the matcher finds at C speed, where a
    leading class is tested character by character (four times slower); a mark absent from
    the text is not scanned for at all. Matches of different marks never overlap (each holds
    one mark). Each is compiled on first use."""
    lead = f"[{marks}]"
    assert pattern.startswith(lead)
    return tuple((mark, lazy_regex(re.escape(mark) + pattern[len(lead):]))
                 for mark in marks)


_GLUED_BY_MARK = _one_per_mark(_GLUED_CLAUSE, ",;:") + _one_per_mark(_GLUED_SENTENCE, ".?!")

# Words a colon is glued to without a slip: address schemes and e-mail header labels.
_NON_SPACE = re.compile(r"\S*")
_SCHEMES = frozenset({"http", "https", "ftp", "mailto", "tel", "file", "urn", "doi", "isbn",
                      "arxiv", "re", "fw", "fwd", "cc", "bcc", "ps", "nb", "note"})


def double_space_findings(doc) -> Iterator[Finding]:
    text = doc.text
    if b"  " not in utf8_bytes(doc):
        return
    for match in _DOUBLE_SPACE.finditer(text):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start: line_end if line_end != -1 else len(text)]
        if _COLUMNS.search(line) or line.startswith(("    ", "\t")):
            continue  # columns laid out with spaces; preformatted (indented) text
        if doc.masked and doc.is_masked(start - 1, match.end() + 1):
            continue  # spaces that stand for blanked markup (a link target, code)
        yield Finding(start, match.end(), "double space",
                      fix=Fix(start, match.end(), " "))


def missing_space_findings(doc) -> Iterator[Finding]:
    text = doc.text
    utf8 = utf8_bytes(doc)
    hits = [m for mark, pattern in _GLUED_BY_MARK if mark.encode() in utf8
            for m in pattern.finditer(text)]
    if not hits:
        return
    addresses = address_spans(text)
    hits.sort(key=lambda m: m.start())
    for match in hits:
        at = match.start()
        if inside_any(addresses, at - 1, at + 2):
            continue
        if doc.masked and doc.is_masked(at - 1, at + 2):
            continue  # glued to blanked markup, not to a word
        mark = match.group()
        word_start = at
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
        before = text[word_start:at]
        if mark == ":" and (before.lower().strip("(\"“'‘") in _SCHEMES
                            or "::" in text[at - 1:at + 2]):
            continue
        if mark in ",;:" and text[at - 1].isupper() and text[at + 1].isupper():
            continue  # TL;DR, Q:A, "AC,DC": initialisms, not clauses
        if mark == ";" and "&" in before:
            continue  # an HTML entity (&amp;nbsp): markup residue, another rule's business
        if mark in ",;:" and ("." in before or "/" in before or "@" in before):
            continue  # dotted identifiers, paths: not prose
        after = _NON_SPACE.match(text, at + 1).group()
        if mark in ",;:" and any(c in after for c in "./@=") and not after.endswith((".", "…")):
            continue  # "a,b.c" or "key:value=1": data or code, not a sentence
        yield Finding(at, at + 1, f"missing space after “{mark}”",
                      fix=Fix(at + 1, at + 1, " "))


#: The gate's one search: every mark of _SPACE_BEFORE becomes a comma.
_MARKS_TO_COMMA = bytes.maketrans(b".;:?!", b",,,,,")


def space_before_findings(doc) -> Iterator[Finding]:
    text = doc.text
    if b" ," not in utf8_bytes(doc).translate(_MARKS_TO_COMMA):
        return
    for match in _SPACE_BEFORE.finditer(text):
        mark = match.group(1)
        start, end = match.start(), match.start(1)
        if mark == "." and text[end:end + 2] == "..":
            continue
        if mark in ".?!" and text[end + 1:end + 2] in (".", "?", "!"):
            continue  # an ellipsis or "?!" after a space: a style, not a slip
        if doc.masked and doc.is_masked(start - 1, end + 1):
            continue  # the spaces stand for blanked markup (a link target, code)
        yield Finding(start, end + 1, f"space before “{mark}”", fix=Fix(start, end, ""))


def _paragraph_after_space(doc) -> bool:
    """False when no paragraph starts just after a space, and then _LEADING finds nothing:
    its spaces follow the start of the text or a blank line, and the character after them
    is not white space, so a paragraph starts there (the paragraphs are known: a test of a
    dozen characters where a search of the text for "\n " reads all of it)."""
    text = doc.text
    return " " in "".join([text[paragraph[0] - 1] for paragraph in doc.paragraphs])


def leading_space_findings(doc) -> Iterator[Finding]:
    if doc.kind != "text":
        return  # in Markdown, indentation means something (lists, code)
    text = doc.text
    if not _paragraph_after_space(doc):
        return
    for match in _LEADING.finditer(text):
        yield Finding(match.start(1), match.end(1), "paragraph starts with a space",
                      fix=Fix(match.start(1), match.end(1), ""))


def spacing_findings(doc) -> list[Finding]:
    """Every spacing problem the spacing rules report (for de-duplicating backends)."""
    return [*double_space_findings(doc), *missing_space_findings(doc),
            *space_before_findings(doc), *leading_space_findings(doc)]


@rule(
    code="NL504",
    name="double-space",
    category="spacing",
    severity="warning",
    fixable=True,
    bad="Ukraine seeks robust  security guarantees.",
    good="Ukraine seeks robust security guarantees.",
)
def double_space(doc, options) -> Iterator[Finding]:
    """Two or more spaces between words.

    A double space is invisible in an editor and conspicuous on the page or in a feed; it
    usually marks a deleted word or a careless paste. Lines laid out in columns with runs of
    spaces (plain-text tables) are left alone.
    """
    yield from double_space_findings(doc)


@rule(
    code="NL505",
    name="missing-space-after-punctuation",
    category="spacing",
    severity="warning",
    fixable=True,
    bad="The team,including the minister, met the framework.This was new.",
    good="The team, including the minister, met the framework. This was new.",
)
def missing_space_after_punctuation(doc, options) -> Iterator[Finding]:
    """A comma, semicolon, colon, full stop, question or exclamation mark glued to the next word.

    "team,including" and "framework.This" are typing or conversion slips that readers notice
    at once. Decimals (3.5), times (11:22), abbreviations (U.S., e.g.), initials (J.K.),
    web and e-mail addresses, file names and ellipses are not reported.
    """
    yield from missing_space_findings(doc)


@rule(
    code="NL506",
    name="space-before-punctuation",
    category="spacing",
    severity="warning",
    fixable=True,
    bad="The vote was close , officials said .",
    good="The vote was close, officials said.",
)
def space_before_punctuation(doc, options) -> Iterator[Finding]:
    """A space before a comma, semicolon, colon, full stop, question or exclamation mark.

    English sets these marks close to the word before them; a space there is a slip or the
    residue of a conversion that split a sentence. Ellipses after a space are a style choice
    and are left alone.
    """
    yield from space_before_findings(doc)


@rule(
    code="NL507",
    name="leading-space",
    category="spacing",
    severity="warning",
    fixable=True,
    bad=" Providing military assistance to Ukraine's armed forces.",
    good="Providing military assistance to Ukraine's armed forces.",
)
def leading_space(doc, options) -> Iterator[Finding]:
    """A paragraph of a plain-text article that starts with one to three spaces.

    A stray leading space shifts a paragraph in feeds and content systems and is usually
    left over from a paste. Indentation of four spaces or more, indented list items and
    tables, and any indentation in Markdown (where it means a list or code) are left alone.
    """
    yield from leading_space_findings(doc)
