"""Consistency: one person or place, one spelling, in an article and across a corpus.

`transliteration` is a corpus rule: each document contributes the distinct name forms it
uses (counts, a few positions, the words around them), never its text, and the corpus pass
groups forms that differ the way transliterations and slips do. `house-name-style` applies
the spellings a newsroom has chosen in ``[tool.newslint.names]``.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict, deque
from functools import lru_cache
from itertools import chain, repeat
from typing import Any, Iterator, Mapping

from ..model import Finding, Fix, Related
from ..names import TITLES, fold, name_facts, name_places, normal_key, proper_nouns, skeleton
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
def transliteration(doc, options) -> tuple:
    """One name spelled two ways: Zelensky and Zelenskyy, Whitcoff and Witkoff.

    Names from other alphabets reach English in several spellings, and a reporter who copies
    from two wires brings both. Readers take two spellings for two people, and search and
    archives split the coverage. newslint finds the variants nobody listed, in one article and
    across every article linted together, reports the less frequent spelling and points to the
    other; look-alike names that are different places or people are left alone.
    """
    return name_facts(doc)


# -- the corpus pass ---------------------------------------------------------------------------

class _Stats:
    """Every form of the corpus summed up: files, the name words next to it, and whether
    some file also writes it in lower case (an ordinary word)."""

    __slots__ = ("docs", "lower", "left", "right")

    def __init__(self, docs: Counter, lower: set[str], left: _NameWords,
                 right: _NameWords) -> None:
        self.docs = docs
        self.lower = lower
        self.left = left
        self.right = right


def _house_forms(names: Mapping[str, list[str]]) -> frozenset[str]:
    out = set()
    for canonical, variants in (names or {}).items():
        out.add(canonical)
        out.update(variants)
    return frozenset(out)


#: The name words kept per form and side: a form stops gathering them once it has this many.
_MAX_WORDS = 12


def _aggregate(facts_by_path) -> _Stats:
    """Sum up every file's `name_facts`, in C where it can: a Counter over the forms, and the
    name words next to each form grouped by form before any Python step. (How often a form
    is used is summed later, by `_report`, for the few forms that need it.)"""
    every = [facts for facts in facts_by_path.values() if facts]
    docs = Counter(chain.from_iterable(facts[0] for facts in every))
    lower = set(chain.from_iterable(facts[1] for facts in every))
    return _Stats(docs, lower, _NameWords([facts[2] for facts in every]),
                  _NameWords([facts[3] for facts in every]))


class _NameWords:
    """form -> the name words next to it in the corpus: the words of its files in order,
    until it has `_MAX_WORDS` or more (the files after that add none). Each file's words
    are grouped by form by C calls; a form's set is made the first time it is asked for
    (most forms never are)."""

    __slots__ = ("groups", "made")

    def __init__(self, sides: list[tuple]) -> None:
        forms = list(chain.from_iterable(side[::2] for side in sides))
        self.groups: dict[str, list[str]] = {}
        deque(map(list.append, map(self.groups.setdefault, forms,
                                   map(list, repeat((), len(forms)))),
                  chain.from_iterable(side[1::2] for side in sides)), 0)
        self.made: dict[str, set[str]] = {}

    def get(self, form: str, default=()):
        found = self.made.get(form)
        if found is None:
            joined = self.groups.get(form)
            if joined is None:
                return default
            found = set(joined[0].split("\0"))
            for words in joined[1:]:
                if len(found) >= _MAX_WORDS:
                    break
                found.update(words.split("\0"))
            self.made[form] = found
        return found

    def at_least_three(self) -> Iterator[tuple[str, set[str]]]:
        """(form, words) for the forms with three words or more."""
        for form, joined in self.groups.items():
            if len(joined) == 1 and joined[0].count("\0") < 2:
                continue  # (most forms: one file, fewer than three words)
            found = self.get(form)
            if len(found) >= 3:
                yield form, found


def _variant_edges(stats: _Stats, common: frozenset[str],
                   house: frozenset[str] = frozenset()) -> dict[tuple[str, str], tuple]:
    """Pairs of forms that are one name: (a, b) -> (kind, across documents, bare name)."""
    index: dict[str, list[str]] = defaultdict(list)
    keys: dict[str, str] = {}
    for form in stats.docs:
        if len(form) < 3 or len(fold(form)) < 4:  # (the facts hold shorter forms too)
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


def _common_given_names(stats: _Stats) -> frozenset[str]:
    """First names (normalised) that stand before three or more different surnames."""
    return frozenset(normal_key(form) for form, right in stats.right.at_least_three()
                     if len({skeleton(w) for w in right}) >= 3)


def _judge(a: str, b: str, stats: _Stats,
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
    left_a, left_b = _given_names(stats.left.get(a, ())), _given_names(stats.left.get(b, ()))
    right_a = _given_names(stats.right.get(a, ()))
    right_b = _given_names(stats.right.get(b, ()))
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
        if a in stats.lower or b in stats.lower:
            return None  # Woman/Women: ordinary words in a title, not a name
        # a first name that many surnames follow (John, Maria) ties nothing together
        distinctive = (left_a & left_b) - common
        # a one-letter difference between two bare names counts across files only when each
        # spelling is an established one (used in two files or more)
        settled = standalone and stats.docs[a] >= 2 and stats.docs[b] >= 2
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
    per_doc: list[tuple[str, dict, dict]] = []
    for path in sorted(facts_by_path):
        facts = facts_by_path[path]
        if not facts or in_edges.isdisjoint(facts[0]):
            continue
        mine = name_places(facts, in_edges)
        contexts: dict[str, tuple] = {}  # (kept for the second pass)
        per_doc.append((path, mine, contexts))
        for form, (_count, occurrences, *_rest) in mine.items():
            group = across.get(form)
            if group is not None and occurrences:
                spots = places[group].setdefault(form, [])
                if len(spots) < _MAX_SPOTS:
                    context = contexts[form] = _context(mine[form])
                    spots.append((path, occurrences[0][2], occurrences[0][3], context))
        # within the article
        for cluster in _local_clusters(mine, neighbours):
            yield from _within(path, cluster, mine, reported)
    if not across:
        return
    # every file holding a cross-document form is in per_doc: its mentions sum up there
    mentions: Counter[str] = Counter()
    for _path, mine, _contexts in per_doc:
        for form, (count, *_rest) in mine.items():
            mentions[form] += count
    totals: dict[str, dict[str, int]] = defaultdict(dict)
    for form, group in across.items():
        totals[group][form] = mentions[form]
    # what depends on the corpus alone, made once: each group's usual spelling (None when
    # no spelling is more frequent) and verdict, and each form's wide variants in the order
    # they are tried
    usual: dict[str, str | None] = {}
    verdicts: dict[str, str] = {}
    for group, counts in totals.items():
        top = max(counts.values())
        leaders = sorted(f for f, c in counts.items() if c == top)
        usual[group] = leaders[0] if len(leaders) == 1 else None
        verdicts[group] = _verdict(counts, leaders, stats)
    tried: dict[str, list[tuple[str, str, bool]]] = {}
    for path, mine, contexts in per_doc:
        for form, (_count, occurrences, *_rest) in mine.items():
            group = across.get(form)
            if group is None or usual[group] == form:
                continue  # the corpus's usual spelling
            others = tried.get(form)
            if others is None:
                counts = totals[group]
                others = tried[form] = [
                    (other, kind, bare)
                    for other in sorted(neighbours[form], key=lambda f: (-counts.get(f, 0), f))
                    for kind, wide, bare in (edges[(form, other) if form < other
                                                   else (other, form)],)
                    if wide]
            context = contexts.get(form)
            if context is None:
                context = _context(mine[form])
            group_places = places[group]
            elsewhere = []
            for other, kind, bare in others:
                # the other spelling must name the same person: a shared first name or
                # surname in that very article (or, for accents alone, no name around either)
                spot = next((s for s in group_places.get(other, ())
                             if s[0] != path and _same_bearer(kind, context, s[3], common, bare)),
                            None)
                if spot is not None:
                    elsewhere.append((other, spot[:3]))
            if not elsewhere:
                continue
            yield from _across(path, form, occurrences, elsewhere, verdicts[group], reported)


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


def _verdict(counts: dict[str, int], leaders: list[str], stats: _Stats) -> str:
    """The end of a cross-document message: which spelling the run prefers, and the tally."""
    docs = {f: stats.docs[f] for f in counts}
    tally = ", ".join(f"{f} {counts[f]}× in {docs[f]} file{'s' if docs[f] != 1 else ''}"
                      for f in sorted(counts, key=lambda f: (-counts[f], f)))
    if len(leaders) > 1:
        return f"no spelling is more frequent in this run ({tally})"
    return f"{leaders[0]} is more frequent in this run ({tally})"


def _across(path, form, occurrences, elsewhere, verdict, reported):
    first_other, (other_path, other_line, other_column) = elsewhere[0]
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
