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
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "Mention", "mentions", "cached_mentions", "name_facts", "fold", "normal_key", "skeleton",
    "variant_kind", "proper_nouns", "TITLES", "lower_case_words", "may_contain_word",
]

# Upper-case letters of the Latin blocks, built once (Python's re has no \p{Lu}).
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x250)) if ch.isupper() and ch.isalpha())
_LOWER_LETTER = r"[^\W\d_]"
#: A capitalised word ("O’Brien" keeps its apostrophe; a possessive is group 2). The
#: character class comes first so that the regex engine can skip ahead quickly.
_TOKEN = re.compile(
    rf"[{_UPPER}](?<![\w’'@#/.].)({_LOWER_LETTER}*(?:['’][{_UPPER}]{_LOWER_LETTER}*)*)"
    r"(['’]s?(?![\w]))?"
)
#: Before a word, these make its capital automatic: sentence punctuation, quotation marks,
#: brackets, dashes, bars (spaces and emphasis marks are skipped over on the way), and list
#: markers or numbers alone at the start of a line.
_SENTENCE_MARKS = frozenset(".!?:;…|•”\"’»)]—–\n“‘«([")
_SKIPPED = frozenset(" \t*_\u00a0")
_BULLETS = " \t>|#*•·▪►+-–—0123456789.)“\"‘«([_"
#: Gaps that keep capitalised words in one name ("Ursula von der Leyen", "Jean-Noël").
_JOINER = re.compile(r"(?: |-|\u00a0| (?:von|van|der|den|de|da|di|du|del|della|la|le|bin|ibn|"
                     r"al|el|ben|dos|das|ter|ten)(?: (?:der|den|la|de))? )")
#: Any other character before "<space>Capital" leaves the capital unexplained (mid-sentence).
_SPECIAL_BEFORE = _SENTENCE_MARKS | _SKIPPED | frozenset(_BULLETS)
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
    for index, line in enumerate(doc.lines):
        text = line.text.rstrip(" \t”’\"»)")
        if not text or text[-1] in ".!?,;" or len(text) > 200:
            continue
        words = [w for w in text.split() if w[:1].isalpha() and w.lower() not in _FUNCTION]
        if len(words) < 2:
            continue
        capped = sum(1 for w in words if w[0].isupper())
        if capped * 10 >= len(words) * 6:
            out.add(index)
    return out


def mentions(doc) -> list[Mention]:
    """Every mention of a name the document capitalises mid-sentence at least once."""
    text = doc.text
    starts = doc.line_starts
    titles = _title_lines(doc)
    # (form, start, form end, capital automatic here, joined to the token before in one name)
    raw: list[tuple[str, int, int, bool, bool]] = []
    append = raw.append
    evidence: set[str] = set()
    title_spans = iter([(starts[i], starts[i + 1] if i + 1 < len(starts) else len(text))
                        for i in sorted(titles)])
    title = next(title_spans, None)
    marks, skipped, special = _SENTENCE_MARKS, _SKIPPED, _SPECIAL_BEFORE
    joiner = _JOINER.fullmatch
    previous_end = -1  # where the token before ends (with its possessive: that is in the gap)
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        form_end = match.end(1)
        if form_end - start < 2:
            continue
        form = text[start:form_end]
        if form.isupper():
            continue
        # the usual case first: a space after an ordinary character ("said Biden")
        if start > 1 and text[start - 1] == " " and text[start - 2] not in special:
            automatic = False
        else:
            automatic = _automatic_capital(text, start, marks, skipped)
        if not automatic and title is not None:  # tokens come in order: walk the titles
            while title is not None and title[1] <= start:
                title = next(title_spans, None)
            automatic = title is not None and title[0] <= start
        size = start - previous_end
        joined = previous_end >= 0 and (size == 1 and text[previous_end] in " -" or (
            1 < size < 14 and joiner(text, previous_end, start) is not None))
        append((form, start, form_end, automatic, joined))
        previous_end = end
        if not automatic:
            evidence.add(form)
    new = tuple.__new__
    raw.append(_NO_TOKEN)
    return [new(Mention, (form, start, form_end, before[0] if joined else "",
                          after[0] if after[4] else "", automatic))
            for before, (form, start, form_end, automatic, joined), after
            in zip([_NO_TOKEN, *raw], raw[:-1], raw[1:]) if form in evidence]


#: Stands before the first token and after the last one.
_NO_TOKEN = ("", 0, 0, True, False)


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


def name_facts(doc, keep: int = 12) -> dict[str, tuple]:
    """Compact, picklable facts about a document's names, for a corpus pass.

    form -> one flat tuple (count, left words, right words, also written in lower case in
    this document: an ordinary word given a capital, looked up only for forms used at most
    three times; column of the first mention, then start and line of each of the first
    `keep` mentions). A mention ends `len(form)` after its start.
    """
    table: dict[str, list] = {}
    for form, start, _end, left, right, _automatic in cached_mentions(doc):
        if len(form) < 3:
            continue
        entry = table.get(form)
        if entry is None:
            entry = table[form] = [0, [], set(), set()]
        entry[0] += 1
        if len(entry[1]) < keep:
            entry[1].append(start)
        if left:
            entry[2].add(left)
        if right:
            entry[3].add(right)
    text = doc.text
    starts = doc.line_starts
    words = lower_case_words(doc)
    out: dict[str, tuple] = {}
    for form, (count, spots, left, right) in table.items():
        line = bisect_right(starts, spots[0])
        places = [spots[0] - starts[line - 1] + 1]  # the column of the first, then (start, line)s
        for start in spots:
            places.append(start)
            places.append(bisect_right(starts, start))
        # (only rare forms are looked up in lower case: a rare spelling is what gets reported)
        lower = False
        if count <= 3 and len(form) >= 5:
            word = form.lower()
            if word in words or not (word.isascii() and word.isalpha()):
                lower = _in_lower_case(doc, text, word)
        out[form] = (count, tuple(sorted(left))[:6] if left else (),
                     tuple(sorted(right))[:6] if right else (), lower, *places)
    return out


#: Keeps ASCII lower-case letters of UTF-8 bytes, turns ASCII capitals into "#" (so that
#: "Hospital" stays one piece, "#ospital") and every other byte into a space.
_KEEP_ASCII_LOWER = bytes(b if 97 <= b <= 122 else 35 if 65 <= b <= 90 else 32
                          for b in range(256))


def lower_case_words(doc) -> frozenset[str]:
    """The text's words in lower-case ASCII letters, computed once per document.

    A quick "no" for word searches: a lower-case ASCII word that stands between non-letters
    (or non-alphanumerics) anywhere in the text is one of these, so a word missing here
    needs no scan of the text (bytes.translate and split run in C). The set also holds
    pieces of other words: runs joined to a capital (they contain "#"), and runs cut off by
    digits or by letters outside ASCII.
    """
    found = doc.__dict__.get("_newslint_lower_words")
    if found is None:
        data = doc.text.encode("utf-8", "surrogatepass").translate(_KEEP_ASCII_LOWER)
        found = doc.__dict__["_newslint_lower_words"] = frozenset(data.decode("ascii").split())
    return found


def may_contain_word(doc, word: str) -> bool:
    """False only when `word` surely does not stand as a whole word in the text."""
    if word.isascii() and word.isalpha() and word.islower():
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
        from anyascii import anyascii

        ascii_form = anyascii(form)
    return _NON_LETTER.sub("", ascii_form.lower())


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
    from rapidfuzz.distance import Levenshtein

    ops = Levenshtein.editops(na, nb)
    if not 1 <= len(ops) <= 2:
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
        data = tomllib.loads(_data_file("proper_nouns.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):  # pragma: no cover - a broken install
        return {"places": frozenset(), "peoples": frozenset(), "ambiguous": frozenset()}
    out = {}
    for key in ("places", "peoples", "ambiguous"):
        words: Iterable[str] = data.get(key, {}).get("words", [])
        out[key] = frozenset(w.lower() for w in words)
    return out
