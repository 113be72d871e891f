"""Consistency: one person or place, one spelling, in an article and across a corpus.

`transliteration` is a corpus rule: each document contributes the distinct name forms it
uses (counts, a few positions, the words around them), never its text, and the corpus pass
groups forms that differ the way transliterations and slips do. `house-name-style` applies
the spellings a newsroom has chosen in ``[tool.newslint.names]``.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterator, Mapping

from ..model import Finding, Fix, Related
from ..names import TITLES, fold, name_facts, normal_key, proper_nouns, skeleton
from ..names import skeleton_deletions, variant_kind
from ..rule import corpus_rule, rule

#: A blocking bucket this big is a very common skeleton, not a name's spellings: skipped.
_MAX_BUCKET = 400
#: Titles that say who someone is (unlike Mr or Dr): shared ones tie two spellings together.
_ROLE_TITLES = frozenset("""president chancellor envoy minister secretary senator governor mayor
ambassador king queen prince princess pope premier emir general commissioner spokesman
spokeswoman spokesperson judge justice director coach chief ceo chairman chairwoman sheikh
ayatollah""".split())
#: Lines listed in a message before "…".
_MAX_LINES = 8
#: Documents remembered per spelling as places to point to (the first ones, by path).
_MAX_SPOTS = 64


def _reduce_variants(facts_by_path: Mapping[str, Any], options) -> Iterator[tuple[str, Finding]]:
    house = _house_forms(options.names)
    stats = _aggregate(facts_by_path)
    common = _common_given_names(stats)
    edges = _variant_edges(stats, common, house)
    if not edges:
        return
    for path, form, finding in _report(facts_by_path, stats, edges, common):
        if form not in house:  # a spelling the house style names is NL402's, with its fix
            yield path, finding


@corpus_rule(
    code="NL401",
    name="transliteration",
    category="transliteration",
    severity="warning",
    reduce=_reduce_variants,
    bad="President Volodymyr Zelensky met envoys on Monday. Zelenskyy said talks went well.",
    good="President Volodymyr Zelensky met envoys on Monday. Zelensky said talks went well.",
)
def transliteration(doc, options) -> dict:
    """One name spelled two ways: Zelensky and Zelenskyy, Whitcoff and Witkoff.

    Names from other alphabets reach English in several spellings, and a reporter who copies
    from two wires brings both. Readers take two spellings for two people, and search and
    archives split the coverage. newslint finds the variants nobody listed, in one article and
    across every article linted together, reports the less frequent spelling and points to the
    other; look-alike names that are different places or people are left alone.
    """
    return name_facts(doc)


# -- the corpus pass ---------------------------------------------------------------------------

class _Form:
    __slots__ = ("total", "docs", "left", "right", "lower")

    def __init__(self) -> None:
        self.total = 0
        self.docs = 0
        self.lower = False  # also written in lower case somewhere: an ordinary word
        self.left: set[str] = set()
        self.right: set[str] = set()


def _house_forms(names: Mapping[str, list[str]]) -> frozenset[str]:
    out = set()
    for canonical, variants in (names or {}).items():
        out.add(canonical)
        out.update(variants)
    return frozenset(out)


def _aggregate(facts_by_path) -> dict[str, _Form]:
    stats: dict[str, _Form] = {}
    for facts in facts_by_path.values():
        if not facts:
            continue
        for form, fact in facts.items():
            entry = stats.get(form)
            if entry is None:
                entry = stats[form] = _Form()
            entry.total += fact[0]
            entry.docs += 1
            if fact[3]:
                entry.lower = True
            if fact[1] and len(entry.left) < 12:
                entry.left.update(fact[1])
            if fact[2] and len(entry.right) < 12:
                entry.right.update(fact[2])
    return stats


def _variant_edges(stats: dict[str, _Form], common: frozenset[str],
                   house: frozenset[str] = frozenset()) -> dict[tuple[str, str], tuple]:
    """Pairs of forms that are one name: (a, b) -> (kind, across documents, bare name)."""
    index: dict[str, list[str]] = defaultdict(list)
    keys: dict[str, str] = {}
    for form in stats:
        if len(fold(form)) < 4:
            continue
        skel = skeleton(form)
        keys[form] = skel
        index[skel].append(form)
        if len(skel) >= 4:
            for shorter in set(skeleton_deletions(skel)):
                if shorter != skel:
                    index[shorter].append(form)
    edges: dict[tuple[str, str], tuple] = {}
    for form, skel in keys.items():
        bucket = index[skel]
        if len(bucket) > _MAX_BUCKET:
            continue
        for other in bucket:
            if other == form:
                continue
            pair = (form, other) if form < other else (other, form)
            if pair in edges or pair[0] in house and pair[1] in house:
                continue
            judged = _judge(pair[0], pair[1], stats, common)
            if judged is not None:
                edges[pair] = judged
    return edges


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    known = proper_nouns()
    return known["places"] | known["peoples"]


def _given_names(words) -> set[str]:
    places = _places()
    return {normal_key(w) for w in words
            if fold(w) not in TITLES and fold(w) not in places and len(fold(w)) > 1}


def _role(given_before: set[str], given_after: set[str]) -> set[str]:
    """How a form is used in names: as a first name, as a surname, or either/neither."""
    if given_after and not given_before:
        return {"first"}
    if given_before and not given_after:
        return {"last"}
    return set()


def _common_given_names(stats: dict[str, _Form]) -> frozenset[str]:
    """First names (normalised) that stand before three or more different surnames."""
    return frozenset(normal_key(form) for form, entry in stats.items()
                     if len(entry.right) >= 3 and len({skeleton(w) for w in entry.right}) >= 3)


def _judge(a: str, b: str, stats: dict[str, _Form],
           common: frozenset[str]) -> tuple[str, bool, bool] | None:
    """Are two forms one name? (kind, reportable across documents, a bare name) or None."""
    kind = variant_kind(a, b)
    if kind is None:
        return None
    places = _places()
    fa, fb = fold(a), fold(b)
    if fa in TITLES or fb in TITLES:
        return None
    if kind != "diacritics":
        if fa in places and fb in places:
            return None  # Austria/Australia, Niger/Nigeria: two places
        if kind == "weak" and (fa in places or fb in places):
            return None  # Jordan the country, Jordon the surname
    sa, sb = stats[a], stats[b]
    left_a, left_b = _given_names(sa.left), _given_names(sb.left)
    right_a, right_b = _given_names(sa.right), _given_names(sb.right)
    shared = bool(left_a & left_b) or bool(right_a & right_b)
    roles = (_role(left_a, right_a), _role(left_b, right_b))
    if not shared and (roles[0] | roles[1] == {"first", "last"}
                       or ("first" in roles[0]) != ("first" in roles[1])):
        return None  # Peter/Potter, Jason/Jackson: a first name and a surname
    if not shared:
        if left_a and left_b:
            return None  # two first names: two people who share a look-alike surname
        if right_a and right_b:
            return None  # two surnames: two people with look-alike first names
    # never next to a first name or surname anywhere: a place or an organisation, which news
    # copy names on its own (a person's surname gets a first name at first mention)
    standalone = not (left_a or left_b or right_a or right_b)
    if kind == "weak":
        if sa.lower or sb.lower:
            return None  # Woman/Women: ordinary words in a title, not a name
        # a first name that many surnames follow (John, Maria) ties nothing together
        distinctive = (left_a & left_b) - common
        # a one-letter difference between two bare names counts across files only when each
        # spelling is an established one (used in two files or more)
        settled = standalone and sa.docs >= 2 and sb.docs >= 2
        return (kind, bool(distinctive or right_a & right_b) or settled, settled)
    return (kind, shared or standalone, standalone)


def _components(pairs) -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def _report(facts_by_path, stats, edges, common) -> Iterator[tuple[str, str, Finding]]:
    """(path, reported form, finding) for every line holding a less frequent spelling."""
    in_edges = {f for pair in edges for f in pair}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    across = _components(p for p, (_kind, wide, _bare) in edges.items() if wide)
    # where each cross-document form occurs: group -> form -> [(path, line, column), ...]
    places: dict[str, dict[str, list[tuple[str, int, int]]]] = defaultdict(dict)
    reported: set[tuple[str, int, str]] = set()
    per_doc: list[tuple[str, dict]] = []
    for path in sorted(facts_by_path):
        facts = facts_by_path[path]
        if not facts or in_edges.isdisjoint(facts):
            continue
        mine = {f: _expand(f, facts[f]) for f in facts if f in in_edges}
        if not mine:
            continue
        per_doc.append((path, mine))
        for form, (_count, occurrences, *_rest) in mine.items():
            group = across.get(form)
            if group is not None and occurrences:
                spots = places[group].setdefault(form, [])
                if len(spots) < _MAX_SPOTS:
                    spots.append((path, occurrences[0][2], occurrences[0][3],
                                  _context(mine[form])))
        # within the article
        for cluster in _local_clusters(mine, neighbours):
            yield from _within(path, cluster, mine, reported)
    if not across:
        return
    totals: dict[str, dict[str, int]] = defaultdict(dict)
    for form, group in across.items():
        totals[group][form] = stats[form].total
    for path, mine in per_doc:
        for form, (_count, occurrences, *_rest) in mine.items():
            group = across.get(form)
            if group is None:
                continue
            counts = totals[group]
            top = max(counts.values())
            if counts[form] == top and sum(1 for c in counts.values() if c == top) == 1:
                continue  # the corpus's usual spelling
            context = _context(mine[form])
            elsewhere = []
            for other in sorted(neighbours[form], key=lambda f: (-counts.get(f, 0), f)):
                pair = (form, other) if form < other else (other, form)
                kind, wide, bare = edges[pair]
                if not wide:
                    continue
                # the other spelling must name the same person: a shared first name or
                # surname in that very article (or, for accents alone, no name around either)
                spot = next((s for s in places[group].get(other, ())
                             if s[0] != path and _same_bearer(kind, context, s[3], common, bare)),
                            None)
                if spot is not None:
                    elsewhere.append((other, spot[:3]))
            if not elsewhere:
                continue
            yield from _across(path, form, occurrences, elsewhere, counts, stats, reported)


def _expand(form: str, fact: tuple) -> tuple:
    """A form's compact facts as (count, ((start, end, line, column), ...), left, right, lower).

    Only the first occurrence keeps its column (the one a message points to); the others
    get 0.
    """
    count, left, right, lower, column = fact[:5]
    size = len(form)
    occurrences = tuple((start, start + size, line, column if index == 5 else 0)
                        for index, start, line in zip(range(5, len(fact), 2), fact[5::2],
                                                      fact[6::2]))
    return count, occurrences, left, right, lower


def _context(fact) -> tuple[frozenset[str], frozenset[str]]:
    """The names (first names, surnames) and role titles next to a form in one document."""
    words = (*fact[2], *fact[3])
    titles = frozenset(fold(w) for w in fact[2] if fold(w) in _ROLE_TITLES)
    return frozenset(_given_names(words)), titles


def _same_bearer(kind: str, here, there, common: frozenset[str], bare: bool) -> bool:
    """Do two documents' spellings name the same bearer, judged by the words around them?"""
    (names_here, titles_here), (names_there, titles_there) = here, there
    shared = names_here & names_there
    if shared and (kind != "weak" or shared - common):
        return True  # "Steve Whitcoff" and "Steve Witkoff"
    if names_here and names_there:
        return False
    if kind != "weak" and titles_here & titles_there:
        return True  # "President Zelenskyy" and "President Volodymyr Zelensky"
    # a place or an organisation named on its own in both files
    return bare and not (names_here or names_there)


def _local_clusters(mine: dict, neighbours: dict[str, set[str]]) -> list[list[str]]:
    """Groups of this document's forms joined by variant edges inside the document."""
    pairs = [(a, b) for a in mine for b in neighbours.get(a, ()) if b in mine and a < b]
    if not pairs:
        return []
    roots = _components(pairs)
    groups: dict[str, list[str]] = defaultdict(list)
    for form, root in roots.items():
        groups[root].append(form)
    return [sorted(g) for g in groups.values() if len(g) > 1]


def _line_list(occurrences, total: int) -> str:
    """"lines 5, 26, 28", with "…" when the facts or the message hold only the first ones."""
    lines = sorted({occ[2] for occ in occurrences})
    shown = ", ".join(map(str, lines[:_MAX_LINES]))
    more = "…" if len(lines) > _MAX_LINES or total > len(occurrences) else ""
    word = "line" if len(lines) == 1 and not more else "lines"
    return f"{word} {shown}{more}"


def _within(path, cluster, mine, reported) -> Iterator[tuple[str, str, Finding]]:
    """Each line of this article holding a less frequent spelling of one of its names."""
    counts = {form: mine[form][0] for form in cluster}
    top = max(counts.values())
    leaders = [f for f, c in counts.items() if c == top]
    for form in cluster:
        if len(leaders) == 1 and form == leaders[0]:
            continue
        others = [o for o in sorted(cluster, key=lambda f: (-counts[f], f)) if o != form]
        described = "; ".join(
            f"{o} ({counts[o]}×, {_line_list(mine[o][1], counts[o])})" for o in others)
        related = tuple(Related(path, mine[o][1][0][2], mine[o][1][0][3], f"{o} is written here")
                        for o in others if mine[o][1])
        tie = " (no spelling is more frequent here)" if len(leaders) > 1 else ""
        seen_lines = set()
        for start, end, line, _column in mine[form][1]:
            if line in seen_lines:
                continue
            seen_lines.add(line)
            reported.add((path, line, form))
            yield path, form, Finding(
                start, end, f"{form}; this article also writes {described}{tie}",
                related=related)


def _short(path: str, here: str) -> str:
    """A path as the message shows it: the bare file name when both files share a folder."""
    if os.path.dirname(path) == os.path.dirname(here):
        return os.path.basename(path)
    return path


def _across(path, form, occurrences, elsewhere, counts, stats, reported):
    first_other, (other_path, other_line, other_column) = elsewhere[0]
    top = max(counts.values())
    leaders = sorted(f for f, c in counts.items() if c == top)
    docs = {f: stats[f].docs for f in counts}
    tally = ", ".join(f"{f} {counts[f]}× in {docs[f]} file{'s' if docs[f] != 1 else ''}"
                      for f in sorted(counts, key=lambda f: (-counts[f], f)))
    if len(leaders) > 1:
        verdict = f"no spelling is more frequent in this run ({tally})"
    else:
        verdict = f"{leaders[0]} is more frequent in this run ({tally})"
    message = (f"{form} here; {_short(other_path, path)}:{other_line} writes {first_other}; "
               f"{verdict}")
    related = tuple(Related(p, ln, col, f"{other} is written here")
                    for other, (p, ln, col) in elsewhere[:3])
    seen_lines = set()
    for start, end, line, _column in occurrences:
        if line in seen_lines or (path, line, form) in reported:
            continue
        seen_lines.add(line)
        yield path, form, Finding(start, end, message, related=related)


# -- house style ----------------------------------------------------------------------------------

@lru_cache(maxsize=16)
def _house_pattern(items: tuple[tuple[str, tuple[str, ...]], ...]):
    replacements = {}
    for canonical, variants in items:
        for variant in variants:
            if variant and variant != canonical:
                replacements[variant] = canonical
    if not replacements:
        return None, {}
    ordered = sorted(replacements, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w@/#.-])(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
    return pattern, replacements


@rule(
    code="NL402",
    name="house-name-style",
    category="transliteration",
    severity="warning",
    fixable=True,
    bad="Zelenskiy said on Monday… (with [tool.newslint.names] Zelenskyy = [\"Zelenskiy\"])",
    good="Zelenskyy said on Monday…",
)
def house_name_style(doc, options) -> Iterator[Finding]:
    """A name spelled in a way the house style rejects (the names table of the configuration).

    A newsroom picks one spelling for each name that travels in several (Zelenskyy or
    Zelensky, Kyiv not Kiev) so that every article and every archive search agrees. Once the
    choice is written in the configuration, each rejected spelling is reported, even in an
    article that is consistent with itself, with a fix to the chosen one.
    """
    names = options.names
    if not names:
        return
    pattern, replacements = _house_pattern(
        tuple(sorted((k, tuple(v)) for k, v in names.items())))
    if pattern is None:
        return
    for match in pattern.finditer(doc.text):
        found = match.group()
        canonical = replacements[found]
        yield Finding(match.start(), match.end(),
                      f"{found}: the house style writes {canonical}",
                      fix=Fix(match.start(), match.end(), canonical))
