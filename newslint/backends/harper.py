"""Harper (harper-py): an offline grammar checker with wheels for every platform.

Measured on published news it reports mostly names as misspellings and many style opinions,
so newslint keeps only its grammar kinds and drops the rules that misfire on edited copy
(`NOISY_ON_NEWS`, from a run over a corpus of professionally edited articles). It costs about
a second to load and tens of milliseconds per article: it is for the opt-in grammar rule.
"""

from __future__ import annotations

import threading

from .base import Backend, BackendUnavailable, Match

__all__ = ["HarperBackend", "KIND_MAP", "NOISY_ON_NEWS"]

#: Harper lint kind -> backend-neutral kind (see base.KINDS)
KIND_MAP = {
    "Spelling": "spelling",
    "Agreement": "grammar",
    "Grammar": "grammar",
    "Miscellaneous": "grammar",
    "Typo": "grammar",
    "Usage": "grammar",
    "Eggcorn": "grammar",
    "Malapropism": "grammar",
    "Repetition": "repetition",
    "Capitalization": "capitalization",
    "Punctuation": "punctuation",
    "Formatting": "spacing",
}

#: Harper rules that, on edited news, fire mostly on correct text (or on names).
NOISY_ON_NEWS = frozenset({
    "SplitWords", "MassNouns", "ItsPossessive", "QuantifierNumeralConflict",
    "MissingPreposition", "ModalBeAdjective", "ExpandMemoryShorthands", "DisjointPrefixes",
    "OrthographicConsistency", "SpellCheck", "OkToOkay", "MissingTo", "QuantifierNeedsOf",
    "NounVerbConfusion", "HyphenateNumberDay", "FillerWords", "AsSoonAsPossible",
    "TheHowWhy", "ThisTypeOfThing", "AndIn", "ForAWhile", "AWhile", "NotTo", "There",
    "PluralDecades", "Damages", "OneOfTheSingular", "ArriveTo", "TransposedSpace",
    "WhomSubjectOfVerb", "SingleBe", "TheyToThem", "WorstCaseScenario",
})

_DIALECTS = {"en-GB": "BRITISH", "en-AU": "AUSTRALIAN", "en-CA": "CANADIAN",
             "en-IN": "INDIAN"}


class HarperBackend(Backend):
    """Harper's lints, organised by rule, mapped to newslint kinds."""

    name = "harper"
    provides = frozenset({"spelling", "grammar"})
    offline = True

    def __init__(self, language: str = "en-US") -> None:
        try:
            import harper
        except ImportError:
            raise BackendUnavailable("harper-py is not installed (pip install harper-py)") \
                from None
        dialect = getattr(harper.Dialect, _DIALECTS.get(language, "AMERICAN"))
        self._linter = harper.Linter(dialect)
        self._lock = threading.Lock()  # a Linter is not thread-safe

    def check(self, text: str) -> list[Match]:
        with self._lock:
            organised = self._linter.organized_lints(text, language="plaintext")
        out = []
        for rule_id, lints in organised.items():
            for lint in lints:
                kind = KIND_MAP.get(lint.lint_kind, "style")
                if rule_id in NOISY_ON_NEWS and rule_id != "SpellCheck":
                    kind = "style"  # kept out of the grammar rule
                replacements = tuple(s.replacement_text for s in lint.suggestions
                                     if s.replacement_text)
                out.append(Match(lint.span.start, lint.span.end, kind, rule_id, lint.message,
                                 replacements[:3]))
        out.sort(key=lambda m: (m.start, m.end))
        return out
