"""newslint: a text-quality and provenance linter for news articles.

The public surface for plugin authors is re-exported here and nothing else.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .document import Document, Span
from .hookspecs import hookimpl
from .model import Diagnostic, Finding, Fix, Related, Severity
from .rule import Rule, corpus_rule, rule

__all__ = [
    "Diagnostic",
    "Document",
    "Finding",
    "Fix",
    "Related",
    "Rule",
    "Severity",
    "Span",
    "__version__",
    "corpus_rule",
    "hookimpl",
    "rule",
]
