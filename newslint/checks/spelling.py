"""Spelling and grammar, through the backends in `newslint.backends` (decision 8).

The backend does the language work; these rules do the newsroom work: they drop what a
general-purpose checker gets wrong on news (names, acronyms, model numbers, addresses, the
newsroom's vocabulary, words the article uses on purpose) and what another newslint rule
already reports on the same span (one problem, one report).
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from ..backends import Match, grammar_backend, settings_of, spelling_backend
from ..backends.filters import (
    address_spans,
    inside_any,
    is_acronym_or_alphanumeric,
    names_in,
    overlaps_any,
)
from ..model import Finding, Fix
from ..rule import rule
from ..document import utf8_bytes
from .mechanics import repeated_word_findings, spacing_findings


def news_filter(doc, matches: Iterable[Match], options, *, kinds: frozenset[str],
                own_spans: Iterable[tuple[int, int]] = ()) -> list[Match]:
    """The backend matches of these kinds that survive the news filters.

    Dropped: a backend rule the user disabled; a word in the user's vocabulary; acronyms
    and alphanumerics (NATO, G7, COVID-19, F-16); web and e-mail addresses; for spelling,
    words the article capitalises in mid-sentence (names) or uses more than once (on
    purpose); and anything overlapping a span that a newslint rule already reports.
    """
    disabled = frozenset(settings_of(options.grammar)["disabled_rules"])
    vocabulary = options.vocabulary
    text = doc.text
    names = addresses = None
    own = list(own_spans)
    out = []
    for match in matches:
        if match.kind not in kinds or match.rule_id in disabled:
            continue
        token = text[match.start:match.end]
        word = token.strip(".,;:!?\"'“”‘’()[]").replace("’", "'")
        low = word.lower()
        if low in vocabulary or any(p in vocabulary for p in re.split(r"[\s'-]+", low) if p):
            continue
        if match.kind == "spelling":
            if is_acronym_or_alphanumeric(word):
                continue
            if names is None:
                names = names_in(text)
            if low.removesuffix("'s") in names:
                continue
            if _uses(doc, low) > 1:
                continue
        if addresses is None:
            addresses = address_spans(text)
        if inside_any(addresses, match.start, match.end):
            continue
        if own and overlaps_any(own, match.start, match.end):
            continue
        out.append(match)
    return out


def _uses(doc, word: str) -> int:
    """How often the article uses a word (whole words, any case)."""
    haystack = doc.lowered if doc.lowered is not None else doc.text.lower()
    if haystack.count(word) < 2:
        return haystack.count(word)
    return len(re.findall(rf"(?<![\w'’]){re.escape(word)}(?![\w'’])", haystack))


def _mechanics_spans(doc) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in (*spacing_findings(doc), *repeated_word_findings(doc))]


def _finding(match: Match, source: str, safe_fix: bool = False) -> Finding:
    message = match.message if source == "dictionary" else f"{match.message} ({source}: " \
        f"{match.rule_id})"
    fix = None
    if match.replacements:
        fix = Fix(match.start, match.end, match.replacements[0], safe=safe_fix)
    return Finding(match.start, match.end, message, fix=fix)


def _speller(options):
    """spelling_backend(options.grammar), asked once per options object (a linter's options
    live as long as its settings; checking the grammar table costs a tenth of the rule)."""
    store = options.__dict__
    known = store.get("_newslint_speller")
    if known is None or known[0] is not options.grammar:
        known = store["_newslint_speller"] = (options.grammar,
                                              spelling_backend(options.grammar))
    return known[1]


@rule(
    code="NL501",
    name="misspelling",
    category="spelling",
    severity="warning",
    fixable=True,
    bad="What diffrent perspectives exist on the talks?",
    good="What different perspectives exist on the talks?",
)
def misspelling(doc, options) -> Iterator[Finding]:
    """A word that looks like a typo of a common word ("diffrent" for "different").

    A typo in published copy costs credibility out of proportion to its size. By default the
    check is an offline word-list look-up of lower-case words, which ignores names and
    reports a word only when a common word is one edit away, so it stays quiet on names,
    jargon and foreign words; `grammar.spelling` can hand it to the grammar backend. Add the
    newsroom's own terms to `vocabulary`. The suggested fix is never applied automatically.
    """
    backend = _speller(options)
    if backend is not None:
        yield from _backend_findings(doc, options, backend, "spelling",
                                     own_spans=backend.name != "dictionary")


@rule(
    code="NL502",
    name="grammar",
    category="grammar",
    severity="warning",
    enabled=False,
    bad="The minister have said an voluntary scheme would follow.",
    good="The minister has said a voluntary scheme would follow.",
)
def grammar(doc, options) -> Iterator[Finding]:
    """A grammar error found by the grammar backend (Harper offline, or LanguageTool).

    Agreement errors and wrong articles slip past writers who revise in a hurry. The
    backend is chosen by `grammar.backend` ("auto" takes Harper when installed, then a
    configured LanguageTool server); only its grammar reports are kept, its rules that
    misfire on edited news are dropped, and so is any report on a span that the spacing,
    repeated-word or spelling rules already cover. Off by default: a grammar engine costs
    tens of milliseconds per article, where every other rule costs microseconds.
    """
    backend = grammar_backend(options.grammar)
    if backend is not None:
        yield from _backend_findings(doc, options, backend, "grammar", own_spans=True)


def _backend_findings(doc, options, backend, kind: str, own_spans: bool) -> Iterator[Finding]:
    """The backend's reports of one kind that survive the news filters; with `own_spans`,
    not on a span the spacing or repeated-word rules already report."""
    check_encoded = getattr(backend, "check_encoded", None)  # the dictionary's: reads bytes
    matches = (check_encoded(doc.text, utf8_bytes(doc)) if check_encoded is not None
               else backend.check(doc.text))
    if not matches:
        return
    own = _mechanics_spans(doc) if own_spans else ()
    for match in news_filter(doc, matches, options, kinds=frozenset({kind}), own_spans=own):
        yield _finding(match, backend.name)
