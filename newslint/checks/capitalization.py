"""Capitalisation: proper nouns written in lower case, sentences and headings that start in it."""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Iterator

from ..model import Finding, Fix, Related
from ..names import TITLES, asked_lower_words, may_contain_word, name_table, proper_nouns
from ..packs.trie import trie_pattern
from ..rule import corpus_rule, rule

if TYPE_CHECKING:  # pragma: no cover
    from ..backends.dictionary import KnownWords

#: Lower-case particles that may open a name at a sentence start ("de Gaulle", "van Gogh").
_PARTICLES = frozenset("""de van von der den da di du del della la le al el bin ibn ben dos das
ter ten""".split())
#: Words before a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset("""mr mrs ms dr prof st sen rep gov gen col lt sgt capt cmdr adm maj
jr sr rev hon pres vs etc inc ltd co corp no nos fig figs approx est dept univ mt ft jan feb mar
apr jun jul aug sep sept oct nov dec al cf ca ed eds vol vols pp op ch sec art para min max avg
misc dist div ave blvd rd hwy mln bn tel ext approx ibid viz incl esp govt ala ariz ark calif
colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev okla ore pa
tenn tex vt va wash wis wyo""".split())
#: Words that open a new sentence after a quotation ending in a full stop (“... illogical.” he
#: said); any other word there continues the sentence around a quoted slogan or title.
_OPENERS = frozenset("""he she they it we i you his her their its our this that these those
the a an but however and so then yet also still there here when while after before if as what
why how who where which""".split())
#: Words that may stand before a name; a lower-case copy after any other word ("return
#: flight", "immigrant labour") is an ordinary word, not a name in lower case.
_BEFORE_NAMES = frozenset("""in of for with on at from by and or as said says than about
into over against between visit visited visiting told urged near across toward towards like
under after before during""".split())
#: Determiners (and the infinitive "to"): a lower-case word after one is an ordinary noun or
#: verb ("the bill", "to mark"), not a name.
_DETERMINERS = frozenset("""the a an this that these those his her their its our my your
to""".split())

# A line's first word after indentation, list markers, heading marks and opening quotes.
_LINE_START = re.compile(
    r"^[ \t]*(?P<bullet>(?:[-*+•·▪►–—]|\d{1,3}[.)]|#{1,6})[ \t]+)?[ \t]*(?P<open>[“\"‘'(\[]*)"
    r"(?P<word>[^\W\d_][\w’'.\-/@]*)", re.MULTILINE)
#: What may stand before a line's first word (a quick test before the regex above).
_LEADERS = " \t-*+•·▪►–—#“\"‘'0123456789.)(["
_TEXT = itemgetter(2)  # (of a line's Span)
_FIRST = itemgetter(slice(0, 1))
_SECOND = itemgetter(1)
# A full stop (not an ellipsis), optional closing quotes, space, opening quotes, a lower-case word.
_AFTER_STOP = re.compile(
    r"\.(?<=[^\s.]\.)(?P<close>[”\"’»)\]]*)[ \t]+[“\"‘(\[]*(?P<word>[a-z][\w’'.\-/@]*)")
_URLISH = re.compile(r"://|www\.|@|/|\.[a-z]{2,}\b")


@lru_cache(maxsize=1)
def _proper_noun_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The words `_proper_noun_pattern` looks for: (ASCII ones, the others)."""
    _pattern, kinds = _proper_noun_pattern()
    known = proper_nouns()
    words = [w for w in kinds if w not in known["ambiguous"] and w.isalpha()]
    return (frozenset(w for w in words if w.isascii()),
            tuple(w for w in words if not w.isascii()))


@lru_cache(maxsize=1)
def _proper_noun_pattern() -> tuple[re.Pattern | None, dict[str, str]]:
    known = proper_nouns()
    kinds = {w: "country, continent or region" for w in known["places"]}
    kinds.update({w: "nationality or people" for w in known["peoples"]})
    words = sorted((w for w in kinds if w not in known["ambiguous"] and w.isalpha()),
                   key=len, reverse=True)
    if not words:
        return None, {}
    # the character before the word is matched (not looked behind): a class the regex engine
    # can search for quickly; a word at the very start of the text is matched separately
    pattern = re.compile(r"[\s(“\"‘«\-–—](" + trie_pattern(words) + r")(?![\w])")
    return pattern, kinds


def _token_at(text: str, start: int, end: int) -> str:
    """The white-space-delimited token around a span (to spot URLs and e-mail addresses)."""
    left = start
    while left > 0 and not text[left - 1].isspace() and start - left < 200:
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace() and right - end < 200:
        right += 1
    return text[left:right]


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


@rule(
    code="NL403",
    name="capitalization",
    category="capitalization",
    severity="warning",
    fixable=True,
    bad="Talks on ukraine’s future resumed. “It is illogical.” he said of the european plan.",
    good="Talks on Ukraine’s future resumed. “It is illogical,” he said of the European plan.",
)
def capitalization(doc, options) -> Iterator[Finding]:
    """A proper noun in lower case, or a sentence or heading that starts in lower case.

    A country, nationality or continent in lower case ("ukraine’s", "european"), a name the
    article capitalises everywhere else, or a sentence that begins in lower case reads as
    careless copy, and often marks text pasted from a chat window or a transcript. Deliberate
    lower-case brands (iPhone, eBay), web addresses, particles that open names ("de Gaulle")
    and list items that continue a sentence after a colon are left alone.
    """
    text = doc.text
    vocabulary = options.vocabulary
    seen: set[int] = set()
    yield from _proper_nouns_in_lower_case(doc, text, vocabulary, seen)
    yield from _names_in_lower_case(doc, text, vocabulary, seen)
    yield from _lower_case_starts(doc, text, vocabulary, seen)


def _proper_nouns_in_lower_case(doc, text, vocabulary, seen) -> Iterator[Finding]:
    pattern, kinds = _proper_noun_pattern()
    if pattern is None:
        return
    # A match is a whole word, so a text whose lower-case words include none of the listed
    # ones has no match: one set intersection instead of a regex scan of the whole text.
    ascii_words, other_words = _proper_noun_words()
    if ascii_words.isdisjoint(asked_lower_words(doc)[0]) and not any(
            word in text for word in other_words):
        return
    first = pattern.match(" " + text[:40]) if text[:1].islower() else None
    found = [(first.group(1), 0)] if first else []  # a word at the very start of the text
    found.extend((match.group(1), match.start(1)) for match in pattern.finditer(text))
    for word, start in found:
        end = start + len(word)
        if word in vocabulary or _URLISH.search(_token_at(text, start, end)):
            continue
        seen.add(start)
        yield Finding(start, end,
                      f"“{word}” in lower case: {_capitalised(word)} is a proper noun "
                      f"(a {kinds[word]})",
                      fix=Fix(start, end, _capitalised(word)))


def _standalone_forms(doc) -> tuple[dict[str, list[int]], dict[str, int]]:
    """Forms capitalised on their own mid-sentence, computed once per document.

    (form -> [times, start of the first], form -> all mentions): see `NameTable`.
    """
    table = name_table(doc)
    return table.standalone, table.counts


def _names_in_lower_case(doc, text, vocabulary, seen) -> Iterator[Finding]:
    """Lower-case copies of a word the article capitalises on its own, mid-sentence."""
    standalone, totals = _standalone_forms(doc)
    ambiguous = proper_nouns()["ambiguous"]
    for form, (count, _first) in standalone.items():
        if count < 2:  # (most forms: told before anything is computed)
            continue
        lower = form.lower()
        if (len(form) < 4 or not form[1:].islower() or lower in TITLES
                or lower in ambiguous or lower in vocabulary):
            continue
        hits = _word_hits(text, lower) if may_contain_word(doc, lower) else []
        if not hits or len(hits) > 5 or len(hits) * 3 > totals[form]:
            continue
        before = [_previous_word(text, start) for start in hits]
        if any(word in _DETERMINERS or word not in _BEFORE_NAMES and word[-1:].isalpha()
               for word in before):
            continue  # "the bill", "return flight": the word is also an ordinary one
        for start in hits:
            if start in seen:
                continue
            seen.add(start)
            end = start + len(lower)
            yield Finding(start, end,
                          f"“{lower}” in lower case; this article writes {form} "
                          f"{totals[form]}× elsewhere",
                          fix=Fix(start, end, form))


def _word_hits(text: str, word: str) -> list[int]:
    hits = []
    find = text.find
    position = find(word)
    size = len(word)
    while position != -1:
        before = text[position - 1] if position else " "
        after = text[position + size] if position + size < len(text) else " "
        if not (before.isalnum() or before in "-_/@#.'’") and not after.isalnum():
            hits.append(position)
        position = find(word, position + size)
    return hits


def _previous_word(text: str, start: int) -> str:
    chunk = text[max(0, start - 24):start].split()
    return chunk[-1].lower() if chunk else ""


def _lower_case_starts(doc, text, vocabulary, seen) -> Iterator[Finding]:
    lines = doc.lines
    # lines whose first letter after the leaders is lower case (C calls, no Python step)
    firsts = map(_FIRST, map(str.lstrip, map(_TEXT, lines), repeat(_LEADERS)))
    for index in list(compress(range(len(lines)), map(str.islower, firsts))):
        match = _LINE_START.match(text, lines[index].start)
        if match is None:
            continue
        word = match.group("word")
        if not word[0].islower() or "[" in match.group("open") or "(" in match.group("open"):
            continue  # "[email protected]", "(photo) ...": markers, not sentences
        if not _starts_a_sentence(lines, index, bool(match.group("bullet"))):
            continue
        finding = _start_finding(text, match.start("word"), word, vocabulary, seen,
                                 "paragraph or heading")
        if finding is not None:
            yield finding
    for match in _AFTER_STOP.finditer(text):
        stop = match.start()
        before = text[max(0, stop - 30):stop].split()
        last = before[-1].lstrip("“\"‘'([") if before else ""
        if not last or "." in last or len(last) == 1 or last.lower() in _ABBREVIATIONS:
            continue
        close, word = match.group("close"), match.group("word")
        if ")" in close or "]" in close or text.startswith(")", match.end("word")):
            continue  # "(R-Ky.) have", "b) Refusing": the sentence goes on
        if close and word.rstrip(",;:’'") not in _OPENERS:
            continue  # the “Meth. We’re on it.” campaign: a quoted slogan inside a sentence
        finding = _start_finding(text, match.start("word"), match.group("word"), vocabulary,
                                 seen, "sentence")
        if finding is not None:
            yield finding


def _starts_a_sentence(lines, index: int, bullet: bool) -> bool:
    """Does line `index` open a sentence (not continue a wrapped one or a list after a colon)?"""
    text = lines[index].text.lstrip()
    if text.startswith("|"):
        return False  # a table cell
    previous = index - 1
    blank = False
    while previous >= 0:
        above = lines[previous].text.strip()
        if not above:
            blank = True
        elif bullet and _LINE_START.match(above) and _LINE_START.match(above).group("bullet"):
            pass  # earlier items of the same list
        else:
            break
        previous -= 1
    if previous < 0:
        return True
    above = lines[previous].text.rstrip().rstrip("”\"’»)]*_")
    if above.endswith(":"):
        return False  # a list or a clause that continues the sentence before it
    if blank:
        return True
    if not above or above[-1] not in ".!?":
        return False  # a hard-wrapped paragraph continues on this line
    words = above.split()
    last = words[-1].rstrip(".!?").lower() if words else ""
    return not ("." in last or len(last) == 1 or last in _ABBREVIATIONS)


def _start_finding(text, start, word, vocabulary, seen, where) -> Finding | None:
    token = word.rstrip(".,;:!?’'\"”)")
    if start in seen or not token or not token[0].islower() or "." in token:
        return None  # "i.e.", "e.g.": abbreviations, not words
    if any(ch.isupper() or ch.isdigit() for ch in token):
        return None  # iPhone, eBay, mRNA, 5G-era
    if _URLISH.search(_token_at(text, start, start + len(word))):
        return None
    if token.lower() in _PARTICLES or token.lower() in vocabulary:
        return None
    seen.add(start)
    return Finding(start, start + len(token),
                   f"{where} starts in lower case: “{token}”",
                   fix=Fix(start, start + 1, token[0].upper(), safe=False))


# -- across files -------------------------------------------------------------------------------

#: A lower-case word after one of these is where a name would stand ("talks in kyiv").
#: (It is tried only where `_PREPOSITION_AT` finds a preposition: see `_after_prepositions`.)
_AFTER_PREPOSITION = re.compile(
    r"[ \t(](?:in|from|of|with|by|at|near|between|against|toward|towards|visited)"
    r"[ \t]+([a-z]{4,})(?=['’]s\b|[\s,.;:!?)”\"]|$)")
#: Where `_AFTER_PREPOSITION` may match, found in a copy of the text whose tabs and opening
#: brackets are spaces: a pattern that starts with a literal space is scanned much faster.
_PREPOSITION_AT = re.compile(
    r" (?:in|from|of|with|by|at|near|between|against|toward|towards|visited)(?=[ \t])")
#: The word after each preposition in that copy, at every space (matches may overlap). The
#: prepositions are those of `_PREPOSITION_AT`, written as a trie: one first letter to try.
#: A match takes the space and the preposition (no space inside: the next match may start
#: at the space after it, as if every match were looked ahead), which the regex engine
#: tries faster than an assertion around the whole.
_WORD_AFTER_PREPOSITION = re.compile(
    r" (?:in|from|of|with|b(?:y|etween)|a(?:t|gainst)|near|towards?|visited)(?=[ \t]+"
    r"([a-z]{4,}))")
#: Endings of ordinary English words (a name rarely ends so).
_ORDINARY_ENDINGS = ("ing", "ed", "ly", "tion", "sion", "ment", "ness", "ity", "ous", "ive",
                     "ful", "less", "ship", "ance", "ence", "ism", "ist", "able", "ible", "ers",
                     "ies", "als", "ure", "ology", "ward", "wards", "ics")


def _after_prepositions(text: str, spaced: str | None = None) -> Iterator[re.Match]:
    """`_AFTER_PREPOSITION.finditer(text)`, tried only where a match may start.

    `spaced` is the text with tabs and opening brackets made spaces, if already made.
    """
    if spaced is None:
        spaced = text.replace("\t", " ").replace("(", " ")
    match_at = _AFTER_PREPOSITION.match
    resume = 0
    for place in _PREPOSITION_AT.finditer(spaced):
        start = place.start()
        if start < resume:
            continue
        match = match_at(text, start)
        if match is not None:
            resume = match.end()
            yield match


def _english_words() -> KnownWords | None:
    """The offline speller's English word list (shared with the spelling rule, loaded once).

    A lower-case word in it ("energy", "western", also "london") may be an ordinary word, so
    only words it lacks ("kyiv", "starmer") are candidates. Without the list, none are.
    """
    try:
        from ..backends.dictionary import known_word_lookup

        return known_word_lookup()
    except Exception:  # the list is unavailable: stay silent rather than guess
        return None


def _reduce_across(facts_by_path, options) -> Iterator[tuple[str, Finding]]:
    # only a word written in lower case after a preposition somewhere can be reported: the
    # capitalised forms of every other word are never looked at (nor, in most runs, any)
    lowered: Counter[str] = Counter(chain.from_iterable(
        {candidate[0] for candidate in facts[4]} for facts in facts_by_path.values()
        if facts and facts[4]))
    if not lowered:
        return
    # A candidate is lower-case ASCII, so the one form whose lower case it is (capitalised
    # on its own, the rest in lower case) is the candidate with its first letter capitalised.
    forms_of = {_capitalised(word): word for word in lowered}
    capitalised: dict[str, list[tuple[str, str, int, int]]] = {}
    for path in sorted(facts_by_path):
        facts = facts_by_path[path]
        if not facts:
            continue
        forms, starts, also_lower, line_starts, _candidates = facts
        for form in forms_of.keys() & set(forms):
            word = forms_of[form]
            if word in also_lower:
                continue  # this file also writes it in lower case: an ordinary word
            spots = capitalised.setdefault(word, [])
            if len(spots) < 3:
                start = starts[forms.index(form)]
                line = bisect_right(line_starts, start)
                spots.append((path, form, line, start - line_starts[line - 1] + 1))
            elif len(spots) < 50:
                spots.append((path, form, 0, 0))
    for path in sorted(facts_by_path):
        facts = facts_by_path[path]
        if not facts:
            continue
        for word, start, end, _line, _column in facts[4]:
            spots = [s for s in capitalised.get(word, ()) if s[0] != path]
            # capitalised on its own in two other files, and written in lower case in no other
            if len(spots) < 2 or lowered[word] > 1:
                continue
            other, form, line, column = spots[0]
            where = f"{os.path.basename(other)}:{line}" if line else os.path.basename(other)
            yield path, Finding(
                start, end,
                f"“{word}” in lower case; {len(spots)}{'+' if len(spots) >= 49 else ''} other "
                f"files write {form} ({where})",
                fix=Fix(start, end, form),
                related=(Related(other, line or 1, column or 1, f"{form} is written here"),))


@corpus_rule(
    code="NL405",
    name="capitalization-across-files",
    category="capitalization",
    severity="warning",
    fixable=True,
    reduce=_reduce_across,
    bad="Talks in kyiv resumed. (in a run where other articles write Kyiv)",
    good="Talks in Kyiv resumed.",
)
def capitalization_across_files(doc, options):
    """A name in lower case that the other articles of the run capitalise ("talks in kyiv").

    The article alone cannot tell that "kyiv" is a name when it never capitalises it, but the
    corpus can: when two or more other articles of the same run write the word with a capital
    on its own mid-sentence, and no other article writes it in lower case, the lower-case copy
    is reported with a pointer to one of them. Only words standing where a name would (after
    "in", "from", "with" and the like) are considered, and ordinary English endings are left
    alone, so that words that are both names and ordinary words stay quiet.
    """
    text = doc.text
    ambiguous = proper_nouns()["ambiguous"]
    starts = doc.line_starts
    standalone, totals = _standalone_forms(doc)
    # The facts: every form capitalised on its own (the first time: its start), the ones
    # this file also writes in lower case, and where the lines start; the corpus pass
    # looks up only the few forms of words written in lower case after a preposition
    # somewhere in the run (lower-case ASCII words), and places only those it reports.
    found = ()
    if standalone:
        # (a lower-case ASCII word of the text that names a form is one of these)
        words = asked_lower_words(doc)[0]
        firsts = tuple(map(_SECOND, standalone.values()))  # (in increasing order)
        found = (tuple(standalone), firsts,
                 tuple(word for word in words
                       if _capitalised(word) in standalone and _word_hits(text, word)),
                 tuple(starts[:bisect_right(starts, firsts[-1])]))  # (the lines up to the last)
    dictionary = _english_words()
    if dictionary is None:
        return (*found, ()) if found else ()
    dictionary = dictionary.fastest()
    vocabulary = options.vocabulary
    # Every word after a preposition, overlapping matches included (a superset of the words
    # `_after_prepositions` finds): when none of them can be a candidate, neither can its.
    spaced = text.replace("\t", " ").replace("(", " ")
    written = None
    for word in _WORD_AFTER_PREPOSITION.findall(spaced):
        if (word in dictionary or word.endswith(_ORDINARY_ENDINGS) or word in vocabulary
                or word in ambiguous or word in TITLES):
            continue
        if written is None:
            written = {form.lower() for form in totals}
        if word not in written:
            break
    else:
        return (*found, ()) if found else ()
    candidates: list[tuple[str, int, int, int, int]] = []
    for match in _after_prepositions(text, spaced):
        word = match.group(1)
        if (word in written or word in vocabulary or word in ambiguous or word in TITLES
                or word.endswith(_ORDINARY_ENDINGS) or word in dictionary):
            continue
        line = bisect_right(starts, match.start(1))
        candidates.append((word, match.start(1), match.end(1), line,
                           match.start(1) - starts[line - 1] + 1))
        if len(candidates) >= 40:
            break
    if not candidates:
        return (*found, ()) if found else ()
    return (*(found or ((), (), (), ())), tuple(candidates))
