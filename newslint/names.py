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
    "variant_kind", "proper_nouns", "TITLES",
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
    # (form, start, end with possessive, form end, capital automatic here)
    raw: list[tuple[str, int, int, int, bool]] = []
    evidence: set[str] = set()
    title_spans = iter([(starts[i], starts[i + 1] if i + 1 < len(starts) else len(text))
                        for i in sorted(titles)])
    title = next(title_spans, None)
    marks, skipped = _SENTENCE_MARKS, _SKIPPED
    for match in _TOKEN.finditer(text):
        start, form_end = match.start(), match.end(1)
        if form_end - start < 2:
            continue
        form = text[start:form_end]
        if form.isupper():
            continue
        before = start - 1
        while before >= 0 and text[before] in skipped:
            before -= 1
        if before < 0 or text[before] in marks:
            automatic = True
        elif text[before] in _BULLETS:  # "- The", "2. The" at the start of a line
            line_start = text.rfind("\n", 0, before) + 1
            automatic = not text[line_start:before + 1].strip(_BULLETS)
        else:
            automatic = False
        if not automatic and title is not None:  # tokens come in order: walk the titles
            while title is not None and title[1] <= start:
                title = next(title_spans, None)
            automatic = title is not None and title[0] <= start
        raw.append((form, start, match.end(), form_end, automatic))
        if not automatic:
            evidence.add(form)
    out: list[Mention] = []
    joiner = _JOINER.fullmatch
    count = len(raw)
    previous_joined = False
    for k in range(count):
        form, start, _end, form_end, automatic = raw[k]
        joined_next = False
        if k + 1 < count:
            gap_start, gap_end = raw[k][2], raw[k + 1][1]  # (the possessive is in the gap)
            joined_next = gap_end - gap_start == 1 and text[gap_start] in " -" or (
                1 < gap_end - gap_start < 14 and joiner(text, gap_start, gap_end) is not None)
        if form in evidence:
            out.append(Mention(form, start, form_end,
                               raw[k - 1][0] if previous_joined else "",
                               raw[k + 1][0] if joined_next else "", automatic))
        previous_joined = joined_next
    return out


def cached_mentions(doc) -> list[Mention]:
    """`mentions(doc)`, computed once per document for every rule that needs it."""
    found = doc.__dict__.get("_newslint_mentions")
    if found is None:
        found = doc.__dict__["_newslint_mentions"] = mentions(doc)
    return found


def name_facts(doc, keep: int = 12) -> dict[str, tuple]:
    """Compact, picklable facts about a document's names, for a corpus pass.

    form -> (count, ((start, end, line, column), ...) first `keep`, left words, right words,
    also written in lower case in this document: an ordinary word given a capital; looked up
    only for forms used at most three times).
    """
    table: dict[str, list] = {}
    starts = doc.line_starts
    for form, start, end, left, right, _automatic in cached_mentions(doc):
        if len(form) < 3:
            continue
        entry = table.get(form)
        if entry is None:
            entry = table[form] = [0, [], set(), set()]
        entry[0] += 1
        if len(entry[1]) < keep:
            line = bisect_right(starts, start)
            entry[1].append((start, end, line, start - starts[line - 1] + 1))
        if left:
            entry[2].add(left)
        if right:
            entry[3].add(right)
    text = doc.text
    # (only rare forms are looked up in lower case: a rare spelling is what gets reported)
    return {form: (e[0], tuple(e[1]), tuple(sorted(e[2]))[:6], tuple(sorted(e[3]))[:6],
                   e[0] <= 3 and len(form) >= 5 and _in_lower_case(text, form.lower()))
            for form, e in table.items()}


def _in_lower_case(text: str, word: str) -> bool:
    """Is `word` (lower case) also written as a whole word in the text?"""
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
