"""Provenance: where does each figure, quotation and citation in the article come from?

General prose linters check wording; these rules ask the question an editor asks of scraped or
machine-written copy: who says so? The word lists live in ``rules/provenance.toml`` (the
``[pack.provenance]`` table); this module holds the logic. Every regular expression is
compiled once, at import, and matched on the lower-cased text where case does not matter.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from functools import lru_cache
from typing import Iterator, Mapping

from ..document import utf8_bytes
from ..model import Finding, Severity
from ..packs import bundled_pack_dir
from ..packs.phrase import gate_finds, share_word_gate, word_gate_source
from ..packs.trie import trie_pattern
from ..rule import LazyRegex, lazy_regex, matches_at, rule
from ..warmstart import remember

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


# -- vocabulary ---------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def vocabulary() -> Mapping[str, list[str]]:
    """The ``[pack.provenance]`` lists of the bundled ``provenance.toml`` (read once)."""
    path = bundled_pack_dir() / "provenance.toml"
    text = path.read_text(encoding="utf-8")
    data = remember("toml", text, lambda: tomllib.loads(text))
    return data["pack"]["provenance"]


def words(key: str) -> str:
    """A regex alternation (factored as a trie) of one vocabulary list."""
    return trie_pattern(sorted(set(vocabulary()[key])))


# -- shared helpers -----------------------------------------------------------------------------
_END_PUNCT = ".!?:;\"”’)…"
_END_MARKS = tuple(_END_PUNCT)


def is_heading(text: str) -> bool:
    """A short one-line paragraph with no closing punctuation: a headline or a subhead.

    Headings never carry their own attribution (the body does), so figures and quotes in
    them are judged by the story below, not on their own.
    """
    stripped = text.strip()
    # cheapest test first: running text ends with a full stop
    return (not stripped.endswith(_END_MARKS) and "\n" not in stripped
            and len(stripped.split()) <= 20)


def lowered(doc) -> str:
    """doc.lowered, or a same-length lower-casing when str.lower() would change the length."""
    low = doc.lowered
    if low is not None:
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in doc.text)


# -- what counts as a source ---------------------------------------------------------------------
_PASSIVE_BEFORE = frozenset("is was are were be been being it's that's".split())
_VAGUE_SUBJECTS = frozenset(vocabulary()["vague_subjects"])
_VAGUE_AFTER_ACCORDING = frozenset(
    "reports report sources source experts observers critics analysts some many estimates "
    "rumours rumors insiders media unconfirmed local".split())
_ATTRIBUTION_WORDS = (r"(?:" + words("attribution_verbs") + r"|" + words("source_phrases")
                      + r")(?![\w-])")
_URL = r"https?://|www\.|\]\("
_ATTRIBUTION = re.compile(r"(?<![\w-])" + _ATTRIBUTION_WORDS + "|" + _URL)
# "the IMF's report", "Oxfam's annual survey", "a Pew Research Center poll": a named document.
# A capitalised word at a word start (the look-behind after the capital keeps the engine
# skipping from capital to capital) that is not one of these function words:
_NOT_DOCUMENT_OWNERS = ("The A An This That These Those Its Their His Her Our In On At But And "
                        "If Last Next New One").split()
_NAMED_DOCUMENT = re.compile(
    r"[A-Z](?<!\w[A-Z])(?!" + "|".join(f"(?<={w[0]}){w[1:]}\\b" for w in _NOT_DOCUMENT_OWNERS)
    + r")[\w&.-]+(?:['’]s)?\s(?:[A-Z0-9][\w-]*\s|annual\s|latest\s|new\s){0,4}"
    r"(?:[Rr]eport|[Ss]tudy|[Ss]urvey|[Pp]oll|[Aa]udit|[Cc]ensus|[Bb]udget|[Ff]iling|[Ii]ndex|"
    r"[Aa]nalysis|[Rr]eview|[Aa]ssessment|[Dd]atabase|[Oo]utlook|[Yy]earbook|[Bb]ulletin|"
    r"[Tt]racker|[Dd]ashboard|[Ss]tatistics|[Dd]ata)\b")


# Words that gesture at a source without naming a channel ("Zelensky revealed", "it emerged").
_GESTURE = re.compile(r"(?<![\w-])(?:revealed|reveals|revealing|it emerged|emerged that|"
                      r"is expected to|are expected to|is projected to|are projected to)(?![\w-])")

# Cheap tests before the two searches: every match holds one of these (lower-cased).
_DOCUMENT_NOUNS = ("report", "stud", "survey", "poll", "audit", "census", "budget", "filing",
                   "index", "analys", "review", "assessment", "data", "outlook", "yearbook",
                   "bulletin", "tracker", "dashboard", "statistics")
_GESTURE_WORDS = ("reveal", "emerged", "expected to", "projected to")

SOURCED, GESTURE, NO_SOURCE = "sourced", "gesture", "none"
#: agentless passives that claim a source ("is estimated", "was reported"), unlike "was released"
_SAYING_PASSIVES = frozenset("said reported estimated stated claimed noted believed thought "
                             "projected predicted forecast calculated alleged rumoured "
                             "understood expected".split())


def source_status(text: str, low: str) -> str:
    """Does a passage name where its facts come from?

    SOURCED: an attribution verb, "according to X", "data from", a link or a named document.
    An attribution verb does not count when it is an agentless passive ("is estimated", "was
    reported" with no "by") or its subject is anonymous ("experts say", "sources said"), and
    "according to" does not count when what follows is anonymous ("according to reports").
    GESTURE: no source, but the passage gestures at one (those very forms, "revealed",
    "reportedly"): the text claims authority it does not show. NO_SOURCE: neither.
    """
    return source_cue(text, low)[0]


def source_cue(text: str, low: str) -> tuple[str, str]:
    """`source_status` plus the words that gesture at a source ("revealed", "reportedly")."""
    attributions = ((m.group(), m.start(), m.end()) for m in _ATTRIBUTION.finditer(low))
    return _source_cue(text, low, 0, len(low), attributions)


def _read_attribution(low: str, lo: int, hi: int, word: str, start: int, end: int
                      ) -> tuple[bool, str, int | None]:
    """How `_source_cue` reads one attribution in low[lo:hi]: (does it name a source, the
    words that gesture at one instead or "", where the words it makes skipped end or None).

    "According to" names a source unless what follows is anonymous ("according to
    reports": then the "reports" after it is skipped); another attribution names one unless
    it is an agentless passive ("is estimated", not "is estimated by") or its subject is
    anonymous ("experts say")."""
    before = low[max(lo, start - 30):start].split()
    previous = before[-1].strip(",;:") if before else ""
    if word.startswith("according to"):
        following = low[end:min(hi, end + 30)].split()
        if following and following[0].strip(",.") in _VAGUE_AFTER_ACCORDING:
            return (False, f"{word} {following[0].strip(',.')}",
                    low.find(following[0], end, hi) + len(following[0]))
        return True, "", None
    if previous in _PASSIVE_BEFORE or (previous in ("widely", "also", "now", "generally")
                                       and len(before) > 1 and before[-2] in _PASSIVE_BEFORE):
        if not low.startswith(" by ", end, hi):
            return False, f"{previous} {word}" if word in _SAYING_PASSIVES else "", None
    if previous in _VAGUE_SUBJECTS:
        return False, f"{previous} {word}", None
    return True, "", None


def _source_cue(text: str, low: str, lo: int, hi: int,
                attributions: Iterator[tuple[str, int, int]]) -> tuple[str, str]:
    """`source_cue(text[lo:hi], low[lo:hi])`, given what `_ATTRIBUTION` finds in that slice
    as (match, start, end) in offsets of `low`."""
    gesture = ""
    skip_until = -1
    for word, start, end in attributions:
        if start < skip_until:
            continue  # the "reports" of "according to reports"
        sourced, cue, skip = _read_attribution(low, lo, hi, word, start, end)
        if sourced:
            return SOURCED, ""
        gesture = gesture or cue
        if skip is not None:
            skip_until = skip
    if lo or hi != len(low):
        text, low = text[lo:hi], low[lo:hi]
    if any(noun in low for noun in _DOCUMENT_NOUNS) and _NAMED_DOCUMENT.search(text):
        return SOURCED, ""
    if not gesture:
        other = _GESTURE.search(low) if any(w in low for w in _GESTURE_WORDS) else None
        if other:
            gesture = other.group()
        else:
            spans = vague_spans(low)
            gesture = low[spans[0][0]:spans[0][1]] if spans else ""
    return (GESTURE, gesture) if gesture else (NO_SOURCE, "")


#: latin-1 byte -> itself for a character `[\w-]` matches, a space for any other (so also for
#: the "?" that stands for a character latin-1 cannot encode, which may be either)
#: the same, but an ASCII digit becomes "0" (no other byte does), so the one copy also serves
#: the number search (`_figure_numbers`)
_WORDISH = bytes(48 if 48 <= b <= 57 else b if chr(b).isalnum() or chr(b) in "_-" else 32
                 for b in range(256))
# Where an attribution may start, in `_word_start_bytes`: a space (any character that is not
# `[\w-]`), then a phrase in that form, then a space or the end. A literal space opens the
# pattern, so the regex engine skips from space to space and tries the phrases only at word
# starts (the text pattern, opening with a look-behind, runs it at every character).
_ATTRIBUTION_CANDIDATE = lazy_regex(lambda: (" (?:" + trie_pattern(
    phrase.encode("latin-1").translate(_WORDISH).decode("latin-1")
    for key in ("attribution_verbs", "source_phrases") for phrase in vocabulary()[key])
    + ")(?![^ ])").encode("latin-1"))
_ATTRIBUTION_AT = lazy_regex(lambda: _ATTRIBUTION_WORDS)
_URL_AT = re.compile(_URL)


def _word_start_bytes(doc, low: str) -> tuple[bytes, bool]:
    """b" " + `low` in latin-1 through `_WORDISH` (offset i of `low` is i + 1 here), and
    whether `low` may hold a link (`_URL`: "://", "www." or "]("), once per document."""
    cached = doc.__dict__.get("_provenance_word_starts")
    if cached is None or cached[0] is not low:
        may_link = ("/" in low and "://" in low) or ("]" in low and "](" in low) or \
            "www." in low
        cached = doc.__dict__["_provenance_word_starts"] = (low, _word_starts(low), may_link)
    return cached[1], cached[2]


#: (text, its `_word_starts`) of the text seen last: one translation per document
_WORD_STARTS_CACHE: list[tuple[str, bytes]] = [("", b" ")]


def _word_starts(low: str) -> bytes:
    """b" " + latin1(`low`) through `_WORDISH`: offset i of `low` is offset i + 1 here."""
    cached = _WORD_STARTS_CACHE[0]
    if cached[0] is low:
        return cached[1]
    starts = b" " + latin1(low).translate(_WORDISH)
    _WORD_STARTS_CACHE[0] = (low, starts)
    return starts


def _next_phrase(places: bytes, low: str, at: int, lo: int, hi: int
                 ) -> tuple[int, re.Match] | None:
    """The first phrase match of `_attributions` in low[lo:hi] that starts at or after `at`:
    (start, match), or None."""
    phrase_at = _ATTRIBUTION_AT.match
    if at == lo and places[lo] != 32:  # the slice starts inside a word: still a start
        found = phrase_at(low, lo, hi)
        if found:
            return lo, found
        at += 1
    candidate = _ATTRIBUTION_CANDIDATE.search
    while True:
        place = candidate(places, at, hi + 1)
        if place is None:
            return None
        at = place.start()  # the offset in `low` of the phrase after the space
        if at == lo or not (low[at - 1].isalnum() or low[at - 1] in "_-"):
            found = phrase_at(low, at, hi)
            if found:
                return at, found
        at += 1


#: `_attributions` has not looked for the first phrase yet
_NOT_SEARCHED = object()


def _attributions(doc, low: str, lo: int, hi: int, first=_NOT_SEARCHED
                  ) -> Iterator[tuple[str, int, int]]:
    """(match, start, end) of what `_ATTRIBUTION.finditer(low[lo:hi])` finds, in offsets of
    `low`: phrase matches tried only where `_ATTRIBUTION_CANDIDATE` finds a place (every
    phrase match is one, since its bytes have a space before and after), then checked with
    the text pattern; links found apart (a rare "http", "www." or "](" first). `first`: what
    `_next_phrase` found from `lo`, when the caller has looked already."""
    places, may_link = _word_start_bytes(doc, low)
    has_url = may_link and (low.find("://", lo, hi) != -1 or low.find("www.", lo, hi) != -1
                            or low.find("](", lo, hi) != -1)
    pos = lo
    # the next phrase match at or after pos: (start, match), or None; none from `none_from` on
    phrase = None if first is _NOT_SEARCHED else first
    none_from = lo if first is None else hi + 1
    while pos < hi:
        if phrase is None or phrase[0] < pos:
            phrase = None if pos >= none_from else _next_phrase(places, low, pos, lo, hi)
            if phrase is None:
                none_from = min(none_from, pos)
        url = _URL_AT.search(low, pos, hi) if has_url else None
        if url is not None and (phrase is None or url.start() < phrase[0]):
            yield url.group(), url.start(), url.end()
            pos = url.end()
        elif phrase is not None:
            found = phrase[1]
            yield found.group(), phrase[0], found.end()
            pos = found.end()
        else:
            return


def _paragraph_source_status(doc, low: str, para) -> str:
    """`source_status(para.text, low[para.start:para.end])`, with `_attributions`.

    Most paragraphs are sourced by their first attribution: when the document holds no
    link, that one is read first, without the general search."""
    lo, hi = para.start, para.end
    places, may_link = _word_start_bytes(doc, low)
    first = _NOT_SEARCHED
    if not may_link:  # then `_attributions` finds phrases only, and this one first
        first = _next_phrase(places, low, lo, lo, hi)
        if first is not None and _read_attribution(low, lo, hi, first[1].group(), first[0],
                                                   first[1].end())[0]:
            return SOURCED
    return _source_cue(doc.text, low, lo, hi, _attributions(doc, low, lo, hi, first))[0]


# == NL101 uncited figure =======================================================================
_BIG_WORDS = r"trillion|billion|million|thousand|hundred|crore|lakh"
# A word number (as a trie: the engine rejects a place after a letter or two). Where one is
# the start of another ("six", "sixty"), what follows it in every pattern is a space or a
# hyphen, so at most one of them can lead to a match: the order of the branches is free.
_WORD_NUMBERS = ("one two three four five six seven eight nine ten eleven twelve fifteen twenty "
                 "thirty forty fifty sixty seventy eighty ninety").split()
_WORD_NUMBER = "(?:" + trie_pattern(_WORD_NUMBERS) + ")"
# function words and units that may not sit between a number and its noun ("in 1990 the people")
_NOT_BETWEEN = (r"(?:the|a|an|of|in|on|at|to|and|or|for|by|with|from|was|were|is|are|had|has|"
                r"have|as|that|this|which|who|than|years?|months?|weeks?|days?|hours?|minutes?|"
                r"seconds?|percent|per|cent|times?|miles?|km|kilometres?|kilometers?|metres?|"
                r"meters?|feet|yards?|kg|pounds|lbs|when|after|before|since|until|it|its|their)")
_BETWEEN = rf"(?:(?!{_NOT_BETWEEN}\b)[a-z][a-z.'’-]*\s){{0,2}}"
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# Figures are found from cheap anchors (a number, or one of a few magnitude words found with
# str.find) and then matched around the anchor, so the text is never scanned by a large
# alternation: most positions in an article are not near a number.
_CURRENCY_BEFORE = re.compile(r"(?<![a-z0-9$])(?:" + words("currency_prefixes") + r")\s?$")
#: last two characters of the currency prefixes (the whole of a one-character one):
#: `_CURRENCY_BEFORE` cannot match unless one of them ends the text before a number (or is
#: followed by one white space, or by two before "\n")
_CURRENCY_TAILS = frozenset(prefix[-2:] for prefix in vocabulary()["currency_prefixes"])
_AFTER_NUMBER = (  # regex source: what may follow a number (every part optional)
    r"(?P<mag>\s(?:" + _BIG_WORDS + r")|(?:bn|mn|tn|trn|mln|bln|m|b|k)(?![\w]))?"
    r"(?:(?P<percent>\s?(?:%|per\s?cent\b|percent(?:age\spoints?)?\b|pc\b))"
    r"|(?P<currency>\s(?:" + words("currency_names") + r"))(?![\w-])"
    r"|(?P<noun>\s" + _BETWEEN + r"(?:" + words("count_nouns") + r"))(?![\w-])"
    r"|(?P<times>\stimes\s(?:as\s(?:many|much|high|large|big|likely)|more|higher|larger|"
    r"bigger|greater)\b))?")
# A number (a run of "\d[\d,.]*" less its trailing "." and ",": it ends in a digit) and
# what follows it, in one match. `_AFTER_NUMBER` always matches (maybe the empty string)
# and never takes a digit, so the numbers found are those of "\d[\d,.]*" runs.
_FIGURE_NUMBER = re.compile(r"(\d(?:[\d,.]*\d)?)" + _AFTER_NUMBER)
_ROUGH = re.compile(
    r"(?:(?P<rough>" + words("vague_magnitudes") + r")|(?P<wordcount>" + _WORD_NUMBER
    + r"\s(?:" + _BIG_WORDS + r")))\s(?:of\s)?" + _BETWEEN + r"(?:" + words("count_nouns")
    + r")(?![\w-])")
_WORD_PERCENT = re.compile(_WORD_NUMBER + r"(?:[- ]" + _WORD_NUMBER
                           + r")?\s(?:per\s?cent|percent)\b")
_MULTIPLE = re.compile(
    r"(?:" + words("multiples") + r")(?![\w-])(?!\s(?:down|up|over|as|back)\b)"
    r"|" + _WORD_NUMBER + r"\stimes\s(?:as\s(?:many|much|high|large|big|likely)|more|higher|"
    r"larger|bigger|greater)\b")
# Anchor words, each with the shorter piece that is searched for: "illion" finds both
# "million" and "billion" in one pass over the text, then the word is checked in place.
_ROUGH_ANCHORS = (("hundred", "hundred"), ("thousand", "thousand"), ("million", "illion"),
                  ("billion", "illion"))
_PERCENT_ANCHORS = (("per cent", "cent"), ("percent", "cent"), ("per-cent", "cent"))
_MULTIPLE_ANCHORS = (("doubled", "bled"), ("tripled", "pled"), ("trebled", "bled"),
                     ("quadrupled", "pled"), ("quintupled", "pled"), ("fold", "fold"),
                     (" times ", " times "))


def _piece_table(*families: tuple[tuple[str, str], ...]
                 ) -> tuple[tuple[str, tuple[tuple[str, int, int], ...]], ...]:
    """(piece, ((word, offset of the piece in the word, family index), ...)), per piece."""
    by_piece: dict[str, list[tuple[str, int, int]]] = {}
    for family, anchors in enumerate(families):
        for word, piece in anchors:
            by_piece.setdefault(piece, []).append((word, word.index(piece), family))
    return tuple((piece, tuple(found)) for piece, found in by_piece.items())


_ANCHOR_PIECES = _piece_table(_ROUGH_ANCHORS, _PERCENT_ANCHORS, _MULTIPLE_ANCHORS)
#: the same, in bytes: the pieces are ASCII, so they are found at the same offsets in latin1()
_ANCHOR_BYTES = tuple((piece.encode("ascii"), tuple((word.encode("ascii"), offset, family)
                                                    for word, offset, family in found))
                      for piece, found in _ANCHOR_PIECES)


def _anchor_places(low: str, skip: frozenset[bytes] = frozenset()
                   ) -> tuple[list[int], list[int], list[int]]:
    """Offsets of the rough, percent and multiple anchor words (every occurrence, as
    str.find finds them), with one find pass per distinct piece over the latin-1 bytes
    (the words of the pieces in `skip` left out)."""
    places: tuple[list[int], list[int], list[int]] = ([], [], [])
    haystack = latin1(low)
    for piece, words_ in _ANCHOR_BYTES:
        if piece in skip:
            continue
        at = haystack.find(piece)
        while at != -1:
            for word, offset, family in words_:
                if at >= offset and haystack.startswith(word, at - offset):
                    places[family].append(at - offset)
            at = haystack.find(piece, at + 1)
    return places


def _currency_may_end(low: str, start: int) -> bool:
    """Can `_CURRENCY_BEFORE` match before `start`? A match is a prefix, then at most one
    white space, then the end (or a white space and a final "\\n"): a prefix ends at
    `start`, or one or two characters before it, and then the text there ends with the
    prefix's last two characters (or its only one)."""
    if start < 1:
        return False
    tails = _CURRENCY_TAILS
    last = low[start - 1]
    if last in tails or (start >= 2 and low[start - 2:start] in tails):
        return True
    if start < 2 or not last.isspace():
        return False
    if low[start - 2] in tails or (start >= 3 and low[start - 3:start - 1] in tails):
        return True
    return last == "\n" and start >= 3 and low[start - 2].isspace() and (
        low[start - 3] in tails or (start >= 4 and low[start - 4:start - 2] in tails))


def _find_all(haystack: str, needle: str, start: int = 0, end: int | None = None
              ) -> Iterator[int]:
    end = len(haystack) if end is None else end
    at = haystack.find(needle, start, end)
    while at != -1:
        yield at
        at = haystack.find(needle, at + 1, end)


_ASCII_BYTES = bytes(range(128))
_DECIMAL = re.compile(r"\d")
#: (text, its latin1()) of the text seen last: the rules of a document share one encoding
_LATIN1_CACHE: list[tuple[str, bytes]] = [("", b"")]


def latin1(low: str) -> bytes:
    """`low` in latin-1, each character latin-1 cannot encode as "?": offset i of the text is
    offset i of the bytes. The last one computed is kept (one encoding per document)."""
    cached = _LATIN1_CACHE[0]
    if cached[0] is low:
        return cached[1]
    latin = low.encode("latin-1", "replace")
    _LATIN1_CACHE[0] = (low, latin)
    return latin


def _only_ascii_digits(low: str, latin: bytes, encoded: bytes | None = None) -> bool:
    """No decimal digit outside ASCII in `low` (latin-1 has none: look at the characters
    that became "?", or, when there are many, at every non-ASCII character). `encoded`: the
    UTF-8 form of the text `low` lowers, when the caller has it (decimal digits have no case,
    so the two hold the same ones)."""
    if latin.count(b"?") > 32:
        if encoded is None:
            encoded = low.encode("utf-8", "surrogatepass")
        return not _DECIMAL.search(encoded.translate(None, _ASCII_BYTES)
                                   .decode("utf-8", "surrogatepass"))
    at = latin.find(b"?")
    while at != -1:
        if low[at].isdecimal():
            return False
        at = latin.find(b"?", at + 1)
    return True


def _figure_numbers(low: str, encoded: bytes | None = None) -> list[re.Match]:
    """What `_FIGURE_NUMBER.finditer(low)` finds, without running the regex over every place.

    Every match starts at a digit and one is tried at each digit at or after the end of the
    one before, so the digits are found with bytes.find in a copy of the text where each
    ASCII digit, and nothing else, is "0" (`_word_starts`: a latin-1 encoding, unencodable
    characters as "?", keeps every offset, here shifted by one). Text holding a decimal
    digit outside ASCII ("٣"; none is in latin-1) takes the plain scan. (`encoded`: as for
    `_only_ascii_digits`.)
    """
    if not _only_ascii_digits(low, latin1(low), encoded):
        return list(_FIGURE_NUMBER.finditer(low))
    found = []
    match_at, find = _FIGURE_NUMBER.match, _word_starts(low).find
    at = find(b"0", 1)
    while at != -1:
        number = match_at(low, at - 1)
        found.append(number)
        at = find(b"0", number.end() + 1)
    return found


def find_figures(low: str, min_count: int = 100, encoded: bytes | None = None,
                 skip: frozenset[bytes] = frozenset()) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every figure in lower-cased text, in order.

    Kinds: money, percent, count (numeric counts of at least `min_count`, or with a
    magnitude word), rough ("tens of thousands of troops"), multiple ("tripled").
    `encoded`: the UTF-8 form of the text `low` lowers, when the caller has it. `skip`:
    anchor pieces not to search for, when the caller knows they lead to no figure
    (`_rare_multiples_skip`).
    """
    found: list[tuple[int, int, str]] = []
    for number in _figure_numbers(low, encoded):
        start = number.start()
        if start:
            before = low[start - 1]
            if before.isalpha() or before in "-/:":
                continue  # "g7", "covid-19", "24/7", "10:30"
        if number.lastindex == 1:  # nothing after the number (most numbers): money or nothing
            if _currency_may_end(low, start):
                currency = _CURRENCY_BEFORE.search(low, max(0, start - 8), start)
                if currency:
                    found.append((currency.start(), number.end(1), "money"))
            continue
        raw, mag, percent, currency_name, noun, times = number.groups()
        currency = (_CURRENCY_BEFORE.search(low, max(0, start - 8), start)
                    if _currency_may_end(low, start) else None)
        kind = None
        if currency:
            start, kind = currency.start(), "money"
        elif percent:
            kind = "percent"
        elif currency_name:
            kind = "money"
        elif noun:
            if mag or _is_large(raw, min_count):
                kind = "count"
        elif times:
            kind = "multiple"
        if kind is None:
            continue
        stop = number.end()
        if currency and not currency_name and not percent:
            stop = number.end("mag") if mag else number.end(1)
        found.append((start, stop, kind))
    rough_places, percent_places, multiple_places = _anchor_places(low, skip)
    for at in rough_places:
        match = _ROUGH.search(low, max(0, at - 20), at + 160)
        if match and match.start() <= at < match.end() and _word_start(low, match.start()):
            found.append((match.start(), match.end(),
                          "rough" if match.group("rough") else "count"))
    for at in percent_places:
        match = _WORD_PERCENT.search(low, max(0, at - 30), at + 9)
        if match and _word_start(low, match.start()):
            found.append((match.start(), match.end(), "percent"))
    for at in multiple_places:
        match = _MULTIPLE.search(low, max(0, at - 15), at + 60)
        if match and match.start() <= at < match.end() and _word_start(low, match.start()):
            found.append((match.start(), match.end(), "multiple"))
    found.sort()
    kept: list[tuple[int, int, str]] = []
    for item in found:  # drop overlaps ("hundreds of thousands" is found from two anchors)
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


#: anchor pieces of the multiples that are rare in news copy ("tripled", "fivefold", "three
#: times as many"), and how every multiple found from one of them begins (it holds the
#: piece: a multiple word holding it, or a word number before "times")
_RARE_MULTIPLE_PIECES = frozenset((b"pled", b"fold", b" times "))
_RARE_MULTIPLE_PHRASES = tuple(
    word for word in vocabulary()["multiples"] if "pled" in word or "fold" in word) + tuple(
    f"{number} times" for number in _WORD_NUMBERS)
share_word_gate(_RARE_MULTIPLE_PHRASES)
_RARE_MULTIPLE_GATE = lazy_regex(lambda: word_gate_source(_RARE_MULTIPLE_PHRASES))
_NOTHING_SKIPPED: frozenset[bytes] = frozenset()


def _rare_multiples_skip(doc, low: str) -> frozenset[bytes]:
    """The anchor pieces `find_figures` need not search for: `_RARE_MULTIPLE_PIECES` when
    no phrase of `_RARE_MULTIPLE_PHRASES` starts a word (`_gate_rules_out`).

    A multiple found from one of those pieces holds it, so it is one of those words or a
    word number, white space and "times", and `find_figures` keeps it only where it starts
    a word."""
    return _RARE_MULTIPLE_PIECES if _gate_rules_out(doc, low, _RARE_MULTIPLE_GATE) \
        else _NOTHING_SKIPPED


def _gate_rules_out(doc, low: str, gate) -> bool:
    """True when the shared word gate shows that no phrase of `gate` (a word_gate_source of
    phrases given to share_word_gate) starts a word of `low`, as these rules define a word
    start: after a character that is neither alphanumeric nor "-".

    Asked only of `low` = doc.lowered. In `word_bytes` every such character is a space
    (white space outside ASCII too: the bytes hold one per character), except "_", which
    stays a word byte: a text holding one is searched as before. A "-" becomes a space
    too, so the gate may find more than the rules keep, never less."""
    return (doc.lowered is not None and low is doc.lowered and "_" not in low
            and not gate_finds(gate, doc))


def _word_start(low: str, at: int) -> bool:
    return at == 0 or not (low[at - 1].isalnum() or low[at - 1] == "-")


def _is_large(raw: str, min_count: int) -> bool:
    """A bare number is a count worth sourcing when it is large and not a year."""
    if _YEAR.fullmatch(raw):
        return False  # "in 2014 people ...": a year, not a count
    try:
        return float(raw.replace(",", "")) >= min_count
    except ValueError:
        return False


def _containing(spans, starts: list[int], offset: int):
    """`Document.paragraph_at` / `sentence_at` with the list of starts built once."""
    index = bisect_right(starts, offset) - 1
    if index >= 0 and spans[index].start <= offset < max(spans[index].end,
                                                          spans[index].start + 1):
        return spans[index]
    return None


_LINK_MARKS = ("http", "](", "www.", "href=")


def _may_hold_link(source: str) -> bool:
    """Any mark of `_has_link` anywhere in the source (one test per document: when there is
    none, no paragraph holds one). A one-character test (memchr speed) comes before each
    search for a mark that holds a rare character."""
    return ("http" in source or "www." in source or ("]" in source and "](" in source)
            or ("=" in source and "href=" in source))


def _document_may_hold_link(doc, low: str) -> bool:
    """`_may_hold_link(doc.source)`. When the source is the text, the test of `low` the
    attribution search makes anyway ("://", "](" or "www.", `_word_start_bytes`) answers
    for "](" and "www." when it finds none: each would be in `low` too."""
    source = doc.source
    if source is doc.text and not _word_start_bytes(doc, low)[1]:
        return "http" in source or ("=" in source and "href=" in source)
    return _may_hold_link(source)


def _has_link(doc, start: int, end: int) -> bool:
    """A link in the original text (readers blank Markdown and HTML link targets)."""
    source = doc.source[start:end]
    return any(mark in source for mark in _LINK_MARKS)


_KIND_LABEL = {"money": "money figure", "percent": "percentage", "count": "count",
               "rough": "rough count", "multiple": "multiple"}


@rule(
    code="NL101",
    name="uncited-figure",
    category="uncited_number",
    severity="warning",
    bad="The ministry wants a support package worth €2.5bn to rebuild 300 schools.",
    good="The package is worth €2.5bn, the finance minister told reporters.",
    options={"min_count": 100},
)
def uncited_figure(doc, options) -> Iterator[Finding]:
    """A money amount, percentage, large count or multiple whose paragraph names no source.

    Figures are the claims readers remember and the ones generated or rewritten copy most
    often invents or garbles. A figure is cited when its sentence or paragraph says where it
    comes from: "according to X", "X said / told / reported / estimated", "data from", "a
    report by", a link or a named document. Verbs that name no channel ("revealed", "aims"),
    agentless passives ("is estimated") and anonymous subjects ("experts say") are not
    sources. A figure whose own sentence leans on such an unnamed source is a warning; a
    figure that simply has no source in its paragraph is reported once per paragraph as
    info, since published copy often states known figures plainly and a human must judge.
    Rough counts ("tens of thousands of troops") are info. Dates, years, times, ordinals
    and article numbers are not figures; headings are judged by the body below them.
    """
    text, low = doc.text, lowered(doc)
    min_count = int(options.get("min_count", 100))
    figures = find_figures(low, min_count, utf8_bytes(doc), _rare_multiples_skip(doc, low))
    if not figures:
        return
    paragraphs = doc.paragraphs
    starts = [para.start for para in paragraphs]
    may_link = _document_may_hold_link(doc, low)
    status: dict[int, str] = {}  # paragraph start -> source status ("" for a heading)
    quiet: dict[int, list] = {}  # paragraph start -> unsourced figures reported once, as info
    for start, end, kind in figures:
        para = _containing(paragraphs, starts, start)  # doc.paragraph_at(start)
        if para is None:
            continue
        state = status.get(para.start)
        if state is None:
            if is_heading(para.text):
                state = ""
            elif may_link and _has_link(doc, para.start, para.end):
                state = SOURCED
            else:
                state = _paragraph_source_status(doc, low, para)
            status[para.start] = state
        if not state or state == SOURCED:
            continue
        cue = ""
        if state == GESTURE and kind != "rough":
            # loud only when the figure's own sentence leans on an unnamed source
            sentence = _containing(doc.sentences, doc.sentence_starts, start) or para
            cue = source_cue(sentence.text, low[sentence.start:sentence.end])[1]
        if cue:
            yield Finding(start, end, f"{_KIND_LABEL[kind]} “{text[start:end]}” rests on an "
                                      f"unnamed source (“{cue}”): say who says so")
        else:
            quiet.setdefault(para.start, []).append((start, end, kind))
    for figures in quiet.values():
        start, end, kind = figures[0]
        more = f" (and {len(figures) - 1} more figures)" if len(figures) > 1 else ""
        yield Finding(start, end, f"{_KIND_LABEL[kind]} “{text[start:end]}”{more}: no source "
                                  "in its paragraph; say who says so", severity=Severity.INFO)


# == NL102 placeholder citation =================================================================
# Each group starts with a literal or a character class, so the regex engine skips ahead
# quickly; the phrase and template groups run only when a cheap substring test finds a hint.
_BRACKET_PLACEHOLDER = re.compile(
    r"[\[(<{]\s*(?:" + words("bracket_placeholders") + r"|(?:source|ref|reference|citation|link|"
    r"url|footnote|note)\s?#?\d{1,3}|sources?\s*:|(?:insert|add|your)\s[^\])>}\n]{1,40})"
    r"\s*:?\s*[\])>}]")
_TEMPLATE_PLACEHOLDER = re.compile(
    r"\{\{\s*[a-z_][\w.]*\s*\}\}|\{%[^%\n]{0,60}%\}|\$\{[a-z_]\w*\}|<<\s*[a-z_][\w ]{0,30}>>")
_PHRASE_PLACEHOLDER = re.compile(
    r"(?:" + words("placeholder_phrases") + r")(?![\w])|^[ \t]*sources?[ \t]*:[ \t]*$",
    re.MULTILINE)
_PHRASE_HINTS = tuple(sorted(set(vocabulary()["placeholder_phrases"]) | {"source:", "sources:"}))


def _hint_anchors(hints: tuple[str, ...], preferred: tuple[str, ...]
                  ) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """Group phrases by a short, rare piece each of them holds ("unspecified", ":"), so that
    "does any phrase occur?" costs one str.find per piece instead of one per phrase. A
    phrase holding none of the preferred pieces is its own piece."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for hint in hints:
        anchor = next((piece for piece in preferred if piece in hint), hint)
        groups.setdefault(anchor, []).append((hint, hint.index(anchor)))
    return tuple((anchor, tuple(found)) for anchor, found in groups.items())


_PHRASE_HINT_ANCHORS = _hint_anchors(  # longer pieces are searched faster
    _PHRASE_HINTS, ("source", "link", "citation", "unspecified", "lorem ipsum",
                    "dolor sit amet", "example."))


#: the same, each anchor's hints grouped by the anchor's offset in them (one startswith each)
_PHRASE_HINTS_BY_OFFSET = tuple(
    (anchor, tuple((offset, tuple(hint for hint, at in hints if at == offset))
                   for offset in sorted({at for _, at in hints})))
    for anchor, hints in _PHRASE_HINT_ANCHORS)


def _any_hint(low: str) -> bool:
    """Exactly `any(hint in low for hint in _PHRASE_HINTS)`, found from the hints' anchors."""
    for anchor, by_offset in _PHRASE_HINTS_BY_OFFSET:
        at = low.find(anchor)
        while at != -1:
            for offset, hints in by_offset:
                if at >= offset and low.startswith(hints, at - offset):
                    return True
            at = low.find(anchor, at + 1)
    return False


_BRACKET_OPENERS = "[(<{"


def _bracket_placeholders(low: str) -> list[tuple[int, int]]:
    """What `_BRACKET_PLACEHOLDER.finditer(low)` finds, tried only at opening brackets (found
    with str.find): every match starts with one, and an article has few."""
    places: list[int] = []
    for opener in _BRACKET_OPENERS:
        at = low.find(opener)
        while at != -1:
            places.append(at)
            at = low.find(opener, at + 1)
    return [match.span() for match in matches_at(_BRACKET_PLACEHOLDER, low, sorted(places))]
# Newsroom placeholders in upper case: "TK", "TKTK", "$XX million", "XX%", "20XX".
_CASED_PLACEHOLDER = re.compile(
    r"(?<![\w$])TK(?:TK)+(?!\w)"
    r"|(?<![\w$])TK(?![\w'’-])(?!\s+[A-Z0-9&])"
    r"|(?<![\w])(?:[$€£]\s?)X{2,}(?:,X{3})*(?:\.X+)?\b(?:\s?(?:million|billion|bn|m)\b)?"
    r"|(?<![\w])X{2,}(?:,X{3})*(?:\.X+)?\s?(?:%|per\s?cent\b|percent\b|million\b|billion\b|"
    r"thousand\b|people\b|troops\b)"
    r"|\b(?:19|20)XX\b"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+XX\b")
_MARKER_ONLY = re.compile(r"[\s\[\]().,;:|•*\-–—\d]*")
_LIST_LABEL = re.compile(r"^\s*(?:sources?|references?|citations?|notes?)\s*:?\s*", re.I)


#: the placeholder phrases and the "source:" line, for the shared word gate
_HINT_GATE_PHRASES = tuple(vocabulary()["placeholder_phrases"]) + ("source:", "sources:")
share_word_gate(_HINT_GATE_PHRASES)
_HINT_GATE = lazy_regex(lambda: word_gate_source(_HINT_GATE_PHRASES))


def _hint_may_be_kept(doc, low: str) -> bool:
    """False only where `placeholder_spans` keeps no match of `_PHRASE_PLACEHOLDER`: it keeps
    a phrase that starts a word and ends before a character that is not a word character, or
    a "source:" line, so one of `_HINT_GATE_PHRASES` starts a word (`_gate_rules_out`). The
    shared word gate answers in most texts."""
    return not _gate_rules_out(doc, low, _HINT_GATE)


def _follows(text: str, char: str, before: str) -> bool:
    """`before + char in text` for one character each, from the few places of `char`
    (found at memchr speed: searching for two characters goes through the whole text
    several times slower)."""
    at = text.find(char, 1)
    while at != -1:
        if text[at - 1] == before:
            return True
        at = text.find(char, at + 1)
    return False


def placeholder_spans(doc) -> list[tuple[int, int]]:
    """Spans of every placeholder citation in the document, in order."""
    low = lowered(doc)
    spans = _bracket_placeholders(low)
    if "{" in low or ("<" in low and "<<" in low):  # a two-character search is slow
        spans.extend(m.span() for m in _TEMPLATE_PLACEHOLDER.finditer(low))
    if _hint_may_be_kept(doc, low) and _any_hint(low):
        spans.extend(m.span() for m in _PHRASE_PLACEHOLDER.finditer(low)
                     if m.end() > m.start() and (m.group()[:1] in " \t" or
                                                 _word_start(low, m.start())))
    text = doc.text
    if _follows(text, "K", "T") or ("X" in text and "XX" in text):
        spans.extend(m.span() for m in _CASED_PLACEHOLDER.finditer(doc.text))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):  # "{{author}}" holds "{author}"; "Lorem ipsum dolor…"
        if merged and (start < merged[-1][1] or not low[merged[-1][1]:start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@rule(
    code="NL102",
    name="placeholder-citation",
    category="placeholder_citation",
    severity="error",
    bad="[1] [Source 1] [2] [Source 2] [3] [insert link]",
    good="[1] Reuters, 18 August 2025 [2] White House statement, 18 August 2025",
    summary="Citation text that names no source: \"[Source 1]\", \"[citation needed]\", "
            "\"TK\", \"{{author}}\".",
)
def placeholder_citation(doc, options) -> Iterator[Finding]:
    """Citation text that names no source: "[Source 1]", "[citation needed]", "TK", "{{author}}".

    A placeholder where a source, link, name or figure should be means the article went out
    before anyone checked it: a template slot ("[Name]", "{{author}}", "[insert link]"), a
    generator's stand-in ("[Source 2]", "Unspecified news source"), a wiki tag ("[citation
    needed]") or a newsroom mark ("TKTK", "$XX million"). A reference-list line made only of
    such entries is reported once. Editorial brackets such as "[sic]" or "[the president]"
    are not placeholders.
    """
    spans = placeholder_spans(doc)
    if not spans:
        return
    text = doc.text
    by_line: dict[int, list[tuple[int, int]]] = {}
    for start, end in spans:
        line_start = text.rfind("\n", 0, start) + 1
        by_line.setdefault(line_start, []).append((start, end))
    for line_start, found in by_line.items():
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end == -1 else line_end
        rest, last = [], line_start
        for start, end in found:
            rest.append(text[last:start])
            last = end
        rest.append(text[last:line_end])
        leftover = _LIST_LABEL.sub("", "".join(rest))
        if len(found) > 1 and _MARKER_ONLY.fullmatch(leftover):
            first = len(text[line_start:line_end]) - len(text[line_start:line_end].lstrip())
            yield Finding(line_start + first, line_end,
                          f"reference list of {len(found)} placeholders names no source: "
                          f"“{_clip(text[line_start + first:line_end])}”")
            continue
        for start, end in found:
            yield Finding(start, end, f"placeholder citation “{text[start:end].strip()}” "
                                      "names no source")


def _clip(value: str, width: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[:width - 1] + "…"


# == NL103 citation marker ======================================================================
# written to start with a literal "[" so that the regex engine skips ahead to brackets
_ONE_MARKER = r"\[\d{1,3}(?:\s?[,–-]\s?\d{1,3})*\]"
_MARKER_RUN = re.compile(_ONE_MARKER + "(?:" + _ONE_MARKER + ")*")
# Markers that chat assistants leave: "【3†source】", "[^1]", "citeturn0search2", "oaicite".
_CHAT_MARKER = re.compile(r"【\d+(?:[:†][^】\n]{0,60})?】|\[\^\d{1,3}\]"
                          r"|cite(?:turn\d+[a-z]+\d+)+"
                          r"|:?[Cc]ontent[Rr]eference\[oaicite:\d+\](?:\{index=\d+\})?")
_CHAT_HINTS = ("【", "[^", "citeturn", "oaicite")
_NUMBERS = re.compile(r"(\d{1,3})(?:\s?[–-]\s?(\d{1,3}))?")
_ENTRY = re.compile(r"\[(\d{1,3})\][ \t]+(?=[^\s\[]|\[(?!\d{1,3}\]))")


def _marker_numbers(marker: str) -> set[int]:
    numbers: set[int] = set()
    for first, last in _NUMBERS.findall(marker):
        low, high = int(first), int(last or first)
        numbers.update(range(low, min(high, low + 50) + 1))
    return numbers


def _reference_lines(doc) -> dict[int, dict[int, tuple[int, int]]]:
    """Lines that are reference lists: {line start: {number: (entry start, entry end)}}.

    A reference line starts with "[n] text"; every "[n] text" on it is one entry.
    """
    out: dict[int, dict[int, tuple[int, int]]] = {}
    for line in doc.lines:
        stripped = line.text.lstrip()
        if not stripped.startswith("[") or not _ENTRY.match(stripped):
            continue
        base = line.start + len(line.text) - len(stripped)
        entries = list(_ENTRY.finditer(stripped))
        table: dict[int, tuple[int, int]] = {}
        for index, entry in enumerate(entries):
            end = entries[index + 1].start() if index + 1 < len(entries) else len(stripped)
            table[int(entry.group(1))] = (base + entry.start(), base + end)
        out[line.start] = table
    return out


@rule(
    code="NL103",
    name="citation-marker",
    category="citation_marker",
    severity="warning",
    bad="The allies offered guarantees short of full membership[1][2].",
    good="The allies offered guarantees short of full membership, Reuters reported.",
)
def citation_marker(doc, options) -> Iterator[Finding]:
    """Numbered citation markers in news prose, markers with no reference, references never cited.

    "[1][2]" after a sentence is how chat assistants and encyclopedias cite; a news story
    names its source in the sentence ("Reuters reported"). Markers pasted into an article
    are residue, and often point at a reference list that was lost or never existed, or the
    list keeps entries that nothing in the text cites. Editorial brackets ("[sic]", "[the
    president]", "[laughs]") hold no number and are never reported.
    """
    text = doc.text
    # nothing to look at: without "[" and "【" only a "citeturn" marker can be found
    if "[" not in text and "【" not in text and "citeturn" not in text:
        return
    references = _reference_lines(doc)
    entries: dict[int, tuple[int, int]] = {}
    for table in references.values():
        for number, span in table.items():
            entries.setdefault(number, span)
    cited: set[int] = set()
    for match in _MARKER_RUN.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if line_start in references:
            continue
        before = text[line_start:match.start()].strip()
        if not before or not re.search(r"[A-Za-z]", before):
            continue  # a numbered list item, not a marker in prose
        numbers = _marker_numbers(match.group())
        cited |= numbers
        missing = sorted(n for n in numbers if n not in entries)
        marker = match.group()
        if not entries:
            note = "and the article has no reference list"
        elif missing:
            note = "and " + ", ".join(f"[{n}]" for n in missing) + " has no reference entry"
        else:
            note = "name the source in the sentence instead"
        yield Finding(match.start(), match.end(),
                      f"numbered citation marker “{marker}” in news prose: {note}")
    chat = _CHAT_MARKER.finditer(text) if any(h in text for h in _CHAT_HINTS) else ()
    for match in chat:
        yield Finding(match.start(), match.end(),
                      f"chat-assistant citation marker “{_clip(match.group(), 40)}” in the "
                      "text")
    if not entries:
        return
    placeholders = placeholder_spans(doc)
    for line_start, table in references.items():
        uncited = [(n, span) for n, span in table.items() if n not in cited
                   and not any(s < span[1] and e > span[0] for s, e in placeholders)]
        if not uncited:
            continue
        if not cited:
            first, last = uncited[0][1][0], uncited[-1][1][1]
            yield Finding(first, len(text[:last].rstrip()),
                          "reference list that nothing in the text cites")
            continue
        for number, (start, end) in uncited:
            end = len(text[:end].rstrip())
            yield Finding(start, end, f"reference [{number}] is never cited in the text")


# == NL104 vague source =========================================================================
_VAGUE_PHRASE = re.compile(r"(?:" + words("vague_phrases") + r")(?![\w-])")
_CLAUSE_SUBJECTS = tuple(vocabulary()["vague_clause_subjects"])
#: the words that may come between a vague subject and what it does ("experts have warned")
_CLAUSE_MIDDLE_WORDS = (
    "are were have had been also now all already generally widely increasingly making "
    "offering issuing voicing various varied different many several some mixed bold dire "
    "gloomy grim similar").split()
_VAGUE_CLAUSE = re.compile(
    r"(?:" + words("vague_clause_subjects") + r")(?!\s(?:at|from|with|in|on|of|who|"
    r"including|such|like|for|to)\b)(?:\s(?:" + "|".join(_CLAUSE_MIDDLE_WORDS) + r"))+\s(?:"
    + words("vague_clause_words") + r")(?![\w-])")


# Words too common in news copy to anchor a phrase search on (most common first).
_COMMON_WORDS = ("that", "to", "said", "is", "was", "says", "say", "been", "has", "have", "are",
                 "were", "people", "agree", "show", "told", "warn", "argue", "propose")


def _space_anchors(phrases: list[str]
                   ) -> tuple[LazyRegex, dict[str, tuple[tuple[int, tuple[str, ...]], ...]],
                              tuple[str, ...]]:
    """Anchors for finding where the phrases can occur without trying every position.

    Every phrase of several words gets one of its later words with the space before it
    (" believed" for "it is believed"), a rare one where it can; no anchor is the start of
    another, so at most one matches at any place. The anchors are found by one regex that
    opens with a literal space (the engine skips from space to space); each anchor found
    gives the places where its phrases would start. One-word phrases are found with str.find.
    Returns (anchor regex, anchor -> ((offset of the anchor in its phrases, what those
    phrases hold before it), ...), one-word phrases).
    """
    rank = {word: len(_COMMON_WORDS) - at for at, word in enumerate(_COMMON_WORDS)}
    chosen: dict[str, str] = {}
    single: list[str] = []
    for phrase in sorted(set(phrases)):
        later = [word for word in phrase.split(" ")[1:] if word]
        if not later:
            single.append(phrase)
            continue
        word = min(later, key=lambda w: (rank.get(w, 0), -len(w)))
        chosen[phrase] = " " + word
    anchors: list[str] = []
    for anchor in sorted(set(chosen.values()), key=len):
        if not any(anchor.startswith(shorter) for shorter in anchors):
            anchors.append(anchor)
    heads: dict[str, dict[int, set[str]]] = {}
    for phrase, anchor in chosen.items():
        anchor = next(a for a in anchors if anchor.startswith(a))
        offset = phrase.index(anchor)
        heads.setdefault(anchor, {}).setdefault(offset, set()).add(phrase[:offset])
    # Each anchor is followed by look-behinds for what its phrases hold before it ("is said",
    # "sources said"), so the regex reports only places where a phrase may really start.
    by_letter: dict[str, list[str]] = {}
    for anchor in sorted(heads):
        behind = sorted({head + anchor for by in heads[anchor].values() for head in by})
        by_letter.setdefault(anchor[1], []).append(
            re.escape(anchor[2:]) + "(?:" + "|".join(f"(?<={re.escape(text)})" for text in behind)
            + ")")
    # compiled on first use: it costs start-up time, and many runs never search for these
    regex = lazy_regex(" (?:" + "|".join(re.escape(letter) + "(?:" + "|".join(branches) + ")"
                                         for letter, branches in by_letter.items()) + ")")
    # anchor -> ((offset, the words its phrases have before it at that offset), ...)
    table = {anchor: tuple((offset, tuple(sorted(found))) for offset, found in sorted(by.items()))
             for anchor, by in heads.items()}
    return regex, table, tuple(single)


_VAGUE_ANCHOR, _VAGUE_ANCHOR_HEADS, _VAGUE_SINGLE_WORDS = _space_anchors(
    vocabulary()["vague_phrases"])
#: the one-word phrases grouped by a piece they hold ("edly"): one find for all of them
_VAGUE_SINGLE_PIECES = _hint_anchors(_VAGUE_SINGLE_WORDS, ("edly",))


def _vague_phrase_matches(low: str, start: int, end: int) -> list[re.Match]:
    """What `_VAGUE_PHRASE.finditer(low, start, end)` finds, tried only where a phrase can
    start: a phrase holds its anchor at a known offset, after known words, or is a one-word
    phrase."""
    places: set[int] = set()
    for anchor in _VAGUE_ANCHOR.finditer(low, start, end):
        at = anchor.start()
        for offset, heads in _VAGUE_ANCHOR_HEADS[low[at:anchor.end()]]:
            if at - offset >= start and low.startswith(heads, at - offset):
                places.add(at - offset)
    for piece, singles in _VAGUE_SINGLE_PIECES:
        for at in _find_all(low, piece, start, end):
            for phrase, offset in singles:
                if at - offset >= start and low.startswith(phrase, at - offset, end):
                    places.add(at - offset)
    return list(matches_at(_VAGUE_PHRASE, low, sorted(places), end))


def vague_spans(low: str, start: int = 0, end: int | None = None, with_clauses: bool = True
                ) -> list[tuple[int, int]]:
    """Spans of anonymous attributions ("experts say", "it is believed") in low[start:end]
    (`with_clauses`: False when the caller knows no vague clause starts a word there)."""
    end = len(low) if end is None else end
    spans = [m.span() for m in _vague_phrase_matches(low, start, end)
             if m.start() == start or not (low[m.start() - 1].isalnum()
                                          or low[m.start() - 1] == "-")]
    clauses = list(_clause_matches(low, start, end)) if with_clauses else []
    if clauses:
        for match in clauses:
            if match.start() == start or not low[match.start() - 1].isalnum():
                if not any(s <= match.start() < e for s, e in spans):
                    spans.append(match.span())
        spans.sort()
    return spans


def _clause_matches(low: str, start: int, end: int) -> Iterator[re.Match]:
    """What `_VAGUE_CLAUSE.finditer(low, start, end)` finds, tried only where a subject
    ("experts", ...) occurs: a match starts with one, and most of the text has none."""
    places: list[int] = []
    find, add = low.find, places.append
    for subject in _CLAUSE_SUBJECTS:  # a plain loop: most subjects are not there at all
        at = find(subject, start, end)
        while at != -1:
            add(at)
            at = find(subject, at + 1, end)
    if not places:
        return iter(())
    return matches_at(_VAGUE_CLAUSE, low, sorted(set(places)), end)


#: every vague clause that starts a word opens with a subject, white space and a middle word
#: followed by white space: in `word_bytes` form, one of these phrases at a word start
_CLAUSE_GATE_PHRASES = tuple(f"{subject} {middle}" for subject in _CLAUSE_SUBJECTS
                             for middle in _CLAUSE_MIDDLE_WORDS)
# (the phrases, not the subjects alone: a subject is in most articles, and every place the
# shared scan reports is a place where each rule using it tries its own gate)
share_word_gate(_CLAUSE_GATE_PHRASES)
# the same phrases as one product (a subject, a space, a middle word: all of a-z, so each is
# its own `word_bytes` form), far cheaper to compile than their trie
_CLAUSE_GATE = lazy_regex(lambda: (
    " (?:" + "|".join(_CLAUSE_SUBJECTS) + ") (?:" + "|".join(_CLAUSE_MIDDLE_WORDS)
    + ")(?![a-z0-9_])").encode("ascii"))


def document_vague_spans(doc, low: str) -> list[tuple[int, int]]:
    """`vague_spans(low)` for the whole text, the search for vague clauses (one search per
    subject) skipped when the shared word gate shows that none starts a word
    (`_gate_rules_out`): a clause kept by `vague_spans` starts a word, and its middle word
    is followed by white space (more middle words or the final word), which `word_bytes`
    holds as a space, so `_CLAUSE_GATE` matches where the clause starts."""
    return vague_spans(low, with_clauses=not _gate_rules_out(doc, low, _CLAUSE_GATE))


# "sources said" is anonymous only when nothing describes the sources.
_DESCRIBED_BEFORE = re.compile(r"[A-Za-z][\w-]*\s+$")
_UNDESCRIBED = frozenset("some several two three four many unnamed anonymous other the and but "
                         "as while which that according to of by".split())


@rule(
    code="NL104",
    name="vague-source",
    category="vague_source",
    severity="info",
    bad="Experts say the deal could collapse, and it is believed talks will resume.",
    good="Two diplomats involved in the talks said the deal could collapse.",
)
def vague_source(doc, options) -> Iterator[Finding]:
    """Anonymous or weasel attribution: "experts say", "it is believed", "reportedly".

    These phrases borrow the authority of a source without naming one, so the reader cannot
    judge it and the editor cannot check it. Sometimes anonymity is justified: then the
    story should say why and describe the source ("two officials involved in the talks").
    Reported as info because a human must judge whether the attribution is good enough.
    """
    text, low = doc.text, lowered(doc)
    for start, end in document_vague_spans(doc, low):
        if low.startswith(("sources", "a source"), start):
            before = _DESCRIBED_BEFORE.search(text, max(0, start - 25), start)
            previous = before.group().strip().lower() if before else ""
            if previous and previous not in _UNDESCRIBED:
                continue  # "government sources said", "Kremlin sources told"
        yield Finding(start, end, f"vague attribution “{text[start:end]}”: name or describe "
                                  "the source")


# == NL105 unattributed quote ===================================================================
_QUOTE_MARKS = re.compile(r"[\"“”«»„]")
_DOUBLED_QUOTES = ("’’", "''")  # closing marks typed as two apostrophes
_DOUBLED_QUOTE_BYTES = tuple((mark, mark.encode("utf-8")) for mark in _DOUBLED_QUOTES)


_QUOTE_CHARACTERS = "\"“”«»„"  # what _QUOTE_MARKS matches, found one by one with str.find


def quote_marks(text: str, encoded: bytes | None = None) -> list[tuple[int, int]]:
    """Spans of quotation marks in order (a doubled apostrophe is one two-character mark).

    `encoded`, the text in UTF-8 when the caller has it, spares a slow search: the bytes of
    "’’" are found there twice as fast as the two characters in the text."""
    spans = []
    for mark in _QUOTE_CHARACTERS:
        at = text.find(mark)
        while at != -1:
            spans.append((at, at + 1))
            at = text.find(mark, at + 1)
    for doubled, doubled_bytes in _DOUBLED_QUOTE_BYTES:
        if doubled[0] not in text or (encoded is not None and doubled_bytes not in encoded):
            continue  # one-character test first (most texts have no "'"), then the bytes
        at = text.find(doubled)
        while at != -1:
            spans.append((at, at + 2))
            at = text.find(doubled, at + 2)
    spans.sort()
    return spans
_SAYING = re.compile(
    r"(?<![\w-])(?:" + words("attribution_verbs") + "|" + words("quote_verbs") + r")(?![\w-])")
_SPEAKER_COLON = re.compile(r"(?:^|[.!?]\s+)[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}\s?:\s*$")
_WORD = re.compile(r"[A-Za-z0-9’'-]+")


def _attributed(low_context: str) -> bool:
    """An attribution verb that is not an agentless passive ("it was noted that")."""
    for match in _SAYING.finditer(low_context):
        before = low_context[max(0, match.start() - 20):match.start()].split()
        previous = before[-1] if before else ""
        if previous in _PASSIVE_BEFORE and not low_context.startswith(" by ", match.end()):
            continue
        return True
    return False


def _neighbours_attribute(doc, para, low: str, reach: int = 6) -> bool:
    """A neighbouring paragraph of the same quote run names the speaker.

    Quotes run over several paragraphs, each opening with a quotation mark, and the speaker
    is named once: in the paragraph that opens the run, or in one of the run. We walk back
    and forth through paragraphs that open with a quotation mark (and the first one that
    does not) looking for an attribution.
    """
    paragraphs = doc.paragraphs
    index = bisect_right([p.start for p in paragraphs], para.start) - 1
    for step in (-1, 1):
        at = index + step
        for _ in range(reach):
            if not 0 <= at < len(paragraphs):
                break
            other = paragraphs[at]
            if is_heading(other.text):
                break
            if _attributed(low[other.start:other.end]):
                return True
            opens_quote = other.text[:1] in "\"“”«„"
            if not opens_quote and (step == 1 or len(_QUOTE_MARKS.findall(other.text)) % 2 == 0):
                break
            at += step
    return False


def _is_title(words_: list[str]) -> bool:
    """A quoted title ("The Lord of the Rings"): every long word capitalised."""
    long_words = [w for w in words_ if len(w) > 3]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


@rule(
    code="NL105",
    name="unattributed-quote",
    category="unattributed_quote",
    severity="warning",
    bad="It was noted that “The notion of guarantees has become critical to any peace.”",
    good="“The notion of guarantees has become critical to any peace,” the envoy said.",
    options={"min_words": 5},
)
def unattributed_quote(doc, options) -> Iterator[Finding]:
    """A direct quotation of several words whose paragraph or quote run names no speaker.

    Quotation marks promise the reader that someone said exactly these words. A quote with
    no speaker cannot be checked, and in generated or rewritten copy it is often a sentence
    lifted from another article. The speaker may be named anywhere in the quote's paragraph
    (outside the quotation marks), in a colon or comma introduction, or in a neighbouring
    paragraph of the same run of quotes. Agentless forms ("it was noted that") do not name
    a speaker; quoted titles, pull quotes, partial quotes woven into a sentence and scare
    quotes of fewer than five words are left alone.
    """
    text = doc.text
    all_marks = quote_marks(text, utf8_bytes(doc))
    if len(all_marks) < 2:
        return
    low = lowered(doc)
    min_words = int(options.get("min_words", 5))
    paragraphs = doc.paragraphs
    by_paragraph: dict[int, list[tuple[int, int]]] = {}
    starts = [p.start for p in paragraphs]
    for span in all_marks:
        index = bisect_right(starts, span[0]) - 1
        if index >= 0:
            by_paragraph.setdefault(index, []).append(span)
    for index, spans in by_paragraph.items():
        para = paragraphs[index]
        if len(spans) < 2 or len(spans) % 2:
            continue  # no quote, or unbalanced (another rule reports those)
        if is_heading(para.text.strip("\"“”«»„ ")):
            continue  # a headline, subhead or pull quote
        marks = [start for start, _ in spans]
        # a closing mark may be two characters (’’): pair each opening with its closing end
        ends = [end - 1 for _, end in spans]
        pairs = list(zip(marks[0::2], ends[1::2]))
        suspects = []
        for open_at, close_at in pairs:
            inner = text[open_at + 1:close_at].rstrip("’'")
            if inner.lstrip()[:1].islower():
                continue  # a partial quote woven into a sentence whose subject is the speaker
            found = _WORD.findall(inner)
            if len(found) < min_words or _is_title(found):
                continue
            if text[para.start:open_at].rstrip().endswith((":", ",")) and \
                    len(text[para.start:open_at].split()) >= 2:
                continue  # introduced by the sentence before it: "Sunak said: “…”"
            suspects.append((open_at, close_at, inner))
        if not suspects:
            continue
        # the speaker of a quote is named in its paragraph, outside the quotation marks, or
        # at the edge of a neighbouring paragraph (a quote run, "He said:" above it)
        pieces, last = [], para.start
        for open_at, close_at in pairs:
            pieces.append(low[last:open_at])
            last = close_at + 1
        pieces.append(low[last:para.end])
        if _attributed(" ¶ ".join(pieces)) or _SPEAKER_COLON.search(text[para.start:marks[0]]):
            continue
        if _neighbours_attribute(doc, para, low):
            continue
        for open_at, close_at, inner in suspects:
            yield Finding(open_at, close_at + 1,
                          f"quotation “{_clip(inner, 50)}” has no speaker: say who said it")
