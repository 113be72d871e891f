"""The shortcuts of the fourth speed pass over the names family, each tied to the plain
computation it replaces: the rare forms `name_facts` finds in lower case, the forms a
document capitalises on its own, the facts of the corpus pass of NL405 (capitalised forms
placed only when a candidate needs them) and its preposition scan, and the corpus pass of
NL401 (what depends on the run alone made once)."""

from __future__ import annotations

import os
import random
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks.capitalization import (
    _english_words,
    _reduce_across,
    _word_hits,
    capitalization_across_files,
)
from newslint.config import Config
from newslint.engine import Linter
from newslint.names import TITLES, name_facts, name_table, proper_nouns
from newslint.readers import read_plain


def _doc(text: str, path: str = "article.txt"):
    return read_plain(path, text.encode("utf-8"))


def _whole_word_in(text: str, word: str) -> bool:
    """Does `word` stand in the text between non-letters? (every occurrence tried)"""
    size = len(word)
    for start in range(len(text) - size + 1):
        if text[start:start + size] != word:
            continue
        before = text[start - 1] if start else " "
        after = text[start + size] if start + size < len(text) else " "
        if not before.isalpha() and not after.isalpha():
            return True
    return False


_WORDS = ["Pelykh", "pelykh", "Tromsø", "tromsø", "Rivne", "rivne", "Valparaíso",
          "valparaíso", "O’Brien", "o’brien", "Kovalenko", "kovalenko2", "Kovalenkov",
          "met", "the", "said", "and", "Ukraine", "ukraine", "Mayor", "Gdańsk", "gdańskx"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40),
       st.lists(st.sampled_from([" ", " ", ". ", ", ", "\n", "-", "’s "]), min_size=40,
                max_size=40))
def test_rare_forms_in_lower_case_match_the_plain_lookup(words, gaps):
    text = "Reporters said " + "".join(w + g for w, g in zip(words, gaps))
    doc = _doc(text)
    facts = name_facts(doc)
    counts = name_table(_doc(text)).counts
    plain = tuple(form for form, count in counts.items()
                  if count <= 3 and len(form) >= 5 and _whole_word_in(text, form.lower()))
    assert (facts[1] if facts else ()) == plain


def test_rare_forms_in_lower_case_when_every_form_is_plain_ascii():
    text = ("Officials met Mayor Pelykh in Rivne. Later pelykh said rivneka was calm, "
            "and Rivnes voted.\n")
    assert name_facts(_doc(text))[1] == ("Pelykh",)
    assert name_facts(_doc(text.replace("pelykh", "Pelykh")))[1] == ()


# -- NL405: the facts and the corpus pass, against the per-form computation they replace ----

def _plain_capitalised(doc) -> list[tuple[str, str, int, int]]:
    """(lower case, form, line, column) of each form the document capitalises on its own,
    computed form by form: the first form of each lower case, of four letters or more, the
    rest of it in lower case, no title or ambiguous word, not written in lower case too."""
    ambiguous = proper_nouns()["ambiguous"]
    out, seen = [], set()
    for form, (_count, start) in name_table(doc).standalone.items():
        lower = form.lower()
        if len(form) < 4 or not form[1:].islower() or lower in seen:
            continue
        if lower in TITLES or lower in ambiguous:
            continue
        seen.add(lower)
        if _word_hits(doc.text, lower):
            continue
        line = bisect_right(doc.line_starts, start)
        out.append((lower, form, line, start - doc.line_starts[line - 1] + 1))
    return out


def _plain_across(docs: dict, candidates: dict) -> list[tuple]:
    """The corpus pass of NL405 over `_plain_capitalised`: (path, start, end, form, other
    file, line, column, other files) of each finding."""
    capitalised: dict[str, list] = {}
    lowered: dict[str, int] = {}
    for path in sorted(docs):
        for lower, form, line, column in _plain_capitalised(docs[path]):
            spots = capitalised.setdefault(lower, [])
            if len(spots) < 3:
                spots.append((path, form, line, column))
            elif len(spots) < 50:
                spots.append((path, form, 0, 0))
        for word in {c[0] for c in candidates[path]}:
            lowered[word] = lowered.get(word, 0) + 1
    out = []
    for path in sorted(docs):
        for word, start, end, _line, _column in candidates[path]:
            spots = [s for s in capitalised.get(word, ()) if s[0] != path]
            if len(spots) >= 2 and lowered[word] <= 1:
                other, form, line, column = spots[0]
                out.append((path, start, end, form, os.path.basename(other), line or 1,
                            column or 1, len(spots)))
    return out


_PLACES = ["Vinnytsia", "Zhytomyr", "Ruzyne", "Kherson", "Tbilisi", "Ödesa", "O’Brien",
           "President", "Lviv", "Poltava", "KYIV", "Jordan"]


def _sentence(rng: random.Random) -> str:
    place = rng.choice(_PLACES)
    roll = rng.random()
    if roll < 0.3:
        return f"Protests in {place.lower()} went on."
    if roll < 0.4:
        return f"\nFrom {place.lower()} came news;\tand {place}’s mayor said."
    if roll < 0.5:
        return f"The {place} plan and {place} {rng.choice(_PLACES)} spoke."
    return f"Officials said {place} was calm, and talks went on.\n"


@pytest.mark.skipif(_english_words() is None, reason="no English word list")
@pytest.mark.parametrize("seed", range(40))
def test_across_files_facts_give_what_the_per_form_computation_gave(seed):
    rng = random.Random(seed)
    options = Linter(Config(select=["NL405"])).options["capitalization-across-files"]
    texts = {f"run/{number:02}.txt": " ".join(_sentence(rng) for _ in range(rng.randint(1, 9)))
             for number in range(rng.randint(2, 14))}
    facts = {path: capitalization_across_files(_doc(text, path), options)
             for path, text in texts.items()}
    candidates = {path: (found[4] if found else ()) for path, found in facts.items()}
    found = [(path, f.start, f.end, f.fix.replacement,
              f.message.rsplit("(", 1)[1].split(":")[0].rstrip(")"), f.related[0].line,
              f.related[0].column, int(f.message.split("; ")[1].split(" ")[0].rstrip("+")))
             for path, f in _reduce_across(facts, options)]
    docs = {path: _doc(text, path) for path, text in texts.items()}
    assert found == _plain_across(docs, candidates)


# -- NL401: the corpus pass, against the same pass with nothing made once per group --------

def _plain_across_findings(facts_by_path, stats, edges, common) -> list[tuple]:
    """The cross-document findings of `_report`, each decided from scratch: (path, start,
    end, message, related) in order."""
    from collections import Counter, defaultdict

    from newslint.checks.consistency import _components, _context, _same_bearer, _short
    from newslint.names import name_places

    in_edges = {f for pair in edges for f in pair}
    neighbours = defaultdict(set)
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    across = _components(p for p, (_kind, wide, _bare) in edges.items() if wide)
    places = defaultdict(dict)
    per_doc = []
    for path in sorted(facts_by_path):
        facts = facts_by_path[path]
        if not facts or in_edges.isdisjoint(facts[0]):
            continue
        mine = name_places(facts, in_edges)
        per_doc.append((path, mine))
        for form, (_count, occurrences, *_rest) in mine.items():
            group = across.get(form)
            if group is not None and occurrences:
                spots = places[group].setdefault(form, [])
                if len(spots) < 64:
                    spots.append((path, occurrences[0][2], occurrences[0][3],
                                  _context(mine[form])))
    mentions = Counter()
    for _path, mine in per_doc:
        for form, (count, *_rest) in mine.items():
            mentions[form] += count
    out = []
    for path, mine in per_doc:
        for form, (_count, occurrences, *_rest) in mine.items():
            group = across.get(form)
            if group is None:
                continue
            counts = {f: mentions[f] for f, g in across.items() if g == group}
            top = max(counts.values())
            leaders = sorted(f for f, c in counts.items() if c == top)
            if leaders == [form]:
                continue
            elsewhere = []
            for other in sorted(neighbours[form], key=lambda f: (-counts.get(f, 0), f)):
                kind, wide, bare = edges[tuple(sorted((form, other)))]
                if not wide:
                    continue
                for spot in places[group].get(other, ()):
                    if spot[0] != path and _same_bearer(kind, _context(mine[form]), spot[3],
                                                        common, bare):
                        elsewhere.append((other, spot[:3]))
                        break
            if not elsewhere:
                continue
            tally = ", ".join(
                f"{f} {counts[f]}× in {stats.docs[f]} file{'s' if stats.docs[f] != 1 else ''}"
                for f in sorted(counts, key=lambda f: (-counts[f], f)))
            verdict = (f"no spelling is more frequent in this run ({tally})" if len(leaders) > 1
                       else f"{leaders[0]} is more frequent in this run ({tally})")
            first_other, (other_path, other_line, _column) = elsewhere[0]
            message = (f"{form} here; {_short(other_path, path)}:{other_line} writes "
                       f"{first_other}; {verdict}")
            related = [(p, ln, col, f"{other} is written here")
                       for other, (p, ln, col) in elsewhere[:3]]
            seen_lines = set()
            for start, end, line, _col in occurrences:
                if line not in seen_lines:
                    seen_lines.add(line)
                    out.append((form, path, start, end, message, related))
    return out


_PEOPLE = ["President Volodymyr Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr Zelenskyy",
           "Steve Witkoff", "Steve Whitcoff", "Witkoff", "Hezbollah", "Hizbollah",
           "Mr Tchaikovsky", "Chaikovsky", "Oksana Pelykh", "Taras Pelykh"]


@pytest.mark.parametrize("seed", range(30))
def test_corpus_variants_pass_matches_the_pass_decided_from_scratch(seed):
    from newslint.checks.consistency import (
        _aggregate,
        _common_given_names,
        _report,
        _variant_edges,
    )

    rng = random.Random(seed)
    texts = {f"run/{number:02}.txt": " ".join(
        f"Officials said {rng.choice(_PEOPLE)} met {rng.choice(_PEOPLE)} on Monday."
        + ("\n" if rng.random() < 0.3 else "") for _ in range(rng.randint(1, 6)))
        for number in range(rng.randint(2, 16))}
    facts = {path: name_facts(_doc(text, path)) for path, text in texts.items()}
    stats = _aggregate(facts)
    common = _common_given_names(stats)
    edges = _variant_edges(stats, common)
    findings = list(_report(facts, stats, edges, common))
    # (a line reported within its article is not reported again, for that form, across files)
    reported = {(path, _doc(texts[path]).position(f.start)[0], form)
                for path, form, f in findings if "this article also writes" in f.message}
    found = [(path, f.start, f.end, f.message,
              [(r.path, r.line, r.column, r.message) for r in f.related])
             for path, _form, f in findings if "this article also writes" not in f.message]
    plain = [row[1:] for row in _plain_across_findings(facts, stats, edges, common)
             if (row[1], _doc(texts[row[1]]).position(row[2])[0], row[0]) not in reported]
    assert found and found == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["in", "into", "from", "of", "with", "by", "between", "at", "against", "near", "toward",
     "towards", "towardss", "visited", "kyiv", "lviv", "uman", "odesa", "Kyiv", "atop",
     "bygone", "x"]), max_size=30),
       st.lists(st.sampled_from([" ", " ", "  ", "\t", " \t ", ", ", "\n", "-"]), min_size=30,
                max_size=30))
def test_words_after_prepositions_match_the_overlapping_lookahead(words, gaps):
    import re

    from newslint.checks.capitalization import _WORD_AFTER_PREPOSITION

    lookahead = re.compile(r" (?=(?:in|from|of|with|by|at|near|between|against|toward|"
                           r"towards|visited)[ \t]+([a-z]{4,}))")
    text = " " + "".join(w + g for w, g in zip(words, gaps))
    assert _WORD_AFTER_PREPOSITION.findall(text) == lookahead.findall(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["Oksana", "Pelykh", "the", "The", "THE", "tHe", "Alliance", "NATO", "met", "in", "von",
     "der", "Leyen", "Rivne", "said", "A", "Zoë", "anti-Pelykh", "Kyiv’s"]), max_size=50),
       st.lists(st.sampled_from([" ", " ", " ", ". ", ", ", "\n", "  ", " - "]), min_size=50,
                max_size=50))
def test_standalone_forms_match_the_plain_computation(words, gaps):
    from newslint.names import mentions

    text = "Reporters said " + "".join(w + g for w, g in zip(words, gaps))
    plain: dict[str, list[int]] = {}
    for mention in mentions(_doc(text)):
        start = mention.start
        if mention.initial or mention.left or mention.right:
            continue
        if start >= 4 and text[start - 4:start].lower() == "the ":
            continue  # "the Alliance": a common noun given a capital
        if mention.form in plain:
            plain[mention.form][0] += 1
        else:
            plain[mention.form] = [1, start]
    standalone = name_table(_doc(text)).standalone
    assert list(standalone.items()) == list(plain.items())
