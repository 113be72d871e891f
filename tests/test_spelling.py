"""The spelling rule (NL501) on the default offline dictionary, and its news filters."""

from __future__ import annotations

import gzip
import random

import pytest

from .helpers import assert_seed_rows, codes, lint


def test_seed_rows_for_spelling_are_reported():
    assert_seed_rows(["spelling"])


@pytest.mark.parametrize("text, word, suggestion", [
    ("What diffrent views exist on the talks?", "diffrent", "different"),
    ("Voters will recieve their ballots by post.", "recieve", "receive"),
    ("The roof collasped after the storm.", "collasped", "collapsed"),
    ("Flights were diverted to another aiport.", "aiport", "airport"),
    ("The goverment’s plan was late.", "goverment", "government"),
    ("Each diety in the temple was restored.", "diety", "deity"),  # swapped letters first
])
def test_typo_reported_with_a_suggestion(text, word, suggestion):
    diags = lint(text, select=["NL501"])
    assert codes(diags) == ["NL501"]
    assert word in diags[0].message and suggestion in diags[0].message
    assert diags[0].fix is not None and diags[0].fix.replacement == suggestion
    assert not diags[0].fix.safe  # a speller's guess is never applied by --fix alone


@pytest.mark.parametrize("text", [
    # names, capitalised anywhere, and lower-case uses of a name the article capitalises
    "Spokesman Fuad Basya said the navy met Zelenskyy in Aceh.",
    "The brand Nokio said nokio phones sell well.",
    # acronyms and alphanumerics
    "The G7 and NATO discussed COVID-19, the F-16 and 5G masts.",
    # British spelling, inflections, prefixes and closed compounds of known words
    "The organisation criticised the programme at the centre of the defence review.",
    "Influencers reposted the roofline photos over the weeklong festival.",
    # words used on purpose: repeated in the article
    "The drug iodisol is new. Doctors say iodisol works.",
    # addresses, handles and hashtags
    "Write to desk@exampel.org or see www.exampel.com and #elecsion.",
    # foreign words and jargon with no close common word are not guessed at
    "The cafe served a spanakopita to the polysilicon traders.",
    # contractions, dropped g, censored words, parts of hyphenated names
    "They didn't say. He was thumpin' the table. It was a s--tshow, said Wong Kwok-hing.",
])
def test_news_copy_not_reported(text):
    assert lint(text, select=["NL501"]) == []


def test_vocabulary_accepts_a_newsroom_term():
    text = "The council approved the recyled budget."
    assert codes(lint(text, select=["NL501"])) == ["NL501"]
    assert lint(text, select=["NL501"], vocabulary=["Recyled"]) == []


def test_spelling_can_be_switched_off():
    text = "What diffrent views exist?"
    assert lint(text, select=["NL501"], grammar={"spelling": "off"}) == []


def test_dictionary_cost_is_only_paid_for_unknown_words():
    from newslint.backends.dictionary import DictionaryBackend

    backend = DictionaryBackend()
    assert backend.unknown_words("the minister said the plan was ready") == set()
    assert backend.unknown_words("the diffrent plan") == {"diffrent"}


def test_word_list_read_fast_holds_what_the_json_holds():
    import json

    from newslint.backends import dictionary

    full = json.loads(dictionary._word_list())
    assert dictionary._parsed() is not None  # the shipped list takes the fast path
    assert dictionary.known_words() == frozenset(full) | frozenset(dictionary._news_words())
    assert dictionary.frequent_words(300) == {w: f for w, f in full.items() if f >= 300}
    assert dictionary.frequent_words(1000) == {w: f for w, f in full.items() if f >= 1000}


def test_shipped_word_list_is_pyspellchecker_list():
    """The word list newslint ships (read at start-up instead of pyspellchecker's JSON) holds
    exactly the installed pyspellchecker's words and counts; rebuild it with
    `python -m newslint.backends.dictionary` when that list changes."""
    from newslint.backends import dictionary

    assert dictionary._shipped() is not None  # the shipped file is present and well formed
    shipped = dictionary.SHIPPED_WORDS.read_bytes()
    header = gzip.decompress(shipped).split(b"\n", 1)[0].decode()
    if not header.endswith(dictionary._source_digest()):
        pytest.skip("the installed pyspellchecker list is not the one the shipped copy was "
                    "built from; rebuild it with `python -m newslint.backends.dictionary`")
    assert gzip.decompress(shipped).decode("utf-8") == dictionary._shipped_text()
    assert dictionary.known_words() == dictionary.known_words_from_source()
    for at_least in (300, 301, 1000, 10**12):
        assert dictionary.frequent_words(at_least) == \
            dictionary.frequent_words_from_source(at_least)


def test_unknown_candidates_equal_the_candidate_regex():
    """The C-level run split finds what the candidate regex finds, minus known words, on
    text with apostrophes, capitals inside words, accents and the stand-in characters."""
    from newslint.backends.dictionary import _CANDIDATE, known_words, unknown_candidates

    known = known_words()
    pieces = ["abcd", "didn", "t", "o", "toole", "O", "rock", "n", "roll", "'", "’", "\x02",
              "\x03", " ", "-", "É", "é", "x", "Ukraine", "iPhone", "abcdEfg", "the", "diffrent",
              "5", "_", "\n", "ab", "DON", "’t", "'s", "\u212a", "😀", "\ud800", "—", "“"]
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        assert unknown_candidates(text, known) == set(_CANDIDATE.findall(text)) - known, text
        assert unknown_candidates(text, known, text.encode("utf-8", "surrogatepass")) == \
            set(_CANDIDATE.findall(text)) - known, text


@pytest.fixture()
def word_store(tmp_path, monkeypatch):
    """A start-up store of its own, switched off again afterwards."""
    from newslint import warmstart

    if warmstart._internals() is None:
        pytest.skip("the start-up store needs CPython's regex internals")
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    warmstart.disable()
    assert warmstart.enable(tmp_path / "cache")
    yield
    warmstart.disable()


def _questions() -> list[str]:
    """Words of the list (short, long, with apostrophes), and strings it lacks."""
    from newslint.backends.dictionary import known_words

    rng = random.Random(11)
    known = sorted(known_words())
    asked = rng.sample(known, 3000) + [w for w in known if len(w) <= 3][:300]
    letters = "abcdeilnorstuyz'’é\n"
    asked += ["".join(rng.choice(letters) for _ in range(rng.randint(0, 9)))
              for _ in range(3000)]
    asked += ["", "\n", "the\n", "\nthe", "th", "a", "zzzzzz", "diffrent", "co-op", "ünïcode"]
    asked += [w + "\n" + w for w in known[:50]] + [w.upper() for w in known[:50]]
    return asked


def test_the_word_list_in_pieces_answers_as_the_set_does(word_store, monkeypatch):
    """With a start-up store, a one-file run asks the list cut in pieces instead of loading
    the whole set; every answer must be the set's, before and after it switches to the set."""
    from newslint.backends import dictionary

    known = dictionary.known_words()
    monkeypatch.setattr(dictionary, "_QUESTIONS_BEFORE_SET", 4000)
    lookup = dictionary.KnownWords()
    assert lookup._set is None and lookup._limit == 4000  # (served in pieces)
    questions = _questions()
    answers = [word in lookup for word in questions]
    assert lookup._set is known and lookup._ask is None  # switched after 4,000 questions
    assert answers == [word in known for word in questions]
    assert any(answers) and not all(answers)
    again = dictionary.KnownWords()  # the pieces now come from the store: the same answers
    assert [word in again for word in questions[:3000]] == answers[:3000]


def test_without_a_store_the_shipped_lines_answer_as_the_set_does(monkeypatch):
    """Without a store: the counted words as a set, a binary search in the sorted rest."""
    from newslint import warmstart
    from newslint.backends import dictionary

    warmstart.disable()
    known = dictionary.known_words()
    monkeypatch.setattr(dictionary, "_QUESTIONS_BEFORE_SET_SORTED", 5000)
    lookup = dictionary.KnownWords()
    assert lookup._set is None and lookup._limit == 5000
    questions = _questions()
    answers = [word in lookup for word in questions]
    assert answers == [word in known for word in questions]
    assert lookup._set is known  # (switched to the set after 5,000 questions)
    fresh = dictionary.KnownWords()
    assert fresh.missing({"the", "diffrent", "zelensky"}) == {"diffrent", "zelensky"} - known


def test_the_shipped_rest_is_sorted_lines_and_the_search_finds_exactly_them():
    from newslint.backends import dictionary

    counts, counted, rest = dictionary._shipped_parts()
    lines = rest[:-1].split("\n")
    assert rest.endswith("\n") and lines == sorted(lines) and len(counted) == len(counts)
    assert set(counted) | set(lines) == set(dictionary._shipped()[0])
    rng = random.Random(2)
    small = "".join(f"{w}\n" for w in sorted({"".join(rng.choice("ab\u00e9") for _ in
                                                       range(rng.randint(1, 4)))
                                               for _ in range(40)}))
    present = set(small.split("\n")[:-1])
    for word in [*present, "", "c", "aa\nb", *("".join(rng.choice("abc\u00e9")
                                                       for _ in range(rng.randint(0, 5)))
                                               for _ in range(500))]:
        assert dictionary._in_sorted_lines(small, word) == (word in present), word
    assert not dictionary._in_sorted_lines("", "a")
    for word in rng.sample(lines, 500) + ["aaaa", "zzzzzz", "ab\ncd"]:
        assert dictionary._in_sorted_lines(rest, word) == (word in set(lines)), word


def test_unknown_candidates_are_the_same_with_the_pieces(word_store):
    from newslint.backends.dictionary import KnownWords, known_words, unknown_candidates

    known = known_words()
    rng = random.Random(7)
    pieces = ["abcd", "didn", "’t", "'s", " ", "the", "diffrent", "Ukraine", "iPhone", "x",
              "abcdEfg", "\x02", "é", "\n", "rock", "n", "roll", "teh", "quikly", "-"]
    for _ in range(500):
        lookup = KnownWords()  # (a fresh one each time: it never reaches the switch)
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert unknown_candidates(text, lookup) == unknown_candidates(text, known), text
        assert lookup._set is None
