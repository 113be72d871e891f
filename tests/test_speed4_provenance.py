"""Speed pass 4 of the provenance rules: each shortcut checked against the plain computation
it replaces (examples written for these tests)."""

from __future__ import annotations

import re
from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st

from .helpers import assert_attribution_search_is_plain

MONTH_PIECES = ["Jan", "JAN", "January", "JANUARY", "May", "MAY", "Mar", "March", "Sept",
                "Dec", "MAN", "NATO", "SAD", "Maria", "Novak", "Marrakesh", "Mayé", "é", "K",
                "\x01", "\x01an", "a", "Z", "5", "11", "2025", " ", ", ", ".", "-", "\n", "’",
                "“", "Monday", "the ", "of ", "11th", "Aug.", "ſ", "ß", "Ω", "Ju", "ne"]
month_texts = st.lists(st.sampled_from(MONTH_PIECES), max_size=30).map("".join) | st.text(
    alphabet=st.characters(min_codepoint=0, max_codepoint=0x3000), max_size=60)


def _plain_month_words(text: str) -> list[tuple[int, int]]:
    from newslint.checks import provenance_dates

    return [m.span() for m in provenance_dates._MONTH_WORD.finditer(text)
            if not (m.start() and text[m.start() - 1].isalpha())]


@settings(max_examples=500, deadline=None)
@given(month_texts)
def test_month_words_are_those_of_the_month_regex(text):
    """The marked-bytes search finds, where no letter comes before, what the regex finds."""
    from newslint.checks import provenance_dates

    quick = [span for span in provenance_dates._month_words(text)
             if not (span[0] and text[span[0] - 1].isalpha())]
    assert quick == _plain_month_words(text)


@settings(max_examples=500, deadline=None)
@given(month_texts)
def test_the_number_gate_passes_wherever_a_day_or_year_follows(text):
    from newslint.checks import provenance_dates as dates

    low = text.lower()
    for end in range(len(low) + 1):
        if dates._DAY_AFTER.match(low, end) or dates._YEAR_AFTER.match(low, end):
            assert dates._NUMBER_AFTER.match(low, end)


@settings(max_examples=300, deadline=None)
@given(month_texts)
def test_date_scan_is_the_plain_scan(text):
    """The whole date scan against the same scan driven by the month regex."""
    from newslint.checks import provenance_dates as dates

    low = text.lower()
    if len(low) != len(text):
        return
    plain_words = dates._month_words
    try:
        dates._month_words = lambda t: [m.span() for m in dates._MONTH_WORD.finditer(t)]
        plain = dates._scan(text, low)
    finally:
        dates._month_words = plain_words
    assert dates._scan(text, low) == plain


def test_date_scan_examples():
    from newslint.checks import provenance_dates as dates

    text = ("On Monday, March 11, 2025 the MAN from NATO met Maria in Marrakesh. JAN. 5 and "
            "the 3rd of JUNE 2024; Dec 2023. You may go in May. Jan.\nSEPT 9, Novak said.")
    low = text.lower()
    facts = dates._scan(text, low)
    assert [(d.month, d.day, d.year) for d in facts.dates] == [
        (3, 11, 2025), (1, 5, None), (6, 3, 2024), (9, 9, None)]
    assert facts.dated


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["http", "](", "www.", "href=", "]", "=", "(", "w", "h", "x",
                                 "ttp", "ww.", "ref=", "\u201c"]), max_size=12).map("".join))
def test_link_test_is_any_link_mark(source):
    from newslint.checks import provenance

    assert provenance._may_hold_link(source) == any(
        mark in source for mark in provenance._LINK_MARKS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["’", "'", "’’", "''", "“", "”", "\"", "«", "»", "„", "a", " ",
                                 "é", "\u2019\u2019"]), max_size=20).map("".join))
def test_quote_marks_with_the_encoded_text_are_the_same(text):
    from newslint.checks import provenance

    encoded = text.encode("utf-8", "surrogatepass")
    assert provenance.quote_marks(text, encoded) == provenance.quote_marks(text)
    expected = sorted([m.span() for m in re.finditer(r"[\"“”«»„]", text)]
                      + [(at, at + 2) for mark in ("’’", "''")
                         for at in _non_overlapping(text, mark)])
    assert provenance.quote_marks(text, encoded) == expected


def _non_overlapping(text: str, mark: str) -> list[int]:
    found, at = [], text.find(mark)
    while at != -1:
        found.append(at)
        at = text.find(mark, at + len(mark))
    return found


@settings(max_examples=500, deadline=None)
@given(month_texts)
def test_the_inline_day_before_test_only_skips_places_with_no_day_before(text):
    """`_scan` skips `_day_before` after a space that follows a character other than a
    digit, "f", "d", "h", "t" or white space: `_day_before` finds nothing there."""
    from newslint.checks import provenance_dates as dates

    low = text.lower()
    for start in range(2, len(low) + 1):
        if low[start - 1] == " " and not (low[start - 2] in "fdht" or low[start - 2].isspace()
                                          or low[start - 2].isdecimal()):
            assert dates._day_before(low, start) is None
            assert dates._DAY_BEFORE.search(low, max(0, start - 12), start) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["T", "K", "TK", "KT", "x", " ", "“", "é", "{", "<", "<<",
                                 "< <"]), max_size=14).map("".join))
def test_one_character_gates_match_the_two_character_searches(text):
    from newslint.checks import provenance

    assert provenance._follows(text, "K", "T") == ("TK" in text)
    assert ("<" in text and "<<" in text) == ("<<" in text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["source", "sources", ":", " ", "unknown", "unspecified",
                                 "news", "add", "here", "link", "to", "article", "lorem",
                                 "ipsum", "example.com", "citation", "x", "re"]),
                max_size=14).map("".join))
def test_hint_search_by_offset_is_any_hint(low):
    from newslint.checks import provenance

    assert provenance._any_hint(low) == any(hint in low for hint in provenance._PHRASE_HINTS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["[", "]", "【", "】", "cite", "citeturn0search2", "oaicite",
                                 ":contentReference[oaicite:1]{index=1}", "[^1]", "[1]", " ",
                                 "word", "\n", "1", "x"]), max_size=12).map("".join))
def test_citation_markers_need_a_bracket_or_a_citeturn_marker(text):
    """The early return of NL103 is taken only where the full rule reports nothing."""
    from newslint.checks import provenance
    from newslint.document import Document

    doc = Document("article.txt", text)
    if "[" not in doc.text and "【" not in doc.text and "citeturn" not in doc.text:
        assert _ungated_citation_marker(doc) == []
        assert list(provenance.citation_marker(doc, {})) == []


def _ungated_citation_marker(doc):
    """NL103's body without its first test (the searches it makes for any text)."""
    from newslint.checks import provenance

    text = doc.text
    references = provenance._reference_lines(doc)
    found = [m.span() for m in provenance._MARKER_RUN.finditer(text)]
    found += [m.span() for m in provenance._CHAT_MARKER.finditer(text)]
    return found + [span for table in references.values() for span in table.values()]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", "’", "—", "٣", "५", "７", "1", "x", "Ä", " ", "€",
                                 "²", "Ω"]), max_size=60).map("".join))
def test_the_digit_test_on_the_encoded_text_is_the_plain_test(text):
    """With the text's UTF-8 form (decimal digits have no case) the answer is the same."""
    from newslint.checks import provenance

    low = text.lower()
    if len(low) != len(text):
        return
    latin = provenance.latin1(low)
    encoded = text.encode("utf-8", "surrogatepass")
    expected = all(ch.isascii() for ch in low if ch.isdecimal())
    assert provenance._only_ascii_digits(low, latin, encoded) == expected
    assert provenance._only_ascii_digits(low, latin) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["http", "HTTP", "://", "](", "WWW.", "www.", "Www.", "href=",
                                 "=", "]", "/", "x", " ", "\n\n", "`code http`", "[a](b)",
                                 "<a href=\"u\">", "“"]), max_size=12).map("".join),
       st.sampled_from(["article.txt", "article.md"]))
def test_document_link_test_is_the_source_link_test(text, path):
    from newslint.checks import provenance

    doc = _linter().read(path, text.encode("utf-8"))  # Markdown: link targets blanked
    low = provenance.lowered(doc)
    assert provenance._document_may_hold_link(doc, low) == provenance._may_hold_link(doc.source)


@lru_cache(maxsize=1)
def _linter():
    from newslint.config import Config
    from newslint.engine import Linter

    return Linter(Config())


def _plain_find_figures(low: str, min_count: int = 100) -> list[tuple[int, int, str]]:
    """`find_figures` written plainly: every number of the number regex, the currency regex
    tried before each, every anchor word found with str.find."""
    from newslint.checks import provenance as p

    found = []
    for number in p._FIGURE_NUMBER.finditer(low):
        start = number.start()
        if start and (low[start - 1].isalpha() or low[start - 1] in "-/:"):
            continue
        raw, mag, percent, currency_name, noun, times = number.groups()
        currency = p._CURRENCY_BEFORE.search(low, max(0, start - 8), start)
        kind = None
        if currency:
            start, kind = currency.start(), "money"
        elif percent:
            kind = "percent"
        elif currency_name:
            kind = "money"
        elif noun:
            if mag or p._is_large(raw, min_count):
                kind = "count"
        elif times:
            kind = "multiple"
        if kind is None:
            continue
        stop = number.end()
        if currency and not currency_name and not percent:
            stop = number.end("mag") if mag else number.end(1)
        found.append((start, stop, kind))
    searches = [(p._ROUGH_ANCHORS, lambda at: p._ROUGH.search(low, max(0, at - 20), at + 160),
                 True, None),
                (p._PERCENT_ANCHORS, lambda at: p._WORD_PERCENT.search(low, max(0, at - 30),
                                                                        at + 9), False, "percent"),
                (p._MULTIPLE_ANCHORS, lambda at: p._MULTIPLE.search(low, max(0, at - 15), at + 60),
                 True, "multiple")]
    for anchors, search, must_cover, kind in searches:
        for word, _ in anchors:
            at = low.find(word)
            while at != -1:
                match = search(at)
                if match and (not must_cover or match.start() <= at < match.end()) and \
                        p._word_start(low, match.start()):
                    found.append((match.start(), match.end(), kind or (
                        "rough" if match.group("rough") else "count")))
                at = low.find(word, at + 1)
    kept = []
    for item in sorted(found):
        if kept and item[0] < kept[-1][1]:
            continue
        kept.append(item)
    return kept


FIGURE_PIECES = ["1", "2,5", "0.7", "300", "2024", "٣", " ", "\n", "$", "us$", "rs.", "rs", "eur",
                 "€", "had ", "x", "-", "/", ":", "bn", "m ", " per cent", "%", " people",
                 " euros", " times more", "tripled", "threefold", "tens of thousands of ",
                 "two million ", "five per cent", "troops", "“", "é", "(", ",", "."]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(FIGURE_PIECES), max_size=30).map("".join))
def test_figures_are_those_of_the_plain_figure_search(text):
    from newslint.checks import provenance

    low = text.lower()
    encoded = text.encode("utf-8", "surrogatepass")
    assert provenance.find_figures(low, 100, encoded) == _plain_find_figures(low)
    assert provenance.find_figures(low) == _plain_find_figures(low)


ATTRIBUTION_PIECES = ["experts said ", "the minister said ", "it was reported ", "according to ",
                      "reports ", "sources told ", "was estimated by ", "http://x.org ",
                      "www.x ", "[a](b) ", "300 ", "people ", "Oxfam's report ", "revealed ",
                      "reportedly ", ". ", ", ", "\n", "-", "x", "said", "told reporters ",
                      "widely ", "is ", "a study by "]
attribution_texts = st.lists(st.sampled_from(ATTRIBUTION_PIECES), max_size=14).map("".join)


@settings(max_examples=500, deadline=None)
@given(attribution_texts, st.integers(0, 20), st.integers(0, 20))
def test_attributions_after_a_first_search_are_the_plain_ones(text, cut_start, cut_end):
    """`_attributions` given the first phrase (or its absence) finds what the regex finds,
    and the paragraph status read from the first attribution is the plain status."""
    assert_attribution_search_is_plain(text, cut_start, cut_end)


GATE_PIECES = ["experts", "analysts", "critics", "pundits", " are", " have", " been", " all",
               " already", " warning", " saying", " predictions", " say", " at", "\n", " ",
               "\u00a0", "\u3000", "_", "-", "“", "é", "Experts", "ARE", ",", ".", "x",
               "source", "sources", ":", " \t", "unspecified news source", "lorem ipsum",
               "example.com", "n/a", "[", "]", "insert link here", "link to article"]
gate_texts = st.lists(st.sampled_from(GATE_PIECES), max_size=16).map("".join)


@settings(max_examples=600, deadline=None)
@given(gate_texts)
def test_shared_word_gates_never_hide_a_reported_clause_or_placeholder(text):
    """Where the gates say no, the plain searches keep nothing; the spans are the plain ones."""
    from newslint.checks import provenance
    from newslint.document import Document

    doc = Document("article.txt", text)
    low = provenance.lowered(doc)
    assert provenance.document_vague_spans(doc, low) == provenance.vague_spans(low)
    clauses = [m.span() for m in provenance._VAGUE_CLAUSE.finditer(low)
               if m.start() == 0 or not low[m.start() - 1].isalnum()]
    if not ("_" in low or doc.lowered is None or
            provenance.gate_finds(provenance._CLAUSE_GATE.compiled(), doc)):
        assert clauses == []
    kept = [m.span() for m in provenance._PHRASE_PLACEHOLDER.finditer(low)
            if m.end() > m.start() and (m.group()[:1] in " \t"
                                        or provenance._word_start(low, m.start()))]
    if not provenance._hint_may_be_kept(doc, low):
        assert kept == []


def test_shared_word_gates_find_clauses_and_placeholders_in_examples():
    from newslint.checks import provenance
    from newslint.document import Document

    for text in ("Many analysts have\nbeen warning of a slowdown.",
                 "“Experts are\u00a0saying it,” she wrote.", "Source:\nnone", "x\n  sources :  \n",
                 "(unspecified news source)", "Pundits already argue so."):
        doc = Document("article.txt", text)
        low = provenance.lowered(doc)
        clause = provenance.gate_finds(provenance._CLAUSE_GATE.compiled(), doc)
        hint = provenance._hint_may_be_kept(doc, low)
        assert clause or hint, text
    doc = Document("article.txt", "Analysts have been predicting a rebound.")
    assert provenance.document_vague_spans(doc, provenance.lowered(doc)) == [(0, 29)]



def test_gates_see_white_space_outside_ascii_as_one_space():
    """White space outside ASCII ("experts\u00a0are") is one space in the word bytes, as
    the gates assume: the clause and placeholder gates still let these through."""
    from newslint.checks import provenance
    from newslint.document import Document
    from newslint.packs import phrase

    for text in ("Experts\u00a0are warning of a slowdown.", "“Experts are\u3000warning.”"):
        doc = Document("article.txt", text)
        low = provenance.lowered(doc)
        assert len(phrase.word_bytes(doc)) == len(low) + 1
        spans = provenance.vague_spans(low)
        assert spans and provenance.document_vague_spans(doc, low) == spans
    for text in ("“unspecified news source”", "é source: n/a", "—lorem ipsum—", "é\nSource:\t\n"):
        doc = Document("article.txt", text)
        low = provenance.lowered(doc)
        kept = [m.span() for m in provenance._PHRASE_PLACEHOLDER.finditer(low)
                if m.end() > m.start() and (m.group()[:1] in " \t"
                                            or provenance._word_start(low, m.start()))]
        assert kept and provenance._hint_may_be_kept(doc, low), text


MULTIPLE_PIECES = ["tripled", "doubled", "trebled", "quintupled", "threefold", "tenfold", "fold",
                   "three times", " times", " more", " as many", "sixty", "six", "twenty-",
                   "un", "_", "-", "\n", " ", "\u00a0", ",", "é", "“", "x", "prices ", "people"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(MULTIPLE_PIECES), max_size=14).map("".join))
def test_rare_multiple_gate_never_hides_a_multiple(text):
    """Where the shared word gate finds no rare multiple starting a word, skipping their
    anchor searches changes no figure."""
    from newslint.checks import provenance
    from newslint.document import Document

    doc = Document("article.txt", text)
    low = provenance.lowered(doc)
    skip = provenance._rare_multiples_skip(doc, low)
    assert provenance.find_figures(low, 100, None, skip) == provenance.find_figures(low) \
        == _plain_find_figures(low)


def test_rare_multiples_are_found_in_examples():
    from newslint.checks import provenance
    from newslint.document import Document

    for text in ("Sales tripled.", "A fivefold rise", "“Three times as many,” he said.",
                 "costs rose three times more"):
        doc = Document("article.txt", text)
        low = provenance.lowered(doc)
        assert not provenance._rare_multiples_skip(doc, low), text
        assert [f for f in provenance.find_figures(low) if f[2] == "multiple"], text


def test_every_rare_multiple_opens_the_gate():
    """Each multiple word holding a rare piece, and each word number before "times", keeps
    the rare anchor searches on (and is found as a multiple)."""
    from newslint.checks import provenance
    from newslint.document import Document

    texts = [f"Costs {word} last year." for word in provenance.vocabulary()["multiples"]
             if "pled" in word or "fold" in word]
    texts += [f"It cost {number} times more." for number in provenance._WORD_NUMBERS]
    for text in texts:
        doc = Document("article.txt", text)
        low = provenance.lowered(doc)
        assert not provenance._rare_multiples_skip(doc, low), text
        assert [f for f in provenance.find_figures(low) if f[2] == "multiple"], text


def test_every_clause_opening_and_placeholder_phrase_opens_its_gate():
    from newslint.checks import provenance
    from newslint.document import Document

    for subject in provenance._CLAUSE_SUBJECTS:
        for middle in provenance._CLAUSE_MIDDLE_WORDS:
            text = f"(Many {subject} {middle}\nsay so.)"
            doc = Document("article.txt", text)
            low = provenance.lowered(doc)
            assert provenance.gate_finds(provenance._CLAUSE_GATE.compiled(), doc), text
            spans = provenance.vague_spans(low)
            assert spans and provenance.document_vague_spans(doc, low) == spans, text
    phrases = list(provenance.vocabulary()["placeholder_phrases"]) + [
        "source:", "sources:", "source :", "sources\t: "]  # and the "Source:" line
    for phrase in phrases:
        for text in (f"See ({phrase}) here.", f"x\n{phrase}\n", f"x\n {phrase}"):
            doc = Document("article.txt", text)
            low = provenance.lowered(doc)
            kept = [m.span() for m in provenance._PHRASE_PLACEHOLDER.finditer(low)
                    if m.end() > m.start() and (m.group()[:1] in " \t"
                                                or provenance._word_start(low, m.start()))]
            if kept:
                assert provenance._hint_may_be_kept(doc, low), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["experts", "analysts", "pundits", "critics", " ", "are", "all",
                                 "already", "al", "some", "several", "s", "x", "_", "0"]),
                max_size=12).map("".join))
def test_product_clause_gate_is_the_trie_of_its_phrases(text):
    import re as re_

    from newslint.checks import provenance
    from newslint.packs import phrase

    assert all(phrase._gate_form(p) == p for p in provenance._CLAUSE_GATE_PHRASES)
    trie = re_.compile(phrase.word_gate_source(provenance._CLAUSE_GATE_PHRASES))
    product = provenance._CLAUSE_GATE.compiled()
    data = (" " + text).encode("ascii")
    for at in range(len(data) + 1):
        assert bool(product.match(data, at)) == bool(trie.match(data, at))
