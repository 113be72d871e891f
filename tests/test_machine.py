"""Machine writing: AI notes (NL201), template labels (NL202), stock phrases (NL203) and
synonym-spun wording (NL204)."""

from __future__ import annotations

import functools
import itertools
import sys
from pathlib import Path

import pytest

from newslint.config import Config
from newslint.engine import Linter
from newslint.model import Severity

from .helpers import assert_seed_rows, codes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PACK = Path(__file__).resolve().parent.parent / "rules" / "machine.toml"
LEAD = "Allies weigh security guarantees\n\nThe talks resumed in Brussels on Monday.\n\n"


@functools.lru_cache(maxsize=None)
def _linter(select: tuple[str, ...]) -> Linter:
    return Linter(Config(select=list(select)))


def lint(text: str, select) -> list:
    """Like helpers.lint, with one Linter per selection for the whole module (fast)."""
    return _linter(tuple(select)).lint_text(text, "article.txt")


def article(paragraph: str) -> str:
    return LEAD + paragraph + "\n\nThe next round is due in March.\n"


def reported(paragraph: str, code: str) -> list:
    return [d for d in lint(article(paragraph), select=[code]) if d.code == code]


def test_seed_rows_are_reported():
    assert_seed_rows(["ai_note", "ai_label", "ai_phrase", "spun_phrase"])


# -- ai-note (NL201) ------------------------------------------------------------------------
AI_NOTES = [
    "Note: This article is based on the provided bullet points and written in a journalistic "
    "style suitable for a general audience.",
    "As an AI language model, I cannot verify the latest casualty figures.",
    "I'm sorry, but I can't fulfil that request.",
    "I cannot fulfill this request because it involves private individuals.",
    "Here is the rewritten article in a neutral tone:",
    "Sure! Here's a news article based on the information you gave me:",
    "Certainly. Here is a revised version of the story with a stronger opening.",
    "This summary sticks to the facts given in the prompt.",
    "The article above is approximately 600 words long.",
    "(Word count: 512. Written in AP style as requested.)",
    "Please note that this piece is formatted in Markdown, with a heading for each section.",
    "This text maintains a neutral tone and avoids personal opinions.",
    "As of my last knowledge update in September 2021, the talks had not resumed.",
    "I don't have access to real-time information, so the figures may be out of date.",
    "Disclaimer: This story is a fictional scenario created for illustration.",
    "The headlines above follow the outline you supplied.",
    "I hope this helps! Let me know if you would like any changes.",
    "Feel free to adjust the tone to suit your publication.",
    "I have rewritten the article to make it more engaging for readers.",
    "This response is based solely on the given information and adds no outside sources.",
    "The minister said: [Insert quote from a government spokesperson here]",
    "This version follows your instructions and keeps every paragraph under 60 words.",
    "The following article was generated with the help of AI and checked by an editor.",
    "Would you like me to add a section on the economic impact?",
    "Note: The details come from the supplied notes; no further reporting was done.",
    "Important: This draft uses placeholders for the names of the officials.",
    "The article is written for a general audience and keeps the language simple.",
    "My knowledge cutoff means that events after 2023 are not covered here.",
    "I am just an AI, so please check these figures with the ministry.",
    "NB: the piece keeps to the requested length and uses no Markdown headings.",
    "I kept the quotes exactly as they appear in the transcript you provided.",
    "Each section follows the outline you supplied, with the figures in bold.",
]


@pytest.mark.parametrize("note", AI_NOTES)
def test_ai_note_wordings(note):
    found = reported(note, "NL201")
    assert len(found) == 1, note
    assert found[0].severity is Severity.ERROR
    assert found[0].line == 5


def _generated_notes():
    """Self-reference x production wording x frame: sentences no list spells out."""
    subjects = ["This article", "The text above", "This rewrite", "The summary below",
                "This news article", "The present draft", "This blog post", "Your article"]
    verbs = ["is based on", "draws only on", "was put together from", "strictly follows",
             "relies on", "was expanded from"]
    inputs = ["the provided bullet points", "the given information", "the supplied notes",
              "your instructions", "the prompt", "the outline provided", "the source material",
              "the key points provided"]
    frames = ["{s} {v} {i}.", "Note: {s} {v} {i}.", "(Note - {s} {v} {i}, as you asked.)"]
    for s, v, i, f in zip(itertools.cycle(subjects), itertools.cycle(verbs), inputs * 3,
                          itertools.cycle(frames)):
        yield f.format(s=s, v=v, i=i)


@pytest.mark.parametrize("note", list(_generated_notes()))
def test_ai_note_generated_wordings(note):
    assert codes(reported(note, "NL201")) == ["NL201"], note


NOT_AI_NOTES = [
    # sports and editors' notes in clean copy
    "Note: The striker was sent off for a second booking and misses the derby on Saturday.",
    "Editor's note: This story has been corrected to show that the vote was on Tuesday.",
    "This story has been updated to include information provided by the police.",
    "Information for this article was provided by the Associated Press.",
    "The Associated Press contributed to this report.",
    # the words, used for the world rather than for the text
    "As an AI researcher, she has warned about automated weapons for a decade.",
    "“As an AI language model, I cannot give medical advice,” the chatbot replied.",
    "\"I'm sorry, but I can't help you with that,\" the clerk told him.",
    "“I cannot comply with that request,” the governor wrote to the court.",
    "Here's a summary of what we know so far:",
    "Here is the full list of winners.",
    "The troops were given instructions to hold the bridge until dawn.",
    "The 300-word statement did not mention the strike.",
    "The text of the bill, which runs to 400 pages, was provided to lawmakers on Monday.",
    "The prompt payment of the bonus was welcomed by the unions.",
    "The story outlines how the company grew from a garage start-up.",
    "Officials said the tone of the meeting was constructive.",
    "He said the summary given to the committee was incomplete.",
    "I hope this helps the families move on, she said.",
    "The memo's bullet points listed three options for the cabinet.",
    "Voters were given a choice between two candidates in a neutral venue.",
    "The user interface was redesigned, the company said in its report.",
    # news about generated text is not a generator's note
    "The company said the chatbot was trained to avoid opinions and keep a neutral tone.",
    "OpenAI's guidelines tell the model to avoid speculation and use a neutral tone.",
    "Researchers fed the model bullet points and asked for a 500-word article in a "
    "journalistic style.",
    "The newspaper admitted that the article was generated by AI and apologised.",
    "In the study, the prompt asked ChatGPT to write in a news style.",
    "This report was written with the assistance of AI tools, the publisher said.",
    "I have written the story of my grandfather, the author said.",
    "Following the instructions, the pilots avoided the storm.",
    "If you want to reach us securely, here are the instructions for sending documents.",
    "(Reuters) - The prompt reaction from markets surprised the given analysts.",
]


@pytest.mark.parametrize("text", NOT_AI_NOTES)
def test_not_ai_note(text):
    assert reported(text, "NL201") == [], text


def test_ai_note_reports_once_per_paragraph_and_offers_deletion():
    note = ("Note: This article is based on the provided bullet points. It keeps a neutral "
            "tone. It is written in Markdown format.")
    text = article(note)
    found = lint(text, select=["NL201"])
    assert len(found) == 1
    fix = found[0].fix
    assert fix is not None and not fix.safe and fix.replacement == ""
    fixed = text[:fix.start] + text[fix.end:]
    assert "bullet points" not in fixed and fixed.endswith("The next round is due in March.\n")


def test_ai_note_at_end_of_a_reporting_paragraph_keeps_the_reporting():
    text = article("The ministers met for three hours. This article is based on the provided "
                   "notes.")
    found = lint(text, select=["NL201"])
    assert len(found) == 1
    fixed = text[:found[0].fix.start] + text[found[0].fix.end:]
    assert "The ministers met for three hours." in fixed and "provided" not in fixed


# -- ai-label (NL202) -----------------------------------------------------------------------
LABELS = ["Headline:", "News Article:", "Title:", "Subheadline:", "Meta description:",
          "Keywords:", "SEO title:", "**Headline:**", "## Suggested headline:", "Sub-headline:",
          "Alt text:", "Slug:", "Tags:", "Word count:", "Focus keyphrase:", "Article body:",
          "Revised article:", "Summary:", "Image prompt:", "Dek:", "Excerpt:",
          "SEO Meta Description:", "Alternative headlines:", "Article:", "TL;DR:",
          "Standfirst:", "Call to action:", "Rewritten article:", "Article Text:",
          "Headline 2:", "Title option 1:", "Headline ideas:", "Subheadline #3:"]


@pytest.mark.parametrize("label", LABELS)
def test_ai_label(label):
    for rest in ("", " Allies weigh security guarantees"):
        if rest and label.rstrip("*:").lower() in {"summary", "article", "article body",
                                                   "revised article", "rewritten article"}:
            continue  # ordinary words count as labels only alone on their line
        found = reported(label + rest, "NL202")
        assert len(found) == 1 and found[0].severity is Severity.ERROR, label + rest
        assert found[0].line == 5


def test_ai_label_generated_combinations():
    qualifiers = ["", "Suggested ", "Proposed ", "SEO ", "Alternative ", "Final ", "Catchy ",
                  "Revised ", "Blog post ", "Social media "]
    slots = ["headline", "title", "subtitle", "meta description", "keywords", "hashtags",
             "excerpt", "slug", "subhead"]
    for qualifier, slot in itertools.product(qualifiers, slots):
        label = (qualifier + slot)[:1].upper() + (qualifier + slot)[1:]
        assert codes(reported(f"{label}: Allies weigh guarantees", "NL202")) == ["NL202"], label


NOT_LABELS = [
    "Why it matters: The deal sets a precedent for the alliance.",
    "Between the lines: the vote was closer than it looked.",
    "Article 5 of the NATO treaty: an attack on one is an attack on all.",
    "Deterrence: Discouraging future aggression with a clear signal of support.",
    "Title IX: The law that changed college sport",
    "Headline inflation: prices rose 3% in the year to May.",
    "Keywords matter: the study found that search terms predict sales.",
    "He added: “We will not give up.”",
    "The headline: a record quarter for the airline.",
    "Summary judgment: the court ruled for the city.",
    "Title holders: Chelsea lost 2-1 at home.",
    "Lead singer: Jane Doe, who joined in 2010.",
    "Version tested: 2.1",
    "In his conclusion: the judge said the law was clear.",
    "The minister's title: Secretary of State for Defence.",
]


@pytest.mark.parametrize("text", NOT_LABELS)
def test_not_ai_label(text):
    assert reported(text, "NL202") == [], text


# -- ai-phrase (NL203) ----------------------------------------------------------------------
def test_ai_phrase_is_info_and_reports_every_occurrence():
    text = article("It is worth noting that the plan plays a crucial role. In conclusion, the "
                   "deal is a testament to diplomacy, and it is worth noting that it held.")
    found = lint(text, select=["NL203"])
    assert [d.message.split("“")[1].rstrip("”").lower() for d in found] == [
        "it is worth noting that", "plays a crucial role", "in conclusion",
        "a testament to", "it is worth noting that"]
    assert {d.severity for d in found} == {Severity.INFO}


@pytest.mark.parametrize("phrase", ["it's important to note", "It’s important to note",
                                    "underscoring the importance of", "delve into",
                                    "plays a pivotal role", "In summary,"])
def test_ai_phrase_variants(phrase):
    assert codes(reported(f"Officials said {phrase} the talks.", "NL203")) == ["NL203"]


def test_ai_phrase_leaves_plain_reporting_alone():
    text = article("It is worth the money, the minister said. Noting that the role was vital, "
                   "she said the plan was crucial. The summary was published.")
    assert lint(text, select=["NL203"]) == []


# -- spun-phrase (NL204) --------------------------------------------------------------------
def _spun_table() -> dict[str, str]:
    pack = tomllib.loads(PACK.read_text(encoding="utf-8"))
    (table,) = [r for r in pack["rule"] if r["code"] == "NL204"]
    assert set(table["phrases"]) == set(table["replacements"]), "every phrase has a replacement"
    return table["replacements"]


def test_every_spun_entry_is_reported_with_its_usual_wording():
    table = _spun_table()
    assert len(table) >= 200
    body = "\n\n".join(f"Officials said {spun} was discussed." for spun in table)
    found = lint(LEAD + body + "\n", select=["NL204"])
    by_line = {d.line: d for d in found}
    for number, (spun, usual) in enumerate(table.items()):
        diag = by_line.get(5 + 2 * number)
        assert diag is not None, spun
        assert diag.severity is Severity.WARNING
        assert diag.fix is not None and diag.fix.replacement.lower() == usual.lower(), spun
        assert not diag.fix.safe


def test_spun_phrase_keeps_the_capitalisation_in_the_fix():
    found = lint(article("Option Security Approaches"), select=["NL204"])
    assert [d.fix.replacement for d in found] == ["Alternative Security"]
    found = lint(article("Officials met for harmony talks in the Center East."),
                 select=["NL204"])
    assert [d.fix.replacement for d in found] == ["peace talks", "Middle East"]


NOT_SPUN = [
    "Alternative security approaches are being considered for Ukraine.",
    "Investors were given the option to buy more shares in the stock option plan.",
    "Voters face a choice between security and growth.",
    "Peace talks resumed in the Middle East after the ceasefire.",
    "Tests showed she had tried to reach the border before it closed.",
    "The offers for the club rose to £40m after the cup run.",
    "Public health officials urged people to wear face masks.",
    "The Supreme Court ruled on the case of the grand jury.",
    "Leaders of the European Association for Cancer Research met in Milan.",
]


@pytest.mark.parametrize("text", NOT_SPUN)
def test_not_spun(text):
    assert reported(text, "NL204") == [], text


def test_ai_note_when_lower_casing_changes_the_text_length():
    # "İ" lower-cases to two code points, so rules must match the original text caselessly
    text = article("The talks were held in İstanbul. NOTE: THIS ARTICLE IS BASED ON THE "
                   "PROVIDED BULLET POINTS.")
    found = lint(text, select=["NL201"])
    assert [d.line for d in found] == [5]
    assert text[found[0].start:found[0].end].startswith("NOTE:")


def test_ai_label_in_markdown():
    found = lint_path("# Talks resume\n\n**Headline:** Allies weigh guarantees\n\nText.\n",
                      "story.md", ["NL202"])
    assert [d.line for d in found] == [3]


def lint_path(text: str, path: str, select) -> list:
    return _linter(tuple(select)).lint_text(text, path)


# -- the speed-ups of the phrase kind (newslint/packs/phrase.py) --------------------------
# Each one must find exactly what a plain scan finds: they are tested against it on random
# texts built from the pieces they are most likely to get wrong.

_PIECES = ["a", "b", "ab", " ", "  ", "\t", "\n", "\n\n", ":", ".", ",", "-", "’", "é", "İ", "_",
           "1", "headline", "title", "note", "Headline:", "delve into", "it's", "in summary,",
           "ai", "aid", "here is", "(", "“", "#", "**"]


def _random_texts(count: int, seed: int = 5) -> list[str]:
    rng = __import__("random").Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30)))
            for _ in range(count)]


def test_line_start_spans_equal_finditer_for_caret_patterns():
    import re

    from newslint.document import Document
    from newslint.packs import phrase

    patterns = [r"^[ \t]*(?:headline|title)s?[ \t]*:", r"^(?:a|b)+", r"(?:^\s*note)|(?:^ab\b)",
                r"(?i:^HEADLINE:)"]
    for source in patterns:
        regex = re.compile(source, re.MULTILINE)
        assert phrase._pattern_facts(regex)[0], source
        for text in _random_texts(400):
            doc = Document("x.txt", text)
            expected = [m.span() for m in regex.finditer(doc.text)]
            assert list(phrase.line_start_spans(regex, doc.text, doc.line_starts)) == expected


def test_only_caret_patterns_that_cannot_match_empty_take_the_line_start_path():
    import re

    from newslint.packs import phrase

    for source in [r"^a|b", r"a^", r"^", r"^a*", r"(?-m:^)a", r"\bheadline:"]:
        assert not phrase._pattern_facts(re.compile(source, re.MULTILINE))[0], source
    assert not phrase._pattern_facts(re.compile(r"^a"))[0]  # no multiline mode


def test_required_mark_is_a_mark_every_match_holds():
    import re

    from newslint.packs import phrase

    cases = {r"^title:": ":", r"a(?::|;)": None, r"(?:x:)?y": None, r"x:+": ":", r"x:*": None,
             r"(?i)A:": ":", r"a|b:": None, r"a.b": None, r"(?:a;|b;)c": ";"}
    for source, mark in cases.items():
        assert phrase._pattern_facts(re.compile(source))[1] == mark, source


def test_word_gates_find_something_wherever_the_phrase_scan_does():
    import re

    from newslint.document import Document
    from newslint.packs import phrase
    from newslint.packs.trie import trie_pattern

    phrases = ["delve into", "it's", "in summary,", "ai", "here is", "a", "é b"]
    regex = re.compile(phrase.WORD_START + "(?:" + trie_pattern(phrases) + r")(?!\w)")
    gate = re.compile(phrase.word_gate_source(phrases))
    found = 0
    for text in _random_texts(3000, seed=11):
        doc = Document("x.txt", text)
        if doc.lowered is None:
            continue
        if list(phrase.word_start_spans(regex, doc.lowered)):
            found += 1
            assert gate.search(phrase.word_bytes(doc)), text
    assert found > 100  # the texts did hold phrases


def test_shared_word_gate_covers_the_shipped_phrase_rules():
    from newslint.document import Document
    from newslint.packs import phrase

    linter = _linter(("NL201", "NL203", "NL204"))
    for rule in linter.document_rules:
        for word in getattr(rule.check, "_table", {}).get("phrases", []):
            text = f"Before it, {word}. After it."
            gate = rule.check.gates[0]
            assert phrase.gate_finds(gate, Document("x.txt", text)), (rule.code, word)
    from newslint.checks import machine

    for word in machine._SELF_REPORT_WORDS | machine._PRODUCTION_WORDS:
        doc = Document("x.txt", f"“{word.upper()}”: a word of the notes.")
        assert phrase.gate_finds(machine._ANCHOR_GATE.compiled(), doc), word
    assert not phrase.shared_gate_hits(Document("x.txt", "The council met on Tuesday."))


def test_a_phrase_starting_inside_another_rules_phrase_is_still_found():
    """The shared word gate finds phrases without overlaps; a phrase of NL204 starting
    inside a phrase of NL203 ("… fast-paced world well-being organization") must still be
    reported by NL204."""
    text = article("In today's fast-paced world well-being organization staff met.")
    found = lint(text, select=["NL203", "NL204"])
    assert {d.code for d in found} == {"NL203", "NL204"}
