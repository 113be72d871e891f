"""Name consistency: variant spellings in an article and across a corpus, and house style.

Besides hand-written cases, these tests build synthetic corpora (`synthetic_corpus`, also used
by bench/bench_consistency.py): articles about invented people whose surnames get a planted
variant spelling, plus look-alike names that are different places or people, and measure
how many planted variants are reported and how many reports are not planted.
"""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.config import Config
from newslint.engine import Linter
from newslint.model import Related
from newslint.names import fold, mentions, name_facts, name_places, normal_key, variant_kind
from newslint.readers import read_plain

from .helpers import assert_seed_rows, lint


def _run(files: dict[str, str], tmp_path: Path, **config):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = Linter(Config(select=["NL401", "NL402"], **config)).run([str(tmp_path)])
    return [d for d in report.diagnostics if d.code in ("NL401", "NL402")]


# -- seeds ---------------------------------------------------------------------------------------

def test_seed_rows_reported():
    assert_seed_rows(["transliteration"])


def test_seed_cross_article_pair_points_both_ways():
    from .helpers import seed_diagnostics

    found = {(Path(d.path).name, d.line): d for d in seed_diagnostics() if d.code == "NL401"}
    whitcoff = found[("000_239ae586005a5a29.txt", 11)]
    assert "001_e36f093bac31f7bb.txt:16 writes Witkoff" in whitcoff.message
    assert whitcoff.related and whitcoff.related[0].line == 16
    witkoff = found[("001_e36f093bac31f7bb.txt", 16)]
    assert "000_239ae586005a5a29.txt:11 writes Whitcoff" in witkoff.message
    inside = found[("001_e36f093bac31f7bb.txt", 22)]
    assert inside.message == ("Zelenskyy; this article also writes Zelensky "
                              "(4×, lines 5, 26, 28, 30)")


# -- variant kinds -----------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Yanukovych", "Ianukovych"),      # y/i at the start
    ("Andriy", "Andrij"),              # y/j at the end
    ("Khodorenko", "Hodorenko"),       # kh/h
    ("Kravtsova", "Kravtzova"),        # ts/tz
    ("Wolkowa", "Volkova"),            # w/v
    ("Zuckerova", "Zukerova"),         # ck/k
    ("Mattarova", "Matarova"),         # a doubled letter
    ("Bereznoy", "Bereznoyy"),         # -y/-yy
    ("Bereznoiy", "Bereznoy"),         # -iy/-y
    ("Şahinoğlu", "Sahinoglu"),        # diacritics
    ("Halvorsen", "Halvorssen"),       # doubled inner letter
    ("Pellegrino", "Pelegrino"),       # a dropped double
    ("Ostrovskaya", "Ostrovskya"),     # a dropped inner vowel
    ("Lindqvist", "Lindquist"),        # q/k, w/v and a vowel
])
def test_variant_kinds_found(a, b):
    assert variant_kind(a, b) is not None


@pytest.mark.parametrize("a, b", [
    ("Iran", "Iraq"), ("Austria", "Australia"), ("Russia", "Russian"), ("Iraq", "Iraqi"),
    ("Texas", "Texans"), ("Maria", "Mario"), ("Gambia", "Zambia"), ("Major", "Mayor"),
    ("Betts", "Beck"), ("Chen", "Shen"), ("Peters", "Peter"), ("Slovakia", "Slovenia"),
])
def test_look_alikes_are_not_variants(a, b):
    assert variant_kind(a, b) is None


def test_normal_key_evens_out_transliterations():
    assert normal_key("Zelenskyy") == normal_key("Zelensky") == normal_key("Zelenskiy")
    assert normal_key("Whitcoff") == normal_key("Witkoff")
    assert fold("Erdoğan’s") == "erdogans"


# -- mentions ----------------------------------------------------------------------------------

def _doc(text: str, path: str = "a.txt"):
    return read_plain(path, text.encode("utf-8"))


def test_mentions_need_mid_sentence_evidence():
    doc = _doc("Growth slowed in the spring.\n\nGrowth Plans Stall In Capital\n\n"
               "Officials met Dmytro Halenko in Lviv. Halenko’s office said the anti-Halenko "
               "campaign had faded.\n")
    forms = {m.form for m in mentions(doc)}
    assert {"Dmytro", "Halenko", "Lviv"} <= forms
    assert "Growth" not in forms and "Plans" not in forms and "Officials" not in forms
    halenko = [m for m in mentions(doc) if m.form == "Halenko"]
    assert len(halenko) == 3  # the possessive and the hyphenated form count
    assert halenko[0].left == "Dmytro"


def test_facts_are_small_and_hold_no_text():
    text = ("The minister, Oksana Pelykh, spoke in Rivne. " * 40) + "Pelykh left."
    facts = name_facts(_doc(text))
    assert facts[0] == ("Oksana", "Pelykh", "Rivne")
    assert all(isinstance(part, (tuple, bytes)) for part in facts)
    places = name_places(facts, {"Pelykh"})
    count, occurrences, left, right, lower = places["Pelykh"]
    assert count == 41 and len(occurrences) == 12 and left == ("Oksana",) and not lower
    first = text.index("Pelykh")
    assert occurrences[0] == (first, first + 6, 1, first + 1)
    assert all(column == 0 for *_rest, column in occurrences[1:])
    assert len(pickle.dumps(facts)) < 2000
    assert name_facts(_doc("no names at all here.")) == ()


def _plain_facts(doc, keep: int = 12) -> dict[str, tuple]:
    """What `name_facts` and `name_places` must give, computed the plain way from mentions:
    form -> (mentions, ((start, end, line, column), ...), left words, right words)."""
    found: dict[str, list] = {}
    for mention in mentions(doc):
        if len(mention.form) < 3:
            continue
        line, column = doc.position(mention.start)
        entry = found.setdefault(mention.form, [0, [], set(), set()])
        entry[0] += 1
        if len(entry[1]) < keep:
            entry[1].append((mention.start, mention.end, line, 0 if entry[1] else column))
        if mention.left:
            entry[2].add(mention.left)
        if mention.right:
            entry[3].add(mention.right)
    return {form: (count, tuple(spots), tuple(sorted(left))[:6], tuple(sorted(right))[:6])
            for form, (count, spots, left, right) in found.items()}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(
    ["Oksana", "Pelykh", "Pelykh’s", "Rivne", "Łukasz", "O’Brien", "NATO", "Kyiv", "the",
     "met", "in", "von", "der", "Al", "Zoë", "anti-Pelykh", "said", "and"]), max_size=60),
       st.lists(st.sampled_from([" ", " ", " ", ". ", ", ", "\n", "\n\n", " - "]),
                min_size=60, max_size=60))
def test_compact_facts_hold_what_the_plain_computation_gives(words, gaps):
    text = "Reporters said " + "".join(w + g for w, g in zip(words, gaps))
    doc = _doc(text)
    facts = name_facts(doc, keep=3)
    plain = _plain_facts(doc, keep=3)
    if not facts:
        assert not plain
        return
    forms = [form for form in facts[0] if len(form) >= 3]
    assert forms == list(plain)  # the order of first mention
    decoded = name_places(facts, set(forms))
    unordered = {f: (*v[:2], set(v[2]), set(v[3])) for f, v in plain.items()}
    assert {f: (*v[:2], set(v[2]), set(v[3])) for f, v in decoded.items()} == unordered
    assert pickle.loads(pickle.dumps(facts)) == facts


def test_places_of_a_long_text_take_wider_numbers():
    text = "Officials met Oksana Pelykh. " + " " * 0x10000 + "Later Pelykh left."
    facts = name_facts(_doc(text))
    assert facts[4][:1] == b"I"  # starts beyond 16 bits: four bytes a number
    occurrences = name_places(facts, {"Pelykh"})["Pelykh"][1]
    assert [start for start, *_rest in occurrences] == [
        text.index("Pelykh"), text.rindex("Pelykh")]
    assert name_facts(_doc("Officials met Oksana Pelykh."))[4][:1] == b"H"


def test_places_of_a_text_with_more_forms_than_a_byte_holds():
    from itertools import product

    names = ["Q" + a + b + "o" for a, b in product("abcdefghijklmnopq", repeat=2)][:280]
    doc = _doc("Officials met " + " and ".join(names * 2) + ".")
    facts = name_facts(doc)
    assert isinstance(facts[5], tuple) and len(facts[0]) == 280
    decoded = name_places(facts, set(names))
    assert {f: v[:2] for f, v in decoded.items()} == {
        f: v[:2] for f, v in _plain_facts(doc).items()}
    assert decoded["Qabo"][0] == 2


def test_corpus_sums_match_a_plain_tally():
    from newslint.checks.consistency import _aggregate

    texts = {
        "a.txt": "Officials met Oksana Pelykh in Rivne. Pelykh said Rivne was calm.",
        "b.txt": "Later Oksana Pelykh and Mr Taras Pelykh met. The team met Taras Bulba.",
        "c.txt": "Nothing but lower case here.",
        "d.txt": "Critics met Oksana Pelykh, Oksana Marchenko and Oksana Hrytsenko. Rivne voted.",
    }
    facts = {path: name_facts(_doc(text)) for path, text in texts.items()}
    stats = _aggregate(facts)
    plain = {path: _plain_facts(_doc(text)) for path, text in texts.items()}
    docs: dict[str, int] = {}
    left: dict[str, set] = {}
    right: dict[str, set] = {}
    for found in plain.values():
        for form, (_count, _spots, before, after) in found.items():
            docs[form] = docs.get(form, 0) + 1
            if before:
                left.setdefault(form, set()).update(before)
            if after:
                right.setdefault(form, set()).update(after)
    assert {form: n for form, n in stats.docs.items() if len(form) >= 3} == docs
    assert {form: stats.left.get(form) for form in left} == left
    assert {form: stats.right.get(form) for form in right} == right
    assert stats.left.get("Rivne") == () and stats.left.get("Rivne", None) is None
    assert dict(stats.right.at_least_three()) == {
        form: words for form, words in right.items() if len(words) >= 3}
    assert stats.right.get("Oksana") == {"Pelykh", "Marchenko", "Hrytsenko"}


def test_possessives_acronyms_and_title_lines_in_mentions():
    doc = _doc("Markets Rally As Talks Resume\n\n"
               "Aides said Kyiv’s Andriy Yermak met the NATO team, and Oleh US Tarasenko left.\n")
    found = {(m.form, m.left, m.right, m.initial) for m in mentions(doc)}
    assert ("Kyiv", "", "Andriy", False) in found  # a possessive does not split a name
    assert ("Andriy", "Kyiv", "Yermak", False) in found
    assert ("Oleh", "", "", False) in found  # an acronym between two words parts them
    assert ("Tarasenko", "", "", False) in found
    assert not {m.form for m in mentions(doc)} & {"Markets", "Rally", "Talks", "NATO", "US"}


def test_fold_matches_anyascii_without_importing_it():
    from anyascii import anyascii

    from newslint.names import _PLAIN_LETTERS

    letters = [chr(c) for c in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)) if chr(c).isalpha()]
    for char in [*letters, *_PLAIN_LETTERS, "’"]:
        form = f"A{char}b’s"
        expected = "".join(ch for ch in anyascii(form).lower() if "a" <= ch <= "z")
        assert fold.__wrapped__(form) == expected, char


def test_weak_variants_agree_with_a_full_edit_script():
    from rapidfuzz.distance import Levenshtein

    def reference(na: str, nb: str) -> bool:  # the edit-script rules, with rapidfuzz's script
        ops = Levenshtein.editops(na, nb)
        if not 1 <= len(ops) <= 2 or len(ops) == 2 and min(len(na), len(nb)) < 6:
            return False
        for tag, i, j in ops:
            if tag == "replace":
                if na[i] not in "aeiou" or nb[j] not in "aeiou":
                    return False
                if i == 0 or i >= len(na) - 1 or j >= len(nb) - 1:
                    return False
            else:
                longer, at = (nb, j) if tag == "insert" else (na, i)
                if len(ops) > 1 or at == 0 or at >= len(longer) - 2:
                    return False
        return True

    rng = random.Random(4)
    letters = "aeioubdfgklmnprstvz"
    checked = weak = 0
    while checked < 3000:
        word = "".join(rng.choice(letters) for _ in range(rng.randint(5, 10)))
        other = list(word)
        for _ in range(rng.randint(1, 2)):
            at = rng.randrange(1, len(other))
            step = rng.random()
            if step < 0.5:
                other[at] = rng.choice(letters)
            elif step < 0.75:
                other.insert(at, rng.choice(letters))
            else:
                del other[at]
        a, b = word.capitalize(), "".join(other).capitalize()
        na, nb = normal_key(a), normal_key(b)
        if na == nb or min(len(na), len(nb)) < 5 or na[0] != nb[0] or fold(a) == fold(b):
            continue
        checked += 1
        weak += variant_kind(a, b) == "weak"
        assert (variant_kind(a, b) == "weak") == reference(na, nb), (a, b)
    assert weak > 100  # both answers were tried


# -- within one article --------------------------------------------------------------------------

ARTICLE = """Envoy Visits Capital

The envoy Roman Hrytsenko arrived in Vilnius on Monday.
Hrytsenko met the foreign minister for two hours.
Officials said Hrytsenko would return in May.
Critics of Hritsenko said the visit achieved little.
"""


def test_within_article_reports_the_rare_spelling_with_lines():
    diags = lint(ARTICLE, select=["NL401"])
    assert [(d.line, d.message) for d in diags] == [
        (6, "Hritsenko; this article also writes Hrytsenko (3×, lines 3, 4, 5)")]
    assert diags[0].related[0].line == 3


def test_within_article_tie_reports_both():
    text = "Officials met Kateryna Bondarchuk on Monday. Later Kateryna Bondartchuk spoke.\n"
    diags = lint(text, select=["NL401"])
    assert len(diags) == 2
    assert all("no spelling is more frequent here" in d.message for d in diags)


def test_consistent_article_is_clean():
    assert lint(ARTICLE.replace("Hritsenko", "Hrytsenko"), select=["NL401"]) == []


@pytest.mark.parametrize("text", [
    "Talks between Iran and Iraq resumed, and envoys from Iraq said Iran had agreed.\n",
    "Ministers from Austria and Australia met; Australia and Austria signed a deal.\n",
    "Fighting in South Sudan spread, and officials in Sudan said South Sudan had refused.\n",
    "Aid reached Jordan on Monday, the striker Mark Jordon said, and Jordan thanked him.\n",
    "The coach Peter Walsh praised the winger Ann Potter; Potter and Peter Walsh agreed.\n",
    "The analyst Jason Byrne cited the ruling by judge Jackson; Jackson declined to comment.\n",
    "The mayor, Ivan Melnik, met the lawyer Taras Melnyk. Melnyk and Melnik disagreed.\n",
    "Troops left Russia for Ukraine. Russian officials said Russia had won.\n",
    "The Major General told Mayor Ruiz that the Mayor would be consulted.\n",
    "Women of the Year: the Woman who led the march said women had waited long enough.\n",
])
def test_look_alike_names_in_one_article_are_not_reported(text):
    assert lint(text, select=["NL401"]) == []


# -- across a corpus -------------------------------------------------------------------------------

def test_across_files_points_to_the_other_file(tmp_path):
    diags = _run({
        "a.txt": "The envoy Pavlo Yaremchuk said talks would go on. Yaremchuk left Riga.\n",
        "b.txt": "Officials said the envoy Pavlo Jaremchuk flew home. Jaremchuk and aides "
                 "met on Friday. Jaremchuk declined to comment.\n",
    }, tmp_path)
    assert [Path(d.path).name for d in diags] == ["a.txt"]
    message = diags[0].message
    assert message.startswith("Yaremchuk here; b.txt:1 writes Jaremchuk")
    assert "Jaremchuk is more frequent" in message
    assert diags[0].related == (Related(str(tmp_path / "b.txt"), 1, 32,
                                        "Jaremchuk is written here"),)


def test_across_files_one_dropped_letter_with_a_distinctive_first_name(tmp_path):
    diags = _run({
        "a.txt": "The negotiator Ostap Lavrenko said the deal held. Lavrenko flew home. "
                 "Lavrenko will return.\n",
        "b.txt": "Talks led by Ostap Lavreko resumed in Tartu on Friday.\n",
    }, tmp_path)
    assert [(Path(d.path).name, d.line) for d in diags] == [("b.txt", 1)]
    assert "a.txt:1 writes Lavrenko; Lavrenko is more frequent" in diags[0].message


def test_across_files_needs_the_same_bearer(tmp_path):
    # two different people: different first names, look-alike surnames
    diags = _run({
        "a.txt": "The economist Lina Hansen said prices rose. Hansen expects more.\n",
        "b.txt": "The striker Omar Hanson scored twice. Hanson was booked.\n",
    }, tmp_path)
    assert diags == []


def test_common_first_name_does_not_tie_weak_variants(tmp_path):
    files = {
        "a.txt": "The farmer John Jensen sold wheat. Jensen was pleased.\n",
        "b.txt": "The banker John Jansen raised rates. Jansen was firm.\n",
        "c.txt": "The mayor John Abbott spoke, as did John Okoro and John Finch.\n",
    }
    assert _run(files, tmp_path) == []


def test_one_run_per_file_does_not_see_the_corpus(tmp_path):
    (tmp_path / "a.txt").write_text("The envoy Pavlo Yaremchuk left.\n", encoding="utf-8")
    report = Linter(Config(select=["NL401"])).run([str(tmp_path / "a.txt")])
    assert report.diagnostics == []


# -- house style ---------------------------------------------------------------------------

def test_house_style_reports_every_rejected_spelling_with_a_fix():
    text = "President Zelenskiy spoke. Zelenskiy’s aides agreed.\n"
    diags = lint(text, select=["NL401", "NL402"], names={"Zelenskyy": ["Zelenskiy"]})
    assert [d.code for d in diags] == ["NL402", "NL402"]
    assert diags[0].message == "Zelenskiy: the house style writes Zelenskyy"
    assert diags[0].fix.replacement == "Zelenskyy" and diags[0].fix.safe
    assert text[diags[1].start:diags[1].end] == "Zelenskiy"


def test_house_style_takes_over_from_discovery():
    text = "Volodymyr Zelensky met aides. Zelensky and Zelenskyy spoke. Zelensky left.\n"
    assert [d.code for d in lint(text, select=["NL401"])] == ["NL401"]
    diags = lint(text, select=["NL401", "NL402"], names={"Zelenskyy": ["Zelensky"]})
    assert [d.code for d in diags] == ["NL402"] * 3


def test_house_style_matches_whole_names_only():
    text = "Kievan chronicles, the Kiev-born poet and kiev.example.org.\n"
    diags = lint(text, select=["NL402"], names={"Kyiv": ["Kiev"]})
    assert [d.column for d in diags] == [24]


def test_example_pack_is_off_by_default_and_fixes():
    text = "Officials in Kiev said Kharkov was calm.\n"
    assert lint(text, select=None) == [] or all(d.code != "NL404" for d in lint(text))
    diags = lint(text, select=["NL404"])
    assert [(d.fix.replacement, d.fix.safe) for d in diags] == [("Kyiv", True), ("Kharkiv", True)]


# -- synthetic corpora: recall and precision -------------------------------------------------------

GIVEN = ["Oleksandr", "Mykola", "Dmytro", "Andriy", "Serhiy", "Yuliya", "Iryna", "Natalia",
         "Olena", "Taras", "Bohdan", "Vasyl", "Ihor", "Yevhen", "Pavlo", "Maksym", "Kateryna",
         "Svitlana", "Farida", "Rustam", "Dilnoza", "Aziz", "Gulnara", "Timur", "Leyla", "Emin",
         "Nodira", "Anvar", "Zarina", "Bakhyt"]
SURNAMES = ["Kovalchuk", "Tkachenko", "Bondarenko", "Kravchenko", "Melnychuk", "Savchenko",
            "Rudenko", "Marchenko", "Lysenko", "Petrenko", "Yermolenko", "Kuznetsova",
            "Sokolovsky", "Lebedenko", "Kozlovsky", "Novikova", "Pavlyshyn", "Vasylenko",
            "Zakharchenko", "Mikhailova", "Fedorchuk", "Orlovsky", "Andreyeva", "Makarenko",
            "Nikitina", "Zhukovsky", "Tarasenko", "Kiselyova", "Yakovleva", "Grigorenko",
            "Romanyuk", "Vorobyova", "Sergeyenko", "Frolova", "Dmitrenko", "Korolenko",
            "Gusakova", "Titarenko", "Kuzminsky", "Baranovsky", "Kulikova", "Stepanenko",
            "Sorokina", "Tsvetkova", "Yurchenko", "Hrytsenko", "Akhmetova", "Nazarenko",
            "Mirzayeva", "Rakhimova", "Aliyeva", "Pashkevich", "Kocharova", "Sargsyana",
            "Kobakhidze", "Ozturkova", "Haddadova", "Khalilova", "Tokareva", "Zinchenko",
            "Shevchuk", "Klymenko", "Oliynyk", "Moroziuk", "Poliakova", "Honcharenko",
            "Boiko", "Karpenko", "Shcherbak", "Levchenko", "Ivanchuk", "Prokopenko",
            "Osipova", "Danylyuk", "Voloshyna", "Kharchenko", "Lukyanenko", "Ostapchuk",
            "Yatsenko", "Hnatyuk"]
TOWNS = ["Vilnius", "Tartu", "Kaunas", "Gdynia", "Brno", "Debrecen", "Plovdiv", "Varna",
         "Cluj", "Timisoara", "Bratislava", "Ljubljana", "Zagreb", "Skopje", "Tirana"]
ROLES = ["the deputy head of the grain board", "a lawyer for the dockworkers",
         "the regional health chief", "an adviser to the energy regulator",
         "the chair of the budget committee", "a researcher at a policy institute"]
FILLER = [
    "the harvest figures would be published before the end of the month",
    "negotiations over the pipeline tariff had stalled again",
    "a second round of talks was planned for the autumn",
    "the new rules would apply to exporters from the first of the year",
    "costs at the port had risen by a fifth since the spring",
    "the committee had asked for more time to study the proposal",
    "rail freight was recovering after a slow winter",
    "several smaller firms were likely to merge before the deadline",
]
LOOK_ALIKES = [
    "Delegations from Iran and Iraq met, and Iraq said Iran had promised more water.",
    "Exporters in Austria and Australia watched the ruling; Australia later appealed.",
    "Aid convoys left Sudan for South Sudan, and South Sudan thanked Sudan.",
    "Ministers from Slovakia and Slovenia met, and Slovenia signed first.",
    "Jordan hosted the meeting, and the referee Mark Jordon said Jordan had been generous.",
    "Traders in Niger and Nigeria reported shortages, and Nigeria cut fuel prices.",
]


def _diacritic(name: str):
    table = {"s": "š", "c": "č", "z": "ž", "e": "é", "o": "ö", "u": "ü", "g": "ğ"}
    for index in range(1, len(name)):
        if name[index] in table:
            return name[:index] + table[name[index]] + name[index + 1:]
    return None


#: Ways a surname gets respelled: each returns the variant or None when it does not apply.
PATTERNS = {
    "y/i": lambda n: n.replace("y", "i", 1) if "y" in n[1:] else None,
    "i/y": lambda n: n[:1] + n[1:].replace("i", "y", 1) if "i" in n[1:-1] else None,
    "kh/h": lambda n: n.replace("kh", "h", 1) if "kh" in n else None,
    "ts/tz": lambda n: n.replace("ts", "tz", 1) if "ts" in n else None,
    "v/w": lambda n: n.replace("v", "w") if "v" in n else None,
    "k/ck": lambda n: (n[:n.index("k", 1)] + "ck" + n[n.index("k", 1) + 1:]
                       if "k" in n[1:-1] and n[n.index("k", 1) - 1] in "aeiouy"
                       and n[n.index("k", 1) + 1] != "h" else None),
    "double": lambda n: next((n[:i] + n[i] + n[i:] for i in range(2, len(n) - 2)
                              if n[i] in "lnrst" and n[i - 1] in "aeiou"), None),
    "ending": lambda n: (n + "y" if n.endswith("sky") else n[:-1] + "iy") if n.endswith("y")
    else None,
    "diacritics": _diacritic,
    "dropped": lambda n: next((n[:i] + n[i + 1:] for i in range(3, len(n) - 3)
                               if n[i] in "nrlv" and n[i - 1] in "aeiou"
                               and n[i + 1] in "cdkhtz"), None),
}


def _variant(name: str, rng: random.Random):
    kinds = list(PATTERNS)
    rng.shuffle(kinds)
    for kind in kinds:
        made = PATTERNS[kind](name)
        if made and made != name:
            return kind, made
    return None, None


def synthetic_corpus(n_articles: int, seed: int = 5, plant: bool = True):
    """Articles about invented people: {name: text}, and the planted variants.

    Every person is the subject of two articles with the same first name. When `plant` is
    set, a third of the people get one respelled mention inside an article (within), and a
    third are spelled differently in their second article (across). Returns (files,
    expected) where expected holds (file name, line, kind) for every planted variant line.
    """
    rng = random.Random(seed)
    people = []
    for index in range(max(2, n_articles)):
        given = GIVEN[index % len(GIVEN)]
        surname = SURNAMES[(index * 7) % len(SURNAMES)]
        suffix = "" if index < len(SURNAMES) else _syllables(index, rng)
        people.append((given, surname + suffix))
    files: dict[str, str] = {}
    expected: list[tuple[str, int, str]] = []
    for article in range(n_articles):
        name = f"{article:05d}.txt"
        # article k is about person k (first appearance) and person k-1 (second appearance)
        lead, second = people[article], people[article - 1]
        plan = {}
        if plant and article % 3 == 0:
            kind, variant = _variant(lead[1], rng)
            if variant:
                plan["within"] = (kind, variant)
        if plant and article % 3 == 1 and article > 0:
            kind, variant = _variant(second[1], rng)
            if variant:
                plan["across"] = (kind, variant)
        lines = [f"Talks On {rng.choice(['Grain', 'Ports', 'Tariffs', 'Rail'])} Resume", ""]
        given, surname = lead
        role = rng.choice(ROLES)
        lines.append(f"{given} {surname}, {role}, said in {rng.choice(TOWNS)} on Monday that "
                     f"{rng.choice(FILLER)}.")
        for step in range(4):
            spelled = surname
            if step == 2 and "within" in plan:
                spelled = plan["within"][1]
                expected.append((name, len(lines) + 1, plan["within"][0], "within"))
            lines.append(f"According to {spelled}, {rng.choice(FILLER)}.")
        g2, s2 = second
        spelled2 = plan["across"][1] if "across" in plan else s2
        for step in range(2):
            intro = f"{g2} {spelled2}" if step == 0 else spelled2
            if "across" in plan:
                expected.append((name, len(lines) + 1, plan["across"][0], "across"))
            lines.append(f"Speaking later, {intro} said {rng.choice(FILLER)}.")
        if article % 10 == 5:
            lines.append(LOOK_ALIKES[(article // 10) % len(LOOK_ALIKES)])
        lines.append(f"The next meeting is due in {rng.choice(TOWNS)}, officials said.")
        files[name] = "\n".join(lines) + "\n"
    return files, expected


def _syllables(index: int, rng: random.Random) -> str:
    return "".join(rng.choice(["ro", "va", "ne", "li", "mo", "ta", "ku", "se"])
                   for _ in range(1 + index % 2))


def _score(files, expected, tmp_path):
    """Recall over planted lines, overall and by (scope, strength of the respelling)."""
    diags = _run(files, tmp_path)
    found = {(Path(d.path).name, d.line) for d in diags}
    planted = {(f, ln) for f, ln, _kind, _scope in expected}
    table: dict[tuple[str, str], list[int]] = {}
    for f, ln, kind, scope in expected:
        row = table.setdefault((scope, kind), [0, 0])
        row[0] += 1
        row[1] += (f, ln) in found
    recall = len(planted & found) / max(1, len(planted))
    precision = len(found & planted) / max(1, len(found))
    return recall, precision, table, sorted(found - planted)


#: Respellings that keep the transliteration key (the rest change one inner letter).
STRONG = {"y/i", "i/y", "kh/h", "ts/tz", "v/w", "k/ck", "double", "ending", "diacritics"}


def test_synthetic_corpus_recall_and_precision(tmp_path):
    files, expected = synthetic_corpus(240)
    assert len(expected) > 100
    recall, precision, table, extra = _score(files, expected, tmp_path)
    print(f"\nsynthetic corpus: {len(files)} articles, {len(expected)} planted variant lines, "
          f"recall {recall:.3f}, precision {precision:.3f}")
    for (scope, kind), (planted, hit) in sorted(table.items()):
        print(f"  {scope:<6} {kind:<11} {hit}/{planted}")

    def part(scope, strong):
        rows = [v for (s, k), v in table.items() if s == scope and (k in STRONG) == strong]
        return sum(h for _, h in rows) / max(1, sum(p for p, _ in rows))

    assert part("within", True) >= 0.95 and part("within", False) >= 0.9
    assert part("across", True) >= 0.9
    assert recall >= 0.85
    assert precision >= 0.97, extra[:10]


def test_synthetic_corpus_without_plants_is_clean(tmp_path):
    files, expected = synthetic_corpus(240, seed=9, plant=False)
    assert expected == []
    diags = _run(files, tmp_path)
    assert [(Path(d.path).name, d.line, d.message) for d in diags] == []


def test_pool_of_names_holds_no_variants_of_each_other():
    names = SURNAMES + GIVEN + TOWNS
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if variant_kind(a, b)]
    assert pairs == []


def test_name_words_keep_the_first_six_in_sorted_order():
    from newslint.names import _name_words, name_words

    many = {"Bo", "Al", "Cy", "Di", "Ed", "Fa", "Gu", "Ha"}
    packed = _name_words({"Pelykh": many, "Xi": {"Al"}, "Rivne": {"Oksana"}})
    assert packed == ("Pelykh", "Al\0Bo\0Cy\0Di\0Ed\0Fa", "Rivne", "Oksana")  # ("Xi": short)
    assert name_words(packed[1]) == ("Al", "Bo", "Cy", "Di", "Ed", "Fa")
    assert name_words(None) == ()


def test_name_words_of_the_corpus_stop_at_twelve_in_file_order():
    from newslint.checks.consistency import _NameWords

    files = [("Pelykh", "A\0B\0C\0D\0E\0F", "Rivne", "Oksana"), ("Pelykh", "G\0H\0I\0J\0K\0L"),
             ("Pelykh", "M"), ("Rivne", "Taras")]
    words = _NameWords(files)
    assert words.get("Pelykh") == set("ABCDEFGHIJKL")  # the third file came too late
    assert words.get("Rivne") == {"Oksana", "Taras"}
    assert dict(words.at_least_three()) == {"Pelykh": set("ABCDEFGHIJKL")}
