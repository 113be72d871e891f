"""The backend interface: a spelling or grammar engine seen through one small contract.

A backend turns a text into `Match`es in code-point offsets of that text. Each match has a
`kind` from a short, backend-neutral list; the rules map kinds to newslint categories and
codes, so a backend never needs to know about newslint's rule model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

__all__ = ["Backend", "BackendUnavailable", "Match", "KINDS"]

#: The kinds a backend may report. Only "spelling" and "grammar" become newslint reports;
#: the other kinds name problems that dedicated newslint rules already cover (spacing,
#: repeated words, capitalisation, punctuation and typography, style), so a backend's
#: report of them would be a second report of one problem.
KINDS = ("spelling", "grammar", "spacing", "repetition", "capitalization", "punctuation",
         "style", "other")


@dataclass(frozen=True, slots=True)
class Match:
    """One problem a backend found: text[start:end] with a message and suggestions."""

    start: int
    end: int
    kind: str
    rule_id: str
    message: str
    replacements: tuple[str, ...] = ()


class BackendUnavailable(RuntimeError):
    """The backend cannot run here (package, Java or server missing); the reason says why."""


class Backend:
    """A spelling or grammar engine. Subclasses set `name` and implement `check`.

    Construction may be slow (a dictionary or a server): the registry builds one instance per
    process and settings, lazily, the first time a selected rule asks for it.
    """

    name: ClassVar[str] = ""
    #: the kinds this backend can report (used to skip it when a rule needs another kind)
    provides: ClassVar[frozenset[str]] = frozenset()
    #: True when it runs with no download, no Java and no network
    offline: ClassVar[bool] = True

    def check(self, text: str) -> list[Match]:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        """Release processes or connections (a local LanguageTool server)."""
