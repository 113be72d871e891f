"""Capitalisation: proper nouns in lower case; sentences and headings starting in lower case."""

from __future__ import annotations

import pytest

from .helpers import assert_seed_rows, lint


def _found(text: str, **config) -> list[str]:
    """The reported words, in order."""
    return [text[d.start:d.end] for d in lint(text, select=["NL403"], **config)]


def test_seed_rows_reported():
    assert_seed_rows(["capitalization"])


# -- countries, peoples, continents ---------------------------------------------------------

def test_country_nationality_and_continent_in_lower_case():
    text = "Talks on ukraine’s borders drew ukrainian and european envoys to asia.\n"
    diags = lint(text, select=["NL403"])
    assert [text[d.start:d.end] for d in diags] == ["ukraine", "ukrainian", "european", "asia"]
    assert diags[0].fix.replacement == "Ukraine" and diags[0].fix.safe
    assert "proper noun" in diags[0].message


def test_word_at_the_start_of_the_text_is_reported_once():
    diags = lint("ukraine signed the deal.\n", select=["NL403"])
    assert [(d.column, d.message) for d in diags] == [
        (1, "“ukraine” in lower case: Ukraine is a proper noun (a country, continent or region)")]


def test_hyphenated_forms_are_reported():
    assert _found("Crowds at the pro-russian rally waved flags.\n") == ["russian"]


@pytest.mark.parametrize("text", [
    "Read more at ukraine.example.org today.\n",
    "The post at https://example.org/news/ukraine was shared widely.\n",
    "Follow @ukraine and #european for updates.\n",
    "Write to press@kenya-news.example for details.\n",
    "We ate turkey, bought china plates and ordered french fries.\n",
    "They used polish on the floor and went dutch on the bill.\n",
])
def test_words_that_are_not_proper_nouns_here(text):
    assert _found(text) == []


def test_vocabulary_accepts_a_lower_case_word():
    text = "The band kenya played on Friday.\n"
    assert _found(text) == ["kenya"]
    assert _found(text, vocabulary=["kenya"]) == []


# -- names the article capitalises elsewhere ---------------------------------------------------

def test_name_capitalised_elsewhere_in_the_article():
    text = ("Officials in Tbilisi said on Monday that talks would resume. Envoys will travel "
            "to Tbilisi next week, and a delegation from Tbilisi is expected in return. "
            "Residents of tbilisi were not consulted.\n")
    diags = lint(text, select=["NL403"])
    assert [text[d.start:d.end] for d in diags] == ["tbilisi"]
    assert "Tbilisi 3× elsewhere" in diags[0].message
    assert diags[0].fix.replacement == "Tbilisi"


@pytest.mark.parametrize("text", [
    # a party name and the ordinary noun
    "Voters backed Labour in the north. Support for Labour fell in cities, where Labour "
    "lost seats. Employers relied on immigrant labour.\n",
    # a first name and the ordinary noun
    "Bill said he would vote. Later Bill changed his mind and Bill abstained. "
    "The bill passed anyway.\n",
    # a title in one place, an ordinary noun in another
    "Fans of Flight say Flight is his best film, and Flight won awards. He took a return "
    "flight home.\n",
])
def test_ordinary_words_that_double_as_names(text):
    assert _found(text) == []


# -- sentences and headings ------------------------------------------------------------------

def test_sentence_after_a_quotation_ending_in_a_full_stop():
    text = "He called the plan “illogical.” he said more aid was needed.\n"
    diags = lint(text, select=["NL403"])
    assert [text[d.start:d.end] for d in diags] == ["he"]
    assert diags[0].message == "sentence starts in lower case: “he”"
    assert diags[0].fix.replacement == "H" and not diags[0].fix.safe


def test_heading_and_paragraph_starting_in_lower_case():
    text = ("what comes next for the talks?\n\n"
            "The talks resume on Monday.\n\n"
            "besides the budget, the council discussed roads.\n")
    assert _found(text) == ["what", "besides"]


def test_sentence_in_lower_case_mid_paragraph():
    assert _found("The vote was close. given the result, a recount is likely.\n") == ["given"]


@pytest.mark.parametrize("text", [
    "“Why?” she asked. “Because we can!” he replied.\n",
    "U.S. officials met at 5 p.m. local time with the Sen. from Ohio.\n",
    "Sen. Ann Fox (R-Ky.) has opposed the bill, and Rep. Tom Lee (D., Mo.) said little.\n",
    "The “Sleep. Eat. Repeat.” campaign ran for a year.\n",
    "Prices rose, e.g. fuel and bread. iPhone sales fell. eBay shares rose.\n",
    "The options were: a) wait, b) act. Analysts et al. agreed.\n",
    "They waited... and waited.\n",
    "The fee is waived for members. i.e. those who joined before May.\n",
    "The president, Charles de Gaulle, spoke.\nde Gaulle later resigned.\n",
])
def test_not_a_lower_case_sentence_start(text):
    assert _found(text) == []


def test_list_items_after_a_colon_and_wrapped_lines():
    text = ("The plan covers three things:\n"
            "- roads and bridges;\n"
            "- schools;\n\n"
            "- and hospitals.\n\n"
            "The report was long and\n"
            "took a year to write.\n\n"
            "Contact: [email protected]\n\n"
            "| country | capital |\n")
    assert _found(text) == []


def test_bullet_under_a_heading_without_colon_is_reported():
    text = "Key points\n\n  • the role of the alliance.\n  • The budget.\n"
    assert _found(text) == ["the"]


def test_url_at_the_start_of_a_line():
    assert _found("www.example.org carries the full text.\n\nexample.org/news too.\n") == []


# -- across the files of one run (NL405) ----------------------------------------------------------

def _run(files, tmp_path):
    from newslint.config import Config
    from newslint.engine import Linter

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return Linter(Config(select=["NL405"])).run([str(tmp_path)]).diagnostics


def test_name_in_lower_case_that_other_files_capitalise(tmp_path):
    diags = _run({
        "a.txt": "Officials in Vinnytsia said talks with Vinnytsia would resume.\n",
        "b.txt": "A delegation from Vinnytsia arrived on Monday.\n",
        "c.txt": "Protests in vinnytsia continued on Monday, witnesses said.\n",
    }, tmp_path)
    assert [(d.path.rsplit("/", 1)[-1], d.line, d.column) for d in diags] == [("c.txt", 1, 13)]
    assert diags[0].message == ("“vinnytsia” in lower case; 2 other files write Vinnytsia "
                                "(a.txt:1)")
    assert diags[0].fix.replacement == "Vinnytsia"
    assert diags[0].related[0].path.endswith("a.txt")


def test_across_files_ordinary_words_and_single_witnesses_stay_quiet(tmp_path):
    files = {
        "a.txt": "Shares in Energy rose as Western buyers returned. The band Friends played.\n",
        "b.txt": "The fund Energy fell. Western allies met. Critics of Friends spoke.\n",
        "c.txt": "Demand for energy rose, with western buyers and friends of the scheme.\n",
        "d.txt": "Only one file writes Ruzyne; the others do not.\n",
        "e.txt": "Flights from ruzyne resumed on Monday.\n",
    }
    assert _run(files, tmp_path) == []


def test_across_files_needs_several_files(tmp_path):
    text = "Protests in tbilisi continued on Monday, witnesses said.\n"
    assert _run({"c.txt": text}, tmp_path) == []


# -- the quick paths (a set of the text's lower-case words; a scan only where it can match) --------

@pytest.mark.parametrize("text, expected", [
    ("Flags (ukraine) and “european” banners.\n", ["ukraine", "european"]),
    ("Delegates from\tukraine and 2 european capitals met.\n", ["ukraine", "european"]),
    ("Talks in Ankara: türkiye and Greece agreed.\n", ["türkiye"]),  # a word outside ASCII
    ("The Ukraine2 fund and ukrainex.\n", []),  # part of longer words
])
def test_proper_nouns_next_to_brackets_tabs_digits_and_accents(text, expected):
    assert _found(text) == expected


def test_name_in_lower_case_before_a_bracket_not_before_a_digit():
    # "kovalenko)" is the name in lower case; "kovalenko2" (a handle) and "Kovalenkov" are
    # other words
    text = ("Mayor Petro Kovalenko spoke. Later, Kovalenko left. Aides said Kovalenko "
            "was calm. Kovalenkov is another man. Reporters told kovalenko (twice) and "
            "wrote to kovalenko2 before Kovalenko left.\n")
    assert _found(text) == ["kovalenko"]
    assert text.index("kovalenko (") == lint(text, select=["NL403"])[0].start


def test_after_prepositions_matches_a_full_scan():
    from newslint.checks.capitalization import _AFTER_PREPOSITION, _after_prepositions

    for text in ["talks in between kyiv", "(in kyiv) and\tin\tlviv’s", "visited  odesa, from (kyiv",
                 "in into kyiv in towards kharkiv", "with lviv"]:
        assert ([m.span(1) for m in _after_prepositions(text)]
                == [m.span(1) for m in _AFTER_PREPOSITION.finditer(text)])


def test_words_after_prepositions_match_the_plain_alternation():
    import re

    from newslint.checks.capitalization import _WORD_AFTER_PREPOSITION

    plain = re.compile(r" (?=(?:in|from|of|with|by|at|near|between|against|toward|towards|"
                       r"visited)[ \t]+([a-z]{4,}))")
    for text in [" towards kyiv and toward lviv", " between odesa by kharkiv at \t dnipro",
                 " against uman in into kyiv", " visited sumy, near poltava", " atop kyiv",
                 " bygone days", " inside ternopil", " towardss kyiv"]:
        assert _WORD_AFTER_PREPOSITION.findall(text) == plain.findall(text)


def test_across_files_candidate_after_a_bracket_or_a_tab(tmp_path):
    diags = _run({
        "a.txt": "Officials in Vinnytsia said talks with Vinnytsia would resume.\n",
        "b.txt": "A delegation from Vinnytsia arrived on Monday.\n",
        "c.txt": "Protests (in vinnytsia) went on;\tfrom\tzhytomyr too.\n",
    }, tmp_path)
    assert [(d.path.rsplit("/", 1)[-1], d.column) for d in diags] == [("c.txt", 14)]


def _plain_reduce_across(facts_by_path):
    """The corpus pass of NL405 the plain way: every capitalised form of every file is
    gathered, whatever the candidates; (path, start, end, message, related) of each finding."""
    import os

    capitalised: dict[str, list] = {}
    lowered: dict[str, int] = {}
    for path in sorted(facts_by_path):
        facts = facts_by_path[path]
        if not facts:
            continue
        forms, starts, also_lower, line_starts, candidates = facts
        seen = set()
        for form, start in zip(forms, starts):
            word = form.lower()
            if len(form) < 4 or not form[1:].islower() or word in seen or word in also_lower:
                continue
            seen.add(word)
            spots = capitalised.setdefault(word, [])
            if len(spots) < 3:
                line = sum(1 for line_start in line_starts if line_start <= start)
                spots.append((path, form, line, start - line_starts[line - 1] + 1))
            elif len(spots) < 50:
                spots.append((path, form, 0, 0))
        for word in {c[0] for c in candidates}:
            lowered[word] = lowered.get(word, 0) + 1
    out = []
    for path in sorted(facts_by_path):
        for word, start, end, _line, _column in (facts_by_path[path] or ((),) * 5)[4]:
            spots = [s for s in capitalised.get(word, ()) if s[0] != path]
            if len(spots) >= 2 and lowered[word] <= 1:
                other, form, line, column = spots[0]
                out.append((path, start, end, form, os.path.basename(other), line, column,
                            len(spots)))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_across_files_pass_matches_the_plain_computation(seed):
    import random

    from newslint.checks.capitalization import _reduce_across, capitalization_across_files
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.readers import read_plain

    rng = random.Random(seed)
    places = ["Vinnytsia", "Zhytomyr", "Ruzyne", "Kherson", "Uman"]
    linter = Linter(Config(select=["NL405"]))
    options = linter.options["capitalization-across-files"]
    facts = {}
    for number in range(rng.randint(3, 12)):
        sentences = []
        for _ in range(rng.randint(1, 6)):
            place = rng.choice(places)
            if rng.random() < 0.3:
                sentences.append(f"Protests in {place.lower()} went on for days.")
            else:
                sentences.append(f"Officials said {place} was calm, and talks went on.")
        path = f"run/{number:02}.txt"
        facts[path] = capitalization_across_files(
            read_plain(path, " ".join(sentences).encode()), options)
    found = [(path, f.start, f.end, f.fix.replacement, f.message.rsplit("(", 1)[1].split(":")[0]
              .rstrip(")"), f.related[0].line, f.related[0].column,
              int(f.message.split("; ")[1].split(" ")[0].rstrip("+")))
             for path, f in _reduce_across(facts, options)]
    plain = [(p, s, e, form, other, line or 1, column or 1, n)
             for p, s, e, form, other, line, column, n in _plain_reduce_across(facts)]
    assert found == plain
