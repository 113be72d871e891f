"""Provenance rules NL101-NL105: uncited figures, placeholder citations, citation markers,
vague sources and unattributed quotes. Examples are written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.model import Severity

from .helpers import assert_attribution_search_is_plain, assert_seed_rows, lint

PROVENANCE = ["uncited_number", "placeholder_citation", "citation_marker", "vague_source",
              "unattributed_quote", "date"]


def found(text: str, code: str):
    return [d for d in lint(text, select=[code]) if d.code == code]


def spans(text: str, code: str) -> list[str]:
    """The reported text of each finding (single-line findings)."""
    lines = text.split("\n")
    return [lines[d.line - 1][d.column - 1:d.end_column - 1] for d in found(text, code)]


def test_every_must_row_of_the_seeds_is_reported():
    assert_seed_rows(PROVENANCE)


def test_rules_use_the_provenance_codes_and_categories():
    from newslint.checks import provenance, provenance_dates
    from newslint.rule import rules_in

    rules = rules_in(provenance) + rules_in(provenance_dates)
    assert len({r.code for r in rules}) == len(rules) == 9
    for rule in rules:
        assert 101 <= int(rule.code[2:]) <= 199
        assert rule.category in PROVENANCE
        assert rule.bad and rule.good and rule.explanation


def test_each_rule_reports_its_bad_example_and_not_its_good_one():
    from newslint.checks import provenance, provenance_dates
    from newslint.rule import rules_in

    for rule in rules_in(provenance) + rules_in(provenance_dates):
        assert found(rule.bad, rule.code), rule.code
        assert not found(rule.good, rule.code), rule.code


# -- NL101 uncited figure ----------------------------------------------------------------------
@pytest.mark.parametrize("sentence, figure", [
    ("The minister revealed that the bridge will cost €2.5bn to repair.", "€2.5bn"),
    ("The budget is estimated to reach £300m by next spring.", "£300m"),
    ("Losses reportedly reached 1.2 trillion rubles last year.", "1.2 trillion rubles"),
    ("Some 43 per cent of voters are believed to back the plan.", "43 per cent"),
    ("The army is said to have moved 12,000 troops to the border.", "12,000 troops"),
    ("Experts say the price of wheat has tripled since the drought.", "tripled"),
    ("It is thought that the fund holds US$4 billion in cash.", "US$4 billion"),
    ("Ticket sales are expected to rise 15% this season.", "15%"),
    ("According to reports, 2,300 homes were damaged by the storm.", "2,300 homes"),
    ("The firm reportedly paid Rs 500 crore for the licence.", "Rs 500 crore"),
])
def test_a_figure_that_leans_on_an_unnamed_source_is_a_warning(sentence, figure):
    diags = found(sentence, "NL101")
    assert [d.severity for d in diags] == [Severity.WARNING]
    assert figure in diags[0].message


def test_a_figure_with_no_source_at_all_is_info_once_per_paragraph():
    text = ("The council will spend $40 million on roads, 20% more than last year, and hire "
            "300 workers.\n\nThe mayor opened the new library on Friday.\n")
    diags = found(text, "NL101")
    assert len(diags) == 1 and diags[0].severity == Severity.INFO
    assert "$40 million" in diags[0].message and "2 more figures" in diags[0].message


@pytest.mark.parametrize("text", [
    "The ministry said the bridge will cost €2.5bn to repair.",
    "The repairs will cost €2.5bn, the finance minister told reporters on Monday.",
    "According to the national statistics office, 43 per cent of households rent.",
    "Unemployment rose to 7.5%, data from the labour ministry showed.",
    "A report by the Red Cross puts the number of displaced at 40,000 people.",
    "The IMF's World Economic Outlook forecasts growth of 2.1% next year.",
    "The clinic treated 1,200 patients last month. Its director, Ana Ruiz, wrote in an "
    "email that demand had never been higher.",
    "Exports fell 12% (https://stats.example.net/trade).",
    "NASA plans to spend $2.6 billion on the contracts, agency officials said.",
    "The number of cases is estimated by the health agency at 5,000 cases a week.",
    "Police estimated the crowd at 20,000 people.",
    "“We have 300 volunteers ready,” said Maria Lopez, who runs the shelter.",
])
def test_a_cited_figure_is_not_reported(text):
    assert found(text, "NL101") == []


@pytest.mark.parametrize("text", [
    "In 2014 people across the region voted for the first time.",
    "The meeting was moved to March 5 at 10:30 in room 204.",
    "The suspect, 45, was released on Friday, reportedly without charge.",
    "NATO's Article 5 commits members to collective defence, it is believed.",
    "Call the hotline on 0800 123 4567, which reportedly answers at night.",
    "The 3rd Infantry Division is said to be on the move.",
    "He is believed to have caught covid-19 twice.",
    "The party reportedly doubled down on its pledge after the vote.",
    "Reportedly the team played 90 minutes with ten men.",
])
def test_things_that_are_not_figures_are_not_reported(text):
    assert found(text, "NL101") == []


def test_headlines_are_judged_by_the_body_below_them():
    text = ("Storm damages 2,300 homes in coastal towns\n\n"
            "The storm hit on Sunday, officials said.\n")
    assert found(text, "NL101") == []


def test_a_source_in_another_sentence_of_the_paragraph_cites_the_figure():
    text = ("The port handled 4.2 million containers last year. The figures were published by "
            "the port authority on Tuesday.")
    assert found(text, "NL101") == []


def test_rough_counts_are_info():
    diags = found("Tens of thousands of refugees reportedly crossed the border.", "NL101")
    assert [d.severity for d in diags] == [Severity.INFO]
    assert "tens of thousands of refugees" in diags[0].message.lower()


def test_small_counts_are_not_figures_unless_configured():
    text = "Officials reportedly arrested 37 people at the march."
    assert found(text, "NL101") == []
    diags = lint(text, select=["NL101"], rules={"uncited-figure": {"min_count": 10}})
    assert [d.code for d in diags] == ["NL101"]


# -- NL102 placeholder citation ----------------------------------------------------------------
@pytest.mark.parametrize("line, shown", [
    ("The claim is disputed [citation needed] by locals.", "[citation needed]"),
    ("Read the full report here: [insert link].", "[insert link]"),
    ("Story by [Name] for the evening edition.", "[Name]"),
    ("Written by {{author}} for the weekend edition.", "{{author}}"),
    ("The figure comes from a survey (Source: ).", "(Source: )"),
    ("The deal was worth $XX million to the club.", "$XX million"),
    ("Turnout reached XX% in the capital.", "XX%"),
    ("The cost, TK, will be confirmed tomorrow.", "TK"),
    ("The mayor said TKTK about the budget.", "TKTK"),
    ("Lorem ipsum dolor sit amet, consectetur.", "Lorem ipsum dolor sit amet"),
    ("See the filing [URL] for details.", "[URL]"),
    ("As reported by [Publication Name], the talks stalled.", "[Publication Name]"),
    ("[3] Unspecified news source", "Unspecified news source"),
])
def test_placeholder_citations_are_errors(line, shown):
    diags = found(line, "NL102")
    assert len(diags) == 1 and diags[0].severity == Severity.ERROR
    assert shown in diags[0].message


def test_a_reference_list_of_placeholders_is_reported_once():
    text = ("The allies met on Monday.\n\n[1] [Source 1] [2] [Source 2] [3] [Reference 3]\n")
    diags = found(text, "NL102")
    assert len(diags) == 1 and diags[0].line == 3
    assert "3 placeholders" in diags[0].message


@pytest.mark.parametrize("text", [
    "He said the plan was “unfair [sic] to everyone.”",
    "“We told [the company] that the deal was off,” she said.",
    "“He smiled [laughs] and walked away,” the witness said.",
    "Shoppers queued outside TK Maxx before dawn.",
    "She flew on TK 1878 to Istanbul.",
    "Kick-off time (TBD) will be announced by the league.",
    "Source: Reuters",
    "An unnamed source told the paper the talks had stalled.",
    "The Super Bowl XXX halftime show was a hit.",
])
def test_editorial_brackets_and_real_names_are_not_placeholders(text):
    assert found(text, "NL102") == []


# -- NL103 citation marker ---------------------------------------------------------------------
def test_numbered_markers_in_prose_are_reported_once_per_cluster():
    text = ("The allies offered guarantees short of full membership[1][2]. Kyiv welcomed "
            "them [1, 3].\n\n[1] Reuters [2] TASS [3] The Guardian\n")
    assert spans(text, "NL103") == ["[1][2]", "[1, 3]"]


def test_a_marker_with_no_reference_entry_says_so():
    text = "The talks resumed[4].\n\n[1] Reuters\n"
    messages = [d.message for d in found(text, "NL103")]
    assert any("[4] has no reference entry" in m for m in messages)
    assert any("reference [1] is never cited" in m or "nothing in the text cites" in m
               for m in messages)


def test_markers_without_any_reference_list():
    diags = found("Prices rose sharply in May[2].", "NL103")
    assert len(diags) == 1 and "no reference list" in diags[0].message


def test_reference_entries_that_nothing_cites():
    text = "The summit ended[1].\n\n[1] Reuters [2] CNN\n"
    messages = [d.message for d in found(text, "NL103")]
    assert "reference [2] is never cited in the text" in messages


@pytest.mark.parametrize("text", [
    "The ceasefire held overnight.【3†source】",
    "The ceasefire held overnight.citeturn0news12",
    "The ceasefire held overnight. :contentReference[oaicite:3]{index=3}",
    "The ceasefire held overnight.[^2]",
])
def test_chat_assistant_markers(text):
    assert len(found(text, "NL103")) == 1


@pytest.mark.parametrize("text", [
    "“They [the rebels] will not stop,” he said.",
    "He wrote that the plan was “flawless [sic].”",
    "“I was shocked [laughs], honestly,” the actor said.",
    "The court cited section 4(2) of the act.",
    "Scores: 3-1, 2-2 and 0-0.",
])
def test_editorial_brackets_never_fire(text):
    assert found(text, "NL103") == []


# -- NL104 vague source ------------------------------------------------------------------------
@pytest.mark.parametrize("text, phrase", [
    ("Experts say the deal could collapse.", "Experts say"),
    ("It is believed the talks will resume.", "It is believed"),
    ("The minister reportedly offered to resign.", "reportedly"),
    ("According to reports, the border is closed.", "According to reports"),
    ("Sources said the vote would be delayed.", "Sources said"),
    ("Some propose a smaller force instead.", "Some propose"),
    ("Critics argue that the law goes too far.", "Critics argue"),
    ("Observers note a shift in tone.", "Observers note"),
    ("It was noted that the deadline had passed.", "It was noted"),
    ("Analysts are making gloomy predictions about growth.",
     "Analysts are making gloomy predictions"),
])
def test_vague_sources_are_info(text, phrase):
    diags = found(text, "NL104")
    assert diags and diags[0].severity == Severity.INFO
    assert phrase in diags[0].message


@pytest.mark.parametrize("text", [
    "Two sources familiar with the talks said the vote would be delayed.",
    "Government sources said the vote would be delayed.",
    "According to Reuters, the border is closed.",
    "Experts at the University of Leeds said the deal could collapse.",
    "The minister said the report was accurate.",
    "The man allegedly stole a car, police said.",
    "More people say they have cancelled their holidays, a survey found.",
])
def test_described_sources_are_not_vague(text):
    assert found(text, "NL104") == []


# -- NL105 unattributed quote ------------------------------------------------------------------
def test_a_quote_with_no_speaker_is_reported():
    text = ("Security guarantees\n\nOn March 5, 2025, it was noted that ”the notion of "
            "guarantees has become critical to any lasting peace in the region.”\n\nWhat next\n")
    text = text.replace("”the", "”The")
    diags = found(text, "NL105")
    assert len(diags) == 1 and diags[0].severity == Severity.WARNING


def test_a_stand_alone_quote_paragraph_with_no_speaker():
    text = ("The river rose overnight.\n\n“Nobody expected the water to come up this fast "
            "tonight.”\n\nRoads were closed.\n")
    assert len(found(text, "NL105")) == 1


@pytest.mark.parametrize("text", [
    "“We will not back down from this fight,” the union leader said.",
    "The union leader was blunt: “We will not back down from this fight.”",
    "She told the rally, “We will not back down from this fight.”",
    "“We will not back down from this fight.” That was the message from Ana Ruiz, "
    "who leads the union, according to a statement.",
    "Ana Ruiz, the union leader, spoke first.\n\n“We will not back down from this fight.\n\n"
    "“We have waited long enough for a fair deal.”",
    "Ana Ruiz called the offer “an insult to every worker in this building”.",
    "The film “The Man Who Knew Too Much Again” opens on Friday.",
    "They called it a “security guarantee”.",
    "“Nobody Expected The Water To Come Up”\n\nThe river rose overnight, residents said.",
    "Asked about the vote, the senator replied: “We will not back down from this fight.”",
])
def test_attributed_titles_and_scare_quotes_are_not_reported(text):
    assert found(text, "NL105") == []


def test_a_markdown_link_cites_the_figure():
    text = ("# Trade\n\nExports reportedly fell 12% last year "
            "([data](https://stats.example.net/trade)).\n\nImports reportedly rose 5% in May.\n")
    diags = [d for d in lint(text, path="article.md", select=["NL101"])]
    assert [d.line for d in diags] == [5]


ADVERSARIAL_UNITS = ["1,", "$1", "[1]", "[1", "“", "” ", "the ", "on the 1st ", "experts are ",
                     "Experts Are ", "Ab ", "March 1 ", "Monday, ", "per cent ", "thousands of ",
                     "hundreds ", "twelve thousand ", "TK ", "XX", "[insert ", "said ", "’’",
                     "according to ", "【1", "three times "]


@pytest.mark.parametrize("unit", ADVERSARIAL_UNITS)
def test_provenance_rules_stay_fast_on_adversarial_text(unit):
    """No rule backtracks badly: 20,000 characters of one repeated unit take well under 1 s
    (CPU time; typical figures are under 0.1 s on a loaded machine)."""
    import time

    from newslint.checks import provenance, provenance_dates
    from newslint.document import Document
    from newslint.rule import rules_in

    body = unit * (20_000 // len(unit))
    for text in (body, "Title\n\n" + body + "x\n", "He said " + body + ".\n"):
        doc = Document("article.txt", text)
        for rule in rules_in(provenance) + rules_in(provenance_dates):
            started = time.process_time()
            list(rule.check(doc, dict(rule.options)))
            spent = time.process_time() - started
            assert spent < 1.0, f"{rule.code} took {spent:.2f} s on a run of {unit!r}"


def test_clause_search_finds_what_a_full_scan_finds():
    from newslint.checks import provenance

    low = ("analysts are increasingly warning of a slowdown, while experts have been "
           "predicting a rebound; critics at the bank disagree and commentators voice "
           "mixed forecasts. observers had already suggesting-style notes.").lower()
    for start in range(0, len(low), 7):
        for end in (start + 40, start + 90, len(low)):
            end = min(end, len(low))
            full = [m.span() for m in provenance._VAGUE_CLAUSE.finditer(low, start, end)]
            quick = [m.span() for m in provenance._clause_matches(low, start, end)]
            assert quick == full
    assert [m.group() for m in provenance._clause_matches(low, 0, len(low))]


# -- fast searches find what the plain regular expressions find ----------------------------------
SEARCH_SAMPLE = (
    "It is believed that experts say the visit is believed to matter; resources said, and "
    "sources said it has been noted. Reportedly, critics argue, some have argued, many people "
    "say: according to some reports (source: unknown) [Source 2] [insert link] {cite} <ref> "
    "link to article. It was said that add citation here, unspecified news source; lorem "
    "ipsum. www.example.com “A quote,” he said. ''Doubled'' and ’’curly’’ marks, «guillemets» "
    "„low“ \"plain\".\n\nAnalysts were already making dire predictions; it emerged that "
    "reportedly-made claims are widely believed.")


def test_vague_phrase_search_finds_what_a_full_scan_finds():
    from newslint.checks import provenance

    low = SEARCH_SAMPLE.lower()
    for start in range(0, len(low), 11):
        for end in (start + 30, start + 120, len(low)):
            end = min(end, len(low))
            full = [m.span() for m in provenance._VAGUE_PHRASE.finditer(low, start, end)]
            quick = [m.span() for m in provenance._vague_phrase_matches(low, start, end)]
            assert quick == full
    assert provenance.vague_spans(low)


def test_placeholder_searches_find_what_full_scans_find():
    from newslint.checks import provenance

    low = SEARCH_SAMPLE.lower()
    for start in range(0, len(low), 5):
        piece = low[start:start + 80]
        assert provenance._bracket_placeholders(piece) == [
            m.span() for m in provenance._BRACKET_PLACEHOLDER.finditer(piece)]
        assert provenance._any_hint(piece) == any(
            hint in piece for hint in provenance._PHRASE_HINTS)
    assert provenance._any_hint(low) and provenance._bracket_placeholders(low)


def test_quote_marks_are_those_of_the_quote_regex():
    from newslint.checks import provenance

    for start in range(0, len(SEARCH_SAMPLE), 7):
        piece = SEARCH_SAMPLE[start:start + 90]
        expected = [m.span() for m in provenance._QUOTE_MARKS.finditer(piece)]
        for doubled in provenance._DOUBLED_QUOTES:
            at = piece.find(doubled)
            while at != -1:
                expected.append((at, at + 2))
                at = piece.find(doubled, at + 2)
        assert provenance.quote_marks(piece) == sorted(expected)


@pytest.mark.parametrize("text", [
    "Costs rose 40 per cent to $5.7bn, and 12,000 troops and tens of thousands of people "
    "left; sales tripled, a threefold rise, three times as many, two million homes, rs 500, "
    "usd \n300, eur\n 40, covid-19 and g7 aside.",
    "Paid 1.5 trillion rubles, 300m euros and ٣٠٠ people; 5bn, 12pc, ten times more.",
])
def test_figures_are_found_as_by_the_plain_number_scan(text):
    """The number scan, the cheap currency test and the merged anchor words change nothing:
    every figure is one the plain searches find around each number and anchor word."""
    import re

    from newslint.checks import provenance

    low = text.lower()
    figures = provenance.find_figures(low)
    assert figures
    numbers = [m.start() for m in re.finditer(r"\d[\d,.]*", low)]
    quick = [m.start() for m in provenance._FIGURE_NUMBER.finditer(low)]
    assert quick == numbers
    for start in range(len(low)):
        assert provenance._currency_may_end(low, start) or not \
            provenance._CURRENCY_BEFORE.search(low, max(0, start - 8), start)


# -- property tests: each shortcut finds exactly what the plain search finds ---------------------
#: pieces that make figures, currencies and attributions likely in generated text
FIGURE_PIECES = ["1", "2,5", "0.7", "٣", "１", " ", "\n", "$", "us$", "rs.", "rs", "eur", "€",
                 "£", "x", "-", "/", ":", "bn", "m ", " per cent", "%", " people", " euros",
                 " times more", "said ", "sources ", "according to ", "“", "’", "é", "ł", "_",
                 "(", "](", "http://", "www.", "source:", "told reporters", "a", "in "]
figure_texts = st.lists(st.sampled_from(FIGURE_PIECES), max_size=40).map("".join) | st.text(
    alphabet=st.characters(min_codepoint=9, max_codepoint=0x700), max_size=60)


@settings(max_examples=400, deadline=None)
@given(figure_texts)
def test_number_search_finds_what_the_number_regex_finds(text):
    from newslint.checks import provenance

    low = text.lower()
    quick = [(m.span(), m.groups()) for m in provenance._figure_numbers(low)]
    plain = [(m.span(), m.groups()) for m in provenance._FIGURE_NUMBER.finditer(low)]
    assert quick == plain


@settings(max_examples=300, deadline=None)
@given(figure_texts)
def test_the_currency_test_never_hides_a_currency(text):
    from newslint.checks import provenance

    low = text.lower()
    for start in range(len(low) + 1):
        assert provenance._currency_may_end(low, start) or not \
            provenance._CURRENCY_BEFORE.search(low, max(0, start - 8), start)


@settings(max_examples=400, deadline=None)
@given(figure_texts, st.integers(0, 30), st.integers(0, 30))
def test_attribution_search_finds_what_the_attribution_regex_finds(text, cut_start, cut_end):
    """The candidate places (word starts in the latin-1 bytes) and the link search give the
    matches of the plain regex on any slice, and the paragraph status follows from them."""
    assert_attribution_search_is_plain(text, cut_start, cut_end)


WORD_NUMBER_TEXTS = st.lists(st.sampled_from(
    ["six", "sixty", "eight", "eighty", "seven", "seventy", "ten", "twelve", "one", "-", " ",
     "\n", "per cent", "percent", "times more", "times as many", "thousand", "million",
     "people", "of", "x", "s", "y"]), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(WORD_NUMBER_TEXTS)
def test_word_number_trie_matches_as_the_plain_alternation(text):
    """The word-number trie finds what the plain list of alternatives found."""
    import re

    from newslint.checks import provenance

    plain = ("(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
             "thirty|forty|fifty|sixty|seventy|eighty|ninety)")
    for regex in (provenance._ROUGH, provenance._WORD_PERCENT, provenance._MULTIPLE):
        assert provenance._WORD_NUMBER in regex.pattern
        old = re.compile(regex.pattern.replace(provenance._WORD_NUMBER, plain))
        for start in range(len(text) + 1):
            new_match, old_match = regex.search(text, start), old.search(text, start)
            assert (new_match and (new_match.span(), new_match.groupdict())) == \
                (old_match and (old_match.span(), old_match.groupdict()))



@pytest.mark.parametrize("text", [
    "“quoted” " * 20 + "then ٣٠٠ people and 4,000 troops",  # many non-latin-1 characters
    "“quoted” " * 20 + "then 300 people and 4,000 troops",
    "a ٣٠٠ b 12 c", "? 5 ? ¹²³ 7", "",
])
def test_number_search_with_characters_outside_latin1(text):
    from newslint.checks import provenance

    low = text.lower()
    assert [m.span() for m in provenance._figure_numbers(low)] == \
        [m.span() for m in provenance._FIGURE_NUMBER.finditer(low)]
    assert provenance._only_ascii_digits(low, provenance.latin1(low)) == \
        all(ch.isascii() for ch in low if ch.isdecimal())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["reportedly", "purportedly", "supposedly", "edly", "rep", "x",
                                 " ", "-", "experts say", "it is said", "sources said", "."]),
                max_size=16).map("".join), st.integers(0, 12), st.integers(0, 12))
def test_vague_phrase_search_finds_what_the_phrase_regex_finds(text, cut_start, cut_end):
    from newslint.checks import provenance

    start, end = min(cut_start, len(text)), max(0, len(text) - cut_end)
    end = max(start, end)
    assert [m.span() for m in provenance._vague_phrase_matches(text, start, end)] == \
        [m.span() for m in provenance._VAGUE_PHRASE.finditer(text, start, end)]


@settings(max_examples=300, deadline=None)
@given(figure_texts, st.integers(0, 30), st.integers(0, 30))
def test_a_source_without_link_marks_has_no_linked_paragraph(text, cut_start, cut_end):
    """The document-wide link test only skips paragraphs `_has_link` would find unlinked."""
    from newslint.checks import provenance
    from newslint.document import Document

    doc = Document("article.txt", text)
    end = max(0, len(doc.source) - cut_end)
    assert provenance._may_hold_link(doc.source) == any(
        mark in doc.source for mark in provenance._LINK_MARKS)
    if provenance._has_link(doc, min(cut_start, end), end):
        assert provenance._may_hold_link(doc.source)


@settings(max_examples=300, deadline=None)
@given(figure_texts)
def test_word_start_bytes_mark_exactly_the_ascii_digits_as_zero(text):
    """The number search finds digits as the "0" bytes of the shared word-start copy."""
    from newslint.checks import provenance

    low = text.lower()
    starts = provenance._word_starts(low)
    assert len(starts) == len(low.encode("latin-1", "replace")) + 1 and starts[:1] == b" "
    assert [i - 1 for i, byte in enumerate(starts) if byte == 48] == \
        [i for i, ch in enumerate(low) if ch in "0123456789"]
