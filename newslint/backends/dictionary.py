"""The default spelling backend: a word-list look-up, offline and cheap enough for every run.

It uses the English frequency list that pyspellchecker ships (no download at run time) and
checks lower-case words only: a capitalised word in news copy is far more often a name than a
typo, and names are what make general spell-checkers useless on news. A word the list lacks
is reported only when it is one edit away from a common word ("diffrent" -> "different");
words with no close common neighbour are left alone, because on edited copy they are mostly
foreign words, jargon and new coinages, not typos. British spellings, inflections, common
prefixes and closed compounds of known words are accepted.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import pkgutil
import re
import zlib
from bisect import bisect_left
from functools import lru_cache
from importlib import resources
from itertools import chain, compress, filterfalse
from pathlib import Path
from typing import Any

from .base import Backend, BackendUnavailable, Match

__all__ = ["DictionaryBackend", "load_words"]

# Candidate words: runs of lower-case ASCII letters (with a clitic: didn't, it's). This
# simple pattern is the fast path; where each survivor occurs is checked with `_located`.
_CANDIDATE = re.compile(r"(?<![A-Za-z])[a-z]{4,}(?:['’][a-z]+)?")  # not the tail of "Ukraine"


# The same candidates without a regex scan, which tries a match at every character: the text
# is cut into runs of ASCII letters and apostrophes by bytes.translate and split (in C).
# A candidate holds only lower-case letters and apostrophes, so it lies inside one run, and
# the regex on a run alone finds what it finds there in the whole text (a run starts after a
# character that is neither). A run of lower-case letters is its own candidate (four letters
# or more), a run of letters that starts with a capital holds none, and only the few others
# (an apostrophe, a capital after a lower-case start) go through _CANDIDATE. Apostrophes
# travel as \x02 (') and \x03 (’), so that no run holding one is taken for a known word.
_RUN_BYTES = bytes(b if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A or b in (0x02, 0x03)
                   else 0x02 if b == 0x27 else 0x20 for b in range(256))


def unknown_candidates(text: str, known: frozenset[str] | KnownWords,
                       utf8: bytes | None = None) -> set[str]:
    """set(_CANDIDATE.findall(text)) - known, at a fraction of the cost. `utf8`: the text
    in UTF-8 (lone surrogates kept), when the caller has it: the runs are cut from those
    bytes, where every byte of a character outside ASCII is a space (as is every such
    character in the runs' definition) and "’" is one sequence of three bytes."""
    if utf8 is None:
        utf8 = text.encode("utf-8", "surrogatepass")
    if isinstance(known, KnownWords):
        known = known.fastest()
    missing = known.missing if isinstance(known, KnownWords) else \
        (lambda words: words.difference(known))
    if b"\x02" in utf8 or b"\x03" in utf8:  # the stand-ins are taken: scan the plain way
        return missing(set(_CANDIDATE.findall(text)))
    runs = utf8.replace("’".encode(), b"\x03").translate(_RUN_BYTES).decode("ascii").split()
    out = set()
    # a title-case run ("Kyiv", "O'Neill") starts no candidate: a candidate starts where a
    # lower-case letter follows the start or an apostrophe, which title case forbids
    if isinstance(known, KnownWords):
        unknown_runs = known.missing(set(runs))
    else:
        unknown_runs = set(filterfalse(known.__contains__, runs))
    for run in filterfalse(str.istitle, unknown_runs):
        if run.isalpha():
            if run.islower():
                if len(run) >= 4:
                    out.add(run)
                continue
            if not run[0].islower():
                continue  # an acronym or a capitalised word: no candidate
        out.update(_CANDIDATE.findall(run.replace("\x02", "'").replace("\x03", "’")))
    return missing(out)


_BEFORE_WORD = re.compile(r"[\w'’.@#/\]]")  # a character that glues a word to the one before
_AFTER_WORD = re.compile(r"[\w@/]|['’][a-z]|-\d|\.[a-z]")


def _located(text: str, word: str):
    """Offsets of whole-word occurrences: not the tail of iPhone or café, not in 5km or a
    domain (str.find, not a regex compiled per word: these words are rare but all different)."""
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if not (at and _BEFORE_WORD.match(text, at - 1)) and \
                not (at > 1 and text[at - 1] == "-" and text[at - 2].isdigit()) and \
                not _AFTER_WORD.match(text, end):
            yield at, end
        at = text.find(word, end)


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m", "s'")
_NEGATION_STEMS = frozenset({"ca", "wo", "sha", "ai"})  # can't, won't, shan't, ain't
_PREFIXES = ("counter", "under", "inter", "intra", "micro", "macro", "multi", "super", "cyber",
             "trans", "ultra", "anti", "auto", "mega", "mini", "over", "post", "semi", "tele",
             "self", "non", "pre", "pro", "sub", "mis", "dis", "out", "bio", "eco", "geo", "un",
             "re", "co", "de")
_SUFFIXES = (("isation", "ize"), ("ization", "ize"), ("ations", "ate"), ("ation", "ate"),
             ("ness", ""), ("ment", ""), ("less", ""), ("ful", ""), ("ably", "able"),
             ("ally", "al"), ("ily", "y"), ("ly", ""), ("ies", "y"), ("ied", "y"),
             ("iest", "y"), ("ier", "y"), ("ing", ""), ("ing", "e"), ("est", ""), ("ers", ""),
             ("er", ""), ("er", "e"), ("ers", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""),
             ("ists", ""), ("ist", ""), ("ism", ""), ("able", ""), ("able", "e"))
# British to American spellings, so that one word list serves both.
_BRITISH = ((re.compile(r"our(?=s?$|ed$|ing$|ite|able|er)"), "or"),
            (re.compile(r"is(?=e[sdr]?$|ing$|ation)"), "iz"),
            (re.compile(r"ys(?=e[sd]?$|ing$)"), "yz"),
            (re.compile(r"tre(?=s?$)"), "ter"),
            (re.compile(r"ence(?=s?$)"), "ense"),
            (re.compile(r"mme(?=s?$)"), "m"),
            (re.compile(r"ll(?=ed$|ing$|er$|ers$|ist$|ists$|ation)"), "l"),
            (re.compile(r"logue(?=s?$)"), "log"),
            (re.compile(r"grey"), "gray"),
            (re.compile(r"^sc(?=ep)"), "sk"),
            (re.compile(r"ae"), "e"),
            (re.compile(r"oe"), "e"))


@lru_cache(maxsize=1)
def _compressed_word_list() -> bytes:
    """pyspellchecker's gzipped JSON word list, read from the installed package without
    importing it (its import costs more than the read)."""
    raw = None
    spec = importlib.util.find_spec("spellchecker")
    folders = spec.submodule_search_locations if spec is not None else None
    if folders:
        path = Path(list(folders)[0], "resources", "en.json.gz")
        if path.is_file():
            raw = path.read_bytes()
    if raw is None:  # not a plain folder on disk (a zip, say): ask the package
        raw = pkgutil.get_data("spellchecker", "resources/en.json.gz")
    if raw is None:  # pragma: no cover - the package ships it
        raise BackendUnavailable("pyspellchecker's English word list is missing")
    return raw


def _word_list() -> bytes:
    return gzip.decompress(_compressed_word_list())


# pyspellchecker writes one '"word": count' entry per line, without escapes or digits in the
# words. Read that way, with bytes.translate and str.split (C loops), the list loads several
# times faster than with json.loads; any other layout is read with json.loads.
_DIGITS = b"0123456789"
_NOT_COUNTS = bytes(b for b in range(256) if not (b in _DIGITS or b in b'\n"'))


def _plain_layout(data: bytes) -> bool:
    return (data.startswith(b'{\n"') and data.rstrip().endswith(b"\n}")
            and b"\\" not in data)


@lru_cache(maxsize=1)
def _parsed() -> tuple[list[str], bytes] | None:
    """(every word, in the list's order; their counts as b'""count' lines in the same order),
    or None when the list is not laid out as expected."""
    data = _word_list()
    if not _plain_layout(data):
        return None
    keys = data.translate(None, _DIGITS).decode("utf-8")  # '{\n"a": ,\n"a's": ,\n ...'
    words = keys[3:keys.rindex('": ')].split('": ,\n"')
    counts = data.translate(None, _NOT_COUNTS).strip(b"\n")  # b'""48779620\n""50\n ...'
    # a word holding a digit or a quote would break the alignment of words and counts
    if not (len(words) == data.count(b'\n"') == counts.count(b'\n""') + 1
            and counts.count(b'"') == 2 * len(words) and b'""\n' not in counts):
        return None
    return words, counts


def _news_words() -> list[str]:
    path = Path(__file__).with_name("news_words.txt")
    if path.is_file():
        extra = path.read_text("utf-8")
    else:  # pragma: no cover - installed as a zip
        extra = resources.files(__package__).joinpath("news_words.txt").read_text("utf-8")
    out = []
    for line in extra.splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            out.append(word)
    return out


#: Counts below this are never needed: suggestions need 300, closed compounds 1,000.
_KEEP_COUNTS_FROM = 300

# -- the shipped copy -------------------------------------------------------------------------
# Reading pyspellchecker's JSON costs about twice what building the set costs, so newslint
# ships the same words in a form read with one split: a header line; the counts of the words
# counted at least _KEEP_COUNTS_FROM times, most frequent first; a blank line; then every
# word, those counted words first in the same order. `write_shipped_words` builds it from
# pyspellchecker's list (run this module to rebuild it); a test checks it against that list.
SHIPPED_WORDS = Path(__file__).with_name("en_words.txt.gz")
_SHIPPED_HEADER = "# newslint English words v1, from pyspellchecker resources/en.json.gz sha256 "


def _source_digest() -> str:
    return hashlib.sha256(_compressed_word_list()).hexdigest()


def _shipped_text() -> str:
    counts = frequent_words_from_source(_KEEP_COUNTS_FROM)
    counted = sorted(counts, key=lambda word: (-counts[word], word))
    rest = sorted(set(_source_words()) - set(counted))
    return "\n".join([_SHIPPED_HEADER + _source_digest(), *map(str, map(counts.get, counted)),
                      "", *counted, *rest]) + "\n"


def write_shipped_words(path: Path = SHIPPED_WORDS) -> None:
    """Rebuild the shipped word list from pyspellchecker's (mtime 0: the same bytes each time)."""
    path.write_bytes(gzip.compress(_shipped_text().encode("utf-8"), 9, mtime=0))


@lru_cache(maxsize=1)
def _shipped() -> tuple[list[str], list[str]] | None:
    """(every word of the shipped list, counted ones first; their counts as strings), or None
    when the file is missing or not laid out as expected (then pyspellchecker's is read)."""
    parts = _shipped_parts()
    if parts is None:
        return None
    counts, counted, rest = parts
    return counted + rest[:-1].split("\n") if rest else counted, counts


@lru_cache(maxsize=1)
def _shipped_parts() -> tuple[list[str], list[str], str] | None:
    """The shipped list split no further than needed: (the counts as strings, the counted
    words in the same order, every other word as one string of sorted lines, each ending
    in a line break), or None as `_shipped`."""
    try:
        raw = SHIPPED_WORDS.read_bytes() if SHIPPED_WORDS.is_file() else \
            resources.files(__package__).joinpath(SHIPPED_WORDS.name).read_bytes()
        text = zlib.decompress(raw, 31).decode("utf-8")  # 31: a gzip stream
    except (OSError, zlib.error, UnicodeDecodeError):
        return None
    header, _, body = text.partition("\n")
    counts_text, _, words = body.partition("\n\n")
    if not header.startswith(_SHIPPED_HEADER) or not words.endswith("\n"):
        return None
    counts = counts_text.split("\n")
    pieces = words.split("\n", len(counts))
    if len(pieces) != len(counts) + 1:
        return None
    return counts, pieces[:-1], pieces[-1]


def _in_sorted_lines(lines: str, word: str) -> bool:
    """Is `word` one of the lines of `lines` (sorted, each ending in a line break)? A binary
    search over character offsets: no list of the lines is ever built."""
    low, high = 0, len(lines)  # (both at the start of a line, or the end)
    while low < high:
        middle = (low + high) // 2
        start = max(low, lines.rfind("\n", 0, middle) + 1)
        end = lines.find("\n", start)
        line = lines[start:end]
        if line == word:
            return True
        if line < word:
            low = end + 1
        else:
            high = start
    return False


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every word of the list and newslint's news words, as a frozenset: set difference
    with it runs in C. Kept in the start-up store between command-line runs (loading the
    set is about half the cost of splitting the list and hashing 160,000 words)."""
    from ..warmstart import remember

    stamp = _words_stamp()
    if stamp is None:  # installed as a zip: no file to stamp
        return _known_words_built()
    return remember("known-words", stamp, _known_words_built)


def _words_stamp() -> str | None:
    news = Path(__file__).with_name("news_words.txt")
    try:
        return "|".join(f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                        for p in (SHIPPED_WORDS, news))
    except OSError:
        return None


#: Questions answered before the whole set is loaded: from the word list's pieces (a
#: substring test each), and from the shipped list's sorted lines (a binary search each).
_QUESTIONS_BEFORE_SET = 20_000
_QUESTIONS_BEFORE_SET_SORTED = 5_000


class KnownWords:
    """`word in known_words()`, without paying for the set where a run asks little.

    Building the frozenset of 160,000 words costs about 20 ms after reading the list, and
    loading it costs about 35 ms even from the start-up store: most of a one-file run's
    lint. So a run first asks something cheaper, and loads the set only after
    `_QUESTIONS_BEFORE_SET` questions (about thirty articles), when its C look-ups pay off:

    - with a start-up store, the list cut into some 4,000 small strings by the words' first
      three letters ("\nword\n..."), loaded in a millisecond; a question is one substring
      test in a few hundred bytes;
    - without one (library use, ``--no-cache``), the shipped list as read: a set of its
      32,000 counted (common) words, then a binary search in the sorted lines of the rest.
    """

    def __init__(self) -> None:
        self.asked = 0
        self._set: frozenset[str] | None = None
        self._ask, self._limit = self._cheap_lookup()

    def _cheap_lookup(self) -> tuple[Any, int]:
        from ..warmstart import is_enabled, remember

        stamp = _words_stamp() if is_enabled() else None
        if stamp is not None:
            pieces = remember("known-word-pieces", stamp, _word_pieces)
            return (lambda word: "\n" not in word
                    and f"\n{word}\n" in pieces.get(word[:3], "")), _QUESTIONS_BEFORE_SET
        parts = _shipped_parts()
        if parts is None:
            self._set = known_words()
            return None, 0
        common, rest = frozenset(chain(parts[1], _news_words())), parts[2]
        return (lambda word: word in common or ("\n" not in word
                                                and _in_sorted_lines(rest, word))), \
            _QUESTIONS_BEFORE_SET_SORTED

    def __contains__(self, word: str) -> bool:
        known = self._set
        if known is not None:
            return word in known
        self.asked += 1
        if self.asked > self._limit:
            return word in self.load_set()
        return self._ask(word)

    def fastest(self) -> frozenset[str] | KnownWords:
        """What answers the same questions fastest now: the set once it is loaded (its
        look-ups run in C, with no method call), else this object."""
        return self if self._set is None else self._set

    def load_set(self) -> frozenset[str]:
        """Switch to the set now (a pool is about to fork: its workers then share it)."""
        if self._set is None:
            self._set = known_words()
            self._ask = None
        return self._set

    def missing(self, words: set[str]) -> set[str]:
        """`words` minus the known ones."""
        known = self._set
        if known is not None:
            return words.difference(known)
        return set(filterfalse(self.__contains__, words))


@lru_cache(maxsize=1)
def known_word_lookup() -> KnownWords:
    """The process's one `KnownWords` (the spelling backend and NL405 ask it). Before a
    pool forks, it loads the set, which the workers then share."""
    from ..parallel import before_fork

    lookup = KnownWords()
    before_fork(lookup.load_set)
    return lookup


def _word_pieces() -> dict[str, str]:
    """known_words() cut by the first three letters: {"abc": "\nabc...\nabcd...\n"}."""
    pieces: dict[str, list[str]] = {}
    for word in sorted(known_words()):
        key = word[:3]
        found = pieces.get(key)
        if found is None:
            pieces[key] = [word]
        else:
            found.append(word)
    return {key: "\n" + "\n".join(words) + "\n" for key, words in pieces.items()}


def _known_words_built() -> frozenset[str]:
    shipped = _shipped()
    if shipped is None:
        return known_words_from_source()
    return frozenset(chain(shipped[0], _news_words()))


def known_words_from_source() -> frozenset[str]:
    """known_words() read from pyspellchecker's list itself (the shipped copy's source)."""
    return frozenset(chain(_source_words(), _news_words()))


def _source_words() -> list[str]:
    parsed = _parsed()
    return parsed[0] if parsed is not None else list(json.loads(_word_list()))


@lru_cache(maxsize=4)
def frequent_words(at_least: int = _KEEP_COUNTS_FROM) -> dict[str, int]:
    """{word: count} of the list's words counted at least `at_least` times (news words
    count 1 unless the list has them). Read only when first needed."""
    shipped = _shipped_parts() if at_least >= _KEEP_COUNTS_FROM else None
    if shipped is None:
        return frequent_words_from_source(at_least)
    counts, words, _rest = shipped
    values = list(map(int, counts))  # most frequent first
    kept = len(values) - bisect_left(values[::-1], at_least)
    return dict(zip(words[:kept], values[:kept]))


def frequent_words_from_source(at_least: int = _KEEP_COUNTS_FROM) -> dict[str, int]:
    """frequent_words() read from pyspellchecker's list itself."""
    parsed = _parsed() if at_least > 1 else None
    if parsed is None:
        return {w: f for w, f in load_words().items() if f >= at_least}
    words, lines = parsed
    counts = lines.removeprefix(b'""').split(b'\n""')
    # counts with fewer digits than `at_least` are below it; the rest get an int
    wide_enough = list(map(len(str(at_least)).__le__, map(len, counts)))
    values = list(map(int, compress(counts, wide_enough)))
    return dict(compress(zip(compress(words, wide_enough), values),
                         map(at_least.__le__, values)))


@lru_cache(maxsize=1)
def load_words() -> dict[str, int]:
    """The whole word list with frequencies (about 160,000 words), plus newslint's news
    words. The backend reads the cheaper `known_words` and `frequent_words`."""
    words: dict[str, int] = json.loads(_word_list())
    for word in _news_words():
        words.setdefault(word, 1)
    return words


#: is_word's remembered answers are forgotten past this many words (a long run's memory bound).
_MAX_VERDICTS = 100_000


class DictionaryBackend(Backend):
    """Lower-case words one edit away from a common word, reported with that word."""

    name = "dictionary"
    provides = frozenset({"spelling"})
    offline = True

    def __init__(self, min_length: int = 4, min_frequency: int = 300) -> None:
        try:
            self.known = known_word_lookup()
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise BackendUnavailable(f"pyspellchecker is not installed ({exc})") from None
        self.min_length = min_length
        self.min_frequency = min_frequency
        self._common: frozenset[str] | None = None
        #: is_word's answers: the same few unknown words recur from article to article
        self._verdicts: dict[str, bool] = {}

    @property
    def words(self) -> dict[str, int]:
        """Counts of the words frequent enough to matter (suggestions, closed compounds);
        read on first use: many articles have no unknown word to look at."""
        return frequent_words(min(self.min_frequency, _KEEP_COUNTS_FROM))

    # The hot path: runs cut in C and one look-up each; Python only sees unknown words.
    def unknown_words(self, text: str, utf8: bytes | None = None) -> set[str]:
        verdicts = self._verdicts
        if len(verdicts) > _MAX_VERDICTS:
            verdicts.clear()
        out = set()
        for word in unknown_candidates(text, self.known, utf8):
            if len(word) < self.min_length:
                continue
            verdict = verdicts.get(word)
            if verdict is None:
                verdict = verdicts[word] = self.is_word(word)
            if not verdict:
                out.add(word)
        return out

    def check(self, text: str) -> list[Match]:
        return self.check_encoded(text, None)

    def check_encoded(self, text: str, utf8: bytes | None) -> list[Match]:
        """`check`, given the text in UTF-8 too (lone surrogates kept), or None."""
        unknown = self.unknown_words(text, utf8)
        if not unknown:
            return []
        out = []
        for word in unknown:
            stem = re.split(r"['’]", word, maxsplit=1)[0]  # diffrent's -> diffrent
            suggestion = self.suggest(stem)
            if suggestion is None:
                continue
            for start, end in _located(text, word):
                if _glued(text, start, end) or self._hyphenated_word(text, start, word):
                    continue
                end = start + len(stem)
                message = f"possible misspelling “{stem}” (did you mean “{suggestion}”?)"
                out.append(Match(start, end, "spelling", "dictionary", message,
                                 (suggestion,)))
        out.sort(key=lambda m: m.start)
        return out

    # -- acceptance: is this a word even though the list lacks it? ----------------------------
    def is_word(self, word: str) -> bool:
        word = word.replace("’", "'")
        if "'" in word:
            if word.endswith("n't"):
                stem = word[:-3]
                return stem in _NEGATION_STEMS or self._known(stem)
            for clitic in _CLITICS:
                if word.endswith(clitic):
                    return self._known(word[: -len(clitic)])
            return True  # o'clock, rock'n'roll, foreign elisions: not ours to judge
        return self._known(word) or self._derived(word) or self._compound(word)

    def _known(self, word: str) -> bool:
        return word in self.known or self._british(word) or self._inflected(word)

    def _british(self, word: str) -> bool:
        for pattern, american in _BRITISH:
            variant = pattern.sub(american, word)
            if variant != word and (variant in self.known or self._inflected(variant, False)):
                return True
        return False

    def _inflected(self, word: str, british: bool = True) -> bool:
        for suffix, restore in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: -len(suffix)] + restore
                if stem in self.known:
                    return True
                if len(stem) >= 4 and stem[-1] == stem[-2] and stem[:-1] in self.known:
                    return True  # stopped, planning
                if british and self._british(stem):
                    return True
        return False

    def _derived(self, word: str) -> bool:
        for prefix in _PREFIXES:
            rest = word[len(prefix):]
            if word.startswith(prefix) and len(rest) >= 3 and self._known(rest):
                return True
        return False

    def _compound(self, word: str) -> bool:
        """Closed compounds of two common words (roofline, weeklong)."""
        words = self.words
        for cut in range(4, len(word) - 3):
            if words.get(word[:cut], 0) >= 1000 and words.get(word[cut:], 0) >= 1000:
                return True
        return False

    def _hyphenated_word(self, text: str, start: int, word: str) -> bool:
        """pre-empted, co-opted: a prefix and a hyphen before it make a known word."""
        if text[start - 1:start] != "-":
            return False
        head = re.search(r"([a-z]*)-$", text[max(0, start - 20):start]).group(1)
        return bool(head) and self.is_word(head + word)

    # -- suggestion ----------------------------------------------------------------------------
    def suggest(self, word: str) -> str | None:
        """The most frequent common word one edit away, or None when there is none."""
        word = word.replace("’", "'")
        hits = self.common.intersection(_edits1(word))
        if not hits:
            return None
        # Swapped letters are the commonest slip ("diety"): prefer "deity" to "dirty".
        swapped = [h for h in hits if sorted(h) == sorted(word)]
        return max(sorted(swapped or hits), key=self.words.__getitem__)

    @property
    def common(self) -> frozenset[str]:
        """Words frequent enough to be trusted as suggestions (built on first use)."""
        if self._common is None:
            self._common = frozenset(w for w, f in self.words.items() if f >= self.min_frequency)
        return self._common


def _glued(text: str, start: int, end: int) -> bool:
    """Part of a name or a censored word (Kwok-hing, s--t), or a dropped g (thumpin')."""
    if text[end:end + 1] in ("'", "’"):
        return True
    if text[start - 1:start] == "-":
        head = re.search(r"(\S*)-$", text[max(0, start - 40):start]).group(1)
        return not head or head[0].isupper() or head.endswith("-") or len(head) == 1
    return False


def _edits1(word: str) -> list[str]:
    """Every string one deletion, transposition, replacement or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ([a + b[1:] for a, b in splits if b]
            + [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
            + [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
            + [a + c + b for a, b in splits for c in _LETTERS])


if __name__ == "__main__":  # rebuild the shipped word list: python -m newslint.backends.dictionary
    write_shipped_words()
    print(f"wrote {SHIPPED_WORDS}")
