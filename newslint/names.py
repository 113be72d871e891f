"""Name mentions and spelling variants: the shared machinery of the consistency rules.

A *name mention* is a capitalised word that the document itself shows to be a name: it is
capitalised at least once where capitals are not automatic (mid-sentence, outside a title-case
heading). Possessives ("Zelensky’s") are cut off, the capitalised parts of hyphenated words
("anti-Zelensky") are names of their own, and diacritics are kept in the form but folded away
when forms are compared.

Two forms are *variants* when they differ the way transliterations and slips do: a strong
variant folds to the same key once transliteration habits are evened out (y/i/j, kh/h, wh/w,
ts/tz/c/k, ck/k, ph/f, w/v, doubled letters, -iy/-yy/-y endings, diacritics); a weak variant
differs by one inner vowel (two in long names) or one dropped inner letter. Endings that make
another word (Russia/Russian, Iraq/Iraqi) and consonant swaps (Iran/Iraq) never count.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import eq, is_not, not_
from pathlib import Path
from struct import Struct, calcsize, pack
from typing import Callable, Iterable, Iterator, NamedTuple

from .document import utf8_bytes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "Mention", "mentions", "cached_mentions", "name_facts", "name_places", "name_words",
    "NameTable", "name_table", "fold", "normal_key", "skeleton", "variant_kind", "proper_nouns",
    "TITLES", "lower_case_words", "asked_lower_words", "may_contain_word",
]

# Upper-case letters of the Latin blocks, built once (Python's re has no \p{Lu}).
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x250)) if ch.isupper() and ch.isalpha())
_LOWER_LETTER = r"[^\W\d_]"
#: Before a word, these make its capital automatic: sentence punctuation, quotation marks,
#: brackets, dashes, bars (spaces and emphasis marks are skipped over on the way), and list
#: markers or numbers alone at the start of a line.
_SENTENCE_MARKS = frozenset(".!?:;…|•”\"’»)]—–\n“‘«([")
_SKIPPED = frozenset(" \t*_\u00a0")
_BULLETS = " \t>|#*•·▪►+-–—0123456789.)“\"‘«([_"
#: Particles inside a name ("Ursula von der Leyen"), and the ones that may follow them.
_PARTICLES = """von van der den de da di du del della la le bin ibn al el ben dos das ter
ten""".split()
_SECOND_PARTICLES = ("der", "den", "la", "de")
#: Gaps that keep capitalised words in one name ("Jean-Noël", "Ursula von der Leyen"), after
#: the possessive of the word before if any ("Kyiv’s Andriy Yermak"): every one of them, so
#: that a set look-up tells (a no-break space alone does not join).
_JOINING_GAPS = frozenset(
    possessive + gap
    for possessive in ("", "'", "’", "'s", "’s")
    for gap in (" ", "-", *(f" {p} " for p in _PARTICLES),
                *(f" {p} {q} " for p in _PARTICLES for q in _SECOND_PARTICLES)))
#: Any other character before "<space>Capital" leaves the capital unexplained (mid-sentence).
_SPECIAL_BEFORE = _SENTENCE_MARKS | _SKIPPED | frozenset(_BULLETS)


def _char_class(chars) -> str:
    """The inside of a regex character class holding exactly `chars`."""
    return "".join("\\" + ch if ch in "\\]^-[" else ch for ch in sorted(chars))


#: A capitalised word ("O’Brien" keeps its apostrophe; a possessive is left in the text after
#: it), for re.split: the pieces are (text before, word, "" when its capital is surely
#: automatic: just after sentence punctuation or one space after it, "" when that needs a
#: closer look); neither empty piece stands where the capital is surely not automatic (a
#: space after an ordinary character). The character class comes first so that the regex
#: engine can skip ahead.
_TOKEN_PIECES = re.compile(
    rf"([{_UPPER}](?<![\w’'@#/.].)"
    rf"(?:(?<=[^{_char_class(_SPECIAL_BEFORE)}] .)"
    rf"|(?:(?<=[{_char_class(_SENTENCE_MARKS)}].)"
    rf"|(?<=[{_char_class(_SENTENCE_MARKS)}][{_char_class(_SKIPPED)}].))()|())"
    rf"{_LOWER_LETTER}*(?:['’][{_UPPER}]{_LOWER_LETTER}*)*)"
)
_FUNCTION = frozenset("""a an and as at by for from in of on or the to with vs via""".split())

#: Words before a surname that are titles or descriptions, not first names.
TITLES = frozenset("""
president prime minister ministers secretary chancellor general gen envoy mr mrs ms miss dr
sir dame lord lady king queen prince princess pope senator sen rep representative gov governor
mayor judge justice chief director ceo chairman chairwoman chair spokesman spokeswoman
spokesperson commissioner ambassador leader foreign defence defense deputy vice former state
special colonel col captain capt lieutenant lt sergeant sgt admiral adm commander officer
reverend rev saint st professor prof coach manager premier emir sheikh ayatollah crown
president-elect congressman congresswoman councillor councilor inspector detective minister's
the a an in on at for by with from and but if as when while after before this that these
those his her their our its new old u.s us uk eu un nato house senate mp mep
""".split())


class Mention(NamedTuple):
    """One name mention: the form (no possessive) and its offsets in the document."""

    form: str
    start: int
    end: int
    left: str  # the capitalised word just before it in the same name, or ""
    right: str  # the capitalised word just after it in the same name, or ""
    initial: bool  # where a capital is automatic (sentence start, title-case line)


def _title_lines(doc) -> set[int]:
    """0-based indexes of lines written in title case (headlines, navigation)."""
    out = set()
    for index, (_start, _end, text) in enumerate(doc.lines):
        # (most lines are blank or end a sentence: told before anything is copied)
        if not text or text[-1] in ".!?,;":
            continue
        text = text.rstrip(" \t”’\"»)")
        if not text or text[-1] in ".!?,;" or len(text) > 200:
            continue
        # (a word of split() is never empty; a list comprehension counts faster than a
        # generator summed)
        words = [w for w in text.split() if w[0].isalpha() and w.lower() not in _FUNCTION]
        if len(words) < 2:
            continue
        if len([w for w in words if w[0].isupper()]) * 10 >= len(words) * 6:
            out.add(index)
    return out


def mentions(doc) -> list[Mention]:
    """Every mention of a name the document capitalises mid-sentence at least once."""
    forms, starts, ends, automatics, joins, evidence = _tokens(doc)
    forms = [*forms, ""]
    joins = [*joins, False]
    new = tuple.__new__
    return [new(Mention, (form, starts[i], ends[i], forms[i - 1] if joins[i] else "",
                          forms[i + 1] if joins[i + 1] else "", automatics[i]))
            for i, form in enumerate(forms[:-1]) if form in evidence]


def _tokens(doc) -> tuple[list[str], list[int], list[int], list[bool], list[bool], set[str]]:
    """Every capitalised word in order, as parallel lists.

    (forms, starts, form ends, capital automatic here, joined to the word before in one
    name) and the forms capitalised at least once where capitals are not automatic (never
    acronyms or lone capitals: these stand in the lists, but are no evidence). The
    work is done by one re.split and by list operations that run in C; Python code runs
    only for the few words whose capital needs a closer look.
    """
    text = doc.text
    pieces = _TOKEN_PIECES.split(text)
    if len(pieces) == 1:
        return [], [], [], [], [], set()
    forms = pieces[1::4]
    automatic = list(map(is_not, pieces[2::4], repeat(None)))
    unclear = pieces[3::4]
    # a word joins the one before when only a space, a hyphen or a particle stands between
    joins = [False, *map(_JOINING_GAPS.__contains__, pieces[4:-1:4])]
    del pieces[2::4]  # (text before, word) for each word: their lengths give the offsets
    del pieces[2::3]
    offsets = list(accumulate(map(len, pieces)))
    starts = offsets[0:-1:2]  # (the last offset is the end of the text)
    unclear_count = unclear.count("")
    if unclear_count:  # decided by looking further back (list.index finds each in C)
        marks, skipped = _SENTENCE_MARKS, _SKIPPED
        index = -1
        for _ in range(unclear_count):
            index = unclear.index("", index + 1)
            automatic[index] = _automatic_capital(text, starts[index], marks, skipped)
    acronyms = list(map(str.isupper, forms))  # (a lone capital is one too)
    if True in acronyms:
        # not a name: never evidence, and the words on either side are not joined by it
        last = len(forms) - 1
        for index in compress(range(len(forms)), acronyms):
            automatic[index] = True
            joins[index] = False
            if index < last:
                joins[index + 1] = False
    titles = _title_lines(doc)
    if titles:  # capitals are automatic in a title-case line
        line_starts = doc.line_starts
        for line in titles:
            first = bisect_left(starts, line_starts[line])
            last = (bisect_left(starts, line_starts[line + 1]) if line + 1 < len(line_starts)
                    else len(starts))
            automatic[first:last] = [True] * (last - first)
    evidence = set(compress(forms, map(not_, automatic)))
    return forms, starts, offsets[1::2], automatic, joins, evidence


#: "the " in any mix of cases (only these letters lower-case to t, h and e).
_THE = tuple(f"{t}{h}{e} " for t in "tT" for h in "hH" for e in "eE")
_THE_SET = frozenset(_THE)


class NameTable(NamedTuple):
    """A document's name mentions summed up, computed once for every rule that needs them.

    `counts`: form -> mentions, in the order of first mention. `forms` and `starts`: every
    mention, in order. `left` and `right`: form -> the capitalised words just before and
    just after it in the same name. `standalone`: form -> [times, start of the first] for
    mentions where the capital is not automatic, no other capitalised word of the same name
    stands next to it, and "the" does not come just before ("the Alliance": a common noun
    given a capital), in the order of the first such mention.
    """

    counts: dict[str, int]
    forms: list[str]
    starts: list[int]
    left: dict[str, set[str]]
    right: dict[str, set[str]]
    standalone: dict[str, list[int]]


def name_table(doc) -> NameTable:
    """The document's `NameTable`, computed once per document."""
    found = doc.__dict__.get("_newslint_name_table")
    if found is not None:
        return found
    forms, starts, _ends, automatics, joins, evidence = _tokens(doc)
    size = len(forms)
    mentioned = list(compress(range(size), map(evidence.__contains__, forms)))
    mention_forms = list(map(forms.__getitem__, mentioned))
    counts = Counter(mention_forms)  # (counted in C, in the order of first mention)
    # words of one name: each pair of joined words where either is a mention
    left: dict[str, set[str]] = {}
    right: dict[str, set[str]] = {}
    next_to_another: set[int] = set()
    for index in compress(range(size), joins):
        before, after = forms[index - 1], forms[index]
        next_to_another.add(index)
        next_to_another.add(index - 1)
        if after in evidence:
            if after in left:
                left[after].add(before)
            else:
                left[after] = {before}
        if before in evidence:
            if before in right:
                right[before].add(after)
            else:
                right[before] = {after}
    standalone: dict[str, list[int]] = {}
    text = doc.text
    for index in compress(range(size), map(not_, automatics)):
        if index in next_to_another:
            continue
        start = starts[index]
        if text[start - 4:start] in _THE_SET and start >= 4:  # (a slice and a set: cheaper
            continue  # than startswith with eight prefixes)
        form = forms[index]
        counted = standalone.get(form)
        if counted is None:
            standalone[form] = [1, start]
        else:
            counted[0] += 1
    found = doc.__dict__["_newslint_name_table"] = NameTable(
        counts, mention_forms, list(map(starts.__getitem__, mentioned)), left, right,
        standalone)
    return found


def _automatic_capital(text: str, start: int, marks, skipped) -> bool:
    """Is a capital at `start` automatic (after sentence punctuation, or opening a line)?"""
    before = start - 1
    while before >= 0 and text[before] in skipped:
        before -= 1
    if before < 0 or text[before] in marks:
        return True
    if text[before] in _BULLETS:  # "- The", "2. The" at the start of a line
        line_start = text.rfind("\n", 0, before) + 1
        return not text[line_start:before + 1].strip(_BULLETS)
    return False


def cached_mentions(doc) -> list[Mention]:
    """`mentions(doc)`, computed once per document for every rule that needs it."""
    found = doc.__dict__.get("_newslint_mentions")
    if found is None:
        found = doc.__dict__["_newslint_mentions"] = mentions(doc)
    return found


def name_facts(doc, keep: int = 12) -> tuple:
    """Compact, picklable facts about a document's names, for a corpus pass.

    Built to be cheap to make, to pickle, to unpickle and to sum up in the parent process:
    flat tuples of strings and one bytes object, no nested containers, or () when the
    document has no name:

    * forms: each form, in the order of first mention (forms shorter than three letters
      included, for the places: the corpus pass passes over them);
    * lower: the forms also written in lower case in this document (an ordinary word given
      a capital; looked up only for forms of five letters or more used at most three times);
    * left, right: (form, the capitalised words just before / after it in the same name,
      joined by NUL: at most six, the first six in sorted order when there are more) pairs,
      flattened, for the forms of three letters or more that have such words;
    * places: numbers packed by `struct`: a code ("H", "I" or "Q", the narrowest that holds
      them), then little-endian `keep`, the number of lines up to the last mention, the
      offsets where those lines start, and the start of each mention in order. A mention
      ends `len(form)` after its start;
    * indexes: the index in forms of each mention's form, one byte each (a tuple of numbers
      for a text of more than 256 forms).

    `name_places` reads the places back. (Nothing here loops in Python over the mentions.)
    """
    table = name_table(doc)
    counts = table.counts
    if not counts:
        return ()
    forms = tuple(counts)
    starts = table.starts
    # the lines that hold a mention: their starts (a line is found in the corpus pass, for
    # the few mentions it reads)
    line_starts = doc.line_starts
    line_starts = line_starts[:bisect_right(line_starts, starts[-1])]
    # (no line start, and no count of lines, exceeds the last start plus one)
    largest = max(starts[-1] + 1, keep)
    code = "H" if largest < 0x10000 else "I" if largest < 0x100000000 else "Q"
    places = code.encode() + pack(f"<{2 + len(line_starts) + len(starts)}{code}", keep,
                                  len(line_starts), *line_starts, *starts)
    indexes = map(dict(zip(forms, range(len(forms)))).__getitem__, table.forms)
    indexes = bytes(indexes) if len(forms) <= 256 else tuple(indexes)
    # (only rare forms are looked up in lower case: a rare spelling is what gets reported)
    lower = ()
    rare = [form for form, count in counts.items() if count <= 3 and len(form) >= 5]
    if rare:
        words = list(map(str.lower, rare))
        # a lower-case ASCII word that is no `asked_lower_words` word is surely not in the text
        present = asked_lower_words(doc)[0]
        joined = "".join(words)
        if joined.isascii() and joined.isalpha():  # (every word is: told at once)
            asked = [index for index, word in enumerate(words) if word in present] \
                if present else ()
        else:
            asked = [index for index, word in enumerate(words)
                     if word in present or not (word.isascii() and word.isalpha())]
        if asked:
            text = doc.text
            lower = tuple(rare[index] for index in asked
                          if words[index] in text and _in_lower_case(doc, text, words[index]))
    return forms, lower, _name_words(table.left), _name_words(table.right), places, indexes


def _name_words(words_by_form: dict[str, set[str]]) -> tuple[str, ...]:
    """(form, its words joined by NUL, ...) for forms of three letters or more: at most six
    words, the first six in sorted order when there are more."""
    out: list[str] = []
    append = out.append  # (a plain loop: cheaper than a generator of pairs)
    for form, words in words_by_form.items():
        if len(form) >= 3:
            append(form)
            append("\0".join(words) if len(words) <= 6 else "\0".join(sorted(words)[:6]))
    return tuple(out)


def name_places(facts: tuple, wanted) -> dict[str, tuple]:
    """The forms of `name_facts` that are in `wanted`, in order of first mention, as
    form -> (mentions, ((start, end, line, column), ...) of the first `keep` mentions (the
    first one at least), left words, right words, also in lower case). Only the first
    occurrence keeps its column (the one a message points to); the others get 0.
    """
    forms, lower, left, right, places, indexes = facts
    code, width, number, header = _number_formats(places[0])
    keep, lines = header(places, 1)
    keep = max(keep, 1)
    line_starts = None  # (unpacked when a wanted form is found)
    first_start = 1 + width * (2 + lines)  # (where the mentions' starts begin)
    left_forms, right_forms = left[::2], right[::2]
    out = {}
    for index in compress(range(len(forms)), map(wanted.__contains__, forms)):
        form = forms[index]
        if isinstance(indexes, bytes):  # (bytes.count and bytes.find run in C)
            count = indexes.count(index)
            kept = [indexes.find(index)]
            while len(kept) < min(count, keep):
                kept.append(indexes.find(index, kept[-1] + 1))
        else:
            kept = list(compress(range(len(indexes)), map(eq, indexes, repeat(index))))
            count = len(kept)
        if line_starts is None:
            line_starts = _numbers(lines, code)(places, 1 + 2 * width)
        found = [number(places, first_start + width * at)[0] for at in kept[:keep]]
        length = len(form)
        occurrences = [(start, start + length, bisect_right(line_starts, start), 0)
                       for start in found]
        start, end, line, _column = occurrences[0]
        occurrences[0] = (start, end, line, start - line_starts[line - 1] + 1)
        out[form] = (count, tuple(occurrences),
                     name_words(left[2 * left_forms.index(form) + 1])
                     if form in left_forms else (),
                     name_words(right[2 * right_forms.index(form) + 1])
                     if form in right_forms else (),
                     form in lower)
    return out


@lru_cache(maxsize=None)
def _number_formats(code: int) -> tuple[str, int, Callable, Callable]:
    """For the code byte of packed places: (the struct code, its width, unpack_from for one
    number, unpack_from for two), made once per code."""
    letter = chr(code)
    return (letter, calcsize("<" + letter), Struct("<" + letter).unpack_from,
            Struct(f"<2{letter}").unpack_from)


@lru_cache(maxsize=1024)
def _numbers(count: int, code: str) -> Callable:
    """unpack_from for `count` numbers of struct code `code`, made once per size."""
    return Struct(f"<{count}{code}").unpack_from


def name_words(joined: str | None) -> tuple[str, ...]:
    """The words of a left or right entry of `name_facts` (None: no words)."""
    return tuple(joined.split("\0")) if joined else ()


#: Keeps ASCII lower-case letters of UTF-8 bytes, turns ASCII capitals into "#" (so that
#: "Hospital" stays one piece, "#ospital") and every other byte into a space.
_KEEP_ASCII_LOWER = bytes(b if 97 <= b <= 122 else 35 if 65 <= b <= 90 else 32
                          for b in range(256))


def _ascii_lower_byte_runs(doc) -> list[bytes]:
    """The runs of `lower_case_words` as ASCII bytes, in order and repeated
    (bytes.translate and split: splitting bytes is cheaper than decoding and splitting)."""
    return utf8_bytes(doc).translate(_KEEP_ASCII_LOWER).split()


def _ascii_lower_runs(doc) -> list[str]:
    """The runs of `lower_case_words`, in order and repeated."""
    return [run.decode("ascii") for run in _ascii_lower_byte_runs(doc)]


def lower_case_words(doc) -> frozenset[str]:
    """The text's words in lower-case ASCII letters, computed once per document.

    A quick "no" for word searches: a lower-case ASCII word that stands between non-letters
    (or non-alphanumerics) anywhere in the text is one of these, so a word missing here
    needs no scan of the text (bytes.translate and split run in C). The set also holds
    pieces of other words: runs joined to a capital (they contain "#"), and runs cut off by
    digits or by letters outside ASCII. The rules ask `asked_lower_words` instead, which
    is cheaper to build.
    """
    found = doc.__dict__.get("_newslint_lower_words")
    if found is None:
        found = doc.__dict__["_newslint_lower_words"] = frozenset(_ascii_lower_runs(doc))
    return found


@lru_cache(maxsize=1)
def _ascii_proper_nouns() -> frozenset[str]:
    known = proper_nouns()
    return frozenset(word for word in known["places"] | known["peoples"]
                     if word.isascii() and word.isalpha() and word.islower())


@lru_cache(maxsize=1)
def _ascii_proper_noun_bytes() -> frozenset[bytes]:
    return frozenset(word.encode("ascii") for word in _ascii_proper_nouns())


def asked_lower_words(doc) -> tuple[frozenset[str], set[str]]:
    """(the asked words that are `lower_case_words`, the document's names in lower case),
    once per document.

    The rules ask only about countries and peoples (`proper_nouns`) and about the document's
    own names in lower case; these are the asked words. Keeping just them, rather than
    building the set of every word, halves the work (most words are never looked up). The
    runs stay bytes: each list of words is intersected with the two sets of asked words in
    turn (a run's hash is computed once, by the first), which is cheaper than making their
    union for every document.
    """
    found = doc.__dict__.get("_newslint_asked_words")
    if found is None:
        names = set(map(str.lower, name_table(doc).counts))
        runs = _ascii_lower_byte_runs(doc)
        present = _ascii_proper_noun_bytes().intersection(runs)
        if names:
            present |= set(map(_utf8_bytes, names)).intersection(runs)
        found = doc.__dict__["_newslint_asked_words"] = (
            frozenset([run.decode("ascii") for run in present]), names)
    return found


def _utf8_bytes(word: str) -> bytes:
    return word.encode("utf-8", "surrogatepass")


def may_contain_word(doc, word: str) -> bool:
    """False only when `word` surely does not stand as a whole word in the text."""
    if word.isascii() and word.isalpha() and word.islower():
        present, names = asked_lower_words(doc)
        if word in names or word in _ascii_proper_nouns():
            return word in present
        return word in lower_case_words(doc)
    return True


def _in_lower_case(doc, text: str, word: str) -> bool:
    """Is `word` (lower case) also written as a whole word in the text?"""
    if not may_contain_word(doc, word):
        return False
    find = text.find
    position = find(word)
    size = len(word)
    while position != -1:
        if (not position or not text[position - 1].isalpha()) and not (
                text[position + size:position + size + 1].isalpha()):
            return True
        position = find(word, position + size)
    return False


# -- comparing forms ------------------------------------------------------------------------

_NON_LETTER = re.compile(r"[^a-z]+")
# Transliteration habits, evened out left to right: ch and tch are one sound, ts/tz/cz are
# another (C),
# a hard c, ck and q are k, qu is kv, kh is h, wh and w are v, ph is f, y is i (and j at
# either end).
_CLUSTERS = re.compile(r"tch|ch|kh|wh|ph|ck|tz|ts|cz|qu|c|q|x|w|y|^j|j$")
_CLUSTER_MAP = {"tch": "ch", "ch": "ch", "kh": "h", "wh": "v", "ph": "f", "ck": "k", "tz": "C",
                "ts": "C", "cz": "C", "qu": "kv", "c": "k", "q": "k", "x": "ks", "w": "v", "y": "i",
                "j": "i"}
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = frozenset("aeiou")
_VOWEL_RUN = re.compile(r"(?<=.)[aeiou]+")


@lru_cache(maxsize=65536)
def fold(form: str) -> str:
    """ASCII, lower case, letters only: "Erdoğan’s" -> "erdogans"."""
    if form.isascii():
        ascii_form = form
    else:
        ascii_form = _without_diacritics(form)
        if ascii_form is None:
            from anyascii import anyascii

            ascii_form = anyascii(form)
    return _NON_LETTER.sub("", ascii_form.lower())


def _without_diacritics(form: str) -> str | None:
    """The form with accented Latin letters made plain, or None when a character needs
    anyascii (the same result as anyascii after `fold`'s clean-up, without importing it)."""
    out = []
    for char in form:
        if char.isascii():
            out.append(char)
        else:
            plain = _plain_letter(char)
            if plain is None:
                return None
            out.append(plain)
    return "".join(out)


#: Letters of European names without a Unicode decomposition, as anyascii writes them; and
#: "’", which `fold` drops (as it drops anyascii's "'").
_PLAIN_LETTERS = {
    "Æ": "Ae", "æ": "ae", "Ð": "D", "ð": "d", "Ø": "O", "ø": "o", "Þ": "Th", "þ": "th",
    "ß": "ss", "ẞ": "Ss", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i", "Ł": "L", "ł": "l",
    "Ŋ": "Ng", "ŋ": "ng", "Œ": "Oe", "œ": "oe", "Ŧ": "T", "ŧ": "t", "’": "",
}


@lru_cache(maxsize=4096)
def _plain_letter(char: str) -> str | None:
    """A letter's ASCII base ("ğ" -> "g", "ǅ" -> "Dz") from its Unicode decomposition, or None.

    Only a decomposition into ASCII letters and combining marks counts; for those, anyascii
    gives the same letters (a test compares every such character). European letters that do
    not decompose ("ø", "ł") are listed in `_PLAIN_LETTERS`.
    """
    if char in _PLAIN_LETTERS:
        return _PLAIN_LETTERS[char]
    import unicodedata

    plain = "".join(part for part in unicodedata.normalize("NFKD", char)
                    if not unicodedata.combining(part))
    if plain.isascii() and _NON_LETTER.sub("", plain.lower()):
        return plain
    return None


@lru_cache(maxsize=65536)
def normal_key(form: str) -> str:
    """The folded form with transliteration habits evened out (strong variants share it)."""
    key = _CLUSTERS.sub(_cluster, fold(form))
    return _DOUBLE.sub(r"\1", key)


def _cluster(match: re.Match) -> str:
    found = match.group()
    if found == "c" and match.end() < len(match.string) and match.string[match.end()] in "eiy":
        return "C"
    return _CLUSTER_MAP[found]


@lru_cache(maxsize=65536)
def skeleton(form: str) -> str:
    """Blocking key: the normal key without inner vowels (vowel slips share it)."""
    return _DOUBLE.sub(r"\1", _VOWEL_RUN.sub("", normal_key(form)))


def skeleton_deletions(skel: str) -> Iterator[str]:
    """The skeleton with one inner consonant dropped (to meet "Lavrov"/"Lavov")."""
    for index in range(1, len(skel) - 1):
        yield _DOUBLE.sub(r"\1", skel[:index] + skel[index + 1:])


def variant_kind(a: str, b: str) -> str | None:
    """"diacritics", "strong" or "weak" when two forms look like one name; None otherwise."""
    if a == b:
        return None
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return "diacritics" if a.lower() != b.lower() else None
    if len(fa) < 5 or len(fb) < 5:
        return None
    na, nb = normal_key(a), normal_key(b)
    if na == nb:
        return "strong"
    if min(len(na), len(nb)) < 5 or na[0] != nb[0]:
        return None
    ops = _short_edit_script(na, nb)
    if ops is None:
        return None
    if len(ops) == 2 and min(len(na), len(nb)) < 6:
        return None
    for tag, i, j in ops:
        if tag == "replace":
            if na[i] not in _VOWELS or nb[j] not in _VOWELS:
                return None
            if i == 0 or i >= len(na) - 1 or j >= len(nb) - 1:
                return None  # Maria/Mario: a different ending is a different name
        else:
            if len(ops) > 1:
                return None
            longer, at = (nb, j) if tag == "insert" else (na, i)
            if at == 0 or at >= len(longer) - 2:
                return None  # Russia/Russian, Texas/Texans: a suffix makes another word
    return "weak"


def _short_edit_script(na: str, nb: str) -> list[tuple[str, int, int]] | None:
    """The Levenshtein edit script between two normal keys when it can make a weak variant.

    None when it cannot: more than two edits, or two edits of which one inserts or deletes.
    Normal keys hold no doubled letters, so a single insertion or deletion has one place,
    and two replacements are the only two-edit script unless the two changed letters are
    neighbours; only then is rapidfuzz asked which script it picks.
    """
    size_a, size_b = len(na), len(nb)
    if size_a == size_b:
        changed = [index for index in range(size_a) if na[index] != nb[index]]
        if len(changed) == 1:
            return [("replace", changed[0], changed[0])]
        if len(changed) != 2:
            return None  # three replacements or more, or an insertion and a deletion
        first, second = changed
        if second != first + 1:
            return [("replace", first, first), ("replace", second, second)]
        from rapidfuzz.distance import Levenshtein

        ops = Levenshtein.editops(na, nb)
        return [(op.tag, op.src_pos, op.dest_pos) for op in ops] if len(ops) <= 2 else None
    if abs(size_a - size_b) != 1:
        return None  # two insertions or deletions at least
    longer, shorter = (na, nb) if size_a > size_b else (nb, na)
    at = 0
    while at < len(shorter) and longer[at] == shorter[at]:
        at += 1
    if longer[at + 1:] != shorter[at:]:
        return None
    return [("delete", at, at)] if size_a > size_b else [("insert", at, at)]


# -- vocabulary of places and peoples -------------------------------------------------------

def _data_file(name: str) -> Path:
    from .packs import bundled_pack_dir

    return bundled_pack_dir() / "data" / name


@lru_cache(maxsize=1)
def proper_nouns() -> dict[str, frozenset[str]]:
    """Countries, nationalities and continents (lower case), from rules/data/proper_nouns.toml.

    Keys: "places" (countries, continents, regions), "peoples" (nationalities and their
    adjectives), "ambiguous" (also ordinary words: never reported in lower case).
    """
    try:
        from .warmstart import remember

        text = _data_file("proper_nouns.toml").read_text(encoding="utf-8")
        data = remember("toml", text, lambda: tomllib.loads(text))
    except (OSError, tomllib.TOMLDecodeError):  # pragma: no cover - a broken install
        return {"places": frozenset(), "peoples": frozenset(), "ambiguous": frozenset()}
    out = {}
    for key in ("places", "peoples", "ambiguous"):
        words: Iterable[str] = data.get(key, {}).get("words", [])
        out[key] = frozenset(w.lower() for w in words)
    return out
