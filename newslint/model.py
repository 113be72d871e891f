"""Plain immutable data that flows through the engine: severities, findings, diagnostics.

Rules produce `Finding`s in code-point offsets; only the engine turns them into
`Diagnostic`s with 1-based line and column (see ARCHITECTURE decision 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import IntEnum
from operator import attrgetter

__all__ = [
    "CATEGORIES",
    "Diagnostic",
    "Finding",
    "Fix",
    "Related",
    "Severity",
]


class Severity(IntEnum):
    """How loud a report is; ordered so a threshold is a comparison."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls[str(value).strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {value!r} (expected error, warning or info)"
            ) from None

    def __str__(self) -> str:
        # (a table, not self.name.lower(): enum's name property is slow, and a formatter
        # asks once per diagnostic)
        return _SEVERITY_NAMES[self._value_]


_SEVERITY_NAMES = {member.value: member.name.lower() for member in Severity}


#: The shared category vocabulary (docs/categories.md). Every rule declares one.
CATEGORIES: frozenset[str] = frozenset(
    {
        # provenance
        "uncited_number", "placeholder_citation", "citation_marker", "vague_source",
        "unattributed_quote", "date",
        # machine writing
        "ai_note", "ai_label", "ai_phrase", "spun_phrase",
        # residue and garbling
        "boilerplate", "obfuscated_email", "garbled_splice", "garbled_byline", "duplicate",
        "broken_table", "stray_markup", "mojibake", "unbalanced_quote",
        "wrong_quote_direction",
        # consistency
        "transliteration", "capitalization",
        # mechanics
        "spelling", "grammar", "repeated_word", "spacing",
        # readability
        "readability",
        # engine
        "input_error",
    }
)


def _pickled_by_fields(cls):
    """Pickle instances as a call of the class with their field values. The default for a
    frozen slots dataclass goes through Python-level __getstate__/__setstate__ per object;
    this is about twice as fast, and diagnostics cross a process boundary in every parallel
    run (a worker's results are pickled, the main process unpickles them)."""
    values = attrgetter(*(f.name for f in fields(cls)))
    cls.__reduce__ = lambda self: (cls, values(self))
    return cls


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Fix:
    """Replace text[start:end] (code-point offsets into the document) with `replacement`.

    `safe` fixes are applied by `--fix`; the others need `--unsafe-fixes`.
    """

    start: int
    end: int
    replacement: str
    safe: bool = True


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Related:
    """A pointer to another place that explains a report (the first copy, the other spelling)."""

    path: str
    line: int
    column: int = 1
    message: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: a span of the document's text and a message.

    `start`/`end` are code-point offsets into `Document.text`, end exclusive. A rule may
    override its default severity for one finding (for example a weaker signal).
    """

    start: int
    end: int
    message: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    severity: Severity | None = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One report as users see it. Lines and columns are 1-based; `end_column` is exclusive
    (it points at the character after the span), as in SARIF and LSP."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    category: str
    severity: Severity
    message: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    url: str = ""
    #: offsets into the document text, kept for fixes and baselines (not serialised)
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)
